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
	msg := markdownCell(f.Message)
	if d := wordDiff(f); d != "" {
		msg += "<br>diff: " + markdownCell(d)
	}
	for _, rel := range relatedLines(f) {
		msg += "<br>↳ " + markdownCell(rel)
	}
	fmt.Fprintf(&b, "| %s | %s | %s | %s |\n",
		markdownCell(fmt.Sprintf("%s:%d:%d", f.Doc.Path, p.Line, p.Column)),
		f.Severity, markdownCell(f.Check.ID), msg)
	_, err := io.WriteString(s.w, b.String())
	return err
}

func (s *markdownSink) Close() error {
	if s.aborted {
		return nil
	}
	end := markdownCell(s.summaryLine()) + "\n"
	if s.counts.Findings > 0 {
		end = "\n" + end
	}
	_, err := io.WriteString(s.w, end)
	return err
}

// markdownCell escapes text for one cell of a GFM table: the characters
// that mean something inline get a backslash, "&" becomes "&amp;" (so
// "&copy;" stays text), and line breaks become <br>.
func markdownCell(s string) string {
	s = strings.TrimSpace(printable(s))
	var b strings.Builder
	for i, r := range s {
		if r == '_' && i > 0 && i+1 < len(s) && isAlnum(s[i-1]) && isAlnum(s[i+1]) {
			b.WriteByte('_') // inside a word ("001_66c0.txt") an underscore is never emphasis
			continue
		}
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '!', '#', '$', '@':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '&':
			b.WriteString("&amp;")
		case '\n':
			b.WriteString("<br>")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
