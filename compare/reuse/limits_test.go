package reuse

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
)

// TestMergeChainsLinear: chains that follow each other along one diagonal
// merge into one, and the merged chain grows in place: allocations are
// logarithmic in the number of chains, not one copy of the growing chain
// per merge (which made templated text quadratic).
func TestMergeChainsLinear(t *testing.T) {
	const n = 4096
	runs := make([]run, n)
	for i := range runs {
		runs[i] = run{a: int32(i * 6), b: int32(100000 + i*6), n: 4} // gaps of 2 words
	}
	chains := make([]chain, n)
	var out []chain
	allocs := testing.AllocsPerRun(1, func() {
		for i := range chains {
			chains[i] = newChain(runs, i)
		}
		out = mergeChains(chains, false, DefaultMaxGap)
	})
	if len(out) != 1 || len(out[0].runs) != n {
		t.Fatalf("got %d chains (first with %d runs), want 1 with %d", len(out), len(out[0].runs), n)
	}
	if allocs > 64 {
		t.Errorf("merging %d chains allocated %.0f times, want at most 64", n, allocs)
	}
}

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	f()
	runtime.ReadMemStats(&m1)
	return m1.TotalAlloc - m0.TotalAlloc
}

// TestDegenerateSelfAlignBounded: a line of words drawn from a vocabulary
// of 8 makes every 4-word sequence recur some 37 times, each pair of them a
// chance run: unbounded, 150,000 words made millions of runs and chains
// (hundreds of megabytes). Thinned, the alignment allocates a bounded
// amount and says what it left out.
func TestDegenerateSelfAlignBounded(t *testing.T) {
	d := mustDoc(t, "line.txt", string(vocabularyLine(900_000, 8, 1)))
	var ps []Passage
	var lim Limit
	n := allocated(func() { ps, lim = selfAlign(context.Background(), d, Options{}.withDefaults()) })
	t.Logf("%d tokens: %d passages, %.1f MB allocated, limit %+v", len(d.Tokens), len(ps), float64(n)/(1<<20), lim)
	if n > 24<<20 {
		t.Errorf("self-alignment of %d tokens allocated %.0f MB, want at most 24", len(d.Tokens), float64(n)/(1<<20))
	}
	if !lim.Limited() || lim.MaxOccurrences >= DefaultMaxOccurrences || lim.Skipped == 0 {
		t.Fatalf("limit %+v, want a lowered cap and skipped places", lim)
	}
	if lim.Doc != d || lim.Span.Len() == 0 || d.TextOf(lim.Span) != strings.Join(strings.Fields(d.TextOf(lim.Span)), " ") {
		t.Errorf("limit span %v (%q) is not a 4-word sequence of the document", lim.Span, d.TextOf(lim.Span))
	}
	if len(ps) > 1000 {
		t.Errorf("%d passages of chance matches", len(ps))
	}
}

// TestCopySurvivesThinning: a document aligned with a copy of itself
// carrying a few edits, where the text is so repetitive that the cap on
// occurrences is lowered, still comes out as one passage covering nearly
// all of it.
func TestCopySurvivesThinning(t *testing.T) {
	raw := vocabularyLine(600_000, 8, 2)
	a, b := mustDoc(t, "a.txt", string(raw)), mustDoc(t, "b.txt", string(smallEdits(raw, 20, 3)))
	ps, lim := alignSides(context.Background(), wholeSide(a), wholeSide(b), false, Options{}.withDefaults(), nil)
	if !lim.Limited() {
		t.Fatalf("not thinned (%d passages): the test does not test", len(ps))
	}
	most := 0
	for _, p := range ps {
		most = max(most, p.Matched)
	}
	if len(ps) > 3 || 100*most < 95*len(a.Tokens) {
		t.Errorf("%d passages, the longest sharing %d of %d words; want one nearly whole", len(ps), most, len(a.Tokens))
	}
}

