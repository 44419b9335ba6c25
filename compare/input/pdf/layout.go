package pdf

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/compare"
)

// layout turns each page's lines into the document's text: pagination
// (running heads and feet, page numbers) left out, lines grouped into
// paragraphs, words hyphenated at a line end joined, and a paragraph cut
// by a page break joined again. A page's footnotes (lines in a smaller
// size at its foot, the first starting with a label) follow the end of
// the paragraph that the page break cut, so that they do not split it.
func layout(pages [][]textLine, labels []string) *Doc {
	for i := range pages {
		pages[i] = nonBlank(pages[i])
	}
	dropped := dropPagination(pages)
	leading, bodySize := typicalLeading(pages)
	w := &writer{doc: &Doc{Pages: len(pages), Dropped: dropped}, leading: leading}
	var pending *pageFoot
	for pi, lines := range pages {
		if len(lines) == 0 {
			continue
		}
		w.page(lines)
		body, foot := splitFoot(lines, bodySize)
		para := 0
		for li, l := range body {
			text := strings.TrimSpace(string(l.text))
			sep := "\n\n"
			switch {
			case len(w.out) == 0:
				sep = ""
			case li == 0:
				// the first line of a page: a paragraph the page break cut runs on
				if runsOn(w.out, text) {
					sep = "\n"
				}
			default:
				if !w.newParagraph(body[li-1], l) {
					sep = "\n"
				}
			}
			if pending != nil && sep == "\n\n" {
				w.flush(pending)
				pending = nil
			}
			if sep == "\n\n" || li == 0 && para == 0 {
				para++
			}
			w.emit(l, text, sep, pi+1, labels[pi], para)
		}
		if pending != nil {
			w.flush(pending)
		}
		pending = nil
		if len(foot) > 0 {
			pending = &pageFoot{lines: foot, page: pi + 1, label: labels[pi], para: para}
		}
	}
	if pending != nil {
		w.flush(pending)
	}
	doc := w.doc
	doc.Text = string(w.out)
	doc.Headings = headings(doc.Text, w.paras, bodySize)
	return doc
}

// pageFoot is a page's footnotes, held until the paragraph the page break cut ends.
type pageFoot struct {
	lines []textLine
	page  int
	label string
	para  int // paragraphs of the page before them
}

// writer builds the text line by line.
type writer struct {
	out         []byte
	doc         *Doc
	paras       []paraInfo
	leading     float64
	left, right float64 // the current page's text edges
}

func (w *writer) page(lines []textLine) {
	w.left, w.right = math.Inf(1), math.Inf(-1)
	for _, l := range lines {
		w.left, w.right = min(w.left, l.x0), max(w.right, l.x1)
	}
}

func (w *writer) newParagraph(a, b textLine) bool {
	return newParagraph(a, b, w.leading, w.left, w.right)
}

// emit appends a line after sep ("", "\n" or "\n\n"), joining a word
// hyphenated at the end of the line before.
func (w *writer) emit(l textLine, text, sep string, page int, label string, para int) {
	if sep == "\n" && joinHyphen(w.out, text) {
		// "exam-" + "ple": drop the hyphen and the line break
		n := hyphenLen(w.out)
		w.out = w.out[:len(w.out)-n]
		if k := len(w.doc.Lines) - 1; k >= 0 {
			w.doc.Lines[k].Span.End = min(w.doc.Lines[k].Span.End, len(w.out))
		}
		sep = ""
	}
	w.out = append(w.out, sep...)
	start := len(w.out)
	w.out = append(w.out, text...)
	if sep == "\n\n" || len(w.paras) == 0 {
		w.paras = append(w.paras, paraInfo{span: compare.Span{Start: start}})
	}
	cur := &w.paras[len(w.paras)-1]
	cur.span.End = len(w.out)
	cur.lines++
	cur.size = max(cur.size, l.size)
	w.doc.Lines = append(w.doc.Lines, Line{Span: compare.Span{Start: start, End: len(w.out)}, Page: page, Label: label, Paragraph: para, Size: l.size})
}

