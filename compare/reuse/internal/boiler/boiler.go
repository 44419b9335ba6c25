// Package boiler finds the boilerplate of a set of documents: stretches
// of words common to many of them, or given as boilerplate, grouped by
// text. Package reuse reports them (repeat.boilerplate) and leaves them out
// of passages and claims.
package boiler

import (
	"context"
	"math/bits"
	"slices"
	"sync"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/reuse/internal/gram"
	"github.com/crosscheck/crosscheck/compare/reuse/internal/parallel"
)

// Options say what is boilerplate.
type Options struct {
	// MinDocs is the fewest documents a stretch must be found in; zero
	// means the default rule (see MinDocsOf).
	MinDocs int
	// MinWords is the fewest words of a stretch (must be set).
	MinWords int
	// MaxDocs is the alignment's: text in more documents seeds no passage.
	// Zero means max(10, n/20).
	MaxDocs int
	// Marked lists texts that are boilerplate wherever they are found.
	Marked []string
	// MaxListed bounds the places a group lists (Count has them all).
	MaxListed int
	// Group, when set, gives for each document the first document of its
	// group of versions (near-copies of one another; itself when it has
	// none): the documents of a group count as one, so that text common
	// to ten drafts of one notice is not their boilerplate.
	Group []int32
}

// group returns the number that stands for document i when counting the
// documents a text is found in.
func (o Options) group(i int) uint64 {
	if o.Group != nil {
		return uint64(o.Group[i])
	}
	return uint64(i)
}

// units counts the documents, a group of versions as one.
func (o Options) units(n int, skip []bool) int {
	seen := map[uint64]bool{}
	for i := 0; i < n; i++ {
		if skip == nil || !skip[i] {
			seen[o.group(i)] = true
		}
	}
	return len(seen)
}

// MinDocsOf is the fewest of n documents that make text boilerplate:
// MinDocs when set (at least 2); otherwise at least 4 documents and at
// least half of them, and never more than MaxDocs+1 (text in more
// documents than MaxDocs seeds no passage, and is reported as boilerplate
// instead of nowhere). Four, not three: a passage quoted in a summary, the
// body and an annex, or shared by three reports, is a copy that
// repeat.passage reports; in four documents and half of the collection or
// more it is the collection's own text.
func (o Options) MinDocsOf(n int) int {
	if o.MinDocs > 0 {
		return max(2, o.MinDocs)
	}
	maxDocs := o.MaxDocs
	if maxDocs <= 0 {
		maxDocs = max(10, n/20)
	}
	return max(4, min((n+1)/2, maxDocs+1))
}

// Result is what Find returns.
type Result struct {
	// MinDocs is the number of documents that made text boilerplate.
	MinDocs int
	Groups  []Group
	// Ranges holds each document's boilerplate as token ranges [lo, hi),
	// in order, apart.
	Ranges [][][2]int32
}

// Group is one boilerplate text and the places it is found.
type Group struct {
	Places []Place // by document, then offset; at most Options.MaxListed
	Count  int     // all its places
	Docs   int     // the documents it is found in
	Marked bool    // given as boilerplate rather than found common
}

// Place is a stretch of boilerplate: tokens [Lo, Hi) of document Doc.
type Place struct {
	Doc    int
	Lo, Hi int32
}

// The fingerprints of boilerplate: hashes of bpGram consecutive token
// keys, winnowed in windows of bpWindow to count the documents holding
// each, so that any common stretch of bpGram+bpWindow-1 words or more (12,
// DefaultMinWords) is seen.
const (
	bpGram   = 7
	bpWindow = 6
	// bpVersion is the share of a document's words common to the others
	// past which it is a version of them rather than a host of boilerplate.
	bpVersion = 0.8
)

