package textcheck

import (
	"bufio"
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/citations"
	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/claims"
	"github.com/crosscheck/crosscheck/compare/reuse"
	"github.com/crosscheck/crosscheck/seeds"
)

// marked is one defect of a labelled fixture: where it is and what kind.
type marked struct {
	path       string
	line, col  int
	kind, text string
	note       string
	span       compare.Span // original bytes, set when the fixture is checked against its file
}

// readMarked reads a fixture of marked defects (path, line, column, kind,
// text, note; tab-separated, # comments).
func readMarked(t testing.TB, name string) []marked {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []marked
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		c := strings.Split(l, "\t")
		if len(c) != 6 {
			t.Fatalf("%s: want 6 fields: %q", name, l)
		}
		line, _ := strconv.Atoi(c[1])
		col, _ := strconv.Atoi(c[2])
		out = append(out, marked{path: c[0], line: line, col: col, kind: c[3],
			text: strings.ReplaceAll(c[4], `\n`, "\n"), note: c[5]})
	}
	return out
}

// locate sets m.span from its line and column, and fails when the text
// there is not m.text: a fixture that drifted from its file.
func locate(t testing.TB, d *compare.Document, m *marked) {
	t.Helper()
	raw := string(d.Raw)
	off := 0
	for l := 1; l < m.line; l++ {
		i := strings.IndexByte(raw[off:], '\n')
		if i < 0 {
			t.Fatalf("%s:%d: no such line", m.path, m.line)
		}
		off += i + 1
	}
	for c := 1; c < m.col; c++ {
		_, n := decodeRune(raw[off:])
		off += n
	}
	if !strings.HasPrefix(raw[off:], m.text) {
		t.Fatalf("%s:%d:%d: fixture says %q, file has %q", m.path, m.line, m.col, m.text, raw[off:min(len(raw), off+len(m.text))])
	}
	m.span = compare.Span{Start: off, End: off + len(m.text)}
	if p := d.Position(off); p.Line != m.line || p.Column != m.col {
		t.Fatalf("%s: kernel puts offset %d at %d:%d, fixture at %d:%d", m.path, off, p.Line, p.Column, m.line, m.col)
	}
}

// matches reports whether finding f reports marked defect m: the same
// file, overlapping bytes and a check of the kind marked.
func matches(f compare.Finding, m marked) bool {
	if f.Doc.Path != m.path || !f.Span.Overlaps(m.span) {
		return false
	}
	switch m.kind {
	case "stutter":
		return f.Check.ID == "repeat.stutter"
	case "citation":
		return strings.HasPrefix(f.Check.ID, "cite.")
	}
	return f.Check.ID == "text."+m.kind
}

// checkAnalyzers are the analyzers 'crosscheck check' runs, with its
// default options.
func checkAnalyzers() []*compare.Analyzer {
	return []*compare.Analyzer{
		compare.StutterAnalyzer(compare.StutterOptions{MaxWords: 12}),
		reuse.RepeatAnalyzer(reuse.RepeatOptions{Options: reuse.Options{MinWords: reuse.DefaultMinWords, MaxGap: reuse.DefaultMaxGap},
			StutterWords: 12}),
		compare.InputAnalyzer(),
		claims.Analyzer(claims.Options{}),
		Analyzer(Options{}),
		citations.Analyzer(citations.Options{}),
	}
}

// TestSeedsAcceptance runs every check over the embedded seeds and
// compares the findings with the defects an editor marks in them
// (testdata/seeds-defects.tsv): at least 30 found, and no text.* finding
// that marks nothing.
func TestSeedsAcceptance(t *testing.T) {
	docs, err := seeds.Documents()
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]*compare.Document{}
	for _, d := range docs {
		byPath[d.Path] = d
	}
	marks := readMarked(t, "testdata/seeds-defects.tsv")
	for i := range marks {
		d := byPath[marks[i].path]
		if d == nil {
			t.Fatalf("fixture names %s, not a seed", marks[i].path)
		}
		locate(t, d, &marks[i])
	}
	var col compare.Collector
	if err := compare.Run(context.Background(), checkAnalyzers(), docs, nil, compare.DefaultBudget(), &col); err != nil {
		t.Fatal(err)
	}
	found := 0
	used := make([]bool, len(col.Findings))
	for _, m := range marks {
		hit := false
		for i, f := range col.Findings {
			if matches(f, m) {
				hit, used[i] = true, true
			}
		}
		if hit {
			found++
		} else {
			t.Logf("not found: %s:%d:%d %s %q", m.path, m.line, m.col, m.kind, m.text)
		}
	}
	falseText := 0
	for i, f := range col.Findings {
		if used[i] {
			continue
		}
		p := f.Doc.Position(f.Span.Start)
		t.Logf("unmarked finding: %s:%d:%d %s %s", f.Doc.Path, p.Line, p.Column, f.Check.ID, f.Message)
		if strings.HasPrefix(f.Check.ID, "text.") {
			falseText++
		}
	}
	t.Logf("seeds: %d defects marked, %d found by check; %d findings, %d unmarked (%d of them text.*)",
		len(marks), found, len(col.Findings), len(col.Findings)-countTrue(used), falseText)
	if found < 30 {
		t.Errorf("check finds %d of the %d marked defects; want at least 30", found, len(marks))
	}
	if falseText > 0 {
		t.Errorf("%d text.* findings mark no defect of the fixture", falseText)
	}
}

func countTrue(b []bool) int {
	n := 0
	for _, x := range b {
		if x {
			n++
		}
	}
	return n
}
