package reuse

import (
	"slices"
	"sync"

	"github.com/crosscheck/crosscheck/compare"
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
	// aligning a text made of one sentence repeated quadratic.
	MaxOccurrences int
	// MaxDocs drops fingerprints found in more documents than this when
	// aligning many documents (Align): phrases common to the collection.
	// Zero means max(10, n/20) for n documents.
	MaxDocs int
	// Workers is how many pairs Align aligns at once (default GOMAXPROCS).
	Workers int
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
	return alignSides(wholeSide(a), wholeSide(b), false, opt.withDefaults(), nil)
}

// AlignRegions is AlignPair restricted to a span of a and a span of b (Text
// coordinates; tokens wholly inside them take part). With QuoteOptions it
// finds where a short quotation comes from in a long source.
func AlignRegions(a *compare.Document, as compare.Span, b *compare.Document, bs compare.Span, opt Options) []Passage {
	return alignSides(regionSide(a, as), regionSide(b, bs), false, opt.withDefaults(), nil)
}

// SelfAlign returns the passages of d that are repeated elsewhere in d: in
// each, A comes before B and the two do not overlap.
func SelfAlign(d *compare.Document, opt Options) []Passage {
	s := wholeSide(d)
	return alignSides(s, s, true, opt.withDefaults(), nil)
}

// alignSides is the engine: seed, extend seeds to exact runs, chain runs,
// extend the chains' edges over light edits, merge, measure and filter.
// With self set, A and B are the same document and only pairs with A before
// B and not overlapping it are found. Fingerprints in skip never seed.
func alignSides(A, B side, self bool, opt Options, skip *gramFilter) []Passage {
	runs := findRuns(A, B, self, opt, skip)
	if len(runs) == 0 {
		return nil
	}
	chains := chainRuns(runs, self, opt.MaxGap)
	for i := range chains {
		extendChain(&chains[i], A, B, self, opt.MaxGap)
	}
	chains = mergeChains(chains, self, opt.MaxGap)
	var out []Passage
	for i := range chains {
		p := measure(&chains[i], A, B)
		if p.Matched >= opt.MinWords && p.Similarity >= opt.MinSimilarity {
			out = append(out, p)
		}
	}
	if !self {
		out = oneToOne(out)
	}
	slices.SortFunc(out, func(x, y Passage) int {
		if x.A.Start != y.A.Start {
			return x.A.Start - y.A.Start
		}
		return x.B.Start - y.B.Start
	})
	return out
}

// oneToOne keeps, where passages pair the same text of one side with
// several places of the other (a source that repeats itself), only the
// passage sharing the most words: each stretch of text has one counterpart.
func oneToOne(ps []Passage) []Passage {
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
			if mostlyOverlap(p.A, q.A) || mostlyOverlap(p.B, q.B) {
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

// mostlyOverlap reports whether x and y share at least half of the shorter.
func mostlyOverlap(x, y compare.Span) bool {
	ov := min(x.End, y.End) - max(x.Start, y.Start)
	return ov > 0 && 2*ov >= min(x.Len(), y.Len())
}

// findRuns seeds with the fingerprints the two sides share and extends
// each seed to the maximal exact run of shared words around it. The smaller
// side is indexed and the larger scanned.
func findRuns(A, B side, self bool, opt Options, skip *gramFilter) []run {
	if !self && B.hi-B.lo < A.hi-A.lo {
		runs := scanRuns(B, A, false, opt, skip)
		for i := range runs {
			runs[i].a, runs[i].b = runs[i].b, runs[i].a
		}
		return runs
	}
	return scanRuns(A, B, self, opt, skip)
}

// gramPool recycles fingerprint buffers between alignments.
var gramPool = sync.Pool{New: func() any { return new([]uint64) }}

// scanRuns indexes A's fingerprints and scans B's. A seed that lies on a
// run already found (same diagonal) is skipped, so a long verbatim passage
// costs one extension, not one per word.
func scanRuns(A, B side, self bool, opt Options, skip *gramFilter) []run {
	k := opt.SeedWords
	bufA := gramPool.Get().(*[]uint64)
	defer gramPool.Put(bufA)
	ha := grams(A.keys, A.lo, A.hi, k, skip, *bufA)
	*bufA = ha
	if len(ha) == 0 {
		return nil
	}
	ix := buildIndex(ha)
	defer ix.release()
	hb := ha
	if !self {
		// A's hashes are in the index now: B's take their buffer.
		hb = grams(B.keys, B.lo, B.hi, k, skip, ha)
		*bufA = hb
	}
	ak, bk := A.keys, B.keys
	cov := newCovered(A, B, self)
	defer cov.release()
	var runs []run
	for t, h := range hb {
		if h == 0 {
			continue
		}
		lo, hi := ix.lookup(h)
		if hi == lo || hi-lo > opt.MaxOccurrences {
			continue
		}
		j := B.lo + t
		for e := lo; e < hi; e++ {
			i := A.lo + ix.pos(e)
			if self && i >= j {
				break
			}
			d := cov.at(i, j)
			end := int(*d)
			seen := end > 0
			if seen && end > j {
				continue
			}
			n := 0
			for i+n < A.hi && j+n < B.hi && ak[i+n] == bk[j+n] {
				n++
			}
			if n < k {
				continue // a hash collision
			}
			i0, j0 := i, j
			for i0 > A.lo && j0 > B.lo && ak[i0-1] == bk[j0-1] && (!seen || end < j0) {
				i0--
				j0--
				n++
			}
			if self && n > j-i {
				n = j - i // the first copy must end where the second begins
			}
			*d = int32(j0 + n)
			runs = append(runs, run{int32(i0), int32(j0), int32(n)})
		}
	}
	return runs
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
	if cap(c.ends) > 1<<22 { // do not pin the memory of a huge document
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
	// At most one chain a run; chains are values in one array, and the
	// open ones and the order of closing are indices into it.
	chains := make([]chain, 0, len(runs))
	order := make([]int32, 0, len(runs))
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

// measure turns a chain into a passage: spans on word edges, word counts,
// and the shared words (the runs plus what the gaps between them share).
func measure(c *chain, A, B side) Passage {
	at, bt := A.doc.Tokens, B.doc.Tokens
	p := Passage{
		A:      compare.Span{Start: at[c.aStart].Start, End: at[c.aEnd-1].End},
		B:      compare.Span{Start: bt[c.bStart].Start, End: bt[c.bEnd-1].End},
		WordsA: int(c.aEnd - c.aStart),
		WordsB: int(c.bEnd - c.bStart),
		runs:   c.runs,
	}
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
