package reuse

import (
	"testing"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input"
)

// FuzzAlign checks the engine's invariants on arbitrary texts: passages lie
// on word edges inside both texts, counts are consistent, the word diff
// keeps exactly the shared words, and a repeat never overlaps itself.
func FuzzAlign(f *testing.F) {
	f.Add("the cat sat on the mat and the dog lay by the door of the house", "a cat sat on the mat; and the dog lay by the door")
	f.Add(passage, passage+" "+passage)
	f.Add("x y z x y z x y z x y z", "y z x y z x")
	f.Fuzz(func(t *testing.T, x, y string) {
		a, err := input.Parse("a.txt", []byte(x), input.Options{Lenient: true})
		if err != nil {
			return
		}
		b, err := input.Parse("b.txt", []byte(y), input.Options{Lenient: true})
		if err != nil {
			return
		}
		opt := Options{MinWords: 2, SeedWords: 2, MinSimilarity: 0.1}
		check := func(name string, a, b *compare.Document, ps []Passage, self bool) {
			for _, p := range ps {
				onEdges(t, name+" A", a, p.A)
				onEdges(t, name+" B", b, p.B)
				if p.Matched > min(p.WordsA, p.WordsB) || p.Similarity < 0 || p.Similarity > 1 {
					t.Fatalf("%s: counts %+v", name, p)
				}
				if self && p.A.End > p.B.Start {
					t.Fatalf("%s: copies overlap %+v", name, p)
				}
				if st := compare.Stats(Diff(a, b, p, 0), a, b); st.Equal != p.Matched {
					t.Fatalf("%s: diff keeps %d words, passage %d: %+v", name, st.Equal, p.Matched, p)
				}
			}
		}
		check("pair", a, b, AlignPair(a, b, opt), false)
		check("self", a, a, SelfAlign(a, opt), true)
	})
}

func onEdges(t *testing.T, name string, d *compare.Document, s compare.Span) {
	t.Helper()
	if s.Start < 0 || s.End > len(d.Text) || s.Start >= s.End {
		t.Fatalf("%s: span %+v outside text of %d bytes", name, s, len(d.Text))
	}
	i := d.TokenAt(s.Start)
	if i >= len(d.Tokens) || d.Tokens[i].Start() != s.Start {
		t.Fatalf("%s: span %+v does not start a word", name, s)
	}
	j := d.TokenAt(s.End - 1)
	if j >= len(d.Tokens) || d.Tokens[j].End() != s.End {
		t.Fatalf("%s: span %+v does not end a word", name, s)
	}
}
