package parallel

import (
	"context"
	"sync/atomic"
	"testing"
)

// TestForEachOnce: every index is visited once, on any number of workers.
func TestForEachOnce(t *testing.T) {
	for _, workers := range []int{-1, 0, 1, 3, 100} {
		seen := make([]atomic.Int32, 257)
		if err := For(context.Background(), len(seen), workers, func(i int) { seen[i].Add(1) }); err != nil {
			t.Fatal(err)
		}
		for i := range seen {
			if n := seen[i].Load(); n != 1 {
				t.Fatalf("workers %d: index %d visited %d times", workers, i, n)
			}
		}
	}
	if err := For(context.Background(), 0, 4, func(int) { t.Error("called with n = 0") }); err != nil {
		t.Fatal(err)
	}
}

// TestForStops: once ctx is done no new index is started, and For says so.
func TestForStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var calls atomic.Int32
	err := For(ctx, 1000, 1, func(i int) {
		if calls.Add(1) == 10 {
			cancel()
		}
	})
	if err != context.Canceled || calls.Load() != 10 {
		t.Errorf("err %v after %d calls, want context.Canceled after 10", err, calls.Load())
	}
}