// TestScannerStopsAtMaxRuns: seeding gives up as soon as it would hold
// more than the runs allowed.
func TestScannerStopsAtMaxRuns(t *testing.T) {
	d := mustDoc(t, "line.txt", string(vocabularyLine(200_000, 8, 4)))
	s := wholeSide(d)
	sc := newScanner(s, s, true, DefaultSeedWords, nil)
	defer sc.release()
	runs, seeds, ok := sc.runs(context.Background(), nil, DefaultMaxOccurrences, 1000)
	if ok || len(runs) != 1000 || seeds < 1000 {
		t.Errorf("ok %v with %d runs from %d seeds; want a stop at 1000 runs", ok, len(runs), seeds)
	}
	if _, _, ok := sc.runs(context.Background(), nil, 0, 1000); !ok {
		t.Error("with no fingerprint allowed to seed, seeding went over")
	}
}

// TestPassagesStopAtMaxBytes: chaining and edge extension give up when
// the runs, chains and extensions would take more than the bytes allowed,
// and say by how much the whole would have gone over.
func TestPassagesStopAtMaxBytes(t *testing.T) {
	d := mustDoc(t, "line.txt", string(vocabularyLine(60_000, 6, 5)))
	s := wholeSide(d)
	sc := newScanner(s, s, true, DefaultSeedWords, nil)
	defer sc.release()
	runs, _, ok := sc.runs(context.Background(), nil, DefaultMaxOccurrences, 1<<20)
	if !ok || len(runs) < 10000 {
		t.Fatalf("ok %v, %d runs", ok, len(runs))
	}
	opt := Options{}.withDefaults()
	if _, over := passages(context.Background(), runs, s, s, true, opt, len(runs)*runBytes); over <= 1 {
		t.Errorf("over %v with room for the runs alone, want > 1", over)
	}
	if ps, over := passages(context.Background(), runs, s, s, true, opt, 1<<40); over != 0 || ps == nil {
		t.Errorf("over %v, %d passages with room for everything", over, len(ps))
	}
}

// TestLowerCap: the cap falls to the highest value that cuts the seeds'
// pairs at least by half, and by twice the overshoot.
func TestLowerCap(t *testing.T) {
	census := make([]int, 51)
	for c := 1; c <= 50; c++ {
		census[c] = 1000 // every count equally common
	}
	all := seedPairs(census, 50, false)
	for _, tc := range []struct {
		over float64
		self bool
	}{{0, false}, {1.5, false}, {10, false}, {100, true}, {1e9, false}} {
		got := lowerCap(census, 50, tc.self, tc.over)
		limit := float64(seedPairs(census, 50, tc.self)) / max(2, 2*tc.over)
		if got >= 50 || float64(seedPairs(census, got, tc.self)) > limit {
			t.Errorf("over %v: cap %d keeps %d of %d pairs, want at most %.0f", tc.over, got, seedPairs(census, got, tc.self), all, limit)
		}
		if got < 49 && float64(seedPairs(census, got+1, tc.self)) <= limit {
			t.Errorf("over %v: cap %d, but %d would do", tc.over, got, got+1)
		}
	}
}

// TestRepetitiveProseNotThinned: prose that repeats itself as much as
// real collections do is aligned in full. Eight versions of a text in one
// file, each with every "th" changed (so that they match only between two
// "th"s: some 0.2 runs a word, as much as four copies of the PAN corpus
// with every "the" changed), stay under the bounds, and so does Gibbon's
// history (0.05) when the shared corpora are there.
func TestRepetitiveProseNotThinned(t *testing.T) {
	docs := []*compare.Document{mustDoc(t, "copies.txt", string(editedCopies(proseBytes(300_000, 9, 72), 8, "th")))}
	if sh := sharedDir(); sh != "" {
		if raw, err := os.ReadFile(filepath.Join(sh, "corpora", "gibbon-vol1", "731.txt")); err == nil {
			docs = append(docs, mustDoc(t, "731.txt", string(raw)))
		}
	}
	for _, d := range docs {
		s := wholeSide(d)
		sc := newScanner(s, s, true, DefaultSeedWords, nil)
		runs, _, _ := sc.runs(context.Background(), nil, DefaultMaxOccurrences, 1<<30)
		sc.release()
		ps, lim := selfAlign(context.Background(), d, Options{}.withDefaults())
		t.Logf("%s: %d tokens, %.3f runs a token, %d passages", d.Path, len(d.Tokens), float64(len(runs))/float64(len(d.Tokens)), len(ps))
		if lim.Limited() {
			t.Errorf("%s thinned: %+v", d.Path, lim)
		}
	}
}

