package claims

import (
	"cmp"
	"context"
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/crosscheck/crosscheck/compare"
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
	pending := make([][]overlapPair, workers)
	perClause := make([]clauseCount, workers) // contradictions of the clause a worker is on
	lim := newLimits()
	k, err := x.scan(ctx, func(w, ch int, a, b int32, m *Match) {
		if m.Kind != "overlap" {
			if m.Confidence < opt.MinConfidence {
				return
			}
			if c := &perClause[w]; c.b != b || c.n == 0 {
				*c = clauseCount{b, 0}
			}
			if perClause[w].n >= maxContradictions {
				lim.cutContradiction(x, b)
				return
			}
			perClause[w].n++
			contra[ch] = append(contra[ch], clausePair{a, b})
			return
		}
		if g == nil {
			return
		}
		pending[w] = append(pending[w], overlapPair{a, b, m.Score})
		if len(pending[w]) >= overlapBatch {
			g.add(pending[w])
			pending[w] = pending[w][:0]
		}
	}, func(b int32, n int) { lim.cutCandidates(x, b, n) })
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
			g.add(p)
		}
		if err := g.report(ctx, report); err != nil {
			return err
		}
	}
	lim.report(x, report)
	return nil
}

// maxContradictions is the most contradictions reported against one
// clause (as the second of the pair). Real prose has at most three (all of
// pan13 and Gibbon read together); a text that says one thing and its
// opposite hundreds of times ("The rink is full. The rink is empty. …")
// would otherwise make a finding of every pair.
const maxContradictions = 8

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

// overlapPair is an overlap between clauses a and b (clause numbers).
type overlapPair struct {
	a, b  int32
	score float64
}

// overlapGroups joins the clauses that make the same claim into groups as
// scan's workers find overlaps, in whatever order they find them: the
// groups, each group's best score and the order of documents in a group
// depend only on the set of overlaps, so the findings are the same every
// time.
type overlapGroups struct {
	x      *index
	mu     sync.Mutex
	parent []int32           // by clause: -1 in no group; a root is its own parent
	best   map[int32]float64 // by root: the highest score of an overlap in its group
	// first is, by document, the earliest overlap in Compare's order that
	// names it (b<<33 | a<<1 | 1 when it is b's document), or MaxUint64:
	// Findings orders the documents of a group by it.
	first []uint64
}

func newOverlapGroups(x *index) *overlapGroups {
	g := &overlapGroups{x: x, parent: make([]int32, x.total()), best: map[int32]float64{},
		first: make([]uint64, len(x.docs))}
	for i := range g.parent {
		g.parent[i] = -1
	}
	for i := range g.first {
		g.first[i] = math.MaxUint64
	}
	return g
}

// add joins the clauses of each pair.
func (g *overlapGroups) add(ps []overlapPair) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, p := range ps {
		key := uint64(p.b)<<33 | uint64(p.a)<<1
		da, _ := g.x.clauseAt(p.a)
		db, _ := g.x.clauseAt(p.b)
		g.first[da] = min(g.first[da], key)
		g.first[db] = min(g.first[db], key|1)
		ra, rb := g.root(p.a), g.root(p.b)
		if ra != rb {
			if ra > rb {
				ra, rb = rb, ra
			}
			g.parent[rb] = ra
			if b, ok := g.best[rb]; ok {
				g.best[ra] = max(g.best[ra], b)
				delete(g.best, rb)
			}
		}
		g.best[ra] = max(g.best[ra], p.score)
	}
}

// root returns the root of c's group, making c a group of its own when it
// was in none, and shortening the path to the root.
func (g *overlapGroups) root(c int32) int32 {
	if g.parent[c] < 0 {
		g.parent[c] = c
		return c
	}
	r := c
	for g.parent[r] != r {
		r = g.parent[r]
	}
	for g.parent[c] != r {
		c, g.parent[c] = g.parent[c], r
	}
	return r
}

// report makes one finding per group, in order of the group's lowest
// clause number, and hands it to report.
func (g *overlapGroups) report(ctx context.Context, report func(compare.Finding)) error {
	x := g.x
	// the members of each group, in clause order, one run per group
	type member struct{ root, clause int32 }
	var members []member
	for c := int32(0); c < x.total(); c++ {
		if g.parent[c] >= 0 {
			members = append(members, member{g.root(c), c})
		}
	}
	slices.SortFunc(members, func(a, b member) int {
		if a.root != b.root {
			return cmp.Compare(a.root, b.root)
		}
		return cmp.Compare(a.clause, b.clause)
	})
	// documents in the order Findings gives them: of their first overlap
	order := make([]int, len(x.docs))
	byFirst := make([]int, len(x.docs))
	for i := range byFirst {
		byFirst[i] = i
	}
	slices.SortStableFunc(byFirst, func(i, j int) int {
		switch {
		case g.first[i] < g.first[j]:
			return -1
		case g.first[i] > g.first[j]:
			return 1
		}
		return 0
	})
	for rank, d := range byFirst {
		order[d] = rank
	}
	var refs []ClauseRef
	var docs []int
	for i := 0; i < len(members); {
		r := members[i].root
		j := i + 1
		for j < len(members) && members[j].root == r {
			j++
		}
		group := members[i:j]
		i = j
		if err := ctx.Err(); err != nil {
			return err
		}
		refs, docs = refs[:0], docs[:0]
		for _, m := range group {
			c := m.clause
			d, k := x.clauseAt(c)
			dc := x.docs[d]
			si := int(dc.clauses[k].sent)
			refs = append(refs, ClauseRef{dc, si, k - int(dc.sents[si].clauses)})
			docs = append(docs, d)
		}
		sortRefs(refs, docs, order)
		report(groupFinding(refs, g.best[r]))
	}
	return nil
}

// sortRefs puts a group's clauses (in clause-number order, docs[i] the
// document of refs[i]) in Findings' order: by document, in the order
// given, then by place in the document.
func sortRefs(refs []ClauseRef, docs []int, order []int) {
	idx := make([]int, len(refs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(i, j int) int {
		a, b := refs[i].Doc, refs[j].Doc
		if a == b {
			return 0
		}
		if oa, ob := order[docs[i]], order[docs[j]]; oa != ob {
			return oa - ob
		}
		switch {
		case a.Doc.Path < b.Doc.Path:
			return -1
		case a.Doc.Path > b.Doc.Path:
			return 1
		}
		return 0
	})
	sorted := make([]ClauseRef, len(refs))
	for i, k := range idx {
		sorted[i] = refs[k]
	}
	copy(refs, sorted)
}
