package textcheck

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/compare"
)

func findQuoteStyle(c *docCheck) {
	d := c.d
	if d.Structure.Markup || !strings.HasPrefix(d.Encoding, "utf-") {
		return // entities and markup hide how the marks were written
	}
	if !mixedQuotes(d.Raw) {
		return
	}
	// two passes, counting and then reporting, rather than a list of
	// every mark: a file of quotation marks costs no memory here
	curly, straight := 0, 0
	c.eachQuoteMark(func(_ int, isCurly bool) {
		if isCurly {
			curly++
		} else {
			straight++
		}
	})
	total := curly + straight
	minority := min(curly, straight)
	if minority == 0 || minority*3 > total {
		return
	}
	odd := curly < straight // the curly marks are the odd ones out
	style, rest := "straight", "curly"
	if odd {
		style, rest = "curly", "straight"
	}
	// one finding per paragraph that holds marks of the minority style
	para, first, last, n := -1, 0, 0, 0
	report := func() {
		if n > 0 {
			f := c.at(CheckQuoteStyle, compare.Span{Start: first, End: last + 1},
				"%d %s quotation mark(s) or apostrophe(s) here, where the rest of the document (%d marks) has %s ones; use one style",
				n, style, total-minority, rest)
			c.put(f)
		}
	}
	c.eachQuoteMark(func(at int, isCurly bool) {
		if isCurly != odd {
			return
		}
		if p := d.ParagraphAt(at); p != para {
			report()
			para, first, n = p, at, 0
		}
		last = at
		n++
	})
	report()
}

// mixedQuotes reports whether the original bytes hold both straight and
// curly marks, in UTF-8 or UTF-16: a quick test that spares the mark by
// mark reading of the original most documents need not have.
func mixedQuotes(raw []byte) bool {
	straight := bytes.IndexByte(raw, '"') >= 0 || bytes.IndexByte(raw, '\'') >= 0
	curly := false
	for _, q := range [][]byte{{0xE2, 0x80, 0x98}, {0xE2, 0x80, 0x99}, {0xE2, 0x80, 0x9C}, {0xE2, 0x80, 0x9D},
		{0x18, 0x20}, {0x19, 0x20}, {0x1C, 0x20}, {0x1D, 0x20}, {0x20, 0x18}, {0x20, 0x19}, {0x20, 0x1C}, {0x20, 0x1D}} {
		if bytes.Contains(raw, q) {
			curly = true
			break
		}
	}
	return straight && curly
}

// eachQuoteMark calls fn with each quotation mark or apostrophe of Text
// outside code, and whether the original has it curly.
func (c *docCheck) eachQuoteMark(fn func(at int, curly bool)) {
	s := c.d.Text
	for i := 0; i < len(s); i++ {
		if s[i] != '"' && s[i] != '\'' || c.inCode(i) {
			continue
		}
		o := c.origText(compare.Span{Start: i, End: i + 1})
		if (o == "\u201d" || o == "\u2019") && strings.HasSuffix(s[:i], "â€") {
			continue // part of mojibake ("â€”", "â€™"): text.mojibake reports it
		}
		fn(i, o != `"` && o != `'`)
	}
}

// speechWords attribute a quotation to a speaker or a source.
var speechWords = set("said", "says", "say", "saying", "wrote", "writes",
	"stated", "states", "declared", "declares", "told", "tells", "asked", "asks", "replied", "replies",
	"answered", "answers", "added", "adds", "according", "observed", "observes", "noted", "notes",
	"remarked", "remarks", "argued", "argues", "explained", "explains", "insisted", "insists", "claimed",
	"claims", "announced", "announces", "proclaimed", "proclaims", "exclaimed", "cried", "quoted", "quotes",
	"quoting", "cited", "cites", "called", "calls", "described", "describes", "warned", "warns", "recalled",
	"recalls", "concluded", "concludes", "suggested", "suggests", "commented", "admitted", "acknowledged",
	"affirmed", "asserted", "asserts", "maintained", "continued", "responded", "responds", "words",
	"speech", "letter", "motto", "inscription", "slogan", "title", "entitled", "headline", "reads",
	"observation", "remark", "opinion", "assertion", "statement", "reply", "answer", "declaration",
	"passage", "sayings", "language", "exclaims", "thus", "interview", "interviewed", "spokesman",
	"spokeswoman", "spokesperson", "comment", "comments", "quote", "according", "reproached", "chides",
	"speak", "speaks", "spoke", "spoken", "think", "thinks", "thought", "remember", "remembered",
	"wonder", "wondered", "realize", "realized", "realise", "realised", "heard", "hear", "hears", "saluted", "acclaimed", "hailed", "greeted", "swore", "oath",
	"sang", "sings", "shouted", "whispered", "murmured", "promised", "vowed", "pledged", "urged", "tweeted",
	"posted", "testified", "reported", "reports", "article", "poem", "song", "verse", "translated", "read",
	"translation", "phrase", "expression", "termed", "dubbed", "proverb", "adage", "maxim", "dictum")

