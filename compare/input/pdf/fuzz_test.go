package pdf

import (
	"errors"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input/pdf/pdftest"
)

func FuzzReadPDF(f *testing.F) {
	report := pdftest.Report()
	// seeds grow: one line, the sample report in each variant, a long document
	f.Add(pdftest.Write([]pdftest.Page{{Lines: []pdftest.Line{{Text: "one", X: 72, Y: 700}}}}, pdftest.Options{}))
	for _, o := range []pdftest.Options{{}, {Compress: true}, {Composite: true}, {ObjectStm: true}, {BadXref: true},
		{BadXref: true, ObjectStm: true}, {ImagesOnly: true}, {Encrypt: true},
		{PageLabels: "<< /Nums [0 << /S /r >> 1 << /S /D /P (A-) >>] >>"}} {
		f.Add(pdftest.Write(report, o))
	}
	f.Add(pdftest.Write(pdftest.Long(3, []string{"a b c d e f g h i j k l m n o p"}), pdftest.Options{Compress: true}))
	f.Add([]byte("%PDF-1.5\n1 0 obj << /Type /ObjStm /N 1 /First 4 /Length 9 >> stream\n1 0 1 0 R\nendstream endobj trailer << /Root 1 0 R >>"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		// read, not Read: a panic must fail the fuzzer, not be recovered
		lim := LimitsFor(len(raw))
		// small budgets keep each run quick under instrumentation
		lim.MaxDecoded, lim.MaxText = 1<<20, 1<<20
		d, err := read("f.pdf", raw, lim)
		if err != nil {
			var ie *compare.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is %T, not an InputError", err, err)
			}
			return
		}
		last := 0
		for _, l := range d.Lines {
			if l.Span.Start < last || l.Span.End < l.Span.Start || l.Span.End > len(d.Text) {
				t.Fatalf("line %v out of order or bounds (text %d bytes)", l.Span, len(d.Text))
			}
			last = l.Span.End
		}
	})
}
