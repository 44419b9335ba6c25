package reuse

import (
	"iter"
	"math/bits"
	"slices"
	"sync"

	"github.com/crosscheck/crosscheck/compare"
)

// A fingerprint is the hash of SeedWords consecutive token keys. Token keys
// ignore case; tokens ignore punctuation and spacing, so fingerprints do too.

const gramMul = 0x9E3779B97F4A7C15 // odd: a multiply keeps every bit of the key

// mix64 is the finaliser of SplitMix64: it spreads the bits of a polynomial
// hash so that low bits index tables and minima are uniform for winnowing.
func mix64(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xBF58476D1CE4E5B9
	h ^= h >> 27
	h *= 0x94D049BB133111EB
	h ^= h >> 31
	return h
}

// gramHash hashes keys[i:i+k]. It is never 0, which marks empty table slots.
func gramHash(keys []uint64, i, k int) uint64 {
	h := keys[i]
	for t := 1; t < k; t++ {
		h = h*gramMul + keys[i+t]
	}
	return mix64(h) | 1
}

// stopWordList holds English function words. A fingerprint needs at least
// two words outside it, so that runs such as "and it was in the" never seed
// a passage on their own.
var stopWordList = []string{
	"a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are",
	"as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
	"can", "could", "did", "do", "does", "doing", "down", "during", "each", "even", "few", "for", "from",
	"further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself",
	"his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "may", "me", "might",
	"more", "most", "much", "must", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once",
	"one", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "shall",
	"she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them",
	"themselves", "then", "there", "these", "they", "this", "those", "through", "thus", "to", "too",
	"under", "until", "up", "upon", "us", "very", "was", "we", "were", "what", "when", "where",
	"whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "within", "without",
	"would", "yet", "you", "your", "yours", "yourself", "yourselves", "s", "t", "d", "ll", "re", "ve",
	"many", "every", "though", "although", "however", "therefore", "let", "like", "well", "still",
}

// stopSet is a small open-addressing set of the stop words' keys: it is
// consulted once per token, so it must be cheaper than a map.
var stopSet = func() (s keySet) {
	s.init(len(stopWordList))
	for _, w := range stopWordList {
		s.add(compare.WordKey(w))
	}
	return s
}()

// keySet is an open-addressing set of non-zero 64-bit keys.
type keySet struct {
	mask  uint64
	slots []uint64
	n     int
}

func (s *keySet) init(n int) {
	size := 1 << bits.Len(uint(n*2+1))
	s.slots = make([]uint64, size)
	s.mask = uint64(size - 1)
}

func (s *keySet) add(k uint64) {
	if k == 0 {
		k = 1
	}
	if s.n*2 >= len(s.slots) {
		old := s.slots
		s.init(len(old))
		s.n = 0
		for _, o := range old {
			if o != 0 {
				s.add(o)
			}
		}
	}
	for i := mix64(k) & s.mask; ; i = (i + 1) & s.mask {
		switch s.slots[i] {
		case k:
			return
		case 0:
			s.slots[i] = k
			s.n++
			return
		}
	}
}

func (s *keySet) has(k uint64) bool {
	if s.n == 0 {
		return false
	}
	if k == 0 {
		k = 1
	}
	for i := mix64(k) & s.mask; ; i = (i + 1) & s.mask {
		switch s.slots[i] {
		case k:
			return true
		case 0:
			return false
		}
	}
}

// grams computes the fingerprint of every position of keys[lo:hi] that can
// start one: out[i-lo] is the hash of keys[i:i+k], or 0 when the gram is
// made of stop words (fewer than two other words) or is in skip.
func grams(keys []uint64, lo, hi, k int, skip *gramFilter, out []uint64) []uint64 {
	it := newGramIter(keys, lo, hi, k)
	n := it.len()
	if n <= 0 {
		return out[:0]
	}
	if cap(out) < n {
		out = make([]uint64, 0, n+n/4)
	}
	out = out[:0]
	for range n {
		out = append(out, it.next())
	}
	if skip != nil {
		suppressNear(skip, out)
	}
	return out
}

// gramIter computes the fingerprints grams computes (without a filter),
// one position after another, so that a long document can be fingerprinted
// twice rather than held as 8 bytes a word.
type gramIter struct {
	keys       []uint64
	k, need    int
	lo, i, end int // the next gram starts at i; grams start before end
	// content counts non-stop words among the gram's words, kept as a
	// sliding window sum over a ring of flags.
	content int
	ring    [64]bool
}

func newGramIter(keys []uint64, lo, hi, k int) *gramIter {
	g := &gramIter{keys: keys, k: k, need: min(2, k), lo: lo, i: lo, end: lo + max(0, hi-lo-k+1)}
	if g.end == lo {
		return g
	}
	for t := 0; t < k-1; t++ {
		c := !stopSet.has(keys[lo+t])
		g.ring[t&63] = c
		if c {
			g.content++
		}
	}
	return g
}

// len is how many grams the iterator yields in all.
func (g *gramIter) len() int { return g.end - g.lo }

