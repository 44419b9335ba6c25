package boiler

import (
	"slices"
	"testing"

	"github.com/crosscheck/crosscheck/compare/reuse/internal/gram"
)

func TestMinDocsOf(t *testing.T) {
	for _, c := range []struct {
		opt  Options
		n    int
		want int
	}{
		{Options{}, 3, 4}, {Options{}, 4, 4}, {Options{}, 5, 4},
		{Options{}, 7, 4}, {Options{}, 9, 5}, {Options{}, 20, 10},
		{Options{}, 30, 11}, {Options{}, 1000, 51},
		{Options{MaxDocs: 5}, 12, 6}, {Options{MaxDocs: 2}, 12, 4},
		{Options{MinDocs: 7}, 5, 7}, {Options{MinDocs: 1}, 5, 2},
	} {
		if got := c.opt.MinDocsOf(c.n); got != c.want {
			t.Errorf("%+v with %d documents: %d, want %d", c.opt, c.n, got, c.want)
		}
	}
}

// The rolling fingerprints equal those computed afresh at each position,
// and winnowing keeps one in every window.
func TestGramsAndWinnowing(t *testing.T) {
	keys := make([]uint64, 40)
	for i := range keys {
		keys[i] = uint64(i%7)*0x1234567 + uint64(i%5)
	}
	h := docGrams(keys, nil)
	if len(h) != len(keys)-bpGram+1 {
		t.Fatalf("%d grams", len(h))
	}
	for t0 := range h {
		fresh := docGrams(keys[t0:t0+bpGram], nil)
		if len(fresh) != 1 || fresh[0] != h[t0] {
			t.Fatalf("gram %d: rolling %x, fresh %v", t0, h[t0], fresh)
		}
	}
	var kept []uint64
	winnowGrams(h, bpWindow, func(x uint64) { kept = append(kept, x) })
	for s := 0; s+bpWindow <= len(h); s++ {
		if !slices.ContainsFunc(h[s:s+bpWindow], func(x uint64) bool { return slices.Contains(kept, x) }) {
			t.Errorf("window %d keeps nothing", s)
		}
	}
	set := gram.Filter{Mask: 0xF} // the low four bits are a document number
	for _, x := range kept[:len(kept)/2] {
		set.Set.Add(x&^0xF | 1)
	}
	for i, x := range kept {
		if got, want := set.Has(x^0x5), i < len(kept)/2; got != want {
			t.Errorf("has(%x) = %v, want %v", x, got, want)
		}
	}
}
