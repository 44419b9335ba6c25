package lang

import "strconv"

// Figures written as words that are not numbers: a verb that multiplies
// ("exports doubled", "prices halved", "sales rose threefold") states a
// change in per cent, and an ordinal after a verb of ranking ("ranked
// third", "finished 5th") states a rank. Both are read as quantities, so
// that "doubled" and "tripled", "third" and "fifth" are compared as
// amounts; an ordinal anywhere else ("the Second World War", "5th
// Avenue") names and is no amount.

// multiplierVerbs are the verb forms that multiply, by their factor.
var multiplierVerbs = map[string]float64{
	"doubled": 2, "doubles": 2, "doubling": 2, "double": 2,
	"tripled": 3, "triples": 3, "tripling": 3, "triple": 3, "trebled": 3, "trebles": 3, "trebling": 3, "treble": 3,
	"quadrupled": 4, "quadruples": 4, "quadrupling": 4, "quadruple": 4,
	"quintupled": 5, "quintuples": 5, "quintupling": 5, "quintuple": 5,
	"halved": 0.5, "halves": 0.5, "halving": 0.5, "halve": 0.5,
}

// foldWords multiply, after a verb of change: "rose threefold".
var foldWords = map[string]float64{
	"twofold": 2, "threefold": 3, "fourfold": 4, "fivefold": 5, "sixfold": 6, "sevenfold": 7,
	"eightfold": 8, "ninefold": 9, "tenfold": 10, "hundredfold": 100,
}

// ordinalValues are the ordinals written as words, by their value.
var ordinalValues = map[string]float64{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
	"ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
	"fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}

// rankVerbs are the forms of the verbs that give a rank: "ranked third",
// "finished fifth", "came second".
var rankVerbs = set("rank", "ranks", "ranked", "ranking", "finish", "finishes", "finished", "finishing",
	"place", "placed", "places", "placing", "come", "comes", "came", "coming", "rated", "rates")

// Multiplier returns the factor of a verb form that multiplies
// ("doubled" 2, "halved" 0.5), or 0.
func Multiplier(l string) float64 { return multiplierVerbs[l] }

// ChangeVerbLemma is the lemma a clause gives a verb that multiplies: it
// states a change, compared as the change it is ("doubled" is "increase"
// by 100 per cent, as "rose 100%" is), or "" for any other verb.
func ChangeVerbLemma(l string) string {
	switch m := multiplierVerbs[l]; {
	case m > 1:
		return "increase"
	case m > 0:
		return "decrease"
	}
	return ""
}

// VerbLemma is the lemma a clause gives the verb at word i: a verb that
// multiplies is the change it states (ChangeVerbLemma), a verb that gives
// a rank ("came third", "finished in 5th place", "was ranked second") is
// "rank", any other its own lemma.
func VerbLemma(ws []Word, i int) string {
	if l := ChangeVerbLemma(ws[i].Lower); l != "" {
		return l
	}
	if l := amountVerbs[ws[i].Lemma]; l != "" && amountAfter(ws, i+1) {
		return l
	}
	for k := i + 1; k <= i+2 && k < len(ws); k++ {
		if rankVerbs[ws[i].Lower] && RankAt(ws, k) {
			return "rank"
		}
	}
	return ws[i].Lemma
}

// amountVerbs are the verbs reports use, interchangeably, for a change
// or a level stated by an amount, by the lemma they share then: "sales
// climbed 2%", "grew 8 percent", "rose by 5%" all "increase"; "profit
// reached $38bn", "hit $38bn", "totalled $38bn" all "total".
var amountVerbs = map[string]string{
	"rise": "increase", "grow": "increase", "climb": "increase", "jump": "increase", "gain": "increase",
	"advance": "increase", "surge": "increase", "soar": "increase", "increase": "increase", "expand": "increase",
	"fall": "decrease", "drop": "decrease", "decline": "decrease", "slip": "decrease", "sink": "decrease",
	"slide": "decrease", "dip": "decrease", "contract": "decrease",
	"shrink": "decrease", "slump": "decrease", "plunge": "decrease", "tumble": "decrease", "decrease": "decrease",
	"reach": "total", "hit": "total", "total": "total", "top": "total",
}

// IsAmountPredicate reports the predicates VerbLemma gives verbs of
// amount before an amount: "total", "increase", "decrease".
func IsAmountPredicate(l string) bool { return l == "total" || l == "increase" || l == "decrease" }

// amountAfter reports whether an amount starts at word i, or after "by",
// "to" or "at": a figure or a number word, with a currency code or
// symbol before it or not ("$38bn", "EUR 27.5 billion"), and after it a
// unit of measure or nothing ("5 per cent", "21.6 million euros", "2% in
// 2022") — not a count of things ("climbed by two men").
func amountAfter(ws []Word, i int) bool {
	if i < len(ws) && (ws[i].Lower == "by" || ws[i].Lower == "to" || ws[i].Lower == "at") {
		i++
	}
	if i < len(ws) && (currencyCodes[ws[i].Text] != "" || ws[i].Lower == "us") {
		i++ // "EUR 27.5 billion", "US$5.2 million"
	}
	if i >= len(ws) || ws[i].Tag != TagNum || OrdinalValue(ws[i].Lower) > 0 {
		return false
	}
	j := i + 1
	for j < len(ws) && ws[j].Tag == TagNum && ws[j].Punct == "" {
		j++ // "two hundred", "27.5 billion"
	}
	if j >= len(ws) || ws[j].Punct != "" {
		return true // "6% last year", "2,300." (Punct is what comes before a word)
	}
	switch n := ws[j]; {
	case n.Tag != TagNoun && n.Tag != TagProp && n.Tag != TagAdj:
		return true
	case measureWords[n.Lower] || CurrencyUnit(n.Lemma, "") != "":
		return true
	}
	for k := j + 1; k < len(ws) && k <= j+2; k++ {
		if CurrencyUnit(ws[k].Lemma, "") != "" {
			return true // "37.1 billion U.S. dollars"
		}
	}
	return false
}

// measureWords follow the figure of a change or a level.
var measureWords = set("percent", "per", "pc", "pct", "point", "points", "percentage")

// OrdinalValue returns the value of an ordinal, in words or figures
// ("third" 3, "21st" 21), or 0.
func OrdinalValue(l string) float64 {
	if len(l) < 3 {
		return 0
	}
	num, suf := l[:len(l)-2], l[len(l)-2:]
	if suf != "st" && suf != "nd" && suf != "rd" && suf != "th" {
		return 0 // most words, at the cost of two bytes compared
	}
	if v := ordinalValues[l]; v > 0 {
		return v
	}
	if !AllDigits(num) {
		return 0
	}
	n, err := strconv.Atoi(num)
	if err != nil || n <= 0 {
		return 0
	}
	want := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			want = "st"
		case 2:
			want = "nd"
		case 3:
			want = "rd"
		}
	}
	if suf != want {
		return 0
	}
	return float64(n)
}

