package reuse

import (
	"context"
	"iter"
	"slices"
	"sync"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/reuse/internal/gram"
)

// Defaults of Options. DefaultMinWords comes from the seed corpus (see
// TestSeedsShareOnlyStockPhrases): the longest stretches its documents share
// are stock phrases of 10 words at most ("of China-Russia comprehensive
// strategic partnership of coordination in the", "the Shanghai Cooperation
// Organization" is 4), while 82% of its sentences have 12 words or more
// (median 23): a copied sentence is found, a stock phrase is not.
const (
	DefaultMinWords       = 12
	DefaultMaxGap         = 10
	DefaultSeedWords      = 4
	DefaultMinSimilarity  = 0.5
	DefaultMaxOccurrences = 50
)

// Options tune the alignment. Zero fields take the defaults.
type Options struct {
	// MinWords is the fewest words two spans must share (words that the word
	// diff finds equal) to be reported as a passage.
	MinWords int
	// MaxGap is the most words of difference, on either side, between two
	// stretches of shared words that are still joined into one passage.
	MaxGap int
	// SeedWords is the length of the word n-gram fingerprints that seed a
	// passage (2 to 16). Shorter seeds survive heavier editing but meet more
	// chance matches.
	SeedWords int
	// MinSimilarity is the least Dice similarity of a passage's words:
	// 2·shared / (words in A + words in B).
	MinSimilarity float64
	// MaxOccurrences drops fingerprints found more often than this in one
	// document: they are that document's boilerplate, and they would make
	// aligning a text made of one sentence repeated quadratic. On text so
	// repetitive that the work would still outgrow its bounds, an alignment
	// lowers it further and says so (see Limit).
	MaxOccurrences int
	// MaxDocs drops fingerprints found in more documents than this when
	// aligning many documents (Align): phrases common to the collection.
	// Zero means max(10, n/20) for n documents.
	MaxDocs int
	// Workers is how many pairs Align aligns at once (default GOMAXPROCS).
	Workers int
	// TargetA marks A as the text under review (PAN's suspicious
	// document): a stretch of A is paired with one stretch of B, or with
	// several only when they share about as many words (see manyToMany).
	// Otherwise both sides are alike and every pairing is kept.
	TargetA bool
}

func (o Options) withDefaults() Options {
	if o.MinWords <= 0 {
		o.MinWords = DefaultMinWords
	}
	if o.MaxGap < 0 {
		o.MaxGap = 0
	} else if o.MaxGap == 0 {
		o.MaxGap = DefaultMaxGap
	}
	if o.SeedWords <= 0 {
		o.SeedWords = DefaultSeedWords
	}
	o.SeedWords = max(2, min(o.SeedWords, 16))
	if o.MinSimilarity <= 0 {
		o.MinSimilarity = DefaultMinSimilarity
	}
	if o.MaxOccurrences <= 0 {
		o.MaxOccurrences = DefaultMaxOccurrences
	}
	return o
}

// QuoteOptions are options for verifying a short quotation (10 to 80 words)
// against a long source: shorter seeds and a lower minimum, so that a
// quotation with a few changed words still aligns.
func QuoteOptions() Options {
	return Options{MinWords: 4, MaxGap: 6, SeedWords: 3, MinSimilarity: 0.4}
}

// Passage is a stretch of text shared by two documents (or repeated inside
// one): a span of each, in Text coordinates on word edges.
type Passage struct {
	A, B compare.Span
	// WordsA and WordsB count the word tokens of each span.
	WordsA, WordsB int
	// Matched counts the words both spans share, in order (the words a word
	// diff of the two spans keeps as equal).
	Matched int
	// Similarity is 2·Matched / (WordsA + WordsB), from 0 to 1.
	Similarity float64

	runs []run // exact stretches in token indices, for Diff
}

// run is an exact stretch of shared words: tokens a..a+n of A equal tokens
// b..b+n of B.
type run struct{ a, b, n int32 }

func (r run) aEnd() int32 { return r.a + r.n }
func (r run) bEnd() int32 { return r.b + r.n }

