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
	for _, h := range d.Headings {
		fmt.Fprintf(&sb, "heading %d %q\n", h.Level, d.Text[h.Span.Start:h.Span.End])
	}
	return sb.String()
}

const reportWant = `"Introduction\n\nThe treaty was signed in 1990 after long negotiations between the parties, and it was ratified\nby all of them within a year.\n\nThe second paragraph begins here and it runs on\nto the bottom of the first page where it stops\nin the middle of its sentence and ends here.\n\n1 Treaty Series, vol. 4, p. 12.\n\nWe read the the minutes twice and found\nnothing amiss.1\n\nFindings\n\nThe accounts were in order."
p1(i) ¶1 "Introduction"
p1(i) ¶2 "The treaty was signed in 1990 after long nego"
p1(i) ¶2 "tiations between the parties, and it was ratified"
p1(i) ¶2 "by all of them within a year."
p1(i) ¶3 "The second paragraph begins here and it runs on"
p1(i) ¶3 "to the bottom of the first page where it stops"
p2(1) ¶1 "in the middle of its sentence and ends here."
p1(i) ¶4 "1 Treaty Series, vol. 4, p. 12."
p2(1) ¶2 "We read the the minutes twice and found"
p2(1) ¶2 "nothing amiss.1"
p3(2) ¶1 "Findings"
p3(2) ¶2 "The accounts were in order."
heading 1 "Introduction"
heading 1 "Findings"
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

func TestReadErrors(t *testing.T) {
	report := pdftest.Report()
	good := pdftest.Write(report, pdftest.Options{Compress: true})
	tests := []struct {
		name string
		raw  []byte
		want string
	}{
		{"scan", pdftest.Write(report, pdftest.Options{ImagesOnly: true}), "no text layer"},
		{"encrypted", pdftest.Write(report, pdftest.Options{Encrypt: true}), "is encrypted"},
		{"encrypted xref stream", pdftest.Write(report, pdftest.Options{Encrypt: true, ObjectStm: true}), "is encrypted"},
		{"not a pdf", []byte("hello"), "not a PDF"},
		{"header only", []byte("%PDF-1.4\n"), "no document catalog"},
		{"truncated", good[:len(good)/3], "no"},
		{"no pages", []byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj 2 0 obj << /Type /Pages /Kids [2 0 R] >> endobj trailer << /Root 1 0 R >>"), "no pages"},
		{"self-referencing object stream", []byte("%PDF-1.5\n1 0 obj << /Type /ObjStm /N 1 /First 4 /Length 9 /Filter /FlateDecode /DecodeParms 1 0 R >> stream\n1 0 1 0 R\nendstream endobj trailer << /Root 1 0 R >>"), "no"},
		{"length cycle", []byte("%PDF-1.4\n1 0 obj << /Length 1 0 R >> stream\nabc\nendstream endobj 2 0 obj << /Type /Catalog /Pages 2 0 R /Kids [2 0 R] >> endobj trailer << /Root 2 0 R >>"), "no"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(tt.name+".pdf", tt.raw, LimitsFor(len(tt.raw)))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one that says %q", err, tt.want)
			}
			t.Log(err)
			if !strings.HasPrefix(err.Error(), tt.name+".pdf: ") || len(err.Error()) > 300 {
				t.Errorf("message %q should name the file and stay short", err)
			}
		})
	}
	t.Run("bomb", func(t *testing.T) {
		// a content stream of 8 MiB of blanks deflates to about 8 KiB
		raw := pdftest.Write([]pdftest.Page{{Content: strings.Repeat(" ", 8<<20)}}, pdftest.Options{Compress: true})
		lim := LimitsFor(len(raw))
		lim.MaxDecoded = 4 << 20
		_, err := Read("bomb.pdf", raw, lim)
		if err == nil || !strings.Contains(err.Error(), "decompression bomb") {
			t.Errorf("err = %v, want the decompression budget error", err)
		}
	})
}
