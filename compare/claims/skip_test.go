package claims

import (
	"context"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
)

// spansOf is a skipper giving fixed spans per document.
type spansOf [][]compare.Span

func (s spansOf) Spans(i int) []compare.Span { return s[i] }

// Claims inside the spans Options.Skip gives are compared with nothing:
// the sentence every document carries makes no overlap, while a claim
// outside them still does.
func TestSkipBoilerplateClaims(t *testing.T) {
	common := "The regional board approved the drainage budget for the coming year."
	texts := []string{
		"Rainfall was low in May. " + common + " The pumps at Halden were replaced in spring.",
		"Two reservoirs were drained for inspection. " + common,
		common + " The pumps at Halden were replaced in spring.",
	}
	var docs []*compare.Document
	var skip spansOf
	for i, tx := range texts {
		d := compare.NewTextDocument("d"+string(rune('0'+i))+".txt", tx)
		docs = append(docs, d)
		k := strings.Index(d.Text, common)
		skip = append(skip, []compare.Span{{Start: k, End: k + len(common)}})
	}
	run := func(opt Options) []compare.Finding {
		t.Helper()
		var found compare.Collector
		if err := compare.Run(context.Background(), []*compare.Analyzer{Analyzer(opt)}, docs, nil, compare.Budget{}, &found); err != nil {
			t.Fatal(err)
		}
		var out []compare.Finding
		for _, f := range found.Findings {
			if f.Check == CheckOverlap {
				out = append(out, f)
			}
		}
		return out
	}
	mentions := func(fs []compare.Finding, s string) bool {
		for _, f := range fs {
			if strings.Contains(f.Doc.Excerpt(f.Span, 0), s) {
				return true
			}
		}
		return false
	}
	all := run(Options{})
	if !mentions(all, "drainage budget") || !mentions(all, "pumps at Halden") {
		t.Fatalf("without Skip: %d overlaps, want the common sentence and the pumps", len(all))
	}
	skipper := &compare.Analyzer{Name: "skip", Run: func(context.Context, *compare.Pass) (any, error) { return skip, nil }}
	kept := run(Options{Skip: skipper})
	if mentions(kept, "drainage budget") || !mentions(kept, "pumps at Halden") {
		for _, f := range kept {
			t.Logf("%s: %q", f.Doc.Path, f.Doc.Excerpt(f.Span, 0))
		}
		t.Errorf("with Skip: %d overlaps, want the pumps only", len(kept))
	}
}
