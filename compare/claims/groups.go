package claims

import (
	"cmp"
	"context"
	"runtime"
	"slices"
	"sort"
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
// Copies of a clause are compared once, as their original (see
// findCopies). A clause gets at most maxContradictions contradictions;
// those left out, and the candidates maxPhraseWalk leaves out, are
// reported per document (CheckLimit).
func analyze(ctx context.Context, dcs []*DocClaims, opt Options, report func(compare.Finding)) error {
	x, err := candidateIndex(dcs, true)
	if x == nil {
		return err
	}
	var g *overlapGroups
	if !opt.NoOverlap {
		g = newOverlapGroups(x)
	}
	workers := runtime.GOMAXPROCS(0)
	contra := make([][]clausePair, workers)
	pending := make([][]groups.Pair, workers)
	marks := make([][]groups.Pair, workers) // originals with copies (A) that overlap another clause
	join := func(w int, a, b int32, score float64) {
		if g == nil {
			return
		}
		pending[w] = append(pending[w], overlapPair(min(a, b), max(a, b), score))
		if len(pending[w]) >= overlapBatch {
			g.Join(pending[w])
			pending[w] = pending[w][:0]
		}
	}
	lim := newLimits(x)
	k, err := x.scan(ctx, func(k *comparer, w, ch int, a, b int32, m *Match) {
		if m.Kind == "overlap" {
			join(w, a, b, m.Score)
			for _, r := range [2]int32{a, b} {
				if x.copies.HasCopies(r, r) {
					marks[w] = append(marks[w], groups.Pair{A: r, Score: m.Score})
				}
			}
			return
		}
		if !x.copies.HasCopies(a, b) {
			if m.Confidence >= opt.MinConfidence {
				contra[w] = append(contra[w], clausePair{a, b})
			}
			return
		}
		// a contradiction, or nothing because of where the clauses are:
		// every pair of copies, compared as itself
		x.copies.EachPair(a, b, x.sameSentence, func(p, q int32) {
			dq, kq := x.clauseAt(q)
			switch mm := k.match(p, q, sideAt(x.docs[dq], kq)); {
			case mm.Kind == "overlap":
				join(w, p, q, mm.Score)
			case mm.Kind != "" && mm.Confidence >= opt.MinConfidence:
				contra[w] = append(contra[w], clausePair{p, q})
			}
		})
	}, func(b int32, n int) { lim.Cut(b, 0, n) })
	if err != nil {
		return err
	}
	// the contradictions, in Compare's order (by b, then a), at most
	// maxContradictions against one clause, compared again (the
	// comparison gives the same verdict every time)
	var all []clausePair
	for _, c := range contra {
		all = append(all, c...)
	}
	contra = nil
	slices.SortFunc(all, func(p, q clausePair) int {
		if p.b != q.b {
			return cmp.Compare(p.b, q.b)
		}
		return cmp.Compare(p.a, q.a)
	})
	all = slices.Compact(all)
	for i, p := range all {
		if err := ctx.Err(); err != nil {
			return err
		}
		if n := i - sort.Search(i, func(j int) bool { return all[j].b >= p.b }); n >= maxContradictions {
			lim.Cut(p.b, 1, 0)
			continue
		}
		db, kb := x.clauseAt(p.b)
		report(contradictionFinding(k.match(p.a, p.b, sideAt(x.docs[db], kb))))
	}
	all = nil
	if g != nil {
		for w, p := range pending {
			g.Join(p)
			pending[w] = nil
		}
		g.joinCopies(k, marks)
		if err := g.report(ctx, report); err != nil {
			return err
		}
	}
	lim.Report(report, x.limitPlace)
	return nil
}

// joinCopies puts the copies of each original in its group: those of an
// original that overlaps its copy (compared once), and those of one that
// overlaps another clause (marks), which every copy overlaps too.
func (g *overlapGroups) joinCopies(k *comparer, marks [][]groups.Pair) {
	x := g.x
	best := groups.Best(marks)
	var ps []groups.Pair
	var terms []uint32
	var phrases []uint64
	for _, r := range x.copies.Originals() {
		cs := x.copies.Of(r)
		score, ok := best[r]
		// the copy is compared with its original only where the index
		// would have made them candidates
		dr, kr := x.clauseAt(r)
		terms = x.clauseTerms(x.docs[dr], &x.docs[dr].clauses[kr], false, terms)
		phrases = x.clausePhrases(x.docs[dr], &x.docs[dr].clauses[kr], phrases)
		if x.FindsCopies(terms, phrases) && !x.sameSentence(r, cs[0]) {
			dc, kc := x.clauseAt(cs[0])
			if m := k.match(r, cs[0], sideAt(x.docs[dc], kc)); m.Kind == "overlap" {
				score, ok = max(score, m.Score), true
			}
		}
		if !ok {
			continue
		}
		for _, c := range cs {
			ps = append(ps, overlapPair(r, c, score))
		}
	}
	g.Join(ps)
}

// sameSentence reports whether clauses p and q are of one sentence.
func (x *index) sameSentence(p, q int32) bool {
	dp, kp := x.clauseAt(p)
	dq, kq := x.clauseAt(q)
	return dp == dq && x.docs[dp].clauses[kp].sent == x.docs[dq].clauses[kq].sent
}

// maxContradictions is the most contradictions reported against one
// clause (see checks.MaxContradictions).
const maxContradictions = checks.MaxContradictions

// clausePair is a pair of clauses, by clause number: a before b.
type clausePair struct{ a, b int32 }

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
