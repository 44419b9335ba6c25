package textcheck

import (
	"strconv"
	"strings"

	"github.com/crosscheck/crosscheck/compare"
)

// monthNames are the months, full and abbreviated, in lower case.
var monthNames = set("january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
	"sep", "sept", "oct", "nov", "dec")

// yearWords are the words a lost space runs onto a year: "in2008", "2008and".
var yearWords = set("in", "on", "since", "by", "of", "from", "to", "until", "till", "and", "during",
	"before", "after", "or", "the", "that", "year", "early", "late", "mid")

func findNumberSpace(c *docCheck) {
	d := c.d
	for _, t := range d.Tokens {
		w := d.TextOf(t.Span())
		if len(w) < 3 || c.inCode(t.Start()) {
			continue
		}
		if i := strings.IndexByte(w, ','); i > 0 && isDigit(w[0]) {
			commaYear(c, t.Span(), w, i)
			continue
		}
		wordNumber(c, t.Span(), w)
	}
}

// commaYear reports "15,2020": a day (or any group of at most three
// digits) and a year joined by a comma without a space. A thousands group
// has three digits, so four after the comma are no number.
func commaYear(c *docCheck, t compare.Span, w string, i int) {
	if strings.Count(w, ",") != 1 || strings.ContainsRune(w, '.') || i > 3 {
		return
	}
	y := w[i+1:]
	if len(y) != 4 || !allDigits(y) || !allDigits(w[:i]) || y < "1000" || y > "2099" {
		return
	}
	s := c.d.Text
	if nearCode(c, t) || t.Start > 0 && (s[t.Start-1] == ',' || s[t.Start-1] == '.') {
		return
	}
	what := "number"
	if m := wordBefore(s, max(0, t.Start-1)); t.Start > 0 && s[t.Start-1] == ' ' && monthNames[strings.ToLower(s[m:t.Start-1])] {
		what = "date"
		t.Start = m
	}
	comma := compare.Span{Start: t.End - 5, End: t.End - 4}
	f := c.at(CheckNumberSpace, t, "%q: a space is missing after the comma of the %s; write %q",
		s[t.Start:t.End], what, s[t.Start:comma.End]+" "+y)
	f.Fix = c.fix(comma, ", ")
	c.put(f)
}

// wordNumber reports a month or a function word run onto a number:
// "December15", "15December", "in2008", "2008and".
func wordNumber(c *docCheck, t compare.Span, w string) {
	k := 0
	for k < len(w) && !isDigit(w[k]) {
		k++
	}
	var word, num string
	if k > 0 && k < len(w) {
		word, num = w[:k], w[k:]
	} else if k == 0 {
		for k < len(w) && isDigit(w[k]) {
			k++
		}
		num, word = w[:k], w[k:]
	}
	if word == "" || num == "" || !IsASCIILetters(word) || !allDigits(num) {
		return
	}
	lw := strings.ToLower(word)
	year := len(num) == 4 && num >= "1000" && num <= "2099"
	n, _ := strconv.Atoi(num)
	day := len(num) <= 2 && n >= 1 && n <= 31
	switch {
	case monthNames[lw] && len(lw) >= 3 && (day || year):
	case yearWords[lw] && year && word == lw:
	default:
		return
	}
	if nearCode(c, t) {
		return
	}
	seam := t.Start + k
	fixed := w[:k] + " " + w[k:]
	f := c.at(CheckNumberSpace, t, "%q: a space is missing between %q and %q; write %q", w, w[:k], w[k:], fixed)
	f.Fix = c.fix(compare.Span{Start: seam - 1, End: seam + 1}, w[k-1:k]+" "+w[k:k+1])
	c.put(f)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}
