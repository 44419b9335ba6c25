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

// grow repeats seed 1+n times, to at most 256 KiB: fuzz inputs that
// grow, so that work or memory superlinear in them shows.
func grow(seed string, n uint16) string {
	if seed == "" {
		return ""
	}
	k := min(1+int(n), max(1, (256<<10)/len(seed)))
	return strings.Repeat(seed, k)
}

// FuzzFindNotes runs every note scanner, the reference parser, the
// resolver, the quotation finder and the whole analyzer on arbitrary text
// repeated n times, as plain text, Markdown, HTML and LaTeX: no panic,
// spans inside the text, pairs consistent, limits kept, messages short.
func FuzzFindNotes(f *testing.F) {
	ents, _ := os.ReadDir("../testdata/cite/fixtures")
	for _, e := range ents {
		if b, err := os.ReadFile(filepath.Join("../testdata/cite/fixtures", e.Name())); err == nil {
			f.Add(string(b), uint8(len(e.Name())%4), uint16(0))
		}
	}
	f.Add("[Footnote 1: a [b [c]] d\n[Footnote 2: x", uint8(0), uint16(3))
	f.Add("x<sup>1</sup>\n---\n<sup>1</sup> Ibid.\n<sup>1</sup> Id.", uint8(0), uint16(5))
	f.Add("\\footnote{a{b}\\footnotemark[2]\\footnotetext[2]{Ibid.}", uint8(3), uint16(2))
	f.Add("[^a]: x\n    y\n[^a] ^[inline [nested]]", uint8(1), uint16(4))
	f.Add(`<a href="#fn1" epub:type="noteref">1</a><aside id="fn1" epub:type="footnote">Ibid.</aside>`, uint8(2), uint16(1))
	f.Add(`x<a href="#F1">[1]</a><sup>6</sup>&#8260;<sub>4</sub><div class="footnote"><p><a id="F1"></a><a name="F2"></a>[1] Ibid.</p></div>`, uint8(2), uint16(2))
	// seeds whose repetition is an attack: markers, open brackets, blocks
	f.Add("[^1]", uint8(1), uint16(65535))
	f.Add("^[", uint8(1), uint16(65535))
	f.Add("\\footnote{\n\n", uint8(3), uint16(65535))
	f.Add("x [1] ", uint8(0), uint16(65535))
	f.Add("x[1] [Footnote 1: a\n", uint8(0), uint16(65535))
	f.Add("[1] a\n# h\n\n", uint8(1), uint16(65535))
	f.Add("\"a b c d e\"[^1] ", uint8(1), uint16(65535))
	f.Add("[^1]: Smith, op. cit. ", uint8(1), uint16(65535))
	names := []string{"f.txt", "f.md", "f.html", "f.tex"}
	f.Fuzz(func(t *testing.T, seed string, kind uint8, times uint16) {
		text := grow(seed, times)
		d, err := input.Parse(names[int(kind)%4], []byte(text), input.Options{Lenient: true})
		if err != nil {
			return
		}
		n := len(d.Text)
		ns := FindNotes(d)
		if len(ns.Markers) > MaxMarkers || len(ns.Notes) > MaxNotes || len(ns.Numbering) > MaxIssues || len(ns.Problems) > MaxIssues {
			t.Fatalf("limits passed: %d markers, %d notes, %d numbering, %d problems", len(ns.Markers), len(ns.Notes), len(ns.Numbering), len(ns.Problems))
		}
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
		var c compare.Collector
		if err := compare.Run(context.Background(), []*compare.Analyzer{Analyzer(Options{})}, []*compare.Document{d}, nil, compare.Budget{}, &c); err != nil {
			t.Fatal(err)
		}
		for _, f := range c.Findings {
			if len(f.Message) > 1000 {
				t.Fatalf("%s: message of %d bytes", f.Check.ID, len(f.Message))
			}
		}
	})
}

