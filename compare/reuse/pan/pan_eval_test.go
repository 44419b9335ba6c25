package pan

import (
	"context"
	"github.com/crosscheck/crosscheck/compare/input"
	"os"
	"path/filepath"
	"testing"
)

// sharedDir returns ../shared beside the checkout, or "".
func sharedDir() string {
	dir, err := filepath.Abs("../../../../shared")
	if err != nil {
		return ""
	}
	if _, err := os.Stat(filepath.Join(dir, "corpora")); err != nil {
		return ""
	}
	return dir
}

func panCorpus(t testing.TB) (string, []Pair) {
	t.Helper()
	sh := sharedDir()
	if sh == "" {
		t.Skip("no ../shared/corpora")
	}
	dir := filepath.Join(sh, "corpora", "pan13-no-obfuscation")
	f, err := os.Open(filepath.Join(dir, "pairs"))
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	pairs, err := ReadPairs(f)
	if err != nil {
		t.Fatal(err)
	}
	return dir, pairs
}

// TestPANFloor runs the PAN 2013 no-obfuscation evaluation and fails when
// plagdet or granularity regress past the floor.
func TestPANFloor(t *testing.T) {
	dir, pairs := panCorpus(t)
	run, err := Run(context.Background(), input.Loader{}, pairs, filepath.Join(dir, "susp"), filepath.Join(dir, "src"), Options(), 0)
	if err != nil {
		t.Fatal(err)
	}
	truth, err := ReadTruth(input.Loader{}, filepath.Join(dir, "truth"), pairs)
	if err != nil {
		t.Fatal(err)
	}
	var dets []Case
	for _, d := range run.Detections {
		dets = append(dets, d...)
	}
	sc := ScoreCases(truth, dets)
	t.Logf("plagdet %.4f precision %.4f recall %.4f granularity %.4f (%d cases, %d detections, %d detected) %.1f MB/s",
		sc.Plagdet, sc.Precision, sc.Recall, sc.Granularity, sc.Cases, sc.Detections, sc.Detected,
		float64(run.Bytes)/1e6/run.Elapsed.Seconds())
	if sc.Plagdet < 0.93 || sc.Granularity > 1.05 {
		t.Errorf("below the floor: plagdet %.4f (want ≥ 0.93), granularity %.4f (want ≤ 1.05)", sc.Plagdet, sc.Granularity)
	}
}