// chain is a passage in the making: runs in order on both sides.
type chain struct {
	runs                       []run
	aStart, aEnd, bStart, bEnd int32
}

// newChain opens a chain on runs[i]. Its runs are a view of runs[i]
// without spare capacity: a chain that grows copies them out, and the
// chains that never grow (most of them, in repetitive text) cost no
// allocation of their own.
func newChain(runs []run, i int) chain {
	r := runs[i]
	return chain{runs: runs[i : i+1 : i+1], aStart: r.a, aEnd: r.aEnd(), bStart: r.b, bEnd: r.bEnd()}
}

// side is the token range of one document that takes part in an alignment.
type side struct {
	doc    *compare.Document
	keys   []uint64
	lo, hi int
}

func wholeSide(d *compare.Document) side {
	k := d.TokenKeys()
	return side{doc: d, keys: k, lo: 0, hi: len(k)}
}

func regionSide(d *compare.Document, s compare.Span) side {
	lo, hi := d.TokensIn(s)
	return side{doc: d, keys: d.TokenKeys(), lo: lo, hi: hi}
}

// AlignPair returns the passages documents a and b share, in order of their
// place in a. Each reused passage comes out once, as one pair of spans.
func AlignPair(a, b *compare.Document, opt Options) []Passage {
	ps, _ := alignSides(context.Background(), wholeSide(a), wholeSide(b), false, opt.withDefaults(), nil)
	return ps
}

// AlignRegions is AlignPair restricted to a span of a and a span of b (Text
// coordinates; tokens wholly inside them take part). With QuoteOptions it
// finds where a short quotation comes from in a long source.
func AlignRegions(a *compare.Document, as compare.Span, b *compare.Document, bs compare.Span, opt Options) []Passage {
	ps, _ := alignSides(context.Background(), regionSide(a, as), regionSide(b, bs), false, opt.withDefaults(), nil)
	return ps
}

// SelfAlign returns the passages of d that are repeated elsewhere in d: in
// each, A comes before B and the two do not overlap.
func SelfAlign(d *compare.Document, opt Options) []Passage {
	ps, _ := selfAlign(context.Background(), d, opt.withDefaults())
	return ps
}

// selfAlign is SelfAlign with options already defaulted, also returning
// how the alignment was thinned. It gives up when ctx is done.
func selfAlign(ctx context.Context, d *compare.Document, opt Options) ([]Passage, Limit) {
	s := wholeSide(d)
	return alignSides(ctx, s, s, true, opt, nil)
}

// Limit tells how an alignment was thinned to keep its work in proportion
// to its input. On very repetitive text (tables of figures, generated or
// templated text, a few words repeated at length) chance matches between
// frequent fingerprints would make runs without end; there the
// fingerprints found more than MaxOccurrences times seeded nothing, where
// Options.MaxOccurrences allowed more, and copies made only of them were
// not looked for. The zero Limit means nothing was left out.
type Limit struct {
	// MaxOccurrences is the cap the alignment ended with.
	MaxOccurrences int
	// Skipped counts the word positions whose fingerprint the lowered cap
	// left out.
	Skipped int
	// Doc and Span are the first such position: its fingerprint's words.
	Doc  *compare.Document
	Span compare.Span
}

// Limited reports whether the alignment was thinned.
func (l Limit) Limited() bool { return l.Doc != nil }

// Bounds of the memory one alignment holds besides its index of
// fingerprints (8 bytes a word) and its table of diagonals (4): at most one
// exact run for every scanTokens tokens of input while seeding (a run is
// 12 bytes), and at most chainBytes bytes a token for the runs, their
// chains (40 bytes each) and the runs edge extension adds, never less
// than minScanRuns runs and minChainBytes bytes. Tokens count both sides,
// a document aligned with itself once. For scale, in runs and bytes a
// token: the PAN pairs take at most 0.09 and 3.5, Gibbon's history aligned
// with itself 0.05 and 2.6, four copies of the PAN corpus in one file with
// every "the" changed 0.21 and 7.5; 9 MB of templated sentences 0.8 and
// 58, a line of words drawn from a vocabulary of 20 some 10 runs.
const (
	scanTokens    = 3
	chainBytes    = 12
	minScanRuns   = 1 << 16
	minChainBytes = 1 << 20
	runBytes      = 12
	chainSize     = 40
)

