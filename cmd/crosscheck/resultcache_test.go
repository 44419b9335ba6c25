package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/ncruces/go-sqlite3/driver"
)

// The documents of the result cache's tests: each has findings of its own
// (a stutter, a wrong article, a note marker without its note, a missing
// space after a date's comma) and a.md and b.txt share a paragraph and
// disagree on a number, so that checks across documents report too.
var cacheDocs = map[string]string{
	"a.md": `# Harbour report

The port authority said the new quay would open in the spring after two years of
delays, and that the dredging of the channel had been finished ahead of schedule by
the contractors hired in the autumn.

Cargo volumes rose by 12 percent in 2023, the authority said in its annual review.
It was an much better year than the one before.[^1]

The board met on March 3,2024 and approved the budget for the next phase of the
works on the northern breakwater.
`,
	"b.txt": `Notes from the council meeting

The port authority said the new quay would open in the spring after two years of
delays, and that the dredging of the channel had been finished ahead of schedule by
the contractors hired in the autumn.

Cargo volumes rose by 15 percent in 2023, the authority said in its annual review.
The mayor thanked the harbour staff for their work during the winter storms.
`,
	"c.txt": `A walk along the coast

The cliffs north of the town are crumbling, and the path along the top has been
moved inland twice in ten years. Walkers are asked to keep to to the marked route.
`,
	"d.txt": `Library opening hours

The library opens at nine on weekdays and at ten on Saturdays. It is closed on
Sundays and public holidays. Books may be returned through the slot by the door.
`,
}

