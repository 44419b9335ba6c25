package compare

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var checkTest = &Check{ID: "test.kernel", Title: "Kernel test", Severity: Warning}

// reporter is an analyzer that reports one finding per document, its name
// in the message, and returns its name joined to its requirements' results.
func reporter(name string, runs *atomic.Int32, requires ...*Analyzer) *Analyzer {
	a := &Analyzer{Name: name, Checks: []*Check{checkTest}, Requires: requires}
	a.Run = func(ctx context.Context, p *Pass) (any, error) {
		runs.Add(1)
		var parts []string
		for _, r := range a.Requires {
			v, ok := p.ResultOf[r].(string)
			if !ok {
				return nil, fmt.Errorf("%s: no result of %s", name, r.Name)
			}
			parts = append(parts, v)
		}
		for _, d := range p.Docs {
			p.Report(Newf(checkTest, d, Span{0, 1}, "%s", name))
		}
		return name + "(" + strings.Join(parts, ",") + ")", nil
	}
	return a
}

// TestRunDiamond: d requires b and c, which both require a. a runs once,
// before b and c; d sees their results; only the findings of the analyzers
// asked for are reported.
func TestRunDiamond(t *testing.T) {
	doc := mustDoc(t, "a.txt", "Some text.\n")
	var runs atomic.Int32
	a := reporter("a", &runs)
	b := reporter("b", &runs, a)
	c := reporter("c", &runs, a)
	var dResult string
	d := reporter("d", &runs, b, c)
	inner := d.Run
	d.Run = func(ctx context.Context, p *Pass) (any, error) {
		v, err := inner(ctx, p)
		dResult, _ = v.(string)
		return v, err
	}
	var finished []string
	var mu sync.Mutex
	var got Collector
	err := Run(context.Background(), []*Analyzer{d, c}, []*Document{doc}, nil, DefaultBudget(), &got,
		OnFinished(func(an *Analyzer) { mu.Lock(); finished = append(finished, an.Name); mu.Unlock() }))
	if err != nil {
		t.Fatal(err)
	}
	if n := runs.Load(); n != 4 {
		t.Errorf("%d runs, want 4 (each analyzer once)", n)
	}
	if dResult != "d(b(a()),c(a()))" {
		t.Errorf("d's result %q", dResult)
	}
	var msgs []string
	for _, f := range got.Findings {
		msgs = append(msgs, f.Message)
	}
	if strings.Join(msgs, " ") != "c d" {
		t.Errorf("findings from %v, want c and d only", msgs)
	}
	if len(finished) != 2 {
		t.Errorf("finished %v, want the two asked for", finished)
	}
}

// TestRunBudgetInPass: the budget reaches the pass.
func TestRunBudgetInPass(t *testing.T) {
	var seen Budget
	an := &Analyzer{Name: "b", Run: func(_ context.Context, p *Pass) (any, error) { seen = p.Budget; return nil, nil }}
	want := Budget{MaxFileBytes: 5, MaxFindings: 7}
	if err := Run(context.Background(), []*Analyzer{an}, nil, nil, want, &Collector{}); err != nil {
		t.Fatal(err)
	}
	if seen != want {
		t.Errorf("pass budget %+v, want %+v", seen, want)
	}
}

// recordingSink records what happens to it.
type recordingSink struct {
	puts            int
	closed, aborted bool
	abortErr        error
}

func (s *recordingSink) Put(Finding) error { s.puts++; return nil }
func (s *recordingSink) Close() error      { s.closed = true; return nil }
func (s *recordingSink) Abort(err error)   { s.aborted, s.abortErr = true, err }

func TestRunCycle(t *testing.T) {
	a := &Analyzer{Name: "a"}
	b := &Analyzer{Name: "b", Requires: []*Analyzer{a}}
	a.Requires = []*Analyzer{b}
	a.Run = func(context.Context, *Pass) (any, error) { return nil, nil }
	b.Run = a.Run
	c := &Analyzer{Name: "c", Requires: []*Analyzer{a}, Run: a.Run}
	var s recordingSink
	err := Run(context.Background(), []*Analyzer{c}, nil, nil, Budget{}, &s)
	if err == nil || !strings.Contains(err.Error(), "cycle") || !strings.Contains(err.Error(), "a → b → a") {
		t.Fatalf("err %v, want a cycle a → b → a", err)
	}
	if !s.aborted || s.closed {
		t.Errorf("sink closed %v aborted %v, want aborted", s.closed, s.aborted)
	}
}

