package main

import (
	"context"
	"sort"
	"strings"

	"github.com/crosscheck/crosscheck/citations"
	"github.com/crosscheck/crosscheck/cmd/crosscheck/report"
	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/reuse"
)

// maxComparedWords bounds each side of a side-by-side word diff: past it
// the report shows the two texts without a diff rather than spend seconds.
const maxComparedWords = 20000

// addReportExtras computes what the HTML report shows beyond the findings
// (report.NeedsExtras): the passages every pair of documents shares, word
// diffs of findings' related places, and the citations table. Renderers
// never analyse; this is where the analysis for them happens.
func (a *app) addReportExtras(ctx context.Context, res *report.Result, sources []*compare.Document) error {
	pairs, err := reportPairs(ctx, res.Docs, a.pairOptions)
	if err != nil {
		return err
	}
	res.Pairs = pairs
	res.Comparisons = reportComparisons(ctx, res.Docs, res.Findings)
	if err := ctx.Err(); err != nil {
		return err
	}
	lib := a.library
	if lib == nil && len(sources) > 0 {
		lib = citations.NewLibrary(sources)
	}
	res.Citations = reportCitations(res.Docs, res.Findings, lib)
	return ctx.Err()
}

// reportPairs aligns every pair of documents (reuse.Align proposes the
// pairs worth aligning) and measures how much of the shorter one the
// shared passages cover.
func reportPairs(ctx context.Context, docs []*compare.Document, opt reuse.Options) ([]report.Pair, error) {
	aligned, err := reuse.Align(ctx, docs, opt)
	if err != nil {
		return nil, err
	}
	out := make([]report.Pair, 0, len(aligned))
	for _, pr := range aligned {
		a, b := docs[pr.A], docs[pr.B]
		p := report.Pair{A: pr.A, B: pr.B}
		for _, ps := range pr.Passages {
			p.SharedWords += ps.Matched
			p.Passages = append(p.Passages, report.Passage{
				A: a.Orig(ps.A), B: b.Orig(ps.B),
				SharedWords: ps.Matched, WordsA: ps.WordsA, WordsB: ps.WordsB, Similarity: ps.Similarity,
				Diff: origOps(reuse.Diff(a, b, ps, 0), a, b),
			})
		}
		if shorter := min(len(a.Tokens), len(b.Tokens)); shorter > 0 {
			p.Coverage = min(1, float64(p.SharedWords)/float64(shorter))
		}
		out = append(out, p)
	}
	return out, nil
}

// compared reports whether a related place of a finding is worth setting
// beside it: copies, claims and quoted sources. A stutter's copies
// touch; a note's related places are labels; an aligned passage is in
// its pair view already.
func compared(c *compare.Check, role string) bool {
	if strings.HasPrefix(role, "value") { // a claim's value: a part of the claim, not another place
		return false
	}
	// align.passage findings are the passages Pairs already shows.
	id := c.ID
	return id == reuse.CheckRepeatPassage.ID || strings.HasPrefix(id, "claims.") || id == citations.CheckQuoteMismatch.ID
}

// reportComparisons diffs each compared finding against its related places,
// the earlier place (by document order, then offset) on the left.
func reportComparisons(ctx context.Context, docs []*compare.Document, fs []compare.Finding) []report.Comparison {
	order := make(map[*compare.Document]int, len(docs))
	for i, d := range docs {
		order[d] = i
	}
	rank := func(l compare.Location) [2]int {
		i, ok := order[l.Doc]
		if !ok {
			i = len(docs) // a source: after the documents
		}
		return [2]int{i, l.Span.Start}
	}
	var out []report.Comparison
	for i, f := range fs {
		if i%256 == 0 && ctx.Err() != nil {
			return nil
		}
		for k, rel := range f.Related {
			if !compared(f.Check, rel.Role) {
				continue
			}
			left, right := rel.Location, f.Location
			if ra, rb := rank(f.Location), rank(rel.Location); ra[0] < rb[0] || ra[0] == rb[0] && ra[1] < rb[1] {
				left, right = f.Location, rel.Location
			}
			c := report.Comparison{Finding: i, Related: k, Left: left, Right: right}
			ls, rs := left.Doc.TextSpan(left.Span), right.Doc.TextSpan(right.Span)
			if wordsIn(left.Doc, ls) <= maxComparedWords && wordsIn(right.Doc, rs) <= maxComparedWords {
				c.Diff = origOps(compare.WordDiff(left.Doc, ls, right.Doc, rs, 0), left.Doc, right.Doc)
			}
			out = append(out, c)
		}
	}
	return out
}

func wordsIn(d *compare.Document, s compare.Span) int {
	return d.TokenAt(s.End) - d.TokenAt(s.Start)
}

// origOps turns diff steps over Text into steps over original bytes.
func origOps(ops []compare.DiffOp, a, b *compare.Document) []report.DiffOp {
	out := make([]report.DiffOp, len(ops))
	for i, op := range ops {
		out[i] = report.DiffOp{Op: op.Op, Left: a.Orig(op.A), Right: b.Orig(op.B)}
	}
	return out
}

// reportCitations lists every citation of every document with the cite.*
// findings that lie on it, or on the quotation its note backs (after
// ignore directives and --checks, so the table agrees with the findings
// shown).
func reportCitations(docs []*compare.Document, fs []compare.Finding, lib *citations.Library) []report.CitationRow {
	isSource := map[*compare.Document]bool{}
	for _, d := range lib.Docs() {
		isSource[d] = true
	}
	byDoc := map[*compare.Document][]compare.Finding{}
	for _, f := range fs {
		if strings.HasPrefix(f.Check.ID, "cite.") {
			byDoc[f.Doc] = append(byDoc[f.Doc], f)
		}
	}
	var out []report.CitationRow
	for i, d := range docs {
		if isSource[d] {
			continue
		}
		for _, e := range citations.Entries(d, lib) {
			at := d.Orig(e.Citation.Span)
			row := report.CitationRow{Doc: i, Note: e.Note.Label, At: at, Kind: e.Citation.Kind.String(),
				Reference: compare.Shorten(strings.Join(strings.Fields(d.TextOf(e.Citation.Span)), " "), 300),
				Target:    e.Target}
			if s := e.Source; s != nil {
				switch {
				case s.Doc != nil:
					row.Source = s.Doc.Path
				case s.File != "":
					row.Source = s.File
				default:
					row.Source = s.Key
				}
			}
			seen := map[string]bool{}
			for _, f := range byDoc[d] {
				// a quotation's findings lie on the quotation and name its note
				onNote := strings.HasPrefix(f.Check.ID, "cite.quote") && f.Details["note"] == e.Note.Label
				if (f.Span.Overlaps(at) || at.Contains(f.Span) || onNote) && !seen[f.Check.ID] {
					seen[f.Check.ID] = true
					row.Checks = append(row.Checks, f.Check.ID)
				}
			}
			sort.Strings(row.Checks)
			out = append(out, row)
		}
	}
	return out
}
