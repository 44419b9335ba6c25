package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/compare"
)

// These tests feed every renderer names and text written to attack where
// the report goes: a terminal (ESC, OSC 8 hyperlinks, bidirectional
// overrides, CR), a GitHub Actions log (workflow commands "::…::" at the
// start of a line, the legacy "##[…]" anywhere, "%0A" meant to survive the
// runner's unescaping), a spreadsheet (formulas), and a reader who must
// tell two names apart.

// attackNames are file names a pull request can add.
var attackNames = []string{
	`a\x1b.txt`, // a backslash, x, 1, b: must not print like the next one
	"a\x1b.txt",
	"::stop-commands::tok.txt",
	"b%0A::error::pwn.txt",
	"c\n::error file=x,line=1::nl.txt",
	" ::warning::lead.txt",
	"d\u202eevil.txt",
	"e\rf.txt",
	`=HYPERLINK("http://evil/","x").txt`,
	"o\x1b]8;;http://evil/\x07link\x1b]8;;\x07.txt",
	"##[error]legacy.txt",
	"z\u2028\u200b\u2066.txt",
}

// attackMessages are messages that quote such text from a document.
var attackMessages = []string{
	"\x1b[31mred\x1b[0m and \x1b]8;;http://evil/\x07click\x1b]8;;\x07",
	"x%0A::error::injected",
	"line\n::warning::x\r::error::y",
	"##[stop-commands]tok",
	`=HYPERLINK("http://evil/","x")`,
	"@SUM(1+1)*cmd|' /C calc'!A0",
	"\u202eevil\u2066 \u200b",
	"-2+3+cmd|' /C calc'!A0",
	"::add-mask::secret",
}

// hostileResult is a report over documents with hostile names: a finding
// in each, related to the next one, and one finding per hostile message.
func attackResult(t testing.TB) *Result {
	check := &compare.Check{ID: "test.hostile", Title: "Hostile text", Severity: compare.Warning}
	var docs []*compare.Document
	for _, name := range attackNames {
		docs = append(docs, fixtureDoc(t, name, "One two three four.\n"))
	}
	nums := fixtureDoc(t, "n.txt", "+1 -3 =A1 @x\n")
	docs = append(docs, nums)
	var fs []compare.Finding
	for i, d := range docs[:len(attackNames)] {
		f := compare.Newf(check, d, spanOf(t, d, "two", 0), "%s", "shared with "+docs[(i+1)%len(attackNames)].Path)
		f.Relate("copy", docs[(i+1)%len(attackNames)], spanOf(t, docs[(i+1)%len(attackNames)], "three", 0))
		fs = append(fs, f)
	}
	for _, m := range attackMessages {
		f := compare.Newf(check, docs[0], spanOf(t, docs[0], "four", 0), "%s", m)
		f.Details = map[string]any{"word_diff": "[-" + m + "-]{+x+}"}
		fs = append(fs, f)
	}
	for _, sub := range []string{"-3", "=A1", "@x", "+1"} {
		fs = append(fs, compare.Newf(check, nums, spanOf(t, nums, sub, 0), "%s", sub))
	}
	compare.SortFindings(fs)
	return &Result{Tool: "crosscheck", Version: "0.0.0-test", Docs: docs, Findings: fs, Checks: []*compare.Check{check}}
}

// attackFormats are the formats held to these rules (the HTML page is a
// file for a browser, escaped by html/template).
var attackFormats = []string{"table", "text", "markdown", "csv", "json", "sarif", "github", "rdjsonl"}

// TestRenderersInert: no format writes a character that drives a terminal
// or hides text, or a line that the Actions runner reads as a workflow
// command (only the github format's own commands start with "::"). The
// HTML page may hold tabs, as a document's text does.
func TestRenderersInert(t *testing.T) {
	res := attackResult(t)
	for _, format := range append(attackFormats, "html") {
		t.Run(format, func(t *testing.T) {
			out := string(render(t, format, res))
			checkInert(t, format, out)
		})
	}
}

// checkInert fails the test on a control or hidden character (other than
// the line breaks between lines), a line that starts a workflow command
// (after white space, as the runner trims it) other than a github
// finding's own, and a legacy "##[" anywhere.
func checkInert(t *testing.T, format, out string) {
	t.Helper()
	for i, r := range out {
		if r == '\n' || r == '\t' && format == "html" {
			continue
		}
		if r == utf8.RuneError || unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp) {
			t.Errorf("%s: character %U at byte %d: …%q…", format, r, i, out[max(0, i-30):min(len(out), i+30)])
		}
	}
	if strings.Contains(out, "##[") {
		t.Errorf("%s: a legacy workflow command \"##[\": %q", format, around(out, "##["))
	}
	for _, line := range strings.Split(out, "\n") {
		trimmed := strings.TrimLeftFunc(line, unicode.IsSpace)
		if !strings.HasPrefix(trimmed, "::") {
			continue
		}
		if format == "github" && line == trimmed && githubCommand(line) {
			continue
		}
		t.Errorf("%s: a line starts a workflow command: %q", format, line)
	}
}

// githubCommand reports a line that is one of the github format's own
// commands, parsed as the runner parses it: "::level props::data" whose
// properties are file, line, col, endLine, endColumn and title.
func githubCommand(line string) bool {
	end := strings.Index(line[2:], "::")
	if end < 0 {
		return false
	}
	info := line[2 : 2+end]
	level, props, _ := strings.Cut(info, " ")
	if level != "notice" && level != "warning" && level != "error" {
		return false
	}
	for _, p := range strings.Split(props, ",") {
		k, _, ok := strings.Cut(p, "=")
		if !ok || !strings.Contains("file line col endLine endColumn title", k) {
			return false
		}
	}
	return true
}

