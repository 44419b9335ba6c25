package citations

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/compare"
)

// Kind says what a citation is: a full reference to a work, or a short
// form that points back to one.
type Kind int

// The kinds of citation.
const (
	KindFull       Kind = iota + 1 // author, title, publication details
	KindShortTitle                 // "Smith, History, 45" after a full citation
	KindIbid                       // Ibid., ibid, Ib.
	KindID                         // Id., Id. at 5 (Bluebook)
	KindOpCit                      // Smith, op. cit., p. 3
	KindLocCit                     // Smith, loc. cit.
	KindSupra                      // Smith, supra note 12, at 4
	KindCrossRef                   // "Part II, supra", "see note 3 above": not a source
)

func (k Kind) String() string {
	switch k {
	case KindFull:
		return "full"
	case KindShortTitle:
		return "short title"
	case KindIbid:
		return "ibid."
	case KindID:
		return "id."
	case KindOpCit:
		return "op. cit."
	case KindLocCit:
		return "loc. cit."
	case KindSupra:
		return "supra"
	case KindCrossRef:
		return "cross-reference"
	}
	return "unknown"
}

// Citation is one reference inside a note.
type Citation struct {
	Kind      Kind
	Span      compare.Span // Text coordinates
	Author    string       // as written; for op. cit. and loc. cit. whatever names the work
	Title     string
	Loci      []string // "p. 3", "l. liv. p. 736", "at 45"
	Page      string   // the first page pinned ("3"), if any
	PageEnd   string   // the last page of a range ("5" in "pp. 3–5")
	SupraNote string   // N in "supra note N"
	HasPub    bool     // publication details: year, place, publisher, URL
	Note      *Note
	Work      *Work // what it refers to, once resolved
}

// Name is how a finding names the work a citation points at: as this
// citation writes it, or for ibid. and the like as the work was cited.
func (c *Citation) Name() string {
	if c.Work != nil && c.Author == "" && c.Title == "" {
		return c.Work.Name()
	}
	switch {
	case c.Title != "" && c.Author != "":
		return c.Author + ", " + c.Title
	case c.Title != "":
		return c.Title
	}
	return c.Author
}

// Work is a cited work: the first full citation that names it.
type Work struct {
	Author string
	Title  string
	First  *Citation

	authorSig, titleSig []string // Signature of Author and Title, for matching
}

// Name returns the work's title, with the author when there is one.
func (w *Work) Name() string {
	switch {
	case w.Title != "" && w.Author != "":
		return w.Author + ", " + w.Title
	case w.Title != "":
		return w.Title
	}
	return w.Author
}

