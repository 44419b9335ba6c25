package reuse

import (
	"context"
	"slices"
	"strings"

	"github.com/crosscheck/crosscheck/compare"
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
	opt = opt.withDefaults()
	self := make([][]Passage, len(docs))
	if err := parallel(ctx, len(docs), opt.Workers, func(i int) {
		self[i] = SelfAlign(docs[i], opt)
	}); err != nil {
		return nil, err
	}
	pairs, err := Align(ctx, docs, opt)
	if err != nil {
		return nil, err
	}
	g := &grouper{}
	for i, ps := range self {
		for _, p := range ps {
			g.link(i, i, p)
		}
	}
	for _, pr := range pairs {
		for _, p := range pr.Passages {
			g.link(pr.A, pr.B, p)
		}
	}
	reps := g.groups(docs)
	if stutterWords > 0 {
		reps = dropStutters(docs, reps, stutterWords)
	}
	return reps, nil
}

// grouper collects the places aligned passages link and groups them:
// places linked by a passage, and places of one document that mostly
// overlap, are copies of one passage.
type grouper struct {
	places []Place
	parent []int
	edges  []edge
}

type edge struct {
	x, y int // place indices
	p    Passage
}

func (g *grouper) add(pl Place) int {
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
	var out []Repeat
	for _, r := range roots {
		members := byRoot[r] // sorted by document and offset
		var places []Place
		var ids [][]int // the place indices merged into each place
		for _, i := range members {
			pl := g.places[i]
			if k := len(places) - 1; k >= 0 && places[k].Doc == pl.Doc && places[k].Span.Overlaps(pl.Span) {
				last := &places[k]
				last.Span.Start = min(last.Span.Start, pl.Span.Start)
				if pl.Span.End > last.Span.End {
					last.Span.End = pl.Span.End
				}
				last.Words = max(last.Words, pl.Words)
				ids[k] = append(ids[k], i)
				continue
			}
			places = append(places, pl)
			ids = append(ids, []int{i})
		}
		if len(places) < 2 {
			continue
		}
		for k := range places {
			places[k].Words = wordsIn(docs[places[k].Doc], places[k].Span)
		}
		rep := Repeat{Places: places, Similarity: simOf[r]}
		rep.Link, rep.LinkOK = g.linkBetween(ids[0], ids[1])
		out = append(out, rep)
	}
	return out
}

// linkBetween returns a passage aligning one of the places xs with one of ys.
func (g *grouper) linkBetween(xs, ys []int) (Passage, bool) {
	in := func(v int, set []int) bool { return slices.Contains(set, v) }
	for _, e := range g.edges {
		if in(e.x, xs) && in(e.y, ys) {
			return e.p, true
		}
	}
	return Passage{}, false
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
	for _, e := range d.Elements {
		if (e.Tag == "blockquote" || e.Tag == "q") && e.Span.Start <= s.Start && s.End <= e.Span.End {
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
