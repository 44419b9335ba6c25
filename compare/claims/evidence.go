package claims

import (
	"strings"

	"github.com/crosscheck/crosscheck/compare/claims/internal/checks"
	"github.com/crosscheck/crosscheck/compare/claims/internal/restate"
	"github.com/crosscheck/crosscheck/compare/lang"
)

// Two claims contradict only when they are about the same thing, and real
// prose gives many reasons to think so wrongly: a long book speaks of many
// armies, cities and battles with the same words, lists repeat a frame
// ("Publish date: …") for different items, and a passage copied with edits
// pairs its own figures crosswise. The tests here decide whether two
// clauses' subjects and arguments name the same things, and how much the
// pair rests on (see Evidence).

// Evidence says what a contradiction between two claims rests on (see
// checks.Evidence).
type Evidence = checks.Evidence

// withinAmount reports whether an item's word is a figure of one of its
// clause's amounts ("eleven" in "eleven cities") or lies inside one of its
// dates ("March" in "March 2"): such words are values, not names of the
// thing.
func (k *comparer) withinAmount(s side, it item) bool {
	if it.at < 0 {
		return false
	}
	if it.at&itemKnown != 0 {
		return it.at&itemInAmount != 0
	}
	_, qs, ds := s.dc.sentence(s.si)
	if len(qs) == 0 && len(ds) == 0 {
		return false
	}
	ws := k.wordsOf(s)
	return it.word() < len(ws) && inAmount(ws, it.word(), qs, ds)
}

// inAmount reports whether word i of a sentence's words ws is a figure of
// one of its amounts qs or lies inside one of its dates ds.
func inAmount(ws []lang.Word, i int, qs []qty, ds []date) bool {
	w := sp32(ws[i].Span)
	if lang.IsFigureWord(ws[i].Lower) {
		// the figure of an amount; its other words ("African" in "three
		// hundred African cities") describe what is counted
		for _, q := range qs {
			if q.span.contains(w) {
				return true
			}
		}
	}
	for _, x := range ds {
		if x.span.contains(w) {
			return true
		}
	}
	return false
}

// inMoneyOrShare reports whether word i of a sentence's words ws lies in
// one of its amounts qs whose unit (as unit spells it) is per cent or
// money.
func inMoneyOrShare(ws []lang.Word, i int, qs []qty, unit func(q int) string) bool {
	w := sp32(ws[i].Span)
	for j, q := range qs {
		if q.span.contains(w) && lang.IsMoneyOrShare(unit(j)) {
			return true
		}
	}
	return false
}

// markItems records in each item of a sentence's clauses what its word is
// (inAmount, inMoneyOrShare), given the sentence's words, amounts, dates
// and the amounts' units.
func markItems(pcs []pclause, ws []lang.Word, qs []qty, ds []date, unit func(q int) string) {
	mark := func(its []item) {
		for i := range its {
			it := &its[i]
			if it.at < 0 || it.at&itemKnown != 0 || it.word() >= len(ws) {
				continue
			}
			it.at |= itemKnown
			if inAmount(ws, it.word(), qs, ds) {
				it.at |= itemInAmount
			}
			if inMoneyOrShare(ws, it.word(), qs, unit) {
				it.at |= itemUnit
			}
		}
	}
	for ci := range pcs {
		mark(pcs[ci].subj)
		mark(pcs[ci].obj)
		mark(pcs[ci].rest)
	}
}

// wordsOf returns the words of a side's sentence, from a cache of the last
// two sentences read.
func (k *comparer) wordsOf(s side) []lang.Word {
	for i := range k.sentCache {
		if e := &k.sentCache[i]; e.dc == s.dc && e.si == s.si {
			return e.ws
		}
	}
	e := &k.sentCache[k.sentNext]
	k.sentNext ^= 1
	e.dc, e.si = s.dc, s.si
	e.ws = k.readWords(s, e.ws)
	return e.ws
}

// readWords returns the words of a side's sentence in buf[:0]: copied
// from the comparer's store of short sentences when it has them, else
// read (and stored when short). Callers hold what it returns in buffers
// of their own, never in the store.
func (k *comparer) readWords(s side, buf []lang.Word) []lang.Word {
	st := &k.wordStore[uint(s.si)%uint(len(k.wordStore))]
	if st.dc == s.dc && st.si == s.si {
		return append(buf[:0], st.ws...)
	}
	ws := lang.Words(s.dc.Doc, s.dc.Doc.Sentences[s.si], buf)
	if len(ws) <= maxStoredWords {
		st.dc, st.si = s.dc, s.si
		st.ws = append(st.ws[:0], ws...)
	}
	return ws
}

