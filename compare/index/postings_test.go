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
		ps[i] = mkPosting(r.Uint32(), int64(r.IntN(maxDoc+1)))
	}
	ps = append(ps, mkPosting(0, 1), mkPosting(0xFFFFFFFF, 3), mkPosting(7, maxDoc))
	slices.Sort(ps)
	for i := 1; i < len(ps); i++ {
		if ps[i-1].hash() > ps[i].hash() || ps[i-1].hash() == ps[i].hash() && ps[i-1].doc() > ps[i].doc() {
			t.Fatalf("postings do not sort by (hash, doc): %x before %x", ps[i-1], ps[i])
		}
	}
	if p := mkPosting(0xFFFFFFFF, maxDoc); p.hash() != 0xFFFFFFFF || p.doc() != maxDoc {
		t.Fatalf("the largest posting unpacks as %x, %d", p.hash(), p.doc())
	}
	got, err := decodeChunk(encodeChunk(ps, nil), nil)
	if err != nil || !slices.Equal(got, ps) {
		t.Fatalf("round trip: %v", err)
	}
	// a document number past maxDoc is damage
	if _, err := decodeChunk([]byte{1, 0, 0x80, 0x80, 0x80, 0x80, 0x10}, nil); err == nil {
		t.Error("decodeChunk accepted a document number past 2^32")
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

func TestSortPostings(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 255, 256, 1000, 70000} {
		for _, docs := range []int{1, 300, maxDoc} {
			ps := make([]posting, n)
			for i := range ps {
				ps[i] = mkPosting(r.Uint32(), int64(r.IntN(docs)+1))
			}
			want := slices.Clone(ps)
			slices.Sort(want)
			sortPostings(ps)
			if !slices.Equal(ps, want) {
				t.Fatalf("%d postings of %d documents: not sorted as slices.Sort sorts them", n, docs)
			}
		}
	}
}
