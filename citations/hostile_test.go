package citations

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input"
)

// Hostile and huge inputs: what the citation checks keep of them is
// bounded, and so is what their findings and errors quote.

// runCite runs the citation analyzer on one document (with sources, when
// lib is not nil) and returns its findings.
func runCite(t testing.TB, d *compare.Document, lib *Library) []compare.Finding {
	t.Helper()
	var c compare.Collector
	var srcs []*compare.Document
	if lib != nil {
		srcs = lib.Docs()
	}
	if err := compare.Run(context.Background(), []*compare.Analyzer{Analyzer(Options{Library: lib})}, []*compare.Document{d}, srcs, compare.Budget{}, &c); err != nil {
		t.Fatal(err)
	}
	return c.Findings
}

func countChecks(fs []compare.Finding) map[string]int {
	n := map[string]int{}
	for _, f := range fs {
		n[f.Check.ID]++
	}
	return n
}

// maxMessage is the longest message or error a test accepts: what input
// a message quotes is cut to a few hundred bytes.
const maxMessage = 600

// checkBounded fails when a finding's message or a string in its details
// is longer than maxMessage bytes.
func checkBounded(t testing.TB, fs []compare.Finding) {
	t.Helper()
	for _, f := range fs {
		if len(f.Message) > maxMessage {
			t.Errorf("%s: message of %d bytes: %.80s…", f.Check.ID, len(f.Message), f.Message)
		}
		for k, v := range f.Details {
			if s, ok := v.(string); ok && len(s) > 4*maxMessage {
				t.Errorf("%s: detail %s of %d bytes", f.Check.ID, k, len(s))
			}
		}
	}
}

// TestMarkerFloodIsAggregated: one undefined marker used thousands of
// times is one finding, with its count, not one per use.
func TestMarkerFloodIsAggregated(t *testing.T) {
	d := mustDoc(t, "m.md", "Text"+strings.Repeat("[^1]", 1000)+"\n")
	fs := runCite(t, d, nil)
	n := countChecks(fs)
	if n["cite.marker-undefined"] != 1 {
		t.Fatalf("%d marker-undefined findings, want 1", n["cite.marker-undefined"])
	}
	for _, f := range fs {
		if f.Check.ID == "cite.marker-undefined" && !strings.Contains(f.Message, "1,000 times") {
			t.Errorf("message does not give the count: %s", f.Message)
		}
	}
	// a marker used a few times is one defect: one finding at the first
	// use, the others as related places
	d = mustDoc(t, "m.md", "a[^1] b[^1] c[^1]\n")
	fs = runCite(t, d, nil)
	if n := countChecks(fs); n["cite.marker-undefined"] != 1 {
		t.Fatalf("%d marker-undefined findings for three uses, want 1", n["cite.marker-undefined"])
	}
	for _, f := range fs {
		if f.Check.ID == "cite.marker-undefined" && (len(f.Related) != 2 || f.Span.Start != 1) {
			t.Errorf("want the first use with 2 related uses: %+v", f)
		}
	}
}

// TestMarkerLimit: past 100,000 markers, the rest of the document is not
// kept, and one cite.note-limit finding says where checking stopped.
func TestMarkerLimit(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 150_000; i++ {
		fmt.Fprintf(&b, "[^a%d]", i)
	}
	d := mustDoc(t, "many.md", b.String())
	ns := FindNotes(d)
	if len(ns.Markers) > 100_000 {
		t.Fatalf("%d markers kept, want at most 100,000", len(ns.Markers))
	}
	fs := runCite(t, d, nil)
	n := countChecks(fs)
	if n["cite.note-limit"] != 1 {
		t.Fatalf("%d note-limit findings, want 1 (%v)", n["cite.note-limit"], n)
	}
	checkBounded(t, fs)
}

// TestLimitsFollowSize: a small document keeps few markers, so that many
// small hostile documents cost no more per byte than one large one.
func TestLimitsFollowSize(t *testing.T) {
	d := mustDoc(t, "m.md", strings.Repeat("[^1]", 25_000)) // 100 KB
	ns := FindNotes(d)
	if want := 1000 + len(d.Text)/32; len(ns.Markers) > want {
		t.Fatalf("%d markers kept of a 100 KB document, want at most %d", len(ns.Markers), want)
	}
	if ns.Dropped.At < 0 {
		t.Error("nothing recorded as left out")
	}
}

