package reuse

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/reuse/internal/gram"
	"github.com/crosscheck/crosscheck/compare/reuse/internal/parallel"
)

// Place is one copy of a repeated passage: a span of a document's Text.
type Place struct {
	Doc   int // index into the documents given to FindRepeats
	Span  compare.Span
	Words int
}

// Repeat is a passage found in two or more places, inside one document or
// across several: one finding however many copies there are.
type Repeat struct {
	Places []Place // ordered by document, then offset; Places[0] is the first
	// Count is how many places the passage has: more than len(Places) when
	// the list was cut at MaxListedPlaces.
	Count int
	// Similarity is the lowest similarity among the aligned copies (1 when
	// every copy is verbatim up to case, punctuation and spacing).
	Similarity float64
	// Link is the aligned passage between the first and second places
	// (A in the first, B in the second), for a word diff; ok is false
	// when the two were grouped through other copies.
	Link   Passage
	LinkOK bool
}

// FindRepeats returns the passages repeated inside each document (self
// alignment: copies far apart, a copy never overlapping itself) and shared
// across documents (Align), grouped so that every copy of a passage is in
// one Repeat. Repeats that are stutters (a phrase of at most stutterWords
// words immediately repeated, reported by repeat.stutter) are left out.
func FindRepeats(ctx context.Context, docs []*compare.Document, opt Options, stutterWords int) ([]Repeat, error) {
	reps, _, err := findRepeats(ctx, docs, opt, stutterWords)
	return reps, err
}

// searchLimits says how a search for repeats was cut short: the
// alignments that were thinned (see Limit), each document's with itself
// first, and the documents with more partners than were aligned.
type searchLimits struct {
	thinned  []PairLimit
	partners []PartnerLimit
}

// findRepeats is FindRepeats, also returning how the search was limited.
func findRepeats(ctx context.Context, docs []*compare.Document, opt Options, stutterWords int) ([]Repeat, searchLimits, error) {
	return findRepeatsOutside(ctx, docs, opt, stutterWords, nil)
}

// findRepeatsOutside is findRepeats with the documents' boilerplate (none
// when bp is nil) left out: passages are cut at its edges (Boilerplate.cut)
// and sentences in it are not compared.
func findRepeatsOutside(ctx context.Context, docs []*compare.Document, opt Options, stutterWords int, bp *Boilerplate) ([]Repeat, searchLimits, error) {
	opt = opt.withDefaults()
	self := make([][]Passage, len(docs))
	selfLimits := make([]Limit, len(docs))
	if err := parallel.For(ctx, len(docs), opt.Workers, func(i int) {
		self[i], selfLimits[i] = selfAlign(ctx, docs[i], opt)
	}); err != nil {
		return nil, searchLimits{}, err
	}
	al, err := alignAll(ctx, docs, opt)
	if err != nil {
		return nil, searchLimits{}, err
	}
	limits := searchLimits{partners: al.partners}
	for i, l := range selfLimits {
		if l.Limited() {
			limits.thinned = append(limits.thinned, PairLimit{A: i, B: i, Limit: l})
		}
	}
	limits.thinned = append(limits.thinned, al.limits...)
	pairs := al.pairs
	g := &grouper{}
	link := func(da, db int, p Passage) {
		for _, q := range bp.cut(da, db, p, opt) {
			g.link(da, db, q)
		}
	}
	for i, ps := range self {
		for _, p := range ps {
			link(i, i, p)
		}
		repeatedSentences(docs[i], i, opt, g, bp)
	}
	for _, pr := range pairs {
		for _, p := range pr.Passages {
			link(pr.A, pr.B, p)
		}
	}
	reps := g.groups(docs)
	if stutterWords > 0 {
		reps = dropStutters(docs, reps, stutterWords)
	}
	return reps, limits, nil
}

// MaxListedPlaces bounds the places a Repeat lists (Count has them all).
const MaxListedPlaces = 100

// ShortRepeatWords is the fewest words of a whole sentence that, found
// word for word twice in one document, is a repeat whatever MinWords says:
// a sentence pasted twice is a slip however short. A shorter phrase, or a
// sentence that shares only its opening formula with another ("The
// Committee notes that …"), is not.
const ShortRepeatWords = 6

