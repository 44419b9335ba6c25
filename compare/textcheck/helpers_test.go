package textcheck

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input"
)

// sharedDir is /work/shared as the tests see it from the package folder.
const sharedDir = "../../../shared"

// parse reads a document from memory as the reader of its name would.
func parse(t testing.TB, name string, raw []byte) *compare.Document {
	t.Helper()
	d, err := input.Parse(name, raw, input.Options{})
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return d
}

// run returns the text findings of one document, sorted.
func run(t testing.TB, d *compare.Document) []compare.Finding {
	t.Helper()
	var out []compare.Finding
	if err := Check(context.Background(), d, Options{MaxPerCheck: 1 << 30}, func(f compare.Finding) { out = append(out, f) }); err != nil {
		t.Fatal(err)
	}
	compare.SortFindings(out)
	return out
}

// readShared reads a file of the shared corpora, or skips the test.
func readShared(t testing.TB, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sharedDir, rel))
	if err != nil {
		t.Skipf("shared corpus not available: %v", err)
	}
	return b
}

// describe renders a finding as one line: line:col check message [fix].
func describe(f compare.Finding) string {
	p := f.Doc.Position(f.Span.Start)
	id := f.Check.ID
	if k, ok := f.Details["kind"]; ok {
		id += "/" + fmt.Sprint(k)
	}
	s := fmt.Sprintf("%d:%d %s %s", p.Line, p.Column, id, f.Message)
	if f.Fix != nil {
		s += fmt.Sprintf(" [fix %d-%d %q]", f.Fix.Span.Start, f.Fix.Span.End, f.Fix.Text)
	}
	return s
}

// TestDump prints the findings on the files named in TEXTCHECK_DUMP
// (colon-separated), for inspecting a corpus by eye.
func TestDump(t *testing.T) {
	paths := os.Getenv("TEXTCHECK_DUMP")
	if paths == "" {
		t.Skip("set TEXTCHECK_DUMP=file[:file…] to print findings")
	}
	for _, p := range strings.Split(paths, ":") {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		d := parse(t, p, raw)
		for _, f := range run(t, d) {
			fmt.Printf("%s:%s\n", filepath.Base(p), describe(f))
		}
	}
}

// decodeRune decodes the first character of s.
func decodeRune(s string) (rune, int) { return utf8.DecodeRuneInString(s) }