// alignSides is the engine: seed, extend seeds to exact runs, chain runs,
// extend the chains' edges over light edits, merge, measure and filter.
// With self set, A and B are the same document and only pairs with A before
// B and not overlapping it are found. Fingerprints in skip never seed.
//
// When seeding or chaining would take more memory than the bounds above,
// the alignment starts again with a lower cap on the occurrences of a
// seeding fingerprint, chosen from how far over the bounds the work was
// heading, until it fits; the Limit says what was left out.
//
// When ctx is done it gives up within a few milliseconds and returns
// nothing; the caller reports ctx's error.
func alignSides(ctx context.Context, A, B side, self bool, opt Options, skip *gram.Filter) ([]Passage, Limit) {
	sc := newScanner(A, B, self, opt.SeedWords, skip)
	defer sc.release()
	tokens := B.hi - B.lo
	if !self {
		tokens += A.hi - A.lo
	}
	maxRuns := max(minScanRuns, tokens/scanTokens)
	maxBytes := max(minChainBytes, tokens*chainBytes)
	maxOcc := opt.MaxOccurrences
	var census []int
	var runs []run
	for {
		var seeds int
		var ok bool
		runs, seeds, ok = sc.runs(ctx, runs[:0], maxOcc, maxRuns)
		if ctx.Err() != nil {
			return nil, Limit{}
		}
		if !ok {
			if census == nil {
				census = sc.census(ctx, opt.MaxOccurrences)
			}
			// The seeds so far made maxRuns runs; all of them would make
			// this many times more.
			over := float64(seedPairs(census, maxOcc, self)) / float64(max(1, seeds))
			maxOcc = lowerCap(census, maxOcc, self, over)
			continue
		}
		var lim Limit
		if maxOcc < opt.MaxOccurrences {
			lim = sc.limit(ctx, census, maxOcc)
		}
		// The index is not needed to chain, and memory is at its highest
		// there: let it go, to build again if need be.
		sc.dropIndex()
		out, over := passages(ctx, runs, A, B, self, opt, maxBytes)
		if ctx.Err() != nil {
			return nil, Limit{}
		}
		if over == 0 {
			return out, lim
		}
		if census == nil {
			census = sc.census(ctx, opt.MaxOccurrences)
		}
		maxOcc = lowerCap(census, maxOcc, self, over)
	}
}

// passages chains, extends, merges, measures and filters runs, and
// returns the passages. When the runs, their chains and the runs edge
// extension adds would take more than maxBytes, it gives up and returns
// over, the factor by which the whole work would have exceeded maxBytes
// (estimated from the part done); over is 0 when it did not give up. It
// stops, returning nothing, when ctx is done.
func passages(ctx context.Context, runs []run, A, B side, self bool, opt Options, maxBytes int) (out []Passage, over float64) {
	if len(runs) == 0 {
		return nil, 0
	}
	chains := chainRuns(runs, self, opt.MaxGap)
	used := len(runs)*runBytes + cap(chains)*chainSize
	if used > maxBytes {
		return nil, float64(used) / float64(maxBytes)
	}
	for i := range chains {
		if i%4096 == 0 && ctx.Err() != nil {
			return nil, 0
		}
		if used += extendChain(&chains[i], A, B, self, opt.MaxGap) * runBytes; used > maxBytes {
			return nil, float64(used) / float64(maxBytes) * float64(len(chains)) / float64(i+1)
		}
	}
	chains = mergeChains(chains, self, opt.MaxGap)
	keep := func(p Passage) bool { return p.Matched >= opt.MinWords && p.Similarity >= opt.MinSimilarity }
	if self {
		for i := range chains {
			if p := measure(&chains[i], A, B); keep(p) {
				out = append(out, p)
			}
		}
	} else {
		chains = append(chains, sentenceChains(chains, A, B, opt)...)
		out = clusterPassages(chains, A, B, opt, keep)
	}
	if !self {
		out = manyToMany(out, opt.TargetA)
	}
	slices.SortFunc(out, func(x, y Passage) int {
		if x.A.Start != y.A.Start {
			return x.A.Start - y.A.Start
		}
		return x.B.Start - y.B.Start
	})
	return out, 0
}

