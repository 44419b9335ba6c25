// Package claims finds what documents claim — amounts, dates, names,
// negations and modality, sentence by sentence — and reports claims that
// several places make in common and claims that contradict each other on a
// number, a date, a negation or an antonym.
package claims

import (
	"slices"
	"strings"

	"github.com/crosscheck/crosscheck/compare"
	workunits "github.com/crosscheck/crosscheck/compare/claims/internal/units"
	"github.com/crosscheck/crosscheck/compare/claims/internal/view"
	"github.com/crosscheck/crosscheck/compare/lang"
)

// Cue is a word that changes what a sentence claims (see lang.Cue).
type Cue = lang.Cue

// Sentence is what one sentence of a document claims (see view.Sentence).
type Sentence = view.Sentence

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
	at := lang.DocumentAnchor(r.Lex, d)
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
		lang.TagWords(r.Lex, ws, caps)
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
	v.Verb = dc.voc.Str(c.verb)
	if c.modal > 0 {
		v.Modal = modalList[c.modal-1]
	}
	v.Negated, v.Copula, v.Resolved = c.negated(), c.copula(), c.resolved()
	v.Existential, v.Passive = c.flags&fExistential != 0, c.flags&fPassive != 0
	v.Asserted = c.asserted()
	v.Hedged = c.hedged()
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

	sentStart int  // Text offset of the sentence being parsed
	denies    bool // the sentence reports a denial: "the mayor denied that …"
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
	return &docContext{caps: lang.Capitalisation(d), at: lang.DocumentAnchor(r.Lex, d)}
}

// extract reads the claims of every sentence of d.
func (p *parser) extract(d *compare.Document) *DocClaims {
	doc := newDocContext(p.r, d)
	us := units(d)
	a := newAssembler(p.r.Voc, d, doc, len(us))
	var dc *DocClaims
	for k, u := range us {
		dc = a.add(k, p.parseRun(d, doc, u[0], u[1]))
	}
	return dc
}

// units splits a document's sentences into runs read in parallel (package units).
var units = workunits.Of

// run is what reading a run of sentences gives: its tables, and what
// joining them to the runs before needs for pronoun subjects.
type run struct {
	tables
	// lead lists the clauses (in the run's table) whose pronoun subject
	// was left for assemble: the run starts inside a paragraph and no
	// subject of that paragraph was named in the run before them.
	lead []uint32
	// tail is the last subject named in the run's last paragraph (where
	// its items start, and how many), tailLen -1 when there is none.
	tail, tailLen int
	// firstPara and lastPara are the paragraphs of the run's first and
	// last sentences.
	firstPara, lastPara int
	// bytes is the length of text the run reads.
	bytes int
}

// parseRun reads sentences [s0, s1) of d and returns their tables
// (exactly sized; sentence records count from the run's first).
func (p *parser) parseRun(d *compare.Document, doc *docContext, s0, s1 int) run {
	p.d, p.doc, p.base = d, doc, s0
	t := &p.out
	t.sents, t.clauses, t.items = t.sents[:0], t.clauses[:0], t.items[:0]
	t.qtys, t.dates, t.acr = t.qtys[:0], t.dates[:0], t.acr[:0]
	var out run
	// A pronoun subject ("we", "they", "it") reads as the last named subject
	// of its paragraph: lastSubj is where that subject's items are.
	lastSubj, lastLen := uint32(0), -1
	lastPara := -1
	if s0 < s1 {
		out.firstPara = d.ParagraphAt(d.Sentences[s0].Start)
		out.bytes = d.Sentences[s1-1].End - d.Sentences[s0].Start
	}
	// the paragraph goes on from the run before: its subject is not known here
	inherits := s0 > 0 && s0 < s1 && d.ParagraphAt(d.Sentences[s0-1].Start) == out.firstPara
	for si := s0; si < s1; si++ {
		span := d.Sentences[si]
		t.sents = append(t.sents, sentRec{uint32(len(t.clauses)), uint32(len(t.qtys)), uint32(len(t.dates))})
		if para := d.ParagraphAt(span.Start); para != lastPara {
			if lastPara >= 0 {
				inherits = false
			}
			lastPara, lastLen = para, -1
		}
		pcs := p.sentence(si, span)
		for ci := range pcs {
			c := &pcs[ci]
			if len(c.subj) == 1 && c.subj[0].pos == 'x' && !p.r.Voc.Deictic(c.subj[0].lemma) {
				if lastLen > 0 && (c.subj[0].lemma != p.r.Voc.It || lastLen == 1) {
					n := len(p.arena)
					p.arena = append(p.arena, t.items[lastSubj:lastSubj+uint32(lastLen)]...)
					c.subj = p.arena[n:]
					for i := range c.subj {
						c.subj[i].at = -1 // detached from this sentence's words
					}
					c.flags |= fResolved
				} else if lastLen < 0 && inherits {
					out.lead = append(out.lead, uint32(len(t.clauses)+ci))
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
	out.tables = tables{
		sents: slices.Clone(t.sents), clauses: slices.Clone(t.clauses), items: slices.Clone(t.items),
		qtys: slices.Clone(t.qtys), dates: slices.Clone(t.dates), acr: slices.Clone(t.acr),
	}
	out.tail, out.tailLen, out.lastPara = int(lastSubj), lastLen, lastPara
	return out
}

// sentence reads the claims of one sentence: its amounts and dates go to
// the document's tables, its clauses are returned (in scratch space) for
// the caller to resolve pronouns and store.
func (p *parser) sentence(si int, span compare.Span) []pclause {
	d, t := p.d, &p.out
	p.sentStart = span.Start
	ws := lang.Words(d, span, p.words)
	p.words = ws
	lang.TagWords(p.r.Lex, ws, p.doc.caps)
	p.used = lang.ResetBools(p.used, len(ws))
	q0, d0 := len(t.qtys), len(t.dates)
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
			t.acr = append(t.acr, acronymPair{p.r.ID(strings.ToLower(e.Expansion)), p.r.ID(e.Acronym)})
		}
	}
	pcs := p.parseClauses(ws, p.ents, lang.IsQuestion(d, span))
	markItems(pcs, ws, t.qtys[q0:], t.dates[d0:], func(j int) string { return p.qbuf[j].Unit })
	p.markHedges(pcs, ws)
	return pcs
}

// markHedges flags the hedged clauses of a sentence (fHedged): all of them
// when the sentence reports (lang.ReportsHedged: "according to",
// "reportedly") or one of its clauses is a report ("the ministry said",
// "the mayor denied that");
// else those with a modal of possibility or a hedge in their verb group
// ("are expected to rise").
func (p *parser) markHedges(pcs []pclause, ws []lang.Word) {
	all := lang.ReportsHedged(ws) || p.denies
	for ci := range pcs {
		c := &pcs[ci]
		all = all || len(pcs) > 1 && c.verb != 0 && c.verbWord >= 0 && int(c.verbWord) < len(ws) && lang.IsReportingVerb(ws[c.verbWord].Lemma)
	}
	for ci := range pcs {
		c := &pcs[ci]
		vg := p.sentStart + int(c.verbGroup.start)
		if all || c.modal > 0 && lang.IsPossibilityModal(modalList[c.modal-1]) || lang.HedgeWithin(ws, vg, p.sentStart+int(c.verbGroup.end)) {
			c.flags |= fHedged
		}
	}
}
