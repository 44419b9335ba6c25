// Package groups joins numbered things into groups, pair by pair (a
// union-find), for the claims that several places make: what comes out (the
// groups, each group's best score, the order of the sets the things belong
// to) depends only on the pairs, not on the order they are joined in, so
// that workers can join pairs as they find them.
package groups

import (
	"cmp"
	"math"
	"slices"
	"sync"
)

// Pair is two things to join, with the score of their likeness and a key
// that orders the pairs the way the caller lists them.
type Pair struct {
	A, B  int32
	Score float64
	Key   uint64 // below 2^63
}

// Groups is a union-find over things 0 to n-1, each in one of a number of
// sets (documents). It is safe for concurrent use.
type Groups struct {
	mu     sync.Mutex
	parent []int32           // -1 for a thing in no group; a root is its own parent, the lowest of its group
	best   map[int32]float64 // by root: the highest score of a pair in its group
	first  []uint64          // by set: the lowest Key<<1 (|1 as B) of a pair naming it
	setOf  func(int32) int
}

// New returns groups of things 0 to n-1, each in one of sets sets as setOf
// says.
func New(n, sets int, setOf func(int32) int) *Groups {
	g := &Groups{parent: make([]int32, n), best: map[int32]float64{}, first: make([]uint64, sets), setOf: setOf}
	for i := range g.parent {
		g.parent[i] = -1
	}
	for i := range g.first {
		g.first[i] = math.MaxUint64
	}
	return g
}

// Join joins the things of each pair into one group.
func (g *Groups) Join(ps []Pair) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, p := range ps {
		sa, sb := g.setOf(p.A), g.setOf(p.B)
		g.first[sa] = min(g.first[sa], p.Key<<1)
		g.first[sb] = min(g.first[sb], p.Key<<1|1)
		ra, rb := g.root(p.A), g.root(p.B)
		if ra != rb {
			if ra > rb {
				ra, rb = rb, ra
			}
			g.parent[rb] = ra
			if b, ok := g.best[rb]; ok {
				g.best[ra] = max(g.best[ra], b)
				delete(g.best, rb)
			}
		}
		g.best[ra] = max(g.best[ra], p.Score)
	}
}

// root returns the root of c's group, making c a group of its own when it
// was in none, and shortening the path to the root.
func (g *Groups) root(c int32) int32 {
	if g.parent[c] < 0 {
		g.parent[c] = c
		return c
	}
	r := c
	for g.parent[r] != r {
		r = g.parent[r]
	}
	for g.parent[c] != r {
		c, g.parent[c] = g.parent[c], r
	}
	return r
}

// SetOrder ranks the sets by the first pair naming them (the pair's A
// before its B); sets no pair names come last, in order.
func (g *Groups) SetOrder() []int {
	g.mu.Lock()
	defer g.mu.Unlock()
	bySet := make([]int, len(g.first))
	for i := range bySet {
		bySet[i] = i
	}
	slices.SortStableFunc(bySet, func(i, j int) int { return cmp.Compare(g.first[i], g.first[j]) })
	rank := make([]int, len(bySet))
	for r, s := range bySet {
		rank[s] = r
	}
	return rank
}

// Each calls fn with the things of each group, in ascending order, and
// the group's best score, in order of the groups' lowest things, until fn
// returns an error.
func (g *Groups) Each(fn func(members []int32, best float64) error) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	type member struct{ root, thing int32 }
	var ms []member
	for c := range g.parent {
		if g.parent[c] >= 0 {
			ms = append(ms, member{g.root(int32(c)), int32(c)})
		}
	}
	slices.SortFunc(ms, func(a, b member) int {
		if a.root != b.root {
			return cmp.Compare(a.root, b.root)
		}
		return cmp.Compare(a.thing, b.thing)
	})
	var group []int32
	for i := 0; i < len(ms); {
		r := ms[i].root
		group = group[:0]
		for ; i < len(ms) && ms[i].root == r; i++ {
			group = append(group, ms[i].thing)
		}
		if err := fn(group, g.best[r]); err != nil {
			return err
		}
	}
	return nil
}

// Best returns the highest score of the pairs of each A, over all lists.
func Best(lists [][]Pair) map[int32]float64 {
	best := map[int32]float64{}
	for _, ps := range lists {
		for _, p := range ps {
			if s, ok := best[p.A]; !ok || p.Score > s {
				best[p.A] = p.Score
			}
		}
	}
	return best
}