// seedPairs is how many pairs of positions the seeds look at under the
// occurrence cap maxOcc. census[c] counts the scanned positions whose
// fingerprint the index holds c times; each of them makes c pairs, or in
// self-alignment (c-1)/2 (the position itself is one of the c, and only
// the copies before it count).
func seedPairs(census []int, maxOcc int, self bool) int {
	sum := 0
	for c := 1; c <= maxOcc && c < len(census); c++ {
		if self {
			sum += (c - 1) * census[c] / 2
		} else {
			sum += c * census[c]
		}
	}
	return sum
}

// lowerCap returns the highest occurrence cap below maxOcc under which the
// seeds make at most 1/(2·over) of the pairs they make under maxOcc, and at
// most half: over is how many times too much work maxOcc led to, and the
// work is taken to follow the pairs.
func lowerCap(census []int, maxOcc int, self bool, over float64) int {
	target := float64(seedPairs(census, maxOcc, self)) / max(2, 2*over)
	for c := maxOcc - 1; c > 0; c-- {
		if float64(seedPairs(census, c, self)) <= target {
			return c
		}
	}
	return 0
}

// manyToMany keeps every pairing of reused text: one stretch of a side
// paired with several places of the other (a passage quoted twice, copies
// cut from overlapping ranges) gives one passage each. It drops only what
// another passage, sharing more words, already says: a passage that
// mostly overlaps it on both sides (the same pairing found twice), and,
// with targetA, a passage whose A span lies mostly inside the other's A
// span while sharing less than 4/5 as many words (a fragment of A's text
// that the other side also holds elsewhere, such as a phrase a source
// repeats: A's text is already explained by the larger passage).
func manyToMany(ps []Passage, targetA bool) []Passage {
	if len(ps) < 2 {
		return ps
	}
	slices.SortStableFunc(ps, func(x, y Passage) int {
		if x.Matched != y.Matched {
			return y.Matched - x.Matched
		}
		return x.A.Start - y.A.Start
	})
	kept := ps[:0:0]
	for _, p := range ps {
		clash := false
		for _, q := range kept {
			if mostlyOverlap(p.A, q.A) && mostlyOverlap(p.B, q.B) ||
				targetA && 5*p.Matched < 4*q.Matched && mostlyInside(p.A, q.A) {
				clash = true
				break
			}
		}
		if !clash {
			kept = append(kept, p)
		}
	}
	return kept
}

// mostlyInside reports whether at least half of x lies inside y.
func mostlyInside(x, y compare.Span) bool {
	ov := min(x.End, y.End) - max(x.Start, y.Start)
	return ov > 0 && 2*ov >= x.Len()
}

// mostlyOverlap reports whether x and y share at least half of the shorter.
func mostlyOverlap(x, y compare.Span) bool {
	ov := min(x.End, y.End) - max(x.Start, y.Start)
	return ov > 0 && 2*ov >= min(x.Len(), y.Len())
}

// A scanner seeds with the fingerprints two sides share and extends each
// seed to the maximal exact run of shared words around it. It indexes the
// fingerprints of X, the smaller side, and looks up those of Y, the other,
// position by position. A seed that lies on a run already found (same
// diagonal) is skipped, so a long verbatim passage costs one extension,
// not one per word.
//
// Without a boilerplate filter no side's fingerprints are held: they are
// computed as they are indexed and again as they are looked up, so that
// a long document costs its index (8 bytes a word) and not twice that.
type scanner struct {
	X, Y side
	swap bool // X is B: runs are found with their sides exchanged
	self bool
	k    int
	skip *gram.Filter
	ix   *gram.Index // nil when dropped, or when X has no fingerprint
	hy   []uint64    // Y's fingerprints when a filter needs them whole; else nil
	buf  *[]uint64   // the pooled buffer the fingerprints live in
	cov  covered
	none bool // X has no fingerprint
}