// repeatedSentences links the copies of the whole sentences d repeats word
// for word (up to case, punctuation and spacing) that the engine does not
// see: those shorter than MinWords, from ShortRepeatWords words, ending as
// a sentence ends (not a heading or a table row) and mostly of plain words
// (not a reference, see mostlyPlain), found twice or more; and those of
// MinWords words or more repeated more than MaxOccurrences times, whose
// fingerprints are each too frequent to seed, which is what keeps a text
// of one sentence repeated 100,000 times from costing quadratic time.
// Hashing whole sentences finds them in linear time. Sentences in
// boilerplate (bp, may be nil) are left out.
func repeatedSentences(d *compare.Document, di int, opt Options, g *grouper, bp *Boilerplate) {
	keys := d.TokenKeys()
	type occ struct {
		h      uint64
		lo, hi int32
	}
	var sents []occ
	lo := 0
	for _, s := range d.Sentences {
		for lo < len(d.Tokens) && d.Tokens[lo].Start() < s.Start {
			lo++
		}
		hi := lo
		for hi < len(d.Tokens) && d.Tokens[hi].End() <= s.End {
			hi++
		}
		n := hi - lo
		short := n < opt.MinWords && n >= ShortRepeatWords && endsSentence(d.TextOf(s)) && mostlyPlain(d, lo, hi)
		if (short || n >= opt.MinWords) && !bp.overlaps(di, int32(lo), int32(hi)) {
			h := uint64(n)
			for _, k := range keys[lo:hi] {
				h = h*gram.Mul + k
			}
			sents = append(sents, occ{gram.Mix(h), int32(lo), int32(hi)})
		}
		lo = hi
	}
	// equal sentences together, each group in document order
	slices.SortStableFunc(sents, func(x, y occ) int { return cmp.Compare(x.h, y.h) })
	for i := 0; i < len(sents); {
		j := i + 1
		for j < len(sents) && sents[j].h == sents[i].h {
			j++
		}
		occs := sents[i:j]
		i = j
		f := occs[0]
		if n := int(f.hi - f.lo); len(occs) < 2 || n >= opt.MinWords && len(occs) <= opt.MaxOccurrences {
			continue // single, or the engine's to find
		}
		if len(occs) > MaxListedPlaces {
			// Count them all, list (and link) no more than will be shown.
			if g.unlisted == nil {
				g.unlisted = map[int]int{}
			}
			first := g.add(Place{Doc: di, Span: compare.Span{Start: d.Tokens[f.lo].Start(), End: d.Tokens[f.hi-1].End()}, Words: int(f.hi - f.lo)})
			g.unlisted[first] += len(occs) - MaxListedPlaces
			occs = occs[:MaxListedPlaces]
		}
		for _, o := range occs[1:] {
			if !slices.Equal(keys[f.lo:f.hi], keys[o.lo:o.hi]) {
				continue // a hash collision
			}
			n := int(f.hi - f.lo)
			g.link(di, di, Passage{
				A:      compare.Span{Start: d.Tokens[f.lo].Start(), End: d.Tokens[f.hi-1].End()},
				B:      compare.Span{Start: d.Tokens[o.lo].Start(), End: d.Tokens[o.hi-1].End()},
				WordsA: n, WordsB: n, Matched: n, Similarity: 1,
				runs: []run{{f.lo, o.lo, int32(n)}},
			})
		}
	}
}

// mostlyPlain reports whether more than half of tokens [lo, hi) of d are
// plain words: the first, or words of two letters or more in lower case.
// A sentence mostly of names, initials and numbers is a reference or a
// caption ("Lactantius de M. P. c. 51."), which notes repeat on purpose.
func mostlyPlain(d *compare.Document, lo, hi int) bool {
	plain := 1
	for i := lo + 1; i < hi; i++ {
		w := d.TextOf(d.Tokens[i].Span())
		r, size := utf8.DecodeRuneInString(w)
		if size < len(w) && unicode.IsLower(r) {
			plain++
		}
	}
	return 2*plain > hi-lo
}