// Find returns the stretches of at least opt.MinWords words found in at
// least opt.MinDocsOf(n) of the n documents, and those of the texts
// opt.Marked, grouped by text. Stretches of one text in different
// documents share fingerprints; overlapping stretches are one. The
// documents that share more than bpVersion of their words with the
// others are versions of them and hold no boilerplate; the number of
// documents that makes text boilerplate is taken over the others.
//
// It costs a pass over every document's words and a sort of under a third
// of them (the winnowed fingerprints), then work in proportion to the
// common text.
func Find(ctx context.Context, docs []*compare.Document, opt Options) (*Result, error) {
	n := len(docs)
	units := opt.units(n, nil)
	r := &Result{MinDocs: opt.MinDocsOf(units), Ranges: make([][][2]int32, n)}
	var found [][]stretch // by document
	if units >= 2 && units >= r.MinDocs {
		var err error
		if found, r.MinDocs, err = commonStretches(ctx, docs, opt); err != nil {
			return nil, err
		}
	}
	if found == nil {
		found = make([][]stretch, n)
	}
	for mi, m := range opt.Marked {
		markedStretches(docs, m, mi, found)
	}
	r.group(found, opt)
	return r, ctx.Err()
}

// stretch is a run of boilerplate tokens [lo, hi) of one document; marked
// is 1 + the index of the marked text it is, or 0 when it was found common.
type stretch struct {
	lo, hi int32
	marked int
	grams  []uint64 // its common fingerprints, to group stretches by text
}

// withGrams calls f with the fingerprints of d (docGrams of its keys) in
// buffers that are reused once f returns: f must not keep h. The keys are
// not kept on d (TokenKeysInto): the claims command needs them only here,
// and a fresh slice for each of the several reads of a document was a
// quarter of what that command allocated.
func withGrams(d *compare.Document, f func(h []uint64)) {
	kp, hp := gram.Buffer(), gram.Buffer()
	keys, shared := d.TokenKeysInto(*kp)
	if !shared {
		*kp = keys
	}
	*hp = docGrams(keys, *hp)
	f(*hp)
	gram.Recycle(kp)
	gram.Recycle(hp)
}

// docGrams returns the fingerprint of every bpGram-word run of keys
// (position t for keys[t:t+bpGram]), appended to buf[:0].
func docGrams(keys []uint64, buf []uint64) []uint64 {
	out := buf[:0]
	if len(keys) < bpGram {
		return out
	}
	if n := len(keys) - bpGram + 1; cap(out) < n {
		out = make([]uint64, 0, n)
	}
	pow := uint64(1)
	for range bpGram - 1 {
		pow *= gram.Mul
	}
	h := uint64(0)
	for t := 0; t < bpGram; t++ {
		h = h*gram.Mul + keys[t]
	}
	out = append(out, gram.Mix(h)|1)
	for t := bpGram; t < len(keys); t++ {
		h = (h-keys[t-bpGram]*pow)*gram.Mul + keys[t]
		out = append(out, gram.Mix(h)|1)
	}
	return out
}

// winnowGrams calls f with the smallest fingerprint of every window of w
// (the rightmost of equal ones), each chosen one once.
func winnowGrams(h []uint64, w int, f func(uint64)) {
	if len(h) < w {
		for _, x := range h {
			f(x)
		}
		return
	}
	last := -1
	for s := 0; s+w <= len(h); s++ {
		m := s
		for t := s + 1; t < s+w; t++ {
			if h[t] <= h[m] {
				m = t
			}
		}
		if m != last {
			f(h[m])
			last = m
		}
	}
}

// countDocs sorts entries (a fingerprint with a document number in the low
// bits under mask) and adds to set every fingerprint found in at least
// least documents.
//
// The entries are split by their top bits into buckets sorted in parallel:
// this sort is most of the cost of looking for boilerplate.
func countDocs(ctx context.Context, entries []uint64, mask uint64, least int, set *gram.Filter) error {
	const bucketBits = 8
	var starts [1<<bucketBits + 1]int
	for _, e := range entries {
		starts[e>>(64-bucketBits)+1]++
	}
	for b := 1; b < len(starts); b++ {
		starts[b] += starts[b-1]
	}
	sorted := make([]uint64, len(entries))
	next := starts
	for _, e := range entries {
		b := e >> (64 - bucketBits)
		sorted[next[b]] = e
		next[b]++
	}
	found := make([][]uint64, 1<<bucketBits)
	err := parallel.For(ctx, 1<<bucketBits, 0, func(b int) {
		es := sorted[starts[b]:starts[b+1]]
		slices.Sort(es)
		es = slices.Compact(es) // once a document
		for i := 0; i < len(es); {
			h := es[i] &^ mask
			j := i + 1
			for j < len(es) && es[j]&^mask == h {
				j++
			}
			if j-i >= least {
				found[b] = append(found[b], h|1)
			}
			i = j
		}
	})
	for _, f := range found {
		for _, h := range f {
			set.Set.Add(h)
		}
	}
	return err
}

