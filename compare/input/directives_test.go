package input

import (
	"context"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
)

// TestHTMLCommentDirective: in HTML, ignore directives are read from the
// comments the reader records, and silence the paragraph that follows.
func TestHTMLCommentDirective(t *testing.T) {
	d, err := Parse("a.html", []byte("<p>x</p><!-- crosscheck:ignore all: legacy text --><p>We we said so.</p><p>They they did.</p>"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	known := append([]*compare.Check{compare.CheckStutter}, compare.IgnoreChecks...)
	var got compare.Collector
	sink := compare.Directives([]*compare.Document{d}, known, &got)
	if err := compare.Run(context.Background(), []*compare.Analyzer{compare.StutterAnalyzer(compare.StutterOptions{})}, []*compare.Document{d}, nil, compare.Budget{}, sink); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, f := range got.Findings {
		ids = append(ids, f.Check.ID+"@"+d.TextOf(d.TextSpan(f.Span)))
	}
	if strings.Join(ids, " ") != "repeat.stutter@they" {
		t.Errorf("got %v, want only the stutter after the silenced paragraph", ids)
	}
}

func FuzzFindDirectives(f *testing.F) {
	f.Add("<!-- crosscheck:ignore a.b, c: why -->\ntext", false)
	f.Add("% crosscheck:ignore x\n\nnext", false)
	f.Add("<p><!-- crosscheck:ignore all: r --></p><p>t</p>", true)
	f.Fuzz(func(t *testing.T, s string, html bool) {
		name := "f.txt"
		if html {
			name = "f.html"
		}
		d, err := Parse(name, []byte(s), Options{Lenient: true})
		if err != nil {
			return
		}
		for _, dir := range compare.FindDirectives(d) {
			if dir.At.Start > dir.At.End || dir.Scope.Start > dir.Scope.End || dir.Scope.End > len(d.Text) {
				t.Fatalf("bad directive spans %+v", dir)
			}
		}
	})
}
