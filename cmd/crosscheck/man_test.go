package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

var manDir = flag.String("man-dir", "", "write the man pages to this folder (make man)")

// TestManPages generates a man page for every command (cobra/doc), into
// -man-dir for `make man`, else into a temporary folder to check them. The
// generator lives in a test so that it stays out of the binary.
func TestManPages(t *testing.T) {
	dir := *manDir
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	a := &app{stdout: &out, stderr: &errs, width: 100}
	root := a.rootCommand()
	root.DisableAutoGenTag = true // the pages stay the same from run to run
	header := &doc.GenManHeader{Title: "CROSSCHECK", Section: "1", Source: "crosscheck " + version, Manual: "crosscheck manual"}
	if err := doc.GenManTree(root, header, dir); err != nil {
		t.Fatal(err)
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if !c.IsAvailableCommand() && c != root {
			return
		}
		name := strings.ReplaceAll(c.CommandPath(), " ", "-") + ".1"
		page, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("no man page for %q: %v", c.CommandPath(), err)
			return
		}
		if !bytes.Contains(page, []byte(".SH NAME")) || !bytes.Contains(page, []byte(c.Short[:min(len(c.Short), 20)])) {
			t.Errorf("%s: no NAME section or summary", name)
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}