func newScanner(A, B side, self bool, k int, skip *gram.Filter) *scanner {
	s := &scanner{X: A, Y: B, self: self, k: k, skip: skip}
	if !self && B.hi-B.lo < A.hi-A.lo {
		s.X, s.Y, s.swap = B, A, true
	}
	s.buildIndex()
	return s
}

// buildIndex indexes X's fingerprints and makes the table of diagonals.
func (s *scanner) buildIndex() {
	X, Y, k := s.X, s.Y, s.k
	if s.skip == nil {
		it := gram.NewIter(X.keys, X.lo, X.hi, k)
		if it.Len() <= 0 {
			s.none = true
			return
		}
		s.ix = gram.Build(it.Len(), it.All())
	} else {
		if s.buf == nil {
			s.buf = gram.Buffer()
		}
		hx := gram.Grams(X.keys, X.lo, X.hi, k, s.skip, *s.buf)
		*s.buf = hx
		if len(hx) == 0 {
			s.none = true
			return
		}
		s.ix = gram.Build(len(hx), slices.All(hx))
		s.hy = hx
		if !s.self {
			// X's fingerprints are in the index now: Y's take their buffer.
			s.hy = gram.Grams(Y.keys, Y.lo, Y.hi, k, s.skip, hx)
			*s.buf = s.hy
		}
	}
	s.cov = newCovered(X, Y, s.self)
}

// dropIndex lets the index and the table of diagonals go.
func (s *scanner) dropIndex() {
	if s.ix != nil {
		s.ix.Release()
		s.cov.release()
		s.ix, s.cov = nil, covered{}
	}
}

func (s *scanner) release() {
	s.dropIndex()
	if s.buf != nil {
		gram.Recycle(s.buf)
	}
}

// index returns the index, built again if it was dropped; nil when X has
// no fingerprint.
func (s *scanner) index() *gram.Index {
	if s.ix == nil && !s.none {
		s.buildIndex()
	}
	return s.ix
}

// ys yields Y's positions (from 0) and fingerprints.
func (s *scanner) ys() iter.Seq2[int, uint64] {
	if s.hy != nil {
		return slices.All(s.hy)
	}
	return gram.NewIter(s.Y.keys, s.Y.lo, s.Y.hi, s.k).All()
}

// lookups calls f with each position t of Y (from 0) whose fingerprint
// X holds and the range of its entries in the index, cut after limit+1
// (see lookup), until f returns false or ctx is done. The look-ups go in
// batches.
func (s *scanner) lookups(ctx context.Context, ix *gram.Index, limit int, f func(t, lo, hi int) bool) {
	var ts [gram.LookupBatchSize]int
	var hs [gram.LookupBatchSize]uint64
	var lo, hi [gram.LookupBatchSize]int32
	n := 0
	flush := func() bool {
		ix.LookupBatch(hs[:n], limit, lo[:n], hi[:n])
		for i := range n {
			if hi[i] > lo[i] && !f(ts[i], int(lo[i]), int(hi[i])) {
				return false
			}
		}
		n = 0
		return true
	}
	for t, h := range s.ys() {
		if t&(1<<16-1) == 0 && ctx.Err() != nil {
			return
		}
		if h == 0 {
			continue
		}
		ts[n], hs[n] = t, h
		if n++; n == gram.LookupBatchSize && !flush() {
			return
		}
	}
	if n > 0 {
		flush()
	}
}