// wordStoreSize is how many short sentences' words a comparer keeps, by
// sentence number, besides the two last read: a claim repeated in many
// sentences is compared with each, and the sentences are read for every
// pair. Every comparing worker has one; 256 took 1.8 MB a worker for no
// speed measured.
const wordStoreSize = 128

// maxStoredWords is the most words of a sentence the store keeps.
const maxStoredWords = 64

// sentWords is a sentence's words, as a comparer caches them.
type sentWords struct {
	dc *DocClaims
	si int
	ws []lang.Word
}

// modifiersConflict reports whether two phrases whose heads match still
// name different things by what modifies them: different names ("the army
// of Gaul", "the Gothic army"; "cities of Asia", "African cities"),
// different phrases after the same preposition ("a household in the
// county", "a household in the city"; "the character of the tribunes",
// "the character of a reformer"), opposed adjectives ("a white dog", "a
// black dog"), or different numbers that name ("Type 1", "Type 2").
func (k *comparer) modifiersConflict(A, B side, a, b []item) bool {
	// names beside the head
	na, nb, sharedName := 0, 0, false
	for _, p := range a {
		if p.pos != 'p' || p.head() || k.withinAmount(A, p) {
			continue
		}
		na++
		for _, q := range b {
			if q.pos == 'p' && k.voc.Word(p.lemma).Lower == k.voc.Word(q.lemma).Lower {
				sharedName = true
			}
		}
	}
	for _, q := range b {
		if q.pos == 'p' && !q.head() && !k.withinAmount(B, q) {
			nb++
		}
	}
	if na > 0 && nb > 0 && !sharedName {
		return true
	}
	// phrases after the same preposition: some pair must match, and a pair
	// of different things (not a name against a noun, which may be the
	// same) makes them different
	for _, p := range a {
		if p.prep() == 0 || p.head() || p.pos != 'n' && p.pos != 'p' {
			continue
		}
		matched, conflict, seen := false, false, false
		for _, q := range b {
			if q.prep() != p.prep() || q.head() || q.pos != 'n' && q.pos != 'p' {
				continue
			}
			seen = true
			switch r, _, _ := k.itemRel(p, q); r {
			case relMatch:
				matched = true
			case relConflict:
				conflict = true
			}
		}
		if seen && !matched && conflict {
			return true
		}
	}
	// opposed adjectives
	for _, p := range a {
		for _, q := range b {
			switch {
			case p.pos == 'a' && q.pos == 'a':
				if r, _, _ := k.itemRel(p, q); r == relOpposed {
					return true
				}
			}
		}
	}
	// numbers that name: some on each side, none alike
	na, nb = 0, 0
	for _, p := range a {
		if p.pos != 'd' || k.withinAmount(A, p) {
			continue
		}
		na++
		for _, q := range b {
			if q.pos == 'd' && k.voc.Word(p.lemma).Lower == k.voc.Word(q.lemma).Lower && !k.withinAmount(B, q) {
				return false
			}
		}
	}
	for _, q := range b {
		if q.pos == 'd' && !k.withinAmount(B, q) {
			nb++
		}
	}
	return na > 0 && nb > 0
}

// sameContent reports whether every content word of a has the same word or
// a synonym in b, and every one of b in a, leaving out the words in skip
// (the conflicting ones), light words and amounts.
func (k *comparer) sameContent(a, b []item, skip ...item) bool {
	return k.heldAll(a, b, skip) && k.heldAll(b, a, skip)
}

func (k *comparer) heldAll(a, b []item, skip []item) bool {
next:
	for _, p := range a {
		if p.pos == 'd' || k.voc.Word(p.lemma).Light || k.voc.Word(p.lemma).Fn {
			continue
		}
		for _, s := range skip {
			if s.lemma == p.lemma && s.at == p.at {
				continue next
			}
		}
		for _, q := range b {
			if r, how, _ := k.itemRel(p, q); r == relMatch && how == lang.Same {
				continue next
			}
		}
		return false
	}
	return true
}

// sharesName reports whether the two clauses name the same person, place
// or thing outside their amounts and dates: a shared name ties two claims
// to one subject or event.
func (k *comparer) sharesName(A, B side) bool {
	for _, pa := range [2][]item{A.subj, A.objRest()} {
		for _, p := range pa {
			if p.pos != 'p' || p.at < 0 || k.withinAmount(A, p) || len(k.voc.Str(p.lemma)) < 2 {
				continue // a pronoun's guessed antecedent is no evidence, nor a letter ("0 C")
			}
			for _, pb := range [2][]item{B.subj, B.objRest()} {
				for _, q := range pb {
					if q.pos == 'p' && q.at >= 0 && k.voc.Word(p.lemma).Lower == k.voc.Word(q.lemma).Lower && !k.withinAmount(B, q) {
						return true
					}
				}
			}
		}
	}
	return false
}

