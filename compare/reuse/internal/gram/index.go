package gram

import (
	"iter"
	"math/bits"
	"slices"
	"sync"
)

// Index maps the fingerprints of one side to the positions where they
// occur. It is a sorted array of entries, each the top bits of a hash with
// a position in the low bits, under a directory on the hash's first bits:
// 9 bytes a gram instead of the 40 or so of a hash table, which matters
// when a document has millions of words. Entries with the same hash lie
// together, their positions ascending.
type Index struct {
	entries []uint64
	dir     []int32 // dir[b] is the first entry whose hash starts with b
	posBits uint
	dirBits uint
}

// indexPool recycles indexes: aligning many pairs would otherwise spend
// its time allocating them.
var indexPool = sync.Pool{New: func() any { return new(Index) }}

// MaxPooled is the most elements of a buffer that pools keep (a document
// of a megabyte or two): those of a longer document would stay live while
// the alignment that dropped them to make room goes on, and the time to
// allocate them is small beside the time to fill them.
const MaxPooled = 1 << 18

// buffers recycles fingerprint and key buffers (Buffer, Recycle).
var buffers = sync.Pool{New: func() any { return new([]uint64) }}

// Buffer returns a buffer for fingerprints or keys, empty or left by an
// earlier user; give it back with Recycle.
func Buffer() *[]uint64 { return buffers.Get().(*[]uint64) }

// Recycle gives a buffer back, emptied first when it holds more than
// MaxPooled elements (a long document's must not stay live). The caller
// stores in *p what it last grew the buffer to.
func Recycle(p *[]uint64) {
	if cap(*p) > MaxPooled {
		*p = nil
	}
	buffers.Put(p)
}

// Build indexes the n hashes h yields (position t from 0 to n-1 and
// the gram there; 0 is skipped). Release it with Release when done.
func Build(n int, h iter.Seq2[int, uint64]) *Index {
	ix := indexPool.Get().(*Index)
	ix.posBits = uint(bits.Len(uint(n)))
	posMask := uint64(1)<<ix.posBits - 1
	if cap(ix.entries) < n {
		ix.entries = make([]uint64, 0, n)
	}
	ix.entries = ix.entries[:0]
	for t, k := range h {
		if k != 0 {
			ix.entries = append(ix.entries, k&^posMask|uint64(t))
		}
	}
	slices.Sort(ix.entries)
	ix.dirBits = uint(max(1, bits.Len(uint(len(ix.entries)/4))))
	ix.dirBits = min(ix.dirBits, 64-ix.posBits)
	nd := 1 << ix.dirBits
	if cap(ix.dir) >= nd+1 {
		ix.dir = ix.dir[:nd+1]
	} else {
		ix.dir = make([]int32, nd+1)
	}
	b := 0
	for i, e := range ix.entries {
		for top := int(e >> (64 - ix.dirBits)); b <= top; b++ {
			ix.dir[b] = int32(i)
		}
	}
	for ; b <= nd; b++ {
		ix.dir[b] = int32(len(ix.entries))
	}
	return ix
}

// Release returns ix to the pool; ix must not be used after.
func (ix *Index) Release() {
	if cap(ix.entries) > MaxPooled { // do not pin the memory of a long document
		ix.entries, ix.dir = nil, nil
	}
	indexPool.Put(ix)
}

// Lookup returns the range of entries whose hash is k's, cut after its
// first limit+1 entries: a range longer than limit means "more than
// limit", and a fingerprint found a million times costs no more than one
// found limit+1 times. Pos gives the entries' positions.
func (ix *Index) Lookup(k uint64, limit int) (lo, hi int) {
	var l, h [1]int32
	ix.LookupBatch([]uint64{k}, limit, l[:], h[:])
	return int(l[0]), int(h[0])
}

// LookupBatch is Lookup for each of hs (at most LookupBatchSize), with
// the ranges in lo and hi. The look-ups of a batch read memory
// independently of each other, so that the processor overlaps their cache
// misses, the cost of a look-up in a large index.
func (ix *Index) LookupBatch(hs []uint64, limit int, lo, hi []int32) {
	shift, pb, es := 64-ix.dirBits, ix.posBits, ix.entries
	for i, k := range hs {
		b := k >> shift
		lo[i], hi[i] = ix.dir[b], ix.dir[b+1]
	}
	var first [LookupBatchSize]uint64 // each bucket's first entry
	for i := range hs {
		if lo[i] < hi[i] {
			first[i] = es[lo[i]]
		}
	}
	for i, k := range hs {
		key := k >> pb
		l, end := int(lo[i]), int(hi[i])
		// The first entry of key: most often the bucket's first (a
		// frequent fingerprint fills a bucket of its own); else found by
		// bisection.
		h := end
		if l < h && first[i]>>pb >= key {
			h = l
		}
		for l < h {
			m := int(uint(l+h) >> 1)
			if es[m]>>pb < key {
				l = m + 1
			} else {
				h = m
			}
		}
		// Its last entry, at most limit+1 on: a short walk finds it in a
		// small group; in a long one, look at the last entry allowed and,
		// if the group ends before, bisect.
		h, end = l, min(end, l+limit+1)
		for h < end && h < l+8 && es[h]>>pb == key {
			h++
		}
		if h == l+8 && h < end {
			if es[end-1]>>pb == key {
				h = end
			} else {
				for z := end - 1; h < z; { // es[h-1] is key's, es[z] is not
					m := int(uint(h+z) >> 1)
					if es[m]>>pb == key {
						h = m + 1
					} else {
						z = m
					}
				}
			}
		}
		lo[i], hi[i] = int32(l), int32(h)
	}
}

// LookupBatchSize is the most look-ups LookupBatch makes at once.
const LookupBatchSize = 32

// Groups calls f with the range of entries of each fingerprint, in the
// order of the index.
func (ix *Index) Groups(f func(lo, hi int)) {
	es := ix.entries
	for i := 0; i < len(es); {
		key := es[i] >> ix.posBits
		j := i + 1
		for j < len(es) && es[j]>>ix.posBits == key {
			j++
		}
		f(i, j)
		i = j
	}
}

// Pos returns the position of entry i.
func (ix *Index) Pos(i int) int {
	return int(ix.entries[i] & (uint64(1)<<ix.posBits - 1))
}