// runs appends to runs those the seeds find, sides as A and B, with
// fingerprints found at most maxOcc times in X, and counts the pairs of
// positions the seeds looked at; ok is false, and the scan abandoned,
// when the runs would number more than maxRuns. It stops early when ctx
// is done.
func (s *scanner) runs(ctx context.Context, runs []run, maxOcc, maxRuns int) (_ []run, seeds int, ok bool) {
	ix := s.index()
	if ix == nil {
		return runs, 0, true
	}
	X, Y, self, k, cov := s.X, s.Y, s.self, s.k, s.cov
	clear(cov.ends)
	xk, yk := X.keys, Y.keys
	ok = true
	s.lookups(ctx, ix, maxOcc, func(t, lo, hi int) bool {
		if hi-lo > maxOcc {
			return true
		}
		j := Y.lo + t
		for e := lo; e < hi; e++ {
			i := X.lo + ix.Pos(e)
			if self && i >= j {
				break
			}
			seeds++
			d := cov.at(i, j)
			end := int(*d)
			seen := end > 0
			if seen && end > j {
				continue
			}
			n := 0
			for i+n < X.hi && j+n < Y.hi && xk[i+n] == yk[j+n] {
				n++
			}
			if n < k {
				continue // a hash collision
			}
			i0, j0 := i, j
			for i0 > X.lo && j0 > Y.lo && xk[i0-1] == yk[j0-1] && (!seen || end < j0) {
				i0--
				j0--
				n++
			}
			if self && n > j-i {
				n = j - i // the first copy must end where the second begins
			}
			*d = int32(j0 + n)
			if len(runs) == maxRuns {
				ok = false
				return false
			}
			runs = append(runs, run{int32(i0), int32(j0), int32(n)})
		}
		return true
	})
	if !ok {
		return runs, seeds, false
	}
	if s.swap {
		for i := range runs {
			runs[i].a, runs[i].b = runs[i].b, runs[i].a
		}
	}
	return runs, seeds, true
}

// census counts, for each c from 1 to maxOcc, the positions of Y whose
// fingerprint X holds c times.
func (s *scanner) census(ctx context.Context, maxOcc int) []int {
	out := make([]int, maxOcc+1)
	ix := s.index()
	if ix == nil {
		return out
	}
	if s.self { // Y is X: every entry of a fingerprint is one of its positions
		ix.Groups(func(lo, hi int) {
			if c := hi - lo; c <= maxOcc {
				out[c] += c
			}
		})
		return out
	}
	s.lookups(ctx, ix, maxOcc, func(_, lo, hi int) bool {
		if c := hi - lo; c <= maxOcc {
			out[c]++
		}
		return true
	})
	return out
}

// limit describes the cap maxOcc, lowered from len(census)-1: how many
// positions of Y it left out, and the first of them.
func (s *scanner) limit(ctx context.Context, census []int, maxOcc int) Limit {
	l := Limit{MaxOccurrences: maxOcc, Doc: s.Y.doc}
	for c := maxOcc + 1; c < len(census); c++ {
		l.Skipped += census[c]
	}
	orig := len(census) - 1
	first := -1
	ix := s.index()
	if s.self {
		ix.Groups(func(lo, hi int) {
			if c := hi - lo; c > maxOcc && c <= orig {
				for e := lo; e < hi; e++ {
					if p := ix.Pos(e); first < 0 || p < first {
						first = p
					}
				}
			}
		})
	} else {
		s.lookups(ctx, ix, orig, func(t, lo, hi int) bool {
			if c := hi - lo; c > maxOcc && c <= orig {
				first = t
				return false
			}
			return true
		})
	}
	if first >= 0 {
		toks, j := s.Y.doc.Tokens, s.Y.lo+first
		l.Span = compare.Span{Start: toks[j].Start(), End: toks[j+s.k-1].End()}
	}
	return l
}

// covered records, for each diagonal j-i of an alignment, where in B the
// last run found on it ends (0: none yet), so that a seed inside a run
// already found costs one look-up. It is an array over every diagonal the
// two sides can form: 4 bytes a token, where a map would take some 40
// bytes a run and more time.
type covered struct {
	ends []int32
	base int // ends[j-i-base] is diagonal j-i
}

// coveredPool recycles the diagonal arrays between alignments.
var coveredPool = sync.Pool{New: func() any { return new([]int32) }}

func newCovered(A, B side, self bool) covered {
	lo, hi := B.lo-(A.hi-1), B.hi-1-A.lo // the least and greatest j-i
	if self {
		lo = 1 // A before B
	}
	n := max(0, hi-lo+1)
	buf := coveredPool.Get().(*[]int32)
	ends := *buf
	if cap(ends) < n {
		ends = make([]int32, n)
	} else {
		ends = ends[:n]
		clear(ends)
	}
	*buf = nil
	coveredPool.Put(buf)
	return covered{ends: ends, base: lo}
}

