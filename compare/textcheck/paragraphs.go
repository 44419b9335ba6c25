package textcheck

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/compare"
)

// paraFlags is what the paragraph checks know of one paragraph: a byte
// per paragraph, so that a file of a million one-word paragraphs costs a
// megabyte here.
type paraFlags uint8

const (
	paraHeading paraFlags = 1 << iota // a heading, marked or by its look
	paraList                          // a list item, a quotation line, a table row
	paraVerse                         // short lines: verse, an address, a caption
)

// paragraphs returns the flags of each of d.Paragraphs, built once.
func (c *docCheck) paragraphs() []paraFlags {
	if c.para != nil || len(c.d.Paragraphs) == 0 {
		return c.para
	}
	d := c.d
	c.para = make([]paraFlags, len(d.Paragraphs))
	marked := d.Structure.Headings(6)
	m := 0 // marked headings before m end before the paragraph
	for i, p := range d.Paragraphs {
		text := d.TextOf(p)
		var f paraFlags
		if listItem(text) {
			f |= paraList
		}
		if verseLike(text) {
			f |= paraVerse
		}
		// markup says what the headings are; text has only their look
		if _, ok := headingKey(text); ok && !d.Structure.Markup {
			f |= paraHeading
		}
		if _, ok := markedHeading(marked, &m, p); ok {
			f |= paraHeading
		}
		c.para[i] = f
	}
	return c.para
}

// markedHeading returns a marked heading that overlaps paragraph p; *m
// walks the sorted headings along with the paragraphs, so that the walk
// over all of them is linear.
func markedHeading(marked []compare.Span, m *int, p compare.Span) (compare.Span, bool) {
	for *m < len(marked) && marked[*m].End <= p.Start {
		*m++
	}
	if *m < len(marked) && marked[*m].Overlaps(p) {
		return marked[*m], true
	}
	return compare.Span{}, false
}

// listItem reports a paragraph that starts as a list item, a quotation
// line or a table row.
func listItem(p string) bool {
	if p == "" {
		return false
	}
	switch p[0] {
	case '-', '*', '+', '>', '|', '#', '[', '(':
		return true
	}
	if strings.HasPrefix(p, "•") || strings.HasPrefix(p, "–") {
		return true
	}
	i := 0
	for i < len(p) && i < 4 && (isDigit(p[i]) || p[i] >= 'a' && p[i] <= 'z' && i == 0) {
		i++
	}
	return i > 0 && i < len(p) && (p[i] == '.' || p[i] == ')') && i+1 < len(p) && p[i+1] == ' '
}

// verseLike reports a paragraph of several short lines.
func verseLike(p string) bool {
	lines := 0
	for len(p) > 0 {
		i := strings.IndexByte(p, '\n')
		line := p
		if i >= 0 {
			line, p = p[:i], p[i+1:]
		} else {
			p = ""
		}
		if len(line) > 200 || utf8.RuneCountInString(strings.TrimSpace(line)) > 50 {
			return false
		}
		lines++
	}
	return lines >= 2
}

// headingKey decides whether a paragraph of plain text looks like a
// heading and returns its folded text: one line, Markdown "#", a bold
// line, or a short line in title case or capitals with no sentence
// punctuation at its end.
func headingKey(p string) (string, bool) {
	if len(p) > 160 || strings.IndexByte(p, '\n') >= 0 {
		return "", false
	}
	atx := strings.HasPrefix(p, "#")
	core := strings.TrimSpace(strings.TrimLeft(p, "#"))
	if core == "" {
		return "", false
	}
	bold := len(core) > 4 && (strings.HasPrefix(core, "**") && strings.HasSuffix(core, "**") ||
		strings.HasPrefix(core, "__") && strings.HasSuffix(core, "__"))
	if !atx && !bold {
		// the cheap tests first: most paragraphs fail them
		last := core[len(core)-1]
		if last == ',' || last == ';' || last == '.' && !numberedEnd(core) || !titleCase(core) {
			return "", false
		}
	}
	key, words := foldHeading(core)
	if key == "" || words > 15 || !atx && !bold && words > 12 {
		return "", false
	}
	return key, true
}

