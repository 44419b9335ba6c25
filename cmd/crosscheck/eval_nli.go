package main

import (
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/spf13/cobra"

	"github.com/crosscheck/crosscheck/compare/claims"
	"github.com/crosscheck/crosscheck/compare/claims/nli"
	"github.com/crosscheck/crosscheck/compare/input"
)

func (a *app) evalNLICommand() *cobra.Command {
	var predictions string
	var opt claims.Options
	cmd := &cobra.Command{
		Use:   "nli FILE",
		Short: "Evaluate the claims comparison on labelled sentence pairs (SICK layout)",
		Long: `Read sentence pairs as id<TAB>sentence_A<TAB>sentence_B[<TAB>…<TAB>label] (the SICK layout,
label last; a header line is skipped), compare each pair as two one-sentence documents with
the claims analyzer, and answer contradiction, overlap or none. When labels are present,
print the confusion matrix and the precision and recall of contradiction (against
CONTRADICTION) and of overlap (against ENTAILMENT). A lower-case word in the field before
the label is the pair's kind (number, date, negation, antonym, paraphrase, different):
the answers are then also counted by kind, with the share answered "contradiction". An overlap counts when the second
sentence restates the first, in whole or in part.`,
		Example: `  crosscheck eval nli ../shared/corpora/sick-train/SICK_train.txt
  crosscheck eval nli pairs.tsv --predictions answers.tsv`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkOutputPath("--predictions", predictions); err != nil {
				return err
			}
			a.guard.add("--predictions", predictions)
			if err := a.guard.check("the sentence pairs", args[0]); err != nil {
				return err
			}
			f, err := input.Open(args[0])
			if err != nil {
				return usagef("cannot read %s", err)
			}
			defer f.Close()
			return a.printTo(cmd.Context(), func(ctx context.Context, w io.Writer) error {
				return evalNLI(ctx, w, f, args[0], predictions, a.stdout, opt)
			})
		},
	}
	cmd.Flags().StringVar(&predictions, "predictions", "", "write id<TAB>contradiction|overlap|none lines to this file (a contradiction's confidence in a third field)")
	cmd.Flags().Float64Var(&opt.MinConfidence, "min-confidence", 0, "count contradictions only at or above this confidence")
	return cmd
}

// evalNLI compares the sentence pairs read from in (named name), writes
// the predictions to the file predictions (if not "") and prints the
// scores to w. The predictions file appears, whole, only when the
// evaluation succeeds.
func evalNLI(ctx context.Context, w io.Writer, in io.Reader, name, predictions string, stdout io.Writer, opt claims.Options) error {
	var pred io.Writer
	var pf *output
	if predictions != "" {
		var err error
		if pf, err = openOutputAt(ctx, predictions, stdout); err != nil {
			return err
		}
		defer pf.discard() // a no-op once committed
		pred = pf.w
	}
	res, err := orCancel(ctx, func() (nli.Result, error) { return nli.Eval(ctx, in, pred, opt) })
	if err != nil {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		return usagef("%s: %s", name, err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if pf != nil {
		if err := pf.commit(); err != nil {
			return err
		}
	}
	return printNLI(w, res)
}

func printNLI(w io.Writer, res nli.Result) error {
	fmt.Fprintf(w, "pairs: %d, labelled: %d\n", res.Pairs, res.Labelled)
	if res.Labelled == 0 {
		return nil
	}
	answers := []string{nli.PairContradiction, nli.PairOverlap, nli.PairNone}
	fmt.Fprintf(w, "\n%-14s %13s %8s %6s\n", "gold \\ answer", answers[0], answers[1], answers[2])
	for _, g := range []string{"CONTRADICTION", "ENTAILMENT", "NEUTRAL"} {
		fmt.Fprintf(w, "%-14s %13d %8d %6d\n", g, res.Counts[g][answers[0]], res.Counts[g][answers[1]], res.Counts[g][answers[2]])
	}
	cp, cr := res.PR(nli.PairContradiction, "CONTRADICTION")
	op, or := res.PR(nli.PairOverlap, "ENTAILMENT")
	fmt.Fprintf(w, "\ncontradiction vs CONTRADICTION: precision %.3f recall %.3f\n", cp, cr)
	_, err := fmt.Fprintf(w, "overlap vs ENTAILMENT:         precision %.3f recall %.3f\n", op, or)
	if err != nil {
		return err
	}
	printReliability(w, res)
	if len(res.Kinds) == 0 {
		return nil
	}
	// by kind, when the pairs give one
	kinds := make([]string, 0, len(res.Kinds))
	for k := range res.Kinds {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	fmt.Fprintf(w, "\n%-14s %13s %8s %6s %8s\n", "kind", answers[0], answers[1], answers[2], "recall")
	for _, k := range kinds {
		c := res.Kinds[k]
		fmt.Fprintf(w, "%-14s %13d %8d %6d %8.3f\n", k, c[answers[0]], c[answers[1]], c[answers[2]], res.KindRecall(k))
	}
	return nil
}

// printReliability prints, by tenth of confidence, how many contradictions
// were answered and the share of them that are contradictions: the
// confidence is calibrated where the two agree.
func printReliability(w io.Writer, res nli.Result) {
	any := false
	for _, b := range res.Bins {
		any = any || b.Answered > 0
	}
	if !any {
		return
	}
	fmt.Fprintf(w, "\n%-14s %13s %8s %9s\n", "confidence", "contradiction", "right", "precision")
	for i, b := range res.Bins {
		if b.Answered == 0 {
			continue
		}
		fmt.Fprintf(w, "%.1f-%.1f %18d %8d %9.3f\n", float64(i)/10, float64(i+1)/10, b.Answered, b.Right, b.Precision())
	}
}