// sharesIdentifier reports whether the two clauses hold the same number
// that names rather than counts (not part of an amount or a date): "10925"
// in "Executive Order 10925".
func (k *comparer) sharesIdentifier(A, B side) bool {
	for _, pa := range [2][]item{A.subj, A.objRest()} {
		for _, p := range pa {
			if p.pos != 'd' || p.at < 0 || k.withinAmount(A, p) {
				continue
			}
			for _, pb := range [2][]item{B.subj, B.objRest()} {
				for _, q := range pb {
					if q.pos == 'd' && q.at >= 0 && k.voc.Word(p.lemma).Lower == k.voc.Word(q.lemma).Lower && !k.withinAmount(B, q) {
						return true
					}
				}
			}
		}
	}
	return false
}

// anchorEvidence is what shared names and identifiers make of a pair of
// clauses: identified, anchored, or nothing beyond words.
func (k *comparer) anchorEvidence(A, B side) Evidence {
	if !k.sharesName(A, B) {
		return checks.EvidenceWords
	}
	if k.sharesIdentifier(A, B) {
		return checks.EvidenceIdentified
	}
	return checks.EvidenceAnchored
}

// argumentsConflict reports whether the clauses' objects and phrases after
// the same preposition name different things: "declared war on Germany",
// "declared war on the Axis"; "arrived at the seventh planet", "arrived at
// Jupiter". Amounts and dates are left out (they are what is compared).
func (k *comparer) argumentsConflict(A, B side) bool {
	ra, rb := A.objRest(), B.objRest()
	if k.ordinalsApart(A, ra, B, rb) {
		return true
	}
	for _, p := range ra {
		if p.pos == 'd' || p.pos == 'r' || p.pos == 'a' || k.withinAmount(A, p) || !p.head() && p.prep() == 0 || k.shareOrMoney(A, p) {
			continue
		}
		matched, seen := false, false
		for _, q := range rb {
			if q.prep() != p.prep() || q.pos == 'd' || q.pos == 'r' || q.pos == 'a' || k.withinAmount(B, q) || !q.head() && q.prep() == 0 || k.shareOrMoney(B, q) {
				continue
			}
			seen = true
			if r, _, _ := k.itemRel(p, q); r == relMatch {
				matched = true
				break
			}
		}
		if seen && !matched {
			return true
		}
	}
	return false
}

// ordinalsApart reports phrases after the same preposition that two
// ordinals set apart ("in the third quarter", "in the fourth quarter";
// "in the second round", "in the final round" is not told): a rank, an
// amount of its own ("finished in 3rd place"), is left to the numbers.
func (k *comparer) ordinalsApart(A side, ra []item, B side, rb []item) bool {
	for _, p := range ra {
		vp := lang.OrdinalValue(k.voc.Str(k.voc.Word(p.lemma).Lower))
		if p.prep() == 0 || vp == 0 || k.withinAmount(A, p) {
			continue
		}
		for _, q := range rb {
			if q.prep() == p.prep() && !k.withinAmount(B, q) {
				if vq := lang.OrdinalValue(k.voc.Str(k.voc.Word(q.lemma).Lower)); vq > 0 && vq != vp {
					return true
				}
			}
		}
	}
	return false
}

// sameTime reports whether the sentences of two claims can speak of the
// same time: neither states a date, or some date of one can be a date of
// the other (relative dates by their words). "Last year … 14 home sales"
// and "so far this year … 8 home sales" are about different times.
func sameTime(A, B side) bool {
	_, _, da := A.dc.sentence(A.si)
	_, _, db := B.dc.sentence(B.si)
	if len(da) == 0 && len(db) == 0 {
		return true
	}
	for _, p := range da {
		for _, q := range db {
			if p.relative() || q.relative() {
				if p.relative() && q.relative() && p.offset == q.offset && p.gran == q.gran {
					return true
				}
				continue
			}
			if p.overlaps(q) && lang.PrepClass(prepName(p.prep)) == lang.PrepClass(prepName(q.prep)) {
				return true
			}
		}
	}
	return false
}

// timesApart reports claims dated, each in its clause, at times apart:
// "approved in 2019" and "rejected in 2021" are two events.
func timesApart(A, B side) bool {
	var ba, bb [4]date
	da, db := clauseDates(A, ba[:0]), clauseDates(B, bb[:0])
	for _, p := range da {
		for _, q := range db {
			if p.relative() || q.relative() || p.yearless() != q.yearless() || p.overlaps(q) {
				return false
			}
		}
	}
	return len(da) > 0 && len(db) > 0
}

// existentialOnly reports a bare "there is (no) X": existence, with no
// predicate of its own.
func (c *clause) existentialOnly() bool { return c.flags&fExistential != 0 && c.copula() }

