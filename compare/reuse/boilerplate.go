package reuse

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"sync"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/reuse/internal/boiler"
)

// CheckRepeatBoilerplate reports text common to many of the documents.
var CheckRepeatBoilerplate = &compare.Check{
	ID:       "repeat.boilerplate",
	Title:    "Boilerplate found in many of the documents",
	Severity: compare.Info,
	Help: `A stretch of text (a disclaimer, a header or footer, a standard paragraph) is found in so ` +
		`many of the documents that it is their boilerplate rather than a passage copied from one into ` +
		`another: by default in at least 4 documents and in at least half of them (text in three is a ` +
		`passage copied, repeat.passage's), and in any run in more documents than the engine lets seed a ` +
		`passage (max(10, n/20) of n documents); ` +
		`--boilerplate-docs sets the number instead. Text given with --boilerplate (boilerplate = ` +
		`["…"] in crosscheck.toml) is boilerplate wherever it is found, however often. All its places ` +
		`make one finding, at the first, with the others related ("also"). Boilerplate is left out of ` +
		`the other findings: align.passage and repeat.passage stop at its edges and never run on across ` +
		`it into the text around it, and claims made in it are not compared. Stretches shorter than ` +
		`--min-words are not reported. Versions of one document (align.versions' near-copies) count as ` +
		`one document, and a document that shares most of its words with the others is a version of ` +
		`them, not a host of boilerplate: it is left to align. Nothing needs doing; the ` +
		`finding says where the text is, so that a change to it can be made everywhere.`,
}

// BoilerplateOptions say what is boilerplate.
type BoilerplateOptions struct {
	// MinDocs is the fewest documents a stretch must be found in to be
	// boilerplate. Zero means the default rule: at least 4 documents and
	// at least half of them, and never more than MaxDocs+1 (see
	// boiler.Options.MinDocsOf for why).
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
		out[k] = compare.Span{Start: d.Tokens[r[0]].Start(), End: d.Tokens[r[1]-1].End()}
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

// FindBoilerplate returns the boilerplate of the documents under opt:
// the stretches of at least opt.MinWords words found in enough of them
// (see BoilerplateOptions.MinDocs), and those of the texts opt.Marked,
// grouped by text. A group of versions (near-copies of one document, as
// align.versions reports them) counts as one document, and documents that
// share most of their words with the others (more than four fifths) are
// versions of them and hold none; the number of documents that makes
// text boilerplate is taken over the others. It costs a pass over the words and a sort of under a third of
// them, then work in proportion to the common text.
func FindBoilerplate(ctx context.Context, docs []*compare.Document, opt BoilerplateOptions) (*Boilerplate, error) {
	opt = opt.withDefaults()
	group, err := versionOf(ctx, docs, Options{MinWords: opt.MinWords}.withDefaults())
	if err != nil {
		return nil, err
	}
	r, err := boiler.Find(ctx, docs, boiler.Options{MinDocs: opt.MinDocs, MinWords: opt.MinWords,
		MaxDocs: opt.MaxDocs, Marked: opt.Marked, MaxListed: MaxListedPlaces, Group: group})
	if err != nil {
		return nil, err
	}
	b := &Boilerplate{MinDocs: r.MinDocs, toks: r.Ranges, docs: docs}
	for _, g := range r.Groups {
		bg := BoilerplateGroup{Count: g.Count, Docs: g.Docs, Marked: g.Marked}
		for _, pl := range g.Places {
			d := docs[pl.Doc]
			bg.Places = append(bg.Places, Place{Doc: pl.Doc, Words: int(pl.Hi - pl.Lo),
				Span: compare.Span{Start: d.Tokens[pl.Lo].Start(), End: d.Tokens[pl.Hi-1].End()}})
		}
		b.Groups = append(b.Groups, bg)
	}
	return b, nil
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
		A:    compare.Span{Start: a.Tokens[first.a].Start(), End: a.Tokens[last.aEnd()-1].End()},
		B:    compare.Span{Start: d.Tokens[first.b].Start(), End: d.Tokens[last.bEnd()-1].End()},
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

// versionOf returns, for each document, the first document of its group
// of versions (see versionGroups; itself when it has none), or nil when
// no document has versions.
func versionOf(ctx context.Context, docs []*compare.Document, opt Options) ([]int32, error) {
	if len(docs) < MinVersions {
		return nil, nil
	}
	_, sketches, err := docFingerprints(ctx, docs, opt)
	if err != nil {
		return nil, err
	}
	groups, err := versionGroups(ctx, docs, sketches, opt)
	if err != nil || len(groups) == 0 {
		return nil, err
	}
	out := make([]int32, len(docs))
	for i := range out {
		out[i] = int32(i)
	}
	for _, g := range groups {
		for _, m := range g.Members {
			out[m] = int32(g.Rep)
		}
	}
	return out, nil
}