// commonStretches finds the stretches of the documents common to enough
// of them, and returns the number of documents that made them common.
// Winnowed fingerprints find the common text cheaply; then the documents
// that are mostly common text (versions) are set aside, and every
// fingerprint near a common one is counted again over the others, so that
// the stretches have exact edges and versions make nothing boilerplate.
func commonStretches(ctx context.Context, docs []*compare.Document, opt Options) ([][]stretch, int, error) {
	n := len(docs)
	docBits := bits.Len(uint(n))
	mask := uint64(1)<<docBits - 1
	version := make([]bool, n)
	hosts := opt.units(n, nil)
	least := opt.MinDocsOf(hosts)
	seen := &gram.Filter{Mask: mask}
	// Versions found, the fingerprints are counted again without them
	// (once): text common to the other documents may be in fewer of them
	// than the first count asked for.
	for round := 0; round < 2; round++ {
		var mu sync.Mutex
		var entries []uint64
		err := parallel.For(ctx, n, 0, func(i int) {
			if version[i] {
				return
			}
			var fp []uint64
			withGrams(docs[i], func(h []uint64) {
				fp = make([]uint64, 0, len(h)*2/(bpWindow+1)+4)
				winnowGrams(h, bpWindow, func(x uint64) { fp = append(fp, x&^mask|opt.group(i)) })
			})
			mu.Lock()
			entries = append(entries, fp...)
			mu.Unlock()
		})
		if err != nil {
			return nil, 0, err
		}
		seen = &gram.Filter{Mask: mask}
		if err := countDocs(ctx, entries, mask, least, seen); err != nil {
			return nil, 0, err
		}
		entries = nil
		if seen.Set.Len() == 0 {
			return nil, least, nil
		}
		err = parallel.For(ctx, n, 0, func(i int) {
			if !version[i] && commonShare(docs[i], seen) > bpVersion {
				version[i] = true
			}
		})
		if err != nil {
			return nil, 0, err
		}
		hosts = opt.units(n, version)
		if opt.MinDocsOf(hosts) >= least || hosts < 2 {
			break
		}
		least = opt.MinDocsOf(hosts)
	}
	least = opt.MinDocsOf(hosts)
	if hosts < least {
		return nil, least, nil
	}
	// The fingerprints near a common one, of the documents that are not
	// versions, counted again among those documents.
	near := make([][]uint64, n)
	err := parallel.For(ctx, n, 0, func(i int) {
		if version[i] {
			return
		}
		var out []uint64
		withGrams(docs[i], func(h []uint64) {
			next := 0
			for t, x := range h {
				if !seen.Has(x) {
					continue
				}
				for u := max(next, t-bpWindow+1); u < min(len(h), t+bpWindow); u++ {
					out = append(out, h[u]&^mask|opt.group(i))
				}
				next = max(next, t+bpWindow)
			}
		})
		near[i] = out
	})
	if err != nil {
		return nil, 0, err
	}
	var all []uint64
	for _, e := range near {
		all = append(all, e...)
	}
	common := &gram.Filter{Mask: mask}
	if err := countDocs(ctx, all, mask, least, common); err != nil {
		return nil, 0, err
	}
	all = nil
	out := make([][]stretch, n)
	if common.Set.Len() == 0 {
		return out, least, nil
	}
	err = parallel.For(ctx, n, 0, func(i int) {
		if near[i] == nil {
			return
		}
		ss := out[i]
		withGrams(docs[i], func(h []uint64) {
			for t, x := range h {
				if !common.Has(x) {
					continue
				}
				if k := len(ss) - 1; k >= 0 && int32(t) <= ss[k].hi {
					ss[k].hi = int32(t + bpGram)
					ss[k].grams = append(ss[k].grams, x)
					continue
				}
				ss = append(ss, stretch{lo: int32(t), hi: int32(t + bpGram), grams: []uint64{x}})
			}
		})
		out[i] = ss
		kept := out[i][:0]
		for _, s := range out[i] {
			if int(s.hi-s.lo) >= opt.MinWords {
				kept = append(kept, s)
			}
		}
		out[i] = kept
	})
	return out, least, err
}

