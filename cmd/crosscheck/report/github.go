package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/crosscheck/crosscheck/compare"
)

// writeGitHub writes one GitHub Actions workflow command per finding,
//
//	::warning file=a.txt,line=5,col=12,endLine=5,endColumn=52,title=…::message
//
// which the Actions runner turns into an annotation on the file (error,
// warning or notice), then the summary line as plain log text.
func writeGitHub(w io.Writer, r *Result, _ Options) error {
	var b strings.Builder
	for _, f := range r.Findings {
		l := location(f.Location)
		level := githubLevel[f.Severity]
		msg := f.Message
		if d := wordDiff(f); d != "" {
			msg += "\ndiff: " + d
		}
		for _, rel := range relatedLines(f) {
			msg += "\n↳ " + rel
		}
		fmt.Fprintf(&b, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
			level, githubProperty(l.File), l.Line, l.Column, l.EndLine, l.EndColumn,
			githubProperty(f.Check.ID+": "+f.Check.Title), githubData(msg))
	}
	b.WriteString(r.SummaryLine() + "\n")
	_, err := io.WriteString(w, b.String())
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
