package report

import (
	"os"
	"testing"
)

// TestWriteScaleReport writes the benchmark's report (100 documents, 5,000
// findings) to $CROSSCHECK_SCALE_OUT, to measure it in a browser with
// cmd/crosscheck's TestHTMLScaleInBrowser; without the variable it skips.
func TestWriteScaleReport(t *testing.T) {
	path := os.Getenv("CROSSCHECK_SCALE_OUT")
	if path == "" {
		t.Skip("set CROSSCHECK_SCALE_OUT to write the scale report there")
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := Render(f, "html", scaleResult(t, 100, 5000), Options{}); err != nil {
		t.Fatal(err)
	}
}