// TestRunCancel: cancelling stops the run, the error says so, the sink is
// aborted rather than closed, and analyzers waiting on a requirement that
// failed do not run.
func TestRunCancel(t *testing.T) {
	doc := mustDoc(t, "a.txt", "Some text.\n")
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan struct{})
	slow := &Analyzer{Name: "slow", Checks: []*Check{checkTest}, Run: func(ctx context.Context, p *Pass) (any, error) {
		p.Report(Newf(checkTest, p.Docs[0], Span{0, 1}, "early"))
		close(started)
		<-ctx.Done()
		return nil, ctx.Err()
	}}
	var afterRan atomic.Bool
	after := &Analyzer{Name: "after", Requires: []*Analyzer{slow}, Run: func(context.Context, *Pass) (any, error) {
		afterRan.Store(true)
		return nil, nil
	}}
	go func() { <-started; cancel() }()
	var s recordingSink
	done := make(chan error)
	go func() { done <- Run(ctx, []*Analyzer{slow, after}, []*Document{doc}, nil, Budget{}, &s) }()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err %v, want context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after cancellation")
	}
	if afterRan.Load() {
		t.Error("an analyzer whose requirement failed ran")
	}
	if s.closed || !s.aborted || !errors.Is(s.abortErr, context.Canceled) {
		t.Errorf("sink closed %v aborted %v (%v), want aborted with the cancellation", s.closed, s.aborted, s.abortErr)
	}
}

// failingSink fails its second Put.
type failingSink struct{ recordingSink }

func (s *failingSink) Put(Finding) error {
	s.puts++
	if s.puts == 2 {
		return errors.New("disk full")
	}
	return nil
}

func TestRunSinkError(t *testing.T) {
	doc := mustDoc(t, "a.txt", "Some text.\n")
	an := &Analyzer{Name: "many", Checks: []*Check{checkTest}, Run: func(ctx context.Context, p *Pass) (any, error) {
		for i := 0; i < 100; i++ {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			p.Report(Newf(checkTest, p.Docs[0], Span{0, 1}, "n%d", i))
		}
		return nil, nil
	}}
	var s failingSink
	err := Run(context.Background(), []*Analyzer{an}, []*Document{doc}, nil, Budget{}, &s)
	if err == nil || err.Error() != "disk full" {
		t.Fatalf("err %v, want the sink's", err)
	}
	if s.puts != 2 || !s.aborted {
		t.Errorf("%d puts, aborted %v: want the run stopped at the failing Put", s.puts, s.aborted)
	}
}

