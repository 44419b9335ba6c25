package citations

import (
	"context"
	"github.com/crosscheck/crosscheck/compare/input"
	"strings"
	"testing"
)

// TestFixtures runs the labelled fixtures: every expected finding must be
// reported and nothing else.
func TestFixtures(t *testing.T) {
	res, err := EvaluateFixtures(context.Background(), input.Loader{}, "../testdata/cite/fixtures", "../testdata/cite/sources")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	res.Print(&b)
	t.Log("\n" + b.String())
	if res.Total.FP > 0 || res.Total.FN > 0 {
		t.Errorf("fixtures: %d unexpected, %d missed findings\n%s", res.Total.FP, res.Total.FN, b.String())
	}
	if len(res.Fixtures) < 10 {
		t.Errorf("only %d fixtures read", len(res.Fixtures))
	}
}