// at returns the entry of the diagonal of tokens i of A and j of B.
func (c covered) at(i, j int) *int32 { return &c.ends[j-i-c.base] }

func (c covered) release() {
	if cap(c.ends) > gram.MaxPooled { // do not pin the memory of a long document
		return
	}
	buf := coveredPool.Get().(*[]int32)
	*buf = c.ends
	coveredPool.Put(buf)
}

// chainRuns joins runs that follow each other on both sides within maxGap
// words into chains. Runs are taken in order of their place in B; each joins
// the open chain it continues with the smallest gaps (preferring the same
// diagonal), or opens a chain of its own. The chains come out in the order
// they were closed, those still open at the end last.
func chainRuns(runs []run, self bool, maxGap int) []chain {
	slices.SortFunc(runs, func(x, y run) int {
		if x.b != y.b {
			return int(x.b - y.b)
		}
		return int(x.a - y.a)
	})
	gap := int32(maxGap)
	// Chains are values in one array, and the open ones and the order of
	// closing are indices into it. There is at most one chain a run, but
	// where runs follow each other there are far fewer: the arrays grow.
	var chains []chain
	var order []int32
	var active []int32
	for i, r := range runs {
		best := -1
		var bestRun run
		bestScore := int32(1 << 30)
		keep := active[:0]
		for _, ci := range active {
			c := &chains[ci]
			if c.bEnd+gap < r.b {
				order = append(order, ci)
				continue
			}
			keep = append(keep, ci)
			t, ok := trimAfter(r, c.aEnd, c.bEnd)
			if !ok {
				continue
			}
			ga, gb := t.a-c.aEnd, t.b-c.bEnd
			if ga > gap || gb > gap || t.a < c.aStart {
				continue
			}
			if self && t.aEnd() > c.bStart {
				if t.n = c.bStart - t.a; t.n <= 0 {
					continue
				}
			}
			score := ga + gb + abs32(ga-gb)
			if score < bestScore {
				best, bestRun, bestScore = int(ci), t, score
			}
		}
		active = keep
		if best >= 0 {
			c := &chains[best]
			c.runs = append(c.runs, bestRun)
			c.aEnd, c.bEnd = bestRun.aEnd(), bestRun.bEnd()
			continue
		}
		active = append(active, int32(len(chains)))
		chains = append(chains, newChain(runs, i))
	}
	order = append(order, active...)
	permute(chains, order)
	return chains
}

// permute reorders cs in place so that cs[i] is what cs[order[i]] was.
// order must be a permutation of the indices of cs; it is used up.
func permute(cs []chain, order []int32) {
	for i := range cs {
		if int(order[i]) == i {
			continue
		}
		first := cs[i]
		j := i
		for {
			k := int(order[j])
			order[j] = int32(j)
			if k == i {
				cs[j] = first
				break
			}
			cs[j] = cs[k]
			j = k
		}
	}
}

// trimAfter cuts the start of r so that it begins at or after aEnd in A and
// bEnd in B; ok is false when nothing of r is left.
func trimAfter(r run, aEnd, bEnd int32) (run, bool) {
	ov := max(aEnd-r.a, bEnd-r.b, 0)
	if ov >= r.n {
		return r, false
	}
	return run{r.a + ov, r.b + ov, r.n - ov}, true
}

func abs32(x int32) int32 {
	if x < 0 {
		return -x
	}
	return x
}

