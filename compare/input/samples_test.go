package input

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/crosscheck/crosscheck/compare/input/container/fixture"
	"github.com/crosscheck/crosscheck/compare/input/pdf/pdftest"
)

var updateSamples = flag.Bool("update-samples", false, "rewrite the sample documents in testdata/formats")

// samples are the generated documents kept in testdata/formats for the
// command's scripts: each has headings, notes and the stutter "the the".
func samples() map[string][]byte {
	return map[string][]byte{
		"report.docx": fixture.DOCX(fixture.DOCXBody),
		"report.odt":  fixture.ODT(fixture.ODTBody),
		"book.epub":   fixture.EPUB(fixture.EPUBChapters),
		"report.pdf":  pdftest.Write(pdftest.Report(), pdftest.Options{Compress: true, PageLabels: "<< /Nums [0 << /S /r >> 1 << /S /D >>] >>"}),
		"scan.pdf":    pdftest.Write(pdftest.Report(), pdftest.Options{ImagesOnly: true}),
		"locked.pdf":  pdftest.Write(pdftest.Report(), pdftest.Options{Encrypt: true}),
	}
}

// TestSamplesUpToDate checks that testdata/formats holds what the
// writers produce; -update-samples rewrites it.
func TestSamplesUpToDate(t *testing.T) {
	dir := filepath.Join("testdata", "formats")
	for name, raw := range samples() {
		p := filepath.Join(dir, name)
		if *updateSamples {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, raw, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("%v (run go test ./compare/input -run Samples -update-samples)", err)
		}
		if !bytes.Equal(got, raw) {
			t.Errorf("%s is stale: run go test ./compare/input -run Samples -update-samples", p)
		}
	}
}
