package compare

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Severity ranks findings; --fail-on compares against it.
type Severity int

// The severities, lowest first.
const (
	Info Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "info"
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// ParseSeverity reads "info", "warning" or "error".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "info", "note":
		return Info, nil
	case "warning", "warn":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return Info, fmt.Errorf("unknown severity %q (want info, warning or error)", s)
}

// Location is a span of a document's original bytes.
type Location struct {
	Doc  *Document
	Span Span
}

// Related is another place a finding points at, with the part it plays
// ("first", "source", "copy", "note", …).
type Related struct {
	Role string
	Location
}

// Finding is one thing a check reports: where, what, and the other places
// it concerns. Details carry check-specific data for machine formats.
type Finding struct {
	Check    *Check
	Severity Severity
	Message  string
	Location
	Related []Related
	Details map[string]any
	// Fix, when set, is an edit that resolves the finding: replace the
	// original bytes of Span with Text. Machine formats offer it as a
	// suggestion; crosscheck never edits its inputs.
	Fix *Fix
}

// Fix is a suggested edit of one document: Span (original bytes) becomes Text.
type Fix struct {
	Span Span
	Text string
}

// Check describes one kind of finding: a stable dotted ID, a one-line
// title, a paragraph of help and a default severity.
type Check struct {
	ID       string
	Title    string
	Help     string
	Severity Severity
}

// Analyzer is a unit of analysis: it reads documents and reports findings
// of the checks it lists. Analyzers are values; options are bound when the
// value is built.
type Analyzer struct {
	Name   string
	Doc    string
	Checks []*Check
	Run    func(ctx context.Context, p *Pass) error
}

// Pass is what an analyzer sees: the documents under review, the sources
// they may cite, and a way to report.
type Pass struct {
	Docs    []*Document
	Sources []*Document
	report  func(Finding)
}

// NewPass returns a pass over docs and sources that hands each finding to report.
func NewPass(docs, sources []*Document, report func(Finding)) *Pass {
	return &Pass{Docs: docs, Sources: sources, report: report}
}

// Report records a finding. The severity defaults to the check's.
func (p *Pass) Report(f Finding) { p.report(f) }

// Newf builds a finding of check c at a span of doc's Text.
func Newf(c *Check, doc *Document, text Span, format string, args ...any) Finding {
	return Finding{Check: c, Severity: c.Severity, Message: fmt.Sprintf(format, args...), Location: doc.Loc(text)}
}

// Relate adds a related place given as a span of doc's Text.
func (f *Finding) Relate(role string, doc *Document, text Span) {
	f.Related = append(f.Related, Related{Role: role, Location: doc.Loc(text)})
}

// Run runs the analyzers over docs, concurrently, and returns every finding
// sorted by file, offset and check. Findings of checks for which enabled
// returns false are dropped; a nil enabled keeps them all.
func Run(ctx context.Context, analyzers []*Analyzer, docs, sources []*Document, enabled func(*Check) bool) ([]Finding, error) {
	return RunObserved(ctx, analyzers, docs, sources, enabled, nil)
}

// RunObserved is Run with a callback that hears of each analyzer as it
// finishes (from the analyzer's goroutine), for progress displays.
func RunObserved(ctx context.Context, analyzers []*Analyzer, docs, sources []*Document, enabled func(*Check) bool, finished func(*Analyzer)) ([]Finding, error) {
	var mu sync.Mutex
	var all []Finding
	var wg sync.WaitGroup
	errs := make([]error, len(analyzers))
	for i, a := range analyzers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pass := NewPass(docs, sources, func(f Finding) {
				if enabled != nil && !enabled(f.Check) {
					return
				}
				mu.Lock()
				all = append(all, f)
				mu.Unlock()
			})
			if err := a.Run(ctx, pass); err != nil {
				errs[i] = fmt.Errorf("%s: %w", a.Name, err)
			}
			if finished != nil {
				finished(a)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	SortFindings(all)
	return all, nil
}

// SortFindings orders findings by file, offset, check, end and message, so
// output is deterministic.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Doc.Path != b.Doc.Path {
			return a.Doc.Path < b.Doc.Path
		}
		if a.Span.Start != b.Span.Start {
			return a.Span.Start < b.Span.Start
		}
		if a.Check.ID != b.Check.ID {
			return a.Check.ID < b.Check.ID
		}
		if a.Span.End != b.Span.End {
			return a.Span.End < b.Span.End
		}
		return a.Message < b.Message
	})
}