// commonShare is the share of d's words covered by fingerprints of set.
func commonShare(d *compare.Document, set *gram.Filter) float64 {
	if len(d.Tokens) == 0 {
		return 0
	}
	covered, end := 0, 0
	withGrams(d, func(h []uint64) {
		for t, x := range h {
			if set.Has(x) {
				covered += t + bpGram - max(t, end)
				end = t + bpGram
			}
		}
	})
	return float64(covered) / float64(len(d.Tokens))
}

// markedStretches adds to found every place where marked text mi is, word
// for word.
func markedStretches(docs []*compare.Document, text string, mi int, found [][]stretch) {
	want := compare.NewTextDocument("boilerplate", text).TokenKeys()
	if len(want) == 0 {
		return
	}
	for i, d := range docs {
		keys := d.TokenKeys()
		for t := 0; t+len(want) <= len(keys); t++ {
			if keys[t] == want[0] && slices.Equal(keys[t:t+len(want)], want) {
				found[i] = append(found[i], stretch{lo: int32(t), hi: int32(t + len(want)), marked: mi + 1})
				t += len(want) - 1
			}
		}
	}
}

// group merges each document's overlapping stretches, groups the
// stretches of one text across documents (they share a fingerprint, or
// are one marked text), and keeps the groups found in enough documents
// (any marked one).
func (r *Result) group(found [][]stretch, opt Options) {
	type ref struct{ doc, k int }
	var refs []ref
	var parent []int
	find := func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	union := func(x, y int) {
		if x, y = find(x), find(y); x != y {
			parent[max(x, y)] = min(x, y)
		}
	}
	byGram := map[uint64]int{}
	byMark := map[int]int{}
	for i := range found {
		ss := found[i]
		slices.SortFunc(ss, func(x, y stretch) int { return int(x.lo - y.lo) })
		merged := ss[:0]
		first := len(refs)
		for _, s := range ss {
			if k := len(merged) - 1; k >= 0 && s.lo < merged[k].hi {
				m := &merged[k]
				m.hi = max(m.hi, s.hi)
				m.grams = append(m.grams, s.grams...)
				if s.marked > 0 {
					if j, ok := byMark[s.marked]; ok {
						union(j, first+k)
					} else {
						byMark[s.marked] = first + k
					}
				}
				continue
			}
			refs = append(refs, ref{i, len(merged)})
			parent = append(parent, len(parent))
			merged = append(merged, s)
			if s.marked > 0 {
				if j, ok := byMark[s.marked]; ok {
					union(j, len(refs)-1)
				} else {
					byMark[s.marked] = len(refs) - 1
				}
			}
		}
		found[i] = merged
		for k, s := range merged {
			for _, g := range s.grams {
				if j, ok := byGram[g]; ok {
					union(j, first+k)
				} else {
					byGram[g] = first + k
				}
			}
		}
	}
	members := map[int][]int{}
	var roots []int
	for x := range refs {
		root := find(x)
		if _, ok := members[root]; !ok {
			roots = append(roots, root)
		}
		members[root] = append(members[root], x)
	}
	for _, root := range roots {
		ms := members[root]
		g := Group{Count: len(ms)}
		lastDoc := -1
		for _, x := range ms {
			rf := refs[x]
			s := found[rf.doc][rf.k]
			if s.marked > 0 {
				g.Marked = true
			}
			if rf.doc != lastDoc {
				g.Docs++
				lastDoc = rf.doc
			}
		}
		if !g.Marked && g.Docs < r.MinDocs {
			continue
		}
		for _, x := range ms {
			rf := refs[x]
			s := found[rf.doc][rf.k]
			r.Ranges[rf.doc] = append(r.Ranges[rf.doc], [2]int32{s.lo, s.hi})
			if opt.MaxListed <= 0 || len(g.Places) < opt.MaxListed {
				g.Places = append(g.Places, Place{Doc: rf.doc, Lo: s.lo, Hi: s.hi})
			}
		}
		r.Groups = append(r.Groups, g)
	}
	for i := range r.Ranges {
		slices.SortFunc(r.Ranges[i], func(x, y [2]int32) int { return int(x[0] - y[0]) })
	}
}
