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

// reportExtras computes what the HTML report shows beyond the findings
// (report.NeedsExtras): the passages every pair of documents shares, word
// diffs of findings' related places, and the citations table. Renderers
// never analyse; this is where the analysis for them happens, in two
// parts: an analyzer (reporting nothing) that requires the alignment and
// the notes the other analyzers use, run with them; and, as the report is
// written, what depends on the findings it shows (compute).
type reportExtras struct {
	ctx      context.Context
	analyzer *compare.Analyzer
	docs     []*compare.Document
	pairs    []report.Pair
	rows     []report.CitationRow
}

// extrasAnalyzer returns the HTML report's extras for a run; sources are
// the --sources documents, for the citations table.
func (a *app) extrasAnalyzer(ctx context.Context, sources []*compare.Document) *reportExtras {
	x := &reportExtras{ctx: ctx}
	lib := a.library
	if lib == nil && len(sources) > 0 {
		lib = citations.NewLibrary(sources)
	}
	alignment := reuse.AlignmentAnalyzer(a.pairOptions)
	x.analyzer = &compare.Analyzer{
		Name:     "report",
		Doc:      "What the HTML report shows beyond the findings: shared passages of each pair of documents, and every citation.",
		Requires: []*compare.Analyzer{alignment, citations.NotesAnalyzer},
		Run: func(ctx context.Context, p *compare.Pass) (any, error) {
			pairs, err := reportPairs(ctx, p.Docs, p.ResultOf[alignment].(*reuse.Alignment).Pairs)
			if err != nil {
				return nil, err
			}
			x.docs, x.pairs = p.Docs, pairs
			x.rows = citationRows(p.Docs, p.ResultOf[citations.NotesAnalyzer].(*citations.NotesResult), lib)
			return x, ctx.Err()
		},
	}
	return x
}

// compute is the HTML renderer's Options.Extras: the analyzer's results,
// with what depends on the findings shown (after ignore directives,
// --checks, the baseline and the cap, so that the views agree with them).
func (x *reportExtras) compute(fs []compare.Finding) (report.Extras, error) {
	out := report.Extras{Pairs: x.pairs, Comparisons: reportComparisons(x.ctx, x.docs, fs)}
	if err := x.ctx.Err(); err != nil {
		return out, err
	}
	out.Citations = citationChecks(x.docs, x.rows, fs)
	return out, nil
}

// reportPairs measures, for every pair of documents that shares passages
// (as reuse.Align found them), how much of the shorter one the passages
// cover, and diffs each passage's two copies.
func reportPairs(ctx context.Context, docs []*compare.Document, aligned []reuse.Pair) ([]report.Pair, error) {
	out := make([]report.Pair, 0, len(aligned))
	for _, pr := range aligned {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
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

// citationRows lists every citation of every document but the sources,
// from the notes NotesAnalyzer read, matched against lib.
func citationRows(docs []*compare.Document, notes *citations.NotesResult, lib *citations.Library) []report.CitationRow {
	isSource := map[*compare.Document]bool{}
	for _, d := range lib.Docs() {
		isSource[d] = true
	}
	var out []report.CitationRow
	for i, d := range docs {
		if isSource[d] {
			continue
		}
		for _, e := range notes.Of(d).Entries(lib) {
			row := report.CitationRow{Doc: i, Note: e.Note.Label, At: d.Orig(e.Citation.Span), Kind: e.Citation.Kind.String(),
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
			out = append(out, row)
		}
	}
	return out
}

// citationChecks gives each citation row the cite.* findings that lie on
// it, or on the quotation its note backs.
func citationChecks(docs []*compare.Document, rows []report.CitationRow, fs []compare.Finding) []report.CitationRow {
	byDoc := map[*compare.Document][]compare.Finding{}
	for _, f := range fs {
		if strings.HasPrefix(f.Check.ID, "cite.") {
			byDoc[f.Doc] = append(byDoc[f.Doc], f)
		}
	}
	for i := range rows {
		row := &rows[i]
		row.Checks = nil
		seen := map[string]bool{}
		for _, f := range byDoc[docs[row.Doc]] {
			// a quotation's findings lie on the quotation and name its note
			onNote := strings.HasPrefix(f.Check.ID, "cite.quote") && f.Details["note"] == row.Note
			if (f.Span.Overlaps(row.At) || row.At.Contains(f.Span) || onNote) && !seen[f.Check.ID] {
				seen[f.Check.ID] = true
				row.Checks = append(row.Checks, f.Check.ID)
			}
		}
		sort.Strings(row.Checks)
	}
	return rows
}
