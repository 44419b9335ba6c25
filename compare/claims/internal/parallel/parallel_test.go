package parallel

import (
	"context"
	"sync/atomic"
	"testing"
)

// Every index is visited once, by a worker numbered below workers.
func TestForEach(t *testing.T) {
	var seen [1000]atomic.Int32
	var bad atomic.Bool
	ForEach(context.Background(), len(seen), 3, func(w, i int) {
		if w < 0 || w >= 3 {
			bad.Store(true)
		}
		seen[i].Add(1)
	})
	for i := range seen {
		if seen[i].Load() != 1 || bad.Load() {
			t.Fatalf("index %d visited %d times (bad worker: %v)", i, seen[i].Load(), bad.Load())
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	n := 0
	ForEach(ctx, 10, 1, func(int, int) { n++ })
	if n != 0 {
		t.Errorf("%d calls after cancel", n)
	}
}
