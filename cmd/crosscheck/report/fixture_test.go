package report

import (
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input"
)

// The fixture: a fixed set of documents and findings with every kind of
// awkward text a renderer must survive: quotes, "|", "%", ":", ",", line
// breaks, HTML, control characters, non-ASCII and wide characters, very
// long messages and paths.

var (
	checkAwkward = &compare.Check{
		ID:       "test.awkward-text",
		Title:    `Title with "quotes", a colon: and a | pipe`,
		Help:     "Help with 100% of the <b>awkward</b> characters: `code`, *stars*, [links](x) & entities &copy;.",
		Severity: compare.Error,
	}
	checkNote = &compare.Check{
		ID:       "test.note",
		Title:    "A note",
		Help:     "An informational finding.",
		Severity: compare.Info,
	}
	checkUnused = &compare.Check{
		ID:       "test.unused",
		Title:    "Registered but not reported",
		Help:     "A rule that no finding uses; SARIF still lists it.",
		Severity: compare.Warning,
	}
)

const longPath = "archive/2024/quarterly-reports/department-of-extremely-long-directory-names/" +
	"subcommittee_on_naming_things/final_final_v3/appendix-b-supplementary-material-and-notes.txt"

// fixtureDoc builds a document or fails the test.
func fixtureDoc(t testing.TB, name, raw string) *compare.Document {
	t.Helper()
	d, err := input.Parse(name, []byte(raw), input.Options{})
	if err != nil {
		t.Fatalf("NewDocument(%q): %v", name, err)
	}
	return d
}

// spanOf returns the Text span of the n-th (0-based) occurrence of sub.
func spanOf(t testing.TB, d *compare.Document, sub string, n int) compare.Span {
	t.Helper()
	off := 0
	for i := 0; ; i++ {
		k := strings.Index(d.Text[off:], sub)
		if k < 0 {
			t.Fatalf("%s: %q occurrence %d not found in %q", d.Path, sub, n, d.Text)
		}
		if i == n {
			return compare.Span{Start: off + k, End: off + k + len(sub)}
		}
		off += k + len(sub)
	}
}

// fixture returns the deterministic result every golden file renders.
func fixture(t testing.TB) *Result {
	plain := fixtureDoc(t, `notes/a "quoted", 100%: name.txt`,
		"Intro line.\r\nThe the cat sat | on 100% of the mat, said: \"yes\".\r\n"+
			"Second para with the the repeat.\r\n")
	html := fixtureDoc(t, "web/page.html",
		"<html><head><script>var x = \"<p>\";</script></head>\n<body>\n"+
			"<p>Peace cannot be achieved &amp; kept.<sup>35</sup></p>\n"+
			"<p>Naïve café — “quoted” 中文 text here here.</p>\n</body></html>\n")
	long := fixtureDoc(t, longPath, "Only a line with a word word in it.\n")

	var fs []compare.Finding

	f := compare.Newf(compare.CheckStutter, plain, spanOf(t, plain, "the", 0), "%q is repeated; delete one copy", "The")
	f.Relate("first", plain, spanOf(t, plain, "The", 0))
	f.Details = map[string]any{"words": 1, "copies": 2}
	fs = append(fs, f)

	f = compare.Newf(checkAwkward, plain, spanOf(t, plain, "| on 100% of the mat, said: \"yes\"", 0),
		"He said \"stop\" | then 100%% , : done\nand a second line with <script>alert(1)</script> & more\ttab \x1b[31mred\x1b[0m")
	f.Relate("elsewhere, with: \"quotes\"", long, spanOf(t, long, "word word", 0))
	f.Details = map[string]any{"word_diff": "on [-100%-] {+all+} of the mat | said"}
	fs = append(fs, f)

	f = compare.Newf(compare.CheckStutter, plain, spanOf(t, plain, "the", 3), "%q is repeated; delete one copy", "the")
	f.Relate("first", plain, spanOf(t, plain, "the", 2))
	f.Details = map[string]any{"words": 1, "copies": 2}
	fs = append(fs, f)

	f = compare.Newf(compare.CheckStutter, html, spanOf(t, html, "here", 1), "%q is repeated; delete one copy", "here")
	f.Relate("first", html, spanOf(t, html, "here", 0))
	fs = append(fs, f)

	f = compare.Newf(checkNote, html, spanOf(t, html, "Naïve café", 0), "%s",
		"Non-ASCII: naïve café — “quoted” 中文, ‮reversed‬ and a very long message that goes on and on "+
			"to show how wrapping works when a message is much longer than any terminal is wide: "+
			strings.Repeat("lorem ipsum dolor sit amet, ", 6)+"and one unbreakable "+
			"word-with-no-spaces-at-all-that-is-longer-than-the-message-column-can-ever-be-made-wide.")
	fs = append(fs, f)

	f = compare.Newf(checkNote, long, spanOf(t, long, "word", 1), "A finding in a file with a very long path")
	fs = append(fs, f)

	compare.SortFindings(fs)
	return &Result{
		Tool:     "crosscheck",
		Version:  "0.0.0-test",
		Docs:     []*compare.Document{long, plain, html},
		Skipped:  []compare.Skipped{{Path: "bin/tool", Reason: "binary data (control byte at offset 0)"}},
		Findings: fs,
		Checks:   []*compare.Check{compare.CheckStutter, checkAwkward, checkNote, checkUnused},
	}
}
