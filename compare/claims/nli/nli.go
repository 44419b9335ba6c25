// Package nli measures the claims analyzer as a classifier of sentence
// pairs (contradiction, overlap or none), on labelled pairs in the SICK
// layout: the figures of 'crosscheck eval nli'.
package nli

import (
	"context"
	"io"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/claims"
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
func ClassifyPair(ctx context.Context, a, b string, opt claims.Options) (string, error) {
	ans, err := classifyPair(ctx, a, b, opt)
	return ans.Label, err
}

// classifyPair is ClassifyPair with the confidence of a contradiction: the
// highest of the contradictions found.
func classifyPair(ctx context.Context, a, b string, opt claims.Options) (nlieval.Answer, error) {
	da, db := compare.NewTextDocument("A", a), compare.NewTextDocument("B", b)
	dcs, err := claims.ExtractAll(ctx, []*compare.Document{da, db})
	if err != nil {
		return nlieval.Answer{}, err
	}
	ms, err := claims.Compare(ctx, dcs)
	if err != nil {
		return nlieval.Answer{}, err
	}
	ans := nlieval.Answer{Label: PairNone}
	for _, f := range claims.Findings(ms, opt) {
		if f.Check == claims.CheckOverlap {
			// an overlap counts when the second sentence says nothing the
			// first does not: it restates it, in whole or in part
			if ans.Label == PairNone && restates(ms) {
				ans.Label = PairOverlap
			}
			continue
		}
		ans.Label = PairContradiction
		if c, ok := f.Details["confidence"].(float64); ok {
			ans.Confidence = max(ans.Confidence, c)
		}
	}
	return ans, nil
}

func restates(ms []claims.Match) bool {
	for _, m := range ms {
		if m.Kind == "overlap" && (m.Covers == "both" || m.Covers == "first" && m.A.Doc.Doc.Path == "A" || m.Covers == "second" && m.A.Doc.Doc.Path == "B") {
			return true
		}
	}
	return false
}

// Result is the confusion matrix of an evaluation on labelled pairs:
// Counts[gold][predicted].
type Result = nlieval.Result

// Eval reads sentence pairs as "id<TAB>A<TAB>B[<TAB>…<TAB>label]" (the
// SICK layout, label last; a header line is skipped), classifies each with
// ClassifyPair, writes "id<TAB>answer" lines to pred when it is not nil, and
// counts the answers against the labels when there are any.
func Eval(ctx context.Context, in io.Reader, pred io.Writer, opt claims.Options) (Result, error) {
	return nlieval.Eval(ctx, in, pred, func(ctx context.Context, a, b string) (nlieval.Answer, error) {
		return classifyPair(ctx, a, b, opt)
	})
}
