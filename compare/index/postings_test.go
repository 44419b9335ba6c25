package index

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestChunkRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	ps := make([]posting, 700)
	for i := range ps {
		ps[i] = posting{hash: r.Uint32(), doc: int64(r.IntN(1 << 40))}
	}
	ps = append(ps, posting{0, 1}, posting{0xFFFFFFFF, 3})
	slices.SortFunc(ps, comparePostings)
	got, err := decodeChunk(encodeChunk(ps, nil), nil)
	if err != nil || !slices.Equal(got, ps) {
		t.Fatalf("round trip: %v", err)
	}
	for _, bad := range [][]byte{nil, {5}, {2, 1}, {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}} {
		if _, err := decodeChunk(bad, nil); err == nil {
			t.Errorf("decodeChunk(%x) accepted a damaged chunk", bad)
		}
	}
}

// TestChunksFor checks that a lookup reads every chunk that can hold a
// hash, including the one before when a hash's postings straddle two.
func TestChunksFor(t *testing.T) {
	d := directory{10, 20, 20, 30}
	for _, c := range []struct {
		h      uint32
		lo, hi int
		ok     bool
	}{{5, 0, 0, false}, {10, 0, 0, true}, {15, 0, 0, true}, {20, 0, 2, true}, {25, 2, 2, true}, {30, 2, 3, true}, {0xFFFFFFFF, 3, 3, true}} {
		lo, hi, ok := d.chunksFor(c.h)
		if ok != c.ok || ok && (lo != c.lo || hi != c.hi) {
			t.Errorf("chunksFor(%d) = %d, %d, %v; want %d, %d, %v", c.h, lo, hi, ok, c.lo, c.hi, c.ok)
		}
	}
}
