package pdf

import (
	"fmt"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare/input/pdf/pdftest"
)

func describe(d *Doc) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%q\n", d.Text)
	for _, l := range d.Lines {
		fmt.Fprintf(&sb, "p%d(%s) ¶%d %q\n", l.Page, l.Label, l.Paragraph, d.Text[l.Span.Start:l.Span.End])
	}
	return sb.String()
}

const reportWant = `"Introduction\n\nThe treaty was signed in 1990 after long negotiations between the parties, and it was ratified\nby all of them within a year.\n\nThe second paragraph begins here and it runs on\nto the bottom of the first page where it stops\nin the middle of its sentence and ends here.\n\nWe read the the minutes twice and found\nnothing amiss.1\n\nFindings\n\nThe accounts were in order."
p1(i) ¶1 "Introduction"
p1(i) ¶2 "The treaty was signed in 1990 after long nego"
p1(i) ¶2 "tiations between the parties, and it was ratified"
p1(i) ¶2 "by all of them within a year."
p1(i) ¶3 "The second paragraph begins here and it runs on"
p1(i) ¶3 "to the bottom of the first page where it stops"
p2(1) ¶1 "in the middle of its sentence and ends here."
p2(1) ¶2 "We read the the minutes twice and found"
p2(1) ¶2 "nothing amiss.1"
p3(2) ¶1 "Findings"
p3(2) ¶2 "The accounts were in order."
`

func TestReadReport(t *testing.T) {
	for _, opt := range []pdftest.Options{
		{},
		{Compress: true},
		{Composite: true, Compress: true},
		{ObjectStm: true},
		{BadXref: true, Compress: true},
		{BadXref: true, ObjectStm: true},
	} {
		t.Run(fmt.Sprintf("%+v", opt), func(t *testing.T) {
			opt.PageLabels = "<< /Nums [0 << /S /r >> 1 << /S /D >>] >>"
			raw := pdftest.Write(pdftest.Report(), opt)
			d, err := Read("a.pdf", raw, LimitsFor(len(raw)))
			if err != nil {
				t.Fatal(err)
			}
			if got := describe(d); got != reportWant {
				t.Errorf("got\n%s\nwant\n%s", got, reportWant)
			}
			if d.Dropped != 6 {
				t.Errorf("dropped %d pagination lines, want 6", d.Dropped)
			}
		})
	}
}
