package claims

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// sharedDir returns ../shared beside the checkout, or "".
func sharedDir() string {
	dir, err := filepath.Abs("../../../shared")
	if err != nil {
		return ""
	}
	if _, err := os.Stat(filepath.Join(dir, "corpora")); err != nil {
		return ""
	}
	return dir
}

// TestSICKFloor keeps the SICK figures above the targets:
// contradiction precision ≥ 0.85 with recall ≥ 0.50, overlap precision ≥
// 0.70 with recall ≥ 0.40 (against ENTAILMENT).
func TestSICKFloor(t *testing.T) {
	shared := sharedDir()
	if shared == "" {
		t.Skip("no ../shared corpora")
	}
	f, err := os.Open(filepath.Join(shared, "corpora", "sick-train", "SICK_train.txt"))
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	var pred io.Writer
	if p := os.Getenv("SICK_PRED"); p != "" {
		pf, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		defer pf.Close()
		pred = pf
	}
	res, err := EvalNLI(context.Background(), f, pred, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cp, cr := res.PR(PairContradiction, "CONTRADICTION")
	op, or := res.PR(PairOverlap, "ENTAILMENT")
	t.Logf("pairs %d; contradiction P %.3f R %.3f; overlap P %.3f R %.3f; %v", res.Pairs, cp, cr, op, or, res.Counts)
	if cp < 0.85 || cr < 0.50 {
		t.Errorf("contradiction P %.3f R %.3f, want P ≥ 0.85 and R ≥ 0.50", cp, cr)
	}
	if op < 0.70 || or < 0.40 {
		t.Errorf("overlap P %.3f R %.3f, want P ≥ 0.70 and R ≥ 0.40", op, or)
	}
}
