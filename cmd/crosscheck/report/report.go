// Package report renders findings in the formats crosscheck writes.
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

// Options tune renderers for where the output goes.
type Options struct {
	Width int // terminal width in columns for the table format (default 100)
}

// Formats lists the names Render accepts.
var Formats = []string{"table", "text", "markdown", "csv", "json", "sarif", "github", "html"}

// Render writes r to w in the named format.
func Render(w io.Writer, format string, r *Result, opt Options) error {
	if opt.Width <= 0 {
		opt.Width = 100
	}
	switch format {
	case "json":
		return writeJSON(w, r)
	case "text":
		return writeText(w, r)
	case "html":
		return writeHTML(w, r)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// writeText writes one greppable line per finding:
// file:line:col: severity check: message
func writeText(w io.Writer, r *Result) error {
	for _, f := range r.Findings {
		p := f.Doc.Position(f.Span.Start)
		msg := strings.ReplaceAll(f.Message, "\n", " ")
		if _, err := fmt.Fprintf(w, "%s:%d:%d: %s %s: %s\n", f.Doc.Path, p.Line, p.Column, f.Severity, f.Check.ID, msg); err != nil {
			return err
		}
	}
	return nil
}

// sortedChecks returns checks ordered by ID.
func sortedChecks(cs []*compare.Check) []*compare.Check {
	out := append([]*compare.Check(nil), cs...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