// endsSentence reports whether a sentence's text ends as sentences do: with
// . ! ? or an ellipsis (or their CJK forms), before any closing quotes,
// brackets and emphasis marks.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "\"')]*_ \t\n")
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', '!', '?', '…', '。', '！', '？':
		return true
	}
	return false
}

// grouper collects the places aligned passages link and groups them:
// places linked by a passage, and places of one document that mostly
// overlap, are copies of one passage.
type grouper struct {
	places []Place
	parent []int
	edges  []edge
	index  map[placeKey]int // a place found twice is one place
	// unlisted counts copies of a frequent sentence left out of places,
	// by the place of its first copy: they count, but are not listed.
	unlisted map[int]int
}

type placeKey struct {
	doc        int
	start, end int
}

type edge struct {
	x, y int // place indices
	p    Passage
}

func (g *grouper) add(pl Place) int {
	k := placeKey{pl.Doc, pl.Span.Start, pl.Span.End}
	if i, ok := g.index[k]; ok {
		return i
	}
	if g.index == nil {
		g.index = map[placeKey]int{}
	}
	g.index[k] = len(g.places)
	g.places = append(g.places, pl)
	g.parent = append(g.parent, len(g.parent))
	return len(g.places) - 1
}

func (g *grouper) find(x int) int {
	for g.parent[x] != x {
		g.parent[x] = g.parent[g.parent[x]]
		x = g.parent[x]
	}
	return x
}

func (g *grouper) union(x, y int) {
	x, y = g.find(x), g.find(y)
	if x != y {
		g.parent[max(x, y)] = min(x, y)
	}
}

func (g *grouper) link(da, db int, p Passage) {
	x := g.add(Place{Doc: da, Span: p.A, Words: p.WordsA})
	y := g.add(Place{Doc: db, Span: p.B, Words: p.WordsB})
	g.union(x, y)
	g.edges = append(g.edges, edge{x, y, p})
}

func (g *grouper) groups(docs []*compare.Document) []Repeat {
	// Places of one document that mostly overlap are one place.
	order := make([]int, len(g.places))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int {
		a, b := g.places[x], g.places[y]
		if a.Doc != b.Doc {
			return a.Doc - b.Doc
		}
		if a.Span.Start != b.Span.Start {
			return a.Span.Start - b.Span.Start
		}
		return a.Span.End - b.Span.End
	})
	for k := 0; k < len(order); k++ {
		a := g.places[order[k]]
		for m := k + 1; m < len(order); m++ {
			b := g.places[order[m]]
			if b.Doc != a.Doc || b.Span.Start >= a.Span.End {
				break
			}
			if mostlyOverlap(a.Span, b.Span) {
				g.union(order[k], order[m])
			}
		}
	}
	byRoot := map[int][]int{}
	var roots []int
	for _, i := range order {
		r := g.find(i)
		if _, ok := byRoot[r]; !ok {
			roots = append(roots, r)
		}
		byRoot[r] = append(byRoot[r], i)
	}
	simOf := map[int]float64{}
	for _, e := range g.edges {
		r := g.find(e.x)
		if s, ok := simOf[r]; !ok || e.p.Similarity < s {
			simOf[r] = e.p.Similarity
		}
	}
	slot := make([]int, len(g.places)) // which merged place of its group each place became
	var out []Repeat
	outOf := map[int]int{} // root → index in out
	for _, r := range roots {
		members := byRoot[r] // sorted by document and offset
		var places []Place
		for _, i := range members {
			pl := g.places[i]
			if k := len(places) - 1; k >= 0 && places[k].Doc == pl.Doc && places[k].Span.Overlaps(pl.Span) {
				last := &places[k]
				last.Span.Start = min(last.Span.Start, pl.Span.Start)
				last.Span.End = max(last.Span.End, pl.Span.End)
				slot[i] = k
				continue
			}
			slot[i] = len(places)
			places = append(places, pl)
		}
		if len(places) < 2 {
			continue
		}
		count := len(places)
		for _, i := range members {
			count += g.unlisted[i]
		}
		if count > MaxListedPlaces {
			places = places[:MaxListedPlaces]
		}
		for k := range places {
			places[k].Words = wordsIn(docs[places[k].Doc], places[k].Span)
		}
		outOf[r] = len(out)
		out = append(out, Repeat{Places: places, Count: count, Similarity: simOf[r]})
	}
	// The passage between the first and second places, for a word diff.
	for _, e := range g.edges {
		k, ok := outOf[g.find(e.x)]
		if !ok || out[k].LinkOK {
			continue
		}
		switch {
		case slot[e.x] == 0 && slot[e.y] == 1:
			out[k].Link, out[k].LinkOK = e.p, true
		case slot[e.x] == 1 && slot[e.y] == 0:
			out[k].Link, out[k].LinkOK = e.p.swapped(), true
		}
	}
	return out
}

