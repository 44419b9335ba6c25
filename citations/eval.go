package citations

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/crosscheck/crosscheck/compare"
)

// Labelled fixtures: documents that say which findings they expect, in
// comments on the line where each finding should start:
//
//	text <sup>3</sup> <!-- expect: cite.marker-undefined -->
//	\footnotemark[3] % expect: cite.marker-undefined
//
// A fixture holding "<!-- cite-sources -->" is checked against the
// sources folder. The comments are blanked with spaces before the check,
// so offsets and lines stay as written.

var (
	reExpect    = regexp.MustCompile(`<!--\s*expect:\s*([a-z0-9.\-]+)\s*-->|%\s*expect:\s*([a-z0-9.\-]+)`)
	reDirective = regexp.MustCompile(`<!--\s*cite-sources\s*-->`)
)

// FixtureResult compares one fixture's findings with its expectations.
type FixtureResult struct {
	Path       string
	Syntax     string // markdown, html, epub, html-book, latex, text
	Expected   int
	Found      int
	Matched    int
	Missed     []string // "line:check" expected but not reported
	Unexpected []string // "line:check message" reported but not expected
}

// CheckScore counts one check's matches over all fixtures.
type CheckScore struct {
	ID                string
	TP, FP, FN        int
	Precision, Recall float64
}

// EvalResult is the evaluation over a folder of fixtures.
type EvalResult struct {
	Fixtures []FixtureResult
	Checks   []CheckScore
	// Syntaxes scores the fixtures of each syntax (ID is the syntax).
	Syntaxes []CheckScore
	Total    CheckScore
}

// EvaluateFixtures checks every fixture in dir (sources for those that ask
// for them in sourcesDir) and scores the findings against the expectations.
// A fixture is a file, or a folder: "NAME.epub.d" holds the members of an
// EPUB (zipped in memory and read as one book), "NAME.book" a folder of
// files checked together as one book. In a folder, expectations are
// matched by member (EPUB) or file, and line.
func EvaluateFixtures(ctx context.Context, files compare.Files, dir, sourcesDir string) (*EvalResult, error) {
	ents, err := files.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var lib *Library
	scores := map[string]*CheckScore{}
	score := func(id string) *CheckScore {
		if scores[id] == nil {
			scores[id] = &CheckScore{ID: id}
		}
		return scores[id]
	}
	bySyntax := map[string]*CheckScore{}
	res := &EvalResult{}
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		var fx *fixture
		switch {
		case !e.IsDir():
			fx, err = fileFixture(files, p)
		case strings.HasSuffix(e.Name(), ".epub.d"):
			fx, err = epubFixture(files, p)
		case strings.HasSuffix(e.Name(), ".book"):
			fx, err = bookFixture(files, p)
		default:
			continue
		}
		if err != nil {
			return nil, err
		}
		for k := range fx.expected {
			score(k[strings.LastIndexByte(k, ':')+1:])
		}
		opt := Options{}
		var srcDocs []*compare.Document
		if fx.useSources {
			if lib == nil {
				lib, err = LoadLibrary(ctx, files, []string{sourcesDir}, LibraryOptions{})
				if err != nil {
					return nil, err
				}
			}
			opt.Library = lib
			srcDocs = lib.Docs()
		}
		var found compare.Collector
		err = compare.Run(ctx, []*compare.Analyzer{Analyzer(opt)}, fx.docs, srcDocs, compare.Budget{}, &found)
		if err != nil {
			return nil, err
		}
		fs := found.Findings
		nExp := 0
		left := map[string]int{}
		for k, v := range fx.expected {
			left[k] = v
			nExp += v
		}
		fr := FixtureResult{Path: filepath.ToSlash(p), Syntax: fx.syntax, Expected: nExp, Found: len(fs)}
		syn := bySyntax[fx.syntax]
		if syn == nil {
			syn = &CheckScore{ID: fx.syntax}
			bySyntax[fx.syntax] = syn
		}
		for _, f := range fs {
			k := fx.key(f)
			if left[k] > 0 {
				left[k]--
				fr.Matched++
				score(f.Check.ID).TP++
				syn.TP++
				continue
			}
			fr.Unexpected = append(fr.Unexpected, k+" "+f.Message)
			score(f.Check.ID).FP++
			syn.FP++
		}
		for k, v := range left {
			for ; v > 0; v-- {
				fr.Missed = append(fr.Missed, k)
				score(k[strings.LastIndexByte(k, ':')+1:]).FN++
				syn.FN++
			}
		}
		sort.Strings(fr.Missed)
		res.Fixtures = append(res.Fixtures, fr)
	}
	for _, s := range scores {
		s.Precision, s.Recall = ratio(s.TP, s.TP+s.FP), ratio(s.TP, s.TP+s.FN)
		res.Checks = append(res.Checks, *s)
		res.Total.TP += s.TP
		res.Total.FP += s.FP
		res.Total.FN += s.FN
	}
	for _, s := range bySyntax {
		s.Precision, s.Recall = ratio(s.TP, s.TP+s.FP), ratio(s.TP, s.TP+s.FN)
		res.Syntaxes = append(res.Syntaxes, *s)
	}
	res.Total.ID = "all"
	res.Total.Precision, res.Total.Recall = ratio(res.Total.TP, res.Total.TP+res.Total.FP), ratio(res.Total.TP, res.Total.TP+res.Total.FN)
	sort.Slice(res.Checks, func(i, j int) bool { return res.Checks[i].ID < res.Checks[j].ID })
	sort.Slice(res.Syntaxes, func(i, j int) bool { return res.Syntaxes[i].ID < res.Syntaxes[j].ID })
	return res, nil
}

