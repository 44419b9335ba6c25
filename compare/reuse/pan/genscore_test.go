package pan

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare/input"
)

// Writing the generated sets in PAN's layout, and scoring detections per
// case type.

// writeSet writes s to dir: pairs ("SUSP SRC" a line), susp/ and src/
// (the documents, UTF-8, LF), truth/ (one SUSP-SRC.xml a pair, as in the
// shared PAN corpus, with an extra case_type attribute; empty for a pair
// with no case), casetypes.tsv (every truth case, its spans and its type),
// and, when the set has them, boilerplate.tsv (document, offset, length of
// each occurrence of the boilerplate) and negkinds.tsv (each negative
// pair's kind). Offsets and lengths are in characters (code points).
func writeSet(dir string, s *genSet) error {
	for _, sub := range []string{"susp", "src", "truth"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return err
		}
	}
	write := func(name, text string) error { return os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644) }
	for _, d := range s.susp {
		if err := write(filepath.Join("susp", d.name), d.text); err != nil {
			return err
		}
	}
	for _, d := range s.src {
		if err := write(filepath.Join("src", d.name), d.text); err != nil {
			return err
		}
	}
	var pairs, types strings.Builder
	types.WriteString("susp\tthis_offset\tthis_length\tsrc\tsource_offset\tsource_length\ttype\n")
	for _, c := range s.cases {
		fmt.Fprintf(&types, "%s\t%d\t%d\t%s\t%d\t%d\t%s\n", c.Susp, c.SuspOffset, c.SuspLength, c.Src, c.SrcOffset, c.SrcLength, c.Type)
	}
	for _, p := range s.pairs {
		fmt.Fprintf(&pairs, "%s %s\n", p.Susp, p.Src)
		var x strings.Builder
		x.WriteString("<document reference=\"" + xmlEscape(p.Susp) + "\">\n")
		for _, c := range s.cases {
			if c.Susp == p.Susp && c.Src == p.Src {
				fmt.Fprintf(&x, "<feature name=\"plagiarism\" type=\"artificial\" obfuscation=\"%s\" case_type=\"%s\" this_offset=\"%d\" this_length=\"%d\" source_reference=\"%s\" source_offset=\"%d\" source_length=\"%d\" />\n",
					s.level, c.Type, c.SuspOffset, c.SuspLength, xmlEscape(c.Src), c.SrcOffset, c.SrcLength)
			}
		}
		x.WriteString("</document>\n")
		if err := write(filepath.Join("truth", FileName(p)), x.String()); err != nil {
			return err
		}
	}
	if err := write("pairs", pairs.String()); err != nil {
		return err
	}
	if err := write("casetypes.tsv", types.String()); err != nil {
		return err
	}
	if len(s.boiler) > 0 {
		var b strings.Builder
		b.WriteString("doc\toffset\tlength\n")
		for _, o := range s.boiler {
			fmt.Fprintf(&b, "%s\t%d\t%d\n", o.Doc, o.Offset, o.Len)
		}
		if err := write("boilerplate.tsv", b.String()); err != nil {
			return err
		}
	}
	if len(s.negKinds) > 0 {
		var b strings.Builder
		b.WriteString("susp\tsrc\tkind\n")
		for i, p := range s.pairs {
			fmt.Fprintf(&b, "%s\t%s\t%s\n", p.Susp, p.Src, s.negKinds[i])
		}
		if err := write("negkinds.tsv", b.String()); err != nil {
			return err
		}
	}
	return nil
}

// readTSV reads a TSV file with a header line, each row of want fields.
func readTSV(path string, want int) ([][]string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rows [][]string
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for line := 1; sc.Scan(); line++ {
		if line == 1 || sc.Text() == "" {
			continue
		}
		f := strings.Split(sc.Text(), "\t")
		if len(f) != want {
			return nil, fmt.Errorf("%s:%d: %d fields, want %d", path, line, len(f), want)
		}
		rows = append(rows, f)
	}
	return rows, sc.Err()
}

