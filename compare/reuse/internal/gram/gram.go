// Package gram computes the word n-gram fingerprints of package reuse:
// the hash of k consecutive token keys (Hash), the fingerprints of a run of
// tokens (Grams, Iter) with grams of stop words left out, the index of a
// side's fingerprints that alignment looks them up in (Index), and robust
// winnowing (Winnow). Token keys ignore case; tokens ignore punctuation and
// spacing, so fingerprints do too.
package gram

import (
	"iter"
	"math/bits"

	"github.com/crosscheck/crosscheck/compare"
)

// Mul is the multiplier of the polynomial hash of a gram's keys. It is
// odd: a multiply keeps every bit of the key.
const Mul = 0x9E3779B97F4A7C15

// Mix is the finaliser of SplitMix64: it spreads the bits of a polynomial
// hash so that low bits index tables and minima are uniform for winnowing.
func Mix(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xBF58476D1CE4E5B9
	h ^= h >> 27
	h *= 0x94D049BB133111EB
	h ^= h >> 31
	return h
}

// Hash hashes keys[i:i+k]. It is never 0, which marks empty table slots.
func Hash(keys []uint64, i, k int) uint64 {
	h := keys[i]
	for t := 1; t < k; t++ {
		h = h*Mul + keys[i+t]
	}
	return Mix(h) | 1
}

// stopWords holds English function words. A fingerprint needs at least
// two words outside it, so that runs such as "and it was in the" never seed
// a passage on their own.
var stopWords = []string{
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

// stop is a small open-addressing set of the stop words' keys: it is
// consulted once per token, so it must be cheaper than a map.
var stop = func() (s Set) {
	s.Init(len(stopWords))
	for _, w := range stopWords {
		s.Add(compare.WordKey(w))
	}
	return s
}()

// IsStop reports whether k is the key of a stop word (see stopWords).
func IsStop(k uint64) bool { return stop.Has(k) }

// Set is an open-addressing set of non-zero 64-bit keys.
type Set struct {
	mask  uint64
	slots []uint64
	n     int
}

// Init empties s and sizes it for n keys.
func (s *Set) Init(n int) {
	size := 1 << bits.Len(uint(n*2+1))
	s.slots = make([]uint64, size)
	s.mask = uint64(size - 1)
}

// Add adds k to s (0 is stored as 1).
func (s *Set) Add(k uint64) {
	if k == 0 {
		k = 1
	}
	if s.n*2 >= len(s.slots) {
		old := s.slots
		s.Init(len(old))
		s.n = 0
		for _, o := range old {
			if o != 0 {
				s.Add(o)
			}
		}
	}
	for i := Mix(k) & s.mask; ; i = (i + 1) & s.mask {
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

// Len returns how many keys s holds.
func (s *Set) Len() int { return s.n }

// Has reports whether k is in s (0 is looked up as 1).
func (s *Set) Has(k uint64) bool {
	if s.n == 0 {
		return false
	}
	if k == 0 {
		k = 1
	}
	for i := Mix(k) & s.mask; ; i = (i + 1) & s.mask {
		switch s.slots[i] {
		case k:
			return true
		case 0:
			return false
		}
	}
}

// Grams computes the fingerprint of every position of keys[lo:hi] that can
// start one: out[i-lo] is the hash of keys[i:i+k], or 0 when the gram is
// made of stop words (fewer than two other words) or is in skip.
func Grams(keys []uint64, lo, hi, k int, skip *Filter, out []uint64) []uint64 {
	it := NewIter(keys, lo, hi, k)
	n := it.Len()
	if n <= 0 {
		return out[:0]
	}
	if cap(out) < n {
		out = make([]uint64, 0, n+n/4)
	}
	out = out[:0]
	for range n {
		out = append(out, it.Next())
	}
	if skip != nil {
		suppressNear(skip, out)
	}
	return out
}

// Iter computes the fingerprints Grams computes (without a filter),
// one position after another, so that a long document can be fingerprinted
// twice rather than held as 8 bytes a word.
type Iter struct {
	keys       []uint64
	k, need    int
	lo, i, end int // the next gram starts at i; grams start before end
	// content counts non-stop words among the gram's words, kept as a
	// sliding window sum over a ring of flags.
	content int
	ring    [64]bool
}

// NewIter returns an iterator over the grams of k keys that start in
// keys[lo:hi] and end inside it.
func NewIter(keys []uint64, lo, hi, k int) *Iter {
	g := &Iter{keys: keys, k: k, need: min(2, k), lo: lo, i: lo, end: lo + max(0, hi-lo-k+1)}
	if g.end == lo {
		return g
	}
	for t := 0; t < k-1; t++ {
		c := !stop.Has(keys[lo+t])
		g.ring[t&63] = c
		if c {
			g.content++
		}
	}
	return g
}

// Len is how many grams the iterator yields in all.
func (g *Iter) Len() int { return g.end - g.lo }

// Next returns the fingerprint of the gram at the next position (0 for a
// gram of stop words). It must be called at most Len times.
func (g *Iter) Next() uint64 {
	i := g.i
	last := i + g.k - 1
	c := !stop.Has(g.keys[last])
	g.ring[(last-g.lo)&63] = c
	if c {
		g.content++
	}
	h := uint64(0)
	if g.content >= g.need {
		h = Hash(g.keys, i, g.k)
	}
	if g.ring[(i-g.lo)&63] {
		g.content--
	}
	g.i++
	return h
}

// All yields every position (from 0) and fingerprint of the iterator.
func (g *Iter) All() iter.Seq2[int, uint64] {
	return func(yield func(int, uint64) bool) {
		for t := range g.Len() {
			if !yield(t, g.Next()) {
				return
			}
		}
	}
}

// Filter is a set of fingerprints to leave out (a collection's
// boilerplate), compared on the bits above Mask (an index may keep a
// document number in the low bits).
type Filter struct {
	Set  Set
	Mask uint64
	// Window is the winnowing window the fingerprints in Set were
	// selected with: Grams clears every gram within Window-1 positions of
	// one of them (see suppressNear).
	Window int
}

// Has reports whether h is one of the filter's fingerprints.
func (g *Filter) Has(h uint64) bool { return g.Set.Has(h&^g.Mask | 1) }

// suppressNear clears, besides the boilerplate fingerprints themselves,
// every gram within skip.Window-1 positions of one. The collection-wide
// counts cover only winnowed fingerprints, which winnowing keeps at least
// once per Window grams of a phrase; clearing their neighbours clears
// the whole of a boilerplate phrase, not just the grams that were counted.
func suppressNear(skip *Filter, h []uint64) {
	var flagged []int
	for t := range h {
		if h[t] != 0 && skip.Has(h[t]) {
			flagged = append(flagged, t)
		}
	}
	for _, t := range flagged {
		for u := max(0, t-skip.Window+1); u < min(len(h), t+skip.Window); u++ {
			h[u] = 0
		}
	}
}
