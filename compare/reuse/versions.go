package reuse

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/reuse/internal/gram"
	"github.com/crosscheck/crosscheck/compare/reuse/internal/parallel"
)

// Versions. A folder of drafts, of syndicated copies or of lightly edited
// versions of the same texts holds groups of documents that are near-copies
// of each other. Aligned pair by pair they cost work and output in the
// square of the group's size (every version shares everything with every
// other), and the fingerprints they all share are too frequent to seed
// anything once the group outnumbers Options.MaxDocs, so that the index
// that proposes pairs falls silent on them. Align therefore first groups
// near-copies, and aligns each member of a group once, with the group's
// representative only; the members stay out of the index that proposes
// the other pairs, where the representative stands for them.
//
// Near-copies are found on the same winnowed fingerprints as the pairs,
// but with no cap on how many documents hold one: each document gets a
// one-permutation MinHash sketch of its fingerprints (the least
// fingerprint in each of gram.SketchBins ranges of hashes), bands of the sketch
// go into buckets, and two documents that meet in a bucket are compared
// on their whole sets of fingerprints. A fingerprint every version holds
// is thus evidence that they are versions, where in the index it is
// boilerplate that seeds nothing.

// The thresholds of a near-copy: of the smaller document's fingerprints at
// least minVersionContainment are the larger's, and it has at least
// minVersionSize as many fingerprints as the larger (a chapter is not a
// version of the book it is taken from: it stays a passage). Documents of
// fewer than Options.MinWords words are never grouped.
const (
	minVersionContainment = 0.8
	minVersionSize        = 2.0 / 3
)

// MinVersions is the fewest documents a group of versions has: a
// representative and two near-copies of it. Two near-copies alone are one
// pair, whose align.passage finding already says all there is (similarity
// and word diff); groups save work and output from three on, where the
// pairs would number three and more.
const MinVersions = 3

// maxVersionChecks bounds the candidate representatives a document is
// compared with in full: those it shares the most bands with.
const maxVersionChecks = 4

// VersionGroup is a set of documents that are near-copies of one of them.
type VersionGroup struct {
	// Rep is the representative: the group's first document in the order
	// the documents were given (its earliest version, in path order).
	Rep int
	// Members are the other documents, in ascending order. Each was
	// aligned with Rep only.
	Members []int
}

// docFingerprints returns each document's winnowed fingerprints (the ones
// the index of candidate pairs holds), in order of position, and the sketch
// of all its fingerprints (see sketch), zero for a document of fewer than
// opt.MinWords words, which is never grouped.
func docFingerprints(ctx context.Context, docs []*compare.Document, opt Options) ([][]uint64, []gram.Sketch, error) {
	fps := make([][]uint64, len(docs))
	sketches := make([]gram.Sketch, len(docs))
	err := parallel.For(ctx, len(docs), opt.Workers, func(i int) {
		kbuf, buf := gram.Buffer(), gram.Buffer()
		keys, shared := docs[i].TokenKeysInto(*kbuf)
		if !shared {
			*kbuf = keys
		}
		defer gram.Recycle(kbuf)
		h := gram.Grams(keys, 0, len(keys), opt.SeedWords, nil, *buf)
		fp := make([]uint64, 0, len(h)*2/(winnowWindow+1)+16)
		gram.Winnow(h, winnowWindow, func(x uint64) { fp = append(fp, x) })
		if len(keys) >= opt.MinWords {
			sketches[i] = gram.NewSketch(h)
		}
		*buf = h
		gram.Recycle(buf)
		fps[i] = fp
	})
	return fps, sketches, err
}

// minSketchContainment is the least estimate (similar) with which a
// document joins a representative; the exact bound, minVersionContainment,
// is checked after. Below it lie four standard deviations of the
// estimate for a true share of 0.8.
const minSketchContainment = 0.65

