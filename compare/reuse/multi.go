package reuse

import (
	"context"
	"math/bits"
	"slices"
	"sync"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/reuse/internal/gram"
	"github.com/crosscheck/crosscheck/compare/reuse/internal/parallel"
)

// winnowWindow is the winnowing window of the candidate index: in every
// winnowWindow consecutive fingerprints of a document at least one is kept,
// so any shared run of SeedWords+winnowWindow-1 words shares a kept one.
const winnowWindow = 4

// Pair is what two of the documents given to Align share.
type Pair struct {
	A, B     int // indices into the documents, A < B
	Passages []Passage
}

// Align finds the passages shared by any two of docs without comparing all
// pairs: winnowed fingerprints of every document go into one sorted index,
// and only pairs that share enough of them are aligned, in parallel.
// Fingerprints found in more than opt.MaxDocs documents are boilerplate and
// seed nothing. Documents that are near-copies of an earlier one (groups of
// at least MinVersions versions, see AlignVersions) are aligned with that
// one, their representative, only; they stay out of the index, where the
// representative stands for them. Pairs come back ordered by (A, B);
// pairs sharing nothing are left out. Documents are not aligned with
// themselves: see SelfAlign.
func Align(ctx context.Context, docs []*compare.Document, opt Options) ([]Pair, error) {
	a, err := alignAll(ctx, docs, opt)
	return a.pairs, err
}

// AlignVersions is Align, also returning the groups of near-copies: for
// each group, the pairs of its representative with each member are among
// the pairs.
func AlignVersions(ctx context.Context, docs []*compare.Document, opt Options) ([]Pair, []VersionGroup, error) {
	a, err := alignAll(ctx, docs, opt)
	return a.pairs, a.groups, err
}

// PairLimit is the Limit of the alignment of documents A and B (indices
// into the documents; A == B for a document aligned with itself).
type PairLimit struct {
	A, B int
	Limit
}

// aligned is what alignAll returns.
type aligned struct {
	pairs  []Pair
	limits []PairLimit  // the pairs whose alignment was thinned, in order
	skip   *gram.Filter // nil when there is none: fewer than three documents, or no phrase common enough
	// partners lists the documents with more partners than were aligned.
	partners []PartnerLimit
	// groups are the near-copies, aligned with their representatives only.
	groups []VersionGroup
}

// alignAll is Align, also returning the boilerplate filter and how the
// alignments were thinned.
func alignAll(ctx context.Context, docs []*compare.Document, opt Options) (aligned, error) {
	opt = opt.withDefaults()
	if len(docs) < 2 {
		return aligned{}, nil
	}
	// Two documents are one pair: no index needed, and no phrase can be
	// common to more than two of them.
	cands, skip := [][2]int32{{0, 1}}, (*gram.Filter)(nil)
	var partners []PartnerLimit
	var groups []VersionGroup
	versions := 0 // the pairs of a representative with a member, last in cands
	if len(docs) > 2 {
		fps, sketches, err := docFingerprints(ctx, docs, opt)
		if err != nil {
			return aligned{}, err
		}
		if groups, err = versionGroups(ctx, docs, sketches, opt); err != nil {
			return aligned{}, err
		}
		// The index holds every document but the members of groups.
		member := make([]bool, len(docs))
		for _, g := range groups {
			for _, m := range g.Members {
				member[m] = true
			}
		}
		indexed := make([]int32, 0, len(docs))
		for d := range docs {
			if !member[d] {
				indexed = append(indexed, int32(d))
			}
		}
		if cands, skip, partners, err = candidatePairs(ctx, docs, indexed, fps, opt); err != nil {
			return aligned{}, err
		}
		for _, g := range groups {
			for _, m := range g.Members {
				cands = append(cands, [2]int32{int32(g.Rep), int32(m)})
				versions++
			}
		}
	}
	results := make([]Pair, len(cands))
	limits := make([]Limit, len(cands))
	err := parallel.For(ctx, len(cands), opt.Workers, func(i int) {
		c := cands[i]
		// Versions are aligned in full: what the collection has in common
		// is part of what they share.
		filter := skip
		if i >= len(cands)-versions {
			filter = nil
		}
		ps, lim := alignSides(ctx, wholeSide(docs[c[0]]), wholeSide(docs[c[1]]), false, opt, filter)
		results[i] = Pair{A: int(c[0]), B: int(c[1]), Passages: ps}
		limits[i] = lim
	})
	if err != nil {
		return aligned{}, err
	}
	if versions > 0 {
		order := make([]int, len(results))
		for i := range order {
			order[i] = i
		}
		slices.SortFunc(order, func(x, y int) int {
			if results[x].A != results[y].A {
				return results[x].A - results[y].A
			}
			return results[x].B - results[y].B
		})
		sorted, sortedLimits := make([]Pair, len(results)), make([]Limit, len(results))
		for i, o := range order {
			sorted[i], sortedLimits[i] = results[o], limits[o]
		}
		results, limits = sorted, sortedLimits
	}
	out := aligned{pairs: results[:0], skip: skip, partners: partners, groups: groups}
	for i, r := range results {
		if limits[i].Limited() {
			out.limits = append(out.limits, PairLimit{A: r.A, B: r.B, Limit: limits[i]})
		}
		if len(r.Passages) > 0 {
			out.pairs = append(out.pairs, r)
		}
	}
	return out, nil
}