var (
	reSignal       = regexp.MustCompile(`^(?i:(?:see also|see, e\.g\.,|see|but see|cf\.|compare|e\.g\.,|accord|also|and)\s*,?\s+)`)
	reIbid         = regexp.MustCompile(`^(?i:ibidem|ibid|ib\.)\.?,?`)
	reIdem         = regexp.MustCompile(`^(?:Id\.|id\.|Idem\b|idem\b),?`)
	reIdIbid       = regexp.MustCompile(`^(?:Id\.|Idem)\s*,?\s*(?i:ibid)\.?`)
	reOpCit        = regexp.MustCompile(`(?i)\bop\.\s*cit\.?|\bopere citato\b`)
	reLocCit       = regexp.MustCompile(`(?i)\bloc\.\s*cit\.?|\bloco citato\b`)
	reSupra        = regexp.MustCompile(`(?i)\bsupra\b`)
	reSupraN       = regexp.MustCompile(`(?i)\bsupra,?\s+(?:notes?|n\.|nn\.)\s*(\d+)`)
	reInternal     = regexp.MustCompile(`(?i)^(?:see\s+)?(?:part|chapter|chap\.|section|sect\.|§|appendix|book|vol\.|volume|note|notes|n\.|p\.|pp\.|page|pages|text|above|below|infra|supra)\b`)
	rePage         = regexp.MustCompile(`(?:\bpp?\.|\bpages?\b|\bat\b|\bS\.)\s*([0-9]+|[ivxlcdm]+\b)(?:\s*(?:-|–|to)\s*([0-9]+))?`)
	reLocus        = regexp.MustCompile(`(?i)(?:^|[\s(,])(?:pp?|l|c|vol|tom|ch|chap|sect|sec|ver|ep|epist|lib|cap|n|no|art|fol|col|s)\.\s*[0-9ivxlcdm]+|(?:^|[\s(,])(?:at|page)\s+[0-9]+|§\s*[0-9]+`)
	reLocusEnd     = regexp.MustCompile(`\b[0-9]{1,4}(?:,\s*[0-9]{1,4})*[.,]?\s*$|\s[ivxlc]+\.(?:\s*[ivxlc0-9]+\.?)*\s*$`)
	reTrailingPage = regexp.MustCompile(`[,)]\s*([0-9]{1,4})(?:\s*[-–]\s*([0-9]{1,4}))?\.?\s*$`)
	reYear         = regexp.MustCompile(`\b1[5-9][0-9]{2}\b|\b20[0-9]{2}\b`)
	reBarePage     = regexp.MustCompile(`^[\s.,]*([0-9]+)\b`)
	reLocusOnly    = regexp.MustCompile(`(?i)^(?:(?:and|also|see)\s+)?(?:(?:pp?|l|c|vol|tom|ch|chap|sect|ver|ep|lib|cap|n|no|at|§|book|part)\.?\s*)?[0-9ivxlcdm]+[.,]?(?:[\s,.–-]+(?:(?:pp?|l|c|vol|tom|ch|at|and|ff?)\.?\s*)?[0-9ivxlcdm]*[.,]?)*$`)
)

// ParseReferences parses the text of every note into citations, up to
// ns.Limits.Citations pieces of note text in all; the notes past that are
// left without citations and counted in ns.Dropped.Unparsed.
func ParseReferences(ns *Notes) {
	left := ns.Limits.Citations
	for _, n := range ns.Notes {
		if left <= 0 {
			n.Citations = nil
			ns.Dropped.unparsed(n)
			continue
		}
		var units int
		n.Citations, units = parseNote(ns.Doc, n, left)
		if units > left {
			ns.Dropped.unparsed(n)
		}
		left -= units
	}
}

// ParseNote splits a note into citations: at semicolons and sentence ends
// outside brackets and quotes. A piece that is only a locus ("p. 7",
// "l. iv. c. 3") adds a locus to the citation before it: one work with
// several loci, not several works. At most MaxCitations pieces are read.
func ParseNote(doc *compare.Document, n *Note) []*Citation {
	out, _ := parseNote(doc, n, MaxCitations)
	return out
}

// parseNote is ParseNote reading at most limit pieces; units is how many
// pieces it read, limit+1 when there were more.
func parseNote(doc *compare.Document, n *Note, limit int) (out []*Citation, units int) {
	splitUnits(doc, n.Body, func(u compare.Span) bool {
		units++
		if units > limit {
			return false
		}
		text := doc.Text[u.Start:u.End]
		if strings.Contains(text, "cite") {
			if cs := latexCitations(text, u.Start); len(cs) > 0 {
				for _, c := range cs {
					c.Note = n
				}
				out = append(out, cs...)
				return true
			}
		}
		c := parseUnit(text, u)
		if c == nil {
			if loc := strings.TrimSpace(strings.Trim(text, " .,;()")); len(out) > 0 && loc != "" && reLocusOnly.MatchString(loc) {
				last := out[len(out)-1]
				last.Loci = append(last.Loci, loc)
				last.Span.End = u.End
			}
			return true
		}
		c.Note = n
		out = append(out, c)
		return true
	})
	return out, units
}

