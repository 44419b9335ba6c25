package pan

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/reuse"
	"github.com/crosscheck/crosscheck/compare/reuse/internal/parallel"
)

// Pair names a suspicious document and a source to align.
type Pair struct{ Susp, Src string }

// ReadPairs reads a PAN pairs file: one "SUSP SRC" pair of file names a
// line; blank lines are skipped.
func ReadPairs(r io.Reader) ([]Pair, error) {
	var out []Pair
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		if len(f) != 2 {
			return nil, fmt.Errorf("line %d: want two file names (suspicious and source), got %d fields", line, len(f))
		}
		out = append(out, Pair{f[0], f[1]})
	}
	return out, sc.Err()
}

// Result is the outcome of aligning the pairs of a PAN corpus.
type Result struct {
	Detections [][]Case // per pair, in the order of the pairs
	Bytes      int64    // bytes of both documents of every pair
	Elapsed    time.Duration
}

// Run loads each document once (through files, as plain text; in
// parallel, as the pairs need them),
// aligns every pair with reuse.AlignPair on workers goroutines, and returns the
// detections with offsets in characters, and the throughput figures. A
// pair under way when ctx is done is aligned to its end.
func Run(ctx context.Context, files compare.Files, pairs []Pair, suspDir, srcDir string, opt reuse.Options, workers int) (*Result, error) {
	start := time.Now()
	type entry struct {
		once sync.Once
		doc  *compare.Document
		err  error
	}
	var mu sync.Mutex
	cache := map[string]*entry{}
	load := func(path string) (*compare.Document, error) {
		mu.Lock()
		e := cache[path]
		if e == nil {
			e = &entry{}
			cache[path] = e
		}
		mu.Unlock()
		e.once.Do(func() {
			raw, err := files.ReadFile(path)
			if err != nil {
				e.err = err
				return
			}
			e.doc, e.err = files.Parse(path, raw, "text")
		})
		return e.doc, e.err
	}
	run := &Result{Detections: make([][]Case, len(pairs))}
	errs := make([]error, len(pairs))
	sizes := make([]int64, len(pairs))
	err := parallel.For(ctx, len(pairs), workers, func(i int) {
		p := pairs[i]
		susp, err := load(filepath.Join(suspDir, p.Susp))
		if err != nil {
			errs[i] = err
			return
		}
		src, err := load(filepath.Join(srcDir, p.Src))
		if err != nil {
			errs[i] = err
			return
		}
		sizes[i] = int64(susp.Size() + src.Size())
		run.Detections[i] = Detections(susp, src, p.Susp, p.Src, reuse.AlignPair(susp, src, opt))
	})
	if err != nil {
		return nil, err
	}
	for i, e := range errs {
		if e != nil {
			return nil, e
		}
		run.Bytes += sizes[i]
	}
	run.Elapsed = time.Since(start)
	return run, nil
}

// ReadTruth reads the truth file of each pair (SUSP-SRC.xml, SUSP and
// SRC without their extension) from dir. A pair without a file has no cases.
func ReadTruth(files compare.Files, dir string, pairs []Pair) ([]Case, error) {
	var all []Case
	for _, p := range pairs {
		name := filepath.Join(dir, FileName(p))
		raw, err := files.ReadFile(name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		cs, err := ReadXML(bytes.NewReader(raw), "plagiarism")
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		all = append(all, cs...)
	}
	return all, nil
}

// FileName is the name of a pair's XML file: SUSP-SRC.xml.
func FileName(p Pair) string {
	return strings.TrimSuffix(p.Susp, filepath.Ext(p.Susp)) + "-" + strings.TrimSuffix(p.Src, filepath.Ext(p.Src)) + ".xml"
}

// Options are the alignment options the PAN evaluation uses by default:
// PAN cases are at least 256 characters (about 45 words), so chance
// matches shorter than 30 words are not worth a detection.
func Options() reuse.Options {
	return reuse.Options{MinWords: 30, TargetA: true}
}
