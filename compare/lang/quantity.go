package lang

import (
	"math"
	"strconv"
	"strings"

	"github.com/crosscheck/crosscheck/compare"
)

// Quantity is an amount a sentence states, as the range of values it allows:
// "over 150 countries" is [150, ∞) countries, "some 4,000" about 4,000. The
// extractor keeps bounds closed (a plain figure beside a qualified one is
// often rounded); LoOpen and HiOpen are for callers that need strict ones.
type Quantity struct {
	Span   compare.Span // Text coordinates, qualifier to unit
	Text   string
	Lo, Hi float64 // the range; Hi is +Inf when open-ended
	LoOpen bool    // Lo itself is excluded ("over 150")
	HiOpen bool    // Hi itself is excluded ("less than 10")
	Approx bool    // "about", "some", "a score of"
	Unit   string  // lemma of what is counted: "country", "percent", "dollar"; "" when bare
	Change bool    // a change rather than a level: "up by 116 percent"
	num    int     // index of the first number word
	unitAt int     // index of the unit word, or -1
}

// Exact reports whether the quantity is one value.
func (q Quantity) Exact() bool { return q.Lo == q.Hi && !q.Approx }

// String writes the range compactly: "160", ">150", "≈4000", "<10".
func (q Quantity) String() string {
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	switch {
	case q.Approx && !math.IsInf(q.Hi, 1):
		return "≈" + f((q.Lo+q.Hi)/2)
	case math.IsInf(q.Hi, 1) && q.LoOpen:
		return ">" + f(q.Lo)
	case math.IsInf(q.Hi, 1):
		return "≥" + f(q.Lo)
	case q.Lo == 0 && q.HiOpen:
		return "<" + f(q.Hi)
	case q.Lo == 0 && q.Lo != q.Hi:
		return "≤" + f(q.Hi)
	case q.Lo == q.Hi:
		return f(q.Lo)
	}
	return f(q.Lo) + "–" + f(q.Hi)
}

// Disjoint reports whether two ranges cannot both hold.
func Disjoint(a, b Quantity) bool {
	return below(a, b) || below(b, a)
}

// below reports whether every value of a is under every value of b.
func below(a, b Quantity) bool {
	if a.Hi < b.Lo {
		return true
	}
	return a.Hi == b.Lo && (a.HiOpen || b.LoOpen)
}

// qualifiers before a number, longest first, with how they shape the range.
var qualifiers = []struct {
	words []string
	kind  byte // '>' over, 'g' at least, '<' under, 'l' at most, '~' about, 'n' nearly, 'c' change
}{
	{[]string{"more", "than"}, '>'}, {[]string{"greater", "than"}, '>'}, {[]string{"in", "excess", "of"}, '>'},
	{[]string{"at", "least"}, 'g'}, {[]string{"no", "fewer", "than"}, 'g'}, {[]string{"no", "less", "than"}, 'g'},
	{[]string{"less", "than"}, '<'}, {[]string{"fewer", "than"}, '<'}, {[]string{"at", "most"}, 'l'},
	{[]string{"no", "more", "than"}, 'l'}, {[]string{"up", "to"}, 'l'}, {[]string{"up", "by"}, 'c'},
	{[]string{"down", "by"}, 'c'}, {[]string{"close", "to"}, '~'}, {[]string{"an", "estimated"}, '~'},
	{[]string{"over"}, '>'}, {[]string{"above"}, '>'}, {[]string{"exceeding"}, '>'}, {[]string{"exceeded"}, '>'},
	{[]string{"exceeds"}, '>'}, {[]string{"under"}, '<'}, {[]string{"below"}, '<'}, {[]string{"about"}, '~'},
	{[]string{"around"}, '~'}, {[]string{"approximately"}, '~'}, {[]string{"roughly"}, '~'},
	{[]string{"some"}, '~'}, {[]string{"nearly"}, 'n'}, {[]string{"almost"}, 'n'}, {[]string{"circa"}, '~'},
	{[]string{"by"}, 'c'},
}