// restatement compares the sentences of two claims word for word: whether
// they are the same sentence but for a few words (each holds at least 80%
// of the other's content words, counted with repeats, and three or more;
// a sentence of two content words must have the same two),
// and which figures and words of each have no equal in the other.
// Negations do not count as content, so "is" and "is not" sentences can be
// restatements.
//
// Sentences that are alike but for their figures, next to sentences alike
// but for theirs, are a template filled in for different things (census
// pages: "For every 100 females there were 91.8 males"), not a claim
// restated: they are not reported similar.
//
// The words in exceptA and exceptB (opposed words) are left out.
func (k *comparer) restatement(A, B side, exceptA, exceptB span32) restate.Result {
	r := k.sentencesAlike(A.dc, A.si, B.dc, B.si, 3, exceptA, exceptB)
	if !r.Similar {
		return restate.Result{}
	}
	for _, d := range []int{-1, 1} {
		sa, sb := A.si+d, B.si+d
		if sa < 0 || sb < 0 || sa >= len(A.dc.Doc.Sentences) || sb >= len(B.dc.Doc.Sentences) || A.dc == B.dc && (sa == B.si || sb == A.si) {
			continue
		}
		if n := k.sentencesAlike(A.dc, sa, B.dc, sb, 1, span32{}, span32{}); n.Similar && (len(n.ValsA) > 0 || len(n.ValsB) > 0) {
			k.contextDecided = true
			return restate.Result{}
		}
	}
	return r
}

// sentencesAlike compares sentence sa of da with sentence sb of db (see
// restatement): each must have minTerms content words or more (or one
// fewer, all alike), outside the spans to leave out.
func (k *comparer) sentencesAlike(da *DocClaims, sa int, db *DocClaims, sb int, minTerms int, exceptA, exceptB span32) restate.Result {
	ca, va := k.sentenceTerms(side{dc: da, si: sa}, k.termsA[:0], k.valsA[:0])
	cb, vb := k.sentenceTerms(side{dc: db, si: sb}, k.termsB[:0], k.valsB[:0])
	k.termsA, k.valsA, k.termsB, k.valsB = ca, va, cb, vb
	return restate.Compare(ca, va, cb, vb, minTerms, rs32(exceptA), rs32(exceptB))
}

// rs32 is s as package restate holds it.
func rs32(s span32) restate.Span { return restate.Span{Start: s.start, End: s.end} }

// sentenceTerms appends the content words and the values of a side's
// sentence to terms and vals.
func (k *comparer) sentenceTerms(s side, terms, vals []restate.Term) ([]restate.Term, []restate.Term) {
	e := &k.termCache[uint(s.si)%uint(len(k.termCache))]
	if e.dc == s.dc && e.si == s.si {
		return append(terms, e.terms...), append(vals, e.vals...)
	}
	t0, v0 := len(terms), len(vals)
	terms, vals = restate.ReadTerms(k.wordsOf(s), terms, vals)
	if len(terms)-t0+len(vals)-v0 <= maxCachedTerms {
		e.dc, e.si = s.dc, s.si
		e.terms = append(e.terms[:0], terms[t0:]...)
		e.vals = append(e.vals[:0], vals[v0:]...)
	}
	return terms, vals
}

// termCacheSize is how many sentences' terms a comparer keeps, by
// sentence number: a claim repeated in many sentences is compared with
// each, and each sentence, with its neighbours, is read for every pair.
const termCacheSize = 512

// maxCachedTerms is the most terms and values of a sentence the cache
// keeps: longer sentences are read again.
const maxCachedTerms = 64

// sentTerms is a sentence's terms and values as a comparer caches them.
type sentTerms struct {
	dc          *DocClaims
	si          int
	terms, vals []restate.Term
}

// negations counts the negating words of a side's sentence, and its
// denials ("denied that").
func (k *comparer) negations(s side) int {
	n := 0
	cs, _, _ := s.dc.sentence(s.si)
	for i := range cs {
		if cs[i].flags&fNoClaim != 0 && cs[i].dangling() {
			n++
		}
	}
	for _, w := range k.wordsOf(s) {
		if w.Neg || lang.IsNegator(w.Lower) || w.Lower == "n't" {
			n++
		}
	}
	return n
}

// crosswise reports, for opposed words p (of A) and q (of B) in sentences
// restated, whether each sentence holds both words: the same sentence
// twice ("black and white"), its clauses paired crosswise.
func (k *comparer) crosswise(A, B side, ev Evidence, p, q item) bool {
	if ev != checks.EvidenceRestated {
		return false
	}
	has := func(s side, it item) bool {
		w := k.voc.Str(it.lemma)
		for _, x := range k.wordsOf(s) {
			if x.Lower == w || strings.HasPrefix(x.Lower, w) {
				return true
			}
		}
		return false
	}
	return has(A, q) && has(B, p)
}
