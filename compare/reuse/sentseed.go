package reuse

import (
	"slices"

	"github.com/crosscheck/crosscheck/compare/reuse/internal/gram"
)

// Sentence seeds. A sentence copied with a third of its words changed
// keeps few runs of SeedWords equal words, and a passage of one or two such
// sentences seeds too little to be found. As the PAN 2014 winner does,
// sentences are compared as sets of content words: a sentence of B that no
// chain covers is paired with the sentence of A that shares the most of
// its content words, when they share at least sentMinShared of them at a
// Dice similarity of at least sentMinDice. The pair becomes a chain of the
// runs of equal words the two sentences share in order, which clustering
// then joins with the chains around it.

const (
	sentMinShared = 4
	sentMinDice   = 0.5
	// sentMaxWords bounds the sentences compared (longer ones seed
	// enough on their own, and their runs are found in bounded time).
	sentMaxWords = maxLCSWords
)

// sentence is a sentence of a side: tokens [lo, hi) and its content
// words' keys, sorted and distinct (nil when it is not compared: too
// short, too long, or with fewer than sentMinShared content words).
type sentence struct {
	lo, hi int32
	keys   []uint64
	done   bool // keys computed
}

// sentences computes the sentences of a side on demand.
type sentences struct {
	s   side
	all []sentence // by sentence number of the document
}

func newSentences(s side) *sentences {
	return &sentences{s: s, all: make([]sentence, len(s.doc.Sentences))}
}

