package claims

import (
	"sort"

	"github.com/crosscheck/crosscheck/compare/claims/internal/copies"
)

// copyKey writes what makes clause k of dc what it is, apart from where
// it is, to buf[:0] (see package copies).
func copyKey(dc *DocClaims, k int, buf []byte) []byte {
	c := &dc.clauses[k]
	si := int(c.sent)
	sent := dc.Doc.Sentences[si]
	base := uint32(sent.Start)
	dated := uint32(0)
	if dc.Dated {
		dated = 1
	}
	b := copies.Key(append(buf[:0], dc.Doc.TextOf(sent)...)).U32(uint32(k-int(dc.sents[si].clauses)), dated,
		uint32(c.span.start), uint32(c.span.end), uint32(c.subject.start), uint32(c.subject.end),
		uint32(c.verbGroup.start), uint32(c.verbGroup.end), uint32(c.negCue.start), uint32(c.negCue.end),
		c.verb, uint32(c.nSubj), uint32(c.nObj), uint32(c.nRest), uint32(c.verbWord), uint32(c.negGroup), uint32(c.modal), uint32(c.flags))
	for _, it := range dc.items[c.items : c.items+uint32(c.nSubj)+uint32(c.nObj)+uint32(c.nRest)] {
		b = b.U32(it.lemma, uint32(it.at), uint32(it.pf), uint32(it.pos))
	}
	_, qs, ds := dc.sentence(si)
	for _, q := range qs {
		b = b.U32(q.span.start-base, q.span.end-base, q.unit, uint32(q.flags)).F64(q.lo, q.hi)
	}
	for _, d := range ds {
		b = b.U32(d.span.start-base, d.span.end-base, uint32(d.from), uint32(d.to), uint32(d.offset), uint32(d.gran), uint32(d.flags), uint32(d.prep))
	}
	return b.U32(uint32(len(qs)), uint32(len(ds)))
}

// findCopies finds the copies among the documents' clauses, numbered
// from base (see index.base); clauses in boilerplate are never copies.
func findCopies(docs []*DocClaims, base []int32) *copies.Table {
	return copies.Find(base[len(base)-1], func(id int32, buf []byte) []byte {
		d := sort.Search(len(base)-1, func(d int) bool { return base[d+1] > id }) // its document
		k := int(id - base[d])
		if docs[d].clauses[k].flags&fSkipped != 0 {
			return nil
		}
		return copyKey(docs[d], k, buf)
	})
}
