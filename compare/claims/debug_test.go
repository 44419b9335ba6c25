package claims

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
)

// TestDumpClaims prints the parse of CLAIMS_DUMP (a text) for debugging.
func TestDumpClaims(t *testing.T) {
	text := os.Getenv("CLAIMS_DUMP")
	if text == "" {
		t.Skip("set CLAIMS_DUMP to a text to see its claims")
	}
	if b, err := os.ReadFile(text); err == nil {
		text = string(b)
	}
	d, err := compare.NewDocument("dump.txt", []byte(text), compare.DocOptions{})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Print(dumpClaims(Extract(d)))
}

func dumpClaims(dc *DocClaims) string {
	var b strings.Builder
	d := dc.Doc
	r := newReader(dc.voc)
	caps := capitalisation(d)
	views := dc.Sentences()
	var ws []word
	for si, s := range views {
		fmt.Fprintf(&b, "S%d %q\n", s.Index, compare.Shorten(d.TextOf(s.Span), 140))
		ws = sentenceWords(d, s.Span, ws)
		tagWords(r, ws, caps)
		var tags []string
		for _, w := range ws {
			tags = append(tags, w.text+"/"+w.tag.String())
		}
		fmt.Fprintf(&b, "  tags: %s\n", strings.Join(tags, " "))
		cs, _, _ := dc.sentence(si)
		for ci := range cs {
			c := s.Clauses[ci]
			sd := sideAt(dc, int(dc.sents[si].clauses)+ci)
			fmt.Fprintf(&b, "  clause %q\n    subj=%v verb=%s neg=%v modal=%s pass=%v cop=%v exist=%v res=%v\n    obj=%v\n    rest=%v\n",
				compare.Shorten(d.TextOf(c.Span), 100), items(dc.voc, sd.subj), c.Verb, c.Negated, c.Modal, c.Passive, c.Copula, c.Existential, c.Resolved, items(dc.voc, sd.obj), items(dc.voc, sd.rest))
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
		s := voc.str(it.lemma) + "/" + string(it.pos)
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