// sortedGrams returns d's fingerprints (all of them, stop-word grams left
// out), sorted, each once.
func sortedGrams(d *compare.Document, k int) []uint64 {
	keys := d.TokenKeys()
	h := gram.Grams(keys, 0, len(keys), k, nil, nil)
	slices.Sort(h)
	h = slices.Compact(h)
	if len(h) > 0 && h[0] == 0 {
		h = h[1:]
	}
	return h
}

// nearCopies reports whether documents with fingerprint sets x and y
// (sortedGrams) are near-copies (see minVersionContainment and
// minVersionSize).
func nearCopies(x, y []uint64) bool {
	small, large := min(len(x), len(y)), max(len(x), len(y))
	if small == 0 || float64(small) < minVersionSize*float64(large) {
		return false
	}
	return float64(gram.SharedCount(x, y)) >= minVersionContainment*float64(small)
}

// versionGroups groups the documents that are near-copies of one another,
// given their sketches (docFingerprints): the groups of at least
// MinVersions documents, in order of their representatives.
//
// Documents are taken in order; each is compared, on sketches, with the
// representatives it shares a band of its sketch with (at most
// maxVersionChecks of them, those sharing the most bands first) and joins
// the one it seems most similar to, or else becomes a representative
// itself. Only representatives go into the buckets, so a document is
// compared with a bounded number of others whatever the size of its
// group. Then each member is checked exactly against its representative,
// in parallel (nearCopies on all their fingerprints), and leaves the
// group if it fails. The work is linear in the number of documents. A
// chain of drafts that drifts (each a near-copy of the one before, the
// last no longer one of the first) makes several groups.
func versionGroups(ctx context.Context, docs []*compare.Document, sketches []gram.Sketch, opt Options) ([]VersionGroup, error) {
	bucket := map[uint64]int32{} // band key → the first representative with it
	rep := make([]int32, len(docs))
	size := make([]int32, len(docs)) // documents represented, the representative included
	type cand struct{ doc, bands int32 }
	var cands []cand
	for d := range docs {
		if d%1024 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		rep[d] = int32(d)
		sk := &sketches[d]
		if sk.N == 0 {
			continue // too short to group
		}
		var keys [gram.SketchBands]uint64
		cands = cands[:0]
		for b := range gram.SketchBands {
			k := uint64(b + 1)
			for _, v := range sk.Bins[b*gram.SketchRows : (b+1)*gram.SketchRows] {
				k = gram.Mix(k*gram.Mul + v)
			}
			keys[b] = k
			r, ok := bucket[k]
			if !ok {
				continue
			}
			if i := slices.IndexFunc(cands, func(c cand) bool { return c.doc == r }); i >= 0 {
				cands[i].bands++
			} else {
				cands = append(cands, cand{r, 1})
			}
		}
		slices.SortFunc(cands, func(x, y cand) int {
			if x.bands != y.bands {
				return int(y.bands - x.bands)
			}
			return int(x.doc - y.doc)
		})
		best, bestSim := int32(-1), minSketchContainment
		for _, c := range cands[:min(len(cands), maxVersionChecks)] {
			if s := sketches[c.doc].Containment(sk, minVersionSize); s >= bestSim {
				best, bestSim = c.doc, s
			}
		}
		if best >= 0 {
			rep[d] = best
			size[best]++
			continue
		}
		size[d] = 1
		for _, k := range keys {
			if _, ok := bucket[k]; !ok {
				bucket[k] = int32(d)
			}
		}
	}
	// The exact check, group by group, the members of each in parallel.
	// Members are listed by representative: start[r] is where r's begin.
	start := make([]int32, len(docs)+1)
	for d, r := range rep {
		if int(r) != d && size[r] >= MinVersions {
			start[r+1]++
		}
	}
	for r := range docs {
		start[r+1] += start[r]
	}
	listed := make([]int32, start[len(docs)])
	next := slices.Clone(start[:len(docs)])
	for d, r := range rep {
		if int(r) != d && size[r] >= MinVersions {
			listed[next[r]] = int32(d)
			next[r]++
		}
	}
	next = nil
	for r := range docs {
		members := listed[start[r]:start[r+1]]
		if len(members) == 0 {
			continue
		}
		rg := sortedGrams(docs[r], opt.SeedWords)
		if err := parallel.For(ctx, len(members), opt.Workers, func(i int) {
			m := members[i]
			if !nearCopies(rg, sortedGrams(docs[m], opt.SeedWords)) {
				rep[m] = m // back on its own
			}
		}); err != nil {
			return nil, err
		}
		size[r] = 1
		for _, m := range members {
			if rep[m] == int32(r) {
				size[r]++
			}
		}
	}
	var groups []VersionGroup
	at := make(map[int32]int) // representative → its group in groups
	for d, r := range rep {
		if size[r] < MinVersions {
			continue
		}
		if int(r) == d {
			at[r] = len(groups)
			groups = append(groups, VersionGroup{Rep: d, Members: make([]int, 0, size[r]-1)})
			continue
		}
		g := &groups[at[r]]
		g.Members = append(g.Members, d)
	}
	return groups, nil
}

