package claims

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input"
)

// The real-prose evaluation of contradictions. SICK pairs are single
// sentences written to contrast; real prose is long, repeats itself with
// edits, and talks of many armies, cities and years in one breath, which is
// where false contradictions come from. Every contradiction the analyzer
// reports on these runs of ../shared/corpora is labelled by hand in
// testdata/realprose_labels.tsv (true or false, with a one-line reason),
// and TestRealProsePrecision recomputes precision against the labels:
//
//	gibbon     Gibbon vol. 1 alone (contradictions within one long book)
//	pan-pairs  each of the 500 suspicious–source pairs of
//	           pan13-no-obfuscation, the two documents together (passages
//	           copied with small edits between them)
//	pan-200    the first 100 source and the first 100 suspicious
//	           documents, by name, together (unrelated web and book prose)
//	pan-rest   the other 431 documents together (added after the rules
//	           were written, as a check on them: one warning, true)
//
// A label is keyed by the check's kind and, for each of the two claims, its
// file's base name and its sentence's text (spaces collapsed, cut to
// proseSentenceChars), the two sides in sorted order: keys survive changes
// to offsets and clause boundaries. A finding without a label fails the
// test (the precision would mean nothing); to label new ones, run
//
//	REALPROSE_WRITE=/tmp/labels.tsv go test -run TestRealProsePrecision ./compare/claims
//
// which writes every current finding, labelled or not ("?"), in the file's
// layout, then copy the lines into the labels with a judgement
// (REALPROSE_REVIEW=file writes them with whole sentences, for reading).
// The labels keep the findings of earlier versions too: 234 distinct
// contradictions at warning level before the same-event rules (5 true), so
// that a rule that brings one back finds it labelled.
//
// The test prints true, false and unlabelled counts per run and severity,
// and fails when the precision of warning-level contradictions falls
// below proseMinPrecision. Recall is measured apart, on changes made to
// real prose (realprose_edits_test.go).

const proseLabelsFile = "testdata/realprose_labels.tsv"

// proseSentenceChars is how much of a sentence a key keeps.
const proseSentenceChars = 240

// proseMinPrecision is the precision of warning-level contradictions the
// evaluation must keep.
const proseMinPrecision = 0.8

// proseRun is one invocation of the analyzer: the files read together.
type proseRun struct {
	set   string
	paths []string
}