// numberedEnd reports a line that ends in a numeral and a full stop, as
// "PART II." and "Chapter 3." do.
func numberedEnd(s string) bool {
	s = strings.TrimSuffix(s, ".")
	i := strings.LastIndexByte(s, ' ')
	w := s[i+1:]
	if allDigits(w) {
		return true
	}
	for _, r := range w {
		if !strings.ContainsRune("IVXLCDM", r) {
			return false
		}
	}
	return w != ""
}

// titleCase reports a line whose words of four letters or more are
// capitalised (or all capitals), with a capital first.
func titleCase(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(s, `*_"'(`))
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return false
	}
	long, up := 0, 0
	for len(s) > 0 {
		i := strings.IndexAny(s, " \t\n")
		w := s
		if i >= 0 {
			w, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		w = strings.Trim(w, `*_"'():,.`)
		if utf8.RuneCountInString(w) < 4 {
			continue
		}
		long++
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			up++
		}
	}
	return long > 0 && up*5 >= long*4
}

// foldHeading returns a heading's words in lower case, without markup
// and punctuation, and how many there are.
func foldHeading(s string) (string, int) {
	var b strings.Builder
	n := 0
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if n > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.ToLower(w))
		n++
	}
	return b.String(), n
}

// endProof are words a sentence does not end on.
var endProof = set("the", "a", "an", "of", "to", "and", "or", "nor", "with", "for", "in", "on", "by",
	"from", "at", "as", "that", "which", "whose", "our", "their", "his", "its", "my", "your", "this",
	"these", "those", "we", "is", "are", "was", "were", "be", "been", "has", "have", "had", "than",
	"into", "upon", "between", "among", "under", "over", "through", "such", "both", "either", "neither")

func findBrokenParagraphs(c *docCheck) {
	d := c.d
	info := c.paragraphs()
	if len(info) > 0 {
		fragmentStart(c, info[0])
	}
	for i := 0; i+1 < len(d.Paragraphs); i++ {
		p, q := d.Paragraphs[i], d.Paragraphs[i+1]
		// a list item may break too ("-- … safeguarding the" / "UN-centered …"),
		// but not into another item
		if info[i]&(paraHeading|paraVerse) != 0 || info[i+1]&(paraHeading|paraList) != 0 {
			continue
		}
		brokenBetween(c, p, q)
	}
}

// brokenBetween reports the break between paragraphs p and q when the
// sentence runs on across it.
func brokenBetween(c *docCheck, p, q compare.Span) {
	s := c.d.Text
	last, _ := utf8.DecodeLastRuneInString(s[p.Start:p.End])
	first, _ := utf8.DecodeRuneInString(s[q.Start:q.End])
	lw := wordBefore(s, p.End)
	lastWord := s[lw:p.End]
	if !unicode.IsLetter(last) && !unicode.IsDigit(last) && last != ',' {
		return
	}
	if unicode.IsLower(first) {
		if lastWord != "" && lw > p.Start && s[lw-1] == '.' {
			return // "… e.g." and the like
		}
	} else if !endProof[lastWord] || !(unicode.IsLetter(first) || unicode.IsDigit(first)) {
		return
	}
	if p.End-p.Start < 40 {
		return // a caption, a date line, a signature
	}
	if c.inCode(p.End-1) || c.inCode(q.Start) || looksLikeCode(s, p.End-1) || looksLikeCode(s, q.Start) {
		return
	}
	if a, b := chunkAround(s, q.Start); webLike(s[a:b]) {
		return // a URL or an address on a line of its own
	}
	qw := wordAfter(s, q.Start)
	if qw == q.Start {
		qw = min(q.End, q.Start+utf8.RuneLen(first))
	}
	span := compare.Span{Start: max(p.Start, lw), End: qw}
	if lw == p.End {
		span.Start = p.End - utf8.RuneLen(last)
	}
	f := c.at(CheckBrokenParagraph, span, "the paragraph ends in mid-sentence (%q) and the next one carries it on (%q): a page or column break of the source? Join the two paragraphs",
		"…"+tail(s[p.Start:p.End], 40), Shorten(s[q.Start:min(q.End, q.Start+60)], 40)+"…")
	if last != ',' {
		f.Fix = c.fix(compare.Span{Start: p.End, End: q.Start}, " ")
	}
	c.put(f)
}

