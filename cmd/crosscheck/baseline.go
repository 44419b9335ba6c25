package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/crosscheck/crosscheck/cmd/crosscheck/report"
	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input"
)

// A baseline records the findings a team has accepted, so that CI reports
// only new ones: `crosscheck baseline write FILE` once, then `--baseline
// FILE` on every run. Findings are matched by file and by report.Fingerprint
// (check ID, the finding's normalised text and the words around it, never
// line numbers), counted, so that edits elsewhere in a file leave old
// findings matched and a second copy of an old finding is new.

// baselineSchema is the version of the baseline file's shape.
const baselineSchema = 1

type baselineFile struct {
	Tool        string          `json:"tool"`
	Version     string          `json:"version"`
	Schema      int             `json:"schema"`
	Fingerprint string          `json:"fingerprint_recipe"`
	Findings    []baselineEntry `json:"findings"`
}

type baselineEntry struct {
	File        string `json:"file"`
	Check       string `json:"check"`
	Fingerprint string `json:"fingerprint"`
	Count       int    `json:"count"`
	// Where and what, when written: for people reading the file, not matched.
	Line    int    `json:"line"`
	Message string `json:"message"`
}

type baselineKey struct{ file, fingerprint string }

func (a *app) baselineCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "baseline",
		Short: "Record today's findings so that later runs report only new ones",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	var set analyzerSet
	write := &cobra.Command{
		Use:   "write FILE [PATHS…]",
		Short: "Run every check and record the findings in FILE",
		Long: `Run every check, as 'check' does, and record the findings in FILE (JSON). Later
runs given --baseline FILE report only the findings that are not in it: this is
how a team adopts crosscheck on an existing archive. Findings are matched by
file and by a fingerprint of the check, the text and the words around it, not by
line numbers, so inserting or moving text elsewhere does not bring them back.`,
		Example: `  crosscheck baseline write .crosscheck-baseline.json docs/
  crosscheck check --baseline .crosscheck-baseline.json docs/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkOutputPath("", args[0]); err != nil {
				return err
			}
			a.guard.add("", args[0])
			if err := a.guard.check("the configuration", a.configFile()); err != nil {
				return err
			}
			docs, err := a.useSources(cmd.Context(), &set)
			if err != nil {
				return err
			}
			res, err := a.collect(cmd.Context(), args[1:], set.all(), docs)
			if err != nil {
				return err
			}
			if err := writeFileAtomic(args[0], func(w io.Writer) error { return writeBaseline(w, res) }); err != nil {
				return err
			}
			a.notef("wrote %s: %d finding(s) in %d file(s)", args[0], len(res.Findings), len(res.Docs))
			return nil
		},
	}
	set.allFlags(write.Flags())
	cmd.AddCommand(write)
	return cmd
}

func writeBaseline(w io.Writer, res *report.Result) error {
	counts := map[baselineKey]*baselineEntry{}
	for _, f := range res.Findings {
		k := baselineKey{f.Doc.Path, report.Fingerprint(f)}
		if e, ok := counts[k]; ok {
			e.Count++
			continue
		}
		counts[k] = &baselineEntry{File: f.Doc.Path, Check: f.Check.ID, Fingerprint: k.fingerprint, Count: 1,
			Line: f.Doc.Position(f.Span.Start).Line, Message: f.Message}
	}
	out := baselineFile{Tool: "crosscheck", Version: version, Schema: baselineSchema,
		Fingerprint: report.FingerprintVersion, Findings: []baselineEntry{}}
	for _, e := range counts {
		out.Findings = append(out.Findings, *e)
	}
	sort.Slice(out.Findings, func(i, j int) bool {
		a, b := out.Findings[i], out.Findings[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Fingerprint < b.Fingerprint
	})
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// baseline is a baseline file read for matching: how many findings of
// each file and fingerprint it holds.
type baseline struct {
	left map[baselineKey]int
}

// baselineOptions are the limits a baseline is read with: --max-file-size,
// and the run's outputs refused.
func (a *app) baselineOptions(budget compare.Budget) input.LoadOptions {
	return input.LoadOptions{MaxFileSize: budget.MaxFileBytes, Avoid: a.guard.avoider("the baseline")}
}

// readBaseline reads the baseline file at path.
func readBaseline(path string, opt input.LoadOptions) (*baseline, error) {
	raw, err := input.ReadFile(path, opt)
	var ue *usageError
	if errors.As(err, &ue) {
		return nil, err // the run writes to it
	}
	if err != nil {
		return nil, usagef("--baseline %s: %s", path, describeReadError(err))
	}
	var b baselineFile
	if err := json.Unmarshal(raw, &b); err != nil {
		return nil, usagef("--baseline %s: not a crosscheck baseline (%s); write one with 'crosscheck baseline write'", path, err)
	}
	if b.Tool != "crosscheck" || b.Schema != baselineSchema {
		return nil, usagef("--baseline %s: not a crosscheck baseline of schema %d; write it again with 'crosscheck baseline write'", path, baselineSchema)
	}
	if b.Fingerprint != report.FingerprintVersion {
		return nil, usagef("--baseline %s: written with fingerprints %q, this crosscheck makes %q; write it again", path, b.Fingerprint, report.FingerprintVersion)
	}
	left := map[baselineKey]int{}
	for _, e := range b.Findings {
		left[baselineKey{e.File, e.Fingerprint}] += e.Count
	}
	return &baseline{left: left}, nil
}

// stage returns the sink stage that drops the findings the baseline
// holds. A finding whose file and fingerprint the baseline does not hold
// passes at once; the others are held until Close, when, for each key,
// the first ones in SortFindings' order are dropped (as many as the
// baseline counts) and the rest passed on: which copies of a finding are
// new does not depend on the order the analyzers report in.
func (b *baseline) stage(next compare.Sink) *baselineStage {
	return &baselineStage{left: b.left, next: next, held: map[baselineKey][]compare.Finding{}}
}

type baselineStage struct {
	left   map[baselineKey]int
	next   compare.Sink
	held   map[baselineKey][]compare.Finding
	hidden int // findings dropped, known on Close
}

func (s *baselineStage) Put(f compare.Finding) error {
	k := baselineKey{f.Doc.Path, report.Fingerprint(f)}
	if s.left[k] == 0 {
		return s.next.Put(f)
	}
	s.held[k] = append(s.held[k], f)
	return nil
}

func (s *baselineStage) Close() error {
	keys := make([]baselineKey, 0, len(s.held))
	for k := range s.held {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].file != keys[j].file {
			return keys[i].file < keys[j].file
		}
		return keys[i].fingerprint < keys[j].fingerprint
	})
	for _, k := range keys {
		fs := s.held[k]
		compare.SortFindings(fs)
		n := min(s.left[k], len(fs))
		s.hidden += n
		for _, f := range fs[n:] {
			if err := s.next.Put(f); err != nil {
				compare.Abort(s.next, err)
				return err
			}
		}
	}
	s.held = nil
	return s.next.Close()
}

func (s *baselineStage) Abort(err error) { compare.Abort(s.next, err) }

func describeReadError(err error) string {
	var ie *compare.InputError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	case errors.As(err, &ie):
		return ie.Msg
	}
	return err.Error()
}

// markPath marks a flag's values as paths, which a config file gives
// relative to its own folder.
func markPath(fs *pflag.FlagSet, name string) {
	if err := fs.SetAnnotation(name, pathAnnotation, []string{"true"}); err != nil {
		panic(fmt.Sprintf("markPath %s: %v", name, err)) // a programming error: the flag must exist
	}
}