// latexCitations reads the LaTeX citation commands of one piece of a
// note (text, at Text offset off): a citation per key, the key standing
// for the title (a manifest or BibTeX key matches its source outright),
// the page from the postnote ("\cite[p.~12]{key}", "\citep[see][12--14]{a,b}").
func latexCitations(text string, off int) []*Citation {
	var out []*Citation
	for _, m := range reLaTeXCite.FindAllStringSubmatchIndex(text, 8) {
		post := ""
		switch {
		case m[4] >= 0:
			post = text[m[4]:m[5]]
		case m[2] >= 0:
			post = text[m[2]:m[3]]
		}
		post = strings.TrimSpace(strings.NewReplacer("~", " ", "--", "–", `\,`, " ").Replace(post))
		for _, key := range strings.Split(text[m[6]:m[7]], ",") {
			key = strings.TrimSpace(key)
			if key == "" {
				continue
			}
			c := &Citation{Kind: KindFull, Title: key, Span: compare.Span{Start: off + m[0], End: off + m[1]}}
			if post != "" {
				c.Loci = append(c.Loci, post)
				if m := reBareRange.FindStringSubmatch(post); m != nil {
					c.Page, c.PageEnd = m[1], m[2]
				} else {
					c.setLoci(post)
				}
			}
			out = append(out, c)
		}
	}
	return out
}

// reBareRange is a postnote that is only a page or a range: "12", "12–14".
var reBareRange = regexp.MustCompile(`^([0-9]+)(?:\s*–\s*([0-9]+))?$`)

// splitUnits calls fn with each piece of a note body, split at top-level
// semicolons and at sentence ends (a point after a lower-case word or a
// number, followed by a capital), until fn returns false. Points after capitalised abbreviations ("Val. Max.",
// "Hist. August.") do not split, so an abbreviated author stays whole.
func splitUnits(doc *compare.Document, body compare.Span, fn func(compare.Span) bool) {
	s := doc.Text
	stop := false
	emit := func(a, b int) {
		if t := compare.TrimSpan(s, compare.Span{Start: a, End: b}); t.End > t.Start && !stop {
			stop = !fn(t)
		}
	}
	start := body.Start
	depth := 0
	inQuote := false
	for i := body.Start; i < body.End && !stop; i++ {
		switch s[i] {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			if depth > 0 {
				depth--
			}
			// "(Valesius ad loc. cit. Ammian.) Spanheim …": a closed
			// bracketed sentence ends the piece
			if depth == 0 && !inQuote && s[i] == ')' && i > body.Start && s[i-1] == '.' {
				k := i + 1
				for k < body.End && isSpace(s[k]) {
					k++
				}
				if k > i+1 && k < body.End && s[k] >= 'A' && s[k] <= 'Z' {
					emit(start, i+1)
					start = k
					i = k - 1
				}
			}
		case '"':
			inQuote = !inQuote
		case ';':
			if depth == 0 && !inQuote {
				emit(start, i)
				start = i + 1
			}
		case '.', '?', '!':
			if depth > 0 || inQuote {
				continue
			}
			k := i + 1
			for k < body.End && (s[k] == '"' || s[k] == ')') {
				k++
			}
			if k >= body.End || !isSpace(s[k]) {
				continue
			}
			for k < body.End && isSpace(s[k]) {
				k++
			}
			if k >= body.End || !(s[k] >= 'A' && s[k] <= 'Z' || s[k] == '"') {
				continue
			}
			if s[i] == '.' && !pointEnds(s, i) {
				continue
			}
			emit(start, i+1)
			start = k
			i = k - 1
		}
	}
	emit(start, body.End)
}

var abbrevWords = map[string]bool{"ibid": true, "cit": true, "edit": true, "trans": true, "comp": true,
	"vols": true, "chap": true, "sect": true, "epist": true, "append": true, "annal": true, "hist": true}

// pointEnds reports whether the point at i ends a sentence: it follows a
// lower-case word of four or more letters, or a number.
func pointEnds(s string, i int) bool {
	j := i
	for j > 0 && (isLetter(s[j-1]) || isDigit(s[j-1])) {
		j--
	}
	w := s[j:i]
	if w == "" {
		return s[i-1] == ')'
	}
	if isAllDigits(w) {
		return true
	}
	return len(w) >= 4 && w[0] >= 'a' && w[0] <= 'z' && !abbrevWords[w]
}

