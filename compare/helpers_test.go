package compare

import (
	"os"
	"path/filepath"
	"testing"
)

// mustDoc makes a plain-text document of text (the input layer's readers
// are tested in compare/input).
func mustDoc(t testing.TB, name, text string) *Document {
	t.Helper()
	return NewTextDocument(name, text)
}

// sharedCorpus returns the path of a file under ../shared/corpora, skipping
// the test or benchmark when the shared folder is not beside the checkout.
func sharedCorpus(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join("..", "..", "shared", "corpora", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("shared corpus not available: %s", p)
	}
	return p
}
