package claims

import (
	"slices"
	"sync"

	"github.com/crosscheck/crosscheck/compare"
)

// assembler joins the runs of a document, in order, into the document's
// tables as they are read: a run is joined, and let go, as soon as the
// runs before it are, so that the tables of a large document are held
// about once rather than once in runs and once joined.
type assembler struct {
	mu      sync.Mutex
	voc     *vocab
	dc      *DocClaims
	waiting []run // by run: read, not yet joined
	read    []bool
	next    int // the run to join next
	bytes   int // of text of the whole document
	// carry is the subject named last in the runs joined, in paragraph
	// carryPara: pronouns at the start of the next run may stand for it.
	carry     []item
	carryPara int
}

// newAssembler returns the assembler of document d, read in n runs.
func newAssembler(voc *vocab, d *compare.Document, doc *docContext, n int) *assembler {
	a := &assembler{voc: voc, dc: &DocClaims{Doc: d, voc: voc, Dated: doc.at.OK},
		waiting: make([]run, n), read: make([]bool, n), carryPara: -1}
	if len(d.Sentences) > 0 {
		a.bytes = d.Sentences[len(d.Sentences)-1].End - d.Sentences[0].Start
	}
	return a
}

// add hands over run k and joins every run it can; it returns the
// document's claims once the last run is joined, else nil. Workers may
// call it concurrently.
func (a *assembler) add(k int, r run) *DocClaims {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.waiting[k], a.read[k] = r, true
	for a.next < len(a.read) && a.read[a.next] {
		a.join(&a.waiting[a.next])
		a.waiting[a.next] = run{} // let the run's tables go
		a.next++
	}
	if a.next < len(a.read) {
		return nil
	}
	return a.finish()
}

// join appends run r to the document's tables.
func (a *assembler) join(r *run) {
	dc := a.dc
	if a.next == 0 {
		a.reserve(r)
	}
	c0, q0, d0 := uint32(len(dc.clauses)), uint32(len(dc.qtys)), uint32(len(dc.dates))
	for _, s := range r.sents {
		dc.sents = append(dc.sents, sentRec{s.clauses + c0, s.qtys + q0, s.dates + d0})
	}
	a.joinClauses(r)
	dc.qtys = append(dc.qtys, r.qtys...)
	dc.dates = append(dc.dates, r.dates...)
	dc.acr = append(dc.acr, r.acr...)
	switch {
	case r.tailLen > 0:
		a.carry, a.carryPara = slices.Clone(r.items[r.tail:r.tail+r.tailLen]), r.lastPara
	case r.lastPara != a.carryPara || r.firstPara != r.lastPara:
		a.carry, a.carryPara = nil, r.lastPara
	}
}

// reserve sizes the document's tables from its first run, in proportion
// to the text: the tables then grow in place as the runs are joined.
func (a *assembler) reserve(r *run) {
	scale := 1.0
	if len(a.read) > 1 && r.bytes > 0 {
		scale = 1.1 * float64(a.bytes) / float64(r.bytes)
	}
	est := func(n int) int { return int(float64(n)*scale) + 16 }
	dc := a.dc
	dc.sents = make([]sentRec, 0, est(len(r.sents))+1)
	dc.clauses = make([]clause, 0, est(len(r.clauses)))
	dc.items = make([]item, 0, est(len(r.items)))
	dc.qtys = make([]qty, 0, est(len(r.qtys)))
	dc.dates = make([]date, 0, est(len(r.dates)))
}

// joinClauses appends the clauses and items of run r, giving a pronoun
// subject at the start of the run the subject named last in the runs
// before, as reading them as one run would have: in the same paragraph,
// and "it" only for a subject one word long.
func (a *assembler) joinClauses(r *run) {
	dc := a.dc
	var lead []uint32
	if len(r.lead) > 0 && r.firstPara == a.carryPara && len(a.carry) > 0 {
		lead = r.lead
	}
	for ci, c := range r.clauses {
		its := r.items[c.items : c.items+uint32(c.nSubj)+uint32(c.nObj)+uint32(c.nRest)]
		c.items = uint32(len(dc.items))
		if len(lead) > 0 && lead[0] == uint32(ci) { // (never "I", "you", "we": see run)
			lead = lead[1:]
			if its[0].lemma != a.voc.It || len(a.carry) == 1 {
				for _, it := range a.carry {
					it.at = -1 // detached from this sentence's words
					dc.items = append(dc.items, it)
				}
				dc.items = append(dc.items, its[c.nSubj:]...)
				c.nSubj = uint16(len(a.carry))
				c.flags |= fResolved
				dc.clauses = append(dc.clauses, c)
				continue
			}
		}
		dc.items = append(dc.items, its...)
		dc.clauses = append(dc.clauses, c)
	}
}

// finish closes the document's tables: the end of the last sentence's
// records, and no room to spare beyond a quarter.
func (a *assembler) finish() *DocClaims {
	dc := a.dc
	dc.sents = append(dc.sents, sentRec{uint32(len(dc.clauses)), uint32(len(dc.qtys)), uint32(len(dc.dates))})
	dc.sents = fit(dc.sents)
	dc.clauses = fit(dc.clauses)
	dc.items = fit(dc.items)
	dc.qtys = fit(dc.qtys)
	dc.dates = fit(dc.dates)
	a.dc = nil
	return dc
}

// fit returns s, or a copy of exactly its length when more than a quarter
// of its room is spare (the first run said little of the others): a copy
// is made while the tables are held, so only when it is worth it.
func fit[T any](s []T) []T {
	if cap(s)-len(s) > len(s)/4+16 {
		return slices.Clone(s)
	}
	return s
}
