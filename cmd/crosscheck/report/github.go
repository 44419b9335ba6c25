package report

import (
	"fmt"
	"io"

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
	// the annotation's lines: the message, the word diff, the related
	// places, each made safe on its own and joined with an escaped LF
	msg := Safe(GitHubData, Clip(f.Message))
	if d := wordDiff(f); d != "" {
		msg += "%0Adiff: " + Safe(GitHubData, Clip(d))
	}
	for _, rel := range relatedLines(f) {
		msg += "%0A↳ " + Safe(GitHubData, rel)
	}
	_, err := fmt.Fprintf(s.w, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
		level, Safe(GitHubProperty, l.File), l.Line, l.Column, l.EndLine, l.EndColumn,
		Safe(GitHubProperty, f.Check.ID+": "+f.Check.Title), msg)
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