// parseUnit classifies one piece of a note; nil when it cites nothing.
func parseUnit(text string, span compare.Span) *Citation {
	t := strings.TrimSpace(text)
	off := span.Start + len(text) - len(strings.TrimLeftFunc(text, unicode.IsSpace))
	if len(t) > maxUnitBytes { // prose, not a citation: read its start only
		t = t[:cutUTF8(t, maxUnitBytes)]
	}
	// short forms and signals set in italics ("_Ibid._, 102", "Rivers,
	// *op. cit.*", "_cf._ Junker") read as the words, without the
	// emphasis marks; plain is t with them blanked, byte for byte
	plain := t
	if strings.ContainsAny(t, "_*") {
		plain = strings.Map(func(r rune) rune {
			if r == '_' || r == '*' {
				return ' '
			}
			return r
		}, t)
	}
	// LaTeX's spaces after an abbreviation ("op.\ cit.", "p.~12") read as
	// spaces, byte for byte
	if strings.ContainsAny(plain, "\\~") {
		plain = strings.NewReplacer(`\ `, "  ", "~", " ").Replace(plain)
	}
	for {
		lead := strings.TrimLeft(plain, " ")
		m := reSignal.FindString(lead)
		if m == "" {
			break
		}
		n := len(plain) - len(lead) + len(m)
		for n < len(plain) && plain[n] == ' ' {
			n++
		}
		t, plain = t[n:], plain[n:]
		off += n
	}
	c := &Citation{Span: compare.Span{Start: off, End: span.End}}
	lead := strings.TrimLeft(plain, " ")
	switch {
	case reIdIbid.MatchString(lead), reIbid.MatchString(lead):
		c.Kind = KindIbid
		c.setLoci(lead)
		return c
	case reIdem.MatchString(lead):
		c.Kind = KindID
		c.setLoci(lead)
		return c
	}
	// the regular expressions only run where their key word occurs: notes
	// are many and mostly prose
	lt := strings.ToLower(t)
	if strings.Contains(lt, "supra") || strings.Contains(lt, "cit") {
		if parseLatinShortForm(c, plain) {
			return c
		}
	}
	if (strings.Contains(lt, "above") || strings.Contains(lt, "below") || strings.Contains(lt, "infra")) && reInternal.MatchString(t) {
		c.Kind = KindCrossRef
		return c
	}
	c.Author, c.Title = authorTitle(t)
	if c.Author == "" && c.Title == "" {
		return nil // prose: the costly searches below are not needed
	}
	c.HasPub = hasPublication(t[:cutUTF8(t, locusWindow)])
	c.setLoci(t)
	hasLocus := len(c.Loci) > 0
	switch {
	case c.Author != "" && (hasLocus || c.HasPub || c.Title != ""):
	case c.Title != "" && (hasLocus || c.HasPub):
	case c.HasPub && (c.Author != "" || c.Title != ""):
	default:
		return nil
	}
	c.Kind = KindFull
	return c
}

// parseLatinShortForm reads "supra note N", op. cit., loc. cit. and
// "Smith, supra" (an internal "Part II, supra" is a cross-reference) into
// c, and reports whether t is one of them.
func parseLatinShortForm(c *Citation, t string) bool {
	if m := reSupraN.FindStringSubmatchIndex(t); m != nil {
		c.Kind = KindSupra
		c.SupraNote = t[m[2]:m[3]]
		c.Author = nameBefore(t[:m[0]])
		c.setLoci(t[m[1]:])
		return true
	}
	if loc := reOpCit.FindStringIndex(t); loc != nil {
		c.Kind = KindOpCit
		c.Author = nameBefore(t[:loc[0]])
		c.setLoci(t[loc[1]:])
		return true
	}
	if loc := reLocCit.FindStringIndex(t); loc != nil {
		c.Kind = KindLocCit
		c.Author = nameBefore(t[:loc[0]])
		if strings.HasSuffix(strings.TrimSpace(t[:loc[0]]), " ad") {
			// "Valesius ad loc. cit. Ammian.": a commentator on the place
			// cited of the author named after it
			if after := strings.Trim(t[loc[1]:], " .,)"); after != "" {
				c.Author = strings.Trim(strings.Fields(after)[0], ",;:()")
			}
		}
		c.setLoci(t[loc[1]:])
		return true
	}
	if loc := reSupra.FindStringIndex(t); loc != nil {
		before := strings.TrimSpace(t[:loc[0]])
		if before == "" || reInternal.MatchString(before) {
			c.Kind = KindCrossRef
			return true
		}
		c.Kind = KindSupra
		c.Author = nameBefore(before)
		c.setLoci(t[loc[1]:])
		return true
	}
	return false
}

