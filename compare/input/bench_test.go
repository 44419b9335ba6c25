package input

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// sharedCorpus returns the path of a file under ../shared/corpora, skipping
// the test or benchmark when the shared folder is not beside the checkout.
func sharedCorpus(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join("..", "..", "..", "shared", "corpora", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("shared corpus not available: %s", p)
	}
	return p
}

// BenchmarkLoadGibbon measures load + decode + normalise + segment on
// Gibbon's first volume (1.6 MB of English prose with notes).
func BenchmarkLoadGibbon(b *testing.B) {
	p := sharedCorpus(b, "gibbon-vol1/731.txt")
	st, err := os.Stat(p)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	b.ReportAllocs()
	for b.Loop() {
		res := Load(context.Background(), []string{p}, LoadOptions{})
		if len(res.Docs) != 1 {
			b.Fatalf("load: %+v", res.Errors)
		}
	}
}
