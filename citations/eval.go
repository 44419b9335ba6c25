package citations

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/crosscheck/crosscheck/compare"
)

// Labelled fixtures: documents that say which findings they expect, in
// comments on the line where each finding should start:
//
//	text <sup>3</sup> <!-- expect: cite.marker-undefined -->
//	\footnotemark[3] % expect: cite.marker-undefined
//
// A fixture holding "<!-- cite-sources -->" is checked against the
// sources folder. The comments are blanked with spaces before the check,
// so offsets and lines stay as written.

var (
	reExpect    = regexp.MustCompile(`<!--\s*expect:\s*([a-z0-9.\-]+)\s*-->|%\s*expect:\s*([a-z0-9.\-]+)`)
	reDirective = regexp.MustCompile(`<!--\s*cite-sources\s*-->`)
)

// FixtureResult compares one fixture's findings with its expectations.
type FixtureResult struct {
	Path       string
	Expected   int
	Found      int
	Matched    int
	Missed     []string // "line:check" expected but not reported
	Unexpected []string // "line:check message" reported but not expected
}

// CheckScore counts one check's matches over all fixtures.
type CheckScore struct {
	ID                string
	TP, FP, FN        int
	Precision, Recall float64
}

// EvalResult is the evaluation over a folder of fixtures.
type EvalResult struct {
	Fixtures []FixtureResult
	Checks   []CheckScore
	Total    CheckScore
}

// EvaluateFixtures checks every fixture in dir (sources for those that ask
// for them in sourcesDir) and scores the findings against the expectations.
func EvaluateFixtures(ctx context.Context, files compare.Files, dir, sourcesDir string) (*EvalResult, error) {
	ents, err := files.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var lib *Library
	scores := map[string]*CheckScore{}
	score := func(id string) *CheckScore {
		if scores[id] == nil {
			scores[id] = &CheckScore{ID: id}
		}
		return scores[id]
	}
	res := &EvalResult{}
	for _, e := range ents {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		raw, err := files.ReadFile(p)
		if err != nil {
			return nil, err
		}
		expected := map[string]int{}
		nExp := 0
		useSources := reDirective.Match(raw)
		clean := append([]byte(nil), raw...)
		blank := func(a, b int) {
			for i := a; i < b; i++ {
				if clean[i] != '\n' {
					clean[i] = ' '
				}
			}
		}
		for _, m := range reExpect.FindAllSubmatchIndex(raw, -1) {
			id := ""
			if m[2] >= 0 {
				id = string(raw[m[2]:m[3]])
			} else {
				id = string(raw[m[4]:m[5]])
			}
			line := 1 + strings.Count(string(raw[:m[0]]), "\n")
			expected[fmt.Sprintf("%d:%s", line, id)]++
			nExp++
			score(id)
			blank(m[0], m[1])
		}
		for _, m := range reDirective.FindAllIndex(raw, -1) {
			blank(m[0], m[1])
		}
		doc, err := files.Parse(filepath.ToSlash(p), clean, "")
		if err != nil {
			return nil, err
		}
		opt := Options{}
		var srcDocs []*compare.Document
		if useSources {
			if lib == nil {
				lib, err = LoadLibrary(ctx, files, []string{sourcesDir}, LibraryOptions{})
				if err != nil {
					return nil, err
				}
			}
			opt.Library = lib
			srcDocs = lib.Docs()
		}
		var found compare.Collector
		err = compare.Run(ctx, []*compare.Analyzer{Analyzer(opt)}, []*compare.Document{doc}, srcDocs, compare.Budget{}, &found)
		if err != nil {
			return nil, err
		}
		fs := found.Findings
		fr := FixtureResult{Path: filepath.ToSlash(p), Expected: nExp, Found: len(fs)}
		left := map[string]int{}
		for k, v := range expected {
			left[k] = v
		}
		for _, f := range fs {
			pos := doc.Position(f.Span.Start)
			k := fmt.Sprintf("%d:%s", pos.Line, f.Check.ID)
			if left[k] > 0 {
				left[k]--
				fr.Matched++
				score(f.Check.ID).TP++
				continue
			}
			fr.Unexpected = append(fr.Unexpected, k+" "+f.Message)
			score(f.Check.ID).FP++
		}
		for k, v := range left {
			for ; v > 0; v-- {
				fr.Missed = append(fr.Missed, k)
				score(k[strings.IndexByte(k, ':')+1:]).FN++
			}
		}
		sort.Strings(fr.Missed)
		res.Fixtures = append(res.Fixtures, fr)
	}
	for _, s := range scores {
		s.Precision, s.Recall = ratio(s.TP, s.TP+s.FP), ratio(s.TP, s.TP+s.FN)
		res.Checks = append(res.Checks, *s)
		res.Total.TP += s.TP
		res.Total.FP += s.FP
		res.Total.FN += s.FN
	}
	res.Total.ID = "all"
	res.Total.Precision, res.Total.Recall = ratio(res.Total.TP, res.Total.TP+res.Total.FP), ratio(res.Total.TP, res.Total.TP+res.Total.FN)
	sort.Slice(res.Checks, func(i, j int) bool { return res.Checks[i].ID < res.Checks[j].ID })
	return res, nil
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Print writes the evaluation as a table: per check, then per fixture
// with anything missed or unexpected.
func (r *EvalResult) Print(w io.Writer) {
	fmt.Fprintf(w, "%-26s %4s %4s %4s %9s %7s\n", "check", "TP", "FP", "FN", "precision", "recall")
	for _, s := range append(r.Checks, r.Total) {
		fmt.Fprintf(w, "%-26s %4d %4d %4d %9.3f %7.3f\n", s.ID, s.TP, s.FP, s.FN, s.Precision, s.Recall)
	}
	for _, f := range r.Fixtures {
		fmt.Fprintf(w, "%s: %d expected, %d found, %d matched\n", f.Path, f.Expected, f.Found, f.Matched)
		for _, m := range f.Missed {
			fmt.Fprintf(w, "  missed     %s\n", m)
		}
		for _, u := range f.Unexpected {
			fmt.Fprintf(w, "  unexpected %s\n", u)
		}
	}
}