// flush writes a page's footnotes: a paragraph for each label.
func (w *writer) flush(f *pageFoot) {
	para := f.para
	for i, l := range f.lines {
		text := strings.TrimSpace(string(l.text))
		sep := "\n"
		if i == 0 || startsWithLabel(text) || w.newParagraph(f.lines[i-1], l) {
			sep = "\n\n"
			para++
		}
		if len(w.out) == 0 {
			sep = ""
		}
		w.emit(l, text, sep, f.page, f.label, para)
	}
}

// splitFoot separates a page's footnotes from its body: the last lines
// drawn, below all the others, in a size under the body's, the first of
// which starts with a note label.
func splitFoot(lines []textLine, bodySize float64) (body, foot []textLine) {
	k := len(lines)
	for k > 0 && lines[k-1].size < 0.95*bodySize {
		k--
	}
	for k < len(lines) && !startsWithLabel(strings.TrimSpace(string(lines[k].text))) {
		k++
	}
	if k == 0 || k == len(lines) {
		return lines, nil
	}
	lowestBody := math.Inf(1)
	for _, l := range lines[:k] {
		lowestBody = min(lowestBody, l.y)
	}
	for _, l := range lines[k:] {
		if l.y >= lowestBody {
			return lines, nil
		}
	}
	return lines[:k], lines[k:]
}

// startsWithLabel reports a line that starts with a note label: a number
// of up to three digits or a note symbol, then a space or a letter.
func startsWithLabel(s string) bool {
	i := 0
	for i < len(s) && i < 3 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		for _, sym := range []string{"*", "†", "‡", "§"} {
			if strings.HasPrefix(s, sym) {
				i = len(sym)
				break
			}
		}
	}
	if i == 0 || i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r == ' ' || unicode.IsLetter(r)
}

type paraInfo struct {
	span  compare.Span
	lines int
	size  float64
}

// headings picks the paragraphs of one or two lines, under 200 bytes,
// not ending in a full stop, set at least 15% larger than the body text;
// the largest size found is level 1, the next level 2, and so on.
func headings(text string, paras []paraInfo, bodySize float64) []Heading {
	var picked []paraInfo
	sizes := map[float64]bool{}
	for _, p := range paras {
		t := text[p.span.Start:p.span.End]
		if p.lines <= 2 && len(t) < 200 && p.size >= 1.15*bodySize && bodySize > 0 && !strings.HasSuffix(t, ".") {
			picked = append(picked, p)
			sizes[math.Round(p.size)] = true
		}
	}
	var order []float64
	for s := range sizes {
		order = append(order, s)
	}
	slices.Sort(order)
	slices.Reverse(order)
	out := make([]Heading, 0, len(picked))
	for _, p := range picked {
		lv := slices.Index(order, math.Round(p.size)) + 1
		out = append(out, Heading{Span: p.span, Level: min(lv, 6)})
	}
	return out
}

func nonBlank(lines []textLine) []textLine {
	out := lines[:0]
	for _, l := range lines {
		if strings.TrimSpace(string(l.text)) != "" {
			out = append(out, l)
		}
	}
	return out
}

// typicalLeading returns the most common distance between consecutive
// baselines and the most common font size.
func typicalLeading(pages [][]textLine) (float64, float64) {
	gaps := map[int]int{}
	sizes := map[int]int{}
	for _, lines := range pages {
		for i, l := range lines {
			sizes[int(math.Round(l.size*2))] += len(l.text)
			if i > 0 {
				if d := lines[i-1].y - l.y; d > 0 {
					gaps[int(math.Round(d*2))]++
				}
			}
		}
	}
	return float64(mode(gaps)) / 2, float64(mode(sizes)) / 2
}

func mode(m map[int]int) int {
	best, bestN := 0, -1
	for k, n := range m {
		if n > bestN || n == bestN && k < best {
			best, bestN = k, n
		}
	}
	return best
}