// maxUnitBytes bounds how much of one piece of a note parseUnit reads: a
// citation is far shorter, and the searches it runs cost time in
// proportion to what they read.
const maxUnitBytes = 4096

// locusWindow bounds how far into a piece loci are looked for: they come
// early, and long discursive notes would make the search costly.
const locusWindow = 400

// setLoci records the loci and the first page pinned in t.
func (c *Citation) setLoci(t string) {
	head := t[:cutUTF8(t, locusWindow)]
	for _, m := range reLocus.FindAllString(head, 8) {
		c.Loci = append(c.Loci, strings.Trim(m, " (,"))
	}
	tail := t[max(0, len(t)-60):]
	for len(tail) > 0 && tail[0]&0xC0 == 0x80 {
		tail = tail[1:]
	}
	if m := reLocusEnd.FindString(tail); m != "" {
		c.Loci = append(c.Loci, strings.TrimSpace(m))
	}
	t = head
	if m := rePage.FindStringSubmatch(t); m != nil {
		c.Page = m[1]
		c.PageEnd = m[2]
	} else if m := reTrailingPage.FindStringSubmatch(t); m != nil && c.Kind != KindIbid && c.Kind != KindID {
		// Chicago: "Title (Place, Year), 30." ends with the page
		c.Page = m[1]
		c.PageEnd = m[2]
	} else if len(c.Loci) > 0 && c.Kind == KindLocCit || c.Kind == KindIbid || c.Kind == KindID {
		// a bare number after the short form: "Ibid. 124"
		if m := reBarePage.FindStringSubmatch(strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(t, "Ibid"), "Id"), ".")); m != nil {
			c.Page = m[1]
		}
	}
}

// nameBefore returns what names the work before a short form: "Smith" in
// "Smith, op. cit.", "Full Text of … University" in seed 001.
func nameBefore(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, " ,;:")
	if !endsInAbbreviation(s) {
		s = strings.TrimRight(s, ".")
	}
	// an open bracket, or an earlier sentence (one that ends in a word of
	// five letters or more, not an abbreviation such as "Val. Max.")
	if i := strings.LastIndexByte(s, '('); i >= 0 && !strings.Contains(s[i:], ")") {
		s = s[i+1:]
	}
	if i := strings.LastIndex(s, ". "); i >= 0 && i+2 < len(s) && unicode.IsUpper(firstRune(s[i+2:])) && endsSentence(s, i) {
		s = s[i+2:]
	}
	s = strings.TrimLeft(s, "( ")
	if strings.HasSuffix(s, " ad") { // "Valesius ad loc. cit.": a commentator on the place cited
		s = strings.TrimSuffix(s, " ad")
	}
	return strings.Trim(s, `"*_ `)
}

// endsInAbbreviation reports whether s ends in a short capitalised word
// with a point ("Val. Max.", "Ammian."), which keeps its point.
func endsInAbbreviation(s string) bool {
	if !strings.HasSuffix(s, ".") {
		return false
	}
	j := len(s) - 1
	for j > 0 && isLetter(s[j-1]) {
		j--
	}
	return len(s)-1-j >= 2 && s[j] >= 'A' && s[j] <= 'Z'
}