// changeAt returns the change in per cent a word states as a multiplier:
// a verb that multiplies ("doubled": 100, "halved": 50), or a fold word
// after a verb of change ("rose threefold": 200); 0 for none.
func changeAt(ws []Word, i int) float64 {
	w := ws[i]
	if m := multiplierVerbs[w.Lower]; m > 0 && (w.Tag == TagVerb || w.Tag == TagOther) { // TagOther: words not tagged
		return changePercent(m)
	}
	if m := foldWords[w.Lower]; m > 0 && i > 0 && (ws[i-1].Tag == TagVerb || changeVerb(ws[i-1].Lower)) { // "rose threefold"
		return changePercent(m)
	}
	return 0
}

// changePercent is the change in per cent of multiplying by m: a rise
// for m > 1, a fall for m < 1, both as their size.
func changePercent(m float64) float64 {
	if m >= 1 {
		return (m - 1) * 100
	}
	return (1 - m) * 100
}

// rankAt returns the rank an ordinal at word i states, with the index
// after the words of the rank ("third place"), or 0: an ordinal after a
// verb of ranking ("ranked third", "finished in 5th place", "came as
// second"), or before "place" or "position" ("in third place").
func rankAt(ws []Word, i int) (float64, int) {
	v := OrdinalValue(ws[i].Lower)
	if v == 0 || i == 0 || ws[i].Punct != "" {
		return 0, i
	}
	end := i + 1
	place := end < len(ws) && ws[end].Punct == "" && (ws[end].Lower == "place" || ws[end].Lower == "position")
	if place {
		end++
	}
	k := i - 1
	if k > 0 && ws[i].Punct == "" && (ws[k].Lower == "in" || ws[k].Lower == "as" || ws[k].Lower == "at") {
		k--
	}
	if rankVerbs[ws[k].Lower] && ws[k].Tag != TagNoun && ws[k+1].Punct == "" || place && (ws[i-1].Lower == "in" || ws[i-1].Lower == "at") {
		return v, end
	}
	return 0, i
}

// RankAt reports whether word i of a sentence is a rank ("third" in
// "ranked third"), read as an amount.
func RankAt(ws []Word, i int) bool {
	if i < 0 || i >= len(ws) {
		return false
	}
	v, _ := rankAt(ws, i)
	return v > 0
}

// ChangeAt reports whether word i of a sentence states a change as a
// multiplier ("doubled", "rose threefold"), read as an amount.
func ChangeAt(ws []Word, i int) bool { return changeAt(ws, i) > 0 }

// IsFigureWord reports a word that can be the figure of an amount: a
// numeral, a number or scale word, an ordinal, a multiplier.
func IsFigureWord(l string) bool {
	return IsNumeral(l) || numberWords[l] > 0 || scaleWords[l] > 0 || OrdinalValue(l) > 0 || multiplierVerbs[l] > 0 || foldWords[l] > 0
}

// readChangeOrRank reads a multiplier or a rank at word i as a quantity:
// its value, unit, the index after it, and whether there is one.
func readChangeOrRank(ws []Word, i int) (q Quantity, end int, ok bool) {
	if c := changeAt(ws, i); c > 0 {
		return Quantity{Lo: c, Hi: c, Unit: "percent", Change: true, num: i, unitAt: -1}, i + 1, true
	}
	if v, e := rankAt(ws, i); v > 0 {
		return Quantity{Lo: v, Hi: v, Unit: "rank", num: i, unitAt: -1}, e, true
	}
	return Quantity{}, i, false
}

// QualifierStart returns where the qualifier of a multiplier at word i
// starts ("more than" in "more than doubled", "nearly" in "nearly
// halved"), or i when it has none: the subject is before it.
func QualifierStart(ws []Word, i int) int {
	if changeAt(ws, i) == 0 {
		return i
	}
	var q Quantity
	return qualify(ws, i, 1, &q)
}
