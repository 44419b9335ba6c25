package input

import (
	"testing"

	"github.com/crosscheck/crosscheck/compare/input/container/fixture"
	"github.com/crosscheck/crosscheck/compare/input/pdf/pdftest"
)

// benchParse reads raw as a document b.N times; MB/s are of the file,
// text-MB/s of the text extracted from it.
func benchParse(b *testing.B, name string, raw []byte) {
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	var text int
	for b.Loop() {
		d, err := Parse(name, raw, Options{})
		if err != nil {
			b.Fatal(err)
		}
		text = len(d.Text)
	}
	b.ReportMetric(float64(text)*float64(b.N)/b.Elapsed().Seconds()/1e6, "text-MB/s")
	b.ReportMetric(float64(text), "text-bytes")
}

// BenchmarkReadDOCX100Pages reads a generated Word document of about 100
// pages (45,000 words, 80 footnotes, 40 headings).
func BenchmarkReadDOCX100Pages(b *testing.B) {
	benchParse(b, "long.docx", fixture.BigDOCX(100))
}

// BenchmarkReadPDF100Pages reads a generated PDF of 100 pages of 46 lines
// each, with compressed content streams, running heads and page numbers.
func BenchmarkReadPDF100Pages(b *testing.B) {
	benchParse(b, "long.pdf", pdftest.Write(pdftest.Long(100, fixture.Sentences), pdftest.Options{Compress: true}))
}

// BenchmarkReadPDF100PagesWords is the same PDF with every word drawn
// on its own, as many producers do.
func BenchmarkReadPDF100PagesWords(b *testing.B) {
	pages := pdftest.Long(100, fixture.Sentences)
	for _, p := range pages {
		for i := range p.Lines {
			p.Lines[i].Words = true
		}
	}
	benchParse(b, "words.pdf", pdftest.Write(pages, pdftest.Options{Compress: true}))
}
