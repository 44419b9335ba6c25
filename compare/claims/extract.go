// Package claims finds what documents claim — amounts, dates, names,
// negations and modality, sentence by sentence — and reports claims that
// several places make in common and claims that contradict each other on a
// number, a date, a negation or an antonym.
package claims

import (
	"math"
	"slices"
	"strings"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/lang"
)

// Cue is a word that changes what a sentence claims (see lang.Cue).
type Cue = lang.Cue

// Sentence is what one sentence of a document claims.
type Sentence struct {
	Index      int          // index in the document's Sentences
	Span       compare.Span // Text coordinates
	Clauses    []Clause
	Quantities []Quantity
	Dates      []Date
	Entities   []Entity
	Cues       []Cue
}

// Entity is a name a sentence states (see lang.Entity).
type Entity = lang.Entity

// DocClaims is what a document claims. It is held compactly (a few bytes
// per word: clauses, their content words as vocabulary ids, amounts and
// dates in flat tables), because the claims of every document under review
// stay in memory while they are compared; Sentences reads a readable view.
type DocClaims struct {
	Doc *compare.Document
	// Dated is set when the document states its own date ("issued Dec 15,
	// 2020"); relative dates are then resolved against it.
	Dated bool

	voc *vocab
	tables
}

// abs turns a span relative to sentence si into Text coordinates.
func (dc *DocClaims) abs(si int, r rspan) compare.Span {
	base := dc.Doc.Sentences[si].Start
	return compare.Span{Start: base + int(r.start), End: base + int(r.end)}
}

// sentRec is where a sentence's records start in the flat tables; they end
// where the next sentence's start.
type sentRec struct{ clauses, qtys, dates uint32 }

// acronymPair links a name written out to its acronym.
type acronymPair struct{ expansion, acronym uint32 } // vocabulary ids: lower-case expansion, acronym

// span32 is a span of Text held in eight bytes.
type span32 struct{ start, end uint32 }

func sp32(s compare.Span) span32 { return span32{uint32(s.Start), uint32(s.End)} }

func (s span32) span() compare.Span { return compare.Span{Start: int(s.start), End: int(s.end)} }

func (s span32) contains(o span32) bool { return o.start >= s.start && o.end <= s.end }

// maxDocText is the largest normalised text whose offsets the compact
// tables can hold.
const maxDocText = math.MaxUint32

// Extract reads the claims of every sentence of d.
func Extract(d *compare.Document) *DocClaims {
	return newParser(newReader(newVocab())).extract(d)
}

// sentence returns the clauses, amounts and dates of sentence si.
func (dc *DocClaims) sentence(si int) (cs []clause, qs []qty, ds []date) {
	a, b := dc.sents[si], dc.sents[si+1]
	return dc.clauses[a.clauses:b.clauses], dc.qtys[a.qtys:b.qtys], dc.dates[a.dates:b.dates]
}

// Sentences reads what each sentence claims: its clauses, amounts and dates
// as extracted, and its names and cues read again from the text.
func (dc *DocClaims) Sentences() []Sentence {
	d := dc.Doc
	if len(dc.sents) == 0 {
		return nil
	}
	r := newReader(dc.voc)
	caps := lang.Capitalisation(d)
	at := lang.DocumentAnchor(r.lex, d)
	var ws []lang.Word
	var used []bool
	out := make([]Sentence, 0, len(d.Sentences))
	for si, span := range d.Sentences {
		s := Sentence{Index: si, Span: span}
		cs, qs, ds := dc.sentence(si)
		for ci := range cs {
			s.Clauses = append(s.Clauses, dc.clauseView(si, &cs[ci]))
		}
		for _, q := range qs {
			s.Quantities = append(s.Quantities, dc.quantityView(q))
		}
		for _, x := range ds {
			s.Dates = append(s.Dates, dc.dateView(x))
		}
		// names and cues are not kept: read them again
		ws = lang.Words(d, span, ws)
		lang.TagWords(r.lex, ws, caps)
		used = lang.ResetBools(used, len(ws))
		lang.ReadDates(d, ws, used, at, nil)
		lang.ReadQuantities(d, ws, used, nil)
		s.Entities = lang.ReadEntities(d, ws, used, nil)
		s.Cues = lang.Cues(d, ws)
		out = append(out, s)
	}
	return out
}

