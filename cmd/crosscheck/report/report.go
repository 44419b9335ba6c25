// Package report renders findings in the formats crosscheck writes: a
// terminal table, greppable text, Markdown, CSV, the versioned JSON
// contract, SARIF 2.1.0 and GitHub Actions workflow commands.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/crosscheck/crosscheck/compare"
)

// Result is everything a renderer may show: the documents read, the files
// skipped, the findings and the checks that could have produced them.
type Result struct {
	Tool     string
	Version  string
	Docs     []*compare.Document
	Skipped  []compare.Skipped
	Findings []compare.Finding
	Checks   []*compare.Check // every registered check, for SARIF rules and summaries

	// Filled by the command only when NeedsExtras(format): see data.go.
	Pairs       []Pair        // pairs of documents that share passages
	Comparisons []Comparison  // findings' related places set side by side
	Citations   []CitationRow // the citations of every document
}

// Summary counts findings by severity.
type Summary struct {
	Findings int `json:"findings"`
	Error    int `json:"error"`
	Warning  int `json:"warning"`
	Info     int `json:"info"`
}

// Summary counts the result's findings by severity.
func (r *Result) Summary() Summary {
	s := Summary{Findings: len(r.Findings)}
	for _, f := range r.Findings {
		switch f.Severity {
		case compare.Error:
			s.Error++
		case compare.Warning:
			s.Warning++
		default:
			s.Info++
		}
	}
	return s
}

// SummaryLine says in one line what was read and found, for the human
// formats: "4 files · 1 finding: 1 warning".
func (r *Result) SummaryLine() string {
	parts := []string{plural(len(r.Docs), "file", "files")}
	if n := len(r.Skipped); n > 0 {
		parts = append(parts, fmt.Sprintf("%d skipped", n))
	}
	s := r.Summary()
	if s.Findings == 0 {
		parts = append(parts, "no findings")
	} else {
		var by []string
		if s.Error > 0 {
			by = append(by, plural(s.Error, "error", "errors"))
		}
		if s.Warning > 0 {
			by = append(by, plural(s.Warning, "warning", "warnings"))
		}
		if s.Info > 0 {
			by = append(by, fmt.Sprintf("%d info", s.Info))
		}
		parts = append(parts, plural(s.Findings, "finding", "findings")+": "+strings.Join(by, ", "))
	}
	return strings.Join(parts, " · ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Options tune renderers for where the output goes.
type Options struct {
	Width int // terminal width in columns for the table format (default 100)
}

// Formats lists the names Render accepts; the first is the default.
var Formats = []string{"table", "text", "markdown", "csv", "json", "sarif", "github", "rdjsonl", "html"}

var renderers = map[string]func(io.Writer, *Result, Options) error{
	"table":    writeTable,
	"text":     writeText,
	"markdown": writeMarkdown,
	"csv":      writeCSV,
	"json":     writeJSON,
	"sarif":    writeSARIF,
	"github":   writeGitHub,
	"rdjsonl":  writeRDJSONL,
	"html":     writeHTML,
}

// Render writes r to w in the named format.
func Render(w io.Writer, format string, r *Result, opt Options) error {
	if opt.Width <= 0 {
		opt.Width = 100
	}
	render, ok := renderers[format]
	if !ok {
		return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
	}
	return render(w, r, opt)
}

// writeText writes one greppable line per finding:
// file:line:col: severity check: message[ (related places)][; diff: word diff]
func writeText(w io.Writer, r *Result, _ Options) error {
	for _, f := range r.Findings {
		p := f.Doc.Position(f.Span.Start)
		msg := f.Message + relatedInline(f)
		if d := wordDiff(f); d != "" {
			msg += "; diff: " + d
		}
		msg = strings.ReplaceAll(printable(msg), "\n", " ")
		if _, err := fmt.Fprintf(w, "%s:%d:%d: %s %s: %s\n", printable(f.Doc.Path), p.Line, p.Column, f.Severity, f.Check.ID, msg); err != nil {
			return err
		}
	}
	return nil
}

// where says where a location is for a human, "path:line:col", leaving out
// the path when it is the same as base's.
func where(l compare.Location, base *compare.Document) string {
	p := l.Doc.Position(l.Span.Start)
	if l.Doc == base {
		return fmt.Sprintf("%d:%d", p.Line, p.Column)
	}
	return fmt.Sprintf("%s:%d:%d", l.Doc.Path, p.Line, p.Column)
}

// wordDiff returns the inline word diff ("[-removed-]{+added+}") a finding
// carries in Details["word_diff"], or "".
func wordDiff(f compare.Finding) string {
	s, _ := f.Details["word_diff"].(string)
	return s
}

// relatedLines describes a finding's related places, one per line:
// "first: 5:212".
func relatedLines(f compare.Finding) []string {
	var out []string
	for _, rel := range f.Related {
		out = append(out, rel.Role+": "+where(rel.Location, f.Doc))
	}
	return out
}

// maxInlineRelated is how many related places relatedInline names before
// "+N more".
const maxInlineRelated = 5

// relatedInline describes a finding's related places on one line, for
// formats with one line per finding: " (first: 5:212)", " (copy: b.txt:4:25,
// copy: c.txt:3:38)"; "" when it has none.
func relatedInline(f compare.Finding) string {
	rel := relatedLines(f)
	if len(rel) == 0 {
		return ""
	}
	if n := len(rel) - maxInlineRelated; n > 0 {
		rel = append(rel[:maxInlineRelated], fmt.Sprintf("+%d more", n))
	}
	return " (" + strings.Join(rel, ", ") + ")"
}

// printable makes text safe to show on a terminal or in a document: it
// keeps line breaks, turns tabs into spaces, replaces invalid UTF-8 with
// U+FFFD and shows other control characters and bidirectional overrides
// as escapes (\x1b, \u202e), so a finding's text can neither drive the
// terminal nor reorder what is displayed around it.
func printable(s string) string {
	clean := true
	for _, r := range s {
		if r == '\t' || r == '\r' || r == '\uFFFD' || (r != '\n' && unsafeRune(r)) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	s = strings.ToValidUTF8(s, "\uFFFD")
	for i, r := range s {
		switch {
		case r == '\t':
			b.WriteByte(' ')
		case r == '\r':
			if !strings.HasPrefix(s[i+1:], "\n") {
				b.WriteByte('\n')
			}
		case r == '\n' || !unsafeRune(r):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

// unsafeRune reports control characters and the invisible formatting
// characters that reorder or hide text.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	}
	return false
}

// rules returns the checks a report describes: the registry, plus any
// check a finding uses that the registry lacks, ordered by ID, with each
// ID's index in that order.
func rules(r *Result) ([]*compare.Check, map[string]int) {
	seen := map[string]bool{}
	var out []*compare.Check
	add := func(c *compare.Check) {
		if !seen[c.ID] {
			seen[c.ID] = true
			out = append(out, c)
		}
	}
	for _, c := range r.Checks {
		add(c)
	}
	for _, f := range r.Findings {
		add(f.Check)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	index := make(map[string]int, len(out))
	for i, c := range out {
		index[c.ID] = i
	}
	return out, index
}
