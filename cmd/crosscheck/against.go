package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/index"
	"github.com/crosscheck/crosscheck/compare/input"
	"github.com/crosscheck/crosscheck/compare/reuse"
)

// maxArchived is the most archived documents one run reads again: those
// sharing the most fingerprints with the documents under review.
const maxArchived = 200

// CheckArchiveStale reports an archived document that could not be
// compared because its file changed since it was indexed.
var CheckArchiveStale = &compare.Check{
	ID:       "index.stale",
	Title:    "Archived document changed since it was indexed",
	Severity: compare.Warning,
	Help: `The index (--against) says that this passage shares fingerprints with an archived ` +
		`document, but the file it was indexed from has changed since (its content hash differs) or ` +
		`can no longer be read, so it was not compared: the finding names it and how many ` +
		`fingerprints were shared. Index the file again ('crosscheck index add PATH'), or remove it ` +
		`from the index ('crosscheck index remove PATH').`,
}

// archiveChecks are the checks the archive reports, for allChecks.
var archiveChecks = []*compare.Check{CheckArchiveStale}

// againstFlag binds --against on a command that compares documents.
func (a *app) againstFlag(f *pflag.FlagSet) {
	f.StringVar(&a.against, "against", "", "also compare the documents with the archive in this index (a file path or a postgres:// URL) made by 'crosscheck index add'")
}

// archive is what --against adds to a run: the archived documents that
// share fingerprints with the documents under review, read again from
// their files, and the stale ones that could not be.
type archive struct {
	given map[*compare.Document]bool
	docs  []*compare.Document // the archived documents read
	stale []staleMatch
}

// staleMatch is an archived document that shares fingerprints with a
// document under review but was not compared.
type staleMatch struct {
	doc    *compare.Document // under review
	at     compare.Span      // its first shared fingerprint, in Text
	path   string            // the archived file
	shared int
	why    string
}

// useArchive resolves --against for a command whose passages are
// aligned with opt; openArchive then uses it.
func (a *app) useArchive(cmd *cobra.Command, opt reuse.Options) error {
	if a.against == "" {
		return nil
	}
	where, err := a.indexLocation(cmd, "against", a.against)
	if err != nil {
		return err
	}
	a.againstWhere, a.archiveOptions = where, opt
	return nil
}

// openArchive looks the documents up in the --against index and reads
// the archived documents that share fingerprints with them. It is nil
// when --against is not given. The alignment options of the command
// decide how many fingerprints a candidate must share.
func (a *app) openArchive(ctx context.Context, docs []*compare.Document, budget compare.Budget) (*archive, error) {
	if a.againstWhere == "" {
		return nil, nil
	}
	opt := a.archiveOptions
	ix, err := a.openIndex(ctx, a.againstWhere, false)
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	ar := &archive{given: map[*compare.Document]bool{}}
	givenHash := map[string]bool{}
	givenPath := map[string]bool{}
	for _, d := range docs {
		ar.given[d] = true
		sum := sha256.Sum256(d.Raw)
		givenHash[string(sum[:])] = true
		if abs, err := filepath.Abs(d.Path); err == nil {
			givenPath[abs] = true
		}
	}
	// As Align: two shared fingerprints when a passage must be long
	// enough to hold two, else one.
	seed := ix.SeedWords()
	minShared := 1
	if min := opt.MinWords; (min == 0 && reuse.DefaultMinWords >= seed+2*reuse.WinnowWindow-1) || min >= seed+2*reuse.WinnowWindow-1 {
		minShared = 2
	}
	type found struct {
		cand  index.Candidate
		doc   *compare.Document
		at    compare.Span
		score int
	}
	byID := map[int64]*found{}
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		fps := reuse.Fingerprints(d, reuse.Options{SeedWords: seed})
		keys := make([]uint32, len(fps))
		for i, fp := range fps {
			keys[i] = index.Key(fp.Hash)
		}
		cands, _, err := ix.Candidates(ctx, keys, index.LookupOptions{MinShared: minShared, Limit: maxArchived})
		if err != nil {
			return nil, err
		}
		for _, c := range cands {
			if givenHash[string(c.ContentHash)] || slices.ContainsFunc(c.Paths, func(p string) bool { return givenPath[p] }) {
				continue // the document itself, as indexed or since edited
			}
			if f, ok := byID[c.ID]; ok && f.score >= c.Shared {
				continue
			}
			t := fps[c.Keys[0]].Token
			at := compare.Span{Start: d.Tokens[t].Start(), End: d.Tokens[min(len(d.Tokens)-1, t+seed-1)].End()}
			byID[c.ID] = &found{cand: c, doc: d, at: at, score: c.Shared}
		}
	}
	list := make([]*found, 0, len(byID))
	for _, f := range byID {
		list = append(list, f)
	}
	slices.SortFunc(list, func(x, y *found) int {
		if x.score != y.score {
			return y.score - x.score
		}
		return int(x.cand.ID - y.cand.ID)
	})
	if len(list) > maxArchived {
		a.notef("%d archived documents share text with these; only the %d sharing most are compared", len(list), maxArchived)
		list = list[:maxArchived]
	}
	lopt := a.loadOptions(budget)
	lopt.Include, lopt.Exclude = nil, nil
	for _, f := range list {
		d, why := readArchived(ctx, f.cand.Doc, lopt)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if d == nil {
			ar.stale = append(ar.stale, staleMatch{doc: f.doc, at: f.at, path: displayPath(f.cand.Paths[0]), shared: f.score, why: why})
			continue
		}
		// Fingerprints shared by chance (common phrases, the rare equal
		// 32-bit key) propose documents that share no passage: align the
		// pair first, so that every check does not read them.
		if a.archiveAll || slices.ContainsFunc(docs, func(g *compare.Document) bool { return len(reuse.AlignPair(g, d, opt)) > 0 }) {
			ar.docs = append(ar.docs, d)
		}
	}
	slices.SortFunc(ar.docs, func(x, y *compare.Document) int { return strings.Compare(x.Path, y.Path) })
	return ar, nil
}