// proseRuns lists the runs of the evaluation under the shared corpora.
func proseRuns(shared string) ([]proseRun, error) {
	corp := filepath.Join(shared, "corpora")
	runs := []proseRun{{"gibbon", []string{filepath.Join(corp, "gibbon-vol1", "731.txt")}}}
	pan := filepath.Join(corp, "pan13-no-obfuscation")
	f, err := os.Open(filepath.Join(pan, "pairs"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		p := strings.Fields(sc.Text())
		if len(p) != 2 {
			continue
		}
		runs = append(runs, proseRun{"pan-pairs", []string{filepath.Join(pan, "susp", p[0]), filepath.Join(pan, "src", p[1])}})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var sample, rest []string
	for _, dir := range []string{"src", "susp"} {
		es, err := os.ReadDir(filepath.Join(pan, dir))
		if err != nil {
			return nil, err
		}
		var names []string
		for _, e := range es {
			if strings.HasSuffix(e.Name(), ".txt") {
				names = append(names, e.Name())
			}
		}
		sort.Strings(names)
		for i, n := range names {
			if i < 100 {
				sample = append(sample, filepath.Join(pan, dir, n))
			} else {
				rest = append(rest, filepath.Join(pan, dir, n))
			}
		}
	}
	runs = append(runs, proseRun{"pan-200", sample}, proseRun{"pan-rest", rest})
	return runs, nil
}

// proseFinding is a contradiction as the labels know it.
type proseFinding struct {
	key                  string
	kind                 string
	fileA, sentA, valueA string
	fileB, sentB, valueB string
	severity             compare.Severity
	confidence           float64
	sets                 map[string]bool
	// for REALPROSE_REVIEW: the whole sentences and the claims' clauses
	fullA, fullB, claimA, claimB string
	evidence                     string
}

// proseSentence is the key's text of the sentence holding an original span.
func proseSentence(l compare.Location) string {
	return compare.Shorten(proseFullSentence(l), proseSentenceChars)
}

// proseFullSentence is the text of the sentence holding an original span,
// spaces collapsed.
func proseFullSentence(l compare.Location) string {
	d := l.Doc
	ts := d.TextSpan(l.Span)
	s := ts
	if si := d.SentenceAt(ts.Start); si >= 0 {
		s = d.Sentences[si]
	}
	return strings.Join(strings.Fields(d.TextOf(s)), " ")
}

func proseKey(kind, fa, sa, fb, sb string) string {
	return strings.Join([]string{kind, fa, sa, fb, sb}, "\t")
}

// newProseFinding keys a contradiction finding.
func newProseFinding(f compare.Finding) proseFinding {
	var other compare.Location
	for _, r := range f.Related {
		if r.Role == "contradicted claim" {
			other = r.Location
		}
	}
	kind := strings.TrimPrefix(f.Check.ID, "claims.contradiction.")
	p := proseFinding{kind: kind, severity: f.Severity}
	p.fileB, p.sentB = filepath.Base(f.Doc.Path), proseSentence(f.Location)
	p.fileA, p.sentA = filepath.Base(other.Doc.Path), proseSentence(other)
	p.valueB, _ = f.Details["value"].(string)
	p.valueA, _ = f.Details["other_value"].(string)
	p.confidence, _ = f.Details["confidence"].(float64)
	p.evidence, _ = f.Details["evidence"].(string)
	p.fullB, p.fullA = proseFullSentence(f.Location), proseFullSentence(other)
	p.claimB, _ = f.Details["claim"].(string)
	p.claimA, _ = f.Details["other"].(string)
	if p.fileB+"\t"+p.sentB < p.fileA+"\t"+p.sentA {
		p.fileA, p.sentA, p.valueA, p.fileB, p.sentB, p.valueB = p.fileB, p.sentB, p.valueB, p.fileA, p.sentA, p.valueA
		p.fullA, p.fullB, p.claimA, p.claimB = p.fullB, p.fullA, p.claimB, p.claimA
	}
	p.key = proseKey(kind, p.fileA, p.sentA, p.fileB, p.sentB)
	return p
}

// runProse runs the claims analyzer over every run and returns the
// distinct contradictions, in key order. Every document is read and its
// claims extracted once, and each run compares its documents' claims, as
// the analyzer would (quick enough for go test -race); the one difference
// from running crosscheck on a run's files is that a name written out is
// linked to its acronym when any document of the evaluation links them.
// REALPROSE_EXACT=1 runs the analyzer on each run's files instead.
func runProse(t *testing.T, runs []proseRun) []*proseFinding {
	t.Helper()
	ctx := context.Background()
	byKey := map[string]*proseFinding{}
	add := func(set string, fs []compare.Finding) {
		for _, f := range fs {
			if f.Check == CheckOverlap {
				continue
			}
			p := newProseFinding(f)
			if q, ok := byKey[p.key]; ok {
				q.sets[set] = true
				// several clause pairs of one sentence pair: the strongest
				if p.severity > q.severity || p.severity == q.severity && p.confidence > q.confidence {
					p.sets = q.sets
					*q = p
				}
				continue
			}
			p.sets = map[string]bool{set: true}
			byKey[p.key] = &p
		}
	}
	if os.Getenv("REALPROSE_EXACT") != "" {
		for _, r := range runs {
			res := input.Load(ctx, r.paths, input.LoadOptions{})
			if len(res.Errors) > 0 {
				t.Fatalf("%s: %v", r.set, res.Errors[0])
			}
			var found compare.Collector
			err := compare.Run(ctx, []*compare.Analyzer{Analyzer(Options{NoOverlap: true})}, res.Docs, nil, compare.Budget{}, &found)
			if err != nil {
				t.Fatal(err)
			}
			fs := found.Findings
			add(r.set, fs)
		}
	} else {
		var paths []string
		at := map[string]int{}
		for _, r := range runs {
			for _, p := range r.paths {
				if _, ok := at[p]; !ok {
					at[p] = len(paths)
					paths = append(paths, p)
				}
			}
		}
		res := input.Load(ctx, paths, input.LoadOptions{})
		if len(res.Errors) > 0 || len(res.Docs) != len(paths) {
			t.Fatalf("reading %d files: %d documents, errors %v", len(paths), len(res.Docs), res.Errors)
		}
		byPath := map[string]*DocClaims{}
		dcs, err := ExtractAll(ctx, res.Docs)
		if err != nil {
			t.Fatal(err)
		}
		for _, dc := range dcs {
			byPath[dc.Doc.Path] = dc
		}
		for _, r := range runs {
			sub := make([]*DocClaims, 0, len(r.paths))
			for _, p := range r.paths {
				dc := byPath[p]
				if dc == nil {
					t.Fatalf("%s: %s not read", r.set, p)
				}
				sub = append(sub, dc)
			}
			ms, err := Compare(ctx, sub)
			if err != nil {
				t.Fatal(err)
			}
			add(r.set, Findings(ms, Options{NoOverlap: true}))
		}
	}
	out := make([]*proseFinding, 0, len(byKey))
	for _, p := range byKey {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key < out[j].key })
	return out
}

// proseLabel is one line of the labels file.
type proseLabel struct {
	ok     bool
	reason string
	line   int
}

// The labels file's columns.
const proseHeader = "# label\tkind\tfile_a\tsentence_a\tvalue_a\tfile_b\tsentence_b\tvalue_b\treason"

func readProseLabels(path string) (map[string]proseLabel, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string]proseLabel{}
	for i, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p := strings.Split(line, "\t")
		if len(p) != 9 {
			return nil, fmt.Errorf("%s:%d: %d fields, want 9", path, i+1, len(p))
		}
		var ok bool
		switch p[0] {
		case "true":
			ok = true
		case "false":
		default:
			return nil, fmt.Errorf("%s:%d: label %q, want true or false", path, i+1, p[0])
		}
		if strings.TrimSpace(p[8]) == "" {
			return nil, fmt.Errorf("%s:%d: no reason given", path, i+1)
		}
		k := proseKey(p[1], p[2], p[3], p[5], p[6])
		if prev, dup := out[k]; dup {
			return nil, fmt.Errorf("%s:%d: same key as line %d", path, i+1, prev.line)
		}
		out[k] = proseLabel{ok: ok, reason: p[8], line: i + 1}
	}
	return out, nil
}

