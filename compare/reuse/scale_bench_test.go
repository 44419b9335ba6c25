package reuse

import (
	"bufio"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input"
)

// genCorpus generates about totalBytes of documents of about docBytes
// each, synthetic prose, where half the documents have a passage of 50 to
// 200 words of another document spliced in with light edits. Each
// document's own words come from a generator seeded by its number, so the
// words of any document can be generated again when another borrows them,
// and nothing but the bytes is kept.
func genCorpus(totalBytes, docBytes int, seed uint64) [][]byte {
	p := newSyntheticProse(seed, 30000)
	n := max(2, totalBytes/docBytes)
	wordsPerDoc := docBytes / 6
	own := func(i int) []string {
		return p.words(rand.New(rand.NewPCG(seed, uint64(i))), wordsPerDoc)
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
					cp := editWords(rng, p, from[at:at+l], levelRates[editLight])
					k := rng.IntN(len(words))
					words = append(words[:k:k], append(cp, words[k:]...)...)
				}
				var tw textWriter
				tw.width = 72
				writeWords(&tw, rng, words, nil)
				out[i] = []byte(tw.b.String())
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
	parallel(context.Background(), len(raws), 0, func(i int) {
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