// fixture is one labelled case: its documents, the findings it expects
// (by key: "line:check", or "member:line:check" in a book) and how a
// finding's key is made.
type fixture struct {
	docs       []*compare.Document
	expected   map[string]int
	key        func(compare.Finding) string
	useSources bool
	syntax     string
}

// syntaxOf names a fixture's syntax by its file name.
func syntaxOf(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown":
		return "markdown"
	case ".html", ".htm", ".xhtml":
		return "html"
	case ".tex", ".ltx":
		return "latex"
	case ".d":
		return "epub"
	case ".book":
		return "html-book"
	}
	return "text"
}

// readLabelled reads a labelled file: the expected findings by line, and
// its bytes with the expectation comments (and the sources directive)
// blanked with spaces, so that offsets and lines stay as written.
func readLabelled(raw []byte) (clean []byte, expected map[int][]string, useSources bool) {
	expected = map[int][]string{}
	useSources = reDirective.Match(raw)
	clean = append([]byte(nil), raw...)
	blank := func(a, b int) {
		for i := a; i < b; i++ {
			if clean[i] != '\n' {
				clean[i] = ' '
			}
		}
	}
	for _, m := range reExpect.FindAllSubmatchIndex(raw, -1) {
		id := ""
		if m[2] >= 0 {
			id = string(raw[m[2]:m[3]])
		} else {
			id = string(raw[m[4]:m[5]])
		}
		line := 1 + bytes.Count(raw[:m[0]], []byte("\n"))
		expected[line] = append(expected[line], id)
		blank(m[0], m[1])
	}
	for _, m := range reDirective.FindAllIndex(raw, -1) {
		blank(m[0], m[1])
	}
	return clean, expected, useSources
}

func fileFixture(files compare.Files, p string) (*fixture, error) {
	raw, err := files.ReadFile(p)
	if err != nil {
		return nil, err
	}
	clean, exp, useSources := readLabelled(raw)
	doc, err := files.Parse(filepath.ToSlash(p), clean, "")
	if err != nil {
		return nil, err
	}
	fx := &fixture{docs: []*compare.Document{doc}, expected: map[string]int{}, useSources: useSources, syntax: syntaxOf(p)}
	for line, ids := range exp {
		for _, id := range ids {
			fx.expected[fmt.Sprintf("%d:%s", line, id)]++
		}
	}
	fx.key = func(f compare.Finding) string {
		return fmt.Sprintf("%d:%s", doc.Position(f.Span.Start).Line, f.Check.ID)
	}
	return fx, nil
}

// walkFixture lists the files under a folder fixture, by path below it
// (slash-separated), in order.
func walkFixture(files compare.Files, root string) ([]string, error) {
	var out []string
	var walk func(rel string) error
	walk = func(rel string) error {
		ents, err := files.ReadDir(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			return err
		}
		for _, e := range ents {
			r := path.Join(rel, e.Name())
			if e.IsDir() {
				if err := walk(r); err != nil {
					return err
				}
				continue
			}
			out = append(out, r)
		}
		return nil
	}
	err := walk("")
	sort.Strings(out)
	return out, err
}

