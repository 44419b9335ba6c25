package reuse

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
)

// TestAlignmentShared: analyzers that require the alignment under equal
// options share one run of it, see its pairs and the collection's
// boilerplate, and align.passage reports the passages it holds.
func TestAlignmentShared(t *testing.T) {
	if AlignmentAnalyzer(Options{}) != AlignmentAnalyzer(Options{MinWords: DefaultMinWords, SeedWords: DefaultSeedWords}) {
		t.Error("equal options give two alignment analyzers")
	}
	if AlignmentAnalyzer(Options{MaxDocs: 5}) == AlignmentAnalyzer(Options{}) {
		t.Error("different options share an alignment analyzer")
	}
	boiler := "This report was prepared by the planning office of the regional council for public distribution."
	var docs []*compare.Document
	for i := 0; i < 12; i++ {
		text := fmt.Sprintf("Report number %d about district %d. ", i, i*7) + boiler + " " + distinct(i)
		if i == 3 || i == 9 {
			text += " " + passage
		}
		docs = append(docs, mustDoc(t, fmt.Sprintf("d%02d.txt", i), text))
	}
	opt := AlignOptions{Options: Options{MaxDocs: 5}}
	alignment := AlignmentAnalyzer(opt.Options)
	var got *Alignment
	reader := &compare.Analyzer{Name: "reader", Requires: []*compare.Analyzer{alignment},
		Run: func(_ context.Context, p *compare.Pass) (any, error) {
			got = p.ResultOf[alignment].(*Alignment)
			return nil, nil
		}}
	var found compare.Collector
	if err := compare.Run(context.Background(), []*compare.Analyzer{AlignAnalyzer(opt), reader}, docs, nil, compare.Budget{}, &found); err != nil {
		t.Fatal(err)
	}
	if got == nil || len(got.Pairs) != 1 || got.Pairs[0].A != 3 || got.Pairs[0].B != 9 {
		t.Fatalf("alignment %+v, want only the pair 3-9", got)
	}
	if len(found.Findings) != len(got.Pairs[0].Passages) {
		t.Errorf("%d align.passage findings for %d passages", len(found.Findings), len(got.Pairs[0].Passages))
	}
	bp := got.Boilerplate(0)
	var texts []string
	for _, s := range bp {
		texts = append(texts, docs[0].TextOf(s))
	}
	if len(bp) != 1 || !strings.Contains(texts[0], "planning office of the regional council") {
		t.Errorf("boilerplate of d00: %q", texts)
	}
	for _, s := range got.Boilerplate(3) {
		if strings.Contains(docs[3].TextOf(s), "harbour") {
			t.Errorf("the passage two documents share is not boilerplate: %q", docs[3].TextOf(s))
		}
	}
}
