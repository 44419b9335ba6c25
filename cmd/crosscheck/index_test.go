package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/seeds"
)

// jsonFinding is what two runs must agree on.
type jsonFinding struct {
	Check     string `json:"check"`
	Message   string `json:"message"`
	File      string `json:"file"`
	Offset    int    `json:"offset"`
	EndOffset int    `json:"end_offset"`
	Related   []struct {
		Role   string `json:"role"`
		File   string `json:"file"`
		Offset int    `json:"offset"`
	} `json:"related"`
}

func (f jsonFinding) String() string {
	s := fmt.Sprintf("%s %s:%d-%d %q", f.Check, f.File, f.Offset, f.EndOffset, f.Message)
	for _, r := range f.Related {
		s += fmt.Sprintf(" [%s %s:%d]", r.Role, r.File, r.Offset)
	}
	return s
}

func (f jsonFinding) involves(path string) bool {
	if f.File == path {
		return true
	}
	for _, r := range f.Related {
		if r.File == path {
			return true
		}
	}
	return false
}

// runJSON runs the CLI in the working folder and returns its findings.
func runJSON(t *testing.T, args ...string) []jsonFinding {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), append(args, "--format", "json"), strings.NewReader(""), &out, &errb)
	if code > 1 {
		t.Fatalf("crosscheck %s: exit %d: %s", strings.Join(args, " "), code, errb.String())
	}
	var res struct{ Findings []jsonFinding }
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("crosscheck %s: %v", strings.Join(args, " "), err)
	}
	return res.Findings
}

// sameWithArchive checks that 'check A B…' and 'index add B…; check
// --against INDEX A' report the same findings about A (findings about B
// alone are not the second run's business), and so do align's: the same
// shared and repeated passages. Claims are left out: --against compares
// A only with archived documents that share a passage with it, and the
// claims analyzer groups the places of a claim over every document it
// is given, so its findings about A depend on documents the archive
// rightly leaves out (differences are logged).
func sameWithArchive(t *testing.T, a string, bs []string) (passages int) {
	t.Helper()
	if out := runIndexAdd(t, bs); out != 0 {
		t.Fatalf("index add: exit %d", out)
	}
	for _, cmd := range []string{"check", "align"} {
		var want, wantClaims []string
		for _, f := range runJSON(t, append([]string{cmd, a}, bs...)...) {
			switch {
			case !f.involves(a):
			case strings.HasPrefix(f.Check, "claims."):
				wantClaims = append(wantClaims, f.String())
			default:
				want = append(want, f.String())
			}
		}
		var got []string
		for _, f := range runJSON(t, cmd, "--against", "idx.db", a) {
			if strings.HasPrefix(f.Check, "claims.") {
				if !slices.Contains(wantClaims, f.String()) {
					t.Logf("%s --against: a claim finding the run with every document does not make: %s", cmd, f)
				}
				continue
			}
			got = append(got, f.String())
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s %s: %d findings with the archive, %d without\nwith:\n  %s\nwithout:\n  %s", cmd, a, len(got), len(want),
				strings.Join(got, "\n  "), strings.Join(want, "\n  "))
		}
		passages += len(want)
	}
	return passages
}

func runIndexAdd(t *testing.T, paths []string) int {
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"index", "add", "--index", "idx.db"}, paths...), strings.NewReader(""), &out, &errb)
	if code != 0 {
		t.Logf("index add: %s%s", out.String(), errb.String())
	}
	return code
}

// TestArchiveSameFindingsSeeds: each seed checked against an archive of
// the others finds what checking it with them finds.
func TestArchiveSameFindingsSeeds(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	names, err := fs.Glob(seeds.FS(), "*.txt")
	if err != nil || len(names) < 2 {
		t.Fatalf("seeds: %v %v", names, err)
	}
	for _, n := range names {
		raw, _ := fs.ReadFile(seeds.FS(), n)
		if err := os.WriteFile(n, raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i, a := range names {
		os.Remove("idx.db")
		sameWithArchive(t, a, slices.Delete(slices.Clone(names), i, i+1))
	}
}

// TestArchiveSameFindingsPAN does the same on PAN pairs: the source
// archived, the suspicious document checked against it.
func TestArchiveSameFindingsPAN(t *testing.T) {
	shared := sharedDir()
	if shared == "" {
		t.Skip("../shared/corpora is not there")
	}
	pan := filepath.Join(shared, "corpora", "pan13-no-obfuscation")
	pairs, err := os.ReadFile(filepath.Join(pan, "pairs"))
	if err != nil {
		t.Skip(err)
	}
	lines := strings.Split(strings.TrimSpace(string(pairs)), "\n")
	for _, line := range lines[:min(20, len(lines))] {
		f := strings.Fields(line)
		t.Run(f[0], func(t *testing.T) {
			t.Chdir(t.TempDir())
			for _, c := range []struct{ from, to string }{{"susp/" + f[0], f[0]}, {"src/" + f[1], f[1]}} {
				raw, err := os.ReadFile(filepath.Join(pan, c.from))
				if err != nil {
					t.Fatal(err)
				}
				os.WriteFile(c.to, raw, 0o644)
			}
			if sameWithArchive(t, f[0], []string{f[1]}) == 0 {
				t.Errorf("no shared passage found: nothing was compared")
			}
		})
	}
}
