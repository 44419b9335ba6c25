package reuse

import (
	"context"
	"fmt"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/crosscheck/crosscheck/compare"
)

// CheckRepeatBoilerplate reports text common to many of the documents.
var CheckRepeatBoilerplate = &compare.Check{
	ID:       "repeat.boilerplate",
	Title:    "Boilerplate found in many of the documents",
	Severity: compare.Info,
	Help: `A stretch of text (a disclaimer, a header or footer, a standard paragraph) is found in so ` +
		`many of the documents that it is their boilerplate rather than a passage copied from one into ` +
		`another: by default in at least 3 documents and in at least half of them, and in any run in more ` +
		`documents than the engine lets seed a passage (max(10, n/20) of n documents); ` +
		`--boilerplate-docs sets the number instead. Text given with --boilerplate (boilerplate = ` +
		`["…"] in crosscheck.toml) is boilerplate wherever it is found, however often. All its places ` +
		`make one finding, at the first, with the others related ("also"). Boilerplate is left out of ` +
		`the other findings: align.passage and repeat.passage stop at its edges and never run on across ` +
		`it into the text around it, and claims made in it are not compared. Stretches shorter than ` +
		`--min-words are not reported, and a document that shares most of its words with the others is ` +
		`a version of them, not a host of boilerplate: it is left to align. Nothing needs doing; the ` +
		`finding says where the text is, so that a change to it can be made everywhere.`,
}

// BoilerplateOptions say what is boilerplate.
type BoilerplateOptions struct {
	// MinDocs is the fewest documents a stretch must be found in to be
	// boilerplate. Zero means the default rule: at least 3 documents and
	// at least half of them, and never more than MaxDocs+1 (text in more
	// documents than MaxDocs seeds no passage, and is reported here
	// instead of nowhere).
	MinDocs int
	// MinWords is the fewest words of a boilerplate stretch (default
	// DefaultMinWords, as for passages).
	MinWords int
	// MaxDocs is Options.MaxDocs: zero means max(10, n/20).
	MaxDocs int
	// Marked lists texts that are boilerplate wherever they are found
	// (compared as words: case, punctuation and line breaks do not matter).
	Marked []string
}

func (o BoilerplateOptions) withDefaults() BoilerplateOptions {
	if o.MinWords <= 0 {
		o.MinWords = DefaultMinWords
	}
	o.MinDocs = max(0, o.MinDocs)
	o.MaxDocs = max(0, o.MaxDocs)
	return o
}

// minDocs is the fewest documents of n that make text boilerplate.
func (o BoilerplateOptions) minDocs(n int) int {
	if o.MinDocs > 0 {
		return max(2, o.MinDocs)
	}
	maxDocs := o.MaxDocs
	if maxDocs <= 0 {
		maxDocs = max(10, n/20)
	}
	return max(3, min((n+1)/2, maxDocs+1))
}

// key is the options as a comparable value, for sharing one analyzer.
func (o BoilerplateOptions) key() string {
	return fmt.Sprintf("%d/%d/%d/%q", o.MinDocs, o.MinWords, o.MaxDocs, o.Marked)
}

// Boilerplate is what BoilerplateAnalyzer finds: the stretches of text
// common to many of the documents (or marked as boilerplate), by group of
// places holding the same text. Those who read it must not change it.
type Boilerplate struct {
	// MinDocs is the number of documents that made text boilerplate.
	MinDocs int
	Groups  []BoilerplateGroup
	// toks holds each document's boilerplate as token ranges [lo, hi), in
	// order, apart.
	toks [][][2]int32
	docs []*compare.Document
}

// BoilerplateGroup is one boilerplate text and the places it is found.
type BoilerplateGroup struct {
	Places []Place // by document, then offset; at most MaxListedPlaces
	Count  int     // all its places
	Docs   int     // the documents it is found in
	Marked bool    // given as boilerplate rather than found common
}

