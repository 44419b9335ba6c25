package restate

import "testing"

// Which values of two sentences restated count as changed: those left
// unpaired, inside the conflicting values, with every figure of one
// conflicting value paired inside the other (not elsewhere).
func TestChanged(t *testing.T) {
	sp := func(a, b uint32) Span { return Span{a, b} }
	for _, c := range []struct {
		name   string
		r      Result
		va, vb Span
		want   bool
	}{
		{"one figure changed", Result{Similar: true, ValsA: []Span{sp(10, 12)}, ValsB: []Span{sp(10, 12)}}, sp(10, 20), sp(10, 20), true},
		{"not similar", Result{ValsA: []Span{sp(10, 12)}, ValsB: []Span{sp(10, 12)}}, sp(10, 20), sp(10, 20), false},
		{"nothing changed", Result{Similar: true}, sp(10, 20), sp(10, 20), false},
		{"another figure changed too", Result{Similar: true, ValsA: []Span{sp(10, 12), sp(30, 32)}, ValsB: []Span{sp(10, 12)}}, sp(10, 20), sp(10, 20), false},
		{"a word swapped", Result{Similar: true, ValsA: []Span{sp(10, 12)}, ValsB: []Span{sp(10, 12)}, TermsA: []Span{sp(40, 45)}, TermsB: []Span{sp(40, 45)}}, sp(10, 20), sp(10, 20), false},
		{"part of the figure left out", Result{Similar: true, ValsA: []Span{sp(10, 15)},
			Pairs: [][2]Span{{sp(20, 25), sp(10, 15)}}}, sp(10, 30), sp(10, 20), true},
		{"figure added: B's is paired elsewhere in A", Result{Similar: true, ValsA: []Span{sp(50, 54)},
			Pairs: [][2]Span{{sp(10, 13), sp(10, 13)}}}, sp(50, 60), sp(10, 20), false},
	} {
		if got := c.r.Changed(c.va, c.vb); got != c.want {
			t.Errorf("%s: changed %v, want %v", c.name, got, c.want)
		}
	}
}
