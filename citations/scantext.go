package citations

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/compare"
)

// Scanning plain text and Markdown. Everything works on the document's
// normalised Text, where typographic quotes are already ASCII.

// textHeadings returns chapter-like headings: Markdown "#"/"##"/"###"
// lines and one-line paragraphs that start with Chapter, Book or Part and
// a number ("Chapter XII: …", "BOOK 2").
func textHeadings(s string, ns *Notes) []compare.Span {
	var out []compare.Span
	for i := 0; i < len(s); {
		e := lineEnd(s, i)
		line := s[i:e]
		if isHeadingLine(line) || isNumeralLine(line) && nextBlank(s, e) {
			prevBlank := i == 0 || i >= 2 && s[i-2] == '\n' || strings.TrimSpace(s[lineStart(s, max(0, i-1)):max(0, i-1)]) == ""
			if strings.HasPrefix(strings.TrimLeft(line, " "), "#") || prevBlank {
				if len(out) == ns.Limits.Headings {
					ns.Dropped.dropAt(i)
					break
				}
				t := strings.TrimRight(line, " \t")
				out = append(out, compare.Span{Start: i + len(line) - len(strings.TrimLeft(line, " ")), End: i + len(t)})
			}
		}
		i = e + 1
	}
	return out
}

var headingWords = []string{"chapter ", "book ", "part ", "section "}

