package reuse

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input"
)

func mustDoc(t testing.TB, name, text string) *compare.Document {
	t.Helper()
	d, err := input.Parse(name, []byte(text), input.Options{})
	if err != nil {
		t.Fatalf("NewDocument(%q): %v", name, err)
	}
	return d
}

// sharedDir returns ../shared beside the checkout, or "".
func sharedDir() string {
	dir, err := filepath.Abs("../../../shared")
	if err != nil {
		return ""
	}
	if _, err := os.Stat(filepath.Join(dir, "corpora")); err != nil {
		return ""
	}
	return dir
}
