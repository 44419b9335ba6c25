package compare

import (
	"container/heap"
	"slices"
)

// Sink receives the findings of a run. Run calls Put from one goroutine at
// a time, in the order analyzers report (which varies from run to run), and
// Close once at the end (or, when the run fails, Abort if the sink is an
// Aborter). A sink is usually a chain of stages, each passing what it keeps
// to the next: Filter, Map, Directives, Cap, then a renderer.
type Sink interface {
	// Put takes one finding. An error stops the run.
	Put(Finding) error
	// Close ends the stream: a stage that holds findings back passes them
	// on now, then closes the next stage.
	Close() error
}

// Aborter is a Sink that can be ended without finishing its output. Run
// calls Abort instead of Close when the run fails or is cancelled, so that
// a stage holding findings back drops them and a renderer writes no
// partial report. Stages pass Abort on to the next stage.
type Aborter interface {
	Abort(err error)
}

// Abort ends s after a failure: s.Abort(err) when s is an Aborter, else
// s.Close() (whose error is dropped: err is the one that matters).
func Abort(s Sink, err error) {
	if a, ok := s.(Aborter); ok {
		a.Abort(err)
		return
	}
	_ = s.Close()
}

// Admitter is a Sink that can tell, before a finding's costly parts are
// built, whether the finding would be dropped anyway: Admits(f) is false
// only when no finding that sorts as f does (same file, start, check, end
// and message: Details and Related do not count) can reach the output.
// The cap stage answers (a finding after the last of a full cap is
// dropped); stages that only drop or edit findings pass the question on.
// Analyzers ask through Pass.Admits, and on false still report the
// finding, without its costly details, so that every stage sees and
// counts it as before: the cap is applied before findings are built.
type Admitter interface {
	Admits(f *Finding) bool
}

// Admits asks s whether it admits f (see Admitter); a sink that cannot
// tell admits everything.
func Admits(s Sink, f *Finding) bool {
	if a, ok := s.(Admitter); ok {
		return a.Admits(f)
	}
	return true
}

// Filter returns a stage that passes on the findings keep returns true
// for and drops the rest.
func Filter(keep func(*Finding) bool, next Sink) Sink {
	return &filterSink{keep: keep, next: next}
}

type filterSink struct {
	keep func(*Finding) bool
	next Sink
}

func (s *filterSink) Put(f Finding) error {
	if !s.keep(&f) {
		return nil
	}
	return s.next.Put(f)
}

func (s *filterSink) Close() error { return s.next.Close() }

// Admits passes the question on: whether f is kept here does not change
// what the cap does with it, and keep may count what it sees.
func (s *filterSink) Admits(f *Finding) bool { return Admits(s.next, f) }
func (s *filterSink) Abort(err error)        { Abort(s.next, err) }

// Map returns a stage that changes each finding with edit (a severity
// set by configuration, a message cut short) and passes it on.
func Map(edit func(*Finding), next Sink) Sink {
	return &mapSink{edit: edit, next: next}
}

type mapSink struct {
	edit func(*Finding)
	next Sink
}

func (s *mapSink) Put(f Finding) error {
	s.edit(&f)
	return s.next.Put(f)
}

func (s *mapSink) Close() error { return s.next.Close() }

// Admits asks the next stage about f as edit would pass it on.
func (s *mapSink) Admits(f *Finding) bool {
	g := *f
	s.edit(&g)
	return Admits(s.next, &g)
}
func (s *mapSink) Abort(err error) { Abort(s.next, err) }

// SortedSink is the cap stage: it holds findings back and, on Close, passes
// them on in SortFindings' order. With a limit it keeps only the first
// limit findings in that order, in a bounded max-heap, so that what
// survives the cap does not depend on the order concurrent analyzers
// report in, and memory stays bounded by the limit.
type SortedSink struct {
	limit      int
	maxMessage int
	next       Sink
	h          findingHeap
	seq        uint64
	dropped    int
}

