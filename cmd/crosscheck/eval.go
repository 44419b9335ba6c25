package main

import "github.com/spf13/cobra"

// evalCommand groups the labelled evaluations: each prints precision and
// recall (or plagdet) of one detection capability on a labelled corpus.
func (a *app) evalCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Labelled evaluations of the detectors (precision, recall, plagdet)",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("unknown evaluation %q", args[0])
			}
			return cmd.Help()
		},
	}
	cmd.AddCommand(
		// one constructor per evaluation, each in its own file
		a.evalNLICommand(),
		a.evalCiteCommand(),
		a.evalPANCommand(),
	)
	return cmd
}
