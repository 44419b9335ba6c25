// Package parallel runs the claims analyzer's loops on several goroutines.
package parallel

import (
	"context"
	"sync"
	"sync/atomic"
)

// ForEach calls fn(worker, i) for i in [0, n) on up to workers goroutines,
// each i once, stopping early when ctx is done.
func ForEach(ctx context.Context, n, workers int, fn func(w, i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < min(workers, n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				fn(w, i)
			}
		}()
	}
	wg.Wait()
}
