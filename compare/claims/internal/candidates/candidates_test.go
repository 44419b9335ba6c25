package candidates

import (
	"math"
	"testing"
)

// build indexes clauses given their terms (slots) and phrases.
func build(slots int, terms [][]int, phrases [][]uint64) *Index {
	x := New(slots)
	ts := make([][]uint32, len(terms))
	for c := range terms {
		for _, s := range terms[c] {
			t, _ := x.Term(s, true)
			ts[c] = append(ts[c], t)
		}
		x.Count(ts[c], phrases[c])
	}
	x.Seal()
	for c := range ts {
		x.Post(int32(c), ts[c])
	}
	return x
}

// A clause whose phrases are shared by more clauses than MaxPhraseWalk is
// given the first of them as candidates, and the rest are counted.
func TestPhraseWalkBounded(t *testing.T) {
	const groups, per = 6, 350
	var terms [][]int
	var phrases [][]uint64
	for g := 0; g < groups; g++ {
		for i := 0; i < per; i++ {
			terms = append(terms, nil)
			phrases = append(phrases, []uint64{uint64(g + 1)})
		}
	}
	terms = append(terms, nil)
	phrases = append(phrases, []uint64{1, 2, 3, 4, 5, 6})
	x := build(1, terms, phrases)
	f := x.NewFinder()
	b := int32(len(terms) - 1)
	n := 0
	x.Candidates(f, b, nil, phrases[b], func(int32) bool { return false }, func(int32) { n++ })
	walked := (MaxPhraseWalk + per - 1) / per * per // whole postings, until the bound is reached
	if n != walked || f.Cut != groups*per-walked {
		t.Errorf("%d candidates, %d cut; want %d and %d", n, f.Cut, walked, groups*per-walked)
	}
}

// Candidates share two of the clause's rarest terms (or its only one),
// come before it, and skip rules some out.
func TestCandidatesNeedTwoTerms(t *testing.T) {
	terms := [][]int{{1, 2}, {1}, {2, 3}, {1, 2, 3}, {1, 2}}
	phrases := make([][]uint64, len(terms))
	x := build(4, terms, phrases)
	f := x.NewFinder()
	var got []int32
	b := int32(4)
	ts := []uint32{0, 1} // the terms of slots 1 and 2, numbered first
	x.Candidates(f, b, ts, nil, func(a int32) bool { return a == 3 }, func(a int32) { got = append(got, a) })
	if len(got) != 1 || got[0] != 0 {
		t.Errorf("candidates %v, want [0] (3 skipped, 1 and 2 share one term)", got)
	}
}

// A copy counts in a term's frequency but is no candidate: the clauses
// sharing terms with it find only its original.
func TestCopiesCountedNotPosted(t *testing.T) {
	x := New(3)
	terms := [][]uint32{}
	for c, slots := range [][]int{{0, 1}, {0, 1}, {0, 1, 2}} {
		var ts []uint32
		for _, s := range slots {
			tt, _ := x.Term(s, true)
			ts = append(ts, tt)
		}
		terms = append(terms, ts)
		if c == 1 {
			x.CountCopy(ts, []uint64{9})
		} else {
			x.Count(ts, []uint64{9})
		}
	}
	x.Seal()
	for c, ts := range terms {
		if c != 1 {
			x.Post(int32(c), ts)
		}
	}
	if w, _ := x.Weight(0); w != math.Log(1+3.0/3) {
		t.Errorf("weight %v: the copy is not counted", w)
	}
	var got []int32
	x.Candidates(x.NewFinder(), 2, terms[2], []uint64{9}, func(int32) bool { return false }, func(a int32) { got = append(got, a) })
	if len(got) != 1 || got[0] != 0 {
		t.Errorf("candidates %v, want [0]: the copy is no candidate", got)
	}
}
