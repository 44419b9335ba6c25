package main

import (
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/crosscheck/crosscheck/compare/reuse"
)

func (a *app) repeatsCommand() *cobra.Command {
	var set analyzerSet
	cmd := &cobra.Command{
		Use:   "repeats [PATHS…]",
		Short: "Find duplicated text: stuttered phrases and repeated passages",
		Long: `Find text that appears more than once: phrases immediately repeated (repeat.stutter),
and sentences, paragraphs and passages repeated far apart in one document or shared
by several documents (repeat.passage: one finding per passage, with every place it
appears). Case, punctuation, line breaks and a few edited words do not hide a copy.
With no PATHS, the embedded seed corpus is checked.`,
		Example: `  crosscheck repeats chapter1.md chapter2.md
  crosscheck repeats --format json manuscript/
  crosscheck repeats --min-words 20 notes/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.useArchive(cmd, set.repeat.Options); err != nil {
				return err
			}
			return a.review(cmd.Context(), args, set.repeats(), nil)
		},
	}
	set.repeatFlags(cmd.Flags())
	set.boilerplateFlags(cmd.Flags())
	a.againstFlag(cmd.Flags())
	return cmd
}

// repeatFlags binds the options of the repeats analyzers to flags; every
// command that runs them (repeats, check, baseline write) takes them.
func (s *analyzerSet) repeatFlags(f *pflag.FlagSet) {
	f.IntVar(&s.stutter.MaxWords, "stutter-max-words", 12, "longest phrase the stutter check looks for")
	f.IntVar(&s.repeat.MinWords, "min-words", reuse.DefaultMinWords, "fewest shared words a repeated passage must have")
	f.IntVar(&s.repeat.MaxGap, "max-gap", reuse.DefaultMaxGap, "most differing words between two matching stretches of one passage")
	f.Float64Var(&s.repeat.MinSimilarity, "min-similarity", reuse.DefaultRepeatSimilarity, "least similarity (0-1) of the copies of a repeated passage")
}
