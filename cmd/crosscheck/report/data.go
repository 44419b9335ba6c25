package report

import "github.com/crosscheck/crosscheck/compare"

// The types below are what the HTML report shows beyond the findings: what
// pairs of documents share, word diffs to set related places side by side,
// and the citations of each document. Renderers never run analyses, so the
// command computes them (only when the format needs them: see NeedsExtras)
// and hands them over in Result. Every span is a span of ORIGINAL bytes of
// the document named, as in findings.

// Extras is what the HTML report shows beyond the findings, computed by
// Options.Extras.
type Extras struct {
	Pairs       []Pair
	Comparisons []Comparison
	Citations   []CitationRow
}

// Pair is what two of the documents share.
type Pair struct {
	A, B int // indices into Result.Docs, A < B
	// Coverage is the share of the shorter document's words that lie in
	// passages shared with the other one (0–1): 1 when one is a copy of
	// (part of) the other.
	Coverage float64
	// SharedWords counts the words the passages share, over all passages.
	SharedWords int
	Passages    []Passage
}

// Passage is a stretch of text two documents share.
type Passage struct {
	A, B           compare.Span // original bytes of Docs[Pair.A] and Docs[Pair.B]
	SharedWords    int          // words both copies share, in order
	WordsA, WordsB int          // words of each copy
	Similarity     float64      // 2·SharedWords / (WordsA + WordsB)
	Diff           []DiffOp     // word diff from A's copy to B's
}

// DiffOp is one step of a word diff: words kept ("equal"), words only on
// the left ("delete") and words only on the right ("insert"), as spans of
// original bytes of each side (the unused side of a delete or insert is
// empty).
type DiffOp struct {
	Op          string
	Left, Right compare.Span
}

// Comparison sets one of a finding's related places beside the finding's
// own span (a repeated passage and its first copy, two claims, a quotation
// and its source). Left is the place that comes first (in the order of
// Result.Docs, then by offset); the diff runs from Left to Right.
type Comparison struct {
	Finding int // index into Result.Findings
	Related int // index into that finding's Related
	Left    compare.Location
	Right   compare.Location
	Diff    []DiffOp
}

// CitationRow is one citation of a note: what it names, what it resolves
// to and whether that holds up.
type CitationRow struct {
	Doc       int          // index into Result.Docs
	Note      string       // the note's label ("35", "*", "^smith")
	At        compare.Span // the citation, original bytes
	Kind      string       // "full", "short title", "ibid.", "op. cit.", …
	Reference string       // the citation as written
	Target    string       // the work it resolves to; "" when it resolves to none
	Source    string       // path of the available source that matches it; ""
	// Checks are the IDs of the citation checks that report a problem with
	// this citation; none means it holds up as far as crosscheck can tell.
	Checks []string
}

// NeedsExtras reports whether a format shows Pairs, Comparisons and
// Citations, which cost time to compute.
func NeedsExtras(format string) bool { return format == "html" }