// epubFixture zips the members under an "NAME.epub.d" folder (mimetype
// first, stored) into an EPUB and reads it. Expectations in a member are
// matched by member and check: the book's lines are those of its
// extracted text, not of the member.
func epubFixture(files compare.Files, p string) (*fixture, error) {
	names, err := walkFixture(files, p)
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(names, func(a, b string) int {
		switch {
		case a == b:
			return 0
		case a == "mimetype":
			return -1
		case b == "mimetype":
			return 1
		}
		return strings.Compare(a, b)
	})
	fx := &fixture{expected: map[string]int{}, syntax: "epub"}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		raw, err := files.ReadFile(filepath.Join(p, filepath.FromSlash(n)))
		if err != nil {
			return nil, err
		}
		clean, exp, useSources := readLabelled(raw)
		fx.useSources = fx.useSources || useSources
		for _, ids := range exp {
			for _, id := range ids {
				fx.expected[n+":"+id]++
			}
		}
		method := zip.Deflate
		if n == "mimetype" {
			method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: method})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(clean); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	name := strings.TrimSuffix(filepath.ToSlash(p), ".d")
	doc, err := files.Parse(name, buf.Bytes(), "")
	if err != nil {
		return nil, err
	}
	fx.docs = []*compare.Document{doc}
	fx.key = func(f compare.Finding) string {
		return doc.Where(f.Span).Member + ":" + f.Check.ID
	}
	return fx, nil
}

// bookFixture reads the files of an "NAME.book" folder as documents
// checked together: a book of several files that link to each other.
func bookFixture(files compare.Files, p string) (*fixture, error) {
	names, err := walkFixture(files, p)
	if err != nil {
		return nil, err
	}
	fx := &fixture{expected: map[string]int{}, syntax: "html-book"}
	byDoc := map[*compare.Document]string{}
	for _, n := range names {
		full := filepath.ToSlash(filepath.Join(p, filepath.FromSlash(n)))
		raw, err := files.ReadFile(full)
		if err != nil {
			return nil, err
		}
		clean, exp, useSources := readLabelled(raw)
		fx.useSources = fx.useSources || useSources
		for line, ids := range exp {
			for _, id := range ids {
				fx.expected[fmt.Sprintf("%s:%d:%s", n, line, id)]++
			}
		}
		doc, err := files.Parse(full, clean, "")
		if err != nil {
			return nil, err
		}
		byDoc[doc] = n
		fx.docs = append(fx.docs, doc)
	}
	fx.key = func(f compare.Finding) string {
		d := f.Doc
		return fmt.Sprintf("%s:%d:%s", byDoc[d], d.Position(f.Span.Start).Line, f.Check.ID)
	}
	return fx, nil
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Print writes the evaluation as a table: per check, then per fixture
// with anything missed or unexpected.
func (r *EvalResult) Print(w io.Writer) {
	fmt.Fprintf(w, "%-26s %4s %4s %4s %9s %7s\n", "check", "TP", "FP", "FN", "precision", "recall")
	for _, s := range append(r.Checks, r.Total) {
		fmt.Fprintf(w, "%-26s %4d %4d %4d %9.3f %7.3f\n", s.ID, s.TP, s.FP, s.FN, s.Precision, s.Recall)
	}
	fmt.Fprintf(w, "\n%-26s %4s %4s %4s %9s %7s %6s %s\n", "syntax", "TP", "FP", "FN", "precision", "recall", "files", "clean (findings)")
	for _, s := range r.Syntaxes {
		files, clean, onClean := 0, 0, 0
		for _, f := range r.Fixtures {
			if f.Syntax != s.ID {
				continue
			}
			files++
			if f.Expected == 0 {
				clean++
				onClean += f.Found
			}
		}
		fmt.Fprintf(w, "%-26s %4d %4d %4d %9.3f %7.3f %6d %d (%d)\n", s.ID, s.TP, s.FP, s.FN, s.Precision, s.Recall, files, clean, onClean)
	}
	fmt.Fprintln(w)
	for _, f := range r.Fixtures {
		fmt.Fprintf(w, "%s: %d expected, %d found, %d matched\n", f.Path, f.Expected, f.Found, f.Matched)
		for _, m := range f.Missed {
			fmt.Fprintf(w, "  missed     %s\n", m)
		}
		for _, u := range f.Unexpected {
			fmt.Fprintf(w, "  unexpected %s\n", u)
		}
	}
}
