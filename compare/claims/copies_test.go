package claims

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/claims/internal/render"
	"github.com/crosscheck/crosscheck/compare/input"
)

// Copies of a sentence are compared once, but every copy is reported as
// Compare (which compares every pair) finds it: in the group of the same
// claim, and in a contradiction of its own with the changed sentence.
func TestCopiesReportedAsEveryPair(t *testing.T) {
	const claim = "The Ministry of Finance approved the port expansion on March 3, 2020, after a review of its costs."
	fillers := []string{
		"Rainfall in the northern hills was heavy through the spring.",
		"Local councils asked for more buses on the coastal routes.",
		"A new library opened beside the old market square.",
		"Teachers met the regional board to discuss class sizes.",
		"The harbour museum reopened after two years of repairs.",
	}
	var texts []string
	for i := 0; i < 5; i++ {
		s := claim
		if i == 3 {
			s = strings.Replace(claim, "March 3, 2020", "March 9, 2020", 1)
		}
		texts = append(texts, fillers[i]+" "+s+" "+fillers[(i+2)%5]+"\n\n"+fillers[(i+1)%5]+"\n")
	}
	texts[4] += "\n" + claim + "\n" // a copy inside one document too
	fs := runAnalyzer(t, Options{}, texts...)
	var dates, groupPlaces int
	for _, f := range fs {
		switch {
		case f.Check == CheckDate:
			dates++
		case f.Check == CheckOverlap && strings.Contains(f.Message, "Ministry of Finance"):
			groupPlaces = 1 + len(f.Related)
		}
	}
	// Compare, on the same documents, pair by pair
	var docs []*compare.Document
	for i, s := range texts {
		d, _ := input.Parse(fmt.Sprintf("%c.txt", 'a'+i), []byte(s), input.Options{})
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
	want := 0
	for _, m := range ms {
		if m.Kind == "date" {
			want++
		}
	}
	if dates != want || want != 5 {
		t.Errorf("%d date contradictions reported, Compare finds %d; want 5 (each copy against the changed one)", dates, want)
	}
	if groupPlaces != 5 {
		t.Errorf("the same claim in %d places, want 5 (every copy)", groupPlaces)
	}
}

// findCopies groups clauses read alike, in sentences written alike, and
// only those.
func TestFindCopies(t *testing.T) {
	texts := []string{
		"The council approved the budget on May 4, 2021. Rain fell all week.",
		"Rain fell all week. The council approved the budget on May 4, 2021.",
		"The council approved the budget on May 5, 2021.",
	}
	var docs []*compare.Document
	for i, s := range texts {
		docs = append(docs, compare.NewTextDocument(fmt.Sprint(i), s))
	}
	dcs, err := ExtractAll(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	x, _ := candidateIndex(dcs, true)
	copies := 0
	for c := int32(0); c < x.total(); c++ {
		if x.copies.IsCopy(c) {
			copies++
			d, k := x.clauseAt(c)
			o := x.copies.Orig(c)
			do, ko := x.clauseAt(o)
			got, want := render.Excerpt(x.docs[d].ref(k).place(), 200), render.Excerpt(x.docs[do].ref(ko).place(), 200)
			if got != want || d == do {
				t.Errorf("clause %q is a copy of %q", got, want)
			}
		}
	}
	if copies != 2 { // the budget and the rain, in document 1
		t.Errorf("%d copies, want 2", copies)
	}
}
