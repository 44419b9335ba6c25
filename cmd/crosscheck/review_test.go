package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
)

// TestReviewCancelledWritesNothing: a run cancelled while its analyzers
// work writes no report, on standard output or to --output, and leaves
// no temporary file.
func TestReviewCancelledWritesNothing(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(in, []byte("It was the the end.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, output := range []string{"", filepath.Join(dir, "report.json")} {
		ctx, cancel := context.WithCancel(context.Background())
		var stdout, stderr bytes.Buffer
		a := &app{stdout: &stdout, stderr: &stderr, width: 100, format: "json", failOn: "warning",
			output: output, maxFileSize: "1MiB", maxFindings: 10}
		// reports, then the user presses ^C: the analyzer itself succeeds
		interrupted := &compare.Analyzer{Name: "interrupted", Checks: []*compare.Check{compare.CheckStutter},
			Run: func(_ context.Context, p *compare.Pass) (any, error) {
				p.Report(compare.Newf(compare.CheckStutter, p.Docs[0], compare.Span{Start: 7, End: 10}, "x"))
				cancel()
				return nil, nil
			}}
		err := a.review(ctx, []string{in}, []*compare.Analyzer{interrupted}, nil)
		if err == nil || !strings.Contains(err.Error(), "canceled") {
			t.Errorf("output %q: err %v, want the cancellation", output, err)
		}
		if stdout.Len() > 0 {
			t.Errorf("output %q: wrote %q to standard output", output, stdout.String())
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("output %q: left %v", output, entries)
		}
	}
}
