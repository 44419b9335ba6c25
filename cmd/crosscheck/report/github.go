package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/crosscheck/crosscheck/compare"
)

// githubSink writes one GitHub Actions workflow command per finding,
//
//	::warning file=a.txt,line=5,col=12,endLine=5,endColumn=52,title=…::message
//
// which the Actions runner turns into an annotation on the file (error,
// warning or notice), then the summary line as plain log text.
type githubSink struct {
	*base
	w io.Writer
}

func newGitHub(w io.Writer, b *base) compare.Sink { return &githubSink{base: b, w: w} }

func (s *githubSink) Put(f compare.Finding) error {
	s.counts.Add(&f)
	l := location(f.Location)
	level := githubLevel[f.Severity]
	msg := f.Message
	if d := wordDiff(f); d != "" {
		msg += "\ndiff: " + d
	}
	for _, rel := range relatedLines(f) {
		msg += "\n↳ " + rel
	}
	_, err := fmt.Fprintf(s.w, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
		level, githubProperty(l.File), l.Line, l.Column, l.EndLine, l.EndColumn,
		githubProperty(f.Check.ID+": "+f.Check.Title), githubData(msg))
	return err
}

func (s *githubSink) Close() error {
	if s.aborted {
		return nil
	}
	_, err := io.WriteString(s.w, s.summaryLine()+"\n")
	return err
}

// githubLevel names the workflow command for each severity.
var githubLevel = [...]string{compare.Info: "notice", compare.Warning: "warning", compare.Error: "error"}

// githubData escapes a workflow command's message the way the Actions
// runner unescapes it: "%" first, then CR and LF. Other control
// characters are shown as escapes so they cannot reach the log viewer.
func githubData(s string) string {
	s = printable(s)
	s = strings.ReplaceAll(s, "%", "%25")
	s = strings.ReplaceAll(s, "\r", "%0D")
	return strings.ReplaceAll(s, "\n", "%0A")
}

// githubProperty escapes a workflow command's property value: as data,
// plus ":" and "," which would otherwise end the value.
func githubProperty(s string) string {
	s = githubData(s)
	s = strings.ReplaceAll(s, ":", "%3A")
	return strings.ReplaceAll(s, ",", "%2C")
}
