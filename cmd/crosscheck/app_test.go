package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteFileAtomicFailure: a render that fails half-way leaves no file
// (and no temporary file), and leaves an existing report untouched.
func TestWriteFileAtomicFailure(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "report.json")
	failing := func(w io.Writer) error {
		io.WriteString(w, `{"half": `)
		return errors.New("renderer broke")
	}
	err := writeFileAtomic(out, failing)
	if err == nil || !strings.Contains(err.Error(), "report.json") || !strings.Contains(err.Error(), "renderer broke") {
		t.Fatalf("err = %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("left behind: %v", entries)
	}

	if err := os.WriteFile(out, []byte("old report\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeFileAtomic(out, failing); err == nil {
		t.Fatal("no error")
	}
	if b, _ := os.ReadFile(out); string(b) != "old report\n" {
		t.Errorf("old report became %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

// TestWriteFileAtomicWhole: the file appears whole, readable by others.
func TestWriteFileAtomicWhole(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "r.txt")
	want := strings.Repeat("line of a report\n", 10000)
	if err := writeFileAtomic(out, func(w io.Writer) error {
		// nothing is at the final path while the report is being written
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("report visible before it is complete: %v", err)
		}
		_, err := io.WriteString(w, want)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil || string(b) != want {
		t.Fatalf("read %d bytes, err %v", len(b), err)
	}
	st, _ := os.Stat(out)
	if st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v", st.Mode())
	}
}

func TestWriteFileAtomicMissingFolder(t *testing.T) {
	err := writeFileAtomic(filepath.Join(t.TempDir(), "no", "such", "r.txt"), func(io.Writer) error { return nil })
	if err == nil || strings.Contains(err.Error(), ".tmp") {
		t.Fatalf("err = %v (should name the output, not the temporary file)", err)
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"256MiB": 256 << 20, "1GB": 1e9, "1048576": 1 << 20, "64k": 64 << 10, " 2 mib ": 2 << 20} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "x", "-5MB", "0", "MB"} {
		if _, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q): no error", in)
		}
	}
}