// TestSortedCap: whatever order findings arrive in, the cap keeps the
// same first findings in sort order, holds no more than its limit, and
// counts the rest.
func TestSortedCap(t *testing.T) {
	docs := []*Document{mustDoc(t, "b.txt", strings.Repeat("word ", 200)), mustDoc(t, "a.txt", strings.Repeat("word ", 200))}
	var all []Finding
	for i := 0; i < 300; i++ {
		d := docs[i%2]
		off := (i * 7) % 150
		all = append(all, Newf(checkTest, d, Span{off, off + 3}, "m%03d", i%5))
	}
	want := append([]Finding(nil), all...)
	SortFindings(want)
	want = want[:50]
	var first []string
	for trial := 0; trial < 20; trial++ {
		shuffled := append([]Finding(nil), all...)
		rand.New(rand.NewSource(int64(trial))).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		var got Collector
		s := Sorted(50, &got)
		for _, f := range shuffled {
			if err := s.Put(f); err != nil {
				t.Fatal(err)
			}
			if len(s.h) > 50 {
				t.Fatalf("the cap holds %d findings, limit 50", len(s.h))
			}
		}
		if s.Dropped() != 250 {
			t.Errorf("dropped %d, want 250", s.Dropped())
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		var keys []string
		for i, f := range got.Findings {
			w := want[i]
			if f.Doc != w.Doc || f.Span != w.Span || f.Message != w.Message {
				t.Fatalf("trial %d: finding %d is %s %v %s, want %s %v %s", trial, i, f.Doc.Path, f.Span, f.Message, w.Doc.Path, w.Span, w.Message)
			}
			keys = append(keys, fmt.Sprint(f.Doc.Path, f.Span, f.Message))
		}
		if len(got.Findings) != 50 {
			t.Fatalf("kept %d, want 50", len(got.Findings))
		}
		if trial == 0 {
			first = keys
		} else if strings.Join(keys, "|") != strings.Join(first, "|") {
			t.Fatalf("trial %d kept different findings", trial)
		}
	}
}

// TestSortedNoLimit: with no limit every finding passes, sorted, ties in
// arrival order.
func TestSortedNoLimit(t *testing.T) {
	d := mustDoc(t, "a.txt", "Some text here.\n")
	var got Collector
	s := Sorted(0, &got)
	for _, m := range []string{"x", "x", "x"} {
		f := Newf(checkTest, d, Span{5, 9}, "%s", m)
		f.Details = map[string]any{"n": len(got.Findings)}
		_ = s.Put(f)
	}
	_ = s.Put(Newf(checkTest, d, Span{0, 4}, "first"))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if len(got.Findings) != 4 || got.Findings[0].Message != "first" || s.Dropped() != 0 {
		t.Fatalf("got %+v dropped %d", got.Findings, s.Dropped())
	}
}

// TestCapMessage: the cap cuts long messages with a visible "…".
func TestCapMessage(t *testing.T) {
	d := mustDoc(t, "a.txt", "Some text here.\n")
	var got Collector
	s := Cap(Budget{MaxMessage: 10}, &got)
	_ = s.Put(Newf(checkTest, d, Span{0, 4}, "a message far longer than ten"))
	_ = s.Close()
	if m := got.Findings[0].Message; m != "a message…" {
		t.Errorf("message %q", m)
	}
}

// TestSortedAbort: an aborted cap passes nothing on.
func TestSortedAbort(t *testing.T) {
	d := mustDoc(t, "a.txt", "Some text here.\n")
	var next recordingSink
	s := Sorted(10, &next)
	_ = s.Put(Newf(checkTest, d, Span{0, 4}, "x"))
	Abort(s, context.Canceled)
	if next.puts != 0 || next.closed || !next.aborted {
		t.Errorf("next: %+v, want aborted with nothing put", next)
	}
}

func TestFilterMap(t *testing.T) {
	d := mustDoc(t, "a.txt", "Some text here.\n")
	var got Collector
	s := Filter(func(f *Finding) bool { return f.Message != "drop" },
		Map(func(f *Finding) { f.Severity = Error }, &got))
	for _, m := range []string{"keep", "drop"} {
		_ = s.Put(Newf(checkTest, d, Span{0, 4}, "%s", m))
	}
	_ = s.Close()
	if len(got.Findings) != 1 || got.Findings[0].Message != "keep" || got.Findings[0].Severity != Error {
		t.Errorf("got %+v", got.Findings)
	}
}

// TestRunCancelDoesNotWait: cancelled, Run returns at once even when an
// analyzer does not check ctx; what the analyzer reports after that is
// dropped, and the sink is aborted exactly once.
func TestRunCancelDoesNotWait(t *testing.T) {
	doc := mustDoc(t, "a.txt", "Some text.\n")
	ctx, cancel := context.WithCancel(context.Background())
	started, release, finished := make(chan struct{}), make(chan struct{}), make(chan struct{})
	var announced atomic.Bool
	deaf := &Analyzer{Name: "deaf", Checks: []*Check{checkTest}, Run: func(_ context.Context, p *Pass) (any, error) {
		close(started)
		<-release // a long loop that never looks at ctx
		p.Report(Newf(checkTest, p.Docs[0], Span{0, 1}, "late"))
		close(finished)
		return nil, nil
	}}
	go func() { <-started; cancel() }()
	var s recordingSink
	done := make(chan error)
	go func() {
		done <- Run(ctx, []*Analyzer{deaf}, []*Document{doc}, nil, Budget{}, &s, OnFinished(func(*Analyzer) { announced.Store(true) }))
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err %v, want context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run waited for an analyzer that does not check ctx")
	}
	close(release)
	<-finished
	if s.puts != 0 || s.closed || !s.aborted {
		t.Errorf("sink: %d puts, closed %v, aborted %v; want no finding and one abort", s.puts, s.closed, s.aborted)
	}
	if announced.Load() {
		t.Error("OnFinished was called after Run returned")
	}
}

type paragraphLocator struct{}

func (paragraphLocator) Where(Span) Where { return Where{Paragraph: 1} }

// TestRunDropsFixInContainers: a fix's offsets point into a container's
// extracted text, not into bytes an editor could replace, so none is offered.
func TestRunDropsFixInContainers(t *testing.T) {
	plain := mustDoc(t, "a.txt", "Some text.\n")
	boxed := mustDoc(t, "a.docx", "Some text.\n")
	boxed.Locator = paragraphLocator{}
	an := &Analyzer{Name: "fixer", Run: func(ctx context.Context, p *Pass) (any, error) {
		for _, d := range p.Docs {
			p.Report(Finding{Message: d.Path, Location: Location{Doc: d, Span: Span{0, 4}}, Fix: &Fix{Span: Span{0, 4}, Text: "Any"}})
		}
		return nil, nil
	}}
	var got Collector
	if err := Run(context.Background(), []*Analyzer{an}, []*Document{plain, boxed}, nil, DefaultBudget(), &got); err != nil {
		t.Fatal(err)
	}
	for _, f := range got.Findings {
		if (f.Fix != nil) != (f.Doc == plain) {
			t.Errorf("%s: fix %v", f.Message, f.Fix)
		}
	}
	if len(got.Findings) != 2 {
		t.Fatalf("%d findings", len(got.Findings))
	}
}

// TestAdmitsBeforeBuild: an analyzer that asks Pass.Admits before building
// a finding's details builds only those the cap can keep, through filter
// and map stages, while the report (and the count of what the cap
// dropped) is what building every one gives; an analyzer that runs only
// because another requires it is told that nothing is admitted.
func TestAdmitsBeforeBuild(t *testing.T) {
	doc := mustDoc(t, "a.txt", strings.Repeat("word ", 400))
	var built atomic.Int32
	producer := func(ask bool) *Analyzer {
		return &Analyzer{Name: "many", Checks: []*Check{checkTest}, Run: func(ctx context.Context, p *Pass) (any, error) {
			for i := range 300 {
				f := Newf(checkTest, doc, Span{i, i + 1}, "m")
				if !ask || p.Admits(&f) {
					built.Add(1)
					f.Details = map[string]any{"i": i}
				}
				p.Report(f)
			}
			return nil, nil
		}}
	}
	run := func(ask bool) ([]Finding, int) {
		var got Collector
		capped := Cap(Budget{MaxFindings: 50}, &got)
		sink := Filter(func(f *Finding) bool { return f.Span.Start%3 != 0 }, Map(func(f *Finding) { f.Message += "!" }, capped))
		if err := Run(context.Background(), []*Analyzer{producer(ask)}, []*Document{doc}, nil, DefaultBudget(), sink); err != nil {
			t.Fatal(err)
		}
		return got.Findings, capped.Dropped()
	}
	built.Store(0)
	want, wantDropped := run(false)
	if built.Load() != 300 {
		t.Fatalf("built %d without asking", built.Load())
	}
	built.Store(0)
	got, dropped := run(true)
	if built.Load() != 75 { // the first 75: the filter drops 25 of them, the cap keeps 50
		t.Errorf("built %d findings, want 75", built.Load())
	}
	if len(got) != len(want) || dropped != wantDropped || dropped != 150 {
		t.Fatalf("%d findings, %d dropped; want %d, %d", len(got), dropped, len(want), wantDropped)
	}
	for i := range got {
		if got[i].Span != want[i].Span || got[i].Message != want[i].Message || got[i].Details["i"] != want[i].Details["i"] {
			t.Errorf("finding %d: %v %q %v, want %v %q %v", i, got[i].Span, got[i].Message, got[i].Details, want[i].Span, want[i].Message, want[i].Details)
		}
	}

	var asked, admitted atomic.Int32
	inner := &Analyzer{Name: "inner", Checks: []*Check{checkTest}, Run: func(ctx context.Context, p *Pass) (any, error) {
		f := Newf(checkTest, doc, Span{0, 1}, "inner")
		asked.Add(1)
		if p.Admits(&f) {
			admitted.Add(1)
		}
		return "x", nil
	}}
	outer := &Analyzer{Name: "outer", Requires: []*Analyzer{inner}, Run: func(ctx context.Context, p *Pass) (any, error) { return nil, nil }}
	if err := Run(context.Background(), []*Analyzer{outer}, []*Document{doc}, nil, DefaultBudget(), &Collector{}); err != nil {
		t.Fatal(err)
	}
	if asked.Load() != 1 || admitted.Load() != 0 {
		t.Errorf("a requirement's finding was admitted (%d of %d)", admitted.Load(), asked.Load())
	}
}