// TestDefinitionLimit: the same for definitions.
func TestDefinitionLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString("x[^d1]\n\n")
	for i := 0; i < 60_000; i++ {
		fmt.Fprintf(&b, "[^d%d]: def\n", i)
	}
	ns := FindNotes(mustDoc(t, "defs.md", b.String()))
	if len(ns.Notes) > 50_000 {
		t.Fatalf("%d notes kept, want at most 50,000", len(ns.Notes))
	}
}

// TestNumberingIssuesBounded: a run of markers that all repeat one
// number is at most 10,000 numbering findings and a note of the rest.
func TestNumberingIssuesBounded(t *testing.T) {
	d := mustDoc(t, "r.txt", strings.Repeat("x [1] ", 20_000))
	fs := runCite(t, d, nil)
	n := countChecks(fs)
	if n["cite.numbering"] > 10_000 || n["cite.note-limit"] != 1 {
		t.Fatalf("numbering %d, note-limit %d: want at most 10,000 and 1", n["cite.numbering"], n["cite.note-limit"])
	}
}

// TestCitationLimit: one note of 150,000 "Ibid." pieces is read up to
// 100,000 of them.
func TestCitationLimit(t *testing.T) {
	d := mustDoc(t, "i.md", "x[^1]\n\n[^1]: Smith, History of Rome, p. 3. "+strings.Repeat("Ibid., p. 4; ", 150_000)+"\n")
	ns := FindNotes(d)
	ParseReferences(ns)
	total := 0
	for _, n := range ns.Notes {
		total += len(n.Citations)
	}
	if total > 100_000 {
		t.Fatalf("%d citations parsed, want at most 100,000", total)
	}
}

// TestMessagesQuoteLittle: names, pages and note numbers taken from the
// text are cut in messages and details.
func TestMessagesQuoteLittle(t *testing.T) {
	long := strings.Repeat("Abcdef ", 20_000)
	digits := strings.Repeat("7", 50_000)
	text := "a[^1] b[^2] c[^3] d[^4]\n\n" +
		"[^1]: " + long + "Smith, op. cit., p. 3.\n" +
		"[^2]: Jones, supra note " + digits + ".\n" +
		"[^3]: John Smith, *A History of Rome* (London, 1950), p. " + digits + ".\n" +
		"[^4]: Smith, loc. cit., p. 9" + digits + ".\n"
	fs := runCite(t, mustDoc(t, "q.md", text), nil)
	if len(fs) == 0 {
		t.Fatal("no findings")
	}
	checkBounded(t, fs)
	// an HTML note link whose text (its label) is long
	label := strings.Repeat("x", 20_000)
	html := `<p>Text<a href="#n1" epub:type="noteref">` + label + `</a> and <a href="#n2" epub:type="noteref">2</a>.</p>` +
		`<aside id="n1" epub:type="footnote"><p>Smith, History of Rome, p. 3.</p></aside>` +
		`<aside id="n3" epub:type="footnote"><p>Ibid.</p></aside>`
	fs = runCite(t, mustDoc(t, "q.html", html), nil)
	if len(fs) == 0 {
		t.Fatal("no findings in HTML")
	}
	checkBounded(t, fs)
}

// TestQuoteDiffBounded: the word diff of a long quotation that differs
// from its source is cut.
func TestQuoteDiffBounded(t *testing.T) {
	dir := t.TempDir()
	src := "The fens were drained in three great campaigns, each bolder than the last.\n"
	if err := os.WriteFile(filepath.Join(dir, "history-of-the-fens.txt"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	lib, err := LoadLibrary(context.Background(), input.Loader{}, []string{dir}, LibraryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	quote := "The fens were drained in three great campaigns, " + strings.Repeat("and then some more words were added ", 1500)
	text := "Smith wrote that \"" + quote + "\"[^1]\n\n[^1]: John Smith, *A History of the Fens* (Ely, 1950), 1.\n"
	fs := runCite(t, mustDoc(t, "d.md", text), lib)
	found := false
	for _, f := range fs {
		if f.Check.ID == "cite.quote-mismatch" {
			found = true
		}
	}
	if !found {
		t.Fatalf("no quote-mismatch finding: %v", countChecks(fs))
	}
	checkBounded(t, fs)
}

// TestBibTeXMacroBomb: @string macros that double each other stop at the
// expansion limit with an error naming the macro and its line.
func TestBibTeXMacroBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("@string{a0 = \"xx\"}\n")
	for i := 1; i <= 22; i++ {
		fmt.Fprintf(&b, "@string{a%d = a%d # a%d}\n", i, i-1, i-1)
	}
	b.WriteString("@book{k, title = a22}\n")
	_, err := ParseBibTeX(b.String())
	if err == nil {
		t.Fatal("no error for macros that expand to 8 MiB")
	}
	if !strings.Contains(err.Error(), "@string{a20}") || !strings.Contains(err.Error(), "line 21") {
		t.Errorf("error does not name the macro and its line: %v", err)
	}
	// in all: many fields just under the limit each
	b.Reset()
	b.WriteString("@string{a0 = \"xx\"}\n")
	for i := 1; i <= 19; i++ {
		fmt.Fprintf(&b, "@string{a%d = a%d # a%d}\n", i, i-1, i-1)
	}
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&b, "@book{k%d, title = a19}\n", i)
	}
	if _, err := ParseBibTeX(b.String()); err == nil || !strings.Contains(err.Error(), "values of the file") {
		t.Errorf("no error for 40 fields of 1 MiB: %v", err)
	}
	// macro count
	b.Reset()
	for i := 0; i < 10_001; i++ {
		fmt.Fprintf(&b, "@string{m%d = \"x\"}\n", i)
	}
	if _, err := ParseBibTeX(b.String()); err == nil || !strings.Contains(err.Error(), "macros") {
		t.Errorf("no error for 10,001 macros: %v", err)
	}
}

