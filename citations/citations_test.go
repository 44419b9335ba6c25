package citations

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input"
	"github.com/crosscheck/crosscheck/seeds"
)

func mustDoc(t testing.TB, name, text string) *compare.Document {
	t.Helper()
	d, err := input.Parse(name, []byte(text), input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// sharedDir returns ../shared beside the checkout, or "" when absent.
func sharedDir() string {
	dir, _ := filepath.Abs("../../shared")
	if _, err := os.Stat(filepath.Join(dir, "corpora")); err != nil {
		return ""
	}
	return dir
}

func TestIsSubNote(t *testing.T) {
	for _, c := range []struct {
		v, prev int
		want    bool
	}{
		{821, 82, true}, {201, 2, true}, {202, 2, true}, {1001, 1, true}, {1001, 10, true},
		{101, 0, true}, {1002, 0, true}, {105, 1, true}, {12, 1, false}, {3, 2, false},
		{9401, 92, false}, {101, 100, false}, {1011, 101, true}, {35, 0, false}, {230, 23, false},
	} {
		if got := isSubNote(c.v, c.prev); got != c.want {
			t.Errorf("isSubNote(%d, %d) = %v, want %v", c.v, c.prev, got, c.want)
		}
	}
}

func TestNotesPairAndRuns(t *testing.T) {
	text := "Chapter 1\n\nOne [1] two [2].\n\n[Footnote 1: A.]\n\n[Footnote 2: B.]\n\n" +
		"Chapter 2\n\nThree [101] four [1] five [2] six [2].\n\n[Footnote 101: Editor.]\n\n[Footnote 1: C.]\n\n" +
		"[Footnote 2: D.]\n\n[Footnote 2: E.]\n"
	ns := FindNotes(mustDoc(t, "g.txt", text))
	if len(ns.Notes) != 6 || len(ns.Markers) != 6 || len(ns.Runs) != 2 {
		t.Fatalf("notes %d markers %d runs %d, want 6 6 2", len(ns.Notes), len(ns.Markers), len(ns.Runs))
	}
	if h := ns.Runs[1].Heading; h.End == 0 || !strings.HasPrefix(text[h.Start:], "Chapter 2") {
		t.Errorf("run 2 should open at the Chapter 2 heading, got %v", h)
	}
	// two markers and two notes numbered 2 in chapter 2 pair in order
	if len(ns.Duplicates)+len(ns.Unused)+len(ns.Undefined) != 0 {
		t.Errorf("unexpected leftovers: dup %d unused %d undefined %d", len(ns.Duplicates), len(ns.Unused), len(ns.Undefined))
	}
	for _, m := range ns.Markers {
		if m.Note == nil || m.Note.Run != m.Run {
			t.Errorf("marker %s at %d paired with %v", m.Label, m.Span.Start, m.Note)
		}
	}
	// the repeated 2 is reported by the numbering check
	if len(ns.Numbering) != 1 || !strings.Contains(ns.Numbering[0].Msg, "repeats") {
		t.Errorf("numbering: %+v", ns.Numbering)
	}
}

func TestBodyParagraphStartingWithMarker(t *testing.T) {
	text := "Some text.[1]\n\n[2] This paragraph starts with a marker and is body text.\n\nNotes\n\n[1] A. Author, Book (1990), 3.\n[2] Ibid., 4.\n"
	ns := FindNotes(mustDoc(t, "b.txt", text))
	if len(ns.Markers) != 2 || len(ns.Notes) != 2 {
		t.Fatalf("markers %d notes %d, want 2 and 2", len(ns.Markers), len(ns.Notes))
	}
	if len(ns.Undefined)+len(ns.Unused) != 0 {
		t.Errorf("undefined %d unused %d", len(ns.Undefined), len(ns.Unused))
	}
}

func TestPandocMultiLine(t *testing.T) {
	text := "Text.[^n]\n\n[^n]: First line\n    continued here\nlazy line.\n\n    Second paragraph.\n\nBody again.\n"
	ns := FindNotes(mustDoc(t, "p.md", text))
	if len(ns.Notes) != 1 {
		t.Fatalf("notes %d", len(ns.Notes))
	}
	body := ns.Doc.TextOf(ns.Notes[0].Body)
	if !strings.Contains(body, "Second paragraph") || strings.Contains(body, "Body again") {
		t.Errorf("body %q", body)
	}
}

func TestParseUnitKinds(t *testing.T) {
	for _, c := range []struct {
		in     string
		kind   Kind
		author string
		page   string
	}{
		{"Ibid., p. 14.", KindIbid, "", "14"},
		{"ibid", KindIbid, "", ""},
		{"Id. at 177.", KindID, "", "177"},
		{"Smith, op. cit., p. 3.", KindOpCit, "Smith", "3"},
		{"Full Text of Jiang Zemin Speech at Moscow University, op. cit., p. 3.", KindOpCit, "Full Text of Jiang Zemin Speech at Moscow University", "3"},
		{"Val. Max. loc. cit.", KindLocCit, "Val. Max.", ""},
		{"Smith, supra note 12, at 40.", KindSupra, "Smith", "40"},
		{"See Part II, supra.", KindCrossRef, "", ""},
		{"John Smith, A History (London: Fen Press, 1950), 10.", KindFull, "John Smith", "10"},
		{"Marbury v. Madison, 5 U.S. 137 (1803).", KindFull, "Marbury v. Madison", "137"},
	} {
		c0 := parseUnit(c.in, compare.Span{Start: 0, End: len(c.in)})
		if c0 == nil {
			t.Errorf("%q: no citation", c.in)
			continue
		}
		if c0.Kind != c.kind || c0.Author != c.author || c0.Page != c.page {
			t.Errorf("%q: kind %v author %q page %q; want %v %q %q", c.in, c0.Kind, c0.Author, c0.Page, c.kind, c.author, c.page)
		}
	}
	if c := parseUnit("The harbour was dredged twice that year.", compare.Span{End: 40}); c != nil {
		t.Errorf("prose parsed as a citation: %+v", c)
	}
}

func TestSeveralWorksVersusSeveralLoci(t *testing.T) {
	text := "A.[^1] B.[^2]\n\n[^1]: Smith, *A History of the Fens*, 20, 22; 25.\n[^2]: Smith, *A History of the Fens*, 20; Jones, *Drainage and Enclosure*, 4.\n"
	d := mustDoc(t, "w.md", text)
	ns := FindNotes(d)
	ParseReferences(ns)
	Resolve(ns)
	if n := len(distinctWorks(ns.Notes[0])); n != 1 {
		t.Errorf("note 1 cites %d works, want 1 (one work, several loci)", n)
	}
	if n := len(distinctWorks(ns.Notes[1])); n != 2 {
		t.Errorf("note 2 cites %d works, want 2", n)
	}
}

func TestPrepareQuote(t *testing.T) {
	q := prepareQuote("[T]he balance . . . must hold [the line] now…")
	if q == nil {
		t.Fatal("nil")
	}
	if !strings.HasPrefix(q.doc.Text, "The balance") || len(q.ellipses) != 2 || len(q.insertions) != 1 {
		t.Errorf("text %q ellipses %v insertions %v", q.doc.Text, q.ellipses, q.insertions)
	}
}

func TestPageInRange(t *testing.T) {
	for _, c := range []struct {
		p, from, to string
		want        bool
	}{{"3", "3", "", true}, {"4", "3", "5", true}, {"6", "3", "5", false}, {"125", "123", "7", true}, {"iv", "iv", "", true}} {
		if got := pageInRange(c.p, c.from, c.to); got != c.want {
			t.Errorf("pageInRange(%q, %q, %q) = %v", c.p, c.from, c.to, got)
		}
	}
}

func TestFindPages(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string // page@offset
	}{
		{"a {12} b [Pg 13] c [p. 14] d %%page 15%% e", []string{"12@2", "13@9", "14@19", "15@29"}},
		{"[Page xii] a [pg. IV] b {iv}", []string{"xii@0", "iv@13", "iv@24"}},
		{"a\fb\fc", []string{"1@0", "2@2", "3@4"}},
		{"{a} [p. ] {12 } [Pg12x] [see p. 3]", nil},
	} {
		var got []string
		for _, p := range findPages(c.text) {
			got = append(got, p.page+"@"+strconv.Itoa(p.off))
		}
		if strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("findPages(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestPagesMeet(t *testing.T) {
	for _, c := range []struct {
		first, last, from, to string
		want                  bool
	}{
		{"13", "14", "14", "", true}, {"13", "14", "13", "", true}, {"12", "14", "13", "", true},
		{"13", "13", "14", "", false}, {"13", "14", "12", "", false}, {"13", "14", "15", "16", false},
		{"12", "12", "11", "12", true}, {"xii", "xiii", "xiii", "", true}, {"xii", "xii", "xi", "", false},
	} {
		if got := pagesMeet(c.first, c.last, c.from, c.to); got != c.want {
			t.Errorf("pagesMeet(%q, %q, %q, %q) = %v", c.first, c.last, c.from, c.to, got)
		}
	}
}

// TestCompareQuotePages compares quotations with a source that marks its
// pages in three ways and hyphenates a word across a line: the markers
// give pages and are never words of the diff.
func TestCompareQuotePages(t *testing.T) {
	src, err := input.Parse("treaty.txt", []byte("{11}\nThe delegates met in the autumn of that year at the customs house.\n\n"+
		"{12}\nIt was agreed that the fisheries would be shared according to the ancient re-\nport of the commissioners.\n\n"+
		"[Pg 13]\nThe ratification took another two years, and the council would not sign.\n\n"+
		"[p. 14]\nIn the end the signatures were exchanged on a grey morning in March.\n"), input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix := (&anchorIndexes{}).get(src)
	for _, c := range []struct {
		quote          string
		mismatch       bool
		missing, added int
		page, pageEnd  string
	}{
		{"shared according to the ancient report of the commissioners", false, 0, 0, "12", "12"},
		{"the council would not sign. In the end the signatures were exchanged", false, 0, 0, "13", "14"},
		{"at the customs house. It was agreed that the fisheries", false, 0, 0, "11", "12"},
		{"It was agreed … according to the ancient report", false, 0, 0, "12", "12"},
		{"The ratification took [...] two years, and the council [the northern one] would not sign", false, 0, 0, "13", "13"},
		{"the fisheries would be [sic] shared {12} according to the ancient report", false, 0, 0, "12", "12"},
		{"In the end the letters were exchanged … on a grey morning in March", true, 1, 1, "14", "14"},
		{"the council would never sign. In the end the signatures were exchanged", true, 1, 1, "13", "14"},
	} {
		r := CompareQuote(c.quote, src, ix, 0)
		if !r.Found || r.Mismatch != c.mismatch || r.Missing != c.missing || r.Added != c.added || r.Page != c.page || r.PageEnd != c.pageEnd {
			t.Errorf("%q: found %v mismatch %v missing %d added %d pages %s–%s, want mismatch %v missing %d added %d pages %s–%s (diff %s)",
				c.quote, r.Found, r.Mismatch, r.Missing, r.Added, r.Page, r.PageEnd, c.mismatch, c.missing, c.added, c.page, c.pageEnd, r.Diff)
		}
		if strings.Contains(r.Diff, "Pg") || strings.Contains(r.Diff, "[-1") || strings.Contains(r.Diff, "[-p") {
			t.Errorf("%q: a page marker in the diff: %s", c.quote, r.Diff)
		}
	}
}

func TestBibTeX(t *testing.T) {
	src := `@string{pub = "Fen Press"}
Some text BibTeX ignores.
@book{smith1950,
  author = {John Smith},
  title = {A {History} of the Fens},
  publisher = pub # ", Ely",
  year = 1950,
  file = {:texts/smith.txt:Text},
}
@comment{anything {nested} here}
@article(jones1961, title = "Drainage and {E}nclosure", author = "Mary Jones")`
	es, err := ParseBibTeX(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 2 || es[0].Key != "smith1950" || es[0].Fields["title"] != "A History of the Fens" ||
		es[0].Fields["publisher"] != "Fen Press, Ely" || es[0].Fields["year"] != "1950" || es[1].Fields["title"] != "Drainage and Enclosure" {
		t.Fatalf("entries: %+v", es)
	}
	if f := bibFiles(es[0].Fields["file"]); len(f) != 1 || f[0] != "texts/smith.txt" {
		t.Errorf("file %v", f)
	}
	for _, bad := range []string{"@book{x, title = {open", "@book{, title={a}}", "@book{x, title = undefinedmacro}", "@book{x title}"} {
		if _, err := ParseBibTeX(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestManifestTOML(t *testing.T) {
	es, err := ParseManifestTOML("[[source]]\nkey = \"a\"\ntitle = \"T\"\nfile = \"a.txt\"\naliases = [\"x\"]\n")
	if err != nil || len(es) != 1 || es[0].File != "a.txt" || es[0].Aliases[0] != "x" {
		t.Fatalf("%+v %v", es, err)
	}
	if _, err := ParseManifestTOML("[[source]]\ntitel = \"T\"\n"); err == nil || !strings.Contains(err.Error(), "titel") {
		t.Errorf("unknown key not reported: %v", err)
	}
	if _, err := ParseManifestTOML("[[source]\n"); err == nil {
		t.Error("syntax error not reported")
	}
}

func TestLoadLibrary(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "texts"), 0o755)
	os.WriteFile(filepath.Join(dir, "texts", "smith.txt"), []byte("Untitled scan\n\nThe fens were drained in three campaigns.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "refs.bib"), []byte("@book{smith1950, author={John Smith}, title={A History of the Fens}, file={texts/smith.txt}}"), 0o644)
	lib, err := LoadLibrary(context.Background(), input.Loader{}, []string{dir}, LibraryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s, _ := lib.MatchName("Smith", "History of the Fens")
	if s == nil || s.Doc == nil || s.Key != "smith1950" {
		t.Fatalf("match: %+v", s)
	}
	if s, _ := lib.MatchName("Brown", "Eels and Eelers"); s != nil {
		t.Errorf("matched an absent work to %+v", s)
	}
	os.WriteFile(filepath.Join(dir, "bad.toml"), []byte("[[source]]\nfile = \"missing.txt\"\n"), 0o644)
	if _, err := LoadLibrary(context.Background(), input.Loader{}, []string{dir}, LibraryOptions{}); err == nil || !strings.Contains(err.Error(), "missing.txt") {
		t.Errorf("missing file not reported: %v", err)
	}
}

// TestSeed001 is the "Done when" for the seed: the marker and the
// definition <sup>35</sup> pair up; op. cit. is unresolved; the source is
// unavailable; with a source for the speech, the stutter is an added phrase.
func TestSeed001(t *testing.T) {
	docs, err := seeds.Documents()
	if err != nil {
		t.Fatal(err)
	}
	var d *compare.Document
	for _, x := range docs {
		if strings.Contains(x.Path, "001_") {
			d = x
		}
	}
	ns := FindNotes(d)
	if len(ns.Markers) != 1 || len(ns.Notes) != 1 || ns.Markers[0].Note != ns.Notes[0] || ns.Notes[0].Label != "35" {
		t.Fatalf("markers %d notes %d", len(ns.Markers), len(ns.Notes))
	}
	run := func(sources []*compare.Document, lib *Library) []compare.Finding {
		var found compare.Collector
		err := compare.Run(context.Background(), []*compare.Analyzer{Analyzer(Options{Library: lib})}, []*compare.Document{d}, sources, compare.Budget{}, &found)
		if err != nil {
			t.Fatal(err)
		}
		fs := found.Findings
		return fs
	}
	ids := func(fs []compare.Finding) string {
		var s []string
		for _, f := range fs {
			s = append(s, f.Check.ID)
		}
		return strings.Join(s, " ")
	}
	fs := run(nil, nil)
	if got := ids(fs); got != "cite.numbering cite.opcit-unresolved cite.source-unavailable" {
		t.Errorf("without sources: %s", got)
	}
	for _, f := range fs {
		if f.Check == CheckSourceUnavailable && !strings.Contains(f.Message, "Full Text of Jiang Zemin Speech at Moscow University") {
			t.Errorf("source-unavailable does not name the work: %s", f.Message)
		}
		if f.Check == CheckNumbering && f.Severity != compare.Info {
			t.Errorf("excerpt numbering should be info, is %s", f.Severity)
		}
	}
	lib, err := LoadLibrary(context.Background(), input.Loader{}, []string{"../testdata/cite/sources"}, LibraryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	fs = run(lib.Docs(), lib)
	var mismatch *compare.Finding
	for i := range fs {
		if fs[i].Check == CheckQuoteMismatch {
			mismatch = &fs[i]
		}
		if fs[i].Check == CheckSourceUnavailable {
			t.Errorf("source still unavailable: %s", fs[i].Message)
		}
	}
	if mismatch == nil {
		t.Fatalf("no quote mismatch: %s", ids(fs))
	}
	if d, _ := mismatch.Details["word_diff"].(string); !strings.Contains(d, "{+by developing sophisticated weapons systems+}") {
		t.Errorf("the stutter should show as an added phrase: %q", d)
	}
}

// TestGibbon parses every "[Footnote …]" of Gibbon's first volume and
// recognises the numbering restarts of its chapters.
func TestGibbon(t *testing.T) {
	sh := sharedDir()
	if sh == "" {
		t.Skip("shared corpora not present")
	}
	raw, err := os.ReadFile(filepath.Join(sh, "corpora", "gibbon-vol1", "731.txt"))
	if err != nil {
		t.Skip(err)
	}
	d := mustDoc(t, "731.txt", string(raw))
	ns := FindNotes(d)
	want := strings.Count(string(raw), "[Footnote")
	if len(ns.Notes) != want {
		t.Errorf("parsed %d notes, the text has %d [Footnote blocks", len(ns.Notes), want)
	}
	// the preface, then chapters I–XV
	if len(ns.Runs) != 16 {
		t.Errorf("%d numbering runs, want 16", len(ns.Runs))
	}
	for i, r := range ns.Runs[1:] {
		if h := d.TextOf(r.Heading); !strings.HasPrefix(h, "Chapter ") || !strings.Contains(h, "Part I.") {
			t.Errorf("run %d opens at %q, want a chapter's Part I heading", i+1, h)
		}
	}
}