func atoiAll(s ...string) ([]int, error) {
	out := make([]int, len(s))
	for i, x := range s {
		n, err := strconv.Atoi(x)
		if err != nil {
			return nil, err
		}
		out[i] = n
	}
	return out, nil
}

// readTypedCases reads a set's casetypes.tsv, and its boilerplate.tsv when
// there is one.
func readTypedCases(dir string) ([]typedCase, []docSpan, error) {
	rows, err := readTSV(filepath.Join(dir, "casetypes.tsv"), 7)
	if err != nil {
		return nil, nil, err
	}
	var cases []typedCase
	for _, r := range rows {
		n, err := atoiAll(r[1], r[2], r[4], r[5])
		if err != nil {
			return nil, nil, err
		}
		cases = append(cases, typedCase{Case{Susp: r[0], SuspOffset: n[0], SuspLength: n[1], Src: r[3], SrcOffset: n[2], SrcLength: n[3]}, r[6]})
	}
	rows, err = readTSV(filepath.Join(dir, "boilerplate.tsv"), 3)
	if errors.Is(err, fs.ErrNotExist) {
		return cases, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	var boiler []docSpan
	for _, r := range rows {
		n, err := atoiAll(r[1], r[2])
		if err != nil {
			return nil, nil, err
		}
		boiler = append(boiler, docSpan{r[0], n[0], n[1]})
	}
	return cases, boiler, nil
}

// dropBoilerplate removes the detections that lie wholly inside the
// boilerplate on both sides: the boilerplate is no truth case, and
// reporting it is neither right nor wrong. A detection that runs on from
// the boilerplate into the text beside it is kept.
func dropBoilerplate(dets []Case, boiler []docSpan) []Case {
	if len(boiler) == 0 {
		return dets
	}
	inside := func(doc string, off, n int) bool {
		for _, b := range boiler {
			if b.Doc == doc && off >= b.Offset && off+n <= b.Offset+b.Len {
				return true
			}
		}
		return false
	}
	return slices.DeleteFunc(slices.Clone(dets), func(d Case) bool {
		return inside(d.Susp, d.SuspOffset, d.SuspLength) && inside(d.Src, d.SrcOffset, d.SrcLength)
	})
}

// scoreSet scores detections against a set's cases (after dropBoilerplate),
// overall and per case type. The score of type T counts the cases of type
// T, and the detections that detect (overlap on both sides, in the same
// pair) a case of type T, or that detect no case and were reported in a
// suspicious document holding a case of type T: a false detection is
// charged to the types of its document, and to every type when its
// document holds no case. A detection that detects cases of two types
// counts for both.
func scoreSet(cases []typedCase, boiler []docSpan, dets []Case) (all Score, byType map[string]Score) {
	dets = dropBoilerplate(dets, boiler)
	plain := make([]Case, len(cases))
	docTypes := map[string][]string{}
	for i, c := range cases {
		plain[i] = c.Case
		if !slices.Contains(docTypes[c.Susp], c.Type) {
			docTypes[c.Susp] = append(docTypes[c.Susp], c.Type)
		}
	}
	all = ScoreCases(plain, dets)
	byType = map[string]Score{}
	var types []string
	for _, c := range cases {
		if !slices.Contains(types, c.Type) {
			types = append(types, c.Type)
		}
	}
	for _, t := range types {
		var tc, td []Case
		for _, c := range cases {
			if c.Type == t {
				tc = append(tc, c.Case)
			}
		}
		for _, d := range dets {
			keep, any := false, false
			for _, c := range cases {
				if detects(c.Case, d) {
					any = true
					keep = keep || c.Type == t
				}
			}
			if !any {
				dt := docTypes[d.Susp]
				keep = len(dt) == 0 || slices.Contains(dt, t)
			}
			if keep {
				td = append(td, d)
			}
		}
		byType[t] = ScoreCases(tc, td)
	}
	return all, byType
}

// logScores logs a set's overall and per-type scores, types in
// caseTypes order.
func logScores(t testing.TB, label string, all Score, byType map[string]Score) {
	t.Helper()
	line := func(name string, s Score) string {
		return fmt.Sprintf("%-24s plagdet %.4f P %.4f R %.4f gran %.4f (%d cases, %d detections, %d detected)",
			name, s.Plagdet, s.Precision, s.Recall, s.Granularity, s.Cases, s.Detections, s.Detected)
	}
	t.Log(line(label, all))
	types := append(slices.Clone(caseTypes), caseAdjacent)
	for ty := range byType {
		if !slices.Contains(types, ty) {
			types = append(types, ty)
		}
	}
	for _, ty := range types {
		if s, ok := byType[ty]; ok {
			t.Log(line("  "+ty, s))
		}
	}
}

// alignSet writes s to a temporary folder and aligns its pairs as 'eval
// pan' does (Run, Options), returning all detections.
func alignSet(t testing.TB, s *genSet) []Case {
	t.Helper()
	dir := filepath.Join(t.TempDir(), s.name)
	if err := writeSet(dir, s); err != nil {
		t.Fatal(err)
	}
	opt := Options()
	opt.MinWords = genMinWords
	run, err := Run(context.Background(), input.Loader{}, s.pairs, filepath.Join(dir, "susp"), filepath.Join(dir, "src"), opt, 2)
	if err != nil {
		t.Fatal(err)
	}
	var dets []Case
	for _, d := range run.Detections {
		dets = append(dets, d...)
	}
	return dets
}

// genMinWords is the --min-words the generated sets are aligned with: their
// short cases are 15 to 40 words, below the 30 of Options (PAN's cases are
// at least 256 characters).
const genMinWords = 15

// corpusReadme describes the layout TestWriteGeneratedCorpus writes.
const corpusReadme = `Labelled text-reuse corpora generated by crosscheck's tests (compare/reuse/pan,
TestWriteGeneratedCorpus; deterministic: fixed seeds). The base prose is the PAN 2013
source texts of the shared corpora (pan13-no-obfuscation/src).

Sets: none, light, heavy (edit levels; each mixes the case types plain: 1-3 distinct
passages of 40-250 words; twice: one passage used 2-3 times, each copy a case; overlap: two
passages cut from overlapping source ranges; multisource: passages of 2-3 sources in one
suspicious document, one pair per source, most with two passages side by side; short: 1-2
sentences, 15-40 words; chapter: 1500-3000 words), negatives (no reuse: truth files are
empty), boilerplate (a 54-word disclaimer heads every document; it is NOT a truth case;
case types plain and adjacent, a passage right after the disclaimer on both sides; 4 pairs
share only the disclaimer).

Each set: pairs ("SUSP SRC" a line), susp/, src/, truth/SUSP-SRC.xml (PAN format;
features carry an extra case_type attribute), casetypes.tsv (every truth case: susp,
this_offset, this_length, src, source_offset, source_length, type). Offsets and lengths
are in characters (code points), as in PAN. boilerplate/boilerplate.tsv lists where the
disclaimer lies (doc, offset, length): a scorer should drop the detections that lie wholly
inside it on both sides, and count those that run on from it into other text.
negatives/negkinds.tsv gives each negative pair's kind: halves (two halves of one text)
or similar (two texts of similar vocabulary).

Edit levels: none (verbatim); light (a word edit distance of about 9% of the words:
replaced, deleted, inserted or swapped; and 5% re-cased or re-punctuated); heavy (a word edit distance of 30% of the
words, sentences shuffled within windows of 2-4 sentences). Truth spans cover the whole
passage on both sides.

Per case type scores: go test ./compare/reuse/pan -run TestScoreGeneratedDetections -v
with CROSSCHECK_GEN_SCORE=<set folder> CROSSCHECK_GEN_DETS=<folder of detection XMLs>.
`

// TestWriteGeneratedCorpus writes the labelled corpora to the folder named
// by CROSSCHECK_GEN_OUT (skipped when unset or without the shared
// corpora), one subfolder a set (see writeSet and corpusReadme), so that
// other tools can be run on exactly the same data. A set folder that
// exists is replaced only if it holds a casetypes.tsv (a corpus written
// before).
func TestWriteGeneratedCorpus(t *testing.T) {
	out := os.Getenv("CROSSCHECK_GEN_OUT")
	if out == "" {
		t.Skip("set CROSSCHECK_GEN_OUT=DIR to write the corpora")
	}
	pr := panProseOnce()
	if pr == nil {
		t.Skip("no ../shared/corpora: the corpora are made of the PAN source texts")
	}
	srcWords := 0
	for _, f := range pr.srcFiles {
		srcWords += len(f)
	}
	t.Logf("PAN prose: %d source texts (%d words), %d words of base text, %d texts to halve, %d pairs of similar texts",
		len(pr.srcFiles), srcWords, len(pr.base.(*realProse).all), len(pr.halves), len(pr.similar))
	for _, s := range buildSets(pr, fullCounts, 18) {
		dir := filepath.Join(out, s.name)
		if _, err := os.Stat(dir); err == nil {
			if _, err := os.Stat(filepath.Join(dir, "casetypes.tsv")); err != nil {
				t.Fatalf("%s exists and is not a generated corpus: not replacing it", dir)
			}
			if err := os.RemoveAll(dir); err != nil {
				t.Fatal(err)
			}
		}
		if err := writeSet(dir, s); err != nil {
			t.Fatal(err)
		}
		var chars int
		for _, d := range append(slices.Clone(s.susp), s.src...) {
			chars += len(d.text)
		}
		counts := map[string]int{}
		for _, c := range s.cases {
			counts[c.Type]++
		}
		t.Logf("%-11s %3d pairs, %3d suspicious, %3d sources, %5.2f MB, %3d cases %v", s.name, len(s.pairs), len(s.susp), len(s.src), float64(chars)/1e6, len(s.cases), counts)
	}
	if err := os.WriteFile(filepath.Join(out, "README.txt"), []byte(corpusReadme), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestScoreGeneratedDetections scores the detections in the folder named by
// CROSSCHECK_GEN_DETS (SUSP-SRC.xml files of detected-plagiarism features,
// as 'eval pan --out' writes them) against the generated set in the folder
// named by CROSSCHECK_GEN_SCORE, overall and per case type (see scoreSet).
// Skipped when either is unset.
func TestScoreGeneratedDetections(t *testing.T) {
	setDir, detDir := os.Getenv("CROSSCHECK_GEN_SCORE"), os.Getenv("CROSSCHECK_GEN_DETS")
	if setDir == "" || detDir == "" {
		t.Skip("set CROSSCHECK_GEN_SCORE=SETDIR and CROSSCHECK_GEN_DETS=DIR to score detections")
	}
	raw, err := os.ReadFile(filepath.Join(setDir, "pairs"))
	if err != nil {
		t.Fatal(err)
	}
	pairs, err := ReadPairs(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	cases, boiler, err := readTypedCases(setDir)
	if err != nil {
		t.Fatal(err)
	}
	var dets []Case
	for _, p := range pairs {
		raw, err := os.ReadFile(filepath.Join(detDir, FileName(p)))
		if errors.Is(err, fs.ErrNotExist) {
			continue // no detections
		}
		if err != nil {
			t.Fatal(err)
		}
		ds, err := ReadXML(bytes.NewReader(raw), "detected-plagiarism")
		if err != nil {
			t.Fatalf("%s: %v", FileName(p), err)
		}
		for i := range ds { // some tools leave the reference out or give a path
			ds[i].Susp, ds[i].Src = p.Susp, p.Src
		}
		dets = append(dets, ds...)
	}
	all, byType := scoreSet(cases, boiler, dets)
	logScores(t, filepath.Base(filepath.Clean(setDir)), all, byType)
	if kept := len(dropBoilerplate(dets, boiler)); kept != len(dets) {
		t.Logf("%d detections lie wholly inside the boilerplate and are not scored", len(dets)-kept)
	}
}