// TestBibTeXErrorsQuoteLittle: a huge field name in a syntax error is cut.
func TestBibTeXErrorsQuoteLittle(t *testing.T) {
	for _, src := range []string{
		"@book{k, " + strings.Repeat("x", 100_000) + " title}",
		"@book{k, title = " + strings.Repeat("m", 100_000) + "}",
		"@book{" + strings.Repeat("k", 100_000) + ", title = {open",
	} {
		_, err := ParseBibTeX(src)
		if err == nil {
			t.Fatalf("no error for %.40q…", src)
		}
		if len(err.Error()) > 300 {
			t.Errorf("error of %d bytes: %.100s…", len(err.Error()), err)
		}
	}
}

// TestManifestTOMLDeep: deep nesting is refused before the TOML parser
// sees it, with the line; a long unknown key is cut in the error.
func TestManifestTOMLDeep(t *testing.T) {
	deep := "[[source]]\nkey = \"a\"\n\nx = " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "\n"
	_, err := ParseManifestTOML(deep)
	if err == nil || !strings.Contains(err.Error(), "line 4") || !strings.Contains(err.Error(), "nest") {
		t.Fatalf("deep nesting: %v", err)
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "sources.toml")
	if err := os.WriteFile(p, []byte(deep), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = LoadLibrary(context.Background(), input.Loader{}, []string{dir}, LibraryOptions{})
	if err == nil || !strings.Contains(err.Error(), "sources.toml") || !strings.Contains(err.Error(), "line 4") {
		t.Errorf("the error should name the file and the line: %v", err)
	}
	_, err = ParseManifestTOML("[[source]]\nkey = \"a\"\n" + strings.Repeat("k", 100_000) + " = 1\n")
	if err == nil || len(err.Error()) > 300 {
		t.Errorf("unknown long key: %.200v", err)
	}
}

// sourcesWith makes a folder holding a manifest and the files given.
func sourcesWith(t *testing.T, manifest string, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if manifest != "" {
		name := "sources.toml"
		if strings.HasPrefix(manifest, "@") {
			name = "refs.bib"
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(manifest), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestManifestFilesStayInside: a manifest may not name a file outside its
// folder, by "..", by an absolute path or through a symbolic link, unless
// the caller allows it; the refusal names the entry, the path and what
// to do, and the file is not read.
func TestManifestFilesStayInside(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(outside, []byte("Top secret: the fens were never drained.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rel := func(dir string) string {
		r, err := filepath.Rel(dir, outside)
		if err != nil {
			t.Fatal(err)
		}
		return filepath.ToSlash(r)
	}
	for _, c := range []struct {
		name  string
		setup func(dir string) string // returns the manifest
	}{
		{"dotdot", func(dir string) string {
			return "[[source]]\nkey = \"s\"\nfile = \"" + rel(dir) + "\"\n"
		}},
		{"absolute", func(string) string { return "[[source]]\nkey = \"s\"\nfile = \"" + filepath.ToSlash(outside) + "\"\n" }},
		{"symlink", func(dir string) string {
			if err := os.Symlink(outside, filepath.Join(dir, "link.txt")); err != nil {
				t.Skip(err)
			}
			return "[[source]]\nkey = \"s\"\nfile = \"link.txt\"\n"
		}},
		{"bibtex", func(dir string) string {
			return "@book{s, title={T}, file={:" + rel(dir) + ":Text}}"
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := sourcesWith(t, "", nil)
			m := c.setup(dir)
			name := "sources.toml"
			if strings.HasPrefix(m, "@") {
				name = "refs.bib"
			}
			if err := os.WriteFile(filepath.Join(dir, name), []byte(m), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := LoadLibrary(context.Background(), input.Loader{}, []string{dir}, LibraryOptions{})
			if err == nil {
				t.Fatal("a file outside the sources folder was accepted")
			}
			msg := err.Error()
			for _, want := range []string{`source "s"`, "outside the folder", "move the file"} {
				if !strings.Contains(msg, want) {
					t.Errorf("refusal lacks %q: %s", want, msg)
				}
			}
			if strings.Contains(msg, "Top secret") {
				t.Errorf("refusal quotes the file: %s", msg)
			}
			lib, err := LoadLibrary(context.Background(), input.Loader{}, []string{dir}, LibraryOptions{AllowOutside: true})
			if err != nil {
				t.Fatalf("allowed explicitly, still refused: %v", err)
			}
			if len(lib.Docs()) != 1 {
				t.Errorf("allowed explicitly: %d documents, want 1", len(lib.Docs()))
			}
		})
	}
	// a manifest that is itself a link out of the folder is not read
	dir := sourcesWith(t, "", nil)
	toml := filepath.Join(t.TempDir(), "elsewhere.toml")
	os.WriteFile(toml, []byte("[[source]]\nkey = \"x\"\ntitle = \"secret title\"\n"), 0o644)
	if err := os.Symlink(toml, filepath.Join(dir, "sources.toml")); err != nil {
		t.Skip(err)
	}
	if _, err := LoadLibrary(context.Background(), input.Loader{}, []string{dir}, LibraryOptions{}); err == nil || !strings.Contains(err.Error(), "outside") {
		t.Errorf("a manifest linked from outside was read: %v", err)
	}
	// inside, through a link that stays inside, is fine
	dir = sourcesWith(t, "[[source]]\nkey = \"s\"\nfile = \"sub/../a.txt\"\n", map[string]string{"a.txt": "A text.\n", "sub/x.txt": "x\n"})
	if _, err := LoadLibrary(context.Background(), input.Loader{}, []string{dir}, LibraryOptions{}); err != nil {
		t.Errorf("a file inside was refused: %v", err)
	}
}

// TestFIFOsDoNotHang: a FIFO named sources.toml, a FIFO among the sources
// and a manifest entry naming a FIFO neither block nor are read.
func TestFIFOsDoNotHang(t *testing.T) {
	mk := func(p string) {
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skip("no FIFOs here:", err)
		}
	}
	load := func(paths ...string) error {
		done := make(chan error, 1)
		go func() {
			_, err := LoadLibrary(context.Background(), input.Loader{}, paths, LibraryOptions{})
			done <- err
		}()
		select {
		case err := <-done:
			return err
		case <-time.After(20 * time.Second):
			t.Fatal("LoadLibrary blocked on a FIFO")
			return nil
		}
	}
	// a FIFO named sources.toml, found in the folder and named directly
	dir := sourcesWith(t, "", map[string]string{"a.txt": "A text.\n"})
	mk(filepath.Join(dir, "sources.toml"))
	err := load(dir)
	if err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("FIFO manifest in a folder: %v", err)
	}
	if err := load(filepath.Join(dir, "sources.toml")); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("FIFO manifest named: %v", err)
	}
	// a FIFO among the sources the folder walk meets
	dir = sourcesWith(t, "", map[string]string{"a.txt": "A text.\n"})
	mk(filepath.Join(dir, "b.txt"))
	if err := load(dir); err != nil {
		t.Errorf("FIFO among the sources: %v", err)
	}
	// a manifest entry naming a FIFO
	dir = sourcesWith(t, "[[source]]\nkey = \"p\"\nfile = \"pipe.md\"\n", nil)
	mk(filepath.Join(dir, "pipe.md"))
	if err := load(dir); err != nil && !errors.Is(err, context.Canceled) {
		t.Logf("FIFO named by the manifest: %v", err)
	}
}

// matchNameAll is MatchName as it was before the library was indexed: every
// source scored.
func matchNameAll(l *Library, author, title string) (*Source, float64) {
	var best *Source
	bestScore := 0.0
	for _, s := range l.Sources {
		score := 0.0
		if s.Key != "" && (strings.EqualFold(title, s.Key) || strings.EqualFold(author, s.Key)) {
			score = 1
		}
		for _, n := range append([]string{s.Title, s.Heading, fileWords(s.File)}, s.Aliases...) {
			if n == "" {
				continue
			}
			if title != "" {
				score = max(score, containment(title, n))
			}
			if title == "" && author != "" {
				score = max(score, 0.9*containment(author, n))
			}
		}
		if author != "" && s.Author != "" {
			if namesMatch(author, s.Author) {
				if title == "" {
					score = max(score, 0.8)
				} else {
					score = min(1, score+0.2)
				}
			} else if score < 1 {
				score *= 0.5
			}
		}
		if score > bestScore {
			best, bestScore = s, score
		}
	}
	if bestScore < 0.6 {
		return nil, bestScore
	}
	return best, bestScore
}

// TestLibraryIndexMatchesAll: in a library of up to 512 sources, the index
// finds what scoring every source finds.
func TestLibraryIndexMatchesAll(t *testing.T) {
	words := []string{"History", "Rome", "Empire", "Decline", "Fall", "Church", "Council", "Emperor", "Letters",
		"Annals", "War", "Peace", "Law", "City", "Gods", "Saints", "Lives", "Hist.", "Eccl.", "Ammian.", "Ætius", "Œuvres"}
	authors := []string{"Smith", "Jones", "Euseb.", "Eusebius", "Tillemont", "de Tillemont", "Gibbon", "K. Müller", "Val. Max."}
	rnd := uint64(1)
	pick := func(xs []string) string {
		rnd = rnd*6364136223846793005 + 1442695040888963407
		return xs[(rnd>>33)%uint64(len(xs))]
	}
	phrase := func(n int) string {
		var ws []string
		for i := 0; i < n; i++ {
			ws = append(ws, pick(words))
		}
		return strings.Join(ws, " ")
	}
	var entries []ManifestEntry
	for i := 0; i < 400; i++ {
		e := ManifestEntry{Key: fmt.Sprintf("k%d", i), Title: phrase(1 + i%5), Author: pick(authors)}
		if i%7 == 0 {
			e.Aliases = []string{pick(authors) + ", " + phrase(2)}
		}
		if i%11 == 0 {
			e.Author = ""
		}
		entries = append(entries, e)
	}
	lib := newLibrary(nil, entries, nil)
	for i := 0; i < 1000; i++ {
		author, title := pick(authors), phrase(i%4)
		switch i % 9 {
		case 0:
			author = ""
		case 1:
			title = fmt.Sprintf("K%d", i%500)
		}
		got, gs := lib.MatchName(author, title)
		want, ws := matchNameAll(lib, author, title)
		if got != want || (got != nil && gs != ws) {
			t.Fatalf("MatchName(%q, %q) = %v %.2f, scoring all gives %v %.2f", author, title, got, gs, want, ws)
		}
	}
}

// TestManifestAliasLimit: a source with more aliases than are read is an
// error that names it.
func TestManifestAliasLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString("[[source]]\nkey = \"many\"\naliases = [")
	for i := 0; i < 101; i++ {
		fmt.Fprintf(&b, "\"a%d\", ", i)
	}
	b.WriteString("]\n")
	dir := sourcesWith(t, b.String(), nil)
	_, err := LoadLibrary(context.Background(), input.Loader{}, []string{dir}, LibraryOptions{})
	if err == nil || !strings.Contains(err.Error(), `source "many"`) || !strings.Contains(err.Error(), "aliases") {
		t.Errorf("101 aliases: %v", err)
	}
}

// TestLimitNoFalseUndefined: when a document holds more notes than are
// checked, the endnotes past the cut are the ones left out; the markers
// that point at them are not reported as undefined (nor the notes kept as
// unused), only the limit is.
func TestLimitNoFalseUndefined(t *testing.T) {
	var b strings.Builder
	for i := 1; i <= 1200; i++ {
		fmt.Fprintf(&b, "Word[^%d] ", i)
	}
	b.WriteString("\n\n")
	for i := 1; i <= 1200; i++ {
		fmt.Fprintf(&b, "[^%d]: N.\n", i)
	}
	fs := runCite(t, mustDoc(t, "dense.md", b.String()), nil)
	n := countChecks(fs)
	if n["cite.note-limit"] != 1 || n["cite.marker-undefined"] != 0 || n["cite.note-unused"] != 0 {
		t.Fatalf("note-limit %d, marker-undefined %d, note-unused %d: want 1, 0, 0", n["cite.note-limit"], n["cite.marker-undefined"], n["cite.note-unused"])
	}
}
