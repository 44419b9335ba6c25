package input

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
)

func TestLoadTotalLimit(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a.txt", "b.txt", "c.txt"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(strings.Repeat("word ", 20)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res := Load(context.Background(), []string{dir}, LoadOptions{MaxTotalBytes: 250})
	if len(res.Docs) != 2 || len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error(), "c.txt") {
		t.Fatalf("docs %d, errors %v", len(res.Docs), res.Errors)
	}
}

func TestReadFileRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	special := []string{dir}
	if st, err := os.Stat(os.DevNull); err == nil && st.Mode()&os.ModeDevice != 0 {
		special = append(special, os.DevNull) // (on some machines a stray write has made it a plain file)
	}
	for _, p := range special {
		_, err := ReadFile(p, LoadOptions{})
		var ie *compare.InputError
		if !errors.As(err, &ie) {
			t.Errorf("ReadFile(%s): %v, want an input error", p, err)
		}
	}
	_, err := ReadFile(filepath.Join(dir, "missing"), LoadOptions{})
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v, want one that unwraps to fs.ErrNotExist", err)
	}
}

func TestReaderFor(t *testing.T) {
	for _, c := range []struct{ name, head, want string }{
		{"a.txt", "x", "text"}, {"a.MD", "x", "markdown"}, {"a.xhtml", "x", "html"},
		{"a.tex", `\section{x}`, "latex"}, {"noext", "<!DOCTYPE html><p>x", "html"}, {"noext", "plain", "text"},
	} {
		if got := ReaderFor(c.name, []byte(c.head)).Format(); got != c.want {
			t.Errorf("ReaderFor(%s) = %s, want %s", c.name, got, c.want)
		}
	}
}
