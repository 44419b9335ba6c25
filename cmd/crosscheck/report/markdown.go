package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/crosscheck/crosscheck/compare"
)

// markdownSink writes a GitHub-flavoured Markdown table of the findings
// and a summary line. Cell text is escaped so that it shows as written:
// no character of a finding can end a cell, start a link or raw HTML, or
// change emphasis.
type markdownSink struct {
	*base
	w io.Writer
}

func newMarkdown(w io.Writer, b *base) compare.Sink { return &markdownSink{base: b, w: w} }

func (s *markdownSink) Put(f compare.Finding) error {
	var b strings.Builder
	if s.counts.Findings == 0 {
		b.WriteString("| Location | Severity | Check | Message |\n| --- | --- | --- | --- |\n")
	}
	s.counts.Add(&f)
	p := f.Doc.Position(f.Span.Start)
	msg := Safe(Markdown, Clip(f.Message))
	if d := wordDiff(f); d != "" {
		msg += "<br>diff: " + Safe(Markdown, Clip(d))
	}
	for _, rel := range relatedLines(f) {
		msg += "<br>↳ " + Safe(Markdown, rel)
	}
	fmt.Fprintf(&b, "| %s | %s | %s | %s |\n",
		Safe(Markdown, fmt.Sprintf("%s:%d:%d", f.Doc.Path, p.Line, p.Column)),
		f.Severity, Safe(Markdown, f.Check.ID), msg)
	_, err := io.WriteString(s.w, b.String())
	return err
}

func (s *markdownSink) Close() error {
	if s.aborted {
		return nil
	}
	end := Safe(Markdown, s.summaryLine()) + "\n"
	if s.counts.Findings > 0 {
		end = "\n" + end
	}
	_, err := io.WriteString(s.w, end)
	return err
}
