package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Bad input at scale: a 200 MB file, 10,000 small files, one 50 MB line,
// 52 MB of unclosed HTML tags, and a 1 GB file over the size limit. Each run
// is a child process whose peak memory (maximum resident set) and time are
// logged; the test fails on a panic, a wrong exit code or message, or peak
// memory over the README's bound. They write about 300 MB to a temporary
// folder and take a minute, so they run only with CROSSCHECK_SCALE=1
// (`make scale`), never in `make test`.

const scaleEnv = "CROSSCHECK_SCALE"

// scaleProse is a paragraph of English-like text with one stutter.
const scaleProse = "The committee met in the spring and agreed that the the budget was sound. " +
	"Its members, who had travelled from several provinces, heard reports on trade, roads and schools; " +
	"they asked for figures by the end of the year, and the treasurer promised them. " +
	"Nothing in the accounts suggested that the plan, approved in 1999, would fail.\n\n"

type scaleRun struct {
	exit   int
	stdout string
	stderr string
	maxRSS int64 // bytes
	wall   time.Duration
}

// runScaled runs this test binary as crosscheck (testscript's Main starts
// the CLI when the program is called "crosscheck") in a child process.
func runScaled(t *testing.T, dir string, args ...string) scaleRun {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "crosscheck")
	if err := os.Symlink(self, bin); err != nil {
		t.Fatal(err)
	}
	// Peak memory comes from GNU time: the rusage of a child that Go starts
	// directly counts the test process's own memory (it is spawned with
	// vfork, and exec records the shared memory's high-water mark).
	rssFile := filepath.Join(t.TempDir(), "rss")
	cmd := exec.Command(bin, args...)
	if _, err := os.Stat("/usr/bin/time"); err == nil {
		cmd = exec.Command("/usr/bin/time", append([]string{"-f", "%M", "-o", rssFile, bin}, args...)...)
	}
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err = cmd.Run()
	r := scaleRun{stdout: stdout.String(), stderr: stderr.String(), wall: time.Since(start)}
	if ee, ok := err.(*exec.ExitError); ok {
		r.exit = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(rssFile); err == nil {
		// the last line is the peak in kilobytes (a line before it may note the exit status)
		fields := strings.Fields(string(b))
		if kb, err := strconv.ParseInt(fields[len(fields)-1], 10, 64); err == nil {
			r.maxRSS = kb << 10
		}
	} else {
		t.Logf("no /usr/bin/time: peak memory not measured")
	}
	if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine ") {
		t.Fatalf("crosscheck %s panicked:\n%s", strings.Join(args, " "), r.stderr)
	}
	t.Logf("crosscheck %s: exit %d, %.1fs, peak RSS %d MB, %d lines of output",
		strings.Join(args, " "), r.exit, r.wall.Seconds(), r.maxRSS>>20, strings.Count(r.stdout, "\n"))
	return r
}

// scaleText is a hundred paragraphs, one of them with a stutter: slips are
// rare in real text, and each finding costs memory of its own.
var scaleText = strings.Repeat(strings.Replace(scaleProse, "the the", "the", 1), 99) + scaleProse

// writeRepeated writes unit over and over until the file holds size bytes,
// then sep; it returns the file's size and how many units it holds.
func writeRepeated(t *testing.T, path, unit string, size int, sep string) (int64, int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	perChunk := max(1, (1<<20)/len(unit))
	chunk := strings.Repeat(unit, perChunk)
	n, units := 0, 0
	for n < size {
		k, err := f.WriteString(chunk)
		if err != nil {
			t.Fatal(err)
		}
		n += k
		units += perChunk
	}
	f.WriteString(sep)
	st, _ := f.Stat()
	return st.Size(), units
}

// checkMemory fails when peak memory is over the bound the README states:
// 8 times the input plus 100 MB.
func checkMemory(t *testing.T, r scaleRun, input int64) {
	t.Helper()
	if bound := 8*input + 100<<20; r.maxRSS > bound {
		t.Errorf("peak RSS %d MB over the bound of %d MB for %d MB of input", r.maxRSS>>20, bound>>20, input>>20)
	}
}