// Spans returns the boilerplate of document i as Text spans, in order.
func (b *Boilerplate) Spans(i int) []compare.Span {
	if b == nil || i >= len(b.toks) {
		return nil
	}
	d := b.docs[i]
	out := make([]compare.Span, len(b.toks[i]))
	for k, r := range b.toks[i] {
		out[k] = compare.Span{Start: d.Tokens[r[0]].Start, End: d.Tokens[r[1]-1].End}
	}
	return out
}

// inside reports whether token t of document doc is boilerplate.
func (b *Boilerplate) inside(doc int, t int32) bool {
	rs := b.toks[doc]
	k := sort.Search(len(rs), func(k int) bool { return rs[k][1] > t })
	return k < len(rs) && rs[k][0] <= t
}

// overlaps reports whether tokens [lo, hi) of document doc hold boilerplate.
func (b *Boilerplate) overlaps(doc int, lo, hi int32) bool {
	if b == nil || doc >= len(b.toks) {
		return false
	}
	rs := b.toks[doc]
	k := sort.Search(len(rs), func(k int) bool { return rs[k][1] > lo })
	return k < len(rs) && rs[k][0] < hi
}

// boilerplateAnalyzers holds one BoilerplateAnalyzer per set of options.
var boilerplateAnalyzers sync.Map // BoilerplateOptions.key() → *compare.Analyzer

// BoilerplateAnalyzer returns the analyzer that finds the documents'
// boilerplate under opt (FindBoilerplate), reports one repeat.boilerplate
// finding per boilerplate text, and returns the *Boilerplate for the
// analyzers that leave it out (repeats, align, claims). For equal options
// it returns the same analyzer, so that they share one run.
func BoilerplateAnalyzer(opt BoilerplateOptions) *compare.Analyzer {
	opt = opt.withDefaults()
	if a, ok := boilerplateAnalyzers.Load(opt.key()); ok {
		return a.(*compare.Analyzer)
	}
	a, _ := boilerplateAnalyzers.LoadOrStore(opt.key(), &compare.Analyzer{
		Name:   "boilerplate",
		Doc:    "Text common to many of the documents, or marked as boilerplate.",
		Checks: []*compare.Check{CheckRepeatBoilerplate},
		Run: func(ctx context.Context, p *compare.Pass) (any, error) {
			b, err := FindBoilerplate(ctx, p.Docs, opt)
			if err != nil {
				return nil, err
			}
			for _, g := range b.Groups {
				p.Report(boilerplateFinding(p.Docs, g))
			}
			return b, nil
		},
	})
	return a.(*compare.Analyzer)
}

func boilerplateFinding(docs []*compare.Document, g BoilerplateGroup) compare.Finding {
	first := g.Places[0]
	d := docs[first.Doc]
	what := "boilerplate"
	if g.Marked {
		what = "boilerplate (as configured)"
	}
	where := fmt.Sprintf("in %d documents", g.Docs)
	if g.Docs == 1 {
		where = "in this document"
	}
	if g.Count > g.Docs {
		where += fmt.Sprintf(", %d places", g.Count)
	}
	f := compare.Newf(CheckRepeatBoilerplate, d, first.Span, "%s of %d words %s", what, first.Words, where)
	for _, pl := range g.Places[1:] {
		f.Relate("also", docs[pl.Doc], pl.Span)
	}
	f.Details = map[string]any{
		"words":     first.Words,
		"documents": g.Docs,
		"places":    g.Count,
		"marked":    g.Marked,
	}
	return f
}

// The fingerprints of boilerplate: hashes of bpGram consecutive token
// keys, winnowed in windows of bpWindow to count the documents holding
// each, so that any common stretch of bpGram+bpWindow-1 words or more is
// seen.
const (
	bpGram   = 8
	bpWindow = 4
	// bpVersion is the share of a document's words common to the others
	// past which it is a version of them rather than a host of boilerplate.
	bpVersion = 0.8
)

