package groups

import (
	"math/rand"
	"reflect"
	"testing"
)

type result struct {
	Groups [][]int32
	Best   []float64
	Order  []int
}

func run(ps []Pair, n, sets int) result {
	g := New(n, sets, func(c int32) int { return int(c) % sets })
	for i := 0; i < len(ps); i += 3 { // in batches, as workers join them
		g.Join(ps[i:min(i+3, len(ps))])
	}
	var r result
	_ = g.Each(func(members []int32, best float64) error {
		r.Groups = append(r.Groups, append([]int32(nil), members...))
		r.Best = append(r.Best, best)
		return nil
	})
	r.Order = g.SetOrder()
	return r
}

// The groups, their best scores and the order of the sets do not depend
// on the order the pairs are joined in.
func TestGroupsOrderFree(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	const n, sets = 200, 5
	var ps []Pair
	for i := 0; i < 150; i++ {
		a, b := int32(r.Intn(n)), int32(r.Intn(n))
		if a > b {
			a, b = b, a
		}
		if a != b {
			ps = append(ps, Pair{A: a, B: b, Score: r.Float64(), Key: uint64(b)<<32 | uint64(a)})
		}
	}
	want := run(ps, n, sets)
	if len(want.Groups) == 0 {
		t.Fatal("no groups")
	}
	for k := 0; k < 20; k++ {
		r.Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
		if got := run(ps, n, sets); !reflect.DeepEqual(got, want) {
			t.Fatalf("shuffled pairs give other groups:\n%v\nwant\n%v", got, want)
		}
	}
	// each group is listed from its lowest member, in order
	for i, gr := range want.Groups {
		if i > 0 && gr[0] <= want.Groups[i-1][0] {
			t.Errorf("group %d starts at %d, after %d", i, gr[0], want.Groups[i-1][0])
		}
	}
}

// Best keeps the highest score of each A.
func TestBest(t *testing.T) {
	b := Best([][]Pair{{{A: 1, Score: 0.5}, {A: 2, Score: 0.9}}, {{A: 1, Score: 0.7}, {A: 1, Score: 0.6}}})
	if len(b) != 2 || b[1] != 0.7 || b[2] != 0.9 {
		t.Errorf("Best %v, want 1:0.7 2:0.9", b)
	}
}