// endsSentence reports whether the point at dot follows a word of five
// or more letters, or a lower-case one of four.
func endsSentence(s string, dot int) bool {
	j := dot
	for j > 0 && isLetter(s[j-1]) {
		j--
	}
	return dot-j >= 5 || dot-j >= 4 && s[j] >= 'a' && s[j] <= 'z'
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

var nameParticles = map[string]bool{"de": true, "van": true, "von": true, "der": true, "la": true, "le": true,
	"du": true, "of": true, "and": true, "v.": true, "v": true, "vs.": true, "the": true, "&": true, "da": true, "di": true, "al.": true, "et": true, "in": true, "ad": true}

var notNames = map[string]bool{"The": true, "A": true, "An": true, "This": true, "It": true, "He": true, "She": true,
	"They": true, "We": true, "In": true, "On": true, "At": true, "As": true, "But": true, "If": true, "When": true,
	"There": true, "That": true, "These": true, "Those": true, "His": true, "Her": true, "Their": true, "I": true,
	"Note": true, "For": true, "By": true, "To": true, "Of": true, "After": true, "Yet": true, "Such": true,
	"All": true, "Some": true, "Most": true, "Many": true, "Both": true, "Even": true, "From": true, "With": true}

// authorTitle guesses the author and title of a citation: the author is a
// leading name (before a comma, a locus or a title), the title a quoted
// or emphasised phrase, else the piece after the author.
func authorTitle(t string) (author, title string) {
	// a quoted or emphasised title
	if q := quotedTitle(t); q != "" {
		title = q
	}
	head := t
	if i := strings.IndexAny(head, ",(\""); i >= 0 {
		head = head[:i]
	}
	words := strings.Fields(head)
	var name []string
	for _, w := range words {
		lw := strings.ToLower(strings.TrimRight(w, "."))
		// an initial ("E. P. Thompson"): a capital and a point, never a
		// locus ("p. 12" is written in lower case)
		if initial(w) && len(name) < 6 {
			name = append(name, w)
			continue
		}
		if isLocusWord(lw) || strings.ContainsAny(w, "0123456789") {
			break
		}
		r := firstRune(w)
		if unicode.IsUpper(r) || nameParticles[strings.ToLower(w)] && len(name) > 0 {
			name = append(name, w)
			continue
		}
		break
	}
	// a capitalised word that starts a sentence is no name: "Among the …"
	if len(name) == 1 && len(words) > 1 {
		if nw := words[1]; unicode.IsLower(firstRune(nw)) && !nameParticles[nw] && !isLocusWord(strings.TrimRight(nw, ".")) {
			name = nil
		}
	}
	if len(name) > 0 && len(name) <= 7 && !notNames[name[0]] {
		for len(name) > 0 && nameParticles[strings.ToLower(name[len(name)-1])] {
			name = name[:len(name)-1]
		}
		author = strings.TrimRight(strings.Join(name, " "), ",")
	}
	if title == "" && author != "" {
		// the piece after the author's comma, when it reads like a title
		rest := strings.TrimSpace(t[min(len(t), len(head)):])
		rest = strings.TrimLeft(rest, ", ")
		if i := strings.IndexAny(rest, ",(;"); i >= 0 {
			rest = rest[:i]
		}
		rest = strings.TrimSpace(strings.TrimRight(rest, "."))
		if rest != "" && unicode.IsUpper(firstRune(rest)) && !reLocus.MatchString(" "+rest) && len(strings.Fields(rest)) <= 10 &&
			titleCase(rest) && !strings.HasPrefix(rest, "Note") && !strings.Contains(rest, ": ") {
			title = strings.Trim(rest, "*_")
		}
	}
	return strings.Join(strings.Fields(author), " "), strings.Join(strings.Fields(title), " ")
}

// titleCase reports a phrase whose longer words are mostly capitalised,
// as titles are; a quoted sentence is not.
func titleCase(s string) bool {
	up, long := 0, 0
	for _, w := range strings.Fields(s) {
		w = strings.Trim(w, `"'*_,.:;()`)
		if utf8.RuneCountInString(w) < 4 {
			continue
		}
		long++
		if unicode.IsUpper(firstRune(w)) {
			up++
		}
	}
	return long == 0 || up*2 >= long
}

func isLocusWord(w string) bool {
	switch w {
	case "p", "pp", "l", "c", "vol", "tom", "ch", "chap", "sect", "ver", "ep", "lib", "cap", "n", "no", "at", "ibid", "id", "op", "loc", "edit", "ed", "in", "ad", "apud":
		return true
	}
	return false
}

// quotedTitle returns a quoted ("…") or emphasised (*…*, _…_) phrase of
// two or more words.
func quotedTitle(t string) string {
	for _, q := range []string{`"`, "*", "_"} {
		i := strings.Index(t, q)
		if i < 0 {
			continue
		}
		j := strings.Index(t[i+len(q):], q)
		if j < 0 {
			continue
		}
		in := strings.Trim(t[i+len(q):i+len(q)+j], " ,.*_")
		if n := len(strings.Fields(in)); n >= 2 && n <= 16 && titleCase(in) {
			return in
		}
	}
	return ""
}

// hasPublication reports publication details: a year, a place and
// publisher, "ed.", "trans.", "Press", a URL or a DOI.
func hasPublication(t string) bool {
	if strings.Contains(t, "http") || strings.Contains(t, "doi:") || strings.Contains(t, "www.") {
		return true
	}
	if reYear.MatchString(t) {
		return true
	}
	lt := strings.ToLower(t)
	for _, w := range []string{" press", "edited by", "trans. by", "translated by", "publisher", "university press"} {
		if strings.Contains(lt, w) {
			return true
		}
	}
	return false
}

// Signature normalises a name or title to lower-case words of three or
// more letters, for matching.
func Signature(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(w) >= 3 && !stopWord[w] || len(w) >= 2 && isAllDigits(w) {
			out = append(out, w)
		}
	}
	return out
}

