// Package copies finds the items (the claims analyzer's clauses) that are
// copies of an earlier one, by a key that says all of what an item is
// apart from where it is, so that one comparison can stand for them all.
//
// A report set repeats sentences word for word (a background paragraph, a
// standard caveat, a quotation), and comparing each of k copies with each
// of the others and with all their candidates is k² work for what one
// comparison decides. The claims analyzer compares one clause of each set
// of copies, its original (the first in clause-number order), and lets the
// verdict stand for every copy: two clauses are copies when their
// sentences read the same, they are the same clause of it, and they were
// read the same (items, amounts, dates, flags). A copy's own comparisons
// differ from its original's only where the verdict rests on more than
// the two sentences: inside one document the rules are stricter, and the
// evidence for a contradiction looks at the sentences around. So every
// contradiction, and every pair whose verdict rested on where the clauses
// are, is compared again for each pair of copies, and its evidence and
// severity are the copies' own.
package copies

import (
	"encoding/binary"
	"hash/maphash"
	"math"
	"slices"
)

// Table says, for items numbered 0 to n-1, which are copies of which.
type Table struct {
	orig      []int32 // by item: its original, itself when it is one
	originals []int32 // the originals with copies, ascending
	off       []int32 // copies of originals[i]: copies[off[i]:off[i+1]]
	copies    []int32
	multi     []bool // by item: an original with copies
}

var seed = maphash.MakeSeed()

// Find numbers n items and returns their copies, or nil when there are
// none. key(i, buf) writes item i's key to buf[:0] and returns it, or
// nil for an item that is never a copy nor an original of one. Two
// items are copies when their keys are equal: keys are compared whole,
// not only by hash.
func Find(n int32, key func(i int32, buf []byte) []byte) *Table {
	orig := make([]int32, n)
	first := map[uint64]int32{}
	var k, other []byte
	count := map[int32]int32{}
	copies := 0
	for id := int32(0); id < n; id++ {
		orig[id] = id
		if k = key(id, k); k == nil {
			continue
		}
		h := maphash.Bytes(seed, k)
		r, ok := first[h]
		if !ok {
			first[h] = id
			continue
		}
		if other = key(r, other); string(other) == string(k) {
			orig[id] = r
			count[r]++
			copies++
		}
	}
	if copies == 0 {
		return nil
	}
	t := &Table{orig: orig, multi: make([]bool, n), copies: make([]int32, copies)}
	for r := range count {
		t.originals = append(t.originals, r)
		t.multi[r] = true
	}
	slices.Sort(t.originals)
	t.off = make([]int32, len(t.originals)+1)
	for i, r := range t.originals {
		t.off[i+1] = t.off[i] + count[r]
	}
	fill := slices.Clone(t.off[:len(t.originals)])
	for id, r := range orig {
		if r != int32(id) {
			i, _ := slices.BinarySearch(t.originals, r)
			t.copies[fill[i]] = int32(id)
			fill[i]++
		}
	}
	return t
}

// Originals lists the items with copies, in ascending order.
func (t *Table) Originals() []int32 {
	if t == nil {
		return nil
	}
	return t.originals
}

// Of returns the copies of item r, ascending (none when it has none or is
// a copy itself).
func (t *Table) Of(r int32) []int32 {
	if t == nil || !t.multi[r] {
		return nil
	}
	i, _ := slices.BinarySearch(t.originals, r)
	return t.copies[t.off[i]:t.off[i+1]]
}

// Orig returns the original of item c (c itself when it is one).
func (t *Table) Orig(c int32) int32 {
	if t == nil {
		return c
	}
	return t.orig[c]
}

// IsCopy reports whether item c is a copy of an earlier one.
func (t *Table) IsCopy(c int32) bool { return t != nil && t.orig[c] != c }

// HasCopies reports whether item a or item b has copies.
func (t *Table) HasCopies(a, b int32) bool { return t != nil && (t.multi[a] || t.multi[b]) }

// Key is an item's key as Find compares it, written a field at a time.
type Key []byte

// U32 appends numbers of 32 bits or fewer.
func (k Key) U32(vs ...uint32) Key {
	for _, v := range vs {
		k = binary.LittleEndian.AppendUint32(k, v)
	}
	return k
}

// F64 appends floating-point numbers, bit for bit.
func (k Key) F64(vs ...float64) Key {
	for _, v := range vs {
		k = binary.LittleEndian.AppendUint64(k, math.Float64bits(v))
	}
	return k
}

// EachPair calls fn(p, q), p < q, for every pair of item a or a copy of
// it and item b or a copy of it, unless skip(p, q).
func (t *Table) EachPair(a, b int32, skip func(p, q int32) bool, fn func(p, q int32)) {
	as, bs := append([]int32{a}, t.Of(a)...), append([]int32{b}, t.Of(b)...)
	for _, p := range as {
		for _, q := range bs {
			if p, q := min(p, q), max(p, q); !skip(p, q) {
				fn(p, q)
			}
		}
	}
}
