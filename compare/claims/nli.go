package claims

import (
	"context"
	"io"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/claims/internal/nlieval"
)

// The three answers of a sentence-pair comparison.
const (
	PairContradiction = "contradiction"
	PairOverlap       = "overlap"
	PairNone          = "none"
)

// ClassifyPair compares two sentences as two one-sentence documents, the
// way the claims analyzer compares documents, and says whether they
// contradict, make the same claim, or neither.
func ClassifyPair(ctx context.Context, a, b string, opt Options) (string, error) {
	da, db := compare.NewTextDocument("A", a), compare.NewTextDocument("B", b)
	dcs, err := ExtractAll(ctx, []*compare.Document{da, db})
	if err != nil {
		return "", err
	}
	ms, err := Compare(ctx, dcs)
	if err != nil {
		return "", err
	}
	label := PairNone
	for _, f := range Findings(ms, opt) {
		if f.Check == CheckOverlap {
			// an overlap counts when the second sentence says nothing the
			// first does not: it restates it, in whole or in part
			if label == PairNone && restates(ms) {
				label = PairOverlap
			}
			continue
		}
		label = PairContradiction
	}
	return label, nil
}

func restates(ms []Match) bool {
	for _, m := range ms {
		if m.Kind == "overlap" && (m.Covers == "both" || m.Covers == "first" && m.A.Doc.Doc.Path == "A" || m.Covers == "second" && m.A.Doc.Doc.Path == "B") {
			return true
		}
	}
	return false
}

// NLIResult is the confusion matrix of an evaluation on labelled pairs:
// Counts[gold][predicted].
type NLIResult = nlieval.Result

// EvalNLI reads sentence pairs as "id<TAB>A<TAB>B[<TAB>…<TAB>label]" (the
// SICK layout, label last; a header line is skipped), classifies each with
// ClassifyPair, writes "id<TAB>answer" lines to pred when it is not nil, and
// counts the answers against the labels when there are any.
func EvalNLI(ctx context.Context, in io.Reader, pred io.Writer, opt Options) (NLIResult, error) {
	return nlieval.Eval(ctx, in, pred, func(ctx context.Context, a, b string) (string, error) {
		return ClassifyPair(ctx, a, b, opt)
	})
}
