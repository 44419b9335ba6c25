package reuse

import (
	"bufio"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input"
	"github.com/crosscheck/crosscheck/compare/reuse/internal/parallel"
	"github.com/crosscheck/crosscheck/compare/reuse/internal/prosegen"
)

// genCorpus generates about totalBytes of documents of about docBytes
// each, synthetic prose, where half the documents have a passage of 50 to
// 200 words of another document spliced in with light edits. Each
// document's own words come from a generator seeded by its number, so the
// words of any document can be generated again when another borrows them,
// and nothing but the bytes is kept.
func genCorpus(totalBytes, docBytes int, seed uint64) [][]byte {
	p := prosegen.NewSynthetic(seed, 30000)
	n := max(2, totalBytes/docBytes)
	wordsPerDoc := docBytes / 6
	own := func(i int) []string {
		return p.Words(rand.New(rand.NewPCG(seed, uint64(i))), wordsPerDoc)
	}
	out := make([][]byte, n)
	var wg sync.WaitGroup
	var next atomic.Int64
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				rng := rand.New(rand.NewPCG(seed^0xABCDEF, uint64(i)))
				words := own(i)
				if rng.IntN(2) == 0 {
					j := rng.IntN(n - 1)
					if j >= i {
						j++
					}
					from := own(j)
					l := 50 + rng.IntN(151)
					at := rng.IntN(len(from) - l)
					cp := prosegen.EditWords(rng, p, from[at:at+l], prosegen.LevelRates[prosegen.Light])
					k := rng.IntN(len(words))
					words = append(words[:k:k], append(cp, words[k:]...)...)
				}
				var tw prosegen.Writer
				tw.Width = 72
				prosegen.WriteWords(&tw, rng, words, nil)
				out[i] = []byte(tw.B.String())
			}
		}()
	}
	wg.Wait()
	return out
}

// memoryProbe follows the process's peak resident memory (VmHWM, reset
// through /proc/self/clear_refs where Linux allows) and, as a fallback and
// a second figure, the peak of the Go heap sampled every few milliseconds.
type memoryProbe struct {
	stop     chan struct{}
	done     chan struct{}
	peakHeap atomic.Uint64
	hwmReset bool
}

func startMemoryProbe() *memoryProbe {
	runtime.GC()
	debug.FreeOSMemory()
	m := &memoryProbe{stop: make(chan struct{}), done: make(chan struct{})}
	m.hwmReset = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
	samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}}
	go func() {
		defer close(m.done)
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(samples)
			h := samples[0].Value.Uint64() + samples[1].Value.Uint64()
			if h > m.peakHeap.Load() {
				m.peakHeap.Store(h)
			}
			select {
			case <-m.stop:
				return
			case <-t.C:
			}
		}
	}()
	return m
}

// finish returns the peak RSS (0 when unknown) and the peak heap in bytes.
func (m *memoryProbe) finish() (rss, heap uint64) {
	close(m.stop)
	<-m.done
	if m.hwmReset {
		rss = procStatus("VmHWM")
	}
	return rss, m.peakHeap.Load()
}

// procStatus reads a "kB" field of /proc/self/status, in bytes.
func procStatus(field string) uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			n, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n << 10
		}
	}
	return 0
}

func loadAll(b *testing.B, raws [][]byte) []*compare.Document {
	docs := make([]*compare.Document, len(raws))
	parallel.For(context.Background(), len(raws), 0, func(i int) {
		d, err := input.Parse(fmt.Sprintf("d%05d.txt", i), raws[i], input.Options{})
		if err != nil {
			panic(err)
		}
		docs[i] = d
	})
	return docs
}