// next returns the fingerprint of the gram at the next position (0 for a
// gram of stop words). It must be called at most len times.
func (g *gramIter) next() uint64 {
	i := g.i
	last := i + g.k - 1
	c := !stopSet.has(g.keys[last])
	g.ring[(last-g.lo)&63] = c
	if c {
		g.content++
	}
	h := uint64(0)
	if g.content >= g.need {
		h = gramHash(g.keys, i, g.k)
	}
	if g.ring[(i-g.lo)&63] {
		g.content--
	}
	g.i++
	return h
}

// all yields every position (from 0) and fingerprint of the iterator.
func (g *gramIter) all() iter.Seq2[int, uint64] {
	return func(yield func(int, uint64) bool) {
		for t := range g.len() {
			if !yield(t, g.next()) {
				return
			}
		}
	}
}

// suppressNear clears, besides the boilerplate fingerprints themselves,
// every gram within winnowWindow-1 positions of one. The collection-wide
// counts cover only winnowed fingerprints, which winnowing keeps at least
// once per winnowWindow grams of a phrase; clearing their neighbours clears
// the whole of a boilerplate phrase, not just the grams that were counted.
func suppressNear(skip *gramFilter, h []uint64) {
	var flagged []int
	for t := range h {
		if h[t] != 0 && skip.has(h[t]) {
			flagged = append(flagged, t)
		}
	}
	for _, t := range flagged {
		for u := max(0, t-winnowWindow+1); u < min(len(h), t+winnowWindow); u++ {
			h[u] = 0
		}
	}
}

// gramIndex maps the fingerprints of one side to the positions where they
// occur. It is a sorted array of entries, each the top bits of a hash with
// a position in the low bits, under a directory on the hash's first bits:
// 9 bytes a gram instead of the 40 or so of a hash table, which matters
// when a document has millions of words. Entries with the same hash lie
// together, their positions ascending.
type gramIndex struct {
	entries []uint64
	dir     []int32 // dir[b] is the first entry whose hash starts with b
	posBits uint
	dirBits uint
}

// indexPool recycles indexes: aligning many pairs would otherwise spend
// its time allocating them.
//
// Pools keep only buffers of up to maxPooled elements (a document of a
// megabyte or two): those of a longer document would stay live while the
// alignment that dropped them to make room goes on, and the time to
// allocate them is small beside the time to fill them.
var indexPool = sync.Pool{New: func() any { return new(gramIndex) }}

const maxPooled = 1 << 18

// buildIndex indexes the n hashes h yields (position t from 0 to n-1 and
// the gram there; 0 is skipped). Release it with release when done.
func buildIndex(n int, h iter.Seq2[int, uint64]) *gramIndex {
	ix := indexPool.Get().(*gramIndex)
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

func (ix *gramIndex) release() {
	if cap(ix.entries) > maxPooled { // do not pin the memory of a long document
		ix.entries, ix.dir = nil, nil
	}
	indexPool.Put(ix)
}

// lookup returns the range of entries whose hash is k's, cut after its
// first limit+1 entries: a range longer than limit means "more than
// limit", and a fingerprint found a million times costs no more than one
// found limit+1 times. pos gives the entries' positions.
func (ix *gramIndex) lookup(k uint64, limit int) (lo, hi int) {
	var l, h [1]int32
	ix.lookupBatch([]uint64{k}, limit, l[:], h[:])
	return int(l[0]), int(h[0])
}

// lookupBatch is lookup for each of hs (at most lookupBatchSize), with
// the ranges in lo and hi. The look-ups of a batch read memory
// independently of each other, so that the processor overlaps their cache
// misses, the cost of a look-up in a large index.
func (ix *gramIndex) lookupBatch(hs []uint64, limit int, lo, hi []int32) {
	shift, pb, es := 64-ix.dirBits, ix.posBits, ix.entries
	for i, k := range hs {
		b := k >> shift
		lo[i], hi[i] = ix.dir[b], ix.dir[b+1]
	}
	var first [lookupBatchSize]uint64 // each bucket's first entry
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

// lookupBatchSize is the most look-ups lookupBatch makes at once.
const lookupBatchSize = 32

// groups calls f with the range of entries of each fingerprint, in the
// order of the index.
func (ix *gramIndex) groups(f func(lo, hi int)) {
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

// pos returns the position of entry i.
func (ix *gramIndex) pos(i int) int {
	return int(ix.entries[i] & (uint64(1)<<ix.posBits - 1))
}

// winnow selects fingerprints from h by robust winnowing (Schleimer et al.
// 2003): in every window of w consecutive grams the minimum hash is kept
// (the rightmost on ties), each selection once. Any run of w+k-1 shared
// words therefore shares at least one selected fingerprint. Zero hashes
// (stop-word grams) are never selected.
func winnow(h []uint64, w int, emit func(hash uint64)) {
	winnowAt(h, w, func(i int) { emit(h[i]) })
}

func valueAt(h []uint64, i int) uint64 {
	if h[i] == 0 {
		return ^uint64(0)
	}
	return h[i]
}
