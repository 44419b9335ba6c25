package reuse

import (
	"slices"

	"github.com/crosscheck/crosscheck/compare/reuse/internal/gram"
)

// Edited reuse. A passage copied with a third of its words changed and its
// sentences reordered leaves only short exact runs, in an order that
// crosses on the two sides: chaining, which keeps runs in order and within
// MaxGap words of each other, cuts it into pieces too small to report.
// Clustering puts them back together, as the PAN 2014 winner's extension
// does with sentence seeds: chains are grouped where they lie within
// clusterGap words of each other on one side, each group split again on
// the other side, and so on until no group splits; a group of several
// chains becomes one passage spanning them all when the content words of
// its two spans agree (Dice of their multisets ≥ minClusterDice), and
// falls back to its chains one by one when they do not.

// clusterGapFactor times MaxGap is the most words between two chains of
// one cluster on either side.
const clusterGapFactor = 8

// minClusterDice is the least Dice similarity of the content words
// (multisets of the keys, stop words left out) of a cluster's two spans.
const minClusterDice = 0.4

// bounds returns functions giving the start and end of chain i of cs on
// side B (onB) or A.
func bounds(cs []chain, onB bool) (start, end func(i int32) int32) {
	if onB {
		return func(i int32) int32 { return cs[i].bStart }, func(i int32) int32 { return cs[i].bEnd }
	}
	return func(i int32) int32 { return cs[i].aStart }, func(i int32) int32 { return cs[i].aEnd }
}

// cluster groups chains (indices into cs) that lie within gap tokens of
// each other on both sides, splitting alternately on B and on A until no
// group splits. Groups come out in no particular order.
func cluster(cs []chain, idx []int32, gap int32) [][]int32 {
	var out [][]int32
	var walk func(idx []int32, onB bool, stable int)
	walk = func(idx []int32, onB bool, stable int) {
		if len(idx) == 1 || stable == 2 {
			out = append(out, idx)
			return
		}
		start, end := bounds(cs, onB)
		slices.SortFunc(idx, func(x, y int32) int { return int(start(x) - start(y)) })
		from, hi := 0, end(idx[0])
		var groups [][]int32
		for k := 1; k < len(idx); k++ {
			if start(idx[k]) > hi+gap {
				groups = append(groups, idx[from:k])
				from = k
			}
			hi = max(hi, end(idx[k]))
		}
		groups = append(groups, idx[from:])
		if len(groups) == 1 {
			walk(idx, !onB, stable+1)
			return
		}
		for _, g := range groups {
			walk(g, !onB, 1)
		}
	}
	walk(idx, true, 0)
	return out
}

