package lang

import (
	"slices"
	"sync/atomic"
)

// WordRelater relates words the way a comparison of many pairs meets them:
// the same words over and over. Words are given by ids the caller numbers
// them with, from 0 to n-1; what WordNet says of each word is read once,
// and the relation of each pair is kept in a table of fixed size where a
// pair takes the place of the one it hashes with, so that the pairs of the
// text at hand stay cached however many the whole input has. One
// goroutine owns a WordRelater; what is read of each word is kept in a
// WordTable that the relaters of several goroutines may share.
type WordRelater struct {
	words  *WordTable
	word   func(id uint32) string // the lower-case word of an id
	senses SenseRelater
	keys   []uint64
	vals   []uint8 // 0 for an empty place: stored bits always have relKnown
	bitsN  uint    // the table has 2^bitsN places
}

// maxPairBits bounds the size of the pair table: 2^bits pairs, 9 bytes
// each (2.3 MB); a small vocabulary gets a table in proportion. Every
// comparing worker has one: 2^19 cost 4.7 MB a worker for no speed
// measured (claims on the 80 MB scale corpus, one thread, 38.4 s both).
const maxPairBits = 18

// The bits of a pair's relation as the table keeps it.
const (
	relKnown    = 1 << 7
	relAntonym  = 1 << 2
	relDirect   = 1 << 3
	relRelation = 3 // mask of the Relation
)

// WordTable is what WordNet says of each word of a vocabulary (ids 0 to
// n-1), read on first use by any goroutine and then shared: the
// relaters of a comparison's workers meet the same words, and each
// reading them for itself held the same tables once per worker (4.7 MB
// of 10 MB of claims on two workers).
type WordTable struct {
	word  func(id uint32) string
	slots []atomic.Pointer[wordEntry]
}

// wordEntry is what a WordTable keeps of a word.
type wordEntry struct {
	senses WordSenses
	above  [4]atomic.Pointer[[]int32] // by part of speech, Above its senses; nil until read
}

// NewWordTable returns an empty table of words with ids 0 to n-1, which
// word spells (in lower case); word must be safe to call from several
// goroutines.
func NewWordTable(n int, word func(id uint32) string) *WordTable {
	return &WordTable{word: word, slots: make([]atomic.Pointer[wordEntry], n)}
}

// entry returns the entry of word id, reading it on first use; two
// goroutines reading it at once both read it, and one is kept.
func (t *WordTable) entry(id uint32) *wordEntry {
	if e := t.slots[id].Load(); e != nil {
		return e
	}
	e := &wordEntry{senses: ReadWordSenses(t.word(id))}
	if t.slots[id].CompareAndSwap(nil, e) {
		return e
	}
	return t.slots[id].Load()
}

// NewWordRelater returns a relater of words with ids 0 to n-1, which word
// spells (in lower case), with a table of its own.
func NewWordRelater(n int, word func(id uint32) string) *WordRelater {
	return NewWordTable(n, word).Relater()
}

// Relater returns a relater, for one goroutine, that reads the words of t.
func (t *WordTable) Relater() *WordRelater {
	bits := uint(10)
	for bits < maxPairBits && 1<<(bits-3) < len(t.slots) {
		bits++
	}
	return &WordRelater{words: t, word: t.word, bitsN: bits,
		keys: make([]uint64, 1<<bits), vals: make([]uint8, 1<<bits)}
}

// sensesOf returns what WordNet says of word id.
func (r *WordRelater) sensesOf(id uint32) *WordSenses { return &r.words.entry(id).senses }

var posCode = [256]uint64{'n': 1, 'v': 2, 'a': 3, 'r': 4}

// Relate says how words a and b relate: opposed (antonyms, directly or
// not), else how they relate as the part of speech pos (0 when they are
// not one part of speech: then only antonyms count). Ids are below 2^29.
func (r *WordRelater) Relate(a, b uint32, pos byte) (how Relation, opposed, direct bool) {
	bits := r.bits(a, b, pos)
	if bits&relAntonym != 0 {
		return Unrelated, true, bits&relDirect != 0
	}
	return Relation(bits & relRelation), false, false
}

// bits returns the relation bits of a pair, from the table or WordNet.
// Words WordNet knows nothing of (most names and rarities) are settled
// without the table.
func (r *WordRelater) bits(a, b uint32, pos byte) uint8 {
	sa, sb := r.sensesOf(a), r.sensesOf(b)
	if !(sa.Antonyms && sb.Antonyms) {
		if pos == 0 || !sa.Has(pos) || !sb.Has(pos) {
			return relKnown
		}
	}
	key := uint64(a)<<32 | uint64(b) | posCode[pos]<<61
	i := int(key * 0x9E3779B97F4A7C15 >> (64 - r.bitsN))
	if r.vals[i] != 0 && r.keys[i] == key {
		return r.vals[i]
	}
	bits := r.read(a, b, sa, sb, pos)
	r.keys[i], r.vals[i] = key, bits
	return bits
}

// read reads the relation bits of two words from WordNet: antonyms, else
// how they relate as the part of speech (0 for none).
func (r *WordRelater) read(a, b uint32, sa, sb *WordSenses, pos byte) uint8 {
	bits := uint8(relKnown)
	if sa.Antonyms && sb.Antonyms {
		wa, wb, block := r.word(a), r.word(b), sa.block
		if wa > wb {
			wa, wb, block = wb, wa, sb.block
		}
		if o, d := antonymsIn(block, wa, wb); o && wa != wb && wa != "" {
			bits |= relAntonym
			if d {
				bits |= relDirect
			}
			return bits
		}
	}
	if pos == 0 {
		return bits
	}
	return bits | uint8(r.relate(a, b, sa, sb, pos))
}

// relate is SenseRelater.Relate with the synsets above each word read
// once per word rather than once per pair.
func (r *WordRelater) relate(a, b uint32, sa, sb *WordSenses, pos byte) Relation {
	p := posSlot[pos]
	x, y := sa.ids[p][:sa.n[p]], sb.ids[p][:sb.n[p]]
	if len(x) == 0 || len(y) == 0 {
		return Unrelated
	}
	for _, i := range x {
		for _, j := range y {
			if i == j {
				return Same
			}
		}
	}
	if holdsAny(r.aboveOf(a, p, x), y) {
		return Narrower
	}
	if holdsAny(r.aboveOf(b, p, y), x) {
		return Broader
	}
	return Unrelated
}

// aboveOf returns the synsets above the senses x of word id as the part
// of speech of slot p, read on first use.
func (r *WordRelater) aboveOf(id uint32, p int8, x []int32) []int32 {
	ab := &r.words.entry(id).above[p]
	if got := ab.Load(); got != nil {
		return *got
	}
	above := r.senses.Above(x, nil) // read once even when empty: the pointer is set
	ab.CompareAndSwap(nil, &above)
	return *ab.Load()
}

// holdsAny reports whether the sorted set holds one of xs.
func holdsAny(set, xs []int32) bool {
	for _, x := range xs {
		if _, ok := slices.BinarySearch(set, x); ok {
			return true
		}
	}
	return false
}
