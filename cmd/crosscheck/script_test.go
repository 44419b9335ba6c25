package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/rogpeppe/go-internal/testscript"
)

var updateScripts = flag.Bool("update-scripts", false, "rewrite testscript files' expected output in place")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"crosscheck": func() { os.Exit(process()) },
	})
}

// sharedDir returns ../shared beside the checkout (the corpora), or "".
func sharedDir() string {
	dir, err := filepath.Abs("../../../shared")
	if err != nil {
		return ""
	}
	if _, err := os.Stat(filepath.Join(dir, "corpora")); err != nil {
		return ""
	}
	return dir
}

// TestScripts runs testdata/script/*.txtar: the CLI as a user types it.
// Scripts that need the shared corpora start with `[!shared] skip`;
// `[exists:/bin/ls]` is true when that path exists.
func TestScripts(t *testing.T) {
	repo, _ := filepath.Abs("../..")
	testscript.Run(t, testscript.Params{
		Dir:           filepath.Join(repo, "testdata", "script"),
		UpdateScripts: *updateScripts,
		Setup: func(env *testscript.Env) error {
			shared := sharedDir()
			if shared == "" {
				shared = filepath.Join(env.WorkDir, "no-shared")
			}
			env.Setenv("SHARED", shared)
			env.Setenv("REPO", repo)
			env.Setenv("COLUMNS", "100")
			return nil
		},
		Condition: func(cond string) (bool, error) {
			if p, ok := strings.CutPrefix(cond, "exists:"); ok {
				_, err := os.Stat(p)
				return err == nil, nil
			}
			if cond == "shared" {
				return sharedDir() != "", nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"encode": encodeCmd,
			"inert":  cmdInert,
			"zipdir": zipDirCmd,
		},
	})
}

// encodeCmd is the script command `encode utf16le|utf16be|latin1 SRC DST`:
// it writes the UTF-8 text of SRC to DST in another encoding (UTF-16 with a
// byte order mark, or Latin-1, which is invalid UTF-8 past ASCII), so
// scripts can hold such files without binary bytes in the txtar.
func encodeCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: encode utf16le|utf16be|latin1 SRC DST")
	}
	text := ts.ReadFile(args[1])
	var out []byte
	switch args[0] {
	case "utf16le", "utf16be":
		units := utf16.Encode([]rune("\ufeff" + text))
		for _, u := range units {
			if args[0] == "utf16le" {
				out = append(out, byte(u), byte(u>>8))
			} else {
				out = append(out, byte(u>>8), byte(u))
			}
		}
	case "latin1":
		for _, r := range text {
			if r > 0xff {
				ts.Fatalf("encode latin1: %q has no Latin-1 form", r)
			}
			out = append(out, byte(r))
		}
	default:
		ts.Fatalf("encode: unknown encoding %q", args[0])
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[2]), out, 0o644))
}
