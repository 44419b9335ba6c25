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
	// Dropped counts the findings a limit left out of the report
	// (--max-findings); the counts above are of the findings shown.
	Dropped int `json:"dropped,omitempty"`
}

// Add counts one finding.
func (s *Summary) Add(f *compare.Finding) {
	s.Findings++
	switch f.Severity {
	case compare.Error:
		s.Error++
	case compare.Warning:
		s.Warning++
	default:
		s.Info++
	}
}

// Summary counts the result's findings by severity.
func (r *Result) Summary() Summary {
	var s Summary
	for i := range r.Findings {
		s.Add(&r.Findings[i])
	}
	return s
}

// SummaryLine says in one line what was read and found, for the human
// formats: "4 files · 1 finding: 1 warning".
func (r *Result) SummaryLine() string {
	return SummaryLine(len(r.Docs), len(r.Skipped), r.Summary())
}

// SummaryLine says in one line how many files were read and skipped and
// what was found: "4 files · 1 finding: 1 warning".
func SummaryLine(files, skipped int, s Summary) string {
	parts := []string{plural(files, "file", "files")}
	if skipped > 0 {
		parts = append(parts, fmt.Sprintf("%d skipped", skipped))
	}
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
	// Dropped, when set, tells the renderer at the end how many findings a
	// limit left out (the cap's count); JSON reports it in its summary.
	Dropped func() int
	// Extras, when set, computes what the HTML report shows beyond the
	// findings (NeedsExtras), from the findings it shows, in that order.
	Extras func(findings []compare.Finding) (Extras, error)
}

// Formats lists the names New and Render accept; the first is the default.
var Formats = []string{"table", "text", "markdown", "csv", "json", "sarif", "github", "rdjsonl", "html"}

// Head is what a report knows before its first finding: the tool, the
// documents read, the files skipped and the checks that could report.
type Head struct {
	Tool    string
	Version string
	Docs    []*compare.Document
	Skipped []compare.Skipped
	Checks  []*compare.Check // every registered check, for SARIF rules
}

var sinks = map[string]func(io.Writer, *base) compare.Sink{
	"table":    newTable,
	"text":     newText,
	"markdown": newMarkdown,
	"csv":      newCSV,
	"json":     newJSON,
	"sarif":    newSARIF,
	"github":   newGitHub,
	"rdjsonl":  newRDJSONL,
	"html":     newHTML,
}

// New returns a renderer of the named format as a sink: it writes to w as
// findings arrive (which must be in SortFindings' order), and finishes
// the report on Close. Aborted (compare.Aborter), it writes nothing more.
// It writes nothing before the first finding or Close, so that a run that
// fails before then leaves w untouched. Every format streams except two:
// the table fits its columns to every row, so it draws on Close, and the
// HTML page is built whole on Close.
func New(w io.Writer, format string, head Head, opt Options) (compare.Sink, error) {
	if opt.Width <= 0 {
		opt.Width = 100
	}
	newSink, ok := sinks[format]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
	}
	return newSink(w, &base{head: head, opt: opt}), nil
}

// Render writes r to w in the named format: every finding of r, in the
// order given, through New's renderer.
func Render(w io.Writer, format string, r *Result, opt Options) error {
	checks, _ := rules(r)
	head := Head{Tool: r.Tool, Version: r.Version, Docs: r.Docs, Skipped: r.Skipped, Checks: checks}
	if opt.Extras == nil {
		opt.Extras = func([]compare.Finding) (Extras, error) {
			return Extras{Pairs: r.Pairs, Comparisons: r.Comparisons, Citations: r.Citations}, nil
		}
	}
	s, err := New(w, format, head, opt)
	if err != nil {
		return err
	}
	for _, f := range r.Findings {
		if err := s.Put(f); err != nil {
			compare.Abort(s, err)
			return err
		}
	}
	return s.Close()
}

// base is what every renderer shares: the head, the options, and the
// counts of the findings written so far.
type base struct {
	head    Head
	opt     Options
	counts  Summary
	aborted bool
}

// summary returns the counts of the findings written, with the cap's.
func (b *base) summary() Summary {
	s := b.counts
	if b.opt.Dropped != nil {
		s.Dropped = b.opt.Dropped()
	}
	return s
}

// summaryLine is the human formats' last line.
func (b *base) summaryLine() string {
	return SummaryLine(len(b.head.Docs), len(b.head.Skipped), b.counts)
}

// Abort stops the renderer: it writes nothing more.
func (b *base) Abort(error) { b.aborted = true }

// textSink writes one greppable line per finding:
// file:line:col: severity check: message[ (related places)][; diff: word diff]
type textSink struct {
	*base
	w io.Writer
}

func newText(w io.Writer, b *base) compare.Sink { return &textSink{base: b, w: w} }

func (s *textSink) Put(f compare.Finding) error {
	s.counts.Add(&f)
	p := f.Doc.Position(f.Span.Start)
	msg := Clip(f.Message) + relatedInline(f)
	if place := placeName(f.Location); place != "" {
		msg = "[" + place + "] " + msg
	}
	if d := wordDiff(f); d != "" {
		msg += "; diff: " + Clip(d)
	}
	// the whole line goes through Safe, so that no "::" or "##[" forms
	// where the path meets the position or the message
	line := fmt.Sprintf("%s:%d:%d: %s %s: %s", f.Doc.Path, p.Line, p.Column, f.Severity, f.Check.ID, msg)
	_, err := io.WriteString(s.w, Safe(Terminal, line)+"\n")
	return err
}

func (s *textSink) Close() error { return nil }

// placeName says where a location is in a container format the way its
// editor shows it ("p. 2 ¶3", "OEBPS/ch2.xhtml ¶4", "footnote 1"), or ""
// for text formats, whose line and column say it all.
func placeName(l compare.Location) string {
	w := l.Doc.Where(l.Span)
	var parts []string
	if w.Member != "" {
		parts = append(parts, w.Member)
	}
	if w.Page != "" {
		parts = append(parts, "p. "+w.Page)
	}
	if w.Note != "" {
		parts = append(parts, w.Note)
	}
	if w.Paragraph > 0 {
		parts = append(parts, fmt.Sprintf("¶%d", w.Paragraph))
	}
	return strings.Join(parts, " ")
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

// rules returns the checks a report describes: the registry, plus any
// check a finding uses that the registry lacks, ordered by ID, with each
// ID's index in that order.
func rules(r *Result) ([]*compare.Check, map[string]int) {
	checks := append([]*compare.Check(nil), r.Checks...)
	for _, f := range r.Findings {
		checks = append(checks, f.Check)
	}
	return ruleIndex(checks)
}

// ruleIndex orders checks by ID, once each, with each ID's index.
func ruleIndex(checks []*compare.Check) ([]*compare.Check, map[string]int) {
	seen := map[string]bool{}
	var out []*compare.Check
	for _, c := range checks {
		if !seen[c.ID] {
			seen[c.ID] = true
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	index := make(map[string]int, len(out))
	for i, c := range out {
		index[c.ID] = i
	}
	return out, index
}