// CheckAlignVersions reports a group of documents that are near-copies of
// one of them.
var CheckAlignVersions = &compare.Check{
	ID:       "align.versions",
	Title:    "Documents that are near-copies of another",
	Severity: compare.Info,
	Help: `Several documents are versions of one text: each shares at least 80% of its word sequences ` +
		`with the group's first document (in path order), its representative, and is of a similar ` +
		`length. One finding per group, at the representative, lists every other version ("version") ` +
		`at the first place it differs, with its similarity to the representative (2 × shared words / ` +
		`words of both), the words it ` +
		`adds and drops, and a word diff of the places that differ, shown as [-removed-]{+added+}. ` +
		`Each version is aligned with the representative only, not with every other version, so that ` +
		`the work and the report grow with the number of versions and not with its square: what the ` +
		`versions share with the representative is this finding, not align.passage findings; ` +
		`passages the group shares with other documents are reported once, with the representative, ` +
		`and text a version adds shows in its word diff. Groups have at ` +
		`least three documents; two near-copies are one align.passage. Keep the versions you mean to ` +
		`keep, or align two of them to see every difference.`,
}

// maxNamedVersions bounds the versions a versions finding names in its
// message (all of them are related places and details).
const maxNamedVersions = 2

// versionsFinding is the align.versions finding of group g, whose members'
// alignments with the representative are pairs[i] for each member i (nil
// when the alignment found nothing). Its related places and details are
// left out when admit says it will be dropped (Pass.Admits).
func versionsFinding(docs []*compare.Document, g VersionGroup, pairs [][]Passage, timeout time.Duration, admit func(*compare.Finding) bool) compare.Finding {
	rd := docs[g.Rep]
	type stat struct {
		sim                    float64
		shared, added, dropped int
	}
	stats := make([]stat, len(g.Members))
	lo, hi := 1.0, 0.0
	for i, m := range g.Members {
		shared := 0
		for _, p := range pairs[i] {
			shared += p.Matched
		}
		wr, wm := len(rd.Tokens), len(docs[m].Tokens)
		s := stat{shared: shared, added: max(0, wm-shared), dropped: max(0, wr-shared)}
		if wr+wm > 0 {
			s.sim = 2 * float64(shared) / float64(wr+wm)
		}
		stats[i] = s
		lo, hi = min(lo, s.sim), max(hi, s.sim)
	}
	var names []string
	for _, m := range g.Members[:min(len(g.Members), maxNamedVersions)] {
		names = append(names, docName(docs[m], rd))
	}
	if n := len(g.Members) - len(names); n > 0 {
		names = append(names, fmt.Sprintf("+%d more", n))
	}
	f := compare.Newf(CheckAlignVersions, rd, firstWord(rd), "%d documents are near-copies of this one, %s: %s",
		len(g.Members), similarityRange(lo, hi), strings.Join(names, ", "))
	if !admit(&f) {
		return f
	}
	members := make([]map[string]any, len(g.Members))
	for i, m := range g.Members {
		md := docs[m]
		diff, first := versionDiff(rd, md, pairs[i], timeout)
		f.Relate("version", md, first)
		s := stats[i]
		members[i] = map[string]any{
			"file":          md.Path,
			"similarity":    round3(s.sim),
			"shared_words":  s.shared,
			"added_words":   s.added,
			"dropped_words": s.dropped,
			"word_diff":     diff,
		}
	}
	f.Details = map[string]any{
		"versions":       len(g.Members),
		"similarity_min": round3(lo),
		"similarity_max": round3(hi),
		"members":        members,
	}
	return f
}

