package reuse

import (
	"context"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/crosscheck/crosscheck/compare"
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
// seed nothing. Pairs come back ordered by (A, B); pairs sharing nothing are
// left out. Documents are not aligned with themselves: see SelfAlign.
func Align(ctx context.Context, docs []*compare.Document, opt Options) ([]Pair, error) {
	a, err := alignAll(ctx, docs, opt)
	return a.pairs, err
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
	limits []PairLimit // the pairs whose alignment was thinned, in order
	skip   *gramFilter // nil when there is none: fewer than three documents, or no phrase common enough
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
	cands, skip := [][2]int32{{0, 1}}, (*gramFilter)(nil)
	if len(docs) > 2 {
		var err error
		if cands, skip, err = candidatePairs(ctx, docs, opt); err != nil {
			return aligned{}, err
		}
	}
	results := make([]Pair, len(cands))
	limits := make([]Limit, len(cands))
	err := parallel(ctx, len(cands), opt.Workers, func(i int) {
		c := cands[i]
		ps, lim := alignSides(ctx, wholeSide(docs[c[0]]), wholeSide(docs[c[1]]), false, opt, skip)
		results[i] = Pair{A: int(c[0]), B: int(c[1]), Passages: ps}
		limits[i] = lim
	})
	if err != nil {
		return aligned{}, err
	}
	out := aligned{pairs: results[:0], skip: skip}
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

// parallel calls f(0..n-1) on up to workers goroutines (GOMAXPROCS when
// workers <= 0), stopping early when ctx is done.
func parallel(ctx context.Context, n, workers int, f func(i int)) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, n))
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}

// gramFilter is the set of boilerplate fingerprints, compared on the bits
// above mask (the index keeps a document number in the low bits).
type gramFilter struct {
	set  keySet
	mask uint64
}

func (g *gramFilter) has(h uint64) bool { return g.set.has(h&^g.mask | 1) }

// candidatePairs returns the pairs of documents (indices, first < second)
// that share at least a few kept fingerprints, and the boilerplate filter.
func candidatePairs(ctx context.Context, docs []*compare.Document, opt Options) ([][2]int32, *gramFilter, error) {
	docBits := bits.Len(uint(len(docs)))
	docMask := uint64(1)<<docBits - 1
	// Every document's kept fingerprints, with its number in the low bits,
	// go into one array: sorted, equal fingerprints of different documents
	// lie together. Its capacity is what winnowing keeps on average, 2/(w+1)
	// of the grams, so that it rarely grows.
	tokens := 0
	for _, d := range docs {
		tokens += len(d.Tokens)
	}
	all := make([]uint64, 0, tokens*2/(winnowWindow+1)+tokens/20+16)
	var mu sync.Mutex
	err := parallel(ctx, len(docs), opt.Workers, func(i int) {
		keys := docs[i].TokenKeys()
		buf := gramPool.Get().(*[]uint64)
		h := grams(keys, 0, len(keys), opt.SeedWords, nil, *buf)
		fp := make([]uint64, 0, len(h)*2/(winnowWindow+1)+16)
		winnow(h, winnowWindow, func(x uint64) { fp = append(fp, x&^docMask|uint64(i)) })
		*buf = h
		if cap(h) > maxPooled { // do not pin the memory of a long document
			*buf = nil
		}
		gramPool.Put(buf)
		mu.Lock()
		all = append(all, fp...)
		mu.Unlock()
	})
	if err != nil {
		return nil, nil, err
	}
	slices.Sort(all)
	all = slices.Compact(all) // a fingerprint twice in one document counts once
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	maxDocs := opt.MaxDocs
	if maxDocs <= 0 {
		maxDocs = max(10, len(docs)/20)
	}
	filter := &gramFilter{mask: docMask}
	shared := map[uint64]int32{} // a<<32|b → kept fingerprints the pair shares
	var group []int32
	for i := 0; i < len(all); {
		h := all[i] &^ docMask
		j := i
		group = group[:0]
		for j < len(all) && all[j]&^docMask == h {
			if d := int32(all[j] & docMask); len(group) == 0 || group[len(group)-1] != d {
				group = append(group, d)
			}
			j++
		}
		i = j
		switch {
		case len(group) > maxDocs:
			filter.set.add(h | 1)
		case len(group) >= 2:
			for x := 0; x < len(group); x++ {
				for y := x + 1; y < len(group); y++ {
					shared[uint64(group[x])<<32|uint64(group[y])]++
				}
			}
		}
	}
	minShared := int32(1)
	if opt.MinWords >= opt.SeedWords+2*winnowWindow-1 {
		minShared = 2
	}
	var cands [][2]int32
	for k, n := range shared {
		if n >= minShared {
			cands = append(cands, [2]int32{int32(k >> 32), int32(k & 0xFFFFFFFF)})
		}
	}
	slices.SortFunc(cands, func(x, y [2]int32) int {
		if x[0] != y[0] {
			return int(x[0] - y[0])
		}
		return int(x[1] - y[1])
	})
	if filter.set.n == 0 {
		return cands, nil, nil
	}
	return cands, filter, nil
}