func writeCacheDocs(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "docs")
	os.Mkdir(dir, 0o755)
	for name, text := range cacheDocs {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// cachedRun is one run of the CLI: its report, exit code and notes.
type cachedRun struct {
	out, err string
	code     int
}

func runCached(args ...string) cachedRun {
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return cachedRun{out.String(), errb.String(), code}
}

const (
	replayedRun  = "its findings are replayed"
	replayedDocs = "documents are unchanged since a run stored in"
)

// sameAsFresh runs args with --index idx and without, and fails unless
// the reports and exit codes are the same; it returns the cached run.
func sameAsFresh(t *testing.T, idx string, args ...string) cachedRun {
	t.Helper()
	fresh := runCached(args...)
	if fresh.code > 1 {
		t.Fatalf("crosscheck %s: exit %d: %s", strings.Join(args, " "), fresh.code, fresh.err)
	}
	cached := runCached(append(args, "--index", idx)...)
	if cached.out != fresh.out || cached.code != fresh.code {
		t.Fatalf("crosscheck %s --index: exit %d, report\n%s\nwithout the index: exit %d, report\n%s\nnotes: %s",
			strings.Join(args, " "), cached.code, cached.out, fresh.code, fresh.out, cached.err)
	}
	return cached
}

func TestResultCache(t *testing.T) {
	dir := writeCacheDocs(t)
	idx := filepath.Join(t.TempDir(), "index.db")
	check := func(extra ...string) []string { return append([]string{"check", "--format", "json", dir}, extra...) }

	first := sameAsFresh(t, idx, check()...)
	if strings.Contains(first.err, replayedRun) || strings.Contains(first.err, replayedDocs) {
		t.Fatalf("the first run replayed something: %s", first.err)
	}
	for _, want := range []string{"repeat.stutter", "repeat.passage", "claims.contradiction.number", "text.article", "cite.marker-undefined", "text.number-space"} {
		if !strings.Contains(first.out, want) {
			t.Errorf("the fixture should give %s:\n%s", want, first.out)
		}
	}
	again := sameAsFresh(t, idx, check()...)
	if !strings.Contains(again.err, replayedRun) {
		t.Fatalf("the second run of the same documents did not replay the first: %s", again.err)
	}

	// What is done with the findings may change: the run is replayed
	// through the report's own stages.
	for _, args := range [][]string{
		{"check", dir, "--format", "table"},
		{"check", dir, "--format", "sarif"},
		{"check", dir, "--format", "html"}, // the report's own analyzer runs again
		{"check", "--format", "json", dir, "--checks", "text,repeat.stutter"},
		{"check", "--format", "json", dir, "--fail-on", "error"},
		{"check", "--format", "json", dir, "--max-findings", "3"},
	} {
		r := sameAsFresh(t, idx, args...)
		if !strings.Contains(r.err, replayedRun) {
			t.Errorf("%s: not replayed: %s", strings.Join(args, " "), r.err)
		}
	}

	// An option of an analysis: nothing of the runs before is reused.
	r := sameAsFresh(t, idx, check("--stutter-max-words", "1")...)
	if strings.Contains(r.err, replayedRun) || strings.Contains(r.err, replayedDocs) {
		t.Fatalf("a run with another option reused results: %s", r.err)
	}

	// Another build of crosscheck: nothing is reused.
	defer func(b func() string) { cacheBuild = b }(cacheBuild)
	cacheBuild = func() string { return "another build" }
	r = sameAsFresh(t, idx, check()...)
	if strings.Contains(r.err, replayedRun) || strings.Contains(r.err, replayedDocs) {
		t.Fatalf("a run of another build reused results: %s", r.err)
	}
	r = sameAsFresh(t, idx, check()...)
	if !strings.Contains(r.err, replayedRun) {
		t.Fatalf("the new build's second run was not replayed: %s", r.err)
	}

	// One document changes: its findings and those across documents are
	// found again, the others' own findings replayed. b.txt loses the
	// shared paragraph and gains a stutter: repeat.passage and the number
	// contradiction go.
	b := strings.Replace(cacheDocs["b.txt"], "the new quay would open", "the new the new quay might open", 1)
	b = strings.Replace(b, "15 percent", "12 percent", 1)
	if err := os.WriteFile(filepath.Join(dir, "b.txt"), []byte(b), 0o644); err != nil {
		t.Fatal(err)
	}
	r = sameAsFresh(t, idx, check()...)
	if !strings.Contains(r.err, "3 of 4 "+replayedDocs) || strings.Contains(r.err, replayedRun) {
		t.Fatalf("after one document changed, want the other three's own findings replayed: %s", r.err)
	}
	if strings.Contains(r.out, "claims.contradiction.number") || strings.Count(r.out, `"check": "repeat.stutter"`) != 2 {
		t.Fatalf("the changed document's findings are not those of its new text:\n%s", r.out)
	}
	r = sameAsFresh(t, idx, check()...)
	if !strings.Contains(r.err, replayedRun) {
		t.Fatalf("the changed folder's second run was not replayed: %s", r.err)
	}

	// A document renamed is a new document (its path is in its findings).
	os.Rename(filepath.Join(dir, "d.txt"), filepath.Join(dir, "e.txt"))
	r = sameAsFresh(t, idx, check()...)
	if !strings.Contains(r.err, "3 of 4 "+replayedDocs) {
		t.Fatalf("after a rename: %s", r.err)
	}

	// Stored values that do not decode are a miss, not an error.
	db, err := sql.Open("sqlite3", "file:"+idx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("UPDATE results SET data = x'00ff00'"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	r = sameAsFresh(t, idx, check()...)
	if !strings.Contains(r.err, "could not be read") || strings.Contains(r.err, replayedDocs) {
		t.Fatalf("damaged results: %s", r.err)
	}
}

// TestResultCacheSources: the sources are part of every key; a change to
// one changes the citation findings, and nothing stored is replayed.
func TestResultCacheSources(t *testing.T) {
	dir := writeCacheDocs(t)
	src := filepath.Join(t.TempDir(), "sources")
	os.Mkdir(src, 0o755)
	os.WriteFile(filepath.Join(src, "review.txt"), []byte("Annual review\n\nCargo volumes rose by 12 percent in 2023.\n"), 0o644)
	idx := filepath.Join(t.TempDir(), "index.db")
	args := []string{"check", "--format", "json", dir, "--sources", src}
	sameAsFresh(t, idx, args...)
	if r := sameAsFresh(t, idx, args...); !strings.Contains(r.err, replayedRun) {
		t.Fatalf("not replayed: %s", r.err)
	}
	os.WriteFile(filepath.Join(src, "review.txt"), []byte("Annual review\n\nCargo volumes rose by 13 percent in 2023.\n"), 0o644)
	if r := sameAsFresh(t, idx, args...); strings.Contains(r.err, replayedRun) || strings.Contains(r.err, replayedDocs) {
		t.Fatalf("a changed source reused results: %s", r.err)
	}
}
