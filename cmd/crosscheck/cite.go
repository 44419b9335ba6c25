package main

import (
	"context"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/crosscheck/crosscheck/citations"
	"github.com/crosscheck/crosscheck/compare"
)

// citations returns the citation analyzer bound to the set's options.
func (s *analyzerSet) citations() []*compare.Analyzer {
	return []*compare.Analyzer{citations.Analyzer(s.cite)}
}

const sourcesFlagHelp = "sources the citations may name: documents (files or directories) and manifests (sources.toml, *.bib)"

// loadSources reads --sources into a library; nil when none were given.
func (a *app) loadSources(ctx context.Context, paths []string, opt citations.LibraryOptions) (*citations.Library, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	files, err := a.files("the source")
	if err != nil {
		return nil, err
	}
	return orCancel(ctx, func() (*citations.Library, error) {
		return citations.LoadLibrary(ctx, files, paths, opt)
	})
}

func (a *app) citeCommand() *cobra.Command {
	var set analyzerSet
	cmd := &cobra.Command{
		Use:   "cite [PATHS…] [--sources DIR|FILE…]",
		Short: "Check notes and citations: markers, ibid./op. cit., sources and quotations",
		Long: `Check the notes of the documents and what they cite:

  - note markers without notes, notes without markers, notes defined twice, and
    numbering gaps (numbering may restart per chapter), in every common syntax:
    <sup>12</sup>, [12] with "[12] …" lines in a notes section, Pandoc [^id],
    Project Gutenberg [Footnote 12: …], HTML noteref/footnote links, LaTeX \footnote;
  - short forms resolved per Chicago and Bluebook: Ibid./Id. after a note citing
    several works or nothing, op. cit./loc. cit. without an earlier full citation,
    supra note N pointing at the wrong note;
  - with --sources, each cited work matched to an available source, and each
    quotation followed by a note marker compared word by word with its source.

A manifest names sources that titles and file names alone do not match:

  # sources.toml
  [[source]]
  key = "jiang2001"
  title = "Full Text of Jiang Zemin Speech at Moscow University"
  author = "Jiang Zemin"
  file = "jiang-moscow.txt"      # relative to the manifest

or a BibTeX file whose entries have "file" fields.`,
		Example: `  crosscheck cite thesis.md
  crosscheck cite chapters/ --sources sources/
  crosscheck cite article.html --sources refs.bib --sources pdf-texts/ --format json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			docs, err := a.useSources(cmd.Context(), &set)
			if err != nil {
				return err
			}
			if a.memoryBudget > 0 {
				a.memoryBudget = citeMemoryBudget
			}
			return a.review(cmd.Context(), args, set.citations(), docs)
		},
	}
	set.sourceFlags(cmd.Flags())
	return cmd
}

// sourceFlags binds --sources, for every command that checks citations.
func (s *analyzerSet) sourceFlags(f *pflag.FlagSet) {
	f.StringSliceVar(&s.sources, "sources", nil, sourcesFlagHelp)
	markPath(f, "sources")
	f.BoolVar(&s.sourcesOutside, sourcesOutsideFlag, false, "let sources.toml and BibTeX files name files outside their own folder (refused by default: a manifest in a pull request could name any file)")
}

// sourcesOutsideFlag lets manifests name files outside their folder.
const sourcesOutsideFlag = "allow-outside-sources"

// useSources reads --sources into the citation analyzer's library (and the
// report's) and returns the source documents.
func (a *app) useSources(ctx context.Context, s *analyzerSet) ([]*compare.Document, error) {
	lib, err := a.loadSources(ctx, s.sources, citations.LibraryOptions{AllowOutside: s.sourcesOutside, Flag: "--" + sourcesOutsideFlag})
	if err != nil {
		return nil, err
	}
	s.cite.Library = lib
	a.library = lib
	return lib.Docs(), nil
}