// TestLimitFindings: a thinned search says so, at info, where the first
// place left out is: repeat.limit for repeats, align.limit for alignment.
func TestLimitFindings(t *testing.T) {
	raw := vocabularyLine(600_000, 8, 6)
	a, b := mustDoc(t, "a.txt", string(raw)), mustDoc(t, "b.txt", string(smallEdits(raw, 20, 7)))
	for _, tc := range []struct {
		an    *compare.Analyzer
		docs  []*compare.Document
		check *compare.Check
		want  string
	}{
		{RepeatAnalyzer(RepeatOptions{}), []*compare.Document{a}, CheckRepeatLimit, "text too repetitive to search in full: "},
		{AlignAnalyzer(AlignOptions{}), []*compare.Document{a, b}, CheckAlignLimit, "text shared with "},
	} {
		var got compare.Collector
		if err := compare.Run(context.Background(), []*compare.Analyzer{tc.an}, tc.docs, nil, compare.Budget{}, &got); err != nil {
			t.Fatal(err)
		}
		var limits []compare.Finding
		for _, f := range got.Findings {
			if f.Check == tc.check {
				limits = append(limits, f)
			}
		}
		if len(limits) != 1 {
			t.Fatalf("%s: %d findings of %d are %s, want 1", tc.an.Name, len(limits), len(got.Findings), tc.check.ID)
		}
		f := limits[0]
		t.Logf("%s: %s", tc.check.ID, f.Message)
		if f.Severity != compare.Info || !strings.HasPrefix(f.Message, tc.want) || !strings.Contains(f.Message, "the usual cap is 50") {
			t.Errorf("%s: %v %q", tc.check.ID, f.Severity, f.Message)
		}
		if f.Span.Len() == 0 || f.Span.Start > 100 {
			t.Errorf("%s at %v, want the first words", tc.check.ID, f.Span)
		}
	}
}

// cancelAfter is a context whose Err reports cancellation from its n-th
// call on: cancellation at a known point of the work, without timing.
type cancelAfter struct {
	context.Context
	n atomic.Int64
}

