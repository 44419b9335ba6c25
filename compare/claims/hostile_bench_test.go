package claims

import (
	"context"
	"math/rand"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input"
)

// templatedNumbers writes about n bytes of one templated sentence with
// changing years, amounts and dates (the nums.txt): every sentence
// shares its words, and most of its figures, with thousands of others.
func templatedNumbers(n int) []byte {
	var b strings.Builder
	b.Grow(n + 200)
	for i := 0; b.Len() < n; i++ {
		b.WriteString("In " + strconv.Itoa(1900+i%120) + " the figure was " + strconv.Itoa(i*37%10000) +
			" and on March " + strconv.Itoa(i%28+1) + ", " + strconv.Itoa(1950+i%70) + " it rose by " +
			strconv.Itoa(i%90) + "% to " + strconv.Itoa(i*13%5000) + " units. ")
	}
	return []byte(b.String())
}

// templatedOpposites writes about n bytes of blocks of 300 sentences that
// say one thing and its opposite ("The Kuwepu rink is full. The Kuwepu
// rink is empty. …"), each block about a name of its own: every sentence
// contradicts half of its block.
func templatedOpposites(n int) []byte {
	r := rand.New(rand.NewSource(3))
	var b strings.Builder
	b.Grow(n + 1<<14)
	for b.Len() < n {
		name := ""
		for k := 0; k < 3; k++ {
			name += string(rune('b'+r.Intn(20))) + string("aeiou"[r.Intn(5)])
		}
		name = strings.ToUpper(name[:1]) + name[1:]
		for i := 0; i < 300; i++ {
			b.WriteString("The " + name + " rink is " + []string{"full", "empty"}[i%2] + ". ")
		}
		b.WriteString("\n\n")
	}
	return []byte(b.String())
}

// oneLine writes about n bytes of words from a 20-word vocabulary on a
// single line, with no sentence end (the line.txt).
func oneLineWords(n int) []byte {
	words := strings.Fields("alpha beta gamma delta eps zeta eta theta iota kappa lambda mu nu xi omi pi rho sigma tau ups")
	r := rand.New(rand.NewSource(1))
	var b strings.Builder
	b.Grow(n + 16)
	for b.Len() < n {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(words[r.Intn(len(words))])
	}
	return []byte(b.String())
}

// BenchmarkClaimsHostile runs the claims analysis over one large generated
// document per attack of issue 10: templated number sentences, a single
// line of a small vocabulary, and report-like prose in one file. It
// reports throughput, the findings, and the heap the analysis adds to the
// document's as a multiple of the input: at its peak with Go's default
// pacing, and with garbage collected all the time (about what it holds
// live, which the commands' soft memory limit keeps the heap near).
func BenchmarkClaimsHostile(b *testing.B) {
	const mb = 4
	cases := []struct {
		name string
		gen  func() []byte
	}{
		{"nums", func() []byte { return templatedNumbers(mb << 20) }},
		{"line", func() []byte { return oneLineWords(4 * mb << 20) }},
		{"prose", func() []byte { return generatedProse(mb<<20, 1) }},
		{"opposites", func() []byte { return templatedOpposites(mb << 18) }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) { benchOneDoc(b, c.gen()) })
	}
}

func benchOneDoc(b *testing.B, raw []byte) {
	d, err := input.Parse("hostile.txt", raw, input.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	b.ResetTimer()
	var peak uint64
	for it := 0; it < b.N; it++ {
		b.StopTimer()
		runtime.GC()
		var base runtime.MemStats
		runtime.ReadMemStats(&base)
		stop, done := sampleHeap()
		b.StartTimer()
		n := 0 // findings are counted, not kept: keeping them is the sink's cost
		pass := compare.NewPass([]*compare.Document{d}, nil, func(compare.Finding) { n++ })
		if _, err := Analyzer(Options{}).Run(context.Background(), pass); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		close(stop)
		if top := <-done; top > base.HeapInuse {
			peak = max(peak, top-base.HeapInuse)
		}
		b.ReportMetric(float64(n), "findings")
		b.StartTimer()
	}
	// the heap the analysis adds to the document's, at its peak
	b.ReportMetric(float64(peak)/float64(len(raw)), "peak-heap/input")
	// and, collecting garbage all the time, about what it holds live
	b.StopTimer()
	old := debug.SetGCPercent(5)
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	stop, done := sampleHeap()
	pass := compare.NewPass([]*compare.Document{d}, nil, func(compare.Finding) {})
	if _, err := Analyzer(Options{}).Run(context.Background(), pass); err != nil {
		b.Fatal(err)
	}
	close(stop)
	live := <-done
	debug.SetGCPercent(old)
	b.ReportMetric(float64(max(live, base.HeapInuse)-base.HeapInuse)/float64(len(raw)), "live-heap/input")
}

// sampleHeap samples the heap in use every 10 ms until stop is closed,
// then sends the highest value seen on done.
func sampleHeap() (stop chan struct{}, done chan uint64) {
	stop, done = make(chan struct{}), make(chan uint64)
	go func() {
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
	return stop, done
}
