package citations

import (
	"sort"
	"strings"

	"github.com/crosscheck/crosscheck/compare"
)

// Scanning plain text and Markdown. Everything works on the document's
// normalised Text, where typographic quotes are already ASCII.

// textHeadings returns chapter-like headings: Markdown "#"/"##"/"###"
// lines and one-line paragraphs that start with Chapter, Book or Part and
// a number ("Chapter XII: …", "BOOK 2").
func textHeadings(s string) []compare.Span {
	var out []compare.Span
	for i := 0; i < len(s); {
		e := lineEnd(s, i)
		line := s[i:e]
		if isHeadingLine(line) {
			prevBlank := i == 0 || i >= 2 && s[i-2] == '\n' || strings.TrimSpace(s[lineStart(s, max(0, i-1)):max(0, i-1)]) == ""
			if strings.HasPrefix(strings.TrimLeft(line, " "), "#") || prevBlank {
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
		if nb := strings.Index(s[bodyStart:], "\n"+open); nb >= 0 && bodyStart+nb+1 < limit {
			limit = bodyStart + nb + 1
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
		n := &Note{Label: label, Key: label, Span: compare.Span{Start: start, End: end},
			Body: compare.TrimSpan(s, compare.Span{Start: bodyStart, End: bodyEnd}), Syntax: SyntaxGutenberg}
		ns.Notes = append(ns.Notes, n)
		if len(problems) > 0 {
			sp := compare.Span{Start: start, End: bodyStart}
			if end-start > 0 && strings.HasPrefix(problems[len(problems)-1], "note is never") && len(problems) == 1 {
				sp = compare.Span{Start: max(start, end-1), End: end}
			}
			ns.Problems = append(ns.Problems, Problem{Span: sp, Msg: "[Footnote " + label + "]: " + strings.Join(problems, "; ")})
		}
		out = append(out, region{start, end})
		i = end
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
	var out regions
	auto := 0
	for i := 0; ; {
		k := strings.Index(s[i:], `\footnote`)
		if k < 0 {
			break
		}
		start := i + k
		j := start + len(`\footnote`)
		kind := "note"
		switch {
		case strings.HasPrefix(s[j:], "mark"):
			kind, j = "mark", j+4
		case strings.HasPrefix(s[j:], "text"):
			kind, j = "text", j+4
		case j < len(s) && isLetter(s[j]):
			i = j // \footnotesize and the like
			continue
		}
		label := ""
		if j < len(s) && s[j] == '[' {
			e := balanced(s, j, min(len(s), j+20))
			if e < 0 {
				i = j
				continue
			}
			label = strings.TrimSpace(s[j+1 : e-1])
			j = e
		}
		if kind == "mark" {
			if label == "" {
				auto++
				label = itoa(auto)
			}
			ns.Markers = append(ns.Markers, &Marker{Label: label, Key: "latex:" + label,
				Span: compare.Span{Start: start, End: j}, Syntax: SyntaxLaTeX})
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
		end := balanced(s, j, len(s))
		bodyEnd := end - 1
		if end < 0 {
			end = len(s)
			if p := strings.Index(s[j:], "\n\n"); p >= 0 {
				end = j + p
			}
			bodyEnd = end
			ns.Problems = append(ns.Problems, Problem{Span: compare.Span{Start: start, End: j + 1},
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
		i = end
	}
	// \footnotemark / \footnotetext pairs are keyed; re-key them so the
	// pairing treats them like Pandoc notes
	return out
}

// addInline records a note written where it is referred to (LaTeX
// \footnote{…}, Pandoc ^[…]): the note and its one marker, linked.
func (ns *Notes) addInline(label, key string, note, marker, body compare.Span, syntax Syntax) {
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
	var out regions
	if !strings.Contains(s, "^") {
		return nil
	}
	type def struct{ start, end int }
	var defs regions
	// definitions first, so markers inside them are still found
	for i := 0; i < len(s); {
		e := lineEnd(s, i)
		t := strings.TrimLeft(s[i:e], " ")
		ind := e - i - len(t)
		if ind <= 3 && strings.HasPrefix(t, "[^") {
			id, n := pandocID(t)
			if n > 0 && n < len(t) && t[n] == ':' {
				start := i + ind
				bodyStart := start + n + 1
				end := e
				// continuation
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
				end = trimRight(s, end)
				ns.Notes = append(ns.Notes, &Note{Label: id, Key: "^" + id, Span: compare.Span{Start: start, End: end},
					Body: compare.TrimSpan(s, compare.Span{Start: bodyStart, End: end}), Syntax: SyntaxPandoc})
				defs = append(defs, region{start, start + n + 1})
				out = append(out, region{start, start + n + 1})
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
	defs = defs.sorted()
	for i := 0; ; {
		k := strings.Index(s[i:], "[^")
		if k < 0 {
			break
		}
		p := i + k
		if defs.inside(p) {
			i = p + 2
			continue
		}
		id, n := pandocID(s[p:])
		if n == 0 {
			i = p + 2
			continue
		}
		ns.Markers = append(ns.Markers, &Marker{Label: id, Key: "^" + id, Span: compare.Span{Start: p, End: p + n}, Syntax: SyntaxPandoc})
		i = p + n
	}
	for i := 0; ; {
		k := strings.Index(s[i:], "^[")
		if k < 0 {
			break
		}
		p := i + k
		e := balanced(s, p+1, len(s))
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
	var marks []numberedMark
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
		ls := lineStart(s, p)
		m.atLine = strings.TrimLeft(s[ls:p], " \t>") == ""
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
		if !isDef[i] {
			ns.Markers = append(ns.Markers, &Marker{Label: m.label, Key: m.label, Span: m.span, Syntax: m.syntax})
			continue
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
		ns.Notes = append(ns.Notes, &Note{Label: m.label, Key: m.label, Span: compare.Span{Start: lineStart(s, m.span.Start) + len(s[lineStart(s, m.span.Start):m.span.Start]) - len(strings.TrimLeft(s[lineStart(s, m.span.Start):m.span.Start], " \t>")), End: end},
			Body: compare.TrimSpan(s, compare.Span{Start: m.span.End, End: max(m.span.End, end)}), Syntax: m.syntax})
	}
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
	if j+1 < len(s) && s[j+1] == ':' && strings.TrimSpace(s[lineStart(s, p):p]) == "" {
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
// definitions.
func notesZones(s string, ns *Notes, marks []numberedMark, nextHeading func(int) int, hasGutenberg bool) regions {
	if hasGutenberg {
		return nil
	}
	var zones regions
	for i := 0; i < len(s); {
		e := lineEnd(s, i)
		if isRuleLine(s[i:e]) || compare.IsNotesHeading(s[i:e]) {
			zones = append(zones, region{e, nextHeading(e)})
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
	ends := append([]int(nil), len(s))
	for _, h := range ns.Headings {
		ends = append(ends, h.Start)
	}
	paras := splitParas(s)
	for _, end := range ends {
		// paragraphs before end, walking back
		k := sort.Search(len(paras), func(x int) bool { return paras[x].start >= end }) - 1
		first := -1
		for ; k >= 0; k-- {
			mi := sort.Search(len(marks), func(x int) bool { return marks[x].span.Start >= paras[k].start })
			if mi >= len(marks) || marks[mi].span.Start != paras[k].start {
				break
			}
			if at, ok := seenLabel[marks[mi].label]; !ok || at >= paras[k].start {
				break
			}
			first = paras[k].start
		}
		if first >= 0 {
			zones = append(zones, region{first, end})
		}
	}
	return zones.sorted()
}

type para struct{ start, end int }

// splitParas returns paragraphs (text between blank lines), trimmed.
func splitParas(s string) []para {
	var out []para
	i := 0
	for i < len(s) {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i >= len(s) {
			break
		}
		j := strings.Index(s[i:], "\n\n")
		end := len(s)
		if j >= 0 {
			end = i + j
		}
		// a line of only spaces also separates
		out = append(out, para{i, trimRight(s, end)})
		i = end
	}
	return out
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
