package report

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
)

var benchWords = strings.Fields(`the committee river bridge council voted replace ferry steel stone narrow
part budget library wing debate agreed fund coming year engineers finished piers floods autumn vehicles
day local histories describe opening ceremony length toll charged receipts readers wrote margins town
old ninety years before across spring work began carries new notes crossing today almost concrete`)

// scaleResult builds a result the size the issue asks the report to handle:
// docs documents of about 15 KB, findings findings spread over them (with
// overlapping spans, related places in other documents and claim values),
// shared passages for a few hundred pairs with word diffs, comparisons
// and citations.
func scaleResult(tb testing.TB, docs, findings int) *Result {
	rng := rand.New(rand.NewPCG(1, 2))
	r := &Result{Tool: "crosscheck", Version: "bench"}
	for i := 0; i < docs; i++ {
		var b strings.Builder
		for b.Len() < 15000 {
			n := 8 + rng.IntN(20)
			for w := 0; w < n; w++ {
				word := benchWords[rng.IntN(len(benchWords))]
				if w == 0 {
					word = strings.ToUpper(word[:1]) + word[1:]
				}
				b.WriteString(word)
				if w < n-1 {
					b.WriteByte(' ')
				}
			}
			b.WriteString(". ")
			if rng.IntN(6) == 0 {
				b.WriteString("\n\n")
			}
		}
		r.Docs = append(r.Docs, mustDoc(tb, fmt.Sprintf("corpus/part-%03d.md", i), b.String()))
	}
	span := func(d *compare.Document, words int) compare.Span {
		i := rng.IntN(len(d.Tokens) - words)
		return compare.Span{Start: d.Tokens[i].Start(), End: d.Tokens[i+words-1].End()}
	}
	checks := []*compare.Check{
		{ID: "repeat.stutter", Severity: compare.Warning}, {ID: "repeat.passage", Severity: compare.Warning},
		{ID: "claims.overlap", Severity: compare.Info}, {ID: "claims.contradiction.number", Severity: compare.Warning},
		{ID: "cite.marker-undefined", Severity: compare.Error},
	}
	for i := 0; i < findings; i++ {
		d := r.Docs[i%docs]
		c := checks[rng.IntN(len(checks))]
		f := compare.Newf(c, d, span(d, 2+rng.IntN(30)), "finding %d of %s", i, c.ID)
		if strings.HasPrefix(c.ID, "claims.") || c.ID == "repeat.passage" {
			o := r.Docs[rng.IntN(docs)]
			f.Relate("first", o, span(o, 10+rng.IntN(20)))
			if c.ID == "claims.contradiction.number" {
				f.Relate("value", o, span(o, 1))
			}
		}
		r.Findings = append(r.Findings, f)
	}
	compare.SortFindings(r.Findings)
	for i, f := range r.Findings {
		for k, rel := range f.Related {
			if rel.Role != "first" {
				continue
			}
			r.Comparisons = append(r.Comparisons, Comparison{Finding: i, Related: k, Left: rel.Location, Right: f.Location,
				Diff: []DiffOp{{Op: "delete", Left: rel.Span, Right: compare.Span{Start: f.Span.Start, End: f.Span.Start}},
					{Op: "insert", Left: compare.Span{Start: rel.Span.End, End: rel.Span.End}, Right: f.Span}}})
		}
	}
	for p := 0; p < 3*docs; p++ {
		a := rng.IntN(docs - 1)
		b := a + 1 + rng.IntN(docs-a-1)
		pr := Pair{A: a, B: b, Coverage: rng.Float64() * 0.6}
		for k := 0; k < 2; k++ {
			da, db := r.Docs[a], r.Docs[b]
			sa, sb := da.Orig(span(da, 40)), db.Orig(span(db, 40))
			mid := (sa.Start + sa.End) / 2
			midB := (sb.Start + sb.End) / 2
			pr.Passages = append(pr.Passages, Passage{A: sa, B: sb, SharedWords: 38, WordsA: 40, WordsB: 40, Similarity: 0.95,
				Diff: []DiffOp{{Op: "equal", Left: compare.Span{Start: sa.Start, End: mid}, Right: compare.Span{Start: sb.Start, End: midB}},
					{Op: "delete", Left: compare.Span{Start: mid, End: sa.End}, Right: compare.Span{Start: midB, End: midB}},
					{Op: "insert", Left: compare.Span{Start: sa.End, End: sa.End}, Right: compare.Span{Start: midB, End: sb.End}}}})
			pr.SharedWords += 38
		}
		r.Pairs = append(r.Pairs, pr)
	}
	for i := 0; i < 3*docs; i++ {
		d := r.Docs[i%docs]
		at := d.Orig(span(d, 8))
		r.Citations = append(r.Citations, CitationRow{Doc: i % docs, Note: fmt.Sprint(i), At: at, Kind: "full",
			Reference: d.Excerpt(at, 200), Target: "A Work", Checks: []string{"cite.source-unavailable"}})
	}
	return r
}

// countingWriter counts the bytes written through it.
type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// BenchmarkHTMLReport renders the HTML report of 100 documents (1.5 MB of
// text) and 5,000 findings; "bytes" is the size of the report.
func BenchmarkHTMLReport(b *testing.B) {
	r := scaleResult(b, 100, 5000)
	var size int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var w countingWriter
		if err := Render(&w, "html", r, Options{}); err != nil {
			b.Fatal(err)
		}
		size = w.n
	}
	b.ReportMetric(float64(size), "bytes")
}

// TestHTMLScale renders a small version of the benchmark's result, so the
// generator and the renderer's handling of dense findings stay tested.
func TestHTMLScale(t *testing.T) {
	r := scaleResult(t, 6, 300)
	var sb strings.Builder
	if err := Render(&sb, "html", r, Options{}); err != nil {
		t.Fatal(err)
	}
	out := expanded(sb.String())
	for i := range r.Findings {
		if !strings.Contains(out, fmt.Sprintf(`id="f%d"`, i)) || !strings.Contains(out, fmt.Sprintf(`id="row%d"`, i)) {
			t.Fatalf("finding %d has no anchor or no row", i)
		}
	}
	if strings.Count(out, "<mark") != strings.Count(out, "</mark>") {
		t.Error("unbalanced marks")
	}
}
