// Command crosscheck reviews documents: shared and repeated passages,
// overlapping and contradicting claims, and citations.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// stopGrace is how long a run has to stop by itself after SIGINT or
// SIGTERM before the process ends anyway; a second signal ends it at once.
const stopGrace = 2 * time.Second

func main() { os.Exit(process()) }

// process is the whole process: run with os.Args, the standard streams and
// a context that SIGINT and SIGTERM cancel. The tests start it too, so
// that signals are handled there as in the real binary.
func process() int {
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-sigs
		cancel(interrupted{sig})
		select {
		case <-sigs:
		case <-time.After(stopGrace):
		}
		// the run did not stop in time (a long step that does not look at
		// the context): nothing was committed, remove what it wrote
		temps.removeAll()
		fmt.Fprintln(os.Stderr, "crosscheck: interrupted")
		os.Exit(signalExit(sig))
	}()
	return run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
}