// newParagraph decides whether line b starts a paragraph after line a.
func newParagraph(a, b textLine, leading, left, right float64) bool {
	dy := a.y - b.y
	size := max(a.size, b.size)
	switch {
	case dy <= 0: // back up the page: another column or block
		return true
	case leading > 0 && dy > 1.4*leading && dy > 1.2*size:
		return true
	case math.Abs(a.size-b.size) > 0.15*size:
		return true
	}
	at := strings.TrimRight(string(a.text), " ")
	ends := endsSentence(at)
	if ends && a.x1 < right-3*a.size { // a short last line
		return true
	}
	if ends && b.x0 > left+0.8*b.size && b.x0 > a.x0+0.8*b.size { // an indented first line
		return true
	}
	return false
}

// endsSentence reports whether s ends with a sentence's punctuation,
// perhaps followed by a note marker ("1990.1", "wrote.iv", "end.*").
func endsSentence(s string) bool {
	t := strings.TrimRight(s, "0123456789*†‡")
	if len(s)-len(t) == 0 && len(s) > 0 {
		if u := strings.TrimRight(s, "ivx"); len(s)-len(u) <= 4 && len(u) < len(s) && endsPunct(u) {
			return true
		}
	}
	if len(s)-len(t) > 3 {
		t = s // a number, not a marker
	}
	return endsPunct(t) || endsPunct(s)
}

func endsPunct(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?:\"”’)", r)
}

// runsOn reports whether text continues the paragraph that out ends
// with, across a page break: out does not end a sentence and text starts
// in lower case.
func runsOn(out []byte, text string) bool {
	tail := string(out[max(0, len(out)-8):])
	r, _ := utf8.DecodeRuneInString(text)
	return !endsSentence(strings.TrimRight(tail, " ")) && unicode.IsLower(r)
}

// joinHyphen reports whether out ends with a word cut by a hyphen that
// text continues in lower case.
func joinHyphen(out []byte, text string) bool {
	n := hyphenLen(out)
	if n == 0 || len(out) <= n {
		return false
	}
	before, _ := utf8.DecodeLastRune(out[:len(out)-n])
	next, _ := utf8.DecodeRuneInString(text)
	return unicode.IsLetter(before) && unicode.IsLower(next)
}

// hyphenLen returns the byte length of a hyphen ending out, or 0.
func hyphenLen(out []byte) int {
	r, n := utf8.DecodeLastRune(out)
	switch r {
	case '-', '\u00AD', '\u2010':
		return n
	}
	return 0
}

// dropPagination removes running heads, running feet and page numbers:
// the topmost or bottommost line of a page, in a font no larger than the
// body's, that is a page number ("12", "- 12 -", "Page 3 of 9"), or whose
// text stands at the same edge of at least a third of the pages (and of
// three at least), either as it is or with a number that follows the
// page's ("Annual Report · 12"). Footnotes that look alike but for their
// numbers ("Ibid., p. 4.") stay. Two lines at each edge are looked at (a
// running head above a page number). It returns how many lines it removed.
func dropPagination(pages [][]textLine) int {
	_, bodySize := typicalLeading(pages)
	need := max(3, (len(pages)+2)/3)
	dropped := 0
	for range 2 {
		type edge struct{ top, bottom int }
		edges := make([]edge, len(pages))
		exact := map[string]int{}
		// folded key → page offsets of the numbers in the line
		offsets := map[string]map[int]int{}
		for i, lines := range pages {
			edges[i] = edge{-1, -1}
			if len(lines) < 2 {
				continue
			}
			t, b := edgeLines(lines)
			edges[i] = edge{t, b}
			for _, e := range []struct {
				at   int
				side string
			}{{t, "t"}, {b, "b"}} {
				text := lines[e.at].text
				exact[e.side+strings.Join(strings.Fields(string(text)), " ")]++
				k := e.side + pageKey(text)
				if offsets[k] == nil {
					offsets[k] = map[int]int{}
				}
				for _, n := range lineNumbers(text) {
					offsets[k][n-(i+1)]++
				}
			}
		}
		// the offset between printed and physical page numbers each key shows most
		best := map[string]int{}
		for k, m := range offsets {
			b, bn := 0, 0
			for off, n := range m {
				if n > bn || n == bn && off < b {
					b, bn = off, n
				}
			}
			if bn >= need {
				best[k] = b
			}
		}
		for i, lines := range pages {
			if edges[i].top < 0 {
				continue
			}
			drop := map[int]bool{}
			for _, e := range []struct {
				at   int
				side string
			}{{edges[i].top, "t"}, {edges[i].bottom, "b"}} {
				l := lines[e.at]
				if l.size > bodySize*1.05+0.01 && bodySize > 0 {
					continue
				}
				switch {
				case isPageNumber(string(l.text)),
					exact[e.side+strings.Join(strings.Fields(string(l.text)), " ")] >= need:
					drop[e.at] = true
				default:
					if off, ok := best[e.side+pageKey(l.text)]; ok && slices.Contains(lineNumbers(l.text), i+1+off) {
						drop[e.at] = true
					}
				}
			}
			if len(drop) == 0 {
				continue
			}
			kept := lines[:0:0]
			for k, l := range lines {
				if !drop[k] {
					kept = append(kept, l)
				}
			}
			dropped += len(lines) - len(kept)
			pages[i] = kept
		}
	}
	return dropped
}