func around(s, sub string) string {
	i := strings.Index(s, sub)
	return s[max(0, i-30):min(len(s), i+30)]
}

// TestRenderersInjective: two documents whose names differ only by
// escaping (a backslash, x, 1, b; and a real ESC) never print alike, in
// any format.
func TestRenderersInjective(t *testing.T) {
	check := &compare.Check{ID: "test.hostile", Title: "Hostile text", Severity: compare.Warning}
	one := func(name string) *Result {
		d := fixtureDoc(t, name, "One two three.\n")
		f := compare.Newf(check, d, spanOf(t, d, "two", 0), "%s", "m")
		return &Result{Tool: "crosscheck", Version: "0", Docs: []*compare.Document{d}, Findings: []compare.Finding{f},
			Checks: []*compare.Check{check}}
	}
	pairs := [][2]string{
		{`a\x1b.txt`, "a\x1b.txt"},
		{`a\u202e.txt`, "a\u202e.txt"},
		{`a\\x1b.txt`, `a\x1b.txt`},
		{"a\tb.txt", "a b.txt"},
		{"a\r\nb.txt", "a\nb.txt"},
		{"a\x85.txt", "a\u0085.txt"}, // a byte that is not UTF-8, and the C1 character
	}
	for _, format := range attackFormats {
		for _, p := range pairs {
			a, b := render(t, format, one(p[0])), render(t, format, one(p[1]))
			if bytes.Equal(a, b) {
				t.Errorf("%s: %q and %q print alike:\n%s", format, p[0], p[1], a)
			}
		}
	}
}

// TestCSVNoFormulas: no CSV cell starts a spreadsheet formula; numbers
// such as "-3" stay as they are; every record is one line.
func TestCSVNoFormulas(t *testing.T) {
	out := string(render(t, "csv", attackResult(t)))
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(out, "\n"); lines != len(recs) {
		t.Errorf("%d lines for %d records: a field holds a line break", lines, len(recs))
	}
	sawNumber := false
	for _, rec := range recs {
		for _, cell := range rec {
			if cell == "-3" || cell == "+1" {
				sawNumber = true
				continue
			}
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q starts a formula", cell)
			}
		}
	}
	if !sawNumber {
		t.Errorf("the excerpts -3 and +1 did not stay numbers:\n%s", out)
	}
}

// TestMessagesBounded: a message that quotes a quarter megabyte of one
// line (a BibTeX value, a claim with no full stop) is cut in every format;
// the file names around it are not. (On main the table took 264 s over a
// 1 MiB quote, wrapping the one word; 256 KiB keeps a regression short.)
func TestMessagesBounded(t *testing.T) {
	check := &compare.Check{ID: "test.hostile", Title: "Hostile text", Severity: compare.Warning}
	name := "dir/" + strings.Repeat("n", 200) + "/" + strings.Repeat("m", 250) + ".txt"
	d := fixtureDoc(t, name, "One two three.\n")
	huge := strings.Repeat("word", 1<<16) // 256 KiB with no space
	f := compare.Newf(check, d, spanOf(t, d, "two", 0), "same claim: %q, also in %s", huge, name)
	f2 := compare.Newf(check, d, spanOf(t, d, "three", 0), "unquoted %s end", huge)
	res := &Result{Tool: "crosscheck", Version: "0", Docs: []*compare.Document{d}, Findings: []compare.Finding{f, f2},
		Checks: []*compare.Check{check}}
	for _, format := range Formats {
		out := render(t, format, res)
		if len(out) > 64<<10 {
			t.Errorf("%s: %d bytes of output for a 256 KiB message", format, len(out))
		}
	}
	out := string(render(t, "text", res))
	if !strings.Contains(out, "also in "+name) || !strings.Contains(out, "…") {
		t.Errorf("text: the message lost the file name after the quote, or shows no cut:\n%.300s", out)
	}
}

// TestHostileGolden pins how every format shows the hostile names and
// messages (go test -update rewrites the files).
func TestAttackGolden(t *testing.T) {
	res := attackResult(t)
	for _, format := range attackFormats {
		t.Run(format, func(t *testing.T) {
			checkGolden(t, filepath.Join("testdata", "golden", "attack-"+format+".golden"), render(t, format, res))
		})
	}
}

// TestJSONKeepsHostileText: the JSON formats change no text: every
// message and path reads back as it was.
func TestJSONKeepsAttackText(t *testing.T) {
	res := attackResult(t)
	var js struct {
		Files    []struct{ Path string }
		Findings []struct{ Message, File string }
	}
	if err := json.Unmarshal(render(t, "json", res), &js); err != nil {
		t.Fatal(err)
	}
	for i, d := range res.Docs {
		if js.Files[i].Path != d.Path {
			t.Errorf("file %d: %q, want %q", i, js.Files[i].Path, d.Path)
		}
	}
	for i, f := range res.Findings {
		if js.Findings[i].Message != f.Message || js.Findings[i].File != f.Doc.Path {
			t.Errorf("finding %d: %q in %q, want %q in %q", i, js.Findings[i].Message, js.Findings[i].File, f.Message, f.Doc.Path)
		}
	}
}
