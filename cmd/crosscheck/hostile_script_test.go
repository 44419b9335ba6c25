package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestHostileScripts runs testdata/script/*.txtar beside this file: the
// CLI on files whose names no txtar archive can hold (control characters,
// line breaks), made by the script command `hostile`.
func TestHostileScripts(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("file names with control characters")
	}
	testscript.Run(t, testscript.Params{
		Dir:           filepath.Join("testdata", "script"),
		UpdateScripts: *updateScripts,
		Setup: func(env *testscript.Env) error {
			env.Setenv("COLUMNS", "100")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"hostile": hostileCmd,
		},
	})
}

// hostileCmd is the script command `hostile SRC|-binary|-invalid|-empty
// NAME…`: it copies SRC (or writes binary data, text that is not UTF-8, or
// nothing) to each NAME, written
// with Go's string escapes (\x1b, \n, \u202e), so that a script can name
// a file that holds any byte but "/" and NUL.
func hostileCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: hostile SRC|-binary|-invalid|-empty NAME…")
	}
	var text string
	switch args[0] {
	case "-binary":
		text = "\x00\x01binary"
	case "-invalid":
		text = "ok \xff\xfe bad"
	case "-empty":
	default:
		text = ts.ReadFile(args[0])
	}
	for _, quoted := range args[1:] {
		name, err := strconv.Unquote(`"` + quoted + `"`)
		if err != nil {
			ts.Fatalf("hostile: %q is not a Go string body: %v", quoted, err)
		}
		p := ts.MkAbs(name)
		ts.Check(os.MkdirAll(filepath.Dir(p), 0o755))
		ts.Check(os.WriteFile(p, []byte(text), 0o644))
	}
}