// FindBoilerplate returns the stretches of at least opt.MinWords words
// found in at least opt.minDocs(n) of the n documents, and those of the
// texts opt.Marked, grouped by text. Stretches of one text in different
// documents share fingerprints; overlapping stretches are one. The
// documents that share more than bpVersion of their words with the
// others are versions of them and hold no boilerplate; the number of
// documents that makes text boilerplate is taken over the others.
//
// It costs a pass over every document's words and a sort of a fifth of
// them (the winnowed fingerprints), then work in proportion to the common
// text.
func FindBoilerplate(ctx context.Context, docs []*compare.Document, opt BoilerplateOptions) (*Boilerplate, error) {
	opt = opt.withDefaults()
	n := len(docs)
	b := &Boilerplate{MinDocs: opt.minDocs(n), toks: make([][][2]int32, n), docs: docs}
	var found [][]stretch // by document
	if n >= 2 && n >= b.MinDocs {
		var err error
		if found, b.MinDocs, err = commonStretches(ctx, docs, opt); err != nil {
			return nil, err
		}
	}
	if found == nil {
		found = make([][]stretch, n)
	}
	for mi, m := range opt.Marked {
		markedStretches(docs, m, mi, found)
	}
	b.group(found, opt)
	return b, ctx.Err()
}

// stretch is a run of boilerplate tokens [lo, hi) of one document; marked
// is 1 + the index of the marked text it is, or 0 when it was found common.
type stretch struct {
	lo, hi int32
	marked int
	grams  []uint64 // its common fingerprints, to group stretches by text
}

