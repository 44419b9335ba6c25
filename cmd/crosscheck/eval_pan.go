package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/crosscheck/crosscheck/compare/input"
	"github.com/crosscheck/crosscheck/compare/reuse"
	"github.com/crosscheck/crosscheck/compare/reuse/pan"
)

func (a *app) evalPANCommand() *cobra.Command {
	var pairsFile, suspDir, srcDir, outDir, truthDir, detDir, typesFile, boilerFile string
	var workers int
	opt := pan.Options()
	cmd := &cobra.Command{
		Use:   "pan --pairs FILE (--susp DIR --src DIR --out DIR | --detections DIR) [--truth DIR] [--case-types FILE] [--boilerplate FILE]",
		Short: "Text alignment on a PAN corpus: detections XML, plagdet and throughput",
		Long: `Align each (suspicious, source) pair listed in --pairs (one "SUSP SRC" pair of file
names a line, files in --susp and --src) and write one detections file per pair to
--out, named SUSP-SRC.xml (without the .txt), in PAN's format: <feature
name="detected-plagiarism" this_offset this_length source_reference source_offset
source_length/>, offsets and lengths in characters (code points) of the original files.

With --truth (a folder of PAN truth files named the same way), print macro precision,
recall, granularity and plagdet (PAN 2013 definitions). The throughput counts the bytes
of both documents of every pair over the wall time of loading, aligning and writing.

With --detections DIR, align nothing: score the detections another tool wrote, one PAN
file per pair in DIR, against --truth (required then; --susp, --src, --out and the
alignment flags do not apply). A pair's file is SUSP-SRC.xml as above, or, when no such
file exists, the name the PAN 2014/2015 reference code writes: SUSP and SRC cut at their
first dot. A pair with neither file has no detections.

With --case-types FILE, a tab-separated list of the truth cases and their type (columns:
suspicious file, this_offset, this_length, source file, source_offset, source_length,
type; a header line and lines starting with # are skipped), also print one line per
type. A type's line scores the cases of that type against the detections that overlap
one of them (on both sides, as PAN counts a detection): recall and granularity over
those cases; precision over those detections, where a detection's characters inside a
truth case of any type count as right. Detections that overlap no truth case count
against precision in the overall line only. Truth cases missing from FILE are typed
"untyped".

With --boilerplate FILE, a tab-separated list of spans that are not reuse cases but are
shared on purpose (columns: document, offset, length, in characters; header and #
lines skipped), a detection lying wholly inside such spans on both sides is left out of
the scores; one that runs on from them into other text counts as usual.`,
		Example: `  crosscheck eval pan --pairs ../shared/corpora/pan13-no-obfuscation/pairs \
    --susp ../shared/corpora/pan13-no-obfuscation/susp \
    --src ../shared/corpora/pan13-no-obfuscation/src \
    --truth ../shared/corpora/pan13-no-obfuscation/truth --out /tmp/pan-out

  crosscheck eval pan --pairs CORPUS/pairs --truth CORPUS/truth \
    --detections other-tool-out --case-types CORPUS/casetypes.tsv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			required := []struct{ name, val string }{{"--pairs", pairsFile}, {"--susp", suspDir}, {"--src", srcDir}, {"--out", outDir}}
			if detDir != "" {
				var notHere []string
				for _, name := range []string{"susp", "src", "out", "workers", "min-words", "max-gap", "seed-words"} {
					if cmd.Flags().Changed(name) {
						notHere = append(notHere, "--"+name)
					}
				}
				if len(notHere) > 0 {
					verb := "do"
					if len(notHere) == 1 {
						verb = "does"
					}
					return usagef("eval pan --detections scores detections already written: %s %s not apply", joinAnd(notHere), verb)
				}
				required = []struct{ name, val string }{{"--pairs", pairsFile}, {"--truth", truthDir}}
			}
			var missing []string
			for _, f := range required {
				if f.val == "" {
					missing = append(missing, f.name)
				}
			}
			if len(missing) > 0 {
				return usagef("eval pan needs %s", joinAnd(missing))
			}
			if truthDir == "" {
				var needTruth []string
				for _, name := range []string{"case-types", "boilerplate"} {
					if cmd.Flags().Changed(name) {
						needTruth = append(needTruth, "--"+name)
					}
				}
				if len(needTruth) > 0 {
					return usagef("eval pan %s needs --truth", joinAnd(needTruth))
				}
			}
			files, err := a.files("the pairs or documents file")
			if err != nil {
				return err
			}
			raw, err := files.ReadFile(pairsFile)
			if err != nil {
				return usagef("--pairs: %s", err)
			}
			pairs, err := pan.ReadPairs(bytes.NewReader(raw))
			if err != nil {
				return usagef("--pairs %s: %s", pairsFile, err)
			}
			var types []typedCase
			if typesFile != "" {
				raw, err := files.ReadFile(typesFile)
				if err != nil {
					return usagef("--case-types: %s", err)
				}
				if types, err = readCaseTypes(raw); err != nil {
					return usagef("--case-types %s: %s", typesFile, err)
				}
			}
			var boiler map[string][]docSpan
			if boilerFile != "" {
				raw, err := files.ReadFile(boilerFile)
				if err != nil {
					return usagef("--boilerplate: %s", err)
				}
				if boiler, err = readBoilerplate(raw); err != nil {
					return usagef("--boilerplate %s: %s", boilerFile, err)
				}
			}
			job := panJob{files: files, pairs: pairs, suspDir: suspDir, srcDir: srcDir, outDir: outDir, truthDir: truthDir,
				opt: opt, workers: workers, types: types, boiler: boiler}
			if detDir != "" {
				if fi, err := files.Stat(detDir); err != nil {
					return usagef("--detections: %s", err)
				} else if !fi.IsDir() {
					return usagef("--detections %s: not a folder", detDir)
				}
				return a.printTo(cmd.Context(), func(ctx context.Context, w io.Writer) error {
					return job.score(ctx, w, detDir)
				})
			}
			if err := os.MkdirAll(outDir, 0o755); err != nil {
				return fmt.Errorf("--out: %w", err)
			}
			return a.printTo(cmd.Context(), func(ctx context.Context, w io.Writer) error {
				return job.run(ctx, w)
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&pairsFile, "pairs", "", "file listing the pairs to align, one \"SUSP SRC\" a line")
	f.StringVar(&suspDir, "susp", "", "folder of the suspicious documents")
	f.StringVar(&srcDir, "src", "", "folder of the source documents")
	f.StringVar(&outDir, "out", "", "folder to write the detections to (created if missing)")
	f.StringVar(&truthDir, "truth", "", "folder of the truth files; print plagdet when given")
	f.StringVar(&detDir, "detections", "", "score the detections in this folder (one PAN file per pair) instead of aligning")
	f.StringVar(&typesFile, "case-types", "", "TSV of the truth cases and their type: also print the scores per type")
	f.StringVar(&boilerFile, "boilerplate", "", "TSV of spans (doc, offset, length) to leave out: detections wholly inside them on both sides are not scored")
	f.IntVar(&workers, "workers", 2, "pairs aligned at once")
	f.IntVar(&opt.MinWords, "min-words", opt.MinWords, "fewest shared words a detection must have")
	f.IntVar(&opt.MaxGap, "max-gap", reuse.DefaultMaxGap, "most differing words between two matching stretches of one detection")
	f.IntVar(&opt.SeedWords, "seed-words", reuse.DefaultSeedWords, "words per fingerprint")
	return cmd
}

// joinAnd lists names as "a", "a and b", "a, b and c".
func joinAnd(names []string) string {
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// panJob is one 'eval pan': the pairs, where their files are, where the
// detections go, and how to align.
type panJob struct {
	files                             input.Loader
	pairs                             []pan.Pair
	suspDir, srcDir, outDir, truthDir string
	opt                               reuse.Options
	workers                           int
	types                             []typedCase          // from --case-types, or nil
	boiler                            map[string][]docSpan // from --boilerplate, or nil
}

// run aligns the pairs, writes their detections to outDir and prints the
// throughput to w, and the scores when truthDir is given.
func (j panJob) run(ctx context.Context, w io.Writer) error {
	files, pairs, opt := j.files, j.pairs, j.opt
	start := time.Now()
	run, err := orCancel(ctx, func() (*pan.Result, error) {
		return pan.Run(ctx, files, pairs, j.suspDir, j.srcDir, opt, j.workers)
	})
	if err != nil {
		return err
	}
	// Plain writes: 500 small files with an fsync each would cost more
	// than the alignment.
	var buf bytes.Buffer
	for i, p := range pairs {
		if err := ctx.Err(); err != nil {
			return err
		}
		buf.Reset()
		if err := pan.WriteXML(&buf, p.Susp, run.Detections[i]); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(j.outDir, pan.FileName(p)), buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("--out: %w", err)
		}
	}
	elapsed := time.Since(start)
	n := 0
	for _, d := range run.Detections {
		n += len(d)
	}
	fmt.Fprintf(w, "pairs %d  detections %d  %.1f MB in %.2f s  %.1f MB/s\n",
		len(pairs), n, float64(run.Bytes)/1e6, elapsed.Seconds(), float64(run.Bytes)/1e6/elapsed.Seconds())
	if j.truthDir == "" {
		return nil
	}
	var dets []pan.Case
	for _, d := range run.Detections {
		dets = append(dets, d...)
	}
	return j.printScores(w, dets)
}

// score reads the detections another tool wrote to dir, one file per pair,
// and prints their scores against the truth.
func (j panJob) score(ctx context.Context, w io.Writer, dir string) error {
	var dets []pan.Case
	found := 0
	for _, p := range j.pairs {
		if err := ctx.Err(); err != nil {
			return err
		}
		raw, name, err := j.readDetections(dir, p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("--detections: %w", err)
		}
		found++
		ds, err := pan.ReadXML(bytes.NewReader(raw), "detected-plagiarism")
		if err != nil {
			return fmt.Errorf("--detections %s: %w", name, err)
		}
		dets = append(dets, ds...)
	}
	fmt.Fprintf(w, "pairs %d  detections %d  (read from %d files, %d pairs without one)\n",
		len(j.pairs), len(dets), found, len(j.pairs)-found)
	return j.printScores(w, dets)
}

// readDetections reads the detections file of pair p in dir: SUSP-SRC.xml
// (our name), or else SUSP and SRC cut at their first dot, as the PAN
// 2014/2015 reference code names it. It returns the file's bytes and path.
func (j panJob) readDetections(dir string, p pan.Pair) ([]byte, string, error) {
	name := filepath.Join(dir, pan.FileName(p))
	raw, err := j.files.ReadFile(name)
	if !errors.Is(err, fs.ErrNotExist) {
		return raw, name, err
	}
	cut := func(s string) string { before, _, _ := strings.Cut(s, "."); return before }
	if alt := filepath.Join(dir, cut(p.Susp)+"-"+cut(p.Src)+".xml"); alt != name {
		raw, err := j.files.ReadFile(alt)
		return raw, alt, err
	}
	return nil, name, err
}

// printScores reads the truth, leaves out the detections wholly inside
// boilerplate, prints the overall scores of dets and, with case types, one
// line per type.
func (j panJob) printScores(w io.Writer, dets []pan.Case) error {
	truth, err := pan.ReadTruth(j.files, j.truthDir, j.pairs)
	if err != nil {
		return fmt.Errorf("--truth: %w", err)
	}
	if j.boiler != nil {
		var n int
		dets, n = dropBoilerplate(dets, j.boiler)
		fmt.Fprintf(w, "boilerplate: %d detections lying wholly inside it left out\n", n)
	}
	sc := pan.ScoreCases(truth, dets)
	fmt.Fprintf(w, "plagdet %.4f  precision %.4f  recall %.4f  granularity %.4f  (%d cases, %d detected)\n",
		sc.Plagdet, sc.Precision, sc.Recall, sc.Granularity, sc.Cases, sc.Detected)
	if j.types == nil {
		return nil
	}
	byType, err := scoreByType(truth, dets, j.types, j.pairs)
	if err != nil {
		return fmt.Errorf("--case-types: %w", err)
	}
	width := 0
	for _, t := range byType {
		width = max(width, len(t.name))
	}
	for _, t := range byType {
		fmt.Fprintf(w, "type %-*s  plagdet %.4f  precision %.4f  recall %.4f  granularity %.4f  (%d cases, %d detected, %d detections)\n",
			width, t.name, t.Plagdet, t.Precision, t.Recall, t.Granularity, t.Cases, t.Detected, t.Detections)
	}
	return nil
}

// typedCase is one line of a --case-types file: a truth case and its type.
type typedCase struct {
	c    pan.Case
	typ  string
	line int
}

// tsvRow is one line of a tab-separated input file: its fields, the
// numbers of its numeric columns, and its line number.
type tsvRow struct {
	f    []string
	n    []int
	line int
}

// readTSV parses tab-separated lines of want fields whose columns ints are
// non-negative integers. Blank lines, lines starting with # and a first
// line whose numeric columns are not numbers (a header) are skipped.
func readTSV(raw []byte, want int, ints []int) ([]tsvRow, error) {
	var out []tsvRow
	first := true
	for i, line := range strings.Split(string(raw), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		isFirst := first
		first = false
		f := strings.Split(line, "\t")
		if len(f) != want {
			return nil, fmt.Errorf("line %d: want %d tab-separated fields, got %d", i+1, want, len(f))
		}
		for k := range f {
			f[k] = strings.TrimSpace(f[k])
		}
		row := tsvRow{f: f, line: i + 1}
		var bad error
		for _, col := range ints {
			v, err := strconv.Atoi(f[col])
			if err != nil || v < 0 {
				bad = fmt.Errorf("line %d: field %d (%q) is not a non-negative integer", i+1, col+1, f[col])
				break
			}
			row.n = append(row.n, v)
		}
		if bad != nil {
			if isFirst {
				continue // a header
			}
			return nil, bad
		}
		out = append(out, row)
	}
	return out, nil
}

// readCaseTypes parses a --case-types file: suspicious file, this_offset,
// this_length, source file, source_offset, source_length and type, a case a
// line (see readTSV). A file of no cases (a set without reuse) is valid.
func readCaseTypes(raw []byte) ([]typedCase, error) {
	rows, err := readTSV(raw, 7, []int{1, 2, 4, 5})
	if err != nil {
		return nil, err
	}
	out := make([]typedCase, 0, len(rows))
	for _, r := range rows {
		if r.f[6] == "" {
			return nil, fmt.Errorf("line %d: empty type", r.line)
		}
		out = append(out, typedCase{c: pan.Case{Susp: r.f[0], Src: r.f[3],
			SuspOffset: r.n[0], SuspLength: r.n[1], SrcOffset: r.n[2], SrcLength: r.n[3]}, typ: r.f[6], line: r.line})
	}
	return out, nil
}

// docSpan is a span of characters of one document.
type docSpan struct{ offset, length int }

// readBoilerplate parses a --boilerplate file: document, offset and length
// of each span to leave out (see readTSV), by document.
func readBoilerplate(raw []byte) (map[string][]docSpan, error) {
	rows, err := readTSV(raw, 3, []int{1, 2})
	if err != nil {
		return nil, err
	}
	out := map[string][]docSpan{}
	for _, r := range rows {
		out[r.f[0]] = append(out[r.f[0]], docSpan{r.n[0], r.n[1]})
	}
	return out, nil
}

// dropBoilerplate returns the detections that do not lie wholly inside
// boilerplate on both sides, and how many it dropped.
func dropBoilerplate(dets []pan.Case, boiler map[string][]docSpan) ([]pan.Case, int) {
	inside := func(doc string, off, n int) bool {
		for _, b := range boiler[doc] {
			if off >= b.offset && off+n <= b.offset+b.length {
				return true
			}
		}
		return false
	}
	kept := dets[:0:0]
	for _, d := range dets {
		if inside(d.Susp, d.SuspOffset, d.SuspLength) && inside(d.Src, d.SrcOffset, d.SrcLength) {
			continue
		}
		kept = append(kept, d)
	}
	return kept, len(dets) - len(kept)
}

// typeScore is the score of the cases of one type.
type typeScore struct {
	name string
	pan.Score
}

// scoreByType scores the truth cases of each type (in name order) against
// the detections that overlap one of them. Recall and granularity are
// pan.ScoreCases's over those cases; precision is pan.ScoreCases's over those
// detections against every truth case, so that a detection's characters in
// a case of another type are not held against it. Lines of types for pairs
// not in pairs are ignored; a line for a listed pair that matches no truth
// case is an error (the file and the truth disagree).
func scoreByType(truth, dets []pan.Case, types []typedCase, pairs []pan.Pair) ([]typeScore, error) {
	listed := map[pan.Pair]bool{}
	for _, p := range pairs {
		listed[p] = true
	}
	inTruth := map[pan.Case]bool{}
	for _, c := range truth {
		inTruth[c] = true
	}
	typeOf := map[pan.Case]string{}
	for _, t := range types {
		if !listed[pan.Pair{Susp: t.c.Susp, Src: t.c.Src}] {
			continue
		}
		if !inTruth[t.c] {
			return nil, fmt.Errorf("line %d: no such case in the truth (%s %d+%d, %s %d+%d)", t.line,
				t.c.Susp, t.c.SuspOffset, t.c.SuspLength, t.c.Src, t.c.SrcOffset, t.c.SrcLength)
		}
		if prev, ok := typeOf[t.c]; ok && prev != t.typ {
			return nil, fmt.Errorf("line %d: case typed both %q and %q", t.line, prev, t.typ)
		}
		typeOf[t.c] = t.typ
	}
	casesOf := map[string][]pan.Case{}
	for _, c := range truth {
		typ, ok := typeOf[c]
		if !ok {
			typ = "untyped"
		}
		casesOf[typ] = append(casesOf[typ], c)
	}
	names := make([]string, 0, len(casesOf))
	for n := range casesOf {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]typeScore, 0, len(names))
	for _, n := range names {
		cases := casesOf[n]
		var mine []pan.Case
		for _, d := range dets {
			for _, c := range cases {
				if overlaps(c, d) {
					mine = append(mine, d)
					break
				}
			}
		}
		sc := pan.ScoreCases(cases, mine)
		if len(mine) > 0 {
			sc.Precision = pan.ScoreCases(truth, mine).Precision
			sc.Plagdet = pan.Plagdet(sc.Precision, sc.Recall, sc.Granularity)
		}
		out = append(out, typeScore{n, sc})
	}
	return out, nil
}

// overlaps reports whether detection d detects case c as pan.ScoreCases counts
// it: same pair of documents, spans overlapping on both sides.
func overlaps(c, d pan.Case) bool {
	return c.Susp == d.Susp && c.Src == d.Src &&
		d.SuspOffset < c.SuspOffset+c.SuspLength && c.SuspOffset < d.SuspOffset+d.SuspLength &&
		d.SrcOffset < c.SrcOffset+c.SrcLength && c.SrcOffset < d.SrcOffset+d.SrcLength
}
