package claims

import (
	"context"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
)

// The preposition of an item is held in the bits below itemDef and itemHead.
func TestPrepositionsFitItemBits(t *testing.T) {
	if len(prepList) >= itemDef {
		t.Fatalf("%d prepositions: item.pf holds %d", len(prepList), itemDef-1)
	}
}

// "the ministry" is the ministry its document named last, as a name of
// its own; in a document that names none, the one ministry the documents
// name, as a guess (no word of its own); with two named, none.
func TestLinkDefinites(t *testing.T) {
	subjectOf := func(dc *DocClaims, verb string) item {
		t.Helper()
		for ci := range dc.clauses {
			s := sideAt(dc, ci)
			if dc.voc.Str(s.c.verb) == verb && len(s.subj) > 0 {
				return s.subj[0]
			}
		}
		t.Fatalf("%s: no clause of %q", dc.Doc.Path, verb)
		return item{}
	}
	docs := []*compare.Document{
		compare.NewTextDocument("a.txt", "The Ministry of Health opened a clinic. The Ministry of Finance met the unions. The ministry supports the plan."),
		compare.NewTextDocument("b.txt", "In a statement, the ministry opposes the plan."),
	}
	dcs, err := ExtractAll(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	voc := dcs[0].voc
	if it := subjectOf(dcs[0], "support"); it.pos != 'p' || voc.Str(it.lemma) != "ministry of finance" || it.at < 0 {
		t.Errorf("a.txt: the ministry is %q/%c at %d, want the Ministry of Finance, a word of its own", voc.Str(it.lemma), it.pos, it.at)
	}
	// two ministries named: which one b.txt means is unknown
	if it := subjectOf(dcs[1], "oppose"); it.pos != 'n' {
		t.Errorf("b.txt: the ministry is %q/%c, want the noun", voc.Str(it.lemma), it.pos)
	}
	docs[0] = compare.NewTextDocument("a.txt", "The Ministry of Finance met the unions. The ministry supports the plan.")
	if dcs, err = ExtractAll(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	voc = dcs[0].voc
	if it := subjectOf(dcs[1], "oppose"); it.pos != 'p' || voc.Str(it.lemma) != "ministry of finance" || it.at != -1 {
		t.Errorf("b.txt: the ministry is %q/%c at %d, want the Ministry of Finance as a guess", voc.Str(it.lemma), it.pos, it.at)
	}
}
