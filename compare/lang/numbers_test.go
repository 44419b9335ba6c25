package lang

import (
	"math"
	"strings"
	"testing"
)

// quantitiesOf reads the amounts of the first sentence of text, as the
// claims analyzer reads them.
func quantitiesOf(t testing.TB, text string) []Quantity {
	t.Helper()
	d, ws, lx := taggedSentence(t, text)
	used := make([]bool, len(ws))
	ReadDates(d, ws, used, DocumentAnchor(lx, d), nil)
	return ReadQuantities(d, ws, used, nil)
}

// Numbers written in words are read whole, the way they are spoken, and
// a number that names something ("Type 1") is no amount.
func TestCompoundNumerals(t *testing.T) {
	inf := math.Inf(1)
	for _, c := range []struct {
		text, span, unit string
		lo, hi           float64
	}{
		{"He led three hundred and seventy-five thousand men.", "three hundred and seventy-five thousand men", "man", 375000, 375000},
		{"A hundred and fifty thousand men marched.", "A hundred and fifty thousand men", "man", 150000, 150000},
		{"The fleet had two hundred and eight ships.", "two hundred and eight ships", "ship", 208, 208},
		{"They held exercises with a score of countries.", "a score of countries", "country", 18, 22},
		{"Caesar raised twenty-one legions.", "twenty-one legions", "legion", 21, 21},
		{"Thirty-four thousand men are reported to have been slain.", "Thirty-four thousand men", "man", 34000, 34000},
		{"Neil's got four hundred and fifty-six identical amplifiers.", "four hundred and fifty-six identical amplifiers", "amplifier", 456, 456},
		{"The city had one million two hundred thousand people.", "one million two hundred thousand people", "people", 1.2e6, 1.2e6},
		{"They counted nineteen hundred houses.", "nineteen hundred houses", "house", 1900, 1900},
		{"The army waited almost ninety years.", "almost ninety years", "years", 81, 90},
		{"China has ties with over 150 countries.", "over 150 countries", "country", 150, inf},
		{"They sent up to 10 ships.", "up to 10 ships", "ship", 0, 10},
	} {
		qs := quantitiesOf(t, c.text)
		if len(qs) != 1 {
			t.Errorf("%q: %d quantities %+v", c.text, len(qs), qs)
			continue
		}
		q := qs[0]
		if q.Text != c.span || q.Unit != c.unit || math.Abs(q.Lo-c.lo) > 1e-6 || q.Hi != c.hi && math.Abs(q.Hi-c.hi) > 1e-6 || q.LoOpen || q.HiOpen {
			t.Errorf("%q: got %q %s [%g,%g] open %v %v", c.text, q.Text, q.Unit, q.Lo, q.Hi, q.LoOpen, q.HiOpen)
		}
	}
	// several numbers side by side stay apart; ordinals and names are no amounts
	for _, c := range []struct {
		text string
		want []float64
	}{
		{"It took three and four days.", []float64{3, 4}},
		{"The twenty-first legion marched.", nil},
		{"Type 1 diabetes differs from Type 2 diabetes.", nil},
		{"Voyager 2 followed Voyager 1.", nil},
		{"Give me one.", nil},
		{"In twenty thirty years passed.", []float64{20, 30}},
	} {
		var got []float64
		for _, q := range quantitiesOf(t, c.text) {
			got = append(got, q.Lo)
		}
		if len(got) != len(c.want) {
			t.Errorf("%q: got %v, want %v", c.text, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%q: got %v, want %v", c.text, got, c.want)
			}
		}
	}
}

// A qualifier makes a range that holds the plain figure: "almost ninety
// years" and "ninety years", "over 150" and "150" can both be true.
func TestQualifiedRangesMeet(t *testing.T) {
	for _, c := range [][2]string{
		{"The war lasted almost ninety years.", "The war lasted ninety years."},
		{"China has ties with over 150 countries.", "China has ties with 150 countries."},
		{"The fleet had nearly 300 ships.", "The fleet had 300 ships."},
		{"The fleet had at least 300 ships.", "The fleet had 300 ships."},
		{"The fleet had up to 300 ships.", "The fleet had 300 ships."},
		{"The fleet had about 300 ships.", "The fleet had 320 ships."},
		{"The fleet had some 300 ships.", "The fleet had 280 ships."},
	} {
		a := quantitiesOf(t, c[0])
		b := quantitiesOf(t, c[1])
		if len(a) != 1 || len(b) != 1 {
			t.Errorf("%q / %q: quantities %+v %+v", c[0], c[1], a, b)
			continue
		}
		if Disjoint(a[0], b[0]) {
			t.Errorf("%q (%s) and %q (%s) do not meet", c[0], a[0], c[1], b[0])
		}
	}
}

// spell writes n (below a billion) in words, the British way: "three
// hundred and seventy-five thousand", "two hundred and eight".
func spell(n int) string {
	ones := []string{"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
		"twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	tens := []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	below100 := func(n int) string {
		if n < 20 {
			return ones[n]
		}
		if n%10 == 0 {
			return tens[n/10]
		}
		return tens[n/10] + "-" + ones[n%10]
	}
	below1000 := func(n int, and bool) string {
		var parts []string
		if n >= 100 {
			parts = append(parts, ones[n/100], "hundred")
			if n%100 != 0 {
				parts = append(parts, "and")
			}
		} else if and && n > 0 {
			parts = append(parts, "and")
		}
		if n%100 != 0 {
			parts = append(parts, below100(n%100))
		}
		return strings.Join(parts, " ")
	}
	var parts []string
	if m := n / 1000000; m > 0 {
		parts = append(parts, below1000(m, false), "million")
	}
	if t := n / 1000 % 1000; t > 0 {
		parts = append(parts, below1000(t, false), "thousand")
	}
	if r := n % 1000; r > 0 {
		parts = append(parts, below1000(r, len(parts) > 0))
	}
	return strings.Join(parts, " ")
}

// Every number spelled out in words reads back as itself.
func TestWordNumbersRoundTrip(t *testing.T) {
	check := func(n int) {
		text := "They counted " + spell(n) + " ships."
		qs := quantitiesOf(t, text)
		if len(qs) != 1 || qs[0].Lo != float64(n) || qs[0].Unit != "ship" {
			t.Fatalf("%q: got %+v", text, qs)
		}
	}
	for n := 1; n < 1000; n++ {
		check(n)
	}
	for n := 1000; n < 1000000000; n = n*7/5 + 13 {
		check(n)
	}
}
