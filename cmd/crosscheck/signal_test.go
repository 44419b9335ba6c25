//go:build linux

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSignals runs the crosscheck binary on inputs large enough to keep
// each command busy, signals it once it has opened its output, and checks
// that it stops: exit 130 for SIGINT, 143 for SIGTERM, nothing written,
// no temporary file left. SIGKILL cannot be handled: the output must
// still leave nothing behind (an unnamed O_TMPFILE file).
func TestSignals(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it on megabytes of input")
	}
	bin := filepath.Join(t.TempDir(), "crosscheck")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	work := t.TempDir()
	writeSlowInputs(t, work)
	for _, c := range []struct {
		name string
		sig  syscall.Signal
		args []string
	}{
		{"check", syscall.SIGTERM, []string{"check", "-f", "json", "nums.txt"}},
		{"align", syscall.SIGINT, []string{"align", "-f", "json", "nums.txt", "nums2.txt"}},
		{"repeats", syscall.SIGTERM, []string{"repeats", "-f", "json", "nums.txt"}},
		{"claims", syscall.SIGINT, []string{"claims", "-f", "json", "nums.txt"}},
		{"cite", syscall.SIGTERM, []string{"cite", "-f", "json", "markers.md", "--sources", "sources"}},
		{"eval-nli", syscall.SIGTERM, []string{"eval", "nli", "pairs.tsv", "--predictions", "OUT/predictions.tsv"}},
		{"eval-pan", syscall.SIGINT, []string{"eval", "pan", "--pairs", "pan/pairs", "--susp", "pan", "--src", "pan", "--out", "pan-out", "--workers", "1"}},
		{"sigkill", syscall.SIGKILL, []string{"check", "-f", "json", "nums.txt"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			outDir := t.TempDir()
			args := append([]string{"-q", "-o", filepath.Join(outDir, "report")}, c.args...)
			for i, a := range args {
				args[i] = strings.Replace(a, "OUT", outDir, 1)
			}
			cmd := exec.Command(bin, args...)
			cmd.Dir = work
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			if !waitForOpenFileIn(cmd.Process.Pid, outDir, exited) {
				t.Fatalf("the run ended before it opened its output; make the input larger\n%s", stderr.String())
			}
			if err := cmd.Process.Signal(c.sig); err != nil {
				t.Fatal(err)
			}
			signalled := time.Now()
			select {
			case <-exited:
				t.Logf("exited %v after %v", time.Since(signalled).Round(time.Millisecond), c.sig)
			case <-time.After(60 * time.Second):
				cmd.Process.Kill()
				<-exited
				t.Fatalf("still running 60 s after %v", c.sig)
			}
			code := cmd.ProcessState.ExitCode()
			if c.sig == syscall.SIGKILL {
				code = 128 + int(syscall.SIGKILL) // killed: the shell's convention
			} else if !strings.Contains(stderr.String(), "crosscheck: interrupted") {
				t.Errorf("stderr %q, want it to say the run was interrupted", stderr.String())
			}
			if want := 128 + int(c.sig); code != want {
				t.Errorf("exit %d after %v, want %d\n%s", code, c.sig, want, stderr.String())
			}
			ents, err := os.ReadDir(outDir)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range ents {
				t.Errorf("%s left in the output folder", e.Name())
			}
		})
	}
}

// waitForOpenFileIn polls until process pid has a file open in dir (its
// output, or the temporary file behind it) and reports true, or until it
// exits (false).
func waitForOpenFileIn(pid int, dir string, exited chan error) bool {
	fds := fmt.Sprintf("/proc/%d/fd", pid)
	for {
		select {
		case err := <-exited:
			exited <- err // for the caller
			return false
		default:
		}
		ents, _ := os.ReadDir(fds)
		for _, e := range ents {
			if target, err := os.Readlink(filepath.Join(fds, e.Name())); err == nil && strings.HasPrefix(target, dir+"/") {
				return true
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// writeSlowInputs writes, in dir, inputs on which each command works for
// seconds: sentences full of numbers and dates (claims, repeats, align),
// footnote markers (cite), sentence pairs (eval nli), and a PAN corpus.
func writeSlowInputs(t *testing.T, dir string) {
	t.Helper()
	var nums, nums2, pairs strings.Builder
	pairs.WriteString("pair_ID\tsentence_A\tsentence_B\tentailment_judgment\n")
	for i := 0; nums.Len() < 3<<20; i++ {
		s := fmt.Sprintf("In %d the figure was %d and on March %d, %d it rose by %d%% to %d units. ",
			1900+i%120, i*37%10000, i%28+1, 1950+i%70, i%90, i*13%5000)
		nums.WriteString(s)
		if i%3 != 0 {
			nums2.WriteString(s)
		} else {
			nums2.WriteString("Something else entirely was said here. ")
		}
		if i < 200000 {
			fmt.Fprintf(&pairs, "%d\t%s\tIn %d the figure was %d.\tNEUTRAL\n", i, strings.TrimSpace(s), 1900+i%120, i%10000)
		}
	}
	files := map[string]string{
		"nums.txt":          nums.String(),
		"nums2.txt":         nums2.String(),
		"markers.md":        strings.Repeat("[^1]", 750_000),
		"sources/source.md": "# A source\n\nSome text.\n",
		"pairs.tsv":         pairs.String(),
		"pan/pairs":         "a.txt b.txt\nb.txt a.txt\na.txt a.txt\nb.txt b.txt\n",
		"pan/a.txt":         nums.String(),
		"pan/b.txt":         nums2.String(),
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
