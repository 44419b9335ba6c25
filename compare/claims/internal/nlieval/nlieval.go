// Package nlieval evaluates a classifier of sentence pairs (contradiction,
// overlap or none) on labelled pairs in the SICK layout.
package nlieval

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
)

// Result is the confusion matrix of an evaluation on labelled pairs:
// Counts[gold][predicted].
type Result struct {
	Pairs    int
	Labelled int
	Counts   map[string]map[string]int
	// Kinds counts the answers by the pairs' kind ("number", "date",
	// "negation", "antonym", "paraphrase", …), when the file gives one
	// in the field before the label: Kinds[kind][predicted].
	Kinds map[string]map[string]int
	// Bins counts the labelled pairs answered "contradiction" by the
	// answer's confidence, in tenths (Bins[9] holds 0.9 to 1): how many,
	// and how many of them are CONTRADICTION. Well-calibrated confidence
	// has a bin's precision near its confidence.
	Bins [10]Bin
}

// Bin is one tenth of the confidence scale: the contradictions answered
// with a confidence in it, and those right.
type Bin struct{ Answered, Right int }

// Precision is the share of the bin's answers that are right (0 when
// empty).
func (b Bin) Precision() float64 {
	if b.Answered == 0 {
		return 0
	}
	return float64(b.Right) / float64(b.Answered)
}

// Answer is what a classifier says of a pair: contradiction, overlap or
// none, and for a contradiction how confident it is (0 to 1).
type Answer struct {
	Label      string
	Confidence float64
}

// KindRecall is the share of the pairs of a kind answered "contradiction".
func (r Result) KindRecall(kind string) float64 {
	n := 0
	for _, c := range r.Kinds[kind] {
		n += c
	}
	if n == 0 {
		return 0
	}
	return float64(r.Kinds[kind]["contradiction"]) / float64(n)
}

// Precision and recall of predicting want for the gold label gold.
func (r Result) PR(want, gold string) (p, rc float64) {
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

// Eval reads sentence pairs as "id<TAB>A<TAB>B[<TAB>…<TAB>label]" (the
// SICK layout, label last; a header line is skipped; a word in the field
// before the label is the pair's kind), classifies each, writes
// "id<TAB>answer" lines to pred when it is not nil (with a third field,
// the confidence, for a contradiction), and counts the answers
// against the labels when there are any.
func Eval(ctx context.Context, in io.Reader, pred io.Writer, classify func(ctx context.Context, a, b string) (Answer, error)) (Result, error) {
	res := Result{Counts: map[string]map[string]int{}, Kinds: map[string]map[string]int{}}
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
		ans, err := classify(ctx, f[1], f[2])
		got := ans.Label
		if err != nil {
			return res, fmt.Errorf("line %d: %w", line, err)
		}
		res.Pairs++
		if pred != nil {
			var err error
			if got == "contradiction" {
				_, err = fmt.Fprintf(pred, "%s\t%s\t%.2f\n", f[0], got, ans.Confidence)
			} else {
				_, err = fmt.Fprintf(pred, "%s\t%s\n", f[0], got)
			}
			if err != nil {
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
				if got == "contradiction" {
					b := &res.Bins[min(9, max(0, int(ans.Confidence*10)))]
					b.Answered++
					if gold == "CONTRADICTION" {
						b.Right++
					}
				}
				if kind := strings.TrimSpace(f[len(f)-2]); len(f) >= 5 && isKind(kind) {
					if res.Kinds[kind] == nil {
						res.Kinds[kind] = map[string]int{}
					}
					res.Kinds[kind][got]++
				}
			}
		}
	}
	return res, sc.Err()
}

// isKind reports a kind name: a lower-case word (SICK's field there is a
// relatedness score).
func isKind(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if (s[i] < 'a' || s[i] > 'z') && s[i] != '-' && s[i] != '_' {
			return false
		}
	}
	return true
}
