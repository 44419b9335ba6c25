package lang

import (
	"testing"

	"github.com/crosscheck/crosscheck/compare/input"
)

// FuzzReadQuantities: whatever the text, every amount read lies inside
// its sentence, its text is the text of its span, and its range is a range.
func FuzzReadQuantities(f *testing.F) {
	for _, s := range []string{"The market grew 5% in 2021.", "It awarded US$5.2 million.", "It cost £3bn (about €3.4bn).[3]",
		"between 3 and 5 per cent", "Nearly half of the voters; a third of the budget; one in five adults.", "$", "US$", "5.2m", "€1.2tn", "two-thirds of"} {
		f.Add(s)
	}
	lx := NewLexicon(NewLexCache())
	f.Fuzz(func(t *testing.T, text string) {
		d, err := input.Parse("f.txt", []byte(text), input.Options{Format: "text"})
		if err != nil {
			return
		}
		for _, s := range d.Sentences {
			ws := Words(d, s, nil)
			TagWords(lx, ws, Capitalisation(d))
			used := make([]bool, len(ws))
			ReadDates(d, ws, used, DocumentAnchor(lx, d), nil)
			for _, q := range ReadQuantities(d, ws, used, nil) {
				if q.Span.Start < s.Start || q.Span.End > s.End || q.Span.Start >= q.Span.End {
					t.Fatalf("%q: amount %q at %v outside its sentence %v", text, q.Text, q.Span, s)
				}
				if q.Text != d.Text[q.Span.Start:q.Span.End] {
					t.Fatalf("%q: text %q is not its span's", text, q.Text)
				}
				if !(q.Lo <= q.Hi) {
					t.Fatalf("%q: %q range [%g, %g]", text, q.Text, q.Lo, q.Hi)
				}
			}
		}
	})
}
