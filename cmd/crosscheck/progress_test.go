package main

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck/compare"
)

// syncBuffer is a bytes.Buffer safe for the display's goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestProgressDrawsAndClears(t *testing.T) {
	var out syncBuffer
	p := startProgress(&out, 0)
	p.loaded("a.txt", 2_000_000)
	waitFor(t, &out, "reading · 1 files · 2.0 MB")
	p.checking(1, 2)
	p.finished(&compare.Analyzer{Name: "stutter"})
	waitFor(t, &out, "checking 1 documents ██████████░░░░░░░░░░ 1/2 checks")
	p.close()
	if !strings.HasSuffix(out.String(), "\r\033[K") {
		t.Errorf("the line is not cleared at the end: %q", out.String())
	}
}

func TestProgressQuietWhenFast(t *testing.T) {
	var out syncBuffer
	p := startProgress(&out, time.Hour)
	p.loaded("a.txt", 10)
	time.Sleep(300 * time.Millisecond)
	p.close()
	if out.String() != "" {
		t.Errorf("a quick run drew %q", out.String())
	}
	var none *progress // what newProgress returns when stderr is no terminal
	none.loaded("a", 1)
	none.checking(1, 1)
	none.finished(&compare.Analyzer{})
	none.close()
}

func waitFor(t *testing.T, out *syncBuffer, want string) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if strings.Contains(out.String(), want) {
			return
		}
	}
	t.Fatalf("progress never showed %q: %q", want, out.String())
}
