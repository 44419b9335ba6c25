package compare

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
)

// Analyzer is a unit of analysis, as in golang.org/x/tools/go/analysis: it
// reads documents, reports findings of the checks it lists and may return
// a result for the analyzers that require it. Analyzers are values;
// options are bound when the value is built. An analyzer is identified by
// its pointer: two analyzers that require the same *Analyzer share one run
// of it.
type Analyzer struct {
	Name   string
	Doc    string
	Checks []*Check
	// Requires lists the analyzers that must run first. Their results are
	// in the Pass's ResultOf; findings they report are dropped unless they
	// were asked for themselves.
	Requires []*Analyzer
	// Run does the analysis. Its result (any value, often nil) is what
	// analyzers that require this one find in ResultOf.
	Run func(ctx context.Context, p *Pass) (any, error)
}

// Pass is what an analyzer sees: the documents under review, the sources
// they may cite, the results of the analyzers it requires, the limits of
// the run, and a way to report.
type Pass struct {
	Analyzer *Analyzer
	Docs     []*Document
	Sources  []*Document
	// ResultOf holds the result of each analyzer in Analyzer.Requires
	// (direct requirements only, as in go/analysis).
	ResultOf map[*Analyzer]any
	// Budget is the run's limits; analyzers that spend memory in
	// proportion to something they can bound read it.
	Budget Budget
	report func(Finding)
	admits func(*Finding) bool // nil: everything
}

// NewPass returns a pass over docs and sources that hands each finding to
// report, for running one analyzer's Run directly (in tests). It has no
// results of other analyzers and the default budget.
func NewPass(docs, sources []*Document, report func(Finding)) *Pass {
	return &Pass{Docs: docs, Sources: sources, ResultOf: map[*Analyzer]any{}, Budget: DefaultBudget(), report: report}
}

// Report records a finding.
func (p *Pass) Report(f Finding) { p.report(f) }

// Admits reports whether a finding that sorts as f (same file, start,
// check, end and message) can still reach the output: false when the
// findings cap is full of findings that sort before it, or when the
// analyzer's findings are dropped (it runs only because another requires
// it). An analyzer whose findings cost work beyond their place and message
// (a word diff, details) asks before doing it, and on false reports f
// without that work: it is counted, and dropped, as it would have been.
func (p *Pass) Admits(f *Finding) bool {
	if p.admits == nil {
		return true
	}
	return p.admits(f)
}

// RunOption tunes Run.
type RunOption func(*runConfig)

type runConfig struct {
	finished func(*Analyzer)
}

// OnFinished has Run call f as each analyzer that was asked for finishes
// (from that analyzer's goroutine), for progress displays. Analyzers that
// run only because another requires them are not announced.
func OnFinished(f func(*Analyzer)) RunOption {
	return func(c *runConfig) { c.finished = f }
}

