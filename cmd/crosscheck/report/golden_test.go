package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenCases are the renderings pinned by golden files: every format, and
// the table at a narrow, the default and a wide terminal.
var goldenCases = []struct {
	file   string
	format string
	width  int
}{
	{"table.golden", "table", 100},
	{"table-60.golden", "table", 60},
	{"table-160.golden", "table", 160},
	{"text.golden", "text", 0},
	{"markdown.golden", "markdown", 0},
	{"csv.golden", "csv", 0},
	{"json.golden", "json", 0},
	{"sarif.golden", "sarif", 0},
	{"github.golden", "github", 0},
	{"rdjsonl.golden", "rdjsonl", 0},
	{"html.golden", "html", 0},
}

func TestGolden(t *testing.T) {
	res := fixture(t)
	for _, tc := range goldenCases {
		t.Run(tc.file, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Render(&buf, tc.format, res, Options{Width: tc.width}); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, filepath.Join("testdata", "golden", tc.file), buf.Bytes())
		})
	}
}

// TestEveryFormatHasGolden keeps the golden cases in step with Formats.
func TestEveryFormatHasGolden(t *testing.T) {
	for _, f := range Formats {
		found := false
		for _, tc := range goldenCases {
			found = found || tc.format == f
		}
		if !found {
			t.Errorf("format %q has no golden file", f)
		}
	}
}

// TestNoFindings renders an empty result in every format.
func TestNoFindings(t *testing.T) {
	res := fixture(t)
	res.Findings = nil
	res.Skipped = nil
	for _, f := range Formats {
		var buf bytes.Buffer
		if err := Render(&buf, f, res, Options{}); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		checkGolden(t, filepath.Join("testdata", "golden", "empty-"+f+".golden"), buf.Bytes())
	}
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestUnknownFormat(t *testing.T) {
	var buf bytes.Buffer
	err := Render(&buf, "yaml", fixture(t), Options{})
	if err == nil || buf.Len() > 0 {
		t.Fatalf("err %v, output %q", err, buf.String())
	}
}
