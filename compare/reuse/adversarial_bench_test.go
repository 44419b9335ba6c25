package reuse

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input"
	"github.com/crosscheck/crosscheck/compare/reuse/internal/prosegen"
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
	p := prosegen.NewSynthetic(seed, 30000)
	rng := rand.New(rand.NewPCG(seed, 1))
	tw := prosegen.Writer{Width: width, Flat: width > bytes}
	prosegen.WriteWords(&tw, rng, p.Words(rng, bytes/6), nil)
	return []byte(tw.B.String())
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

// runEngine parses raws, then runs f on the documents b.N times and
// reports, besides MB/s of input, CPU seconds and peak memory a byte of
// input as runMeasured does (documents included), the engine's own peak:
// the peak heap less the documents' heap ("engine-heap/input"), and the
// same in one more run with garbage collected eagerly, near the peak of
// what the engine holds live ("engine-live/input").
func runEngine(b *testing.B, raws [][]byte, f func(docs []*compare.Document)) {
	total := 0
	for _, r := range raws {
		total += len(r)
	}
	docs := make([]*compare.Document, len(raws))
	for i, r := range raws {
		docs[i] = newDoc(b, fmt.Sprintf("d%03d.txt", i), r)
	}
	var m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m)
	base := m.HeapAlloc
	b.SetBytes(int64(total))
	b.ResetTimer()
	var rss, heap uint64
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		probe := startMemoryProbe()
		c0 := cpuTime()
		f(docs)
		cpu += cpuTime() - c0
		r, h := probe.finish()
		rss, heap = max(rss, r), max(heap, h)
	}
	b.StopTimer()
	// Once more with the collector at work all the time: the peak is then
	// near what the engine holds live, without the garbage Go's pacing
	// lets pile up (twice the live heap by default).
	defer debug.SetGCPercent(debug.SetGCPercent(5))
	probe := startMemoryProbe()
	f(docs)
	_, live := probe.finish()
	runtime.KeepAlive(docs)
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(rss)/float64(total), "peak-rss/input")
	b.ReportMetric(float64(heap)/float64(total), "peak-heap/input")
	b.ReportMetric(float64(heap-min(heap, base))/float64(total), "engine-heap/input")
	b.ReportMetric(float64(live-min(live, base))/float64(total), "engine-live/input")
}

// repeatsOf runs FindRepeats and reports the repeats and, as "limited",
// whether a search was thinned.
func repeatsOf(b *testing.B, docs []*compare.Document) {
	reps, limits, err := findRepeats(context.Background(), docs, Options{}, 12)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(reps)), "repeats")
	b.ReportMetric(float64(len(limits.thinned)+len(limits.partners)), "limited")
}

// alignOf runs Align and reports the passages and, as "limited", how many
// pairs were thinned.
func alignOf(b *testing.B, docs []*compare.Document) {
	al, err := alignAll(context.Background(), docs, Options{})
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for _, p := range al.pairs {
		n += len(p.Passages)
	}
	b.ReportMetric(float64(n), "passages")
	b.ReportMetric(float64(len(al.limits)+len(al.partners)), "limited")
}

// BenchmarkHostile runs the hostile inputs of issue 10 through repeats
// (self-alignment) and align (a pair: the input and a copy with 200 small
// edits; for drafts, all pairs): a line of 40 MB drawn from 20 words (it
// ran out of memory at 6 GB), 9 MB of templated sentences with numbers
// and dates (840 MB), 18 MB of prose in four edited copies (375 MB), 200
// drafts of 50 kB that differ in one word of 200, and 2,000 versions of 5
// kB, 100 of each of 20 texts (99,001 pairs before partners were bounded).
func BenchmarkHostile(b *testing.B) {
	inputs := []struct {
		name string
		raw  func() [][]byte
	}{
		{"line40MB", func() [][]byte { return [][]byte{vocabularyLine(40_000_000, 20, 1)} }},
		{"nums9MB", func() [][]byte { return [][]byte{templatedSentences(9_000_000)} }},
		{"prose18MB", func() [][]byte { return [][]byte{editedCopies(proseBytes(4_500_000, 3, 72), 4, "th")} }},
		{"drafts200", func() [][]byte { return drafts(200, 50_000, 4) }},
		{"versions2000", func() [][]byte { return versionFamilies(20, 100, 5_000) }},
	}
	for _, in := range inputs {
		b.Run(in.name+"/repeats", func(b *testing.B) {
			runEngine(b, in.raw(), func(docs []*compare.Document) { repeatsOf(b, docs) })
		})
		b.Run(in.name+"/align", func(b *testing.B) {
			raws := in.raw()
			if len(raws) == 1 {
				raws = append(raws, smallEdits(raws[0], 200, 2))
			}
			runEngine(b, raws, func(docs []*compare.Document) { alignOf(b, docs) })
		})
	}
}
