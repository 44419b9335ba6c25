package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
)

func TestCheckFilter(t *testing.T) {
	stutter := &compare.Check{ID: "repeat.stutter"}
	unused := &compare.Check{ID: "ignore.unused"}
	tests := []struct {
		rules            []string
		stutter, ignored bool
	}{
		{[]string{"all"}, true, true},
		{[]string{"all", "-ignore.unused"}, true, false},
		{[]string{"-repeat"}, false, true},
		{[]string{"repeat"}, true, false},
		{[]string{"all", "-repeat", "repeat.stutter"}, true, true},
	}
	for _, tt := range tests {
		f, err := checkFilter(tt.rules)
		if err != nil {
			t.Fatal(err)
		}
		if f(stutter) != tt.stutter || f(unused) != tt.ignored {
			t.Errorf("%v: stutter %v ignore.unused %v", tt.rules, f(stutter), f(unused))
		}
	}
	if _, err := checkFilter([]string{"nope"}); err == nil {
		t.Error("unknown check accepted")
	}
}

func TestSeverityFor(t *testing.T) {
	o := map[string]compare.Severity{"repeat": compare.Info, "repeat.stutter": compare.Error}
	if s, ok := severityFor(o, &compare.Check{ID: "repeat.stutter"}); !ok || s != compare.Error {
		t.Errorf("stutter %v %v", s, ok)
	}
	if s, ok := severityFor(o, &compare.Check{ID: "repeat.passage"}); !ok || s != compare.Info {
		t.Errorf("passage %v %v", s, ok)
	}
	if _, ok := severityFor(o, &compare.Check{ID: "repeated.x"}); ok {
		t.Error("prefix must stop at a dot")
	}
}

func FuzzLoadConfig(f *testing.F) {
	f.Add("checks = [\"all\", \"-x\"]\nfail-on = \"error\"\n[severity]\n\"a\" = \"info\"\n")
	f.Add("min-words = 12\ninclude = [\"**/*.md\"]\n")
	known := map[string]bool{"fail-on": true, "min-words": true, "include": true}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, body string) {
		p := filepath.Join(dir, "c.toml")
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := loadConfig(p, known)
		if err != nil {
			if _, ok := err.(*usageError); !ok {
				t.Fatalf("config error of type %T: %v", err, err)
			}
			return
		}
		for k := range c.values {
			if !known[k] {
				t.Fatalf("unknown key %q accepted", k)
			}
		}
	})
}

// A configuration is checked by tomlguard before the TOML library sees
// it, and the size limit of a configuration is its own, not
// --max-file-size.
func TestLoadConfigGuards(t *testing.T) {
	dir := t.TempDir()
	known := map[string]bool{"fail-on": true}
	for _, c := range []struct {
		name, body, want, notWant string
	}{
		{"deep.toml", "checks = " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\n", "line 1: tables and arrays nest more than 32 deep", ""},
		{"deep-inline.toml", "fail-on = \"error\"\nx = " + strings.Repeat("{a=", 40) + "1" + strings.Repeat("}", 40) + "\n", "line 2: tables and arrays nest more than 32 deep", ""},
		{"huge.toml", "# " + strings.Repeat("x", 1<<20) + "\n", "over the 1.0 MiB limit (a configuration is at most 1 MiB, whatever --max-file-size says)", "raise the limit with --max-file-size"},
	} {
		p := filepath.Join(dir, c.name)
		if err := os.WriteFile(p, []byte(c.body), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := loadConfig(p, known)
		if err == nil || !strings.Contains(err.Error(), c.want) || c.notWant != "" && strings.Contains(err.Error(), c.notWant) {
			t.Errorf("%s: %v, want an error saying %q", c.name, err, c.want)
		}
		if _, ok := err.(*usageError); !ok {
			t.Errorf("%s: error of type %T, want a usage error (exit 2)", c.name, err)
		}
	}
}