// similarityRange says how similar the versions are: "99% similar",
// "96% to 99% similar", or "identical" (case, punctuation and spacing
// aside).
func similarityRange(lo, hi float64) string {
	pct := func(x float64) int { return min(99, int(math.Round(x*100))) }
	switch {
	case lo >= 0.9995:
		return "identical"
	case pct(lo) == pct(hi) && hi < 0.9995:
		return fmt.Sprintf("%d%% similar", pct(lo))
	case hi >= 0.9995:
		return fmt.Sprintf("%d%% similar to identical", pct(lo))
	}
	return fmt.Sprintf("%d%% to %d%% similar", pct(lo), pct(hi))
}

// versionDiff is the word diff of version d against the representative
// rep: the word diff of each passage they share (ps, in order), long
// equal runs cut (as align.passage's), joined by " … " where a passage
// ends, cut to maxDiffShown code points. first is where d first differs
// from rep: the span of d's first word that is not an equal step of the
// diff (its first word when it does not begin with a shared passage, or
// when it is identical to rep).
func versionDiff(rep, d *compare.Document, ps []Passage, timeout time.Duration) (diff string, first compare.Span) {
	first = firstWord(d)
	found := len(ps) == 0 || len(d.Tokens) == 0 || ps[0].B.Start > d.Tokens[0].Start()
	var sb strings.Builder
	for i, p := range ps {
		if sb.Len() > 4*maxDiffShown && found {
			break // what follows would be cut
		}
		ops := Diff(rep, d, p, timeout)
		if !found {
			for _, op := range ops {
				if op.Op == "equal" {
					continue
				}
				if t := d.TokenAt(op.B.Start); t < len(d.Tokens) {
					first = d.Tokens[t].Span()
				}
				found = true
				break
			}
		}
		if i > 0 {
			sb.WriteString(" … ")
		}
		// A few steps at a time, up to what the cut keeps.
		for c := 0; c < len(ops) && sb.Len() <= 4*maxDiffShown; c += 16 {
			if c > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(compare.FormatWordDiff(ops[c:min(len(ops), c+16)], rep, d, maxEqualShown))
		}
	}
	return compare.Shorten(sb.String(), maxDiffShown), first
}

// reportVersions reports the align.versions finding of each group, in
// order, from the pairs its members make with its representative, and
// returns whether a pair is one of those (its passages are in the group's
// finding and are not reported again as align.passage). It stops when ctx
// is done.
func reportVersions(ctx context.Context, p *compare.Pass, pairs []Pair, groups []VersionGroup, timeout time.Duration) (versionPair func(Pair) bool) {
	docs := p.Docs
	if len(groups) == 0 {
		return func(Pair) bool { return false }
	}
	repOf := make([]int32, len(docs))
	for i := range repOf {
		repOf[i] = -1
	}
	for _, g := range groups {
		for _, m := range g.Members {
			repOf[m] = int32(g.Rep)
		}
	}
	versionPair = func(p Pair) bool { return repOf[p.B] == int32(p.A) }
	shared := make([][]Passage, len(docs)) // a member's passages with its representative
	for _, p := range pairs {
		if versionPair(p) {
			shared[p.B] = p.Passages
		}
	}
	for _, g := range groups {
		if ctx.Err() != nil {
			break
		}
		ps := make([][]Passage, len(g.Members))
		for i, m := range g.Members {
			ps[i] = shared[m]
		}
		p.Report(versionsFinding(docs, g, ps, timeout, p.Admits))
	}
	return versionPair
}
