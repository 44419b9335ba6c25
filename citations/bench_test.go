package citations

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
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

// hostileInputs are documents made of one note construct repeated: what a
// pull request can feed crosscheck. Each is built to about size bytes.
var hostileInputs = []struct {
	name, file, unit string
}{
	{"pandoc-markers", "m.md", "[^1]"},
	{"pandoc-labels", "m.md", ""}, // [^1] … [^N]
	{"pandoc-defs", "d.md", "[^x]: def\n"},
	{"brackets", "b.txt", "x [1] "},
	{"sup-text", "s.txt", "x <sup>1</sup> "},
	{"gutenberg", "g.txt", "x[1] [Footnote 1: a]\n"},
	{"latex-open", "l.tex", "\\footnote{\n\n"},
	{"pandoc-inline-open", "i.md", "^["},
	{"ibid", "i.md", "Ibid., p. 4; "},
	{"headings", "h.md", "# a\n\n[1] x\n# b\n\n"},
}

func hostileText(name, unit string, size int) string {
	var b strings.Builder
	switch name {
	case "pandoc-labels":
		for i := 1; b.Len() < size; i++ {
			fmt.Fprintf(&b, "[^%d]", i)
		}
	case "ibid":
		b.WriteString("x[^1]\n\n[^1]: Smith, History of Rome, p. 3. ")
		for b.Len() < size {
			b.WriteString(unit)
		}
	default:
		for b.Len() < size {
			b.WriteString(unit)
		}
	}
	return b.String()
}

// BenchmarkHostile runs the notes reader and the citation analyzer on
// each hostile input at 1 and 4 MB (document building excluded): MB/s
// that stays level from one size to the next is linear time. It reports
// the heap the notes keep and the bytes allocated, per byte of input.
func BenchmarkHostile(b *testing.B) {
	for _, h := range hostileInputs {
		for _, size := range []int{1 << 20, 4 << 20} {
			b.Run(fmt.Sprintf("%s/%dMB", h.name, size>>20), func(b *testing.B) {
				d, err := input.Parse(h.file, []byte(hostileText(h.name, h.unit, size)), input.Options{})
				if err != nil {
					b.Fatal(err)
				}
				an := Analyzer(Options{})
				b.SetBytes(int64(size))
				b.ReportAllocs()
				var kept float64
				for b.Loop() {
					var before, after runtime.MemStats
					runtime.GC()
					runtime.ReadMemStats(&before)
					dn := ReadNotes(d)
					runtime.GC()
					runtime.ReadMemStats(&after)
					kept = float64(after.HeapAlloc) - float64(before.HeapAlloc)
					runtime.KeepAlive(dn)
					if err := compare.Run(context.Background(), []*compare.Analyzer{an}, []*compare.Document{d}, nil, compare.DefaultBudget(), &compare.Collector{}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(max(0, kept)/float64(size), "kept-B/B")
			})
		}
	}
}
