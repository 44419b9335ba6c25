package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateGolden = flag.Bool("update", false, "rewrite the HTML report's golden file (testdata/html/report.golden.html)")

// TestHTMLGolden renders the HTML report of testdata/html/docs (a shared
// passage with edits, a stutter, claims that overlap and contradict, notes
// with ibid. and an undefined marker, escaped markup in an HTML document)
// and compares it with the golden file; -update rewrites it.
func TestHTMLGolden(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	render := func() []byte {
		var out, stderr bytes.Buffer
		args := []string{"check", "--format", "html", "--fail-on", "none", "testdata/html/docs"}
		if code := run(context.Background(), args, strings.NewReader(""), &out, &stderr); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		return out.Bytes()
	}
	got := render()
	if again := render(); !bytes.Equal(got, again) {
		t.Fatal("two renderings of the same documents differ")
	}
	golden := filepath.Join("testdata", "html", "report.golden.html")
	if *updateGolden {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/crosscheck -run TestHTMLGolden -update)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < max(len(gl), len(wl)); i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			t.Fatalf("HTML differs from %s at line %d (run with -update if the change is meant):\n got: %.300s\nwant: %.300s", golden, i+1, g, w)
		}
	}
}