// BenchmarkAllPairs aligns all pairs of a generated collection (documents
// of 25 kB, half of them holding a passage of another) from raw bytes to
// passages: loading, the fingerprint index, candidate pairs and their
// alignment. Metrics: MB/s, passages found, and peak memory as a multiple
// of the input bytes (resident set and Go heap). Sizes 5, 10, 20 and 50 MB
// (2,000 documents) give the growth exponent of time in total bytes.
func BenchmarkAllPairs(b *testing.B) {
	for _, mb := range []int{5, 10, 20, 50} {
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			raws := genCorpus(mb<<20, 25<<10, 99)
			total := 0
			for _, r := range raws {
				total += len(r)
			}
			b.SetBytes(int64(total))
			b.ResetTimer()
			var found int
			var rss, heap uint64
			var cpu time.Duration
			for i := 0; i < b.N; i++ {
				probe := startMemoryProbe()
				cpu0 := cpuTime()
				docs := loadAll(b, raws)
				pairs, err := Align(context.Background(), docs, Options{})
				if err != nil {
					b.Fatal(err)
				}
				cpu += cpuTime() - cpu0
				r, h := probe.finish()
				rss, heap = max(rss, r), max(heap, h)
				found = 0
				for _, p := range pairs {
					found += len(p.Passages)
				}
				runtime.KeepAlive(docs)
			}
			b.ReportMetric(float64(found), "passages")
			b.ReportMetric(float64(rss)/float64(total), "peak-rss/input")
			b.ReportMetric(float64(heap)/float64(total), "peak-heap/input")
			b.ReportMetric(float64(len(raws)), "docs")
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}

// scalingExponent fits time = c·bytes^k by least squares on logarithms.
func scalingExponent(bytes, secs []float64) float64 {
	var sx, sy, sxx, sxy float64
	n := float64(len(bytes))
	for i := range bytes {
		x, y := math.Log(bytes[i]), math.Log(secs[i])
		sx, sy, sxx, sxy = sx+x, sy+y, sxx+x*x, sxy+x*y
	}
	return (n*sxy - sx*sy) / (n*sxx - sx*sx)
}

// BenchmarkAllPairsScaling runs the all-pairs alignment once at 5, 10, 20
// and 50 MB and reports the exponent k of time ∝ bytes^k fitted to them,
// on CPU time (steadier on a shared machine) and on wall time. n·log n
// over this range is k ≈ 1.05; quadratic would be 2.
func BenchmarkAllPairsScaling(b *testing.B) {
	sizes := []int{5, 10, 20, 50}
	corpora := make([][][]byte, len(sizes))
	for i, mb := range sizes {
		corpora[i] = genCorpus(mb<<20, 25<<10, 99)
	}
	b.ResetTimer()
	var kCPU, kWall float64
	for n := 0; n < b.N; n++ {
		var bytes, cpus, walls []float64
		for _, raws := range corpora {
			total := 0
			for _, r := range raws {
				total += len(r)
			}
			runtime.GC()
			c0, w0 := cpuTime(), time.Now()
			docs := loadAll(b, raws)
			if _, err := Align(context.Background(), docs, Options{}); err != nil {
				b.Fatal(err)
			}
			cpus = append(cpus, (cpuTime() - c0).Seconds())
			walls = append(walls, time.Since(w0).Seconds())
			bytes = append(bytes, float64(total))
			runtime.KeepAlive(docs)
		}
		for i := range sizes {
			b.Logf("%6.1f MB  %.3f cpu-s  %.3f s", bytes[i]/1e6, cpus[i], walls[i])
		}
		kCPU, kWall = scalingExponent(bytes, cpus), scalingExponent(bytes, walls)
	}
	b.ReportMetric(kCPU, "exponent-cpu")
	b.ReportMetric(kWall, "exponent-wall")
}

// panSources reads the PAN source texts of the shared corpora, in name
// order; nil when the corpora are absent.
func panSources(tb testing.TB) (names []string, texts [][]byte) {
	tb.Helper()
	sh := sharedDir()
	if sh == "" {
		return nil, nil
	}
	dir := filepath.Join(sh, "corpora", "pan13-no-obfuscation", "src")
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil
	}
	for _, e := range ents {
		raw, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		names, texts = append(names, e.Name()), append(texts, raw)
	}
	return names, texts
}