// ReadQuantities finds the amounts among tagged words ws; used marks words that are
// already part of a date.
func ReadQuantities(d *compare.Document, ws []Word, used []bool, out []Quantity) []Quantity {
	for i := 0; i < len(ws); i++ {
		if used[i] || strings.Contains(ws[i].Punct, "[") {
			continue // a note marker, "Champagne. [50]", is no amount
		}
		// a multiplier ("more than doubled") or a rank ("ranked third")
		if q, end, ok := readChangeOrRank(ws, i); ok {
			start := i
			if q.Unit == "percent" {
				start = qualify(ws, i, q.Lo, &q)
			}
			q.Span = compare.Span{Start: ws[start].Span.Start, End: ws[end-1].Span.End}
			q.Text = d.Text[q.Span.Start:q.Span.End]
			out = append(out, q)
			for k := i; k < end; k++ {
				used[k] = true
			}
			i = end - 1
			continue
		}
		cur, curAt, curWord := currencyBefore(d, ws, i)
		if cur == "" && i > 0 && ws[i].Punct == "" && (ws[i-1].Tag == TagProp || ws[i-1].Tag == TagNoun && labelNouns[ws[i-1].Lower]) {
			continue // a number that names: "Type 1", "Voyager 2", "Route 23", "grades 9-12"
		}
		var v float64
		j, approx, ok, frac := i, false, false, false
		if cur == "" && i+1 < len(ws) && fractionWords[ws[i+1].Lower] > 0 {
			if f, a, k, isFrac := readFraction(ws, i+1); isFrac && a == i { // "two-thirds of", "a third of"
				v, j, ok, frac = f, k, true, true
			}
		}
		if !ok {
			v, j, approx, ok = readNumber(ws, i, cur != "")
		}
		start := i
		if !ok {
			if cur != "" {
				continue
			}
			var a int
			if v, a, j, ok = readFraction(ws, i); !ok || used[a] {
				continue
			}
			start, frac = a, true
		}
		q := Quantity{Lo: v, Hi: v, Approx: approx, num: i, unitAt: -1}
		startOff := -1 // where the span starts when not at a word: a currency symbol
		switch {
		case cur != "":
			start, startOff = curWord, curAt
		case !frac && i > 0 && ws[i-1].Lower == "a" && !IsNumeral(ws[i].Lower): // "a score of", "a dozen", "a hundred"
			start = i - 1
		}
		// a range: "between 3 and 5 per cent", "between $3m and $5m"
		if start > 0 && ws[start-1].Lower == "between" && j+1 < len(ws) && ws[j].Lower == "and" && !used[j+1] {
			cur2, _, _ := currencyBefore(d, ws, j+1)
			if v2, j2, _, ok := readNumber(ws, j+1, cur2 != ""); ok && (cur2 == cur || cur == "") {
				if s := scaleWords[ws[j2-1].Lower]; s > 1 && j2-1 > j+1 && scaleWords[ws[j-1].Lower] == 0 && v*s <= v2 {
					v *= s // "between 3 and 5 million": the scale is said once
				}
				if v2 > v {
					q.Lo, q.Hi, cur = v, v2, cur2
					start, startOff, j = start-1, -1, j2
				}
			}
		}
		start = qualify(ws, start, v, &q)
		// unit after: "percent", or the head of the noun phrase that follows
		end := j
		endOff := ws[j-1].Span.End
		if e, ok := percentAfter(d, endOff); ok && !frac {
			q.Unit, endOff = "percent", e
		} else if u, ok := currencyAfter(ws, j); ok && cur == "" && !frac {
			q.Unit, q.unitAt, end = u, j, j+1
			endOff = ws[j].Span.End
		} else if cur != "" {
			q.Unit = cur
		} else if frac {
			q.Unit = "percent" // a share: "half of the voters" is 50 per cent of them
		} else if j < len(ws) && (ws[j].Lower == "percent" || ws[j].Lower == "per" && j+1 < len(ws) && ws[j+1].Lower == "cent") {
			q.Unit, q.unitAt = "percent", j
			end = j + 1
			if ws[j].Lower == "per" {
				end = j + 2
			}
			endOff = ws[end-1].Span.End
		} else {
			if j < len(ws) && ws[j].Lower == "of" && (q.Approx || scaleWords[ws[j-1].Lower] > 0) {
				j++ // "a score of countries", "hundreds of people"
				for j < len(ws) && ws[j].Tag == TagDet {
					j++
				}
			}
			k := j
			for k < len(ws) && k-j < 5 && !used[k] && (ws[k].Tag == TagAdj || ws[k].Tag == TagNoun || ws[k].Tag == TagProp) && (k == j || ws[k].Punct == "" || ws[k].Punct == "." || ws[k].Punct == "/") {
				if ws[k].Tag == TagNoun || ws[k].Tag == TagProp && k+1 < len(ws) && (ws[k+1].Tag == TagNoun) {
					q.unitAt = k
				}
				k++
			}
			if q.unitAt >= 0 {
				u := ws[q.unitAt]
				q.Unit = u.Lemma
				if u.Tag == TagProp {
					q.Unit = strings.ToLower(u.Text)
				}
				before := ""
				if q.unitAt > j {
					before = ws[q.unitAt-1].Lower
				}
				if c := CurrencyUnit(strings.ToLower(q.Unit), before); c != "" {
					q.Unit = c // "U.S. dollars", "euros", "Australian dollars"
				}
				end = q.unitAt + 1
				endOff = ws[end-1].Span.End
			}
		}
		if q.Unit == "percent" && start > 0 && changeVerb(ws[start-1].Lower) {
			q.Change = true // "rose 150%" is the change "rose by 150%" states, as "doubled" is
		}
		if startOff < 0 || start < curWord {
			startOff = ws[start].Span.Start
		}
		q.Span = compare.Span{Start: startOff, End: endOff}
		q.Text = d.Text[q.Span.Start:q.Span.End]
		out = append(out, q)
		for k := i; k < end; k++ {
			used[k] = true
		}
		i = j - 1
	}
	return out
}

