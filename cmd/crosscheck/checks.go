package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/crosscheck/crosscheck/citations"
	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/claims"
	"github.com/crosscheck/crosscheck/compare/reuse"
	"github.com/crosscheck/crosscheck/compare/textcheck"
)

// analyzerSet builds the analyzers of every capability with the options
// the flags give. Commands pick from it.
type analyzerSet struct {
	sources []string // --sources: documents and manifests citations may name
	// sourcesOutside (--allow-outside-sources) lets manifests name files
	// outside their folder
	sourcesOutside bool
	stutter        compare.StutterOptions
	claims         claims.Options
	cite           citations.Options
	repeat         reuse.RepeatOptions
	align          reuse.AlignOptions
	text           textcheck.Options
	boiler         reuse.BoilerplateOptions // --boilerplate-docs, --boilerplate
}

func (s *analyzerSet) repeats() []*compare.Analyzer {
	s.repeat.StutterWords = s.stutter.MaxWords
	s.repeat.Boilerplate = s.boiler
	return []*compare.Analyzer{compare.StutterAnalyzer(s.stutter), reuse.RepeatAnalyzer(s.repeat), s.boilerplate(s.repeat.Options), compare.InputAnalyzer()}
}

// aligned is what 'align' runs. 'check' leaves it out: text two documents
// share is reported there once, as repeat.passage with all its places,
// rather than once per pair of documents again as align.passage.
func (s *analyzerSet) aligned() []*compare.Analyzer {
	s.align.Boilerplate = s.boiler
	return []*compare.Analyzer{reuse.AlignAnalyzer(s.align), s.boilerplate(s.align.Options), compare.InputAnalyzer()}
}

// boilerplate is the analyzer of repeat.boilerplate under the alignment
// options o: the one the repeats and align analyzers under o require, so
// that listing it reports what they leave out.
func (s *analyzerSet) boilerplate(o reuse.Options) *compare.Analyzer {
	return reuse.BoilerplateAnalyzer(reuse.BoilerplateFor(o, s.boiler))
}

// boilerplateFlags binds what makes text boilerplate (repeat.boilerplate)
// to flags; every command that leaves it out (repeats, align, claims,
// check, baseline write) takes them.
func (s *analyzerSet) boilerplateFlags(f *pflag.FlagSet) {
	f.IntVar(&s.boiler.MinDocs, "boilerplate-docs", 0, "fewest documents text must be in to be boilerplate (0: at least 4 and half of them)")
	f.StringArrayVar(&s.boiler.Marked, "boilerplate", nil, "text that is boilerplate wherever it is found (repeatable)")
}

func (s *analyzerSet) all() []*compare.Analyzer {
	out := s.repeats()
	out = append(out, s.claimAnalyzers()...)
	out = append(out, s.textAnalyzers()...)
	return append(out, s.citations()...)
}

// textAnalyzers returns the analyzer of the text.* checks: defects that
// conversions and layout leave in text.
func (s *analyzerSet) textAnalyzers() []*compare.Analyzer {
	return []*compare.Analyzer{textcheck.Analyzer(s.text)}
}

// allChecks lists every check crosscheck can report, by ID.
func allChecks() []*compare.Check {
	var set analyzerSet
	seen := map[string]bool{}
	var out []*compare.Check
	for _, an := range append(append(set.all(), set.aligned()...), &compare.Analyzer{Checks: compare.IgnoreChecks}, &compare.Analyzer{Checks: archiveChecks}) {
		for _, c := range an.Checks {
			if !seen[c.ID] {
				seen[c.ID] = true
				out = append(out, c)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func (a *app) checkCommand() *cobra.Command {
	var set analyzerSet
	cmd := &cobra.Command{
		Use:   "check [PATHS…]",
		Short: "Run every check (on the embedded seeds when no paths are given)",
		Long: `Run every check over the documents: repeated and shared text, claims and citations.
PATHS are files or directories (walked recursively for .txt, .md and .html files);
"-" reads standard input. With no PATHS, the embedded seed corpus is checked.`,
		Example: `  crosscheck check
  crosscheck check report.md translation.html
  crosscheck check docs/ --exclude 'drafts/**' --format json --output findings.json
  crosscheck check --fail-on error --format github docs/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.useArchive(cmd, set.repeat.Options); err != nil {
				return err
			}
			if err := a.useResultCache(cmd); err != nil {
				return err
			}
			docs, err := a.useSources(cmd.Context(), &set)
			if err != nil {
				return err
			}
			return a.review(cmd.Context(), args, set.all(), docs)
		},
	}
	set.allFlags(cmd.Flags())
	a.againstFlag(cmd.Flags())
	a.resultCacheFlag(cmd.Flags())
	return cmd
}

// allFlags binds the options of every analyzer that check runs.
func (s *analyzerSet) allFlags(f *pflag.FlagSet) {
	s.sourceFlags(f)
	s.repeatFlags(f)
	s.claimFlags(f)
	s.boilerplateFlags(f)
}

func (a *app) explainCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "explain [ID]",
		Short: "Explain what a check reports (all checks when no ID is given)",
		Args:  cobra.MaximumNArgs(1),
		Example: `  crosscheck explain
  crosscheck explain repeat.stutter
  crosscheck explain cite      # every check whose ID starts with "cite"`,
		RunE: func(cmd *cobra.Command, args []string) error {
			checks := allChecks()
			if len(args) == 0 {
				for _, c := range checks {
					fmt.Fprintf(a.stdout, "%-34s %-7s  %s\n", c.ID, c.Severity, c.Title)
				}
				return nil
			}
			id := args[0]
			var match []*compare.Check
			for _, c := range checks {
				if c.ID == id || strings.HasPrefix(c.ID, id+".") {
					match = append(match, c)
				}
			}
			if len(match) == 0 {
				return usagef("no check %q; 'crosscheck explain' lists them", id)
			}
			for i, c := range match {
				if i > 0 {
					fmt.Fprintln(a.stdout)
				}
				fmt.Fprintf(a.stdout, "%s: %s\nDefault severity: %s\n\n%s\n", c.ID, c.Title, c.Severity, wrapText(c.Help, 78))
			}
			return nil
		},
	}
}

// wrapText folds a paragraph to the given width.
func wrapText(s string, width int) string {
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(s) {
		if n > 0 && n+1+len([]rune(w)) > width {
			b.WriteByte('\n')
			n = 0
		} else if n > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += len([]rune(w))
	}
	return b.String()
}
