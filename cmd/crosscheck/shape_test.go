package main

import (
	"bufio"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The shape of the code, as ../shared/DESIGN.md draws it and the README's
// package map shows it: one way in for bytes, imports that point down.

const module = "github.com/crosscheck/crosscheck"

// fileReaders are the calls that read files or directories.
var fileReaders = map[string]map[string]bool{
	"os":       {"Open": true, "OpenFile": true, "ReadFile": true, "ReadDir": true, "Stat": true, "Lstat": true, "OpenInRoot": true, "OpenRoot": true, "DirFS": true},
	"ioutil":   {"ReadFile": true, "ReadDir": true, "ReadAll": false},
	"filepath": {"Walk": true, "WalkDir": true, "Glob": true},
}

// mayRead are the folders whose code may read files: the input layer, the
// commands, and the embedded seeds.
var mayRead = []string{"compare/input/", "cmd/", "seeds/"}

// analyzers are the packages that analyse documents: they get documents and
// their structure, never bytes, so they never import the input layer.
var analyzers = []string{"compare/reuse", "compare/claims", "compare/textcheck", "citations"}

type goFile struct {
	rel  string // slash path from the module root
	pkg  string // package's folder, slash path
	file *ast.File
	src  []byte
}

func moduleFiles(t *testing.T) []goFile {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	var out []goFile
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && (strings.HasPrefix(name, ".") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, p, src, parser.ImportsOnly|parser.ParseComments)
		if err != nil {
			return err
		}
		full, err := parser.ParseFile(fset, p, src, 0)
		if err != nil {
			return err
		}
		full.Comments = f.Comments
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		out = append(out, goFile{rel: rel, pkg: filepath.ToSlash(filepath.Dir(rel)), file: full, src: src})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 20 {
		t.Fatalf("found only %d Go files under %s", len(out), root)
	}
	return out
}

func imports(f *ast.File) []string {
	var out []string
	for _, im := range f.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		out = append(out, p)
	}
	return out
}

func generated(src []byte) bool {
	sc := bufio.NewScanner(strings.NewReader(string(src[:min(len(src), 4096)])))
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, "// Code generated ") && strings.HasSuffix(l, " DO NOT EDIT.") {
			return true
		}
		if strings.HasPrefix(l, "package ") {
			return false
		}
	}
	return false
}

// TestShapeOnlyTheInputLayerReadsFiles: outside compare/input, cmd/ and
// seeds/, no code opens, reads, stats or walks files (commands such as
// code generators, package main, are tools of their own).
func TestShapeOnlyTheInputLayerReadsFiles(t *testing.T) {
	for _, gf := range moduleFiles(t) {
		if gf.file.Name.Name == "main" || hasAnyPrefix(gf.rel, mayRead) {
			continue
		}
		local := map[string]string{} // import name → path
		for _, im := range gf.file.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			name := p[strings.LastIndex(p, "/")+1:]
			if im.Name != nil {
				name = im.Name.Name
			}
			local[name] = p
		}
		ast.Inspect(gf.file, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			id, ok := sel.X.(*ast.Ident)
			if !ok {
				return true
			}
			pkg := local[id.Name]
			short := pkg[strings.LastIndex(pkg, "/")+1:]
			if pkg == "os" || pkg == "io/ioutil" || pkg == "path/filepath" {
				if fileReaders[short][sel.Sel.Name] {
					t.Errorf("%s reads files (%s.%s): read through compare/input (compare.Files) instead", gf.rel, id.Name, sel.Sel.Name)
				}
			}
			return true
		})
	}
}

// TestShapeImportsPointDown: nothing under compare/ or citations/ imports
// a command; analyzers never import the input layer; the kernel imports
// none of its sub-packages; compare/lang imports no analyzer.
func TestShapeImportsPointDown(t *testing.T) {
	for _, gf := range moduleFiles(t) {
		for _, im := range imports(gf.file) {
			if !strings.HasPrefix(im, module+"/") {
				continue
			}
			dep := strings.TrimPrefix(im, module+"/")
			switch {
			case (strings.HasPrefix(gf.pkg, "compare") || strings.HasPrefix(gf.pkg, "citations")) && strings.HasPrefix(dep, "cmd/"):
				t.Errorf("%s imports %s: analysis never depends on a command", gf.rel, dep)
			case inAny(gf.pkg, analyzers) && dep == "compare/input":
				t.Errorf("%s imports compare/input: analyzers get documents, never bytes", gf.rel)
			case gf.pkg == "compare" && strings.HasPrefix(dep, "compare/"):
				t.Errorf("%s imports %s: the kernel imports none of its sub-packages", gf.rel, dep)
			case strings.HasPrefix(gf.pkg, "compare/lang") && (inAny(dep, analyzers) || dep == "compare/input"):
				t.Errorf("%s imports %s: language resources import no analyzer", gf.rel, dep)
			}
		}
	}
}

// TestShapePackageSize: no package under compare/ holds more than 4,000
// hand-written lines outside its tests (generated tables do not count).
func TestShapePackageSize(t *testing.T) {
	lines := map[string]int{}
	for _, gf := range moduleFiles(t) {
		if !strings.HasPrefix(gf.pkg, "compare") || generated(gf.src) {
			continue
		}
		lines[gf.pkg] += strings.Count(string(gf.src), "\n")
	}
	var pkgs []string
	for p := range lines {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	for _, p := range pkgs {
		if lines[p] > 4000 {
			t.Errorf("%s: %d hand-written lines, over 4,000: split it", p, lines[p])
		}
	}
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// inAny reports whether pkg is one of the packages or inside one of them.
func inAny(pkg string, pkgs []string) bool {
	for _, p := range pkgs {
		if pkg == p || strings.HasPrefix(pkg, p+"/") {
			return true
		}
	}
	return false
}
