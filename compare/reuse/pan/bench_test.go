package pan

import (
	"context"
	"github.com/crosscheck/crosscheck/compare/input"
	"path/filepath"
	"testing"
)

// BenchmarkPAN aligns the 500 pairs of the PAN 2013 no-obfuscation corpus,
// documents loaded from disk each time; MB/s counts both documents of every
// pair, as the issue and the corpus README do.
func BenchmarkPAN(b *testing.B) {
	dir, pairs := panCorpus(b)
	var bytes int64
	for i := 0; i < b.N; i++ {
		run, err := Run(context.Background(), input.Loader{}, pairs, filepath.Join(dir, "susp"), filepath.Join(dir, "src"), Options(), 0)
		if err != nil {
			b.Fatal(err)
		}
		bytes = run.Bytes
	}
	b.SetBytes(bytes)
}
