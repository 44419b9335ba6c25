package claims

import (
	"context"
	"math/rand"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input"
)

// generatedProse writes about n bytes of report-like English: sentences
// from a few patterns over a Zipf-distributed vocabulary of real and
// made-up words, with amounts, dates, names and negations.
func generatedProse(n int, seed int64) []byte {
	r := rand.New(rand.NewSource(seed))
	syll := []string{"ba", "ko", "ri", "tan", "mel", "zu", "or", "vi", "sen", "lo", "dra", "pe", "gu", "nim", "ca"}
	made := func(k int) string {
		var b strings.Builder
		for k > 0 || b.Len() < 4 {
			b.WriteString(syll[k%len(syll)])
			k /= len(syll)
		}
		return b.String()
	}
	nouns := strings.Fields("country army ministry agreement treaty exercise delegation trade policy region " +
		"cooperation security council member partner office mission force visit relation system meeting")
	verbs := strings.Fields("signed held established visited supported launched developed conducted hosted adopted")
	names := strings.Fields("China Russia India Thailand Pakistan Kazakhstan Japan France Singapore Indonesia")
	months := strings.Fields("January February March April May June July August September October November December")
	zn := rand.NewZipf(r, 1.2, 8, 60000)
	noun := func() string {
		k := int(zn.Uint64())
		if k < len(nouns) {
			return nouns[k]
		}
		return made(k)
	}
	var b strings.Builder
	b.Grow(n + 1024)
	for b.Len() < n {
		for p := 0; p < 5; p++ {
			name := names[r.Intn(len(names))]
			switch r.Intn(5) {
			case 0:
				b.WriteString(name + " " + verbs[r.Intn(len(verbs))] + " the " + noun() + " " + noun() + " with " + strconv.Itoa(r.Intn(300)) + " " + noun() + "s in " + months[r.Intn(12)] + " " + strconv.Itoa(1990+r.Intn(35)) + ". ")
			case 1:
				b.WriteString("The " + noun() + " of " + name + " is not " + verbs[r.Intn(len(verbs))] + " by the " + noun() + " " + noun() + ". ")
			case 2:
				b.WriteString("There is no " + noun() + " " + noun() + " in " + name + " and the " + noun() + " is " + []string{"open", "closed", "empty", "full", "large", "small"}[r.Intn(6)] + ". ")
			case 3:
				b.WriteString("Over the past " + strconv.Itoa(2+r.Intn(9)) + " years, " + name + " has " + verbs[r.Intn(len(verbs))] + " more than " + strconv.Itoa(r.Intn(90)) + " " + noun() + "s, up by " + strconv.Itoa(r.Intn(200)) + " percent. ")
			default:
				b.WriteString("The " + noun() + " " + noun() + " may " + strings.TrimSuffix(verbs[r.Intn(len(verbs))], "ed") + " the " + noun() + " of the " + noun() + " " + noun() + " (" + strings.ToUpper(name[:3]) + "). ")
			}
		}
		b.WriteString("\n\n")
	}
	return []byte(b.String())
}

// BenchmarkClaims runs the claims analysis (documents built from the bytes,
// claims extracted, compared, findings made) over generated prose in 50
// documents. CLAIMS_BENCH_MB sets the sizes in megabytes, a comma list
// ("5,10,20,50"); the default, 10, keeps make bench quick, and the issue's
// 50 MB case is CLAIMS_BENCH_MB=50. Besides throughput it reports the
// findings, the peak heap (sampled every 10 ms, with Go's default pacing)
// and the documents' own live heap, both as multiples of the input.
func BenchmarkClaims(b *testing.B) {
	sizes := []int{10}
	if v := os.Getenv("CLAIMS_BENCH_MB"); v != "" {
		sizes = sizes[:0]
		for _, f := range strings.Split(v, ",") {
			mb, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || mb <= 0 {
				b.Fatalf("CLAIMS_BENCH_MB=%q: want sizes in megabytes, as 5,10,20,50", v)
			}
			sizes = append(sizes, mb)
		}
	}
	for _, mb := range sizes {
		b.Run(strconv.Itoa(mb)+"MB", func(b *testing.B) { benchClaims(b, mb) })
	}
}

func benchClaims(b *testing.B, mb int) {
	const parts = 50
	var raws [][]byte
	total := 0
	for i := 0; i < parts; i++ {
		raw := generatedProse(mb<<20/parts, int64(i))
		raws = append(raws, raw)
		total += len(raw)
	}
	b.SetBytes(int64(total))
	b.ResetTimer()
	var peak, docsHeap uint64
	for it := 0; it < b.N; it++ {
		b.StopTimer()
		runtime.GC()
		var base runtime.MemStats
		runtime.ReadMemStats(&base)
		stop := make(chan struct{})
		done := make(chan uint64)
		go func() { // sample the heap while the analysis runs
			tick := time.NewTicker(10 * time.Millisecond)
			defer tick.Stop()
			var m runtime.MemStats
			var top uint64
			for {
				runtime.ReadMemStats(&m)
				top = max(top, m.HeapInuse)
				select {
				case <-stop:
					done <- top
					return
				case <-tick.C:
				}
			}
		}()
		b.StartTimer()
		docs := make([]*compare.Document, len(raws))
		for i, raw := range raws {
			d, err := input.Parse("gen"+strconv.Itoa(i)+".txt", raw, input.Options{})
			if err != nil {
				b.Fatal(err)
			}
			docs[i] = d
		}
		if it == 0 {
			b.StopTimer()
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			docsHeap = m.HeapAlloc - base.HeapAlloc
			b.StartTimer()
		}
		var fs []compare.Finding
		pass := compare.NewPass(docs, nil, func(f compare.Finding) { fs = append(fs, f) })
		if _, err := Analyzer(Options{}).Run(context.Background(), pass); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		close(stop)
		peak = max(peak, <-done)
		b.ReportMetric(float64(len(fs)), "findings")
		b.StartTimer()
	}
	b.ReportMetric(float64(peak)/float64(total), "peak-heap/input")
	b.ReportMetric(float64(docsHeap)/float64(total), "docs-heap/input")
}
