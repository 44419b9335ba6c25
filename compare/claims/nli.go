package claims

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/crosscheck/crosscheck/compare"
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
type NLIResult struct {
	Pairs    int
	Labelled int
	Counts   map[string]map[string]int
}

// Precision and recall of predicting want for the gold label gold.
func (r NLIResult) PR(want, gold string) (p, rc float64) {
	var tp, predicted, actual int
	for g, row := range r.Counts {
		for pr, n := range row {
			if pr == want {
				predicted += n
				if g == gold {
					tp += n
				}
			}
			if g == gold {
				actual += n
			}
		}
	}
	if predicted > 0 {
		p = float64(tp) / float64(predicted)
	}
	if actual > 0 {
		rc = float64(tp) / float64(actual)
	}
	return p, rc
}

// EvalNLI reads sentence pairs as "id<TAB>A<TAB>B[<TAB>…<TAB>label]" (the
// SICK layout, label last; a header line is skipped), classifies each, writes
// "id<TAB>answer" lines to pred when it is not nil, and counts the answers
// against the labels when there are any.
func EvalNLI(ctx context.Context, in io.Reader, pred io.Writer, opt Options) (NLIResult, error) {
	res := NLIResult{Counts: map[string]map[string]int{}}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		if err := ctx.Err(); err != nil {
			return res, err
		}
		t := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(t) == "" {
			continue
		}
		f := strings.Split(t, "\t")
		if len(f) < 3 {
			return res, fmt.Errorf("line %d: want id<TAB>sentence_A<TAB>sentence_B[<TAB>…<TAB>label], got %d field(s)", line, len(f))
		}
		if line == 1 && (strings.EqualFold(f[0], "pair_id") || strings.EqualFold(f[0], "id") || strings.EqualFold(f[1], "sentence_A")) {
			continue // header
		}
		got, err := ClassifyPair(ctx, f[1], f[2], opt)
		if err != nil {
			return res, fmt.Errorf("line %d: %w", line, err)
		}
		res.Pairs++
		if pred != nil {
			if _, err := fmt.Fprintf(pred, "%s\t%s\n", f[0], got); err != nil {
				return res, err
			}
		}
		if len(f) >= 4 {
			gold := strings.ToUpper(strings.TrimSpace(f[len(f)-1]))
			switch gold {
			case "ENTAILMENT", "CONTRADICTION", "NEUTRAL":
				res.Labelled++
				if res.Counts[gold] == nil {
					res.Counts[gold] = map[string]int{}
				}
				res.Counts[gold][got]++
			}
		}
	}
	return res, sc.Err()
}
