package main

import (
	"archive/zip"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/rogpeppe/go-internal/testscript"
)

// zipDirCmd is the script command `zipdir DIR OUT`: it zips the files
// under DIR into OUT, "mimetype" first and stored, as an EPUB wants, so
// that scripts can hold an EPUB's members as text.
func zipDirCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: zipdir DIR OUT")
	}
	dir, out := ts.MkAbs(args[0]), ts.MkAbs(args[1])
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		names = append(names, filepath.ToSlash(rel))
		return err
	})
	ts.Check(err)
	sort.SliceStable(names, func(i, j int) bool {
		if (names[i] == "mimetype") != (names[j] == "mimetype") {
			return names[i] == "mimetype"
		}
		return names[i] < names[j]
	})
	f, err := os.Create(out)
	ts.Check(err)
	zw := zip.NewWriter(f)
	for _, n := range names {
		method := zip.Deflate
		if n == "mimetype" {
			method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: method})
		ts.Check(err)
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(n)))
		ts.Check(err)
		_, err = w.Write(data)
		ts.Check(err)
	}
	ts.Check(zw.Close())
	ts.Check(f.Close())
}