// FuzzParseNote feeds arbitrary note text, repeated, to the reference
// parser.
func FuzzParseNote(f *testing.F) {
	for _, s := range []string{"Ibid., p. 3.", "Smith, op. cit., pp. 3-5.", "Id. at 5; Brown v. Board, 347 U.S. 483 (1954).",
		"Val. Max. loc. cit. Dion. l. lvii. c. 15.", "Smith, supra note 12, at 4.", "See Part II, supra.",
		"(Valesius ad loc. cit. Ammian.)", `"A Title in Quotes," *Journal* 3 (1999): 4.`,
		`\citep[see][p.~12--14]{a,b}; Brown, op.\ cit., 3.`, `\cite[12]{}\footcite{x,,y}`} {
		f.Add(s, uint16(0))
	}
	f.Add("Ibid., p. 4; ", uint16(65535))
	f.Add("Smith, History, 1990; Smith, loc. cit.; ", uint16(65535))
	f.Add("A B C D E F G H ", uint16(65535))
	f.Fuzz(func(t *testing.T, seed string, n uint16) {
		s := grow(seed, n)
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

// FuzzBibTeX: the BibTeX parser never panics, keeps keys non-empty and
// its limits, and its errors short, on text repeated n times (a repeated
// "@string{a = a # a}" doubles a macro each time).
func FuzzBibTeX(f *testing.F) {
	f.Add(`@book{k, title = {A {B} c}, author = "X" # " Y", year = 1990, file = {:a.txt:Text}}`, uint16(0))
	f.Add(`@string(s = "v") @comment{x} @article{k2, title = s}`, uint16(2))
	f.Add(`@book{k, title = {unclosed`, uint16(0))
	f.Add(`@string{a = a # a # "x"} `, uint16(65535))
	f.Add(`@string{jan = jan # jan} `, uint16(65535))
	f.Add(`@book{k, title = {{{{`, uint16(65535))
	f.Fuzz(func(t *testing.T, seed string, n uint16) {
		s := grow(seed, n)
		es, err := ParseBibTeX(s)
		if err != nil {
			if len(err.Error()) > 400 {
				t.Fatalf("error of %d bytes", len(err.Error()))
			}
			return
		}
		if len(es) > MaxBibEntries {
			t.Fatalf("%d entries", len(es))
		}
		for _, e := range es {
			if e.Key == "" {
				t.Fatalf("entry without key: %+v", e)
			}
			for k, v := range e.Fields {
				if len(v) > MaxBibField {
					t.Fatalf("field %s of %d bytes", k, len(v))
				}
			}
			bibFiles(e.Fields["file"])
		}
	})
}

// FuzzManifestTOML: manifest loading never panics, refuses deep nesting
// before the parser, and its errors are short; accepted manifests have
// entries that name something.
func FuzzManifestTOML(f *testing.F) {
	f.Add("[[source]]\nkey = \"a\"\ntitle = \"T\"\nfile = \"a.txt\"\naliases = [\"x\"]\n", uint16(0))
	f.Add("[[source]]\ntitel = 1\n", uint16(3))
	f.Add("x = [", uint16(0))
	f.Add("x = [", uint16(65535))
	f.Add("a = {b = ", uint16(65535))
	f.Add("[[source]]\nkey = \"a\"\n", uint16(65535))
	f.Add("[[source]]\nkey = \"a\"\nk", uint16(65535))
	f.Fuzz(func(t *testing.T, seed string, n uint16) {
		es, err := ParseManifestTOML(grow(seed, n))
		if err != nil {
			if len(err.Error()) > 400 {
				t.Fatalf("error of %d bytes", len(err.Error()))
			}
			return
		}
		for _, e := range es {
			if e.Key == "" && e.Title == "" && e.File == "" {
				t.Fatalf("empty entry accepted: %+v", e)
			}
		}
	})
}

// FuzzCompareQuote compares arbitrary quotations, repeated, with a fixed
// source.
func FuzzCompareQuote(f *testing.F) {
	src, err := input.Parse("s.txt", []byte("%%page 1%%\nBoth history and reality show us that peace cannot be achieved through force.\f"+
		"[p. 3] Much less can it be maintained by relying on a military alliance.\n{4} Any attempt to break the re-\nport [Pg 5] of the balance.\n"), input.Options{})
	if err != nil {
		f.Fatal(err)
	}
	ix := (&anchorIndexes{}).get(src)
	f.Add("Both history and reality . . . cannot be achieved [by] force", uint16(0))
	f.Add("[M]uch less can it be maintained … alliance", uint16(0))
	f.Add("[[[…", uint16(0))
	f.Add("[", uint16(65535))
	f.Add("peace . . . force ", uint16(65535))
	f.Add("alliance {4} any attempt [...] report of the balance [sic]", uint16(0))
	f.Add("{4} [Pg 5] [p. 6] ", uint16(65535))
	f.Fuzz(func(t *testing.T, seed string, n uint16) {
		q := grow(strings.ToValidUTF8(seed, ""), n%4096)
		r := CompareQuote(q, src, ix, 0)
		if r.Found {
			checkSpan(t, "region", r.Region, len(src.Text))
		}
		if r.Missing < 0 || r.Added < 0 {
			t.Fatalf("counts %d, %d", r.Missing, r.Added)
		}
	})
}
