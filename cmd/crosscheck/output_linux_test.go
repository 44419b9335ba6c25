package main

import (
	"os"
	"path/filepath"
	"testing"
)

// On Linux the report is written to an unnamed file (O_TMPFILE) that has
// a name only from commit on: before, there is nothing in the folder for
// a SIGKILL to leave behind.
func TestAtomicFileUnnamedUntilCommit(t *testing.T) {
	dir := t.TempDir()
	if f, err := createUnnamed(dir); err != nil {
		t.Skipf("no O_TMPFILE here: %v", err)
	} else {
		f.Close()
	}
	target := filepath.Join(dir, "report.json")
	listing := func() []string {
		ents, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		return names
	}
	for _, commit := range []bool{false, true} {
		a, err := createAtomic(target)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.f.WriteString("{}\n"); err != nil {
			t.Fatal(err)
		}
		if names := listing(); len(names) != 0 {
			t.Fatalf("before commit the folder holds %v, want nothing", names)
		}
		if !commit {
			a.discard()
			if names := listing(); len(names) != 0 {
				t.Fatalf("after discard the folder holds %v, want nothing", names)
			}
			continue
		}
		if err := a.commit(); err != nil {
			t.Fatal(err)
		}
		if names := listing(); len(names) != 1 || names[0] != "report.json" {
			t.Fatalf("after commit the folder holds %v, want report.json alone", names)
		}
		st, err := os.Stat(target)
		if err != nil || st.Mode().Perm() != 0o644 || st.Size() != 3 {
			t.Fatalf("report.json: %v %v", st, err)
		}
	}
}