// clauseView is a kept clause of sentence si as a Clause.
func (dc *DocClaims) clauseView(si int, c *clause) Clause {
	v := Clause{Span: dc.abs(si, c.span), Subject: dc.abs(si, c.subject), VerbGroup: dc.abs(si, c.verbGroup), NegCue: dc.abs(si, c.negCue)}
	if c.subject == (rspan{}) {
		v.Subject = compare.Span{}
	}
	if c.negCue == (rspan{}) {
		v.NegCue = compare.Span{}
	}
	v.Verb = dc.voc.str(c.verb)
	if c.modal > 0 {
		v.Modal = modalList[c.modal-1]
	}
	v.Negated, v.Copula, v.Resolved = c.negated(), c.copula(), c.resolved()
	v.Existential, v.Passive = c.flags&fExistential != 0, c.flags&fPassive != 0
	v.Asserted = c.asserted()
	return v
}

// parser reads the claims of documents, one sentence at a time, reusing
// its scratch space; one goroutine owns it.
type parser struct {
	r *reader

	// the document and the run of its sentences being read
	d    *compare.Document
	doc  *docContext
	out  tables // scratch: the run's tables, copied out when it is done
	base int    // first sentence of the run

	// per sentence, reused
	words   []lang.Word
	used    []bool
	ents    []Entity
	entAt   []int
	entKeys []uint32 // vocabulary id of each entity's key
	groups  []lang.VerbGroup
	raws    []rawClause
	starts  []int
	pcs     []pclause
	arena   []item
	keyBuf  []byte

	sentStart int // Text offset of the sentence being parsed
	qbuf      []Quantity
	dbuf      []Date
}

func newParser(r *reader) *parser { return &parser{r: r} }

// tables are the flat tables of a document's claims, or of a run of its
// sentences.
type tables struct {
	sents   []sentRec // per sentence, where its records start
	clauses []clause
	items   []item
	qtys    []qty
	dates   []date
	acr     []acronymPair // "Expansion (ACR)" pairs the text writes
}

// docContext is what reading any sentence of a document needs to know of
// the whole of it.
type docContext struct {
	caps lang.CapStats
	at   lang.Anchor
}

func newDocContext(r *reader, d *compare.Document) *docContext {
	return &docContext{caps: lang.Capitalisation(d), at: lang.DocumentAnchor(r.lex, d)}
}

// extract reads the claims of every sentence of d.
func (p *parser) extract(d *compare.Document) *DocClaims {
	if len(d.Text) > maxDocText {
		return emptyClaims(p.r.voc, d)
	}
	doc := newDocContext(p.r, d)
	var parts []tables
	for _, u := range units(d) {
		parts = append(parts, p.parseRun(d, doc, u[0], u[1]))
	}
	return assemble(p.r.voc, d, doc, parts)
}

// emptyClaims stands for a document too large for the tables' offsets: no
// claims rather than wrong ones.
func emptyClaims(voc *vocab, d *compare.Document) *DocClaims {
	return &DocClaims{Doc: d, voc: voc, tables: tables{sents: make([]sentRec, len(d.Sentences)+1)}}
}

// unitBytes is about how much text one unit of work reads.
const unitBytes = 256 << 10

// units splits a document's sentences into runs of whole paragraphs of
// about unitBytes each: pronouns are resolved within a paragraph, so runs
// can be read apart, in parallel.
func units(d *compare.Document) [][2]int {
	var out [][2]int
	start, para := 0, -1
	for si, span := range d.Sentences {
		p := d.ParagraphAt(span.Start)
		if p != para && si > start && span.Start-d.Sentences[start].Start >= unitBytes {
			out = append(out, [2]int{start, si})
			start = si
		}
		para = p
	}
	if start < len(d.Sentences) || len(out) == 0 {
		out = append(out, [2]int{start, len(d.Sentences)})
	}
	return out
}

