package reuse

import (
	"testing"
)

// TestMergeChainsLinear: chains that follow each other along one diagonal
// merge into one, and the merged chain grows in place: allocations are
// logarithmic in the number of chains, not one copy of the growing chain
// per merge (which made templated text quadratic).
func TestMergeChainsLinear(t *testing.T) {
	const n = 4096
	runs := make([]run, n)
	for i := range runs {
		runs[i] = run{a: int32(i * 6), b: int32(100000 + i*6), n: 4} // gaps of 2 words
	}
	chains := make([]chain, n)
	var out []chain
	allocs := testing.AllocsPerRun(1, func() {
		for i := range chains {
			chains[i] = newChain(runs, i)
		}
		out = mergeChains(chains, false, DefaultMaxGap)
	})
	if len(out) != 1 || len(out[0].runs) != n {
		t.Fatalf("got %d chains (first with %d runs), want 1 with %d", len(out), len(out[0].runs), n)
	}
	if allocs > 64 {
		t.Errorf("merging %d chains allocated %.0f times, want at most 64", n, allocs)
	}
}
