package main

import (
	"os"

	"github.com/spf13/cobra"

	"github.com/crosscheck/crosscheck/compare/reuse"
)

func (a *app) alignCommand() *cobra.Command {
	var set analyzerSet
	cmd := &cobra.Command{
		Use:   "align A B [C…]",
		Short: "Show the passages documents share, with word diffs",
		Long: `Align documents and report every passage two of them share (align.passage): where it
is in each, how many words, how similar, and a word diff of the two copies, shown as
[-removed-]{+added+} (JSON gives the operations with byte offsets on both sides).
Re-wrapped lines, punctuation, case and light edits do not split a passage. Pairs of
documents are proposed by shared fingerprints, so many documents can be aligned at once.
With no paths, the embedded seed corpus is aligned.`,
		Example: `  crosscheck align original.txt revised.txt
  crosscheck align --format json --min-words 25 reports/
  crosscheck align seeds/*`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 && a.against == "" {
				if st, err := os.Stat(args[0]); err == nil && !st.IsDir() || args[0] == "-" {
					return usagef("align needs at least two documents (or a directory holding them)")
				}
			}
			a.pairOptions = set.align.Options
			if err := a.useArchive(cmd, set.align.Options); err != nil {
				return err
			}
			return a.review(cmd.Context(), args, set.aligned(), nil)
		},
	}
	f := cmd.Flags()
	f.IntVar(&set.align.MinWords, "min-words", reuse.DefaultMinWords, "fewest shared words a passage must have")
	f.IntVar(&set.align.MaxGap, "max-gap", reuse.DefaultMaxGap, "most differing words between two matching stretches of one passage")
	f.Float64Var(&set.align.MinSimilarity, "min-similarity", reuse.DefaultMinSimilarity, "least similarity (0-1) of a passage's two copies")
	f.IntVar(&set.align.SeedWords, "seed-words", reuse.DefaultSeedWords, "words per fingerprint; fewer find more heavily edited copies and more chance matches")
	set.boilerplateFlags(f)
	a.againstFlag(f)
	return cmd
}
