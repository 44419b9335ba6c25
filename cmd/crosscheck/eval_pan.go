package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/crosscheck/crosscheck/compare/input"
	"github.com/crosscheck/crosscheck/compare/reuse"
)

func (a *app) evalPANCommand() *cobra.Command {
	var pairsFile, suspDir, srcDir, outDir, truthDir string
	var workers int
	opt := reuse.PANOptions()
	cmd := &cobra.Command{
		Use:   "pan --pairs FILE --susp DIR --src DIR --out DIR [--truth DIR]",
		Short: "Text alignment on a PAN corpus: detections XML, plagdet and throughput",
		Long: `Align each (suspicious, source) pair listed in --pairs (one "SUSP SRC" pair of file
names a line, files in --susp and --src) and write one detections file per pair to
--out, named SUSP-SRC.xml (without the .txt), in PAN's format: <feature
name="detected-plagiarism" this_offset this_length source_reference source_offset
source_length/>, offsets and lengths in characters (code points) of the original files.

With --truth (a folder of PAN truth files named the same way), print macro precision,
recall, granularity and plagdet (PAN 2013 definitions). The throughput counts the bytes
of both documents of every pair over the wall time of loading, aligning and writing.`,
		Example: `  crosscheck eval pan --pairs ../shared/corpora/pan13-no-obfuscation/pairs \
    --susp ../shared/corpora/pan13-no-obfuscation/susp \
    --src ../shared/corpora/pan13-no-obfuscation/src \
    --truth ../shared/corpora/pan13-no-obfuscation/truth --out /tmp/pan-out`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			for _, f := range []struct{ name, val string }{{"--pairs", pairsFile}, {"--susp", suspDir}, {"--src", srcDir}, {"--out", outDir}} {
				if f.val == "" {
					return usagef("eval pan needs %s", f.name)
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
			pairs, err := reuse.ReadPANPairs(bytes.NewReader(raw))
			if err != nil {
				return usagef("--pairs %s: %s", pairsFile, err)
			}
			if err := os.MkdirAll(outDir, 0o755); err != nil {
				return fmt.Errorf("--out: %w", err)
			}
			return a.printTo(cmd.Context(), func(ctx context.Context, w io.Writer) error {
				job := panJob{files: files, pairs: pairs, suspDir: suspDir, srcDir: srcDir, outDir: outDir, truthDir: truthDir, opt: opt, workers: workers}
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
	f.IntVar(&workers, "workers", 2, "pairs aligned at once")
	f.IntVar(&opt.MinWords, "min-words", opt.MinWords, "fewest shared words a detection must have")
	f.IntVar(&opt.MaxGap, "max-gap", reuse.DefaultMaxGap, "most differing words between two matching stretches of one detection")
	f.IntVar(&opt.SeedWords, "seed-words", reuse.DefaultSeedWords, "words per fingerprint")
	return cmd
}

// panJob is one 'eval pan': the pairs, where their files are, where the
// detections go, and how to align.
type panJob struct {
	files                             input.Loader
	pairs                             []reuse.PANPair
	suspDir, srcDir, outDir, truthDir string
	opt                               reuse.Options
	workers                           int
}

// run aligns the pairs, writes their detections to outDir and prints the
// throughput to w, and the scores when truthDir is given.
func (j panJob) run(ctx context.Context, w io.Writer) error {
	files, pairs, opt := j.files, j.pairs, j.opt
	start := time.Now()
	run, err := orCancel(ctx, func() (*reuse.PANRun, error) {
		return reuse.RunPAN(ctx, files, pairs, j.suspDir, j.srcDir, opt, j.workers)
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
		if err := reuse.WritePANXML(&buf, p.Susp, run.Detections[i]); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(j.outDir, reuse.PANFileName(p)), buf.Bytes(), 0o644); err != nil {
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
	truth, err := reuse.ReadPANTruth(files, j.truthDir, pairs)
	if err != nil {
		return fmt.Errorf("--truth: %w", err)
	}
	var dets []reuse.PANCase
	for _, d := range run.Detections {
		dets = append(dets, d...)
	}
	sc := reuse.ScorePAN(truth, dets)
	fmt.Fprintf(w, "plagdet %.4f  precision %.4f  recall %.4f  granularity %.4f  (%d cases, %d detected)\n",
		sc.Plagdet, sc.Precision, sc.Recall, sc.Granularity, sc.Cases, sc.Detected)
	return nil
}
