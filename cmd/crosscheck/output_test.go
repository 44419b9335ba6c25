package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Where there is no unnamed file, the temporary is a hidden named file
// beside the output: discard removes it, commit renames it, and the
// signal handler's removeAll removes one a run left.
func TestAtomicFileNamed(t *testing.T) {
	tryUnnamed = false
	defer func() { tryUnnamed = true }()
	dir := t.TempDir()
	target := filepath.Join(dir, "report.json")
	names := func() []string {
		ents, _ := os.ReadDir(dir)
		var out []string
		for _, e := range ents {
			out = append(out, e.Name())
		}
		return out
	}
	a, err := createAtomic(target)
	if err != nil {
		t.Fatal(err)
	}
	if n := names(); len(n) != 1 || !strings.HasPrefix(n[0], ".report.json.tmp") {
		t.Fatalf("folder holds %v, want one .report.json.tmp* file", n)
	}
	a.discard()
	if n := names(); len(n) != 0 {
		t.Fatalf("after discard the folder holds %v", n)
	}
	if _, err := createAtomic(target); err != nil {
		t.Fatal(err)
	}
	temps.removeAll() // what the signal handler does before it exits
	if n := names(); len(n) != 0 {
		t.Fatalf("after removeAll the folder holds %v", n)
	}
	a, err = createAtomic(target)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.commit(); err != nil {
		t.Fatal(err)
	}
	if n := names(); len(n) != 1 || n[0] != "report.json" {
		t.Fatalf("after commit the folder holds %v, want report.json", n)
	}
}
