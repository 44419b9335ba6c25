package claims

import (
	"context"
	"math/rand"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input"
)

// runAnalyzer runs the claims analyzer over texts, one document each, and
// returns its findings in SortFindings' order.
func runAnalyzer(t *testing.T, opt Options, texts ...string) []compare.Finding {
	t.Helper()
	var docs []*compare.Document
	for i, s := range texts {
		d, err := input.Parse(string(rune('a'+i))+".txt", []byte(s), input.Options{})
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	var fs []compare.Finding
	pass := compare.NewPass(docs, nil, func(f compare.Finding) { fs = append(fs, f) })
	if _, err := Analyzer(opt).Run(context.Background(), pass); err != nil {
		t.Fatal(err)
	}
	return sortedFindings(fs)
}

func sortedFindings(fs []compare.Finding) []compare.Finding {
	slices.SortStableFunc(fs, func(a, b compare.Finding) int {
		if c := compare.CompareFindings(&a, &b); c != 0 {
			return c
		}
		// ties: the first related place, then the details
		ra, rb := a.Related, b.Related
		if len(ra) > 0 && len(rb) > 0 && ra[0].Span.Start != rb[0].Span.Start {
			return ra[0].Span.Start - rb[0].Span.Start
		}
		return strings.Compare(a.Message, b.Message)
	})
	return fs
}

// The analyzer, which keeps overlaps as groups and contradictions as pairs
// of clause numbers, reports what Findings makes of every matching pair
// Compare returns, on texts where no bound is reached: several documents
// with claims repeated in and across them, amounts and dates changed.
func TestAnalyzerAsFindingsOfCompare(t *testing.T) {
	r := rand.New(rand.NewSource(5))
	base := strings.Split(string(generatedProse(40<<10, 11)), ". ")
	var texts []string
	for d := 0; d < 4; d++ {
		var b strings.Builder
		for i := 0; i < 300; i++ {
			s := base[r.Intn(len(base))]
			if r.Intn(4) == 0 { // a copy with an amount changed
				s = strings.Replace(s, "1", "7", 1)
			}
			b.WriteString(s + ". ")
			if i%7 == 6 {
				b.WriteString("\n\n")
			}
		}
		texts = append(texts, b.String())
	}
	texts = append(texts, string(templatedNumbers(20<<10)))
	for _, opt := range []Options{{}, {NoOverlap: true}, {MinConfidence: 0.7}} {
		got := runAnalyzer(t, opt, texts...)
		var docs []*compare.Document
		for i, s := range texts {
			d, _ := input.Parse(string(rune('a'+i))+".txt", []byte(s), input.Options{})
			docs = append(docs, d)
		}
		dcs, err := ExtractAll(context.Background(), docs)
		if err != nil {
			t.Fatal(err)
		}
		ms, err := Compare(context.Background(), dcs)
		if err != nil {
			t.Fatal(err)
		}
		want := sortedFindings(Findings(ms, opt))
		kinds := map[string]int{}
		for _, f := range want {
			kinds[f.Check.ID]++
		}
		if kinds[CheckOverlap.ID] == 0 && !opt.NoOverlap || kinds[CheckNumber.ID] == 0 {
			t.Fatalf("%+v: the texts should make overlaps and contradictions, made %v", opt, kinds)
		}
		if len(got) != len(want) {
			t.Fatalf("%+v: analyzer made %d findings, Findings(Compare) %d (%v)", opt, len(got), len(want), kinds)
		}
		for i := range got {
			g, w := got[i], want[i]
			g.Doc, w.Doc = nil, nil
			if !reflect.DeepEqual(g.Related, w.Related) || !reflect.DeepEqual(g.Details, w.Details) ||
				g.Message != w.Message || g.Span != w.Span || g.Check != w.Check || g.Severity != w.Severity {
				t.Fatalf("%+v: finding %d differs:\nanalyzer %s %v %v\nFindings %s %v %v", opt, i,
					g.Message, g.Related, g.Details, w.Message, w.Related, w.Details)
			}
		}
	}
}

// opposites writes blocks of n sentences that say one thing and its
// opposite about one named rink.
func opposites(names []string, n int) string {
	var b strings.Builder
	for _, name := range names {
		for i := 0; i < n; i++ {
			b.WriteString("The " + name + " rink is " + []string{"full", "empty"}[i%2] + ". ")
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

// A clause is reported contradicted by maxContradictions others at most;
// the rest are counted in one claims.limit finding for the document, at
// the first clause concerned.
func TestContradictionsPerClauseBounded(t *testing.T) {
	text := opposites([]string{"Kuwepu", "Dalori"}, 40)
	d, _ := input.Parse("a.txt", []byte(text), input.Options{})
	dcs, err := ExtractAll(context.Background(), []*compare.Document{d})
	if err != nil {
		t.Fatal(err)
	}
	ms, err := Compare(context.Background(), dcs)
	if err != nil {
		t.Fatal(err)
	}
	all := 0
	for _, m := range ms {
		if m.Kind != "overlap" {
			all++
		}
	}
	fs := runAnalyzer(t, Options{}, text)
	perClause := map[int]int{}
	reported, left := 0, -1
	for _, f := range fs {
		switch f.Check {
		case CheckLimit:
			if left >= 0 {
				t.Errorf("two claims.limit findings for one document")
			}
			left = f.Details["contradictions_left_out"].(int)
			// sentence 2k+1 has k+1 opposites before it
			if first := d.Sentences[2*maxContradictions+1].Start; f.Span.Start != first {
				t.Errorf("claims.limit at %d, want the first clause with more than %d contradictions, at %d",
					f.Span.Start, maxContradictions, first)
			}
		case CheckAntonym:
			reported++
			perClause[f.Span.Start]++
		}
	}
	for at, n := range perClause {
		if n > maxContradictions {
			t.Errorf("clause at %d: %d contradictions, want at most %d", at, n, maxContradictions)
		}
	}
	if left <= 0 || reported+left != all {
		t.Errorf("%d contradictions reported, %d left out; Compare finds %d", reported, left, all)
	}
}

// A verbless fragment whose runs of words are shared by more than
// maxPhraseWalk other clauses is compared with the first of them only,
// and what is left out is counted.
func TestPhraseCandidatesBounded(t *testing.T) {
	r := rand.New(rand.NewSource(9))
	made := func() string {
		w := ""
		for k := 0; k < 3; k++ {
			w += string(rune('b'+r.Intn(20))) + string("aeiou"[r.Intn(5)])
		}
		return w
	}
	const groups, per = 6, 350
	var runs [groups]string
	for g := range runs {
		runs[g] = made() + " " + made() + " " + made()
	}
	var b strings.Builder
	for g := range runs {
		for i := 0; i < per; i++ {
			b.WriteString("Kolo " + runs[g] + " " + made() + ".\n\n")
		}
	}
	b.WriteString("Kolo " + strings.Join(runs[:], " ") + ".\n\n")
	d, _ := input.Parse("a.txt", []byte(b.String()), input.Options{})
	dcs, err := ExtractAll(context.Background(), []*compare.Document{d})
	if err != nil {
		t.Fatal(err)
	}
	x, _ := candidateIndex(dcs, true) // as the analyzer indexes them, copies once
	last := x.total() - 1
	if c := &dcs[0].clauses[last]; c.verb != 0 {
		t.Fatalf("the last clause has a verb (%s): want a fragment", x.voc.Str(c.verb))
	}
	f := x.newCandidateFinder()
	n := 0
	x.candidates(f, last, func(int32) { n++ })
	if n == 0 || n > maxPhraseWalk+per {
		t.Errorf("%d candidates, want some and at most %d", n, maxPhraseWalk+per)
	}
	if f.Cut == 0 {
		t.Errorf("no postings left out past %d walked, of %d", maxPhraseWalk, groups*per)
	}
	fs := runAnalyzer(t, Options{}, b.String())
	var lim *compare.Finding
	for i := range fs {
		if fs[i].Check == CheckLimit {
			lim = &fs[i]
		}
	}
	if lim == nil || lim.Details["pairs_not_compared"].(int) != f.Cut {
		t.Errorf("claims.limit %v, want pairs_not_compared %d", lim, f.Cut)
	}
}
