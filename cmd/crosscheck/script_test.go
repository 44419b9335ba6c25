package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var updateScripts = flag.Bool("update-scripts", false, "rewrite testscript files' expected output in place")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"crosscheck": func() {
			os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
		},
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
// Scripts that need the shared corpora start with `[!shared] skip`.
func TestScripts(t *testing.T) {
	repo, _ := filepath.Abs("../..")
	testscript.Run(t, testscript.Params{
		Dir:           filepath.Join(repo, "testdata", "script"),
		UpdateScripts: *updateScripts,
		Cmds:          scriptCommands(),
		Condition: func(cond string) (bool, error) {
			if cond == "shared" {
				return sharedDir() != "", nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
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
	})
}
