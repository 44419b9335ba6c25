package claims

import (
	"encoding/binary"
	"math"
	"sort"

	"github.com/crosscheck/crosscheck/compare/claims/internal/copies"
)

// Copies of a clause. A report set repeats sentences word for word (a
// background paragraph, a standard caveat, a quotation), and comparing each
// of k copies with each of the others and with all their candidates is k²
// work for what one comparison decides. The analyzer compares one clause of
// each set of copies, its original (the first in clause-number order), and
// lets the verdict stand for every copy: two clauses are copies when their
// sentences read the same, they are the same clause of it, and they were
// read the same (items, amounts, dates, flags).
//
// A copy's own comparisons differ from its original's only where the
// verdict rests on more than the two sentences: inside one document the
// rules are stricter, and the evidence for a contradiction looks at the
// sentences around. So every contradiction, and every pair whose verdict
// the comparer says rested on where the clauses are (contextDecided), is
// compared again for each pair of copies, and its evidence and severity
// are the copies' own.

// copyKey writes what makes clause k of dc what it is, apart from where
// it is, to buf[:0].
func copyKey(dc *DocClaims, k int, buf []byte) []byte {
	c := &dc.clauses[k]
	si := int(c.sent)
	sent := dc.Doc.Sentences[si]
	base := uint32(sent.Start)
	b := append(buf[:0], dc.Doc.TextOf(sent)...)
	b = binary.LittleEndian.AppendUint32(b, uint32(k-int(dc.sents[si].clauses)))
	flag := byte(0)
	if dc.Dated {
		flag = 1
	}
	b = append(b, 0, flag)
	for _, r := range []rspan{c.span, c.subject, c.verbGroup, c.negCue} {
		b = binary.LittleEndian.AppendUint16(b, r.start)
		b = binary.LittleEndian.AppendUint16(b, r.end)
	}
	b = binary.LittleEndian.AppendUint32(b, c.verb)
	b = binary.LittleEndian.AppendUint16(b, c.nSubj)
	b = binary.LittleEndian.AppendUint16(b, c.nObj)
	b = binary.LittleEndian.AppendUint16(b, c.nRest)
	b = binary.LittleEndian.AppendUint16(b, uint16(c.verbWord))
	b = binary.LittleEndian.AppendUint16(b, c.negGroup)
	b = append(b, c.modal)
	b = binary.LittleEndian.AppendUint16(b, uint16(c.flags))
	for _, it := range dc.items[c.items : c.items+uint32(c.nSubj)+uint32(c.nObj)+uint32(c.nRest)] {
		b = binary.LittleEndian.AppendUint32(b, it.lemma)
		b = binary.LittleEndian.AppendUint16(b, uint16(it.word))
		b = append(b, it.pf, it.pos)
	}
	_, qs, ds := dc.sentence(si)
	for _, q := range qs {
		b = binary.LittleEndian.AppendUint32(b, q.span.start-base)
		b = binary.LittleEndian.AppendUint32(b, q.span.end-base)
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(q.lo))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(q.hi))
		b = binary.LittleEndian.AppendUint32(b, q.unit)
		b = append(b, q.flags)
	}
	b = append(b, 0xff)
	for _, d := range ds {
		b = binary.LittleEndian.AppendUint32(b, d.span.start-base)
		b = binary.LittleEndian.AppendUint32(b, d.span.end-base)
		b = binary.LittleEndian.AppendUint32(b, uint32(d.from))
		b = binary.LittleEndian.AppendUint32(b, uint32(d.to))
		b = binary.LittleEndian.AppendUint32(b, uint32(d.offset))
		b = append(b, byte(d.gran), d.flags, d.prep)
	}
	return b
}

// findCopies finds the copies among the documents' clauses, numbered
// from base (see index.base); clauses in boilerplate are never copies.
func findCopies(docs []*DocClaims, base []int32) *copies.Table {
	return copies.Find(base[len(base)-1], func(id int32, buf []byte) []byte {
		d := docIndex(base, id)
		k := int(id - base[d])
		if docs[d].clauses[k].flags&fSkipped != 0 {
			return nil
		}
		return copyKey(docs[d], k, buf)
	})
}

// docIndex returns the document of clause number id.
func docIndex(base []int32, id int32) int {
	return sort.Search(len(base)-1, func(d int) bool { return base[d+1] > id })
}
