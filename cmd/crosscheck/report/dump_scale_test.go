package report

import (
	"os"
	"testing"
)

func TestDumpScale(t *testing.T) {
	p := os.Getenv("SCALE_OUT")
	if p == "" {
		t.Skip()
	}
	f, _ := os.Create(p)
	defer f.Close()
	if err := Render(f, "html", scaleResult(t, 100, 5000), Options{}); err != nil {
		t.Fatal(err)
	}
}
