package reuse

import (
	"context"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input"
)

// runMeasured runs f b.N times and reports CPU seconds and peak memory as
// a multiple of input bytes.
func runMeasured(b *testing.B, input int, f func()) {
	b.SetBytes(int64(input))
	b.ResetTimer()
	var rss, heap uint64
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		probe := startMemoryProbe()
		c0 := cpuTime()
		f()
		cpu += cpuTime() - c0
		r, h := probe.finish()
		rss, heap = max(rss, r), max(heap, h)
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(rss)/float64(input), "peak-rss/input")
	b.ReportMetric(float64(heap)/float64(input), "peak-heap/input")
}

func newDoc(b *testing.B, name string, raw []byte) *compare.Document {
	d, err := input.Parse(name, raw, input.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return d
}

func proseBytes(bytes int, seed uint64, width int) []byte {
	p := newSyntheticProse(seed, 30000)
	rng := rand.New(rand.NewPCG(seed, 1))
	tw := textWriter{width: width, flat: width > bytes}
	writeWords(&tw, rng, p.words(rng, bytes/6), nil)
	return []byte(tw.b.String())
}

// BenchmarkAdversarialRepeatedSentence: one document made of the same
// sentence 100,000 times, through the repeats analyzer (self-alignment and
// the cross-document pass) from raw bytes.
func BenchmarkAdversarialRepeatedSentence(b *testing.B) {
	raw := []byte(strings.Repeat("The committee approved the harbour budget for the coming year after a long debate. ", 100000))
	runMeasured(b, len(raw), func() {
		d := newDoc(b, "same.txt", raw)
		reps, err := FindRepeats(context.Background(), []*compare.Document{d}, Options{}, 12)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(reps)), "repeats")
		runtime.KeepAlive(d)
	})
}

// BenchmarkAdversarialIdentical20MB: two identical documents of 20 MB
// through the align analyzer (one passage, its diff and details).
func BenchmarkAdversarialIdentical20MB(b *testing.B) {
	raw := proseBytes(20<<20, 5, 72)
	runMeasured(b, 2*len(raw), func() {
		docs := []*compare.Document{newDoc(b, "a.txt", raw), newDoc(b, "b.txt", raw)}
		var n int
		count := compare.Filter(func(*compare.Finding) bool { n++; return false }, &compare.Collector{})
		err := compare.Run(context.Background(), []*compare.Analyzer{AlignAnalyzer(AlignOptions{})}, docs, nil, compare.Budget{}, count)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n), "findings")
	})
}

// BenchmarkAdversarialOneLine5MB: a document that is one line of 5 MB,
// through the repeats analyzer and aligned with a lightly edited copy.
func BenchmarkAdversarialOneLine5MB(b *testing.B) {
	raw := proseBytes(5<<20, 6, 1<<30)
	if strings.Contains(string(raw), "\n") {
		b.Fatal("not one line")
	}
	edited := []byte(strings.NewReplacer(" the ", " a ", ". ", "; ").Replace(string(raw)))
	runMeasured(b, len(raw)+len(edited), func() {
		d, e := newDoc(b, "line.txt", raw), newDoc(b, "edited.txt", edited)
		reps, err := FindRepeats(context.Background(), []*compare.Document{d}, Options{}, 12)
		if err != nil {
			b.Fatal(err)
		}
		ps := AlignPair(d, e, Options{})
		b.ReportMetric(float64(len(reps)), "repeats")
		b.ReportMetric(float64(len(ps)), "passages")
	})
}
