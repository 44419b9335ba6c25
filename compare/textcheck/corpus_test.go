package textcheck

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
)

// The corpus review: every text.* finding on Gibbon and the PAN sources,
// judged by reading it in its file ("tp": the text has the defect the
// finding names; "fp": it has not). testdata/corpus-review.tsv holds the
// verdicts; TestCorpusPrecision fails on a finding nobody judged, and when
// a check's precision falls under 0.9. With TEXTCHECK_REVIEW=write it
// rewrites the file, keeping the verdicts there and marking new findings
// "?" to be judged.

const reviewFile = "testdata/corpus-review.tsv"

// reviewKey names a finding stably: file, line, column, check.
func reviewKey(f compare.Finding) string {
	p := f.Doc.Position(f.Span.Start)
	return fmt.Sprintf("%s\t%d\t%d\t%s", filepath.Base(f.Doc.Path), p.Line, p.Column, f.Check.ID)
}

// corpusFindings returns the text findings on Gibbon and the PAN sources.
func corpusFindings(t *testing.T) []compare.Finding {
	var paths []string
	paths = append(paths, filepath.Join(sharedDir, "corpora/gibbon-vol1/731.txt"))
	srcs, _ := filepath.Glob(filepath.Join(sharedDir, "corpora/pan13-no-obfuscation/src/*.txt"))
	sort.Strings(srcs)
	paths = append(paths, srcs...)
	var out []compare.Finding
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Skipf("shared corpus not available: %v", err)
		}
		out = append(out, run(t, parse(t, p, raw))...)
	}
	return out
}

type verdict struct{ verdict, note string }

func readReview(t *testing.T) map[string]verdict {
	m := map[string]verdict{}
	f, err := os.Open(reviewFile)
	if err != nil {
		return m
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		c := strings.SplitN(l, "\t", 7)
		if len(c) < 6 {
			t.Fatalf("%s: bad line %q", reviewFile, l)
		}
		note := ""
		if len(c) == 7 {
			note = c[6]
		}
		m[strings.Join(c[:4], "\t")] = verdict{c[4], note}
	}
	return m
}

func TestCorpusPrecision(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus review: not in -short")
	}
	fs := corpusFindings(t)
	review := readReview(t)
	type count struct{ tp, fp, open int }
	per := map[string]*count{}
	var lines []string
	for _, f := range fs {
		k := reviewKey(f)
		v, ok := review[k]
		if !ok {
			v = verdict{"?", ""}
		}
		c := per[f.Check.ID]
		if c == nil {
			c = &count{}
			per[f.Check.ID] = c
		}
		switch v.verdict {
		case "tp":
			c.tp++
		case "fp":
			c.fp++
		default:
			c.open++
			t.Errorf("not reviewed: %s %s", k, f.Message)
		}
		lines = append(lines, fmt.Sprintf("%s\t%s\t%s\t%s", k, v.verdict, Shorten(f.Doc.Excerpt(f.Span, 60), 60), v.note))
	}
	if os.Getenv("TEXTCHECK_REVIEW") == "write" {
		head := "# Every text.* finding on gibbon-vol1/731.txt and pan13-no-obfuscation/src, judged: tp (the defect is there) or fp.\n" +
			"# file\tline\tcolumn\tcheck\tverdict\texcerpt\tnote\n"
		if err := os.WriteFile(reviewFile, []byte(head+strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var ids []string
	for id := range per {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var report []string
	tp, fp := 0, 0
	for _, id := range ids {
		c := per[id]
		tp, fp = tp+c.tp, fp+c.fp
		p := float64(c.tp) / float64(max(1, c.tp+c.fp))
		report = append(report, fmt.Sprintf("%-28s findings %4d  fp %3d  precision %.3f", id, c.tp+c.fp+c.open, c.fp, p))
		if c.tp+c.fp >= 5 && p < 0.9 {
			t.Errorf("%s: precision %.3f on the corpora, want at least 0.9", id, p)
		}
	}
	p := float64(tp) / float64(max(1, tp+fp))
	report = append(report, fmt.Sprintf("%-28s findings %4d  fp %3d  precision %.3f", "all", tp+fp, fp, p))
	t.Logf("Gibbon and PAN sources:\n%s", strings.Join(report, "\n"))
	if p < 0.9 {
		t.Errorf("precision over all text checks %.3f, want at least 0.9", p)
	}
}
