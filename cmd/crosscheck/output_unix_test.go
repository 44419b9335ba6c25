//go:build unix

package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Standard input redirected from the --output file is an input like any
// other: refused, the file left alone.
func TestOutputIsStdin(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.txt")
	const text = "It was the the end.\n"
	if err := os.WriteFile(in, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	stdin, err := os.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"check", "-o", in, "-"}, stdin, &stdout, &stderr)
	if code != exitUsage || !strings.Contains(stderr.String(), "would replace standard input") {
		t.Errorf("exit %d, stderr %q; want 2 and a refusal", code, stderr.String())
	}
	if got, _ := os.ReadFile(in); string(got) != text {
		t.Errorf("in.txt is now %q", got)
	}
}

// An --output that names a pipe or a device is written in place: renaming
// a file over it would replace the device itself (for root, /dev/null).
func TestOutputToPipe(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "report.fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	in := filepath.Join(dir, "in.txt")
	if err := os.WriteFile(in, []byte("It was the the end.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// opened for reading and writing, a pipe never blocks: the run's open
	// for writing finds a reader at once
	r, err := os.OpenFile(fifo, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"check", "-q", "-f", "json", "-o", fifo, in}, nil, &stdout, &stderr)
	if code != exitFindings {
		t.Fatalf("exit %d (%s), want 1", code, stderr.String())
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("%s is no longer a pipe (%v, %v)", fifo, st.Mode(), err)
	}
	if err := r.SetReadDeadline(time.Now().Add(5 * time.Second)); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 1<<16)
	n, _ := r.Read(buf)
	if !strings.Contains(string(buf[:n]), `"repeat.stutter"`) {
		t.Errorf("the pipe carried %q, want the report", buf[:n])
	}
}