func findUnattributedQuotes(c *docCheck) {
	d := c.d
	s := d.Text
	quoted := d.Structure.Quotations()
	// the quoted sentences, with their paragraphs, in order: a list of
	// what is there rather than a slot per paragraph
	type cand struct {
		para int
		q    compare.Span
	}
	var cands []cand
	for pi, p := range d.Paragraphs {
		t := s[p.Start:p.End]
		if strings.HasPrefix(t, ">") || strings.HasPrefix(t, "|") || strings.Count(t, `"`)%2 != 0 {
			continue // a quoted block, a table row, or marks that do not pair
		}
		open := -1
		for i := p.Start; i < p.End; i++ {
			if s[i] != '"' {
				continue
			}
			if open < 0 {
				open = i
				continue
			}
			q := compare.Span{Start: open, End: i + 1}
			open = -1
			if quotedSentence(s, q) && !c.inCode(q.Start) && !insideAny(quoted, q) {
				cands = append(cands, cand{pi, q})
			}
		}
	}
	for k, cd := range cands {
		// a quotation among others, in this paragraph or the next to it,
		// is dialogue or an interview: who speaks is told once for all
		if k > 0 && cands[k-1].para >= cd.para-1 || k+1 < len(cands) && cands[k+1].para <= cd.para+1 {
			continue
		}
		if attributed(c, cd.para, cd.q) {
			continue
		}
		c.put(c.at(CheckUnattributedQuote, cd.q, "quotation %q has no speaker and no note; name its source or add a note",
			Shorten(s[cd.q.Start+1:cd.q.End-1], 60)))
	}
}

func insideAny(bs []compare.Block, s compare.Span) bool {
	for _, b := range bs {
		if b.Span.Overlaps(s) {
			return true
		}
	}
	return false
}

// quotedSentence reports quoted text that is a sentence rather than a
// word, a phrase or a title: five words or more, not in title case,
// closed by its own full stop, question or exclamation mark, starting
// with a capital or after "that".
func quotedSentence(s string, q compare.Span) bool {
	in := s[q.Start+1 : q.End-1]
	if countWords(in, 5) < 5 || titleCase(in) || strings.Count(in, "(") != strings.Count(in, ")") {
		return false
	}
	end := strings.TrimRight(in, " ")
	if end == "" || strings.IndexByte(".!?", end[len(end)-1]) < 0 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(in)
	return unicode.IsUpper(r) || unicode.IsLower(r) && strings.HasSuffix(s[max(0, q.Start-5):q.Start], "that ")
}

// attributed reports whether quotation q of paragraph pi names a speaker
// or a source: a note marker or reference right after it, a colon before
// it, or a word of saying in its sentence, or in the sentence before
// (after) it when it opens (closes) its own.
func attributed(c *docCheck, pi int, q compare.Span) bool {
	d := c.d
	s := d.Text
	p := d.Paragraphs[pi]
	if noteAfter(c, q) {
		return true
	}
	// a colon or a comma introducing it, here or at the end of the last paragraph
	before := strings.TrimRight(s[p.Start:q.Start], " \n-")
	if strings.HasSuffix(before, ":") || strings.HasSuffix(before, ",") {
		return true
	}
	if before == "" && pi > 0 && strings.HasSuffix(strings.TrimRight(d.TextOf(d.Paragraphs[pi-1]), " -"), ":") {
		return true
	}
	// its sentence, from the one holding the opening mark to the one
	// holding the closing mark
	a, b := q.Start, q.End
	first, last := d.SentenceAt(q.Start), d.SentenceAt(q.End-1)
	if first >= 0 {
		a = d.Sentences[first].Start
	}
	if last >= 0 {
		b = max(b, d.Sentences[last].End)
	}
	a, b = max(a, p.Start), min(b, p.End)
	if strings.TrimSpace(s[a:q.Start]) == "" && first > 0 && d.Sentences[first-1].Start >= p.Start {
		a = d.Sentences[first-1].Start // it opens its sentence: the speaker may be named just before
	}
	after := s[q.End:b]
	if strings.Trim(after, " .") == "" && last >= 0 && last+1 < len(d.Sentences) && d.Sentences[last+1].End <= p.End {
		// it ends its sentence: the speaker may open the next ("Smith
		// said so.", "These were his words.")
		after = firstWords(d.TextOf(d.Sentences[last+1]), 6)
	}
	// a speech verb inside the marks names the speaker too ("I have
	// expelled him, (he answered the ambassador;) …"), or shows marks
	// paired wrongly around "Dr. X … says that …"
	if hasSpeechWord(s[a:q.Start]) || hasSpeechWord(after) || hasSpeechWord(s[q.Start:q.End]) {
		return true
	}
	if strings.HasSuffix(strings.TrimRight(s[p.Start:q.Start], " "), "'s") {
		return true // Le Beau's "Histoire du Bas Empire …": a title
	}
	// a paragraph that cites a source (a note, most often) attributes
	// the quotations in it; a quotation that makes a paragraph of its
	// own is introduced at the end of the one before
	if reference(s[p.Start:p.End]) || authorAbbreviation(s[q.End:p.End]) {
		return true
	}
	if q.Start == p.Start && pi > 0 {
		prev := d.Paragraphs[pi-1]
		k := d.SentenceAt(prev.End - 1)
		if k >= 0 && hasSpeechWord(s[max(prev.Start, d.Sentences[k].Start):prev.End]) {
			return true
		}
	}
	return false
}

