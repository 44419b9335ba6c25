package claims

import (
	"encoding/binary"
	"hash/maphash"
	"math"
	"slices"
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

var copySeed = maphash.MakeSeed()

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

// findCopies returns, by clause number, the original of each clause (the
// clause itself when it is one), and the copies of each original: the
// copies of original r are copies[copyOff[i]:copyOff[i+1]] where i is r's
// place in originals. Clauses in boilerplate are never copies.
func findCopies(docs []*DocClaims, base []int32) (orig []int32, originals []int32, copyOff []int32, copies []int32) {
	total := base[len(base)-1]
	orig = make([]int32, total)
	first := map[uint64]int32{}
	var key, other []byte
	n := 0
	for d, dc := range docs {
		for k := range dc.clauses {
			id := base[d] + int32(k)
			orig[id] = id
			if dc.clauses[k].flags&fSkipped != 0 {
				continue
			}
			key = copyKey(dc, k, key)
			h := maphash.Bytes(copySeed, key)
			r, ok := first[h]
			if !ok {
				first[h] = id
				continue
			}
			rd := docIndex(base, r)
			if other = copyKey(docs[rd], int(r-base[rd]), other); string(other) == string(key) {
				orig[id] = r
				n++
			}
		}
	}
	if n == 0 {
		return orig, nil, nil, nil
	}
	// group the copies by original, in clause-number order
	count := map[int32]int32{}
	for id, r := range orig {
		if r != int32(id) {
			count[r]++
		}
	}
	originals = make([]int32, 0, len(count))
	for r := range count {
		originals = append(originals, r)
	}
	slices.Sort(originals)
	copyOff = make([]int32, len(originals)+1)
	for i, r := range originals {
		copyOff[i+1] = copyOff[i] + count[r]
	}
	copies = make([]int32, n)
	fill := slices.Clone(copyOff[:len(originals)])
	for id, r := range orig {
		if r != int32(id) {
			i, _ := slices.BinarySearch(originals, r)
			copies[fill[i]] = int32(id)
			fill[i]++
		}
	}
	return orig, originals, copyOff, copies
}

// docIndex returns the document of clause number id.
func docIndex(base []int32, id int32) int {
	lo, hi := 0, len(base)-1
	for lo < hi { // the last d with base[d] <= id
		m := (lo + hi + 1) / 2
		if base[m] <= id {
			lo = m
		} else {
			hi = m - 1
		}
	}
	return lo
}

// copiesOf returns the copies of clause r (none when it has none or is a
// copy itself), in clause-number order.
func (x *index) copiesOf(r int32) []int32 {
	if len(x.originals) == 0 {
		return nil
	}
	i, ok := slices.BinarySearch(x.originals, r)
	if !ok {
		return nil
	}
	return x.copies[x.copyOff[i]:x.copyOff[i+1]]
}

// hasCopies reports whether clause a or clause b has copies.
func (x *index) hasCopies(a, b int32) bool {
	return x.multi != nil && (x.multi[a] || x.multi[b])
}

// isCopy reports whether clause c is a copy of an earlier one.
func (x *index) isCopy(c int32) bool { return x.orig != nil && x.orig[c] != c }
