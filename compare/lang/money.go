package lang

import (
	"strconv"
	"strings"

	"github.com/crosscheck/crosscheck/compare"
)

// Amounts as news and reports write them: currencies by symbol, code or
// name ("$5.2m", "US$5.2 million", "EUR 3bn", "190 billion U.S. dollars"),
// percentages ("5%", "5 per cent"), fractions ("nearly half", "a third",
// "one in five"). Every currency is one unit, whatever the way it is
// written, so that "$5.2m" and "US$5.2 million" are the same amount.

// currencySymbols are the symbols written before an amount, with their unit;
// longest first, so that "US$" is read before "$".
var currencySymbols = []struct{ sym, unit string }{
	{"US$", "dollar"}, {"U.S.$", "dollar"}, {"A$", "australian dollar"}, {"AU$", "australian dollar"},
	{"C$", "canadian dollar"}, {"CA$", "canadian dollar"}, {"HK$", "hong kong dollar"}, {"NZ$", "new zealand dollar"},
	{"S$", "singapore dollar"}, {"NT$", "taiwan dollar"}, {"R$", "real"},
	{"$", "dollar"}, {"£", "pound"}, {"€", "euro"}, {"¥", "yen"}, {"₹", "rupee"}, {"₩", "won"}, {"₽", "rouble"},
}

// currencyCodes are ISO 4217 codes written before or after an amount.
var currencyCodes = map[string]string{
	"USD": "dollar", "EUR": "euro", "GBP": "pound", "JPY": "yen", "CNY": "yuan", "RMB": "yuan",
	"INR": "rupee", "CHF": "swiss franc", "AUD": "australian dollar", "CAD": "canadian dollar",
	"HKD": "hong kong dollar", "NZD": "new zealand dollar", "SGD": "singapore dollar", "KRW": "won",
	"RUB": "rouble", "BRL": "real", "ZAR": "rand", "SEK": "krona", "NOK": "krone", "DKK": "krone",
}

// currencyNouns name a currency after an amount ("5 million euros"); a
// nationality before "dollar" names another dollar than the US one.
var currencyNouns = map[string]string{
	"dollar": "dollar", "euro": "euro", "pound": "pound", "yen": "yen", "yuan": "yuan", "renminbi": "yuan",
	"rupee": "rupee", "franc": "franc", "rouble": "rouble", "ruble": "rouble", "won": "won", "rand": "rand",
	"peso": "peso", "real": "real", "lira": "lira", "krona": "krona", "krone": "krone", "sterling": "pound",
}

var otherDollars = map[string]string{
	"australian": "australian dollar", "canadian": "canadian dollar", "singapore": "singapore dollar",
	"zealand": "new zealand dollar", "kong": "hong kong dollar", "taiwan": "taiwan dollar",
}

// CurrencyUnit returns the unit of a currency noun's lemma ("dollar",
// "euro", "sterling"), with the word before it ("Australian dollars"), or "".
func CurrencyUnit(lemma, before string) string {
	u, ok := currencyNouns[lemma]
	if !ok {
		return ""
	}
	if u == "dollar" {
		if o, ok := otherDollars[strings.ToLower(before)]; ok {
			return o
		}
	}
	return u
}

// currencyBefore reads a currency written before word i: a symbol in
// the gap before it ("$5", "£ 3bn"), a symbol after a prefix word
// ("US$5.2"), or a code ("USD 5.2 million"). It returns the unit, the
// Text offset where the currency starts, and the first word of the amount
// (i, or the word before), or "" when there is none.
func currencyBefore(d *compare.Document, ws []Word, i int) (string, int, int) {
	w := ws[i]
	if w.Punct == "" {
		if i > 0 {
			if u, ok := currencyCodes[ws[i-1].Text]; ok {
				return u, ws[i-1].Span.Start, i - 1
			}
		}
		return "", 0, i
	}
	// the gap before the word, up to the previous word (or 4 bytes)
	lo := max(0, w.Span.Start-8)
	if i > 0 {
		lo = max(lo, ws[i-1].Span.Start)
	}
	gap := strings.TrimRight(d.Text[lo:w.Span.Start], " ")
	for _, c := range currencySymbols {
		if !strings.HasSuffix(gap, c.sym) {
			continue
		}
		at := lo + len(gap) - len(c.sym)
		if i > 0 && ws[i-1].Span.Start >= at && ws[i-1].Span.End <= w.Span.Start {
			return c.unit, ws[i-1].Span.Start, i - 1 // "US$": the prefix is a word of its own
		}
		return c.unit, at, i
	}
	return "", 0, i
}

// currencyAfter reads a code written after an amount ("5.2 million USD"),
// returning its unit and whether there is one.
func currencyAfter(ws []Word, j int) (string, bool) {
	if j < len(ws) && ws[j].Punct == "" {
		if u, ok := currencyCodes[ws[j].Text]; ok {
			return u, true
		}
	}
	return "", false
}