func skipUnlessScale(t *testing.T) string {
	if os.Getenv(scaleEnv) == "" {
		t.Skipf("set %s=1 to run the scale tests (about 300 MB of temporary files, a minute)", scaleEnv)
	}
	return t.TempDir()
}

func TestScaleLargeFile(t *testing.T) {
	dir := skipUnlessScale(t)
	size, units := writeRepeated(t, filepath.Join(dir, "big.txt"), scaleText, 200<<20, "")
	r := runScaled(t, dir, "check", "--format", "text", "big.txt")
	if r.exit != exitFindings || strings.Count(r.stdout, "big.txt:") != units { // one slip in each unit
		t.Errorf("exit %d, stdout starts %q, stderr %q", r.exit, r.stdout[:min(len(r.stdout), 100)], r.stderr)
	}
	checkMemory(t, r, size)
}

func TestScaleManyFiles(t *testing.T) {
	dir := skipUnlessScale(t)
	docs := filepath.Join(dir, "docs")
	var total int64
	for i := range 10000 {
		sub := filepath.Join(docs, fmt.Sprintf("part%02d", i/500))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		text := fmt.Sprintf("Note %d. %s", i, scaleProse)
		if i%2 == 0 {
			text = fmt.Sprintf("Note %d has no slip in it.\n", i)
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("n%05d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		total += int64(len(text))
	}
	r := runScaled(t, dir, "check", "--format", "json", "docs")
	if r.exit != exitFindings || strings.Count(r.stdout, `"check": "repeat.stutter"`) != 5000 ||
		strings.Count(r.stdout, `"path": "docs/part`) != 10000 {
		t.Errorf("exit %d, %d findings, %d files", r.exit, strings.Count(r.stdout, `"check"`), strings.Count(r.stdout, `"path"`))
	}
	checkMemory(t, r, total)
}

func TestScaleLongLine(t *testing.T) {
	dir := skipUnlessScale(t)
	line := strings.ReplaceAll(scaleText, "\n", " ")
	size, units := writeRepeated(t, filepath.Join(dir, "line.txt"), line, 50<<20, "\n")
	r := runScaled(t, dir, "check", "--format", "csv", "line.txt")
	if r.exit != exitFindings || strings.Count(r.stdout, "line.txt,1,") != units {
		t.Errorf("exit %d, stderr %q", r.exit, r.stderr)
	}
	// the last finding sits tens of millions of columns into line 1
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if last := lines[len(lines)-1]; !strings.HasPrefix(last, "line.txt,1,") {
		t.Errorf("last row %q", last)
	}
	checkMemory(t, r, size)
}

func TestScaleUnclosedHTML(t *testing.T) {
	dir := skipUnlessScale(t)
	size, _ := writeRepeated(t, filepath.Join(dir, "tags.html"), `<p><a href="#x">`, 50<<20, "the the end")
	r := runScaled(t, dir, "check", "--format", "text", "tags.html")
	if r.exit != exitFindings || !strings.Contains(r.stdout, "tags.html:1:") {
		t.Errorf("exit %d, stdout %q, stderr %q", r.exit, r.stdout, r.stderr)
	}
	// HTML keeps at most 1024 open elements of interest, so this stays small
	checkMemory(t, r, size)
}

func TestScaleOverLimit(t *testing.T) {
	dir := skipUnlessScale(t)
	// a sparse 1 GB file: it must be refused before it is read
	f, err := os.Create(filepath.Join(dir, "huge.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 30); err != nil {
		t.Fatal(err)
	}
	f.Close()
	r := runScaled(t, dir, "check", "huge.txt")
	want := "crosscheck: huge.txt: file is 1.0 GiB, over the 256.0 MiB limit (split it, or raise the limit with --max-file-size)\n"
	if r.exit != exitUsage || r.stderr != want || r.stdout != "" {
		t.Errorf("exit %d, stderr %q, want %q", r.exit, r.stderr, want)
	}
	if r.maxRSS > 32<<20 || r.wall > 5*time.Second {
		t.Errorf("refusing took %d MB and %v: was the file read?", r.maxRSS>>20, r.wall)
	}
}