// lineNumbers returns the numbers (Arabic or Roman) standing as words in a line.
func lineNumbers(text []byte) []int {
	var out []int
	for _, w := range strings.Fields(strings.ToLower(string(text))) {
		w = strings.Trim(w, "-–—()[].,|")
		if n, err := strconv.Atoi(w); err == nil && len(out) < 8 {
			out = append(out, n)
		} else if isRoman(w) && len(out) < 8 {
			out = append(out, romanValue(w))
		}
	}
	return out
}

// edgeLines returns the indexes of the topmost and bottommost lines.
func edgeLines(lines []textLine) (int, int) {
	t, b := 0, 0
	for i, l := range lines {
		if l.y > lines[t].y {
			t = i
		}
		if l.y < lines[b].y {
			b = i
		}
	}
	return t, b
}

// pageKey is a line's text with digits and case folded, so that "Page 3"
// and "Page 4" match.
func pageKey(text []byte) string {
	var sb strings.Builder
	for _, w := range strings.Fields(strings.ToLower(string(text))) {
		if isNumberWord(w) {
			w = "#"
		}
		sb.WriteString(w)
		sb.WriteByte(' ')
	}
	return sb.String()
}

func isNumberWord(w string) bool {
	w = strings.Trim(w, "-–—()[].,|")
	if w == "" {
		return false
	}
	digits := true
	for _, c := range w {
		if c < '0' || c > '9' {
			digits = false
		}
	}
	if digits {
		return true
	}
	return isRoman(w)
}

// isRoman reports a well-formed Roman numeral below 400 ("xiv", not "civil").
func isRoman(w string) bool {
	w = strings.ToLower(w)
	if len(w) == 0 || len(w) > 9 {
		return false
	}
	n := romanValue(w)
	return n > 0 && n < 400 && compare.RomanNumeral(n) == w
}

// romanValue reads a lower-case Roman numeral (0 when it is none).
func romanValue(w string) int {
	val := map[byte]int{'i': 1, 'v': 5, 'x': 10, 'l': 50, 'c': 100}
	n := 0
	for i := 0; i < len(w); i++ {
		v, ok := val[w[i]]
		if !ok {
			return 0
		}
		if i+1 < len(w) && val[w[i+1]] > v {
			n -= v
		} else {
			n += v
		}
	}
	return n
}

// isPageNumber matches "12", "- 12 -", "xiv", "Page 3", "page 3 of 10", "3 / 10".
func isPageNumber(s string) bool {
	ws := strings.Fields(strings.ToLower(s))
	if len(ws) > 0 && (ws[0] == "page" || ws[0] == "p." || ws[0] == "seite") {
		ws = ws[1:]
	}
	var rest []string
	for _, w := range ws {
		if w != "-" && w != "–" && w != "—" {
			rest = append(rest, w)
		}
	}
	switch len(rest) {
	case 1:
		return isNumberWord(rest[0]) && !strings.HasSuffix(rest[0], ".")
	case 3:
		return isNumberWord(rest[0]) && (rest[1] == "of" || rest[1] == "/") && isNumberWord(rest[2])
	}
	return false
}