// readArchived reads an archived document again from the first of its
// paths whose content is still what was indexed; otherwise it says why
// none could be used.
func readArchived(ctx context.Context, doc index.Doc, opt input.LoadOptions) (*compare.Document, string) {
	why := "its file can no longer be read"
	for _, p := range doc.Paths {
		name := displayPath(p)
		if _, err := os.Stat(p); err != nil {
			continue
		}
		res := input.Load(ctx, []string{name}, opt)
		if len(res.Docs) != 1 {
			continue
		}
		d := res.Docs[0]
		if sum := sha256.Sum256(d.Raw); !bytes.Equal(sum[:], doc.ContentHash) {
			why = fmt.Sprintf("its file changed since it was indexed (%d bytes then, %d now)", doc.Size, len(d.Raw))
			continue
		}
		return d, ""
	}
	return nil, why
}

// displayPath names an archived file relative to the working folder, as
// a user would name it there.
func displayPath(abs string) string {
	wd, err := os.Getwd()
	if err != nil {
		return abs
	}
	if rel, err := filepath.Rel(wd, abs); err == nil {
		return rel
	}
	return abs
}

// with returns the documents of the run: those under review, then the
// archived ones.
func (ar *archive) with(docs []*compare.Document) []*compare.Document {
	if ar == nil {
		return docs
	}
	return append(slices.Clip(docs), ar.docs...)
}

// analyzers adds the report of stale archived documents.
func (ar *archive) analyzers(as []*compare.Analyzer) []*compare.Analyzer {
	if ar == nil {
		return as
	}
	stale := ar.stale
	return append(slices.Clip(as), &compare.Analyzer{
		Name:   "archive",
		Doc:    "Archived documents that share text with these but could not be compared.",
		Checks: archiveChecks,
		Run: func(ctx context.Context, p *compare.Pass) (any, error) {
			for _, s := range stale {
				f := compare.Newf(CheckArchiveStale, s.doc, s.at, "shares %d fingerprints with archived %s, not compared: %s",
					s.shared, s.path, s.why)
				f.Details = map[string]any{"archived": s.path, "shared_fingerprints": s.shared, "reason": s.why}
				p.Report(f)
			}
			return nil, nil
		},
	})
}

// stage drops findings that concern archived documents alone: the
// archive is compared with the documents under review, not reviewed.
func (ar *archive) stage(next compare.Sink) compare.Sink {
	if ar == nil {
		return next
	}
	return compare.Filter(func(f *compare.Finding) bool {
		if ar.given[f.Doc] {
			return true
		}
		for _, r := range f.Related {
			if ar.given[r.Doc] {
				return true
			}
		}
		return false
	}, next)
}
