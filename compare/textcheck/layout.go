package textcheck

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/compare"
)

// findLetterSpaced reports runs of single letters set one space apart
// ("C H I N A    A E R O S P A C E"), one finding per line.
func findLetterSpaced(c *docCheck) {
	d := c.d
	toks := d.Tokens
	for i := 0; i < len(toks); {
		if !singleLetter(d, toks[i].Span()) {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) && singleLetter(d, toks[j].Span()) && spacedGap(d.Text[toks[j-1].End():toks[j].Start()]) {
			j++
		}
		if (j-i >= 5 || j-i == 4 && wholeLine(d.Text, toks[i].Start(), toks[j-1].End())) && !c.inCode(toks[i].Start()) {
			letterSpacedRun(c, toks[i:j])
		}
		i = j
	}
}

// wholeLine reports whether Text [a, b) is all of its line but spaces: a
// four-letter word spaced out ("R O M E") is letter-spacing only there.
func wholeLine(s string, a, b int) bool {
	la, lb := window(s, a, 100)
	_, lb = window(s, b, 100)
	if la > 0 && s[la-1] != '\n' || lb < len(s) && s[lb] != '\n' {
		return false // the line goes on past the window
	}
	return strings.TrimSpace(s[la:a]) == "" && strings.TrimSpace(s[b:lb]) == ""
}

func singleLetter(d *compare.Document, t compare.Span) bool {
	r, n := utf8.DecodeRuneInString(d.Text[t.Start:t.End])
	return n == t.Len() && unicode.IsLetter(r)
}

// spacedGap reports a gap of spaces only, one between letters of a word
// and a few between words.
func spacedGap(g string) bool {
	return len(g) >= 1 && len(g) <= 6 && strings.Trim(g, " ") == ""
}

// maxSpacedLetters is the most letters of a spaced run read into the
// message and the fix.
const maxSpacedLetters = 80

// letterSpacedRun reports one run of spaced letters if it reads as words.
func letterSpacedRun(c *docCheck, run []compare.Token) {
	d := c.d
	var words []string
	var cur strings.Builder
	upper, longest, n := 0, 0, 0
	wide := false // some gap is wider than the others: word breaks are known
	long := len(run) > maxSpacedLetters
	if long {
		run = run[:maxSpacedLetters] // a title is short; read the start of a longer run only
	}
	for k, t := range run {
		if k > 0 && len(d.Text[run[k-1].End():t.Start()]) > 1 {
			words = append(words, cur.String())
			cur.Reset()
			wide = true
		}
		l := d.TextOf(t.Span())
		cur.WriteString(l)
		if r, _ := utf8.DecodeRuneInString(l); unicode.IsUpper(r) {
			upper++
		}
		n++
	}
	words = append(words, cur.String())
	for _, w := range words {
		longest = max(longest, utf8.RuneCountInString(w))
	}
	if longest < 3 || upper != n && upper != 0 {
		return
	}
	if upper == 0 { // lower case: only if it spells words ("t h e  e n d", not "a e i o u")
		for _, w := range words {
			if len(w) < 2 || !c.lex.isWord(w) {
				return
			}
		}
	}
	joined := strings.Join(words, " ")
	span := compare.Span{Start: run[0].Start(), End: run[len(run)-1].End()}
	if long {
		joined += "…"
	}
	f := c.at(CheckLetterSpaced, span, "letter-spaced text reads %q; write the letters together (spacing belongs to the style)", joined)
	if wide && !long {
		f.Fix = c.fix(span, joined)
	}
	c.put(f)
}

// findLayoutCaps reports a run of capitals inside a sentence that goes on
// in lower case on both sides, when it looks like a running head or
// footer: a page number stands beside it, or the same run interrupts
// sentences elsewhere in the document. Capitals for emphasis ("REALLY
// HARD") and names ("USS ENTERPRISE") do neither.
func findLayoutCaps(c *docCheck) {
	d := c.d
	toks := d.Tokens
	type run struct {
		span  compare.Span
		key   string
		folio bool
	}
	var runs []run
	count := map[string]int{}
	for i := 1; i < len(toks); {
		if !capsWord(d, toks[i].Span()) {
			i++
			continue
		}
		j := i
		letters, words := 0, 0
		for j < len(toks) && capsWord(d, toks[j].Span()) && (j == i || spacesOnly(d.Text[toks[j-1].End():toks[j].Start()])) {
			letters += toks[j].Len()
			if c.lex.isWord(strings.ToLower(d.TextOf(toks[j].Span()))) && toks[j].Len() >= 3 {
				words++
			}
			j++
		}
		if j-i >= 3 && letters >= 12 && words >= 2 {
			if span, folio, ok := layoutCapsRun(c, i, j); ok {
				k, _ := foldHeading(d.TextOf(compare.Span{Start: toks[i].Start(), End: toks[j-1].End()}))
				runs = append(runs, run{span: span, key: k, folio: folio})
				count[k]++
			}
		}
		i = j + 1
	}
	for _, r := range runs {
		if r.folio || count[r.key] >= 2 {
			c.put(c.at(CheckLayoutCaps, r.span, "%q interrupts a sentence: a running head or page footer; delete it", Shorten(d.TextOf(r.span), 60)))
		}
	}
}

func spacesOnly(g string) bool {
	return g != "" && strings.Trim(g, " \n") == "" && strings.Count(g, "\n") <= 1
}

// capsWord reports a token of two or more capitals.
func capsWord(d *compare.Document, t compare.Span) bool {
	w := d.TextOf(t)
	return len(w) >= 2 && allCaps(w)
}

// layoutCapsRun decides whether the capitals of tokens [i, j) stand
// inside a sentence that runs on in lower case across them, and returns
// their span (with a page number beside them) and whether there is one.
func layoutCapsRun(c *docCheck, i, j int) (compare.Span, bool, bool) {
	d := c.d
	toks := d.Tokens
	start, end := i, j
	folio := false
	if start-1 >= 1 && allDigits(d.TextOf(toks[start-1].Span())) && toks[start-1].Len() <= 4 && spacesOnly(d.Text[toks[start-1].End():toks[start].Start()]) {
		start--
		folio = true
	}
	if end < len(toks) && allDigits(d.TextOf(toks[end].Span())) && toks[end].Len() <= 4 && spacesOnly(d.Text[toks[end-1].End():toks[end].Start()]) {
		end++
		folio = true
	}
	if start < 1 || end >= len(toks) {
		return compare.Span{}, false, false
	}
	if !spacesOnly(d.Text[toks[start-1].End():toks[start].Start()]) || !spacesOnly(d.Text[toks[end-1].End():toks[end].Start()]) {
		return compare.Span{}, false, false
	}
	if !startsLower(d.TextOf(toks[start-1].Span())) || !startsLower(d.TextOf(toks[end].Span())) {
		return compare.Span{}, false, false
	}
	span := compare.Span{Start: toks[start].Start(), End: toks[end-1].End()}
	if c.inCode(span.Start) || d.ParagraphAt(span.Start) != d.ParagraphAt(toks[end].Start()) {
		return compare.Span{}, false, false
	}
	return span, folio, true
}

func startsLower(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}
