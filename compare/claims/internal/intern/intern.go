// Package intern numbers strings, with a value of the caller's kept beside
// each, in as little memory as a large vocabulary allows: the vocabulary of
// a text of made-up words has a word for every few bytes of it.
//
// Ids are found in an open-addressing table of 4-byte ids (at most three
// quarters full), where a map from strings held a second string header and
// its own slack per word; entries live in chunks that never move, where
// one slice, grown by copying, was held twice at each growth, and where a
// pointer to an entry stays valid as others are added.
package intern

import (
	"hash/maphash"
	"strings"
)

// chunkBits sets how many entries a chunk holds (1 << bits).
const chunkBits = 12

// Table numbers strings from 0, in the order they are added, with a value
// of type T for each. It is not safe for concurrent use.
type Table[T any] struct {
	slots  []uint32 // id + 1 of the string hashed there; 0 for an empty place
	chunks [][]entry[T]
}

type entry[T any] struct {
	s string
	v T
}

var seed = maphash.MakeSeed()

// Len is the number of strings numbered.
func (t *Table[T]) Len() int {
	if len(t.chunks) == 0 {
		return 0
	}
	return (len(t.chunks)-1)<<chunkBits + len(t.chunks[len(t.chunks)-1])
}

func (t *Table[T]) at(id uint32) *entry[T] { return &t.chunks[id>>chunkBits][id&(1<<chunkBits-1)] }

// String returns the string of an id.
func (t *Table[T]) String(id uint32) string { return t.at(id).s }

// Value returns the value of an id, which stays where it is.
func (t *Table[T]) Value(id uint32) *T { return &t.at(id).v }

// Find returns the id of s, if it has one.
func (t *Table[T]) Find(s string) (uint32, bool) {
	_, id, ok := t.find(s)
	return id, ok
}

// find returns the place of s in the table and its id, or the empty place
// where it would go (-1 when the table is empty).
func (t *Table[T]) find(s string) (int, uint32, bool) {
	if len(t.slots) == 0 {
		return -1, 0, false
	}
	mask := len(t.slots) - 1
	for i := int(maphash.String(seed, s)) & mask; ; i = (i + 1) & mask {
		id := t.slots[i]
		if id == 0 {
			return i, 0, false
		}
		if t.at(id-1).s == s {
			return i, id - 1, true
		}
	}
}

// Add numbers s (a copy of it) with value v, if it has no id yet, and
// returns its id and whether it is new.
func (t *Table[T]) Add(s string, v T) (uint32, bool) {
	at, id, ok := t.find(s)
	if ok {
		return id, false
	}
	if n := len(t.chunks); n == 0 || len(t.chunks[n-1]) == 1<<chunkBits {
		t.chunks = append(t.chunks, make([]entry[T], 0, 1<<chunkBits))
	}
	last := &t.chunks[len(t.chunks)-1]
	*last = append(*last, entry[T]{strings.Clone(s), v})
	id = uint32(t.Len() - 1)
	if at < 0 || 4*t.Len() > 3*len(t.slots) {
		t.grow()
		at, _, _ = t.find(s)
	}
	t.slots[at] = id + 1
	return id, true
}

// grow doubles the table (or makes its first) and puts every id back.
func (t *Table[T]) grow() {
	old := t.slots
	t.slots = make([]uint32, max(1024, 2*len(old)))
	for _, id := range old {
		if id != 0 {
			at, _, _ := t.find(t.at(id - 1).s)
			t.slots[at] = id
		}
	}
}