// countWords counts the words of s separated by white space, up to n.
func countWords(s string, n int) int {
	c, in := 0, false
	for i := 0; i < len(s) && c < n; i++ {
		sp := isSpace(s[i])
		if !sp && !in {
			c++
		}
		in = !sp
	}
	return c
}

// firstWords returns s up to the end of its nth word.
func firstWords(s string, n int) string {
	c, in := 0, false
	for i := 0; i < len(s); i++ {
		sp := isSpace(s[i])
		if sp && in && c == n {
			return s[:i]
		}
		if !sp && !in {
			c++
		}
		in = !sp
	}
	return s
}

// authorAbbreviation reports a quotation followed by an abbreviated
// author or work: "… procul agentibus." Tacit. Hist. iv. 74.
func authorAbbreviation(after string) bool {
	after = strings.TrimLeft(after, " \n")
	w := wordAfter(after, 0)
	return w >= 3 && w <= 7 && w < len(after) && after[w] == '.' && capitalised(after[:w])
}

// noteAfter reports a note marker or a parenthetical reference right
// after quotation q.
func noteAfter(c *docCheck, q compare.Span) bool {
	s := c.d.Text
	after := strings.TrimLeft(s[q.End:min(len(s), q.End+16)], " .,;")
	if strings.HasPrefix(after, "<sup") || strings.HasPrefix(after, "[") || strings.HasPrefix(after, "^") ||
		len(after) > 0 && (isDigit(after[0]) || superscript(firstRune(after))) {
		return true
	}
	if strings.HasPrefix(after, "(") && strings.ContainsAny(s[q.End:min(len(s), q.End+60)], "0123456789") {
		return true
	}
	if strings.HasPrefix(after, "--") || strings.HasPrefix(after, "- ") {
		return true // "— Mark Twain"
	}
	if len(after) >= 3 && after[0] >= 'A' && after[0] <= 'Z' && after[1] == '.' && (after[2] >= 'A' && after[2] <= 'Z' || after[2] == ' ') {
		return true // initials: "… since sliced bread!" C.H.
	}
	for _, m := range c.d.Structure.NoteMarkers {
		if m.Span.Start >= q.End && m.Span.Start <= q.End+16 {
			return true
		}
	}
	return false
}

// referenceRE matches a bibliographic reference: a page, chapter, book
// or volume number ("p. 220", "l. iv. c. 2", "vol. 3"), a Roman numeral
// and a number ("Hist. iv. 74"), ibid., op. cit., cf.
var referenceRE = regexp.MustCompile(`(?:^|[\s(,;])(?:(?:p|pp|c|l|b|vol|vols|ch|cap|lib|art|sec|no|col)\.\s?[0-9ivxlcdm]|[ivxlc]+\.\s[0-9])|\b(?:[Ii]bid\.|op\.\s?cit|[Cc]f\.\s)`)

// reference reports a bibliographic reference in s.
func reference(s string) bool { return referenceRE.MatchString(s) }

// hasSpeechWord reports a word of speechWords in s.
func hasSpeechWord(s string) bool {
	for i := 0; i < len(s); {
		if !isLetter(s, i) {
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
			continue
		}
		j := wordAfter(s, i)
		if j-i <= 12 && speechWords[strings.ToLower(s[i:j])] {
			return true
		}
		i = max(j, i+1)
	}
	return false
}

func superscript(r rune) bool {
	return r == '¹' || r == '²' || r == '³' || r >= '⁰' && r <= '⁹'
}