// Run runs the analyzers over docs and hands their findings to sink.
//
// Before an analyzer runs, everything it requires runs (transitively, each
// analyzer once however many require it); a cycle of requirements is an
// error. Analyzers run concurrently as far as their requirements allow:
// each starts when its requirements have finished. Findings of analyzers
// that run only because another requires them are dropped, as in
// go/analysis.
//
// Run calls sink.Put from one goroutine at a time, in whatever order the
// analyzers report; stages such as Sorted restore a deterministic order.
// A Put that fails stops the run. Run closes the sink exactly once: with
// Close when every analyzer succeeded, and otherwise (an analyzer failed,
// ctx was cancelled, a requirement cycle) with Abort when the sink is an
// Aborter, so that no partial report is written, and with Close when it
// is not. The error is the first analyzer's error (requirements before
// what requires them), else the sink's, else ctx's.
//
// When ctx is cancelled, Run returns ctx's error at once, without waiting
// for the analyzers to notice: an analyzer that checks ctx seldom (or
// never, in a long loop) goes on in the background until it does, its
// findings dropped, its OnFinished not called. A command line exits then;
// a longer-lived caller should know that the documents may still be read.
func Run(ctx context.Context, analyzers []*Analyzer, docs, sources []*Document, budget Budget, sink Sink, opts ...RunOption) error {
	var cfg runConfig
	for _, o := range opts {
		o(&cfg)
	}
	order, err := plan(analyzers)
	if err != nil {
		Abort(sink, err)
		return err
	}
	requested := make(map[*Analyzer]bool, len(analyzers))
	for _, a := range analyzers {
		requested[a] = true
	}

	caller := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu      sync.Mutex // serialises sink.Put
		sinkErr error
		stopped bool // Run has returned: drop what analyzers still report
	)
	put := func(f Finding) {
		mu.Lock()
		defer mu.Unlock()
		if sinkErr != nil || stopped {
			return
		}
		if f.Fix != nil && f.Doc != nil && f.Doc.Locator != nil {
			f.Fix = nil // offsets into extracted text: no edit of a container file
		}
		if err := sink.Put(f); err != nil {
			sinkErr = err
			cancel()
		}
	}
	drop := func(Finding) {}
	admits := func(f *Finding) bool {
		mu.Lock()
		defer mu.Unlock()
		return sinkErr == nil && !stopped && Admits(sink, f)
	}
	dropped := func(*Finding) bool { return false }

	type node struct {
		result any
		err    error
		done   chan struct{}
	}
	nodes := make(map[*Analyzer]*node, len(order))
	for _, a := range order {
		nodes[a] = &node{done: make(chan struct{})}
	}
	var wg sync.WaitGroup
	for _, a := range order {
		n := nodes[a]
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(n.done)
			results := make(map[*Analyzer]any, len(a.Requires))
			for _, r := range a.Requires {
				rn := nodes[r]
				<-rn.done
				if rn.err != nil {
					n.err = errDependency
					return
				}
				results[r] = rn.result
			}
			if err := ctx.Err(); err != nil {
				n.err = err
				return
			}
			report, admit := drop, dropped
			if requested[a] {
				report, admit = put, admits
			}
			pass := &Pass{Analyzer: a, Docs: docs, Sources: sources, ResultOf: results, Budget: budget, report: report, admits: admit}
			res, err := a.Run(ctx, pass)
			if err != nil {
				n.err = fmt.Errorf("%s: %w", a.Name, err)
				return
			}
			n.result = res
			if requested[a] && cfg.finished != nil {
				mu.Lock()
				if !stopped {
					cfg.finished(a)
				}
				mu.Unlock()
			}
		}()
	}
	all := make(chan struct{})
	go func() { wg.Wait(); close(all) }()
	select {
	case <-all:
	case <-caller.Done():
		// Cancelled by the caller: return now rather than when the last
		// analyzer notices. Those still running go on in the background
		// until they check ctx; nothing they report reaches the sink.
		mu.Lock()
		stopped = true
		mu.Unlock()
		err := caller.Err()
		Abort(sink, err)
		return err
	}

	err = nil
	for _, a := range order { // requirements first: the root cause before what it stopped
		if e := nodes[a].err; e != nil && e != errDependency {
			err = e
			break
		}
	}
	switch {
	case sinkErr != nil && (err == nil || errors.Is(err, context.Canceled)):
		err = sinkErr // the sink's failure cancelled the analyzers
	case err == nil:
		err = ctx.Err()
	}
	if err != nil {
		Abort(sink, err)
		return err
	}
	return sink.Close()
}

// errDependency marks an analyzer that did not run because one it requires
// failed; the requirement's own error is the one Run returns.
var errDependency = errors.New("a required analyzer failed")

// plan returns the analyzers to run, each after everything it requires:
// the requested ones and, transitively, their requirements, each once.
func plan(analyzers []*Analyzer) ([]*Analyzer, error) {
	const (
		visiting = 1
		visited  = 2
	)
	state := map[*Analyzer]int{}
	var order []*Analyzer
	var path []*Analyzer
	var visit func(a *Analyzer) error
	visit = func(a *Analyzer) error {
		if a == nil {
			return errors.New("nil analyzer")
		}
		switch state[a] {
		case visited:
			return nil
		case visiting:
			var names []string
			for i := len(path) - 1; i >= 0; i-- {
				names = append([]string{path[i].Name}, names...)
				if path[i] == a {
					break
				}
			}
			return fmt.Errorf("analyzers require each other in a cycle: %s → %s", strings.Join(names, " → "), a.Name)
		}
		state[a] = visiting
		path = append(path, a)
		for _, r := range a.Requires {
			if err := visit(r); err != nil {
				return err
			}
		}
		path = path[:len(path)-1]
		state[a] = visited
		order = append(order, a)
		return nil
	}
	for _, a := range analyzers {
		if err := visit(a); err != nil {
			return nil, err
		}
	}
	return order, nil
}
