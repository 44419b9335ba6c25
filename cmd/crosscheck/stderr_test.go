package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// checkStderr fails the test when standard error holds a character that
// drives a terminal or hides text (other than the line breaks between
// lines), a line the Actions runner reads as a workflow command ("::" at
// its start after white space, "##[" anywhere), or more than max bytes.
func checkStderr(t *testing.T, stderr string, max int) {
	t.Helper()
	if len(stderr) > max {
		t.Errorf("standard error is %d bytes (at most %d): %.300q", len(stderr), max, stderr)
	}
	for i, r := range stderr {
		if r != '\n' && (r == utf8.RuneError || unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp)) {
			t.Errorf("standard error holds %U at byte %d: %q", r, i, stderr)
			break
		}
	}
	if strings.Contains(stderr, "##[") {
		t.Errorf("standard error holds a legacy workflow command: %q", stderr)
	}
	for _, line := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(strings.TrimLeftFunc(line, unicode.IsSpace), "::") {
			t.Errorf("a line of standard error starts a workflow command: %q", line)
		}
	}
}

// writeFiles creates files (names relative to dir, which may hold any
// byte but "/" and NUL) with their contents.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
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

// TestStderrHostileNames: the notes and errors about files with hostile
// names, and errors that quote hostile input, reach standard error safe
// and bounded, whatever path they take: a skipped-file note, an empty-file
// note, the input errors loadDocuments prints before the last, printError,
// a config error, a baseline error, a huge manifest error.
func TestStderrHostileNames(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("file names with control characters")
	}
	dir := t.TempDir()
	t.Chdir(dir)
	passage := "The committee met in Paris and approved the budget of the new museum after a long debate.\n"
	writeFiles(t, dir, map[string]string{
		"notes/ok.txt": passage,
		"notes/bin\x1b]0;pwned\x07\n::error::skip.txt": "\x00\x01binary",
		"notes/empty\u202e::x.txt":                     "",
		"bad/u1\x1b[2J\n::error::a.txt":                "ok \xff\xfe bad",
		"bad/u2 ##[error]b.txt":                        "ok \xff\xfe bad",
		"cfg/crosscheck.toml":                          "[severity]\n\"x\u202e::y ##[error]z\" = 5\n",
		"cfg/a.txt":                                    passage,
		"big/doc.md":                                   "A claim[^1].\n\n[^1]: Smith, Title, p. 3.\n",
		"big/src/refs.bib":                             "@book{x, title = " + strings.Repeat("a", 2<<20) + "}\n",
	})
	runs := []struct {
		name string
		dir  string
		args []string
		want string // a piece of standard error the run must print
	}{
		{"notes", dir, []string{"repeats", "notes"}, `notes/bin\x1b]0;pwned\x07\x0a::error::skip.txt`},
		{"input errors", dir, []string{"repeats", "bad"}, `bad/u1\x1b[2J\x0a::error::a.txt: invalid UTF-8`},
		{"config", filepath.Join(dir, "cfg"), []string{"check", "a.txt"}, `severity.x\u202e::y \x23#[error]z`},
		{"baseline", dir, []string{"check", "notes/ok.txt", "--baseline", "b\x1b[2J\n::error::x.json"}, `--baseline b\x1b[2J\x0a::error::x.json`},
		{"manifest", filepath.Join(dir, "big"), []string{"cite", "doc.md", "--sources", "src"}, `undefined macro "aaaa`},
	}
	for _, r := range runs {
		t.Run(r.name, func(t *testing.T) {
			t.Chdir(r.dir)
			var stdout, stderr bytes.Buffer
			run(context.Background(), append(r.args, "--fail-on", "none", "-f", "text"), strings.NewReader(""), &stdout, &stderr)
			checkStderr(t, stderr.String(), 2<<10)
			if !strings.Contains(stderr.String(), r.want) {
				t.Errorf("standard error lacks %q:\n%.600s", r.want, stderr.String())
			}
		})
	}
}