// fragmentStart reports a document that starts in the middle of a
// sentence.
func fragmentStart(c *docCheck, info paraFlags) {
	d := c.d
	p := d.Paragraphs[0]
	first, _ := utf8.DecodeRuneInString(d.Text[p.Start:p.End])
	if !unicode.IsLower(first) || info&(paraHeading|paraList) != 0 || c.inCode(p.Start) {
		return
	}
	w := wordAfter(d.Text, p.Start)
	if w == p.Start || nearCode(c, compare.Span{Start: p.Start, End: w}) {
		return
	}
	word := d.Text[p.Start:w]
	if uiWords[word] || word == "by" && capitalised(d.TextOf(compare.Span{Start: w + 1, End: wordAfter(d.Text, min(p.End, w+1))})) {
		return // "click to enlarge", "by Jane Smith": page furniture, not a cut sentence
	}
	c.put(c.at(CheckFragment, compare.Span{Start: p.Start, End: w},
		"the text begins in the middle of a sentence (%q): the start is missing; restore it or mark the cut with an ellipsis",
		Shorten(d.Text[p.Start:min(p.End, p.Start+60)], 40)+"…"))
}

// uiWords start the lower-case lines of web pages and forms.
var uiWords = set("click", "tap", "update", "help", "view", "download", "login", "log", "sign", "share",
	"print", "email", "e", "search", "home", "menu", "skip", "back", "next", "previous", "more", "read",
	"see", "posted", "filed", "tags", "tagged", "updated", "published", "photo", "image", "source")

// tail returns the last words of s, at most about n bytes.
func tail(s string, n int) string {
	if len(s) <= n {
		return strings.Join(strings.Fields(s), " ")
	}
	s = s[len(s)-n:]
	if i := strings.IndexAny(s, " \n"); i >= 0 && i < len(s)-1 {
		s = s[i+1:]
	}
	return strings.Join(strings.Fields(s), " ")
}

// Shorten cuts s to at most n code points on a word boundary.
func Shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	out := string(r)
	if i := strings.LastIndexByte(out, ' '); i > n/2 {
		out = out[:i]
	}
	return out
}

// maxHeadingGap is the most words between two equal headings for the
// second to be reported: repeated section names ("Notes" per chapter)
// stand far apart.
const maxHeadingGap = 80

func findDuplicateHeadings(c *docCheck) {
	d := c.d
	info := c.paragraphs()
	marked := d.Structure.Headings(6)
	type seen struct {
		key   string
		span  compare.Span
		token int // the first token after the heading
	}
	// only headings less than maxHeadingGap words back can be reported
	// against, so only those are kept: a window of at most that many
	var recent []seen
	m := 0
	for i, p := range d.Paragraphs {
		if info[i]&paraHeading == 0 {
			continue
		}
		var key string
		if !d.Structure.Markup {
			key, _ = headingKey(d.TextOf(p))
		}
		if h, ok := markedHeading(marked, &m, p); ok {
			if k, _ := foldHeading(d.TextOf(h)); k != "" {
				key = k
			}
		}
		if key == "" || onlyNumerals(key) {
			continue
		}
		at := d.TokenAt(p.Start)
		keep := recent[:0]
		for _, r := range recent {
			if at-r.token <= maxHeadingGap {
				keep = append(keep, r)
			}
		}
		recent = keep
		for _, r := range recent {
			if r.key == key {
				f := c.at(CheckDuplicateHeading, p, "heading %q repeats the heading %d words before; delete one of them",
					Shorten(d.TextOf(p), 60), at-r.token)
				f.Relate("first", d, r.span)
				c.put(f)
				break
			}
		}
		recent = append(recent, seen{key: key, span: p, token: d.TokenAt(p.End)})
	}
}

func onlyNumerals(k string) bool {
	for _, w := range strings.Fields(k) {
		if !allDigits(w) && strings.Trim(w, "ivxlcdm") != "" {
			return false
		}
	}
	return true
}
