package claims

import (
	"context"
	"runtime"
	"slices"
	"strings"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/claims/internal/checks"
	"github.com/crosscheck/crosscheck/compare/claims/internal/groups"
)

// analyze compares the documents' claims and reports what Findings would
// make of Compare's matches, without holding the matches: an overlap
// only joins its two clauses in a group (a union-find over clause
// numbers), so that a claim repeated k times costs k clauses, not k²
// pairs; a contradiction is held as its two clause numbers and compared
// again when reported; findings are handed to report as they are made.
// A clause gets at most maxContradictions contradictions; those left out,
// and the candidates maxPhraseWalk leaves out, are reported per document
// (CheckLimit).
func analyze(ctx context.Context, dcs []*DocClaims, opt Options, report func(compare.Finding)) error {
	x, err := candidateIndex(dcs)
	if x == nil {
		return err
	}
	var g *overlapGroups
	if !opt.NoOverlap {
		g = newOverlapGroups(x)
	}
	workers := runtime.GOMAXPROCS(0)
	contra := make([][]clausePair, x.chunks()) // by chunk, in Compare's order
	pending := make([][]groups.Pair, workers)
	perClause := make([]clauseCount, workers) // contradictions of the clause a worker is on
	lim := newLimits(x)
	k, err := x.scan(ctx, func(w, ch int, a, b int32, m *Match) {
		if m.Kind != "overlap" {
			if m.Confidence < opt.MinConfidence {
				return
			}
			if c := &perClause[w]; c.b != b || c.n == 0 {
				*c = clauseCount{b, 0}
			}
			if perClause[w].n >= maxContradictions {
				lim.cut(b, 1, 0)
				return
			}
			perClause[w].n++
			contra[ch] = append(contra[ch], clausePair{a, b})
			return
		}
		if g == nil {
			return
		}
		pending[w] = append(pending[w], overlapPair(a, b, m.Score))
		if len(pending[w]) >= overlapBatch {
			g.Join(pending[w])
			pending[w] = pending[w][:0]
		}
	}, func(b int32, n int) { lim.cut(b, 0, n) })
	if err != nil {
		return err
	}
	// the contradictions, compared again (the comparison gives the same
	// verdict every time), in Compare's order
	for _, c := range contra {
		if err := ctx.Err(); err != nil {
			return err
		}
		for _, p := range c {
			db, kb := x.clauseAt(p.b)
			report(contradictionFinding(k.match(p.a, p.b, sideAt(x.docs[db], kb))))
		}
	}
	contra = nil
	if g != nil {
		for _, p := range pending {
			g.Join(p)
		}
		if err := g.report(ctx, report); err != nil {
			return err
		}
	}
	lim.report(report)
	return nil
}

// maxContradictions is the most contradictions reported against one
// clause (see checks.MaxContradictions).
const maxContradictions = checks.MaxContradictions

// clausePair is a pair of clauses, by clause number: a before b.
type clausePair struct{ a, b int32 }

// clauseCount counts the contradictions found against clause b.
type clauseCount struct {
	b int32
	n int
}

// overlapBatch is how many overlapping pairs a worker holds before it
// joins them into the groups, under the groups' lock.
const overlapBatch = 4096

// overlapGroups joins the clauses (by clause number) that make the same
// claim into groups as scan's workers find overlaps, in whatever order
// they find them; each clause is in the set of its document.
type overlapGroups struct {
	*groups.Groups
	x *index
}

func newOverlapGroups(x *index) *overlapGroups {
	return &overlapGroups{groups.New(int(x.total()), len(x.docs), func(c int32) int { d, _ := x.clauseAt(c); return d }), x}
}

// overlapPair is an overlap of clauses a < b, ordered as Compare lists it.
func overlapPair(a, b int32, score float64) groups.Pair {
	return groups.Pair{A: a, B: b, Score: score, Key: uint64(b)<<32 | uint64(a)}
}

// report makes one finding per group, in order of the group's lowest
// clause number, and hands it to report.
func (g *overlapGroups) report(ctx context.Context, report func(compare.Finding)) error {
	x := g.x
	order := g.SetOrder()
	rank := make(map[*DocClaims]int, len(x.docs))
	for d, dc := range x.docs {
		rank[dc] = order[d]
	}
	var refs []ClauseRef
	return g.Each(func(members []int32, best float64) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		refs = refs[:0]
		for _, c := range members {
			d, k := x.clauseAt(c)
			refs = append(refs, x.docs[d].ref(k))
		}
		sortRefs(refs, rank)
		report(groupFinding(refs, best))
		return nil
	})
}

// ref names clause k of the document (an index in its clauses).
func (dc *DocClaims) ref(k int) ClauseRef {
	si := int(dc.clauses[k].sent)
	return ClauseRef{dc, si, k - int(dc.sents[si].clauses)}
}

// sortRefs puts a group's clauses in Findings' order: by document, in the
// order rank gives them (then by path), then by place in the document.
func sortRefs(refs []ClauseRef, rank map[*DocClaims]int) {
	slices.SortFunc(refs, func(a, b ClauseRef) int {
		if a.Doc != b.Doc {
			if ra, rb := rank[a.Doc], rank[b.Doc]; ra != rb {
				return ra - rb
			}
			return strings.Compare(a.Doc.Doc.Path, b.Doc.Doc.Path)
		}
		if a.Sentence != b.Sentence {
			return a.Sentence - b.Sentence
		}
		return a.Clause - b.Clause
	})
}