func (c *cancelAfter) Err() error {
	if c.n.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

// TestCancelStopsAlignment: a long alignment notices cancellation as it
// scans, not once it is done: the scan under a done context looks at no
// seed, and FindRepeats returns the error having allocated a fraction of
// what the whole alignment allocates.
func TestCancelStopsAlignment(t *testing.T) {
	d := mustDoc(t, "line.txt", string(vocabularyLine(900_000, 8, 1)))
	d.TokenKeys()
	s := wholeSide(d)
	sc := newScanner(s, s, true, DefaultSeedWords, nil)
	done, cancel := context.WithCancel(context.Background())
	cancel()
	if runs, seeds, _ := sc.runs(done, nil, DefaultMaxOccurrences, 1<<20); seeds != 0 || len(runs) != 0 {
		t.Errorf("cancelled scan looked at %d seeds, found %d runs", seeds, len(runs))
	}
	sc.release()

	full := allocated(func() { findRepeats(context.Background(), []*compare.Document{d}, Options{}, 12) })
	ctx := &cancelAfter{Context: context.Background()}
	ctx.n.Store(1) // parallel's look before it starts the document passes
	var err error
	n := allocated(func() { _, _, err = findRepeats(ctx, []*compare.Document{d}, Options{}, 12) })
	t.Logf("%.1f MB allocated when cancelled at the start of the scan, %.1f MB in all", float64(n)/(1<<20), float64(full)/(1<<20))
	if err != context.Canceled {
		t.Errorf("error %v, want %v", err, context.Canceled)
	}
	if 4*n > full {
		t.Errorf("allocated %.1f MB after cancellation, of %.1f MB in all", float64(n)/(1<<20), float64(full)/(1<<20))
	}
}

// versions returns n documents, each the same text of about size bytes
// with one word in 40 replaced at random: versions of one text.
func versions(t testing.TB, n, size int) []*compare.Document {
	base := strings.Fields(string(proseBytes(size, 8, 72)))
	docs := make([]*compare.Document, n)
	for d := range docs {
		rng := rand.New(rand.NewPCG(9, uint64(d)))
		w := append([]string(nil), base...)
		for range len(w) / 40 {
			w[rng.IntN(len(w))] = tinyVocabulary[rng.IntN(len(tinyVocabulary))]
		}
		docs[d] = mustDoc(t, fmt.Sprintf("v%02d.txt", d), strings.Join(w, " "))
	}
	return docs
}

// TestCandidatesBounded: among many versions of one text, each document
// is aligned with at most maxPartners others (all pairs would be
// quadratic in the documents), and the documents cut short are listed;
// up to maxPartners+1 versions, every pair is aligned and none listed.
func TestCandidatesBounded(t *testing.T) {
	opt := Options{MaxDocs: 1000}.withDefaults()
	for _, n := range []int{maxPartners + 1, maxPartners + 16} {
		docs := versions(t, n, 2000)
		fps, _, err := docFingerprints(context.Background(), docs, opt)
		if err != nil {
			t.Fatal(err)
		}
		all := make([]int32, n)
		for i := range all {
			all[i] = int32(i)
		}
		cands, _, limits, err := candidatePairs(context.Background(), docs, all, fps, opt)
		if err != nil {
			t.Fatal(err)
		}
		per := make([]int, n)
		for _, c := range cands {
			per[c[0]]++
			per[c[1]]++
		}
		most := slices.Max(per)
		t.Logf("%d versions: %d pairs, at most %d a document, %d documents cut short", n, len(cands), most, len(limits))
		if n <= maxPartners+1 {
			if len(cands) != n*(n-1)/2 || len(limits) != 0 {
				t.Errorf("%d versions: %d pairs (want all %d), %d limits", n, len(cands), n*(n-1)/2, len(limits))
			}
			continue
		}
		if most > maxPartners {
			t.Errorf("%d versions: a document in %d pairs, want at most %d", n, most, maxPartners)
		}
		if len(limits) != n {
			t.Fatalf("%d versions: %d documents cut short, want all", n, len(limits))
		}
		for _, l := range limits {
			if l.Partners != n-1 || l.Aligned != per[l.Doc] {
				t.Errorf("limit %+v: want %d partners, %d aligned", l, n-1, per[l.Doc])
			}
		}
	}
}

// relatives returns n documents that each hold the same text of about
// size bytes (one word in 40 replaced at random) after twice as much text
// of their own: they share a passage with every other, and are not
// near-copies of each other.
func relatives(t testing.TB, n, size int) []*compare.Document {
	docs := versions(t, n, size)
	for d, v := range docs {
		own := proseBytes(2*size, uint64(100+d), 72)
		docs[d] = mustDoc(t, v.Path, string(own)+"\n\n"+v.Text)
	}
	return docs
}

// TestPartnerFinding: the documents cut short make one finding, at the
// first of them, with the others related.
func TestPartnerFinding(t *testing.T) {
	docs := relatives(t, maxPartners+6, 1500)
	var got compare.Collector
	an := AlignAnalyzer(AlignOptions{Options: Options{MaxDocs: 1000}})
	if err := compare.Run(context.Background(), []*compare.Analyzer{an}, docs, nil, compare.Budget{}, &got); err != nil {
		t.Fatal(err)
	}
	var limits []compare.Finding
	for _, f := range got.Findings {
		if f.Check == CheckAlignLimit {
			limits = append(limits, f)
		}
	}
	if len(limits) != 1 {
		t.Fatalf("%d align.limit findings, want 1", len(limits))
	}
	f := limits[0]
	want := fmt.Sprintf("%d documents share text with more than %d others each (up to %d)", len(docs), maxPartners, len(docs)-1)
	if f.Doc != docs[0] || !strings.HasPrefix(f.Message, want) || len(f.Related) != maxRelatedLimits-1 {
		t.Errorf("at %s with %d related: %q", f.Doc.Path, len(f.Related), f.Message)
	}
}