// at returns sentence i, its tokens limited to the side.
func (ss *sentences) at(i int) *sentence {
	t := &ss.all[i]
	if t.done {
		return t
	}
	t.done = true
	d, s := ss.s.doc, ss.s
	sp := d.Sentences[i]
	lo := max(s.lo, d.TokenAt(sp.Start))
	for lo < s.hi && d.Tokens[lo].Start() < sp.Start {
		lo++
	}
	hi := lo
	for hi < s.hi && d.Tokens[hi].End() <= sp.End {
		hi++
	}
	t.lo, t.hi = int32(lo), int32(hi)
	if hi-lo < 2 || hi-lo > sentMaxWords {
		return t
	}
	keys := make([]uint64, 0, hi-lo)
	for _, k := range s.keys[lo:hi] {
		if !gram.IsStop(k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	if keys = slices.Compact(keys); len(keys) >= sentMinShared {
		t.keys = keys
	}
	return t
}

// span returns the numbers of the sentences holding tokens [lo, hi) of
// the side, widened by w tokens each way.
func (ss *sentences) span(lo, hi, w int32) (int, int) {
	d, s := ss.s.doc, ss.s
	lo, hi = max(int32(s.lo), lo-w), min(int32(s.hi), hi+w)
	if hi <= lo {
		return 0, 0
	}
	first := d.SentenceAt(d.Tokens[lo].Start())
	last := d.SentenceAt(d.Tokens[hi-1].Start())
	if first < 0 || last < 0 {
		return 0, 0
	}
	return first, last + 1
}

// sentenceChains returns chains for the sentences of B near the chains of
// cs (within clusterGapFactor·MaxGap words of a group of them) that no
// chain covers and that pair with a sentence of A near the same group
// (see above). Reuse edited that heavily still leaves a few runs of
// SeedWords equal words; the sentences around them are where the rest of
// it lies, and comparing only those keeps the work in proportion to the
// chains.
func sentenceChains(cs []chain, A, B side, opt Options) []chain {
	if len(cs) == 0 || A.hi <= A.lo || B.hi <= B.lo {
		return nil
	}
	// The stretches of B the chains cover, merged, in order.
	cov := make([][2]int32, 0, len(cs))
	for i := range cs {
		cov = append(cov, [2]int32{cs[i].bStart, cs[i].bEnd})
	}
	slices.SortFunc(cov, func(x, y [2]int32) int { return int(x[0] - y[0]) })
	merged := cov[:0]
	for _, c := range cov {
		if n := len(merged); n > 0 && c[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], c[1])
			continue
		}
		merged = append(merged, c)
	}
	covered := func(lo, hi int32) bool {
		k, _ := slices.BinarySearchFunc(merged, lo, func(c [2]int32, t int32) int { return int(c[0] - t) })
		for _, j := range []int{k - 1, k} {
			if j >= 0 && j < len(merged) && merged[j][0] <= lo && hi <= merged[j][1] {
				return true
			}
		}
		return false
	}
	as, bs := newSentences(A), newSentences(B)
	w := int32(clusterGapFactor * opt.MaxGap)
	idx := make([]int32, len(cs))
	for i := range idx {
		idx[i] = int32(i)
	}
	type best struct {
		a    int
		dice float64
	}
	found := map[int]best{} // B sentence → best A sentence
	for _, g := range cluster(cs, idx, w) {
		if len(g) == 1 && exactWords(&cs[g[0]]) >= cleanWords {
			continue // a long exact copy alone: its edges are extension's
		}
		c := cs[g[0]]
		for _, i := range g[1:] {
			c.aStart, c.aEnd = min(c.aStart, cs[i].aStart), max(c.aEnd, cs[i].aEnd)
			c.bStart, c.bEnd = min(c.bStart, cs[i].bStart), max(c.bEnd, cs[i].bEnd)
		}
		b0, b1 := bs.span(c.bStart, c.bEnd, w)
		a0, a1 := as.span(c.aStart, c.aEnd, w)
		for j := b0; j < b1; j++ {
			sb := bs.at(j)
			if sb.keys == nil || covered(sb.lo, sb.hi) {
				continue
			}
			for i := a0; i < a1; i++ {
				sa := as.at(i)
				if sa.keys == nil {
					continue
				}
				n := gram.SharedCount(sa.keys, sb.keys)
				if n < sentMinShared {
					continue
				}
				dice := 2 * float64(n) / float64(len(sa.keys)+len(sb.keys))
				if dice >= sentMinDice && dice > found[j].dice {
					found[j] = best{i, dice}
				}
			}
		}
	}
	var out []chain
	for j, f := range found {
		sa, sb := as.at(f.a), bs.at(j)
		// Runs inside what chains already cover say nothing new (a
		// sentence that straddles a passage's edge).
		runs := slices.DeleteFunc(lcsRuns(A.keys, B.keys, sa.lo, sa.hi, sb.lo, sb.hi), func(r run) bool {
			return covered(r.b, r.bEnd())
		})
		n := 0
		for _, r := range runs {
			n += int(r.n)
		}
		if n < sentMinShared {
			continue
		}
		out = append(out, chain{runs: runs, aStart: runs[0].a, aEnd: runs[len(runs)-1].aEnd(), bStart: runs[0].b, bEnd: runs[len(runs)-1].bEnd()})
	}
	// Map order is random: sort, so that the passages come out the same
	// from run to run.
	slices.SortFunc(out, func(x, y chain) int { return int(x.bStart - y.bStart) })
	return out
}

// lcsRuns returns the runs of a longest common subsequence of tokens
// [alo, ahi) of ak and [blo, bhi) of bk (each at most maxLCSWords long).
func lcsRuns(ak, bk []uint64, alo, ahi, blo, bhi int32) []run {
	x, y := ak[alo:ahi], bk[blo:bhi]
	n, m := len(x), len(y)
	var tab [maxLCSWords + 1][maxLCSWords + 1]uint8
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case x[i] == y[j]:
				tab[i][j] = tab[i+1][j+1] + 1
			case tab[i+1][j] >= tab[i][j+1]:
				tab[i][j] = tab[i+1][j]
			default:
				tab[i][j] = tab[i][j+1]
			}
		}
	}
	var out []run
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case x[i] == y[j]:
			a, b := alo+int32(i), blo+int32(j)
			if k := len(out) - 1; k >= 0 && out[k].aEnd() == a && out[k].bEnd() == b {
				out[k].n++
			} else {
				out = append(out, run{a, b, 1})
			}
			i, j = i+1, j+1
		case tab[i+1][j] >= tab[i][j+1]:
			i++
		default:
			j++
		}
	}
	return out
}
