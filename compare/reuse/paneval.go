package reuse

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
)

// PANPair names a suspicious document and a source to align.
type PANPair struct{ Susp, Src string }

// ReadPANPairs reads a PAN pairs file: one "SUSP SRC" pair of file names a
// line; blank lines are skipped.
func ReadPANPairs(r io.Reader) ([]PANPair, error) {
	var out []PANPair
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
		out = append(out, PANPair{f[0], f[1]})
	}
	return out, sc.Err()
}

// PANRun is the outcome of aligning the pairs of a PAN corpus.
type PANRun struct {
	Detections [][]PANCase // per pair, in the order of the pairs
	Bytes      int64       // bytes of both documents of every pair
	Elapsed    time.Duration
}

// RunPAN loads each document once (through files, as plain text; in
// parallel, as the pairs need them),
// aligns every pair with AlignPair on workers goroutines, and returns the
// detections with offsets in characters, and the throughput figures.
func RunPAN(ctx context.Context, files compare.Files, pairs []PANPair, suspDir, srcDir string, opt Options, workers int) (*PANRun, error) {
	start := time.Now()
	opt = opt.withDefaults()
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
	run := &PANRun{Detections: make([][]PANCase, len(pairs))}
	errs := make([]error, len(pairs))
	sizes := make([]int64, len(pairs))
	err := parallel(ctx, len(pairs), workers, func(i int) {
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
		ps, _ := alignSides(ctx, wholeSide(susp), wholeSide(src), false, opt, nil)
		run.Detections[i] = PANDetections(susp, src, p.Susp, p.Src, ps)
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

// ReadPANTruth reads the truth file of each pair (SUSP-SRC.xml, SUSP and
// SRC without their extension) from dir. A pair without a file has no cases.
func ReadPANTruth(files compare.Files, dir string, pairs []PANPair) ([]PANCase, error) {
	var all []PANCase
	for _, p := range pairs {
		name := filepath.Join(dir, PANFileName(p))
		raw, err := files.ReadFile(name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		cs, err := ReadPANXML(bytes.NewReader(raw), "plagiarism")
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		all = append(all, cs...)
	}
	return all, nil
}

// PANFileName is the name of a pair's XML file: SUSP-SRC.xml.
func PANFileName(p PANPair) string {
	return strings.TrimSuffix(p.Susp, filepath.Ext(p.Susp)) + "-" + strings.TrimSuffix(p.Src, filepath.Ext(p.Src)) + ".xml"
}

// PANOptions are the alignment options the PAN evaluation uses by default:
// PAN cases are at least 256 characters (about 45 words), so chance
// matches shorter than 30 words are not worth a detection.
func PANOptions() Options {
	return Options{MinWords: 30, TargetA: true}
}
