package textcheck

import (
	"context"
	"runtime"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
)

// benchCheck runs the text checks over d b.N times and reports MB/s of
// the file and the bytes allocated per byte of it.
func benchCheck(b *testing.B, d *compare.Document) {
	b.SetBytes(int64(len(d.Raw)))
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n := 0
		if err := Check(context.Background(), d, Options{}, func(compare.Finding) { n++ }); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/float64(max(1, len(d.Raw))), "alloc-bytes/input-byte")
}

// BenchmarkGibbon runs the text checks over Gibbon's first volume (1.6 MB).
func BenchmarkGibbon(b *testing.B) {
	raw := readShared(b, "corpora/gibbon-vol1/731.txt")
	benchCheck(b, parse(b, "731.txt", raw))
}

// BenchmarkDegenerate runs the text checks over inputs built to make
// them work hard: one line of "aB" (a hump in every token or one token),
// soft hyphens only, sentence ends glued ("ab.Cd"), random-looking words
// the lexicon does not know, spaced letters, quotation marks.
func BenchmarkDegenerate(b *testing.B) {
	const size = 2 << 20
	for _, c := range []struct{ name, unit string }{
		{"aB-one-token", "aB"},
		{"aB-tokens", "aB "},
		{"soft-hyphens", "\u00ad"},
		{"soft-hyphen-words", "word\u00ad "},
		{"glued-sentences", "ab.Cd"},
		{"unknown-words", "qzxvbnmlkj "},
		{"glued-function-words", "ofthe andthe "},
		{"spaced-letters", "A "},
		{"quotes", `"a b c d e." `},
		{"mojibake", "Ã©"},
		{"blank-lines", "x\n\n"},
		{"caps", "THE END OF "},
	} {
		b.Run(c.name, func(b *testing.B) {
			text := strings.Repeat(c.unit, size/len(c.unit))
			benchCheck(b, parse(b, "degenerate.txt", []byte(text)))
		})
	}
}

// TestDegenerateInputs runs the text checks over 10 MB inputs built to
// make them work hard and checks the structural bounds: at most
// MaxPerCheck findings and one count per check. (Time and memory are
// measured by BenchmarkDegenerate.)
func TestDegenerateInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("10 MB inputs: not in -short")
	}
	const size = 10 << 20
	for _, unit := range []string{"aB", "\u00ad", "word\u00ad ", "ab.Cd", "ofthe ", "A ", `"a b c d e." `, "x\n\n", "Ã©"} {
		text := strings.Repeat(unit, size/len(unit))
		d := parse(t, "degenerate.txt", []byte(text))
		per := map[string]int{}
		if err := Check(context.Background(), d, Options{MaxPerCheck: 100}, func(f compare.Finding) { per[f.Check.ID]++ }); err != nil {
			t.Fatal(err)
		}
		for id, n := range per {
			if n > 101 {
				t.Errorf("%q: %d findings of %s, want at most 101", unit, n, id)
			}
		}
	}
}