// Sorted returns a stage that passes findings on sorted, keeping the first
// limit of them (all when limit <= 0). Findings that sort the same keep
// the order they arrived in.
func Sorted(limit int, next Sink) *SortedSink {
	return &SortedSink{limit: limit, next: next}
}

// Cap returns the cap stage for a budget: Sorted with b.MaxFindings, which
// also cuts messages longer than b.MaxMessage (with "…", see Shorten).
func Cap(b Budget, next Sink) *SortedSink {
	s := Sorted(b.MaxFindings, next)
	s.maxMessage = b.MaxMessage
	return s
}

// Put keeps f if it is among the first limit findings seen so far.
func (s *SortedSink) Put(f Finding) error {
	if s.maxMessage > 0 {
		f.Message = Shorten(f.Message, s.maxMessage)
	}
	e := heldFinding{f: f, seq: s.seq}
	s.seq++
	if s.limit <= 0 || len(s.h) < s.limit {
		if s.limit > 0 {
			heap.Push(&s.h, e)
		} else {
			s.h = append(s.h, e) // no limit: sorted once, on Close
		}
		return nil
	}
	s.dropped++
	if e.less(&s.h[0]) { // it comes before the last kept: it replaces it
		s.h[0] = e
		heap.Fix(&s.h, 0)
	}
	return nil
}

// Admits reports whether f would be among the first limit findings seen
// so far: false only when the cap is full and f sorts after the last it
// keeps, which no later finding can undo.
func (s *SortedSink) Admits(f *Finding) bool {
	if s.limit <= 0 || len(s.h) < s.limit {
		return true
	}
	e := heldFinding{f: *f, seq: s.seq}
	if s.maxMessage > 0 {
		e.f.Message = Shorten(e.f.Message, s.maxMessage)
	}
	return e.less(&s.h[0])
}

// Dropped returns how many findings the limit has left out so far.
func (s *SortedSink) Dropped() int { return s.dropped }

// Close passes the kept findings on, sorted, and closes the next stage.
func (s *SortedSink) Close() error {
	held := s.h
	s.h = nil
	slices.SortFunc(held, func(a, b heldFinding) int {
		if c := CompareFindings(&a.f, &b.f); c != 0 {
			return c
		}
		if a.seq < b.seq {
			return -1
		}
		return 1
	})
	for i := range held {
		if err := s.next.Put(held[i].f); err != nil {
			Abort(s.next, err)
			return err
		}
		held[i] = heldFinding{} // let the renderer's garbage go as it writes
	}
	return s.next.Close()
}

// Abort drops the findings held back and aborts the next stage.
func (s *SortedSink) Abort(err error) {
	s.h = nil
	Abort(s.next, err)
}

// heldFinding is a finding with its arrival number, which breaks ties.
type heldFinding struct {
	f   Finding
	seq uint64
}

func (a *heldFinding) less(b *heldFinding) bool {
	if c := CompareFindings(&a.f, &b.f); c != 0 {
		return c < 0
	}
	return a.seq < b.seq
}

// findingHeap is a max-heap: its root is the finding that sorts last, the
// first to go when a finding that sorts before it arrives.
type findingHeap []heldFinding

func (h findingHeap) Len() int           { return len(h) }
func (h findingHeap) Less(i, j int) bool { return h[j].less(&h[i]) }
func (h findingHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *findingHeap) Push(x any)        { *h = append(*h, x.(heldFinding)) }
func (h *findingHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// Collector is a sink that keeps every finding, sorted on Close: for
// tests and for commands that need the whole list (baseline write).
type Collector struct {
	Findings []Finding
}

// Put appends f.
func (c *Collector) Put(f Finding) error {
	c.Findings = append(c.Findings, f)
	return nil
}

// Close sorts the findings (SortFindings).
func (c *Collector) Close() error {
	SortFindings(c.Findings)
	return nil
}