// maxPartners bounds the documents one document is aligned with: where it
// shares fingerprints with more (hundreds of documents that quote one
// text, or versions too far apart to be grouped as near-copies), a pair is aligned only when each is among the maxPartners
// partners that share the most with the other, so that the work grows with
// the number of documents (at most maxPartners alignments each), not with
// its square. In the PAN corpus a document has at most 54 candidates.
const maxPartners = 64

// PartnerLimit says that document Doc shares fingerprints with Partners
// other documents, more than maxPartners, and was aligned with Aligned of
// them (see maxPartners).
type PartnerLimit struct {
	Doc               int
	Partners, Aligned int
}

// candidatePairs returns the pairs of documents (indices, first < second)
// among those of indexed (ascending) that share at least a few kept
// fingerprints (fps, from docFingerprints), the boilerplate filter, and
// the documents with too many partners to align with all of them. A pair
// is kept when each is among the other's maxPartners partners that share
// the most (ties going to the lower index). Each document's fingerprints
// are let go once they are in the index.
func candidatePairs(ctx context.Context, docs []*compare.Document, indexed []int32, fps [][]uint64, opt Options) ([][2]int32, *gram.Filter, []PartnerLimit, error) {
	n := len(indexed)
	docBits := bits.Len(uint(n))
	docMask := uint64(1)<<docBits - 1
	// Every indexed document's kept fingerprints, with its number among
	// them in the low bits, go into one array: sorted, equal fingerprints
	// of different documents lie together.
	size := 0
	for _, d := range indexed {
		size += len(fps[d])
	}
	all := make([]uint64, 0, size)
	for i, d := range indexed {
		for _, x := range fps[d] {
			all = append(all, x&^docMask|uint64(i))
		}
	}
	for i := range fps {
		fps[i] = nil
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, nil, err
	}
	slices.Sort(all)
	all = slices.Compact(all) // a fingerprint twice in one document counts once
	if err := ctx.Err(); err != nil {
		return nil, nil, nil, err
	}
	maxDocs := opt.MaxDocs
	if maxDocs <= 0 {
		maxDocs = max(10, n/20)
	}
	// Fingerprints of more than maxDocs documents go to the filter; those
	// of 2 to maxDocs are shared: each is a range of all, its documents in
	// ascending order, and each document lists the shared ones it has.
	filter := &gram.Filter{Mask: docMask, Window: winnowWindow}
	var shared [][2]int32
	memberships := make([]int32, n+1)
	for i := 0; i < len(all); {
		h := all[i] &^ docMask
		j := i + 1
		for j < len(all) && all[j]&^docMask == h {
			j++
		}
		switch {
		case j-i > maxDocs:
			filter.Set.Add(h | 1)
		case j-i >= 2:
			shared = append(shared, [2]int32{int32(i), int32(j)})
			for _, e := range all[i:j] {
				memberships[e&docMask+1]++
			}
		}
		i = j
	}
	for d := range n { // memberships[d] becomes where d's list starts
		memberships[d+1] += memberships[d]
	}
	of := make([]int32, memberships[n])
	next := slices.Clone(memberships[:n])
	for g, r := range shared {
		for _, e := range all[r[0]:r[1]] {
			d := e & docMask
			of[next[d]] = int32(g)
			next[d]++
		}
	}
	next = nil
	minShared := int32(1)
	if opt.MinWords >= opt.SeedWords+2*winnowWindow-1 {
		minShared = 2
	}
	// Each document's partners: those sharing at least minShared of its
	// fingerprints, the maxPartners sharing the most when there are more.
	top := make([][]int32, n)
	partners := make([]int, n)
	counters := sync.Pool{New: func() any { c := make([]int32, n); return &c }}
	err := parallel.For(ctx, n, opt.Workers, func(a int) {
		cp := counters.Get().(*[]int32)
		defer counters.Put(cp)
		count := *cp
		var touched []int32
		for _, g := range of[memberships[a]:memberships[a+1]] {
			for _, e := range all[shared[g][0]:shared[g][1]] {
				if b := int32(e & docMask); int(b) != a {
					if count[b] == 0 {
						touched = append(touched, b)
					}
					count[b]++
				}
			}
		}
		var kept []int32
		for _, b := range touched {
			if count[b] >= minShared {
				kept = append(kept, b)
			}
		}
		partners[a] = len(kept)
		if len(kept) > maxPartners {
			slices.SortFunc(kept, func(x, y int32) int {
				if count[x] != count[y] {
					return int(count[y] - count[x])
				}
				return int(x - y)
			})
			kept = kept[:maxPartners]
		}
		slices.Sort(kept)
		top[a] = slices.Clip(kept)
		for _, b := range touched {
			count[b] = 0
		}
	})
	if err != nil {
		return nil, nil, nil, err
	}
	var cands [][2]int32
	aligned := make([]int, n)
	for a, bs := range top {
		for _, b := range bs {
			if _, mutual := slices.BinarySearch(top[b], int32(a)); int(b) > a && mutual {
				cands = append(cands, [2]int32{indexed[a], indexed[b]})
				aligned[a]++
				aligned[b]++
			}
		}
	}
	var limits []PartnerLimit
	for d, n := range partners {
		if n > maxPartners {
			limits = append(limits, PartnerLimit{Doc: int(indexed[d]), Partners: n, Aligned: aligned[d]})
		}
	}
	if filter.Set.Len() == 0 {
		return cands, nil, limits, nil
	}
	return cands, filter, limits, nil
}
