//go:build unix

package input

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck/compare"
)

// returnsSoon runs f and fails the test if it has not returned within a
// generous delay: opening a named pipe that has no writer blocks forever.
func returnsSoon(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s: still blocked after 10 s (opening a named pipe?)", what)
	}
}

func mkfifo(t *testing.T, p string) {
	t.Helper()
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
}

// A named pipe is never opened as if it were a file: not when named,
// not when found in a folder, not when it replaced a file between the
// listing and the reading.
func TestNamedPipesNeverBlock(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.txt")
	mkfifo(t, fifo)
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("Some text here.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var ie *compare.InputError
	returnsSoon(t, "readFile", func() {
		// what Load does with a file the listing saw as regular
		_, err := LoadOptions{}.readFile(fifo)
		if !errors.As(err, &ie) || !strings.Contains(ie.Msg, "named pipe") {
			t.Errorf("readFile(pipe) = %v, want an input error naming a named pipe", err)
		}
	})
	returnsSoon(t, "ReadFile", func() {
		if _, err := ReadFile(fifo, LoadOptions{}); !errors.As(err, &ie) {
			t.Errorf("ReadFile(pipe) = %v, want an input error", err)
		}
	})
	returnsSoon(t, "Open", func() {
		if _, err := Open(fifo); !errors.As(err, &ie) {
			t.Errorf("Open(pipe) = %v, want an input error", err)
		}
	})
	returnsSoon(t, "Load named", func() {
		res := Load(context.Background(), []string{filepath.Join(dir, "a.txt"), fifo}, LoadOptions{})
		if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error(), "not a regular file (a named pipe)") {
			t.Errorf("a named pipe named as a document: errors %v, want one error", res.Errors)
		}
	})
	returnsSoon(t, "Load walked", func() {
		res := Load(context.Background(), []string{dir}, LoadOptions{})
		if len(res.Errors) != 0 || len(res.Docs) != 1 {
			t.Fatalf("walk: %d docs, errors %v; want the one text file", len(res.Docs), res.Errors)
		}
		if len(res.Skipped) != 1 || res.Skipped[0].Path != fifo || !strings.Contains(res.Skipped[0].Reason, "named pipe") {
			t.Errorf("walk: skipped %v, want the pipe noted", res.Skipped)
		}
	})
}

// Symbolic links met in a walk are not followed, and each one the walk
// would have read is noted, loops and dangling links included.
func TestLoadSymlinksInWalks(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	write := func(p, text string) {
		t.Helper()
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, p string) {
		t.Helper()
		if err := os.Symlink(target, p); err != nil {
			t.Skipf("symlink: %v", err)
		}
	}
	write(filepath.Join(dir, "a.txt"), "A document of our own.\n")
	write(filepath.Join(outside, "secret.txt"), "A secret outside the folder.\n")
	link(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "secret.txt"))
	link("a.txt", filepath.Join(dir, "again.md"))
	link(outside, filepath.Join(dir, "elsewhere"))
	link("loop1.txt", filepath.Join(dir, "loop2.txt"))
	link("loop2.txt", filepath.Join(dir, "loop1.txt"))
	link("missing.txt", filepath.Join(dir, "dangling.txt"))
	link("a.txt", filepath.Join(dir, "binary.bin")) // not a name a walk reads: no note

	res := Load(context.Background(), []string{dir}, LoadOptions{})
	if len(res.Errors) != 0 || len(res.Docs) != 1 || res.Docs[0].Path != filepath.ToSlash(filepath.Join(dir, "a.txt")) {
		t.Fatalf("docs %d, errors %v: want a.txt alone", len(res.Docs), res.Errors)
	}
	want := map[string]string{
		"again.md":     "symbolic link, not followed (name it to read it)",
		"secret.txt":   "symbolic link, not followed (name it to read it)",
		"elsewhere":    "symbolic link to a folder, not followed (name it to read it)",
		"loop1.txt":    "symbolic link in a loop, not followed",
		"loop2.txt":    "symbolic link in a loop, not followed",
		"dangling.txt": "symbolic link to nothing, not followed",
	}
	got := map[string]string{}
	for _, s := range res.Skipped {
		got[filepath.Base(s.Path)] = s.Reason
	}
	for name, reason := range want {
		if got[name] != reason {
			t.Errorf("%s: skipped as %q, want %q", name, got[name], reason)
		}
	}
	if len(got) != len(want) {
		t.Errorf("skipped %v, want exactly %v", got, want)
	}

	// a link named on the command line is the user's choice: followed,
	// for a file and for a folder
	res = Load(context.Background(), []string{filepath.Join(dir, "secret.txt"), filepath.Join(dir, "elsewhere")}, LoadOptions{})
	if len(res.Errors) != 0 || len(res.Docs) != 2 {
		t.Errorf("named links: %d docs, errors %v; want both read", len(res.Docs), res.Errors)
	}
}

// Avoid sees the whole list, walked files included, before any file is
// read; its error is the load's only one.
func TestLoadAvoidBeforeReading(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a.txt", "b.txt", "sub/c.txt"} {
		p := filepath.Join(dir, n)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("text "+n+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, err := os.Stat(filepath.Join(dir, "sub", "c.txt"))
	if err != nil {
		t.Fatal(err)
	}
	refused := errors.New("refused")
	read := 0
	var seen []string
	res := Load(context.Background(), []string{filepath.Join(dir, "a.txt"), dir}, LoadOptions{
		Loaded: func(string, int64) { read++ },
		Avoid: func(p string, st fs.FileInfo) error {
			seen = append(seen, filepath.Base(p))
			if os.SameFile(st, c) {
				return refused
			}
			return nil
		},
	})
	if len(res.Errors) != 1 || res.Errors[0] != refused || len(res.Docs) != 0 || read != 0 {
		t.Errorf("errors %v, %d docs, %d files read; want the refusal alone and nothing read", res.Errors, len(res.Docs), read)
	}
	if strings.Join(seen, " ") != "a.txt b.txt c.txt" {
		t.Errorf("Avoid saw %v, want a.txt b.txt c.txt (a.txt once)", seen)
	}
	// ReadFile asks too
	if _, err := ReadFile(filepath.Join(dir, "sub", "c.txt"), LoadOptions{Avoid: func(string, fs.FileInfo) error { return refused }}); err != refused {
		t.Errorf("ReadFile: %v, want the refusal", err)
	}
}

// A cancelled context stops a load before it reads anything.
func TestLoadCancelled(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("text\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res := Load(ctx, []string{dir}, LoadOptions{})
	if len(res.Docs) != 0 || len(res.Errors) != 1 || !errors.Is(res.Errors[0], context.Canceled) {
		t.Errorf("docs %d, errors %v; want context.Canceled alone", len(res.Docs), res.Errors)
	}
}
