package gram

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
)

// TestLookupBatch: batched look-ups find the same ranges as a scan of the
// index, cut after limit+1 entries.
func TestLookupBatch(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	h := make([]uint64, 5000)
	for i := range h {
		switch r := rng.IntN(10); {
		case r < 3:
			h[i] = Mix(uint64(rng.IntN(5))) | 1 // some 300 times each
		case r < 4:
			h[i] = Mix(uint64(10+rng.IntN(20))) | 1 // some 25 times
		case r < 5:
			h[i] = 0
		default:
			h[i] = Mix(uint64(100+rng.IntN(3000))) | 1
		}
	}
	ix := Build(len(h), slices.All(h))
	defer ix.Release()
	for _, limit := range []int{0, 3, 8, 9, 20, 50, 1 << 20} {
		for _, k := range h[:500] {
			if k == 0 {
				continue
			}
			var want []int
			for e := range ix.entries {
				if ix.entries[e]>>ix.posBits == k>>ix.posBits {
					want = append(want, e)
				}
			}
			want = want[:min(len(want), limit+1)]
			lo, hi := ix.Lookup(k, limit)
			if hi-lo != len(want) || len(want) > 0 && lo != want[0] {
				t.Fatalf("limit %d: lookup gives [%d,%d), want %d entries from %v", limit, lo, hi, len(want), want[:min(3, len(want))])
			}
			for e := lo; e < hi; e++ {
				if h[ix.Pos(e)] != k {
					t.Fatalf("entry %d at position %d holds another fingerprint", e, ix.Pos(e))
				}
			}
		}
	}
}

// TestGramIter: the iterator yields what a direct computation gives: the
// hash of each k words with at least two that are not stop words, else 0.
func TestGramIter(t *testing.T) {
	d := compare.NewTextDocument("a.txt", "The ferry left the island at dawn with the mail, two crates of apples "+
		"and a doctor who was needed on the mainland. It was the last crossing before the ice, "+
		"and of it the harbour keeps a photograph, and it was in the of it so. The a")
	keys := d.TokenKeys()
	for _, k := range []int{2, 4, 7} {
		for _, lo := range []int{0, 3} {
			hi := len(keys) - 2
			got := Grams(keys, lo, hi, k, nil, nil)
			if len(got) != hi-lo-k+1 {
				t.Fatalf("k=%d: %d grams, want %d", k, len(got), hi-lo-k+1)
			}
			for t0, h := range got {
				i, content := lo+t0, 0
				for _, key := range keys[i : i+k] {
					if !IsStop(key) {
						content++
					}
				}
				want := uint64(0)
				if content >= 2 {
					want = Hash(keys, i, k)
				}
				if h != want {
					t.Fatalf("k=%d lo=%d: gram %d is %x, want %x", k, lo, t0, h, want)
				}
			}
		}
	}
	if g := Grams(keys, 5, 7, 4, nil, nil); len(g) != 0 {
		t.Errorf("a range shorter than a gram gives %d grams", len(g))
	}
}

// TestGramsFilter: a filtered fingerprint clears itself and every gram
// within Window-1 positions of it; the others are left as they are.
func TestGramsFilter(t *testing.T) {
	d := compare.NewTextDocument("b.txt", "Snow closed the pass for nine weeks, so the village baked its bread "+
		"from the mill's last sacks and traded cheese with the monastery across the valley.")
	keys := d.TokenKeys()
	all := Grams(keys, 0, len(keys), 3, nil, nil)
	const at = 8
	if all[at] == 0 || slices.Index(all, all[at]) != at {
		t.Fatalf("gram %d is 0 or not unique", at)
	}
	f := &Filter{Mask: 0xFF, Window: 4}
	f.Set.Init(1)
	f.Set.Add(all[at]&^f.Mask | 1)
	got := Grams(keys, 0, len(keys), 3, f, nil)
	for i := range all {
		want := all[i]
		if i > at-f.Window && i < at+f.Window {
			want = 0
		}
		if got[i] != want {
			t.Errorf("gram %d is %x, want %x", i, got[i], want)
		}
	}
}