// scaleSuffixes are the scale letters written onto a figure ("5.2m",
// "3bn", "1.2tn", "500k"); those marked ambiguous ("m", "k", "b") are read
// as scales only after a currency ("5m" is also five metres).
var scaleSuffixes = map[string]struct {
	scale     float64
	ambiguous bool
}{
	"k": {1e3, true}, "m": {1e6, true}, "mn": {1e6, false}, "mln": {1e6, false}, "b": {1e9, true},
	"bn": {1e9, false}, "bln": {1e9, false}, "tn": {1e12, false}, "trn": {1e12, false},
}

// ScaledNumeral reads a figure with a scale suffix ("5.2m", "3bn"); money
// says a currency comes before it (which makes "m", "k" and "b" scales).
func ScaledNumeral(s string, money bool) (float64, bool) {
	k := len(s)
	for k > 0 && (s[k-1] < '0' || s[k-1] > '9') {
		k--
	}
	if k == 0 || k == len(s) || !IsNumeral(s[:k]) || strings.Count(s[:k], ".") > 1 {
		return 0, false
	}
	suf, ok := scaleSuffixes[strings.ToLower(s[k:])]
	if !ok || suf.ambiguous && !money {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(s[:k], ",", ""), 64)
	if err != nil {
		return 0, false
	}
	return f * suf.scale, true
}

// percentAfter reports a per cent sign right after Text offset end ("5%",
// "5 %"), and where it ends.
func percentAfter(d *compare.Document, end int) (int, bool) {
	t := d.Text[end:]
	switch {
	case strings.HasPrefix(t, "%"):
		return end + 1, true
	case strings.HasPrefix(t, " %"):
		return end + 2, true
	case strings.HasPrefix(t, "\u00a0%"):
		return end + 3, true
	}
	return end, false
}

// fractionWords are the fractions written as words, as per cent.
var fractionWords = map[string]float64{
	"half": 50, "third": 100.0 / 3, "thirds": 100.0 / 3, "quarter": 25, "quarters": 25,
	"fifth": 20, "fifths": 20, "tenth": 10, "tenths": 10,
}

// readFraction reads a share written in words at word i: "half (of) the
// voters", "a third of", "two-thirds of", "one in five". It returns the
// share in per cent, the first word and the index after the share.
func readFraction(ws []Word, i int) (float64, int, int, bool) {
	l := ws[i].Lower
	next := func(k int) string {
		if k < len(ws) {
			return ws[k].Lower
		}
		return ""
	}
	ofLike := func(k int) bool {
		switch next(k) {
		case "of", "the", "its", "their", "his", "her", "our", "all":
			return true
		}
		return false
	}
	// "one in five", "1 in 4"
	if n := numberOrNumeral(l); n > 0 && next(i+1) == "in" && i+2 < len(ws) && ws[i+2].Punct == "" {
		if m := numberOrNumeral(ws[i+2].Lower); m > n {
			return 100 * n / m, i, i + 3, true
		}
	}
	f, ok := fractionWords[l]
	if !ok || !ofLike(i+1) {
		return 0, i, i, false
	}
	if l == "half" {
		if i > 0 {
			switch ws[i-1].Tag {
			case TagDet, TagAdj, TagNum:
				if ws[i-1].Lower != "a" {
					return 0, i, i, false // "the first half of", "the second half"
				}
			}
			if ordinalWords[ws[i-1].Lower] {
				return 0, i, i, false
			}
		}
		return f, i, i + 1, true
	}
	// "a third of", "one quarter of", "two-thirds of"
	if i == 0 {
		return 0, i, i, false
	}
	prev := ws[i-1].Lower
	switch {
	case prev == "a" || prev == "one":
		return f, i - 1, i + 1, true
	case numberWords[prev] >= 2 && numberWords[prev] < 10 && strings.HasSuffix(l, "s"):
		return f * numberWords[prev], i - 1, i + 1, true
	}
	return 0, i, i, false
}

// numberOrNumeral is the value of a small number word or an integer
// numeral, or 0.
func numberOrNumeral(l string) float64 {
	if v := numberWords[l]; v > 0 && v < 100 {
		return v
	}
	if AllDigits(l) && len(l) <= 3 {
		v, _ := strconv.Atoi(l)
		return float64(v)
	}
	return 0
}

// isScaled reports a figure with a scale suffix ("5.2m", "3bn"), whatever
// comes before it.
func isScaled(l string) bool {
	_, ok := ScaledNumeral(l, true)
	return ok
}

// IsScaledNumeral reports a figure written with a scale suffix: "5.2m",
// "3bn", "1.2tn", "500k".
func IsScaledNumeral(l string) bool { return isScaled(l) }

// IsMoneyOrShare reports the units of amounts that name no thing of their
// own: "percent" and the currencies.
func IsMoneyOrShare(unit string) bool {
	if unit == "percent" {
		return true
	}
	for _, u := range currencyNouns {
		if u == unit {
			return true
		}
	}
	for _, u := range currencyCodes {
		if u == unit {
			return true
		}
	}
	return false
}