// editText returns a copy of raw with about rate of its words edited at
// random: a third replaced by another word of the text, a third deleted,
// a third preceded by an inserted word of the text. Spacing and line
// breaks stay as they were.
func editText(rng *rand.Rand, raw []byte, rate float64) []byte {
	words := strings.Fields(string(raw))
	if len(words) == 0 {
		return slices.Clone(raw)
	}
	out := make([]byte, 0, len(raw)+len(raw)/50)
	for i := 0; i < len(raw); {
		if isSpaceByte(raw[i]) {
			out = append(out, raw[i])
			i++
			continue
		}
		j := i
		for j < len(raw) && !isSpaceByte(raw[j]) {
			j++
		}
		w := raw[i:j]
		if rng.Float64() < rate {
			switch rng.IntN(3) {
			case 0:
				w = []byte(words[rng.IntN(len(words))])
			case 1:
				w = nil
			default:
				out = append(append(out, words[rng.IntN(len(words))]...), ' ')
			}
		}
		out = append(out, w...)
		i = j
	}
	return out
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// denseCollection returns about totalBytes of near-duplicate documents:
// copy after copy of the PAN source texts (2 MB), each copy of each text
// with 1% of its words edited at random (editText), named
// cNN-source-documentNNNNN.txt, until the total is reached. Every text
// thus has about totalBytes/2 MB versions. Nil without the shared corpora.
func denseCollection(tb testing.TB, totalBytes int, seed uint64) (names []string, raws [][]byte) {
	srcNames, srcs := panSources(tb)
	if srcs == nil {
		return nil, nil
	}
	total := 0
	for c := 0; total < totalBytes; c++ {
		for i, src := range srcs {
			if total >= totalBytes {
				break
			}
			rng := rand.New(rand.NewPCG(seed, uint64(c)<<32|uint64(i)))
			raw := editText(rng, src, 0.01)
			names = append(names, fmt.Sprintf("c%02d-%s", c, srcNames[i]))
			raws = append(raws, raw)
			total += len(raw)
		}
	}
	return names, raws
}

// versionsCollection returns texts PAN source texts of 5 to 8 kB (the
// first in name order), each in versions lightly edited versions (1% of
// the words, editText), named tNN-vNN.txt: 10 texts × 32 versions make
// some 2 MB. Nil without the shared corpora.
func versionsCollection(tb testing.TB, texts, versions int, seed uint64) (names []string, raws [][]byte) {
	_, srcs := panSources(tb)
	t := 0
	for _, src := range srcs {
		if t == texts {
			break
		}
		if len(src) < 5000 || len(src) > 8000 {
			continue
		}
		for v := 0; v < versions; v++ {
			rng := rand.New(rand.NewPCG(seed, uint64(t)<<32|uint64(v)))
			names = append(names, fmt.Sprintf("t%02d-v%02d.txt", t+1, v+1))
			raws = append(raws, editText(rng, src, 0.01))
		}
		t++
	}
	return names, raws
}

// TestWriteDenseCollections writes the dense collections of the
// benchmarks to the folder CROSSCHECK_DENSE_DIR names, for measuring the
// whole command (see BenchmarkDense): DIR/5MB … DIR/80MB and
// DIR/versions-10x32. It skips unless that variable is set.
func TestWriteDenseCollections(t *testing.T) {
	out := os.Getenv("CROSSCHECK_DENSE_DIR")
	if out == "" {
		t.Skip("set CROSSCHECK_DENSE_DIR to write the dense collections")
	}
	write := func(dir string, names []string, raws [][]byte) {
		if names == nil {
			t.Skip("no ../shared/corpora")
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for i, n := range names {
			if err := os.WriteFile(filepath.Join(dir, n), raws[i], 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, mb := range denseSizes {
		names, raws := denseCollection(t, mb<<20, 18)
		write(filepath.Join(out, fmt.Sprintf("%dMB", mb)), names, raws)
	}
	names, raws := versionsCollection(t, 10, 32, 18)
	write(filepath.Join(out, "versions-10x32"), names, raws)
}

// denseSizes are the sizes of the dense collections, in MB.
var denseSizes = []int{5, 10, 20, 40, 80}

// loadNamed parses raws under names.
func loadNamed(b *testing.B, names []string, raws [][]byte) []*compare.Document {
	docs := make([]*compare.Document, len(raws))
	parallel.For(context.Background(), len(raws), 0, func(i int) {
		d, err := input.Parse(names[i], raws[i], input.Options{})
		if err != nil {
			panic(err)
		}
		docs[i] = d
	})
	return docs
}

// BenchmarkDense runs the align and repeats analyzers over the dense
// collections (denseCollection: every PAN source text in about
// size/2 MB versions with 1% of words edited) of 5 to 80 MB, from raw
// bytes to findings (built as the command builds them, under the default
// findings cap, and counted), and reports the exponent k of time ∝
// bytes^k fitted over the sizes on CPU and wall time, and peak memory as
// a multiple of the input at the largest size (each collection is
// generated just before it is measured, and the process holds nothing
// else). The command as a whole is measured by running it on the
// collections TestWriteDenseCollections writes.
func BenchmarkDense(b *testing.B) {
	for _, which := range []string{"align", "repeats"} {
		b.Run(which, func(b *testing.B) {
			an := AlignAnalyzer(AlignOptions{})
			if which == "repeats" {
				an = RepeatAnalyzer(RepeatOptions{})
			}
			for n := 0; n < b.N; n++ {
				var bytes, cpus, walls []float64
				var rss, heap uint64
				for _, mb := range denseSizes {
					b.StopTimer()
					names, raws := denseCollection(b, mb<<20, 18)
					if names == nil {
						b.Skip("no ../shared/corpora")
					}
					total := 0
					for _, r := range raws {
						total += len(r)
					}
					b.StartTimer()
					probe := startMemoryProbe()
					c0, w0 := cpuTime(), time.Now()
					docs := loadNamed(b, names, raws)
					var findings int
					count := compare.Filter(func(*compare.Finding) bool { findings++; return false }, &compare.Collector{})
					if err := compare.Run(context.Background(), []*compare.Analyzer{an}, docs, nil, compare.DefaultBudget(), count); err != nil {
						b.Fatal(err)
					}
					cpus = append(cpus, (cpuTime() - c0).Seconds())
					walls = append(walls, time.Since(w0).Seconds())
					bytes = append(bytes, float64(total))
					rss, heap = probe.finish()
					b.Logf("%s %6.1f MB %5d docs: %6.2f cpu-s %6.2f s, %d findings, peak rss %.1f× heap %.1f× input",
						which, float64(total)/1e6, len(docs), cpus[len(cpus)-1], walls[len(walls)-1], findings,
						float64(rss)/float64(total), float64(heap)/float64(total))
					runtime.KeepAlive(docs)
					runtime.KeepAlive(raws)
				}
				b.ReportMetric(scalingExponent(bytes, cpus), "exponent-cpu")
				b.ReportMetric(scalingExponent(bytes, walls), "exponent-wall")
				b.ReportMetric(float64(rss)/bytes[len(bytes)-1], "peak-rss/input")
				b.ReportMetric(float64(heap)/bytes[len(bytes)-1], "peak-heap/input")
			}
		})
	}
}