// docGrams returns the fingerprint of every bpGram-word run of keys
// (position t for keys[t:t+bpGram]), appended to buf[:0].
func docGrams(keys []uint64, buf []uint64) []uint64 {
	out := buf[:0]
	if len(keys) < bpGram {
		return out
	}
	pow := uint64(1)
	for range bpGram - 1 {
		pow *= gramMul
	}
	h := uint64(0)
	for t := 0; t < bpGram; t++ {
		h = h*gramMul + keys[t]
	}
	out = append(out, mix64(h)|1)
	for t := bpGram; t < len(keys); t++ {
		h = (h-keys[t-bpGram]*pow)*gramMul + keys[t]
		out = append(out, mix64(h)|1)
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
func countDocs(entries []uint64, mask uint64, least int, set *gramFilter) {
	slices.Sort(entries)
	entries = slices.Compact(entries) // once a document
	for i := 0; i < len(entries); {
		h := entries[i] &^ mask
		j := i + 1
		for j < len(entries) && entries[j]&^mask == h {
			j++
		}
		if j-i >= least {
			set.set.add(h | 1)
		}
		i = j
	}
}

// commonStretches finds the stretches of the documents common to enough
// of them, and returns the number of documents that made them common.
// Winnowed fingerprints find the common text cheaply; then the documents
// that are mostly common text (versions) are set aside, and every
// fingerprint near a common one is counted again over the others, so that
// the stretches have exact edges and versions make nothing boilerplate.
func commonStretches(ctx context.Context, docs []*compare.Document, opt BoilerplateOptions) ([][]stretch, int, error) {
	n := len(docs)
	docBits := bits.Len(uint(n))
	mask := uint64(1)<<docBits - 1
	version := make([]bool, n)
	hosts, least := n, opt.minDocs(n)
	seen := &gramFilter{mask: mask}
	// Versions found, the fingerprints are counted again without them
	// (once): text common to the other documents may be in fewer of them
	// than the first count asked for.
	for round := 0; round < 2; round++ {
		var mu sync.Mutex
		var entries []uint64
		err := parallel(ctx, n, 0, func(i int) {
			if version[i] {
				return
			}
			h := docGrams(docs[i].TokenKeys(), nil)
			fp := make([]uint64, 0, len(h)*2/(bpWindow+1)+4)
			winnowGrams(h, bpWindow, func(x uint64) { fp = append(fp, x&^mask|uint64(i)) })
			mu.Lock()
			entries = append(entries, fp...)
			mu.Unlock()
		})
		if err != nil {
			return nil, 0, err
		}
		seen = &gramFilter{mask: mask}
		countDocs(entries, mask, least, seen)
		entries = nil
		if seen.set.n == 0 {
			return nil, least, nil
		}
		err = parallel(ctx, n, 0, func(i int) {
			if !version[i] && commonShare(docs[i], seen) > bpVersion {
				version[i] = true
			}
		})
		if err != nil {
			return nil, 0, err
		}
		hosts = 0
		for _, v := range version {
			if !v {
				hosts++
			}
		}
		if opt.minDocs(hosts) >= least || hosts < 2 {
			break
		}
		least = opt.minDocs(hosts)
	}
	least = opt.minDocs(hosts)
	if hosts < least {
		return nil, least, nil
	}
	// The fingerprints near a common one, of the documents that are not
	// versions, counted again among those documents.
	near := make([][]uint64, n)
	err := parallel(ctx, n, 0, func(i int) {
		if version[i] {
			return
		}
		h := docGrams(docs[i].TokenKeys(), nil)
		var out []uint64
		next := 0
		for t, x := range h {
			if !seen.has(x) {
				continue
			}
			for u := max(next, t-bpWindow+1); u < min(len(h), t+bpWindow); u++ {
				out = append(out, h[u]&^mask|uint64(i))
			}
			next = max(next, t+bpWindow)
		}
		near[i] = out
	})
	if err != nil {
		return nil, 0, err
	}
	var all []uint64
	for _, e := range near {
		all = append(all, e...)
	}
	common := &gramFilter{mask: mask}
	countDocs(all, mask, least, common)
	all = nil
	out := make([][]stretch, n)
	if common.set.n == 0 {
		return out, least, nil
	}
	err = parallel(ctx, n, 0, func(i int) {
		if near[i] == nil {
			return
		}
		h := docGrams(docs[i].TokenKeys(), nil)
		ss := out[i]
		for t, x := range h {
			if !common.has(x) {
				continue
			}
			if k := len(ss) - 1; k >= 0 && int32(t) <= ss[k].hi {
				ss[k].hi = int32(t + bpGram)
				ss[k].grams = append(ss[k].grams, x)
				continue
			}
			ss = append(ss, stretch{lo: int32(t), hi: int32(t + bpGram), grams: []uint64{x}})
		}
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
func commonShare(d *compare.Document, set *gramFilter) float64 {
	if len(d.Tokens) == 0 {
		return 0
	}
	covered, end := 0, 0
	for t, x := range docGrams(d.TokenKeys(), nil) {
		if set.has(x) {
			covered += t + bpGram - max(t, end)
			end = t + bpGram
		}
	}
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
func (b *Boilerplate) group(found [][]stretch, opt BoilerplateOptions) {
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
		r := find(x)
		if _, ok := members[r]; !ok {
			roots = append(roots, r)
		}
		members[r] = append(members[r], x)
	}
	for _, r := range roots {
		ms := members[r]
		g := BoilerplateGroup{Count: len(ms)}
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
		if !g.Marked && g.Docs < b.MinDocs {
			continue
		}
		for _, x := range ms {
			rf := refs[x]
			s := found[rf.doc][rf.k]
			b.toks[rf.doc] = append(b.toks[rf.doc], [2]int32{s.lo, s.hi})
			if len(g.Places) < MaxListedPlaces {
				d := b.docs[rf.doc]
				g.Places = append(g.Places, Place{Doc: rf.doc,
					Span:  compare.Span{Start: d.Tokens[s.lo].Start, End: d.Tokens[s.hi-1].End},
					Words: int(s.hi - s.lo)})
			}
		}
		b.Groups = append(b.Groups, g)
	}
	for i := range b.toks {
		slices.SortFunc(b.toks[i], func(x, y [2]int32) int { return int(x[0] - y[0]) })
	}
}

// cut returns the pieces of passage p (between documents da and db) that
// lie outside their boilerplate: p itself when it touches none. Its exact
// runs are cut where either side is boilerplate, and the runs each side of
// a cut make separate pieces, so that no piece runs on across boilerplate;
// pieces with fewer than opt.MinWords shared words, or less similar than
// opt.MinSimilarity, are dropped. A passage without runs that touches
// boilerplate is dropped when boilerplate is most of it.
func (b *Boilerplate) cut(da, db int, p Passage, opt Options) []Passage {
	if b == nil {
		return []Passage{p}
	}
	a, d := b.docs[da], b.docs[db]
	ai, aj := a.TokensIn(p.A)
	bi, bj := d.TokensIn(p.B)
	if !b.overlaps(da, int32(ai), int32(aj)) && !b.overlaps(db, int32(bi), int32(bj)) {
		return []Passage{p}
	}
	if len(p.runs) == 0 {
		if 2*b.boilerWords(da, ai, aj) >= aj-ai || 2*b.boilerWords(db, bi, bj) >= bj-bi {
			return nil
		}
		return []Passage{p}
	}
	var out []Passage
	var piece []run
	cutBefore := false // boilerplate lies before the piece's first run
	emit := func(cutAfter bool) {
		if len(piece) > 0 {
			q := b.piece(a, d, p, piece, cutBefore, cutAfter)
			if q.Matched >= opt.MinWords && q.Similarity >= opt.MinSimilarity {
				out = append(out, q)
			}
		}
		piece = nil
	}
	for ri, r := range p.runs {
		if ri > 0 {
			prev := p.runs[ri-1]
			if b.overlaps(da, prev.aEnd(), r.a) || b.overlaps(db, prev.bEnd(), r.b) {
				emit(true)
				cutBefore = true
			}
		}
		start := int32(-1)
		for j := int32(0); j < r.n; j++ {
			if !b.inside(da, r.a+j) && !b.inside(db, r.b+j) {
				if start < 0 {
					start = j
				}
				continue
			}
			if start >= 0 {
				piece = append(piece, run{r.a + start, r.b + start, j - start})
				start = -1
			}
			emit(true)
			cutBefore = true
		}
		if start >= 0 {
			piece = append(piece, run{r.a + start, r.b + start, r.n - start})
		}
	}
	emit(false)
	return out
}

// piece is the passage of runs rs of p, from the first run to the last,
// or to p's own edge where nothing was cut.
func (b *Boilerplate) piece(a, d *compare.Document, p Passage, rs []run, cutBefore, cutAfter bool) Passage {
	first, last := rs[0], rs[len(rs)-1]
	q := Passage{
		A:    compare.Span{Start: a.Tokens[first.a].Start, End: a.Tokens[last.aEnd()-1].End},
		B:    compare.Span{Start: d.Tokens[first.b].Start, End: d.Tokens[last.bEnd()-1].End},
		runs: slices.Clone(rs),
	}
	if !cutBefore {
		q.A.Start, q.B.Start = p.A.Start, p.B.Start
	}
	if !cutAfter {
		q.A.End, q.B.End = p.A.End, p.B.End
	}
	ai, aj := a.TokensIn(q.A)
	bi, bj := d.TokensIn(q.B)
	q.WordsA, q.WordsB = aj-ai, bj-bi
	for _, r := range rs {
		q.Matched += int(r.n)
	}
	if q.WordsA+q.WordsB > 0 {
		q.Similarity = 2 * float64(q.Matched) / float64(q.WordsA+q.WordsB)
	}
	return q
}

// boilerWords counts the boilerplate tokens among tokens [lo, hi) of doc.
func (b *Boilerplate) boilerWords(doc, lo, hi int) int {
	n := 0
	for _, r := range b.toks[doc] {
		n += max(0, min(hi, int(r[1]))-max(lo, int(r[0])))
	}
	return n
}

// describe lists the boilerplate of each document for tests and debugging.
func (b *Boilerplate) describe() string {
	var sb strings.Builder
	for i, d := range b.docs {
		for _, s := range b.Spans(i) {
			fmt.Fprintf(&sb, "%s: %q\n", d.Path, d.TextOf(s))
		}
	}
	return sb.String()
}

// BoilerplateFor returns the boilerplate options b with what they leave
// unset taken from the alignment options o: the fewest words (MinWords) and
// the documents past which a fingerprint seeds nothing (MaxDocs).
func BoilerplateFor(o Options, b BoilerplateOptions) BoilerplateOptions {
	if b.MinWords <= 0 {
		b.MinWords = o.withDefaults().MinWords
	}
	if b.MaxDocs <= 0 {
		b.MaxDocs = o.MaxDocs
	}
	return b
}