func (p *proseFinding) tsv(label, reason string) string {
	return strings.Join([]string{label, p.kind, p.fileA, p.sentA, oneLine(p.valueA), p.fileB, p.sentB, oneLine(p.valueB), reason}, "\t")
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// proseCounts tallies labelled findings.
type proseCounts struct{ trueN, falseN, unlabelled int }

func (c proseCounts) precision() float64 {
	if c.trueN+c.falseN == 0 {
		return 1
	}
	return float64(c.trueN) / float64(c.trueN+c.falseN)
}

func TestRealProsePrecision(t *testing.T) {
	shared := sharedDir()
	if shared == "" {
		t.Skip("no ../shared corpora")
	}
	if testing.Short() {
		t.Skip("reads 15 MB of prose; not in -short")
	}
	runs, err := proseRuns(shared)
	if err != nil {
		t.Skip(err)
	}
	labels, err := readProseLabels(proseLabelsFile)
	if err != nil {
		t.Fatal(err)
	}
	fs := runProse(t, runs)
	var write *os.File
	if p := os.Getenv("REALPROSE_WRITE"); p != "" {
		if write, err = os.Create(p); err != nil {
			t.Fatal(err)
		}
		defer write.Close()
		fmt.Fprintln(write, proseHeader)
	}
	// per set and severity: how many are true, false, unlabelled
	type tally struct {
		set string
		sev compare.Severity
	}
	counts := map[tally]*proseCounts{}
	add := func(k tally, f func(*proseCounts)) {
		if counts[k] == nil {
			counts[k] = &proseCounts{}
		}
		f(counts[k])
	}
	if p := os.Getenv("REALPROSE_REVIEW"); p != "" {
		writeProseReview(t, p, fs, labels)
	}
	var unlabelled []string
	for _, p := range fs {
		l, ok := labels[p.key]
		if write != nil {
			lab, reason := "?", ""
			if ok {
				lab, reason = fmt.Sprint(l.ok), l.reason
			}
			fmt.Fprintln(write, p.tsv(lab, reason))
		}
		keys := []tally{{"all", p.severity}}
		for s := range p.sets {
			keys = append(keys, tally{s, p.severity})
		}
		for _, k := range keys {
			add(k, func(c *proseCounts) {
				switch {
				case !ok:
					c.unlabelled++
				case l.ok:
					c.trueN++
				default:
					c.falseN++
				}
			})
		}
		if !ok {
			unlabelled = append(unlabelled, p.tsv("?", ""))
		}
	}
	for _, r := range runs {
		for _, sev := range []compare.Severity{compare.Warning, compare.Info} {
			if counts[tally{r.set, sev}] == nil {
				counts[tally{r.set, sev}] = &proseCounts{}
			}
		}
	}
	var keys []tally
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].set != keys[j].set {
			return keys[i].set < keys[j].set
		}
		return keys[i].sev > keys[j].sev
	})
	for _, k := range keys {
		c := counts[k]
		t.Logf("%-9s %-7s true %3d false %3d unlabelled %3d precision %.3f", k.set, k.sev, c.trueN, c.falseN, c.unlabelled, c.precision())
	}
	if len(unlabelled) > 0 {
		t.Errorf("%d contradictions have no label in %s (REALPROSE_WRITE=file writes them all):\n%s",
			len(unlabelled), proseLabelsFile, strings.Join(unlabelled, "\n"))
	}
	if c := counts[tally{"all", compare.Warning}]; c != nil && c.precision() < proseMinPrecision {
		t.Errorf("precision of warning-level contradictions %.3f (%d true, %d false), want ≥ %.2f",
			c.precision(), c.trueN, c.falseN, proseMinPrecision)
	}
}

// writeProseReview writes the findings for a reader who labels them: each
// with its whole sentences, the clauses compared and the values.
func writeProseReview(t *testing.T, path string, fs []*proseFinding, labels map[string]proseLabel) {
	var b strings.Builder
	for i, p := range fs {
		l, ok := labels[p.key]
		lab := "?"
		if ok {
			lab = fmt.Sprintf("%v (%s)", l.ok, l.reason)
		}
		var sets []string
		for s := range p.sets {
			sets = append(sets, s)
		}
		sort.Strings(sets)
		fmt.Fprintf(&b, "#%d %s %s conf %.2f evidence %s [%s] label: %s\n", i+1, p.kind, p.severity, p.confidence, p.evidence, strings.Join(sets, ","), lab)
		fmt.Fprintf(&b, "  A %s value %q\n    claim: %s\n    sentence: %s\n", p.fileA, oneLine(p.valueA), p.claimA, p.fullA)
		fmt.Fprintf(&b, "  B %s value %q\n    claim: %s\n    sentence: %s\n\n", p.fileB, oneLine(p.valueB), p.claimB, p.fullB)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
