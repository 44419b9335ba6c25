package main

import (
	"context"
	"os"
	"syscall"
)

// interrupted is the cause of a run's cancellation by a signal.
type interrupted struct{ sig os.Signal }

func (i interrupted) Error() string { return "interrupted by " + i.sig.String() }

// signalExit is the exit status of a process stopped by sig: 128 plus
// the signal's number, as a shell reports a process the signal killed
// (130 for SIGINT, 143 for SIGTERM).
func signalExit(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 128 + int(syscall.SIGINT)
}

// interruptedExit returns the exit status of a run that failed after ctx
// was cancelled by a signal (whatever error the cancellation surfaced as),
// and false when no signal cancelled it.
func interruptedExit(ctx context.Context) (int, bool) {
	if i, ok := context.Cause(ctx).(interrupted); ok {
		return signalExit(i.sig), true
	}
	return 0, false
}

// orCancel runs f and returns what it returns, or ctx's error as soon as
// ctx is done, whichever comes first: a long step that looks at ctx
// seldom (parsing a large file, aligning a pair) does not hold up a
// cancelled command. f then goes on in the background until it notices;
// the command is about to exit, and nothing f makes is used.
func orCancel[T any](ctx context.Context, f func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := f()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}
