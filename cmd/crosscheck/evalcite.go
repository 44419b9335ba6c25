package main

import (
	"context"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/crosscheck/crosscheck/citations"
)

// evalCiteCommand scores the citation checks on labelled fixtures: files
// that name their expected findings in comments.
func (a *app) evalCiteCommand() *cobra.Command {
	fixtures := "testdata/cite/fixtures"
	sources := "testdata/cite/sources"
	cmd := &cobra.Command{
		Use:   "cite",
		Short: "Precision and recall of the citation checks on labelled fixtures",
		Long: `Run the citation checks on fixture documents that say which findings they expect,
in comments on the line where each finding should start ("<!-- expect: cite.numbering -->",
or "% expect: …" in LaTeX), and print precision and recall per check. A fixture holding
"<!-- cite-sources -->" is checked against the --sources folder.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if _, err := os.Stat(fixtures); err != nil {
				return usagef("no fixtures at %s (run from the repository root, or give --fixtures DIR)", fixtures)
			}
			files, err := a.files("the fixture")
			if err != nil {
				return err
			}
			return a.printTo(cmd.Context(), func(ctx context.Context, w io.Writer) error {
				res, err := orCancel(ctx, func() (*citations.EvalResult, error) {
					return citations.EvaluateFixtures(ctx, files, fixtures, sources)
				})
				if err != nil {
					return err
				}
				res.Print(w)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&fixtures, "fixtures", fixtures, "folder of labelled fixture documents")
	cmd.Flags().StringVar(&sources, "sources", sources, "sources for the fixtures that ask for them")
	return cmd
}