// swapped returns the passage with its two sides exchanged.
func (p Passage) swapped() Passage {
	q := p
	q.A, q.B, q.WordsA, q.WordsB = p.B, p.A, p.WordsB, p.WordsA
	q.runs = make([]run, len(p.runs))
	for i, r := range p.runs {
		q.runs[i] = run{r.b, r.a, r.n}
	}
	return q
}

// dropStutters leaves out repeats that repeat.stutter reports: two copies
// in one document, immediately one after the other.
func dropStutters(docs []*compare.Document, reps []Repeat, maxWords int) []Repeat {
	stutters := map[int][]compare.Stutter{}
	out := reps[:0]
	for _, r := range reps {
		if len(r.Places) == 2 && r.Places[0].Doc == r.Places[1].Doc {
			d := r.Places[0].Doc
			st, ok := stutters[d]
			if !ok {
				st = compare.FindStutters(docs[d], maxWords)
				stutters[d] = st
			}
			if slices.ContainsFunc(st, func(s compare.Stutter) bool {
				return s.First.Overlaps(r.Places[0].Span) && s.Repeat.Overlaps(r.Places[1].Span)
			}) {
				continue
			}
		}
		out = append(out, r)
	}
	return out
}

// Quoted reports whether a document marks the span as a quotation: inside
// double quotes in its paragraph, in Markdown or e-mail block quote lines
// ("> …"), or inside an HTML <blockquote> or <q>.
func Quoted(d *compare.Document, s compare.Span) bool {
	for _, e := range d.Structure.Quotations() {
		if e.Span.Start <= s.Start && s.End <= e.Span.End {
			return true
		}
	}
	if blockQuoted(d, s) {
		return true
	}
	pi := d.ParagraphAt(s.Start)
	if pi < 0 {
		return false
	}
	para := d.Paragraphs[pi]
	if s.End > para.End {
		return false
	}
	// Pair the paragraph's double quotes in order: open, close, open, …
	open := -1
	for i := para.Start; i < para.End; i++ {
		if d.Text[i] != '"' {
			continue
		}
		if open < 0 {
			open = i
			continue
		}
		if open < s.Start && s.End <= i {
			return true
		}
		open = -1
	}
	// A quotation running to the paragraph's end without a closing mark
	// (a quotation of several paragraphs) still quotes.
	return open >= 0 && open < s.Start
}

// blockQuoted reports whether every line the span touches starts with ">".
func blockQuoted(d *compare.Document, s compare.Span) bool {
	t := d.Text
	lineStart := strings.LastIndexByte(t[:s.Start], '\n') + 1
	for ls := lineStart; ls < s.End; {
		line := t[ls:]
		if k := strings.IndexByte(line, '\n'); k >= 0 {
			line = line[:k]
		}
		if !strings.HasPrefix(strings.TrimLeft(line, " \t"), ">") {
			return false
		}
		ls += len(line) + 1
	}
	return true
}

// Kind names what a place is: "paragraph" when it is (nearly) a whole
// paragraph, "sentence" when (nearly) a whole sentence, else "passage".
func Kind(d *compare.Document, s compare.Span) string {
	whole := func(of compare.Span) bool { // s starts inside of
		return s.End <= of.End+2 && 10*s.Len() >= 9*of.Len()
	}
	if pi := d.ParagraphAt(s.Start); pi >= 0 && whole(d.Paragraphs[pi]) {
		return "paragraph"
	}
	if si := d.SentenceAt(s.Start); si >= 0 && whole(d.Sentences[si]) {
		return "sentence"
	}
	return "passage"
}