// parseRun reads sentences [s0, s1) of d, which start a paragraph, and
// returns their tables (exactly sized; sentence records count from the
// run's first).
func (p *parser) parseRun(d *compare.Document, doc *docContext, s0, s1 int) tables {
	p.d, p.doc, p.base = d, doc, s0
	t := &p.out
	t.sents, t.clauses, t.items = t.sents[:0], t.clauses[:0], t.items[:0]
	t.qtys, t.dates, t.acr = t.qtys[:0], t.dates[:0], t.acr[:0]
	// A pronoun subject ("we", "they", "it") reads as the last named subject
	// of its paragraph: lastSubj is where that subject's items are.
	lastSubj, lastLen := uint32(0), -1
	lastPara := -1
	for si := s0; si < s1; si++ {
		span := d.Sentences[si]
		t.sents = append(t.sents, sentRec{uint32(len(t.clauses)), uint32(len(t.qtys)), uint32(len(t.dates))})
		if para := d.ParagraphAt(span.Start); para != lastPara {
			lastPara, lastLen = para, -1
		}
		pcs := p.sentence(si, span)
		for ci := range pcs {
			c := &pcs[ci]
			if len(c.subj) == 1 && c.subj[0].pos == 'x' {
				if lastLen > 0 && (c.subj[0].lemma != p.r.id("it") || lastLen == 1) {
					n := len(p.arena)
					p.arena = append(p.arena, t.items[lastSubj:lastSubj+uint32(lastLen)]...)
					c.subj = p.arena[n:]
					for i := range c.subj {
						c.subj[i].word = -1 // detached from this sentence's words
					}
					c.flags |= fResolved
				}
			}
		}
		// store the clauses; remember the last named subject
		for ci := range pcs {
			c := &pcs[ci]
			start := uint32(len(t.items))
			t.items = append(t.items, c.subj...)
			t.items = append(t.items, c.obj...)
			t.items = append(t.items, c.rest...)
			c.clause.items = start
			c.nSubj, c.nObj, c.nRest = uint16(len(c.subj)), uint16(len(c.obj)), uint16(len(c.rest))
			c.sent = uint32(si)
			t.clauses = append(t.clauses, c.clause)
			if len(c.subj) == 1 && c.subj[0].pos == 'x' {
				continue
			}
			if len(c.subj) > 0 && c.flags&fResolved == 0 {
				lastSubj, lastLen = start, len(c.subj)
			}
		}
	}
	p.d, p.doc = nil, nil
	return tables{
		sents: slices.Clone(t.sents), clauses: slices.Clone(t.clauses), items: slices.Clone(t.items),
		qtys: slices.Clone(t.qtys), dates: slices.Clone(t.dates), acr: slices.Clone(t.acr),
	}
}

// assemble joins the tables of a document's runs, in order, into the
// document's: one allocation of the exact size per table.
func assemble(voc *vocab, d *compare.Document, doc *docContext, parts []tables) *DocClaims {
	dc := &DocClaims{Doc: d, voc: voc, Dated: doc.at.OK}
	var ns, nc, ni, nq, nd, na int
	for _, t := range parts {
		ns, nc, ni = ns+len(t.sents), nc+len(t.clauses), ni+len(t.items)
		nq, nd, na = nq+len(t.qtys), nd+len(t.dates), na+len(t.acr)
	}
	dc.sents = make([]sentRec, 0, ns+1)
	dc.clauses = make([]clause, 0, nc)
	dc.items = make([]item, 0, ni)
	dc.qtys = make([]qty, 0, nq)
	dc.dates = make([]date, 0, nd)
	if na > 0 {
		dc.acr = make([]acronymPair, 0, na)
	}
	for _, t := range parts {
		c0, i0, q0, d0 := uint32(len(dc.clauses)), uint32(len(dc.items)), uint32(len(dc.qtys)), uint32(len(dc.dates))
		for _, r := range t.sents {
			dc.sents = append(dc.sents, sentRec{r.clauses + c0, r.qtys + q0, r.dates + d0})
		}
		for _, c := range t.clauses {
			c.items += i0
			dc.clauses = append(dc.clauses, c)
		}
		dc.items = append(dc.items, t.items...)
		dc.qtys = append(dc.qtys, t.qtys...)
		dc.dates = append(dc.dates, t.dates...)
		dc.acr = append(dc.acr, t.acr...)
	}
	dc.sents = append(dc.sents, sentRec{uint32(len(dc.clauses)), uint32(len(dc.qtys)), uint32(len(dc.dates))})
	return dc
}

// sentence reads the claims of one sentence: its amounts and dates go to
// the document's tables, its clauses are returned (in scratch space) for
// the caller to resolve pronouns and store.
func (p *parser) sentence(si int, span compare.Span) []pclause {
	d, t := p.d, &p.out
	p.sentStart = span.Start
	ws := lang.Words(d, span, p.words)
	p.words = ws
	lang.TagWords(p.r.lex, ws, p.doc.caps)
	p.used = lang.ResetBools(p.used, len(ws))
	p.dbuf = lang.ReadDates(d, ws, p.used, p.doc.at, p.dbuf[:0])
	for _, x := range p.dbuf {
		t.dates = append(t.dates, compactDate(x))
	}
	p.qbuf = lang.ReadQuantities(d, ws, p.used, p.qbuf[:0])
	for _, q := range p.qbuf {
		t.qtys = append(t.qtys, p.compactQuantity(q))
	}
	p.ents = lang.ReadEntities(d, ws, p.used, p.ents[:0])
	for _, e := range p.ents {
		if e.Expansion != "" && e.Acronym != "" && e.Text == e.Expansion {
			t.acr = append(t.acr, acronymPair{p.r.id(strings.ToLower(e.Expansion)), p.r.id(e.Acronym)})
		}
	}
	return p.parseClauses(ws, p.ents, lang.IsQuestion(d, span))
}
