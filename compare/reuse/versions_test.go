package reuse

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/reuse/internal/gram"
)

// versionFolder returns texts generated texts of about size bytes, each in
// n versions with 1% of the words edited at random (editText), named
// tNN-vNN.txt and ordered so, then the extra documents.
func versionFolder(t testing.TB, texts, n, size int, extra ...*compare.Document) []*compare.Document {
	var docs []*compare.Document
	for x := range texts {
		base := proseBytes(size, uint64(40+x), 72)
		for v := range n {
			rng := rand.New(rand.NewPCG(uint64(x), uint64(v)))
			docs = append(docs, mustDoc(t, fmt.Sprintf("t%02d-v%02d.txt", x+1, v+1), string(editText(rng, base, 0.01))))
		}
	}
	return append(docs, extra...)
}

// TestVersionGroups: 3 texts in 8 versions each, among documents that are
// not versions (one quotes 300 words of the first text, one is unrelated):
// three groups, each the first version with the 7 others, and each member
// aligned with its representative only; the others stay out.
func TestVersionGroups(t *testing.T) {
	quote := strings.Fields(string(proseBytes(12000, 40, 72)))[200:500]
	quoting := mustDoc(t, "z-quoting.txt", string(proseBytes(6000, 90, 72))+"\n\n"+strings.Join(quote, " ")+"\n\n"+string(proseBytes(6000, 91, 72)))
	other := mustDoc(t, "z-other.txt", string(proseBytes(12000, 92, 72)))
	docs := versionFolder(t, 3, 8, 12000, quoting, other)
	pairs, groups, err := AlignVersions(context.Background(), docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 3 {
		t.Fatalf("%d groups, want 3: %+v", len(groups), groups)
	}
	for x, g := range groups {
		want := []int{8*x + 1, 8*x + 2, 8*x + 3, 8*x + 4, 8*x + 5, 8*x + 6, 8*x + 7}
		if g.Rep != 8*x || !slices.Equal(g.Members, want) {
			t.Errorf("group %d: representative %d, members %v; want %d, %v", x, g.Rep, g.Members, 8*x, want)
		}
	}
	repOf := map[int]int{}
	for _, g := range groups {
		for _, m := range g.Members {
			repOf[m] = g.Rep
		}
	}
	quoted := 0
	for _, p := range pairs {
		if r, ok := repOf[p.B]; ok && r != p.A || repOf[p.A] != 0 && p.A != 0 {
			t.Errorf("pair %s – %s: a member is aligned with another than its representative", docs[p.A].Path, docs[p.B].Path)
		}
		if docs[p.B] == quoting {
			quoted++
			if p.A != 0 {
				t.Errorf("the quotation is aligned with %s, want the representative t01-v01.txt", docs[p.A].Path)
			}
		}
		if docs[p.B] == other || docs[p.A] == other {
			t.Errorf("the unrelated document shares %d passages with %s", len(p.Passages), docs[p.A].Path)
		}
	}
	if quoted != 1 {
		t.Errorf("the quotation is in %d pairs, want 1", quoted)
	}
	if len(pairs) != 3*7+1 {
		t.Errorf("%d pairs, want %d (each member with its representative, and the quotation)", len(pairs), 3*7+1)
	}
}

// TestVersionsSeenThroughFrequentFingerprints: 40 versions of each of 3
// texts, with MaxDocs low enough that every fingerprint they share is
// boilerplate to the index of pairs (which then proposes nothing): they
// are still found to be versions. Without groups, the folder reported
// next to nothing.
func TestVersionsSeenThroughFrequentFingerprints(t *testing.T) {
	docs := versionFolder(t, 3, 40, 3000)
	_, groups, err := AlignVersions(context.Background(), docs, Options{MaxDocs: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 3 {
		t.Fatalf("%d groups, want 3", len(groups))
	}
	for _, g := range groups {
		if len(g.Members) != 39 {
			t.Errorf("group of %s: %d members, want 39", docs[g.Rep].Path, len(g.Members))
		}
	}
}

// TestTwoNearCopiesStayAPassage: two versions are a pair (one
// align.passage), not a group; the third makes a group.
func TestTwoNearCopiesStayAPassage(t *testing.T) {
	other := mustDoc(t, "z.txt", string(proseBytes(3000, 93, 72)))
	docs := versionFolder(t, 1, 2, 3000, other)
	pairs, groups, err := AlignVersions(context.Background(), docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 0 || len(pairs) != 1 || pairs[0].A != 0 || pairs[0].B != 1 {
		t.Errorf("two versions: %d groups, pairs %+v; want no group and the pair (0, 1)", len(groups), pairs)
	}
	docs = versionFolder(t, 1, 3, 3000, other)
	if _, groups, _ = AlignVersions(context.Background(), docs, Options{}); len(groups) != 1 {
		t.Errorf("three versions: %d groups, want 1", len(groups))
	}
}

// TestVersionsFinding: the align analyzer reports each group once, at the
// representative, with every member related and described; what members
// share with the representative is not reported again as align.passage,
// while a passage another document quotes is (once, with the
// representative).
func TestVersionsFinding(t *testing.T) {
	base := proseBytes(6000, 40, 72)
	quote := strings.Fields(string(base))[100:300]
	quoting := mustDoc(t, "z-quoting.txt", string(proseBytes(3000, 90, 72))+"\n\n"+strings.Join(quote, " "))
	docs := versionFolder(t, 1, 6, 6000, quoting)
	// one version with a sentence of its own, to be seen in its diff
	added := strings.Replace(docs[3].Text, ". ", ". An entirely new sentence appears in this version only. ", 1)
	docs[3] = mustDoc(t, docs[3].Path, added)
	var got compare.Collector
	if err := compare.Run(context.Background(), []*compare.Analyzer{AlignAnalyzer(AlignOptions{})}, docs, nil, compare.Budget{}, &got); err != nil {
		t.Fatal(err)
	}
	var versions, passages []compare.Finding
	for _, f := range got.Findings {
		switch f.Check {
		case CheckAlignVersions:
			versions = append(versions, f)
		case CheckAlignPassage:
			passages = append(passages, f)
		}
	}
	if len(versions) != 1 {
		t.Fatalf("%d align.versions findings, want 1", len(versions))
	}
	f := versions[0]
	if f.Doc != docs[0] || !strings.HasPrefix(f.Message, "5 documents are near-copies of this one, ") || len(f.Related) != 5 {
		t.Errorf("at %s, %d related: %q", f.Doc.Path, len(f.Related), f.Message)
	}
	members := f.Details["members"].([]map[string]any)
	for i, m := range members {
		sim := m["similarity"].(float64)
		if m["file"] != docs[i+1].Path || sim < 0.9 || sim >= 1 || f.Related[i].Doc != docs[i+1] {
			t.Errorf("member %d: %v", i, m)
		}
	}
	if d := members[2]["word_diff"].(string); !strings.Contains(d, "{+An entirely new sentence appears in this version only") {
		t.Errorf("the added sentence is not in the diff: %s", d)
	}
	if a := members[2]["added_words"].(int); a < 9 {
		t.Errorf("%d words added, want at least the 9 of the new sentence", a)
	}
	if len(passages) != 1 || passages[0].Doc != quoting || passages[0].Related[0].Doc != docs[0] {
		for _, p := range passages {
			t.Logf("%s: %s", p.Doc.Path, p.Message)
		}
		t.Errorf("%d align.passage findings, want 1: the quotation, with the representative", len(passages))
	}
}

// TestSketchDensified: documents with fewer fingerprints than the sketch
// has bins still compare bin by bin: the same set gives the same sketch,
// and a small edit leaves most bins equal.
func TestSketchDensified(t *testing.T) {
	a := mustDoc(t, "a.txt", string(proseBytes(300, 7, 72)))
	rng := rand.New(rand.NewPCG(1, 2))
	b := mustDoc(t, "b.txt", string(editText(rng, []byte(a.Text), 0.02)))
	_, sk, err := docFingerprints(context.Background(), []*compare.Document{a, b}, Options{MinWords: 10}.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	if sk[0].N == 0 || sk[0].N >= gram.SketchBins {
		t.Fatalf("%d fingerprints: want fewer than %d for this test", sk[0].N, gram.SketchBins)
	}
	for _, v := range sk[0].Bins {
		if v == 0 {
			t.Fatal("an empty bin was left")
		}
	}
	if got := sk[0].Containment(&sk[0], minVersionSize); got != 1 {
		t.Errorf("a sketch against itself: %.2f", got)
	}
	if got := sk[0].Containment(&sk[1], minVersionSize); got < 0.65 {
		t.Errorf("a lightly edited copy: %.2f, want at least 0.65", got)
	}
}

// TestAlignCapBeforeDetails: under a findings cap the align analyzer
// builds word diffs only for findings the cap can keep (Pass.Admits), and
// the report is the same as when every finding is built in full.
func TestAlignCapBeforeDetails(t *testing.T) {
	docs := relatives(t, 8, 1500)
	// The text all eight share would be their boilerplate: count it as
	// passages here.
	opt := AlignOptions{Boilerplate: BoilerplateOptions{MinDocs: 100}}
	run := func(limit int) ([]compare.Finding, int) {
		var got compare.Collector
		capped := compare.Sorted(limit, &got)
		if err := compare.Run(context.Background(), []*compare.Analyzer{AlignAnalyzer(opt)}, docs, nil, compare.Budget{}, capped); err != nil {
			t.Fatal(err)
		}
		return got.Findings, capped.Dropped()
	}
	all, _ := run(0)
	capped, dropped := run(3)
	if len(all) < 20 || len(capped) != 3 || dropped != len(all)-3 {
		t.Fatalf("%d findings uncapped; capped at 3: %d kept, %d dropped", len(all), len(capped), dropped)
	}
	for i, f := range capped {
		w := all[i]
		if f.Doc != w.Doc || f.Span != w.Span || f.Message != w.Message || f.Details["word_diff"] == nil ||
			f.Details["word_diff"] != w.Details["word_diff"] || len(f.Related) != len(w.Related) {
			t.Errorf("finding %d: %s %v %q %v, want %s %v %q %v", i, f.Doc.Path, f.Span, f.Message, f.Details["word_diff"], w.Doc.Path, w.Span, w.Message, w.Details["word_diff"])
		}
	}
}
