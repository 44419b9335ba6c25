package main

import (
	"fmt"
	"github.com/crosscheck/crosscheck/compare/input"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/crosscheck/crosscheck/compare/claims"
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
CONTRADICTION) and of overlap (against ENTAILMENT). An overlap counts when the second
sentence restates the first, in whole or in part.`,
		Example: `  crosscheck eval nli ../shared/corpora/sick-train/SICK_train.txt
  crosscheck eval nli pairs.tsv --predictions answers.tsv`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := input.Open(args[0])
			if err != nil {
				return usagef("cannot read %s", err)
			}
			defer f.Close()
			var pred io.Writer
			var pf *os.File
			if predictions != "" {
				pf, err = os.Create(predictions)
				if err != nil {
					return usagef("--predictions: %s", err)
				}
				defer pf.Close()
				pred = pf
			}
			res, err := claims.EvalNLI(cmd.Context(), f, pred, opt)
			if err != nil {
				return usagef("%s: %s", args[0], err)
			}
			if pf != nil {
				if err := pf.Close(); err != nil {
					return err
				}
			}
			return printNLI(a.stdout, res)
		},
	}
	cmd.Flags().StringVar(&predictions, "predictions", "", "write id<TAB>contradiction|overlap|none lines to this file")
	cmd.Flags().Float64Var(&opt.MinConfidence, "min-confidence", 0, "count contradictions only at or above this confidence")
	return cmd
}

func printNLI(w io.Writer, res claims.NLIResult) error {
	fmt.Fprintf(w, "pairs: %d, labelled: %d\n", res.Pairs, res.Labelled)
	if res.Labelled == 0 {
		return nil
	}
	answers := []string{claims.PairContradiction, claims.PairOverlap, claims.PairNone}
	fmt.Fprintf(w, "\n%-14s %13s %8s %6s\n", "gold \\ answer", answers[0], answers[1], answers[2])
	for _, g := range []string{"CONTRADICTION", "ENTAILMENT", "NEUTRAL"} {
		fmt.Fprintf(w, "%-14s %13d %8d %6d\n", g, res.Counts[g][answers[0]], res.Counts[g][answers[1]], res.Counts[g][answers[2]])
	}
	cp, cr := res.PR(claims.PairContradiction, "CONTRADICTION")
	op, or := res.PR(claims.PairOverlap, "ENTAILMENT")
	fmt.Fprintf(w, "\ncontradiction vs CONTRADICTION: precision %.3f recall %.3f\n", cp, cr)
	_, err := fmt.Fprintf(w, "overlap vs ENTAILMENT:         precision %.3f recall %.3f\n", op, or)
	return err
}