// cutUTF8 returns the largest n <= limit that does not split a rune.
func cutUTF8(s string, limit int) int {
	if len(s) <= limit {
		return len(s)
	}
	for limit > 0 && s[limit]&0xC0 == 0x80 {
		limit--
	}
	return limit
}

func isAllDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

var stopWord = map[string]bool{"the": true, "and": true, "for": true, "with": true, "from": true, "that": true,
	"this": true, "into": true, "upon": true, "his": true, "her": true, "their": true, "its": true, "des": true,
	"der": true, "die": true, "das": true, "les": true, "von": true, "van": true, "del": true, "della": true}

// namesMatch reports whether every word of the shorter name matches a
// word of the longer. A word written with a point is an abbreviation and
// matches the words it begins ("Val. Max." and "Valerius Maximus",
// "Euseb." and "Eusebius"); other words match whole ("Dion" is not
// "Dionysius").
func namesMatch(a, b string) bool { return sigNamesMatch(nameSignature(a), nameSignature(b)) }

// nameSignature is Signature for names, keeping the point of abbreviated
// words ("euseb.").
func nameSignature(s string) []string {
	var out []string
	for _, f := range strings.Fields(strings.ToLower(s)) {
		abbr := strings.HasSuffix(strings.TrimRight(f, ",;:)"), ".")
		for _, w := range Signature(f) {
			if abbr {
				w += "."
			}
			out = append(out, w)
		}
	}
	return out
}

func sigNamesMatch(as, bs []string) bool {
	if len(as) == 0 || len(bs) == 0 {
		return false
	}
	if len(as) > len(bs) {
		as, bs = bs, as
	}
	for _, x := range as {
		ok := false
		for _, y := range bs {
			if wordsMatch(x, y) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// wordsMatch compares two name words, either of which may be an
// abbreviation ending in a point.
func wordsMatch(x, y string) bool {
	xa, ya := strings.HasSuffix(x, "."), strings.HasSuffix(y, ".")
	xs, ys := strings.TrimSuffix(x, "."), strings.TrimSuffix(y, ".")
	switch {
	case xs == ys:
		return true
	case xa && len(xs) >= 3 && strings.HasPrefix(ys, xs):
		return true
	case ya && len(ys) >= 3 && strings.HasPrefix(xs, ys):
		return true
	}
	return false
}

// titleCovers reports whether the words of a short title all occur in a
// longer one (abbreviations allowed), and it has at least one.
func titleCovers(short, long string) bool { return sigTitleCovers(Signature(short), Signature(long)) }

func sigTitleCovers(ss, ls []string) bool {
	if len(ss) == 0 {
		return false
	}
	for _, x := range ss {
		ok := false
		for _, y := range ls {
			if x == y || len(x) >= 4 && strings.HasPrefix(y, x) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// initial reports an initial of a name: "E.", "P.".
func initial(w string) bool {
	return len(w) == 2 && w[1] == '.' && w[0] >= 'A' && w[0] <= 'Z'
}