func isHeadingLine(line string) bool {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || len(t) == 0 || len(t) > 160 {
		return false
	}
	if t[0] == '#' {
		n := 0
		for n < len(t) && t[n] == '#' {
			n++
		}
		return n <= 3 && n < len(t) && t[n] == ' '
	}
	lt := strings.ToLower(t)
	for _, w := range headingWords {
		if strings.HasPrefix(lt, w) {
			rest := t[len(w):]
			j := 0
			for j < len(rest) && (isDigit(rest[j]) || strings.IndexByte("IVXLCDM", rest[j]) >= 0) {
				j++
			}
			if j > 0 && (j == len(rest) || strings.IndexByte(" .:-,", rest[j]) >= 0) {
				return true
			}
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isNumeralLine reports whether a line is a capital Roman numeral alone
// ("XIV", "IX."): a chapter heading, as Project Gutenberg sets many, when
// blank lines stand around it.
func isNumeralLine(line string) bool {
	t := strings.TrimSuffix(strings.TrimSpace(line), ".")
	if t == "" || len(t) > 8 || len(line)-len(strings.TrimLeft(line, " ")) > 40 {
		return false
	}
	for i := 0; i < len(t); i++ {
		if strings.IndexByte("IVXLC", t[i]) < 0 {
			return false
		}
	}
	return true
}

// nextBlank reports whether the line after the one ending at e is blank
// (or there is none).
func nextBlank(s string, e int) bool {
	if e+1 >= len(s) {
		return true
	}
	return strings.TrimSpace(s[e+1:lineEnd(s, e+1)]) == ""
}

// region is a stretch already claimed by a definition; other scanners skip it.
type region struct{ start, end int }

type regions []region

func (r regions) sorted() regions {
	sort.Slice(r, func(i, j int) bool { return r[i].start < r[j].start })
	return r
}

// inside reports whether off lies in one of the regions (sorted).
func (r regions) inside(off int) bool {
	i := sort.Search(len(r), func(k int) bool { return r[k].end > off })
	return i < len(r) && r[i].start <= off
}

// scanText finds notes in plain text, Markdown and LaTeX.
func scanText(s string, ns *Notes) {
	var claimed regions
	nextHeading := func(off int) int {
		i := sort.Search(len(ns.Headings), func(k int) bool { return ns.Headings[k].Start > off })
		if i < len(ns.Headings) {
			return ns.Headings[i].Start
		}
		return len(s)
	}
	claimed = append(claimed, scanGutenberg(s, ns, nextHeading)...)
	claimed = append(claimed, scanLaTeX(s, ns)...)
	claimed = append(claimed, scanPandoc(s, ns)...)
	claimed = claimed.sorted()
	scanNumberedText(s, ns, claimed, nextHeading)
}

// scanGutenberg reads Project Gutenberg blocks "[Footnote 12: …]", which
// may hold nested brackets and run over many paragraphs. A block that is
// never closed ends before the next block or chapter heading.
func scanGutenberg(s string, ns *Notes, nextHeading func(int) int) regions {
	var out regions
	const open = "[Footnote"
	// the next "\n[Footnote" at or after the current block's body, found
	// once for all the blocks before it (-1: none; -2: not looked for)
	nextBlock := -2
	for i := 0; ; {
		k := strings.Index(s[i:], open)
		if k < 0 {
			break
		}
		start := i + k
		j := start + len(open)
		// the label runs to the colon: "12", "*", and the slips "611]" and "!"
		c := strings.IndexByte(s[j:min(len(s), j+24)], ':')
		if c < 0 {
			i = j
			continue
		}
		rawLabel := s[j : j+c]
		label := strings.TrimSpace(rawLabel)
		bodyStart := j + c + 1
		var problems []string
		if strings.HasSuffix(label, "]") {
			label = strings.TrimSpace(strings.TrimSuffix(label, "]"))
			problems = append(problems, "stray \"]\" after the label: write \"[Footnote "+label+": …]\"")
		}
		if !strings.HasPrefix(rawLabel, " ") && rawLabel != "" {
			problems = append(problems, "no space between \"Footnote\" and the label")
		}
		if label == "" || strings.ContainsAny(label, "[] \n") {
			i = j
			continue
		}
		if labelNumber(label) < 0 && !compare.IsNoteSymbol(label) && !isLetterLabel(label) {
			problems = append(problems, "label \""+label+"\" is neither a number nor a note symbol")
		}
		// the matching bracket, unless a new block or a heading comes first
		limit := nextHeading(start)
		if nextBlock == -2 || nextBlock >= 0 && nextBlock < bodyStart {
			nextBlock = -1
			if nb := strings.Index(s[bodyStart:], "\n"+open); nb >= 0 {
				nextBlock = bodyStart + nb
			}
		}
		if nextBlock >= 0 && nextBlock+1 < limit {
			limit = nextBlock + 1
		}
		depth := 1
		end := -1
		for p := bodyStart; p < limit; p++ {
			switch s[p] {
			case '[':
				depth++
			case ']':
				depth--
			}
			if depth == 0 {
				end = p + 1
				break
			}
		}
		bodyEnd := end - 1
		if end < 0 {
			end = trimRight(s, limit)
			bodyEnd = end
			problems = append(problems, "note is never closed with \"]\"; it is taken to end here")
		}
		i = end
		if !ns.roomForNote(start) {
			continue
		}
		n := &Note{Label: label, Key: label, Span: compare.Span{Start: start, End: end},
			Body: compare.TrimSpan(s, compare.Span{Start: bodyStart, End: bodyEnd}), Syntax: SyntaxGutenberg}
		ns.Notes = append(ns.Notes, n)
		if len(problems) > 0 {
			sp := compare.Span{Start: start, End: bodyStart}
			if end-start > 0 && strings.HasPrefix(problems[len(problems)-1], "note is never") && len(problems) == 1 {
				sp = compare.Span{Start: max(start, end-1), End: end}
			}
			ns.addProblem(Problem{Span: sp, Msg: "[Footnote " + label + "]: " + strings.Join(problems, "; ")})
		}
		out = append(out, region{start, end})
	}
	return out
}

func isLetterLabel(s string) bool {
	if len(s) == 0 || len(s) > 2 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

func trimRight(s string, end int) int {
	for end > 0 && isSpace(s[end-1]) {
		end--
	}
	return end
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// balanced returns the offset just past the bracket closing the one at
// open (s[open] is '{' or '['), honouring backslash escapes, or -1.
func balanced(s string, open int, limit int) int {
	o := s[open]
	c := byte('}')
	if o == '[' {
		c = ']'
	}
	depth := 0
	for p := open; p < limit; p++ {
		switch s[p] {
		case '\\':
			p++
		case o:
			depth++
		case c:
			depth--
			if depth == 0 {
				return p + 1
			}
		}
	}
	return -1
}

// scanLaTeX reads \footnote{…} (marker and note in one), \footnote[n]{…},
// and the split form \footnotemark[n] … \footnotetext[n]{…}.
func scanLaTeX(s string, ns *Notes) regions {
	out := scanLaTeXFootnotes(s, ns)
	if strings.Contains(s, "cite") {
		out = append(out, scanLaTeXCites(s, ns, out.sorted())...)
	}
	return out
}

// reLaTeXCite matches a citation command of LaTeX, natbib or biblatex
// (\cite, \citep, \citet, \parencite, \textcite, \autocite, \footcite,
// …) with its optional prenote and postnote and its keys.
var reLaTeXCite = regexp.MustCompile(`\\(?:foot|paren|text|auto|smart|super)?cite(?:p|t|alp|alt|author|year)?\*?[ \t]*(?:\[([^\]{}\n]{0,80})\])?[ \t]*(?:\[([^\]{}\n]{0,80})\])?[ \t]*\{([^{}\n]{1,400})\}`)

// scanLaTeXCites reads the citation commands outside footnotes: each is
// a note written where it is referred to (its text the command), whose
// citations ParseReferences reads from the keys, so that a quotation the
// command follows is checked against the source the key names.
func scanLaTeXCites(s string, ns *Notes, footnotes regions) regions {
	var out regions
	for _, m := range reLaTeXCite.FindAllStringIndex(s, -1) {
		if footnotes.inside(m[0]) {
			continue // read with its footnote's text
		}
		sp := compare.Span{Start: m[0], End: m[1]}
		ns.addInline("cite", "latex-cite:"+itoa(m[0]), sp, sp, sp, SyntaxLaTeX)
		out = append(out, region{m[0], m[1]})
	}
	return out
}

// scanLaTeXFootnotes reads \footnote{…}, \footnotemark and \footnotetext.
func scanLaTeXFootnotes(s string, ns *Notes) regions {
	if !strings.Contains(s, `\footnote`) {
		return nil
	}
	var out regions
	closes := closeBrackets(s, '{', '}', ascending(latexOpens(s)))
	auto := 0
	for i := 0; ; {
		k := strings.Index(s[i:], `\footnote`)
		if k < 0 {
			break
		}
		start := i + k
		kind, label, j, ok := latexCommand(s, start)
		if !ok {
			i = j
			continue
		}
		if kind == "mark" {
			if label == "" {
				auto++
				label = itoa(auto)
			}
			if ns.roomForMarker(start) {
				ns.Markers = append(ns.Markers, &Marker{Label: label, Key: "latex:" + label,
					Span: compare.Span{Start: start, End: j}, Syntax: SyntaxLaTeX})
			}
			i = j
			continue
		}
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
		if j >= len(s) || s[j] != '{' {
			i = j
			continue
		}
		end := closes.at(j)
		bodyEnd := end - 1
		unclosed := end < 0
		if unclosed {
			end = len(s)
			if p := strings.Index(s[j:], "\n\n"); p >= 0 {
				end = j + p
			}
			bodyEnd = end
		}
		i = end
		if !ns.roomForNote(start) {
			continue
		}
		if unclosed {
			ns.addProblem(Problem{Span: compare.Span{Start: start, End: j + 1},
				Msg: `\footnote{ is never closed: its braces do not balance`})
		}
		body := compare.TrimSpan(s, compare.Span{Start: j + 1, End: bodyEnd})
		if kind == "text" {
			if label == "" {
				label = itoa(auto)
			}
			ns.Notes = append(ns.Notes, &Note{Label: label, Key: "latex:" + label,
				Span: compare.Span{Start: start, End: end}, Body: body, Syntax: SyntaxLaTeX})
		} else {
			auto++
			if label == "" {
				label = itoa(auto)
			}
			ns.addInline(label, "latex-inline:"+itoa(start), compare.Span{Start: start, End: end},
				compare.Span{Start: start, End: j}, body, SyntaxLaTeX)
		}
		out = append(out, region{start, end})
	}
	return out
}

// latexCommand reads the \footnote command at start: its kind ("note",
// "mark" or "text"), its optional label and the offset after them. ok is
// false for another command (\footnotesize) or a label never closed; j is
// then where to look on from.
func latexCommand(s string, start int) (kind, label string, j int, ok bool) {
	j = start + len(`\footnote`)
	kind = "note"
	switch {
	case strings.HasPrefix(s[j:], "mark"):
		kind, j = "mark", j+4
	case strings.HasPrefix(s[j:], "text"):
		kind, j = "text", j+4
	case j < len(s) && isLetter(s[j]):
		return "", "", j, false // \footnotesize and the like
	}
	if j < len(s) && s[j] == '[' {
		e := balanced(s, j, min(len(s), j+20))
		if e < 0 {
			return "", "", j, false
		}
		label = strings.TrimSpace(s[j+1 : e-1])
		j = e
	}
	return kind, label, j, true
}

// latexOpens returns the offsets of the braces that open the text of a
// \footnote or \footnotetext, in order: where scanLaTeX may ask for the
// closing brace.
func latexOpens(s string) []int {
	var out []int
	for i := 0; ; {
		k := strings.Index(s[i:], `\footnote`)
		if k < 0 {
			return out
		}
		kind, _, j, ok := latexCommand(s, i+k)
		i = max(j, i+k+1)
		if !ok || kind == "mark" {
			continue
		}
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
		if j < len(s) && s[j] == '{' {
			out = append(out, j)
		}
	}
}

// closings lists brackets and where they close, by opening offset.
type closings []struct{ open, end int32 }

// at returns the offset just past the bracket closing the one at off, or
// -1 when it is not closed (or was not asked for).
func (c closings) at(off int) int {
	i := sort.Search(len(c), func(k int) bool { return int(c[k].open) >= off })
	if i < len(c) && int(c[i].open) == off {
		return int(c[i].end)
	}
	return -1
}

// maxNesting bounds how many of the asked-for brackets closeBrackets
// follows at once: one opened deeper than that inside the others is taken
// for never closed.
const maxNesting = 4096

// closeBrackets finds, in one pass over s, where the brackets that want
// accepts (s[p] == open; want is asked with ascending p) close, as
// balanced(s, p, len(s)) would from each: backslash escapes honoured,
// nested pairs skipped. Asking balanced for each in turn takes time
// quadratic in the text when brackets are left open; this takes linear
// time, and memory in proportion to the brackets that close.
func closeBrackets(s string, open, close byte, want func(p int) bool) closings {
	var c closings
	if len(s) > math.MaxInt32 { // too long for int32 offsets: one by one
		for p := 0; p < len(s); p++ {
			if s[p] == open && want(p) {
				if e := balanced(s, p, len(s)); e >= 0 {
					c = append(c, struct{ open, end int32 }{int32(p), int32(e)})
				}
			}
		}
		return c
	}
	type pending struct{ pos, depth int32 }
	var stack []pending
	depth := int32(0)
	for p := 0; p < len(s); p++ {
		switch s[p] {
		case '\\':
			p++
		case open:
			if want(p) && len(stack) < maxNesting {
				stack = append(stack, pending{int32(p), depth})
			}
			depth++
		case close:
			depth--
			if n := len(stack); n > 0 && stack[n-1].depth == depth {
				c = append(c, struct{ open, end int32 }{stack[n-1].pos, int32(p + 1)})
				stack = stack[:n-1]
			}
		}
	}
	sort.Slice(c, func(i, j int) bool { return c[i].open < c[j].open })
	return c
}

// ascending returns a want function for closeBrackets that accepts the
// offsets of opens (ascending).
func ascending(opens []int) func(int) bool {
	next := 0
	return func(p int) bool {
		for next < len(opens) && opens[next] < p {
			next++
		}
		return next < len(opens) && opens[next] == p
	}
}

// addInline records a note written where it is referred to (LaTeX
// \footnote{…}, Pandoc ^[…]): the note and its one marker, linked.
func (ns *Notes) addInline(label, key string, note, marker, body compare.Span, syntax Syntax) {
	if !ns.roomForMarker(note.Start) || !ns.roomForNote(note.Start) {
		return
	}
	n := &Note{Label: label, Key: key, Span: note, Body: body, Syntax: syntax}
	m := &Marker{Label: label, Key: key, Span: marker, Syntax: syntax, Note: n}
	n.Markers = []*Marker{m}
	ns.Notes = append(ns.Notes, n)
	ns.Markers = append(ns.Markers, m)
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// scanPandoc reads Pandoc notes: definitions "[^id]: …" at the start of a
// line (continued by indented lines, and by lines that follow without a
// blank line), markers "[^id]" anywhere else, and inline notes "^[…]".
func scanPandoc(s string, ns *Notes) regions {
	if !strings.Contains(s, "^") {
		return nil
	}
	out := scanPandocDefs(s, ns)
	for i := 0; ; {
		k := strings.Index(s[i:], "[^")
		if k < 0 {
			break
		}
		p := i + k
		if pandocDefAt(s, p) {
			i = p + 2
			continue
		}
		id, n := pandocID(s[p:])
		if n == 0 {
			i = p + 2
			continue
		}
		if ns.roomForMarker(p) {
			// the key "^id" is the text's own bytes: no copy per marker
			ns.Markers = append(ns.Markers, &Marker{Label: id, Key: s[p+1 : p+n-1], Span: compare.Span{Start: p, End: p + n}, Syntax: SyntaxPandoc})
		}
		i = p + n
	}
	if !strings.Contains(s, "^[") {
		return out
	}
	closes := closeBrackets(s, '[', ']', func(p int) bool { return p > 0 && s[p-1] == '^' })
	for i := 0; ; {
		k := strings.Index(s[i:], "^[")
		if k < 0 {
			break
		}
		p := i + k
		e := closes.at(p + 1)
		if e < 0 || p > 0 && s[p-1] == '\\' {
			i = p + 2
			continue
		}
		ns.addInline("^[]", "inline:"+itoa(p), compare.Span{Start: p, End: e}, compare.Span{Start: p, End: p + 2},
			compare.TrimSpan(s, compare.Span{Start: p + 2, End: e - 1}), SyntaxPandocInline)
		out = append(out, region{p, e})
		i = e
	}
	return out
}

// scanPandocDefs reads the definitions "[^id]: …" and returns the regions
// of their heads.
func scanPandocDefs(s string, ns *Notes) regions {
	var out regions
	for i := 0; i < len(s); {
		e := lineEnd(s, i)
		t := strings.TrimLeft(s[i:e], " ")
		ind := e - i - len(t)
		if ind <= 3 && strings.HasPrefix(t, "[^") {
			id, n := pandocID(t)
			if n > 0 && n < len(t) && t[n] == ':' {
				start := i + ind
				end := pandocDefEnd(s, e)
				if ns.roomForNote(start) {
					ns.Notes = append(ns.Notes, &Note{Label: id, Key: s[start+1 : start+n-1], Span: compare.Span{Start: start, End: end},
						Body: compare.TrimSpan(s, compare.Span{Start: start + n + 1, End: end}), Syntax: SyntaxPandoc})
					out = append(out, region{start, start + n + 1})
				}
				i = end
				if i < len(s) && s[i] != '\n' {
					i = lineEnd(s, i)
				}
				i++
				continue
			}
		}
		i = e + 1
	}
	return out
}

// pandocDefEnd returns where the definition whose first line ends at e
// ends: its continuation runs over indented lines, and over lines that
// follow without a blank line, up to the next definition.
func pandocDefEnd(s string, e int) int {
	end := e
	p := e + 1
	for p < len(s) {
		pe := lineEnd(s, p)
		line := s[p:pe]
		if strings.TrimSpace(line) == "" {
			// a blank line continues the note only if an indented line follows
			q := pe + 1
			for q < len(s) && strings.TrimSpace(s[q:lineEnd(s, q)]) == "" {
				q = lineEnd(s, q) + 1
			}
			if q < len(s) && (strings.HasPrefix(s[q:], "    ") || s[q] == '\t') {
				p = q
				continue
			}
			break
		}
		lt := strings.TrimLeft(line, " ")
		if strings.HasPrefix(lt, "[^") {
			if _, m := pandocID(lt); m > 0 && m < len(lt) && lt[m] == ':' {
				break
			}
		}
		end = pe
		p = pe + 1
	}
	return trimRight(s, end)
}

// pandocDefAt reports whether the "[^" at p opens the head of a
// definition: "[^id]:" indented by at most three spaces.
func pandocDefAt(s string, p int) bool {
	ls := p
	for ls > 0 && p-ls <= 3 && s[ls-1] == ' ' {
		ls--
	}
	if ls > 0 && s[ls-1] != '\n' || p-ls > 3 {
		return false
	}
	_, n := pandocID(s[p:])
	return n > 0 && p+n < len(s) && s[p+n] == ':'
}

// pandocID reads "[^id]" at the start of t and returns id and the length
// of the marker, or 0.
func pandocID(t string) (string, int) {
	if !strings.HasPrefix(t, "[^") {
		return "", 0
	}
	for j := 2; j < len(t) && j < 64; j++ {
		switch t[j] {
		case ']':
			if j == 2 {
				return "", 0
			}
			return t[2:j], j + 1
		case ' ', '\t', '\n', '[', '^':
			return "", 0
		}
	}
	return "", 0
}

// numberedMark is a bracket or sup marker found in the text, before it is
// known whether it opens a definition.
type numberedMark struct {
	label  string
	span   compare.Span
	syntax Syntax
	atLine bool // first thing on its line
}

// scanNumberedText finds "[12]" and literal "<sup>12</sup>" markers, and
// decides which of those that start a line open a definition: those in a
// notes section (after a "---" rule or a "Notes" heading, up to the next
// chapter heading) and those of a trailing run of paragraphs that each
// start with a label already used as a marker. A body paragraph that
// merely begins with a marker stays a marker.
func scanNumberedText(s string, ns *Notes, claimed regions, nextHeading func(int) int) {
	// room for as many marks as may be kept, or as there are brackets
	limit := ns.Limits.Markers + ns.Limits.Notes
	marks := make([]numberedMark, 0, min(limit, strings.Count(s, "[")+strings.Count(s, "<sup")))
	hasGutenberg := false
	for _, n := range ns.Notes {
		if n.Syntax == SyntaxGutenberg {
			hasGutenberg = true
			break
		}
	}
	for i := 0; i < len(s); {
		k := strings.IndexAny(s[i:], "[<")
		if k < 0 {
			break
		}
		p := i + k
		if claimed.inside(p) {
			i = p + 1
			continue
		}
		var m numberedMark
		var n int
		if s[p] == '[' {
			m, n = bracketMarkAt(s, p)
		} else {
			m, n = supMarkAt(s, p)
		}
		if n == 0 {
			i = p + 1
			continue
		}
		if len(marks) == limit {
			ns.Dropped.dropAt(p)
			break
		}
		m.atLine = onlyBefore(s, p, " \t>")
		marks = append(marks, m)
		i = p + n
	}
	if len(marks) == 0 {
		return
	}
	zones := notesZones(s, ns, marks, nextHeading, hasGutenberg)
	// definitions: line-start marks inside a zone; each runs to the next
	// definition or the end of its zone
	isDef := make([]bool, len(marks))
	for i, m := range marks {
		isDef[i] = m.atLine && !hasGutenberg && zones.inside(m.span.Start)
	}
	for i, m := range marks {
		if !isDef[i] && m.atLine && m.syntax == SyntaxBracket && legendAt(s, m.span.End) {
			continue // "[1]  = Whole-note": a key to symbols, not a marker
		}
		if !isDef[i] && rangeOfLabels(s, marks, i) {
			continue // "[01] through [15]": labels named, not referred to
		}
		if !isDef[i] {
			if !ns.roomForMarker(m.span.Start) {
				break
			}
			ns.Markers = append(ns.Markers, &Marker{Label: m.label, Key: m.label, Span: m.span, Syntax: m.syntax})
			continue
		}
		if !ns.roomForNote(m.span.Start) {
			break
		}
		zi := sort.Search(len(zones), func(k int) bool { return zones[k].end > m.span.Start })
		end := zones[zi].end
		for j := i + 1; j < len(marks); j++ {
			if isDef[j] {
				end = min(end, lineStart(s, marks[j].span.Start))
				break
			}
		}
		end = trimRight(s, end)
		// a definition's mark starts its line (after spaces, tabs and ">")
		ns.Notes = append(ns.Notes, &Note{Label: m.label, Key: m.label, Span: compare.Span{Start: m.span.Start, End: end},
			Body: compare.TrimSpan(s, compare.Span{Start: m.span.End, End: max(m.span.End, end)}), Syntax: m.syntax})
	}
}

// legendAt reports whether "=" follows the mark that ends at e, after
// spaces: a line of a key to symbols ("[1]  = Whole-note").
func legendAt(s string, e int) bool {
	for e < len(s) && (s[e] == ' ' || s[e] == '\t') {
		e++
	}
	return e < len(s) && s[e] == '='
}

// reLabelRange joins two bracketed labels into a range of them.
var reLabelRange = regexp.MustCompile(`^\s*(?:through|to|thru|-|–|—)\s*$`)

// rangeOfLabels reports whether mark i is one end of a range of labels
// ("[01] through [15]", "[1]–[37]"): prose that names notes, as a
// transcriber's note does, rather than markers that refer to them.
func rangeOfLabels(s string, marks []numberedMark, i int) bool {
	joined := func(a, b numberedMark) bool {
		return a.syntax == SyntaxBracket && b.syntax == SyntaxBracket && b.span.Start-a.span.End <= 12 &&
			reLabelRange.MatchString(s[a.span.End:b.span.Start])
	}
	return i+1 < len(marks) && joined(marks[i], marks[i+1]) || i > 0 && joined(marks[i-1], marks[i])
}

// onlyBefore reports whether the bytes between the start of the line
// holding p and p are all among chars: it looks back only over those.
func onlyBefore(s string, p int, chars string) bool {
	for p > 0 && s[p-1] != '\n' {
		if strings.IndexByte(chars, s[p-1]) < 0 {
			return false
		}
		p--
	}
	return true
}

// onlySpaceBefore reports whether the text between the start of the line
// holding p and p is white space (unicode.IsSpace).
func onlySpaceBefore(s string, p int) bool {
	for p > 0 && s[p-1] != '\n' {
		r, n := utf8.DecodeLastRuneInString(s[:p])
		if !unicode.IsSpace(r) {
			return false
		}
		p -= n
	}
	return true
}

// bracketMarkAt reads "[12]", "[12a]", "[*]" or "[†]" at p; n is 0 when
// there is none, or when the brackets belong to a Markdown link
// ("[text][1]", "[1](url)", "[1]: url").
func bracketMarkAt(s string, p int) (numberedMark, int) {
	j := p + 1
	for j < len(s) && j-p <= 7 && s[j] != ']' {
		j++
	}
	if j >= len(s) || s[j] != ']' {
		return numberedMark{}, 0
	}
	label := s[p+1 : j]
	if !compare.IsNoteLabel(label) {
		return numberedMark{}, 0
	}
	if p > 0 && (s[p-1] == ']' || s[p-1] == '^' || s[p-1] == '!' || s[p-1] == '\\') {
		return numberedMark{}, 0
	}
	// a LaTeX optional argument: \footnotemark[2], \cite[3]
	if k := p; k > 0 && isLetter(s[k-1]) {
		for k > 0 && isLetter(s[k-1]) {
			k--
		}
		if k > 0 && s[k-1] == '\\' {
			return numberedMark{}, 0
		}
	}
	if j+1 < len(s) && (s[j+1] == '(' || s[j+1] == '[') {
		return numberedMark{}, 0
	}
	if j+1 < len(s) && s[j+1] == ':' && onlySpaceBefore(s, p) {
		return numberedMark{}, 0 // a Markdown link reference definition
	}
	return numberedMark{label: label, span: compare.Span{Start: p, End: j + 1}, syntax: SyntaxBracket}, j + 1 - p
}

// supMarkAt reads a literal "<sup>12</sup>" (inner tags and brackets
// allowed: "<sup><a href=…>[12]</a></sup>") at p.
func supMarkAt(s string, p int) (numberedMark, int) {
	if !strings.HasPrefix(s[p:], "<sup") || p+4 >= len(s) || (s[p+4] != '>' && s[p+4] != ' ') {
		return numberedMark{}, 0
	}
	gt := strings.IndexByte(s[p:min(len(s), p+200)], '>')
	if gt < 0 {
		return numberedMark{}, 0
	}
	e := strings.Index(s[p:min(len(s), p+300)], "</sup>")
	if e < 0 || e < gt {
		return numberedMark{}, 0
	}
	inner := stripTags(s[p+gt+1 : p+e])
	inner = strings.Trim(strings.TrimSpace(inner), "[]()")
	if !compare.IsNoteLabel(inner) && !isLetterLabel(inner) {
		return numberedMark{}, 0
	}
	// an exponent, not a note: "10<sup>6</sup>", "km<sup>2</sup>"
	if p > 0 && isDigit(s[p-1]) || compare.UnitBefore(s, p) {
		return numberedMark{}, 0
	}
	return numberedMark{label: inner, span: compare.Span{Start: p, End: p + e + len("</sup>")}, syntax: SyntaxSup}, e + len("</sup>")
}

func stripTags(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	in := false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '<':
			in = true
		case s[i] == '>':
			in = false
		case !in:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// notesZones returns the stretches where line-start markers are
// definitions, sorted and merged where they overlap.
func notesZones(s string, ns *Notes, marks []numberedMark, nextHeading func(int) int, hasGutenberg bool) regions {
	if hasGutenberg {
		return nil
	}
	var zones regions
	for i := 0; i < len(s); {
		e := lineEnd(s, i)
		if isRuleLine(s[i:e]) || compare.IsNotesHeading(s[i:e]) {
			zones = zones.add(region{e, nextHeading(e)})
		}
		i = e + 1
	}
	// a trailing run of paragraphs that each start with a label already
	// used as a marker, before a heading or the end
	seenLabel := map[string]int{} // label → first marker offset
	for _, m := range marks {
		if _, ok := seenLabel[m.label]; !ok {
			seenLabel[m.label] = m.span.Start
		}
	}
	ends := make([]int, 0, len(ns.Headings)+1)
	for _, h := range ns.Headings {
		ends = append(ends, h.Start)
	}
	ends = append(ends, len(s))
	sort.Ints(ends)
	// one walk over the paragraphs: for each, where the run of such
	// paragraphs that ends with it begins (-1: it is not one of them)
	runFirst := -1
	mi := 0 // the first mark at or after the paragraph
	pending := 0
	var trailing regions
	flush := func(upTo int) { // the ends at or before upTo close the run so far
		for ; pending < len(ends) && ends[pending] <= upTo; pending++ {
			if runFirst >= 0 {
				trailing = append(trailing, region{runFirst, ends[pending]})
			}
		}
	}
	// a block of such paragraphs anywhere (notes printed after each
	// chapter, as Project Gutenberg sets "   [12] JAI, XX, 140."): two or
	// more whose numbers do not go down, or one set in by spaces or with
	// its other lines set in
	var block noteBlock
	closeBlock := func() {
		if block.n >= 2 || block.n == 1 && block.indented {
			trailing = append(trailing, region{block.first, block.end})
		}
		block = noteBlock{}
	}
	eachPara(s, func(start, end int) {
		flush(start)
		for mi < len(marks) && marks[mi].span.Start < start {
			mi++
		}
		pass := false
		if mi < len(marks) && marks[mi].span.Start == start {
			at, ok := seenLabel[marks[mi].label]
			pass = ok && at < start
		}
		switch {
		case !pass:
			runFirst = -1
			closeBlock()
		case runFirst < 0:
			runFirst = start
		}
		if pass && marks[mi].syntax == SyntaxBracket {
			v := labelNumber(marks[mi].label)
			if block.n > 0 && v >= 0 && v < block.prev {
				closeBlock()
			}
			if block.n == 0 {
				block.first = start
				block.indented = start > 0 && s[start-1] != '\n' || hangingIndent(s[start:end])
			}
			block.n++
			block.end = end
			if v >= 0 {
				block.prev = v
			}
		}
	})
	closeBlock()
	flush(len(s))
	for _, t := range trailing.sorted() {
		zones = zones.add(t)
	}
	return zones.union()
}

// hangingIndent reports whether a paragraph of several lines sets every
// line after its first in by two spaces or more, as Project Gutenberg sets
// a note: "[01] The strength of …\n     symphony …".
func hangingIndent(p string) bool {
	i := strings.IndexByte(p, '\n')
	if i < 0 {
		return false
	}
	for _, line := range strings.Split(p[i+1:], "\n") {
		if !strings.HasPrefix(line, "  ") && strings.TrimSpace(line) != "" {
			return false
		}
	}
	return true
}

// noteBlock is a run of paragraphs that each open with a bracketed number
// already used as a marker: a block of notes.
type noteBlock struct {
	first, end int
	n, prev    int
	indented   bool
}

// add appends r, or widens the last region when r starts inside it, so
// that a run of overlapping regions takes one (union merges the rest).
func (rs regions) add(r region) regions {
	if n := len(rs); n > 0 && r.start >= rs[n-1].start && r.start < rs[n-1].end {
		rs[n-1].end = max(rs[n-1].end, r.end)
		return rs
	}
	return append(rs, r)
}

// union sorts the regions and merges those that overlap.
func (rs regions) union() regions {
	rs = rs.sorted()
	out := rs[:0]
	for _, r := range rs {
		if n := len(out); n > 0 && r.start < out[n-1].end {
			out[n-1].end = max(out[n-1].end, r.end)
			continue
		}
		out = append(out, r)
	}
	return out
}

// eachPara calls fn with the start of each paragraph (text between blank
// lines), after leading white space, and its end, before the blank line.
func eachPara(s string, fn func(start, end int)) {
	i := 0
	for i < len(s) {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i >= len(s) {
			break
		}
		j := strings.Index(s[i:], "\n\n")
		if j < 0 {
			fn(i, trimRight(s, len(s)))
			break
		}
		fn(i, trimRight(s, i+j))
		i += j
	}
}

func isRuleLine(line string) bool {
	t := strings.TrimSpace(line)
	if len(t) < 3 {
		return false
	}
	c := t[0]
	if c != '-' && c != '*' && c != '_' {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] != c && t[i] != ' ' {
			return false
		}
	}
	return true
}
