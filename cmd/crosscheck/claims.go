package main

import (
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/claims"
	"github.com/crosscheck/crosscheck/compare/reuse"
)

func (a *app) claimsCommand() *cobra.Command {
	var set analyzerSet
	cmd := &cobra.Command{
		Use:   "claims [PATHS…]",
		Short: "Find claims made in several places and claims that contradict each other",
		Long: `Read what each sentence claims (amounts, dates, names, negations, modality) and compare
claims across the documents and inside each one: the same claim made in several places
(claims.overlap, info) and claims about the same subject and predicate that contradict on
a number, a date, a negation or an antonym (claims.contradiction.*, warning).
With no PATHS, the embedded seed corpus is read.`,
		Example: `  crosscheck claims
  crosscheck claims report.md summary.md --min-confidence 0.8
  crosscheck claims docs/ --no-overlap --format json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.useArchive(cmd, reuse.Options{}); err != nil {
				return err
			}
			a.archiveAll = true // claims need no shared passage
			if a.memoryBudget > 0 {
				a.memoryBudget = claimsMemoryBudget
			}
			return a.review(cmd.Context(), args, set.claimAnalyzers(), nil)
		},
	}
	set.claimFlags(cmd.Flags())
	set.boilerplateFlags(cmd.Flags())
	a.againstFlag(cmd.Flags())
	return cmd
}

// claimFlags binds the options of the claims analyzer to flags; every
// command that runs it (claims, check, baseline write) takes them.
func (s *analyzerSet) claimFlags(f *pflag.FlagSet) {
	f.Float64Var(&s.claims.MinConfidence, "min-confidence", 0, "report contradictions only at or above this confidence (0 to 1)")
	f.BoolVar(&s.claims.NoOverlap, "no-overlap", false, "leave out claims made in several places (claims.overlap)")
}

// claimAnalyzers returns the claims analyzer with the set's options.
func (s *analyzerSet) claimAnalyzers() []*compare.Analyzer {
	s.claims.Skip = s.boilerplate(s.repeat.Options) // claims in boilerplate are not compared
	return []*compare.Analyzer{claims.Analyzer(s.claims)}
}
