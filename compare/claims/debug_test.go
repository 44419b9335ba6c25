package claims

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input"
	"github.com/crosscheck/crosscheck/compare/lang"
)

// Two dumps for working on the parser and the comparison; they print, they
// check nothing, and they skip unless their variable is set:
//
//	CLAIMS_DUMP=file-or-text go test -run TestDumpClaims -v ./compare/claims
//	  each sentence's tags, clauses (subject, verb, object, rest as items:
//	  lemma/pos, * for heads, prep: before phrase members), amounts, dates,
//	  names and cues
//	CLAIMS_PAIRS="$(grep ... SICK_train.txt)" go test -run TestDumpPairs -v ./compare/claims
//	  for lines ending in sentence_A<TAB>sentence_B (SICK lines work as they
//	  are, label and all, when cut to their first three fields), both
//	  sentences' clauses and, for each pair of clauses, how the subjects,
//	  verbs and objects relate, the coverage each way and the verdict

// TestDumpClaims prints the parse of CLAIMS_DUMP (a file name or a text).
func TestDumpClaims(t *testing.T) {
	text := os.Getenv("CLAIMS_DUMP")
	if text == "" {
		t.Skip("set CLAIMS_DUMP to a file or a text to see its claims")
	}
	if b, err := os.ReadFile(text); err == nil {
		text = string(b)
	}
	d, err := input.Parse("dump.txt", []byte(text), input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Print(dumpClaims(Extract(d)))
}

// TestDumpPairs prints how the sentence pairs of CLAIMS_PAIRS compare.
func TestDumpPairs(t *testing.T) {
	in := os.Getenv("CLAIMS_PAIRS")
	if in == "" {
		t.Skip("set CLAIMS_PAIRS to lines ending in sentence_A<TAB>sentence_B")
	}
	for _, line := range strings.Split(strings.TrimSpace(in), "\n") {
		p := strings.Split(line, "\t")
		if len(p) < 2 {
			continue
		}
		a, b := p[len(p)-2], p[len(p)-1]
		da, err := input.Parse("A", []byte(a), input.Options{Format: "text"})
		if err != nil {
			t.Fatal(err)
		}
		db, err := input.Parse("B", []byte(b), input.Options{Format: "text"})
		if err != nil {
			t.Fatal(err)
		}
		dcs, err := ExtractAll(context.Background(), []*compare.Document{da, db})
		if err != nil {
			t.Fatal(err)
		}
		x := buildIndex(dcs, dcs[0].voc, false)
		k := newComparer(x, dcs[0].voc)
		fmt.Printf("== %s\n   %s\n", a, b)
		for _, dc := range dcs {
			for ci := range dc.clauses {
				s := sideAt(dc, ci)
				fmt.Printf("  %s c%d %q subj=%s verb=%s obj=%s rest=%s neg=%v passive=%v open=%v\n", dc.Doc.Path, ci,
					dc.Doc.TextOf(s.abs(s.c.span)), items(dc.voc, s.subj), dc.voc.Str(s.c.verb), items(dc.voc, s.obj),
					items(dc.voc, s.rest), s.c.negated(), s.c.flags&fPassive != 0, s.c.open())
			}
		}
		rels := [...]string{"none", "match", "conflict", "opposed"}
		for ia := range dcs[0].clauses {
			for ib := range dcs[1].clauses {
				A, B := sideAt(dcs[0], ia), sideAt(dcs[1], ib)
				subj, _, _ := k.headsRel(A.subj, B.subj)
				obj, _, _ := k.headsRel(A.obj, B.obj)
				verb, _, _ := k.itemRel(A.c.verbItem(), B.c.verbItem())
				k.ca, k.cb = k.content(A, k.ca), k.content(B, k.cb)
				covAB, missA := k.coverage(k.ca, k.cb)
				covBA, missB := k.coverage(k.cb, k.ca)
				v := k.compareClauses(A, B)
				fmt.Printf("  c%d~c%d subject %s verb %s object %s; A held %.2f (%d missing), B held %.2f (%d missing) -> %q %s\n",
					ia, ib, rels[subj], rels[verb], rels[obj], covAB, missA, covBA, missB, v.Kind, v.Covers)
			}
		}
	}
}

func dumpClaims(dc *DocClaims) string {
	var b strings.Builder
	d := dc.Doc
	r := newReader(dc.voc)
	caps := lang.Capitalisation(d)
	views := dc.Sentences()
	var ws []lang.Word
	for si, s := range views {
		fmt.Fprintf(&b, "S%d %q\n", s.Index, compare.Shorten(d.TextOf(s.Span), 140))
		ws = lang.Words(d, s.Span, ws)
		lang.TagWords(r.Lex, ws, caps)
		var tags []string
		for _, w := range ws {
			tags = append(tags, w.Text+"/"+w.Tag.String())
		}
		fmt.Fprintf(&b, "  tags: %s\n", strings.Join(tags, " "))
		cs, _, _ := dc.sentence(si)
		for ci := range cs {
			c := s.Clauses[ci]
			sd := sideAt(dc, int(dc.sents[si].clauses)+ci)
			fmt.Fprintf(&b, "  clause %q\n    subj=%v verb=%s neg=%v modal=%s pass=%v cop=%v exist=%v res=%v hedged=%v\n    obj=%v\n    rest=%v\n",
				compare.Shorten(d.TextOf(c.Span), 100), items(dc.voc, sd.subj), c.Verb, c.Negated, c.Modal, c.Passive, c.Copula, c.Existential, c.Resolved, c.Hedged, items(dc.voc, sd.obj), items(dc.voc, sd.rest))
		}
		for _, q := range s.Quantities {
			fmt.Fprintf(&b, "  qty %q %s unit=%s change=%v\n", q.Text, q.String(), q.Unit, q.Change)
		}
		for _, x := range s.Dates {
			fmt.Fprintf(&b, "  date %q %s %s prep=%s\n", x.Text, x.Label(), x.Gran, x.Prep)
		}
		for _, e := range s.Entities {
			fmt.Fprintf(&b, "  ent %q key=%s exp=%q\n", e.Text, e.Key(), e.Expansion)
		}
		for _, c := range s.Cues {
			fmt.Fprintf(&b, "  cue %s %q\n", c.Kind, c.Word)
		}
	}
	return b.String()
}

func items(voc *vocab, its []item) string {
	var p []string
	for _, it := range its {
		s := voc.Str(it.lemma) + "/" + string(it.pos)
		if it.head() {
			s += "*"
		}
		if it.prep() != 0 {
			s = prepName(it.prep()) + ":" + s
		}
		p = append(p, s)
	}
	return strings.Join(p, " ")
}
