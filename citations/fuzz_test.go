package citations

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input"
)

func checkSpan(t *testing.T, what string, sp compare.Span, n int) {
	t.Helper()
	if sp.Start < 0 || sp.End < sp.Start || sp.End > n {
		t.Fatalf("%s span %v outside [0, %d]", what, sp, n)
	}
}

// FuzzFindNotes runs every note scanner, the reference parser, the
// resolver, the quotation finder and the whole analyzer on arbitrary text,
// as plain text, Markdown, HTML and LaTeX: no panic, spans inside the
// text, pairs consistent.
func FuzzFindNotes(f *testing.F) {
	ents, _ := os.ReadDir("../testdata/cite/fixtures")
	for _, e := range ents {
		if b, err := os.ReadFile(filepath.Join("../testdata/cite/fixtures", e.Name())); err == nil {
			f.Add(string(b), uint8(len(e.Name())%4))
		}
	}
	f.Add("[Footnote 1: a [b [c]] d\n[Footnote 2: x", uint8(0))
	f.Add("x<sup>1</sup>\n---\n<sup>1</sup> Ibid.\n<sup>1</sup> Id.", uint8(0))
	f.Add("\\footnote{a{b}\\footnotemark[2]\\footnotetext[2]{Ibid.}", uint8(3))
	f.Add("[^a]: x\n    y\n[^a] ^[inline [nested]]", uint8(1))
	f.Add(`<a href="#fn1" epub:type="noteref">1</a><aside id="fn1" epub:type="footnote">Ibid.</aside>`, uint8(2))
	names := []string{"f.txt", "f.md", "f.html", "f.tex"}
	f.Fuzz(func(t *testing.T, text string, kind uint8) {
		d, err := input.Parse(names[int(kind)%4], []byte(text), input.Options{Lenient: true})
		if err != nil {
			return
		}
		n := len(d.Text)
		ns := FindNotes(d)
		for _, m := range ns.Markers {
			checkSpan(t, "marker", m.Span, n)
			if m.Note != nil {
				found := false
				for _, x := range m.Note.Markers {
					found = found || x == m
				}
				if !found {
					t.Fatalf("marker %q paired one way only", m.Label)
				}
			}
		}
		for _, x := range ns.Notes {
			checkSpan(t, "note", x.Span, n)
			checkSpan(t, "body", x.Body, n)
		}
		ParseReferences(ns)
		res := Resolve(ns)
		for _, is := range res.Issues {
			checkSpan(t, "citation", is.Citation.Span, n)
		}
		for _, q := range FindQuotations(d, ns) {
			checkSpan(t, "quotation", q.Span, n)
		}
		if err := compare.Run(context.Background(), []*compare.Analyzer{Analyzer(Options{})}, []*compare.Document{d}, nil, compare.Budget{}, &compare.Collector{}); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzParseNote feeds arbitrary note text to the reference parser.
func FuzzParseNote(f *testing.F) {
	for _, s := range []string{"Ibid., p. 3.", "Smith, op. cit., pp. 3-5.", "Id. at 5; Brown v. Board, 347 U.S. 483 (1954).",
		"Val. Max. loc. cit. Dion. l. lvii. c. 15.", "Smith, supra note 12, at 4.", "See Part II, supra.",
		"(Valesius ad loc. cit. Ammian.)", `"A Title in Quotes," *Journal* 3 (1999): 4.`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := input.Parse("n.md", []byte("x[^1]\n\n[^1]: "+s+"\n"), input.Options{Lenient: true})
		if err != nil {
			return
		}
		ns := FindNotes(d)
		ParseReferences(ns)
		Resolve(ns)
		for _, x := range ns.Notes {
			for _, c := range x.Citations {
				checkSpan(t, "citation", c.Span, len(d.Text))
			}
		}
		parseUnit(s, compare.Span{Start: 0, End: len(s)})
	})
}

// FuzzBibTeX: the BibTeX parser never panics and keeps keys non-empty.
func FuzzBibTeX(f *testing.F) {
	f.Add(`@book{k, title = {A {B} c}, author = "X" # " Y", year = 1990, file = {:a.txt:Text}}`)
	f.Add(`@string(s = "v") @comment{x} @article{k2, title = s}`)
	f.Add(`@book{k, title = {unclosed`)
	f.Fuzz(func(t *testing.T, s string) {
		es, err := ParseBibTeX(s)
		if err != nil {
			return
		}
		for _, e := range es {
			if e.Key == "" {
				t.Fatalf("entry without key: %+v", e)
			}
			bibFiles(e.Fields["file"])
		}
	})
}

// FuzzManifestTOML: manifest loading never panics; accepted manifests
// have entries that name something.
func FuzzManifestTOML(f *testing.F) {
	f.Add("[[source]]\nkey = \"a\"\ntitle = \"T\"\nfile = \"a.txt\"\naliases = [\"x\"]\n")
	f.Add("[[source]]\ntitel = 1\n")
	f.Add("x = [")
	f.Fuzz(func(t *testing.T, s string) {
		es, err := ParseManifestTOML(s)
		if err != nil {
			return
		}
		for _, e := range es {
			if e.Key == "" && e.Title == "" && e.File == "" {
				t.Fatalf("empty entry accepted: %+v", e)
			}
		}
	})
}

// FuzzCompareQuote compares arbitrary quotations with a fixed source.
func FuzzCompareQuote(f *testing.F) {
	src, err := input.Parse("s.txt", []byte("%%page 1%%\nBoth history and reality show us that peace cannot be achieved through force.\f"+
		"[p. 3] Much less can it be maintained by relying on a military alliance.\n"), input.Options{})
	if err != nil {
		f.Fatal(err)
	}
	ix := (&anchorIndexes{}).get(src)
	f.Add("Both history and reality . . . cannot be achieved [by] force")
	f.Add("[M]uch less can it be maintained … alliance")
	f.Add("[[[…")
	f.Fuzz(func(t *testing.T, q string) {
		r := CompareQuote(strings.ToValidUTF8(q, ""), src, ix, 0)
		if r.Found {
			checkSpan(t, "region", r.Region, len(src.Text))
		}
	})
}