// mergeChains merges chains that overlap, or lie within maxGap words of
// each other, on both sides and in the same order, so that a passage found
// in pieces comes out as one. Chains contained in another on both sides are
// absorbed. It works in place: the result is a prefix of chains.
func mergeChains(chains []chain, self bool, maxGap int) []chain {
	slices.SortFunc(chains, func(x, y chain) int {
		if x.aStart != y.aStart {
			return int(x.aStart - y.aStart)
		}
		return int(x.bStart - y.bStart)
	})
	gap := int32(maxGap)
	out := chains[:0]
	for i := range chains {
		c := chains[i] // a copy: out may overwrite chains[i] below
		merged := false
		// Earlier chains that end before c starts (less the gap) cannot merge;
		// look back over the few that can.
		for k := len(out) - 1; k >= 0; k-- {
			p := &out[k]
			if p.aEnd+2*gap < c.aStart && k < len(out)-8 {
				break
			}
			ga, gb := c.aStart-p.aEnd, c.bStart-p.bEnd
			near := ga <= gap && gb <= gap ||
				// a wider gap on the same diagonal: one passage, edited harder there
				ga <= 2*gap && gb <= 2*gap && abs32(ga-gb) <= gap/2
			if !near || c.bStart+gap < p.bStart {
				continue // not near, or before p on the B side
			}
			if c.bStart < p.bStart && !(c.bEnd <= p.bEnd && c.aEnd <= p.aEnd) {
				continue // crossing: a moved passage stays a passage of its own
			}
			if mergeTwo(p, &c, self) {
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, c)
		}
	}
	return out
}

// mergeTwo extends p with what c adds beyond p's end on both sides (c
// starts no earlier than p on either side) and reports true, or leaves p
// as it was and reports false when self-alignment would make the copies
// overlap. p's runs are kept whole: they are the earlier and, for chains
// sorted by start, usually the better evidence. c's runs are appended to
// p's in place, so that a chain that absorbs many others grows in
// amortised linear time; on failure the appended runs lie beyond p's
// length, where nothing reads them.
func mergeTwo(p, c *chain, self bool) bool {
	runs, aEnd, bEnd := p.runs, p.aEnd, p.bEnd
	for _, r := range c.runs {
		t, ok := trimAfter(r, aEnd, bEnd)
		if !ok {
			continue
		}
		runs = append(runs, t)
		aEnd, bEnd = t.aEnd(), t.bEnd()
	}
	if self && aEnd > p.bStart {
		return false
	}
	p.runs, p.aEnd, p.bEnd = runs, aEnd, bEnd
	return true
}

// spans returns the passage c spans, its words not yet counted as shared:
// spans on word edges, word counts and runs.
func (c *chain) spans(A, B side) Passage {
	at, bt := A.doc.Tokens, B.doc.Tokens
	return Passage{
		A:      compare.Span{Start: at[c.aStart].Start(), End: at[c.aEnd-1].End()},
		B:      compare.Span{Start: bt[c.bStart].Start(), End: bt[c.bEnd-1].End()},
		WordsA: int(c.aEnd - c.aStart),
		WordsB: int(c.bEnd - c.bStart),
		runs:   c.runs,
	}
}

// measure turns a chain into a passage: spans on word edges, word counts,
// and the shared words (the runs plus what the gaps between them share).
func measure(c *chain, A, B side) Passage {
	p := c.spans(A, B)
	for i, r := range c.runs {
		p.Matched += int(r.n)
		if i > 0 {
			prev := c.runs[i-1]
			p.Matched += lcsLen(A.keys[prev.aEnd():r.a], B.keys[prev.bEnd():r.b])
		}
	}
	p.Similarity = 2 * float64(p.Matched) / float64(p.WordsA+p.WordsB)
	return p
}

// maxLCSWords bounds the gaps whose shared words are counted exactly.
const maxLCSWords = 64

// lcsLen returns the length of the longest common subsequence of x and y
// (0 when either is longer than maxLCSWords: such gaps share little).
func lcsLen(x, y []uint64) int {
	if len(x) == 0 || len(y) == 0 || len(x) > maxLCSWords || len(y) > maxLCSWords {
		return 0
	}
	var rowBuf [2][maxLCSWords + 1]int
	prev, cur := rowBuf[0][:len(y)+1], rowBuf[1][:len(y)+1]
	for i := range x {
		cur[0] = 0
		for j := range y {
			switch {
			case x[i] == y[j]:
				cur[j+1] = prev[j] + 1
			case prev[j+1] >= cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(y)]
}