// clusterPassages returns the passages of chains under clustering (see
// above): one spanning passage for each group that holds together, and
// the group's chains measured one by one otherwise. keep filters the
// passages measured one by one.
func clusterPassages(chains []chain, A, B side, opt Options, keep func(Passage) bool) []Passage {
	idx := make([]int32, len(chains))
	for i := range idx {
		idx[i] = int32(i)
	}
	var out []Passage
	for _, g := range cluster(chains, idx, int32(clusterGapFactor*opt.MaxGap)) {
		g, rest := trimWeakEdges(chains, g, opt)
		for _, i := range rest {
			if p := measure(&chains[i], A, B); keep(p) {
				out = append(out, p)
			}
		}
		if len(g) > 1 {
			var alone []int32
			g, alone = withStrong(chains, g, A, B, keep)
			for _, i := range alone {
				if p := measure(&chains[i], A, B); keep(p) {
					out = append(out, p)
				}
			}
		}
		if len(g) > 2 || len(g) == 2 && pairHolds(chains, g, A, B, opt, keep) {
			if p, ok := clusterPassage(chains, g, A, B, opt); ok {
				out = append(out, p)
				continue
			}
		}
		for _, i := range g {
			if p := measure(&chains[i], A, B); keep(p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// clusterPassage measures a group of chains as one passage, and reports
// whether it holds together: its exact runs share at least MinWords
// words, no stretch of one side is paired twice (two copies of one text
// side by side are two passages, not one), and its content words agree.
func clusterPassage(cs []chain, g []int32, A, B side, opt Options) (Passage, bool) {
	var runs []run
	c := chain{aStart: cs[g[0]].aStart, aEnd: cs[g[0]].aEnd, bStart: cs[g[0]].bStart, bEnd: cs[g[0]].bEnd}
	exact := 0
	for _, i := range g {
		x := &cs[i]
		runs = append(runs, x.runs...)
		c.aStart, c.aEnd = min(c.aStart, x.aStart), max(c.aEnd, x.aEnd)
		c.bStart, c.bEnd = min(c.bStart, x.bStart), max(c.bEnd, x.bEnd)
	}
	for _, r := range runs {
		exact += int(r.n)
	}
	if 2*exact < opt.MinWords || 4*exact > 5*int(min(c.aEnd-c.aStart, c.bEnd-c.bStart)) {
		return Passage{}, false
	}
	ka, kb := contentKeys(A.keys[c.aStart:c.aEnd]), contentKeys(B.keys[c.bStart:c.bEnd])
	shared := gram.SharedCount(ka, kb)
	if len(ka)+len(kb) == 0 || float64(2*shared) < minClusterDice*float64(len(ka)+len(kb)) {
		return Passage{}, false
	}
	c.aStart, c.aEnd = widen(A, c.aStart, c.aEnd, kb)
	c.bStart, c.bEnd = widen(B, c.bStart, c.bEnd, ka)
	c.runs = orderedRuns(runs)
	p := c.spans(A, B)
	p.Matched = gram.SharedCount(sortedKeys(A.keys[c.aStart:c.aEnd]), sortedKeys(B.keys[c.bStart:c.bEnd]))
	p.Similarity = 2 * float64(p.Matched) / float64(p.WordsA+p.WordsB)
	return p, p.Matched >= opt.MinWords && p.Similarity >= opt.MinSimilarity
}

// contentKeys returns the keys of ks that are not stop words, sorted.
func contentKeys(ks []uint64) []uint64 {
	out := make([]uint64, 0, len(ks))
	for _, k := range ks {
		if !gram.IsStop(k) {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// sortedKeys returns a sorted copy of ks.
func sortedKeys(ks []uint64) []uint64 {
	out := slices.Clone(ks)
	slices.Sort(out)
	return out
}

// orderedRuns returns the longest chain of runs in order on both sides
// (by words covered), so that a word diff can walk them; runs are trimmed
// where they overlap their predecessor.
func orderedRuns(runs []run) []run {
	slices.SortFunc(runs, func(x, y run) int {
		if x.a != y.a {
			return int(x.a - y.a)
		}
		return int(x.b - y.b)
	})
	// Quadratic longest path; clusters hold few runs, and the bound keeps
	// a pathological one cheap.
	if len(runs) > 512 {
		runs = runs[:512]
	}
	best := make([]int, len(runs))
	prev := make([]int, len(runs))
	top := 0
	for i, r := range runs {
		best[i], prev[i] = int(r.n), -1
		for j := 0; j < i; j++ {
			q := runs[j]
			if q.aEnd() <= r.a && q.bEnd() <= r.b && best[j]+int(r.n) > best[i] {
				best[i], prev[i] = best[j]+int(r.n), j
			}
		}
		if best[i] > best[top] {
			top = i
		}
	}
	var out []run
	for i := top; i >= 0; i = prev[i] {
		out = append(out, runs[i])
	}
	slices.Reverse(out)
	return out
}

// trimWeakEdges takes out of a group, on either side and at either end,
// the weak chains (fewer than twice SeedWords words of exact runs) that
// lie more than MaxGap words beyond the rest of the group: chance matches
// of a few common words next to a passage would stretch it over text that
// was not reused. It returns the group left and the chains taken out.
func trimWeakEdges(cs []chain, g []int32, opt Options) (kept, out []int32) {
	weak := func(i int32) bool {
		n := 0
		for _, r := range cs[i].runs {
			n += int(r.n)
		}
		return n < 2*opt.SeedWords
	}
	gap := int32(opt.MaxGap)
	for changed := true; changed && len(g) > 1; {
		changed = false
		for _, onB := range []bool{false, true} {
			start, end := bounds(cs, onB)
			slices.SortFunc(g, func(x, y int32) int { return int(start(x) - start(y)) })
			if first := g[0]; len(g) > 1 && weak(first) && start(g[1]) > end(first)+gap {
				out, g, changed = append(out, first), g[1:], true
			}
			if len(g) < 2 {
				break
			}
			last, hi := g[len(g)-1], int32(-1)
			for _, i := range g[:len(g)-1] {
				hi = max(hi, end(i))
			}
			if weak(last) && start(last) > hi+gap {
				out, g, changed = append(out, last), g[:len(g)-1], true
			}
		}
	}
	return g, out
}

// A clean passage shares at least cleanWords words (a paragraph) at a
// similarity of at least cleanSimilarity: copied whole with few edits, it
// is reported on its own and never clustered with another.
const (
	cleanSimilarity = 0.85
	cleanWords      = 60
)

// withStrong returns the chains of a group that may be clustered around
// its strong chains (those that make a passage on their own). Two strong
// chains that chaining did not join lie out of order or too far apart:
// they are two passages (two adjacent copies from different places), and
// the group does not cluster: all its chains are measured alone. Around one
// strong chain, the weak chains that overlap it on either side are left
// out: they pair its text with a second place (a phrase the other side
// repeats), which says nothing the strong chain does not, and are measured
// alone.
func withStrong(cs []chain, g []int32, A, B side, keep func(Passage) bool) (clustered, alone []int32) {
	strong, clean := int32(-1), 0
	for _, i := range g {
		p := measure(&cs[i], A, B)
		if !keep(p) {
			continue
		}
		if p.Similarity >= cleanSimilarity && p.Matched >= cleanWords {
			if clean++; clean > 1 {
				return nil, g
			}
		}
		if strong < 0 || p.Matched > int(cs[strong].aEnd-cs[strong].aStart) {
			strong = i
		}
	}
	if strong < 0 {
		return g, nil
	}
	s := &cs[strong]
	for _, i := range g {
		c := &cs[i]
		if i != strong && (c.aStart < s.aEnd && s.aStart < c.aEnd || c.bStart < s.bEnd && s.bStart < c.bEnd) {
			alone = append(alone, i)
			continue
		}
		clustered = append(clustered, i)
	}
	return clustered, alone
}

// Bounds of widen: it moves an edge by at most maxWidenWords words, in
// steps that look widenWindow words ahead.
const (
	maxWidenWords = 30
	widenWindow   = 8
)

// widen moves the edges of tokens [lo, hi) of side s outwards over the
// words that the other side's span holds too (other: its content words,
// sorted): the first and last seeds of an edited passage lie somewhere in
// its first and last sentences, and the words around them, edited too
// heavily to seed, were reused with them. With sentences reordered the
// edge words of one side may come from anywhere in the other, so the test
// is membership, not alignment. It never crosses a paragraph's edge (a
// heading's words are often the passage's). A step takes the farthest content word
// within widenWindow words that is found in other, when at least half of
// the content words up to it are; a stretch of unrelated text stops it.
func widen(s side, lo, hi int32, other []uint64) (int32, int32) {
	has := func(k uint64) bool {
		_, ok := slices.BinarySearch(other, k)
		return ok
	}
	d := s.doc
	step := func(from int32, dir int32, limit int32) int32 {
		best, hits, content := from, 0, 0
		para := d.ParagraphAt(d.Tokens[from].Start())
		for n := int32(1); n <= widenWindow; n++ {
			t := from + dir*n
			if dir < 0 && t < limit || dir > 0 && t >= limit || d.ParagraphAt(d.Tokens[t].Start()) != para {
				break
			}
			k := s.keys[t]
			if gram.IsStop(k) {
				continue
			}
			content++
			if has(k) {
				hits++
				if 2*hits >= content {
					best = t
				}
			}
		}
		return best
	}
	for start := lo; lo > int32(s.lo) && start-lo < maxWidenWords; {
		t := step(lo, -1, int32(s.lo))
		if t == lo {
			break
		}
		lo = t
	}
	for end := hi; hi < int32(s.hi) && hi-end < maxWidenWords; {
		t := step(hi-1, +1, int32(s.hi))
		if t == hi-1 {
			break
		}
		hi = t + 1
	}
	return lo, hi
}

// pairHolds reports whether a group of two chains may cluster: a passage
// and one chance run of a few words beside it (a phrase both texts use
// elsewhere) do not make one passage; a passage and a sentence or more of
// edited text do.
func pairHolds(cs []chain, g []int32, A, B side, opt Options, keep func(Passage) bool) bool {
	for k, i := range g {
		if keep(measure(&cs[i], A, B)) && exactWords(&cs[g[1-k]]) < 2*opt.SeedWords {
			return false
		}
	}
	return true
}

// exactWords counts the words of c's exact runs.
func exactWords(c *chain) int {
	n := 0
	for _, r := range c.runs {
		n += int(r.n)
	}
	return n
}