// qualify widens q, of value v, by the qualifier before word start ("over
// 150", "nearly doubled") and returns where the amount then starts.
func qualify(ws []Word, start int, v float64, q *Quantity) int {
	for _, qu := range qualifiers {
		n := len(qu.words)
		if start-n < 0 {
			continue
		}
		match := true
		for k, qw := range qu.words {
			if ws[start-n+k].Lower != qw {
				match = false
				break
			}
		}
		if !match {
			continue
		}
		if qu.kind == 'c' && qu.words[0] == "by" && (start-2 < 0 || !changeVerb(ws[start-2].Lower)) {
			break
		}
		start -= n
		// A qualifier widens the range to take in the figure itself:
		// "over 150" and "150", "almost ninety years" and "ninety
		// years" can both be said of the same thing (the plain figure is
		// often rounded), so the bounds stay closed.
		switch qu.kind {
		case '>', 'g':
			q.Hi = math.Inf(1)
		case '<', 'l':
			q.Lo = 0
		case '~':
			q.Approx = true
		case 'n':
			q.Lo = v * 0.9
		case 'c':
			q.Change = true
		}
		break
	}
	if q.Approx && q.Lo == q.Hi {
		q.Lo, q.Hi = v*0.9, v*1.1
	}
	return start
}

// labelNouns are followed by a number that names rather than counts:
// "type 2", "page 713", "grades 9-12".
var labelNouns = set("type", "types", "number", "no", "version", "grade", "grades", "class", "level", "page", "pages",
	"chapter", "article", "section", "route", "model", "phase", "stage", "round", "volume", "vol", "issue", "item",
	"exit", "highway", "room", "unit", "zone", "region", "step", "part", "book", "line", "act", "scene", "verse")

func changeVerb(w string) bool {
	switch w {
	case "up", "down", "rose", "rise", "risen", "rises", "fell", "fall", "fallen", "falls", "increased",
		"decreased", "grew", "grown", "grows", "dropped", "declined", "increase", "decrease", "climbed", "jumped":
		return true
	}
	return false
}

