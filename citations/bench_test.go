package citations

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input"
)

// BenchmarkGibbon runs the whole citation analyzer on Gibbon's first
// volume (1.6 MB, 1,686 notes), document building excluded.
func BenchmarkGibbon(b *testing.B) {
	sh := sharedDir()
	if sh == "" {
		b.Skip("shared corpora not present")
	}
	raw, err := os.ReadFile(filepath.Join(sh, "corpora", "gibbon-vol1", "731.txt"))
	if err != nil {
		b.Skip(err)
	}
	d, err := input.Parse("731.txt", raw, input.Options{})
	if err != nil {
		b.Fatal(err)
	}
	an := Analyzer(Options{})
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if err := compare.Run(context.Background(), []*compare.Analyzer{an}, []*compare.Document{d}, nil, compare.Budget{}, &compare.Collector{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGibbonLoad includes reading and normalising the file, as the
// command does.
func BenchmarkGibbonLoad(b *testing.B) {
	sh := sharedDir()
	if sh == "" {
		b.Skip("shared corpora not present")
	}
	raw, err := os.ReadFile(filepath.Join(sh, "corpora", "gibbon-vol1", "731.txt"))
	if err != nil {
		b.Skip(err)
	}
	an := Analyzer(Options{})
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		d, err := input.Parse("731.txt", raw, input.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := compare.Run(context.Background(), []*compare.Analyzer{an}, []*compare.Document{d}, nil, compare.Budget{}, &compare.Collector{}); err != nil {
			b.Fatal(err)
		}
	}
}