// readNumber reads a number starting at word i: "11,063", "190 billion",
// "twenty-three", "three hundred and seventy-five thousand", "a score of",
// "eight", "$5.2m" (money: a currency comes before). It returns the value, the index after it, and whether the words
// only estimate it.
func readNumber(ws []Word, i int, money bool) (float64, int, bool, bool) {
	w := ws[i]
	l := w.Lower
	var v float64
	j := i
	switch {
	case !IsNumeral(l) && l != "" && l[0] >= '0' && l[0] <= '9':
		// "5.2m", "3bn": a figure with its scale
		f, ok := ScaledNumeral(l, money)
		return f, i + 1, false, ok
	case IsNumeral(l):
		if strings.Count(l, ".") > 1 {
			return 0, i, false, false
		}
		f, err := strconv.ParseFloat(strings.ReplaceAll(l, ",", ""), 64)
		if err != nil {
			return 0, i, false, false
		}
		v, j = f, i+1
		// scale words: "190 billion", "1.5 million"
		for j < len(ws) && scaleWords[ws[j].Lower] > 0 && ws[j].Punct == "" && !strings.HasSuffix(ws[j].Lower, "s") {
			v *= scaleWords[ws[j].Lower]
			j++
		}
		return v, j, false, true
	case l == "score" || l == "dozen":
		if i == 0 || ws[i-1].Lower != "a" {
			return 0, i, false, false
		}
		v, j = numberWords[l], i+1
		return v, j, l == "score", true
	case l == "dozens" || l == "hundreds" || l == "thousands" || l == "millions":
		if i+1 >= len(ws) || ws[i+1].Lower != "of" {
			return 0, i, false, false
		}
		base := map[string]float64{"dozens": 12, "hundreds": 100, "thousands": 1000, "millions": 1e6}[l]
		return base * 5, i + 1, true, true
	case l == "one":
		// "one" is a pronoun unless a noun, an adjective or more of the number follows
		if i+1 >= len(ws) || ws[i+1].Lower == "another" ||
			ws[i+1].Tag != TagNoun && ws[i+1].Tag != TagAdj && !(ws[i+1].Tag == TagNum && ws[i+1].Punct == "") {
			return 0, i, false, false
		}
	case l == "hundred" || l == "thousand" || l == "million" || l == "billion":
		// "a hundred and fifty thousand men"
		if i == 0 || ws[i-1].Lower != "a" {
			return 0, i, false, false
		}
	case numberWords[l] > 0 && l != "couple" && l != "pair" && l != "single" && l != "score" && l != "dozen":
	default:
		return 0, i, false, false
	}
	v, j = wordNumber(ws, i)
	if j == i {
		return 0, i, false, false
	}
	// "the twenty-first": an ordinal, no amount
	if j < len(ws) && ws[j].Punct == "-" && ordinalWords[ws[j].Lower] {
		return 0, i, false, false
	}
	return v, j, false, true
}

// wordNumber reads a number written in words from word i, the way it is
// spoken: "twenty-three", "two hundred and eight", "three hundred and
// seventy-five thousand", "a hundred and fifty thousand" (i at "hundred"),
// "one million two hundred thousand". It returns the value and the index
// after it (i when there is none).
func wordNumber(ws []Word, i int) (float64, int) {
	var total, cur float64
	// what the last word read was: 'u' a unit or teen, 't' a tens word,
	// 'h' hundred, 's' thousand or more, 'a' "and"
	last := byte(0)
	lastScale := math.Inf(1)
	end := i
	for k := i; k < len(ws); k++ {
		w := ws[k]
		if k > i && w.Punct != "" && !(w.Punct == "-" && last == 't') {
			break
		}
		l := w.Lower
		n, isNum := numberWords[l]
		switch {
		case l == "and":
			// only between a scale and the smaller part that follows it
			if (last != 'h' && last != 's') || k+1 >= len(ws) || ws[k+1].Punct != "" {
				return total + cur, end
			}
			if m := numberWords[ws[k+1].Lower]; m <= 0 || m >= 100 {
				return total + cur, end
			}
			last = 'a'
			continue
		case l == "hundred":
			if last == 'h' || last == 's' && cur == 0 && k > i {
				return total + cur, end // "thousand hundred"
			}
			if cur == 0 {
				cur = 1 // "a hundred"
			}
			if cur >= 100 {
				return total + cur, end
			}
			cur *= 100
			last = 'h'
		case l == "thousand" || l == "million" || l == "billion" || l == "trillion":
			s := scaleWords[l]
			if s >= lastScale {
				return total + cur, end // "thousand million": read the first only
			}
			if cur == 0 {
				cur = 1 // "a thousand"
			}
			total += cur * s
			cur = 0
			lastScale = s
			last = 's'
		case isNum && n > 0 && n < 100 && l != "couple" && l != "pair" && l != "single" && l != "score" && l != "dozen":
			tens := n >= 20 && n < 100
			switch last {
			case 0, 'h', 's', 'a':
				if last == 'h' && math.Mod(cur, 100) != 0 {
					return total + cur, end
				}
			case 't':
				if tens || n >= 10 || w.Punct != "-" && w.Punct != "" {
					return total + cur, end // "twenty thirty", "twenty eleven"
				}
			default:
				return total + cur, end // "three four"
			}
			cur += n
			if tens {
				last = 't'
			} else {
				last = 'u'
			}
		default:
			return total + cur, end
		}
		end = k + 1
	}
	return total + cur, end
}
