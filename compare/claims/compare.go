package claims

import (
	"strings"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/claims/internal/checks"
	"github.com/crosscheck/crosscheck/compare/claims/internal/pairs"
	"github.com/crosscheck/crosscheck/compare/claims/internal/restate"
	"github.com/crosscheck/crosscheck/compare/lang"
)

// Verdict is what comparing two clauses finds.
type Verdict struct {
	Kind       string  // "overlap", "number", "date", "negation", "antonym", or "" for nothing
	Confidence float64 // 0..1
	Score      float64 // weighted share of content the clauses have in common
	// ValueA and ValueB are the conflicting values (or the opposed words, or
	// the negated and the plain predicate), SpanA and SpanB where they are.
	ValueA, ValueB string
	SpanA, SpanB   compare.Span
	// Covers is "both", "first", "second" or "": which clause says all that
	// the other does (for overlaps).
	Covers string
	// Evidence is what a contradiction rests on beyond shared words.
	Evidence Evidence
	// Hedged is set when a claim of a contradiction is hedged (a
	// possibility, an expectation, a report): its confidence is lower.
	Hedged bool
}

// side is a clause with what comparing it needs.
type side struct {
	dc              *DocClaims
	si, k           int // sentence, and clause (an index in dc.clauses)
	c               *clause
	subj, obj, rest []item
}

// bareFragment reports a clause of subject and a verb of one word
// alone, in a sentence that says more: "a product called", "guinea
// pigs", "dogs bred …", "training". It is a noun phrase read as a clause,
// or a clause cut from what completes it; a sentence of subject and verb
// ("Nemesis sucks."), a verb group of several words ("a man is singing
// and …") or a present participle ("adults and children standing and
// playing …", a caption's sentence) is a claim.
func (s side) bareFragment() bool {
	if len(s.obj) > 0 || len(s.rest) > 0 || s.c.verbGroup.end == s.c.verbGroup.start || s.c.subject.start < s.c.span.start {
		return false // (a subject before the clause is shared: "a man is wearing a hat and dancing")
	}
	if a, b := s.dc.sents[s.si], s.dc.sents[s.si+1]; b.clauses-a.clauses < 2 {
		return false
	}
	g := s.dc.Doc.TextOf(s.abs(s.c.verbGroup))
	return !strings.ContainsAny(g, " \t\n") && !strings.HasSuffix(g, "ing")
}

// abs turns a span relative to the side's sentence into Text coordinates.
func (s side) abs(r rspan) compare.Span { return s.dc.abs(s.si, r) }

func (s side) abs32(r rspan) span32 { return sp32(s.abs(r)) }

// objRest is the object and the rest, which the tables keep together.
func (s side) objRest() []item { return s.obj[:len(s.obj)+len(s.rest)] }

// ci is the clause's number within its sentence. It is not kept in side:
// reading the sentence's record for every candidate compared missed the
// processor's cache for nothing, as most comparisons stop before.
func (s side) ci() int { return s.k - int(s.dc.sents[s.c.sent].clauses) }

// sideAt returns clause k of the document (an index in dc.clauses).
func sideAt(dc *DocClaims, k int) side {
	c := &dc.clauses[k]
	its := dc.items[c.items : c.items+uint32(c.nSubj)+uint32(c.nObj)+uint32(c.nRest)]
	s := side{dc: dc, si: int(c.sent), k: k, c: c}
	s.subj = its[:c.nSubj:c.nSubj]
	s.obj = its[c.nSubj : c.nSubj+c.nObj]
	s.rest = its[c.nSubj+c.nObj:]
	return s
}

// comparer compares clauses for one goroutine: WordNet relations between
// the vocabulary's words are cached, and scratch space reused.
type comparer struct {
	x      *index
	voc    *vocab
	rels   *lang.WordRelater // made on first use, once the vocabulary is complete
	ca, cb []item            // content of the two clauses
	pa, pb []item            // their predicate words
	oa, ob []item            // their objects without figures
	words  []lang.Word

	sentCache [2]sentWords
	sentNext  int
	// by sentence number modulo their lengths: wordStoreSize and
	// termCacheSize, or the number of sentences when fewer
	wordStore []sentWords
	termCache []sentTerms
	// scratch of restatement
	termsA, valsA, termsB, valsB []restate.Term
	verbPairs                    pairs.Cache // see mayMatch
	// contextDecided is set when the last comparison's verdict rested on
	// more than the two clauses' sentences: the sentences around them, or
	// their being in one document (see findCopies)
	contextDecided bool
}

func newComparer(x *index, voc *vocab) *comparer {
	sents := 1
	for _, dc := range x.docs {
		sents += len(dc.Doc.Sentences)
	}
	return &comparer{x: x, voc: voc, termCache: make([]sentTerms, min(termCacheSize, sents)),
		wordStore: make([]sentWords, min(wordStoreSize, sents))}
}

type rel int

const (
	relNone     rel = iota // not comparable (one side missing)
	relMatch               // same, synonym or one more general
	relConflict            // different things
	relOpposed             // antonyms
)

// itemRel relates two items: same lemma or stem, WordNet synonyms or
// hypernyms, names by key; antonyms are opposed.
func (k *comparer) itemRel(a, b item) (rel, lang.Relation, bool) {
	if a.pos == 'x' || b.pos == 'x' {
		if a.pos == b.pos && a.lemma == b.lemma && k.voc.Str(a.lemma) != "it" {
			return relMatch, lang.Same, false // the same speaker or group: "I", "we"
		}
		return relNone, lang.Unrelated, false
	}
	wa, wb := k.voc.Word(a.lemma), k.voc.Word(b.lemma)
	if wa.Lower == wb.Lower || wa.Stem == wb.Stem && wa.Long {
		return relMatch, lang.Same, false
	}
	if a.pos == 'p' && b.pos == 'p' || a.pos == 'd' || b.pos == 'd' {
		return relConflict, lang.Unrelated, false
	}
	if a.pos == 'p' || b.pos == 'p' {
		return relNone, lang.Unrelated, false // a name may be an instance of a noun
	}
	pos := byte(0)
	if a.pos == b.pos {
		pos = a.pos
		if pos == 'c' {
			pos = 'n'
		}
	}
	if k.rels == nil {
		k.rels = k.x.words.Relater()
	}
	how, opposed, direct := k.rels.Relate(wa.Lower, wb.Lower, pos)
	if opposed {
		return relOpposed, lang.Unrelated, direct
	}
	if a.pos != b.pos {
		// an adjective against a noun or verb of the same stem was caught above
		return relConflict, lang.Unrelated, false
	}
	if how != lang.Unrelated {
		return relMatch, how, false
	}
	return relConflict, lang.Unrelated, false
}

// headsRel compares the heads of two phrases: a match when some pair
// matches, opposed when some pair is antonyms and none matches, a conflict
// when both have heads and none relates.
func (k *comparer) headsRel(a, b []item) (rel, item, item) {
	if !hasHead(a) || !hasHead(b) {
		return relNone, item{}, item{}
	}
	best := relConflict
	var x, y item
	eachHeadPair(a, b, func(p, q item) bool {
		r, _, _ := k.itemRel(p, q)
		switch {
		case r == relMatch:
			best, x, y = relMatch, p, q
			return false
		case r == relOpposed:
			best, x, y = relOpposed, p, q
		case r == relNone && best == relConflict:
			best = relNone
		}
		return true
	})
	return best, x, y
}

// eachHeadPair calls fn with each head of a and each head of b, until fn
// returns false.
func eachHeadPair(a, b []item, fn func(p, q item) bool) {
	for _, p := range a {
		if !p.head() {
			continue
		}
		for _, q := range b {
			if q.head() && !fn(p, q) {
				return
			}
		}
	}
}

// placeholder reports a word that stands for a thing without naming it:
// a personal pronoun not resolved, or a relative or interrogative word.
func (k *comparer) placeholder(it item) bool {
	if it.pos == 'x' && it.at >= 0 {
		return true
	}
	switch k.voc.Str(it.lemma) {
	case "what", "which", "who", "whom", "whose", "that", "this", "these", "those", "whatever":
		return true
	}
	return false
}

func hasHead(its []item) bool {
	for _, it := range its {
		if it.head() {
			return true
		}
	}
	return false
}

// coverage is the IDF-weighted share of a's content that b holds (a word
// of b that matches it, or is narrower than it, covers it).
func (k *comparer) coverage(a, b []item) (float64, int) {
	var total, got float64
	missing := 0
	for _, p := range a {
		w := k.x.weight(p)
		total += w
		found := false
		for _, q := range b {
			r, how, _ := k.itemRel(q, p)
			if r == relMatch && (how == lang.Same || how == lang.Narrower) {
				found = true
				break
			}
		}
		if found {
			got += w
		} else {
			missing++
		}
	}
	if total == 0 {
		return 1, 0
	}
	return got / total, missing
}

// substance counts the words of a that b holds (as coverage has it),
// leaving out light words.
func (k *comparer) substance(a, b []item) int {
	n := 0
	for _, p := range a {
		if k.voc.Word(p.lemma).Light {
			continue
		}
		for _, q := range b {
			if r, how, _ := k.itemRel(q, p); r == relMatch && (how == lang.Same || how == lang.Narrower) {
				n++
				break
			}
		}
	}
	return n
}

// content appends the content words of a clause to buf[:0]: its subject
// (without pronouns and collective nouns), its verb unless "be" or
// "have", and its object and rest (without amounts, and without adverbs:
// "running quickly" says what "quickly running" does, whose adverb the
// verb group holds).
func (k *comparer) content(s side, buf []item) []item {
	out := buf[:0]
	for _, it := range s.subj {
		if it.pos != 'c' && it.pos != 'x' {
			out = append(out, it)
		}
	}
	if v := k.voc.Str(s.c.verb); v != "" && v != "be" && v != "have" {
		out = append(out, s.c.verbItem())
	}
	for _, it := range s.objRest() {
		if it.pos != 'c' && it.pos != 'd' && it.pos != 'r' {
			out = append(out, it)
		}
	}
	return out
}

// mayMatch is compareClauses's first test, on the verbs of clauses a
// and b (as the index keeps them): the same verb, two copulas, verbs
// related or opposed in WordNet; or exactly one verbless fragment.
func (k *comparer) mayMatch(a, b int32) bool {
	va, vb := k.x.verbs[a], k.x.verbs[b]
	if va == 0 || vb == 0 {
		return va != vb
	}
	if va == vb || va&vb&verbCopula != 0 {
		return true
	}
	// the verbs of a text are few: their relations are kept in a small
	// table that stays in the processor's cache, where WordNet's pair
	// table would not
	if may, ok := k.verbPairs.Get(va, vb); ok {
		return may
	}
	r, _, _ := k.itemRel(item{lemma: va &^ verbCopula, pos: 'v'}, item{lemma: vb &^ verbCopula, pos: 'v'})
	may := r == relMatch || r == relOpposed
	k.verbPairs.Put(va, vb, may)
	return may
}

// compareClauses decides whether two clauses make the same claim, and
// whether they contradict.
func (k *comparer) compareClauses(A, B side) Verdict {
	a, b := A.c, B.c
	if a.verb == 0 && b.verb == 0 {
		return Verdict{}
	}
	if a.verb == 0 || b.verb == 0 {
		return k.fragmentOverlap(A, B)
	}
	// the subject: the same thing (or one more general), not just a topic word
	subj, sx, sy := k.headsRel(A.subj, B.subj)
	if subj == relConflict || subj == relOpposed {
		return Verdict{}
	}
	// "you" and "you", "what" and "what": the same word, not the same
	// thing; and a subject a pronoun stands for (borrowed from a sentence
	// before) is a guess: the rest of the claim must match
	placeholders := subj == relMatch && k.placeholder(sx) && k.placeholder(sy)
	weakSubj := placeholders || subj == relMatch && (sx.at < 0 || sy.at < 0)
	if placeholders {
		subj = relNone // for a contradiction; a claim restated whole is still an overlap
	}
	// heads alike, modifiers apart: "the army of Gaul", "the Gothic army"
	if subj == relMatch && k.modifiersConflict(A, B, A.subj, B.subj) {
		return Verdict{}
	}
	// the predicate
	verbR := relConflict
	verbOpp := false
	verbDirect := false
	if a.verb == b.verb || a.copula() && b.copula() {
		verbR = relMatch
	} else if r, _, d := k.itemRel(a.verbItem(), b.verbItem()); r == relMatch {
		verbR = relMatch
	} else if r == relOpposed {
		verbOpp, verbDirect = true, d
	}
	if verbR != relMatch && !verbOpp {
		return Verdict{}
	}
	objR, _, _ := k.headsRel(k.things(A, &k.oa), k.things(B, &k.ob))
	if objR == relConflict && !(a.copula() && b.copula()) {
		return Verdict{}
	}
	k.ca = k.content(A, k.ca)
	k.cb = k.content(B, k.cb)
	ca, cb := k.ca, k.cb
	covAB, missA := k.coverage(ca, cb) // how much of a b holds
	covBA, missB := k.coverage(cb, ca)
	score := (covAB + covBA) / 2
	v := Verdict{Score: score}
	// Arguments must be about the same thing: enough of the smaller side is
	// held by the other.
	shared := k.sharedArgs(A, B)
	strongPred := verbR == relMatch && (objR == relMatch || shared >= 2 || a.copula() && b.copula() && k.complementMatch(A, B))
	if subj == relNone && !(strongPred && max(covAB, covBA) >= 0.5 && shared >= 2) && !(placeholders && missA == 0 && missB == 0) {
		return Verdict{}
	}
	if a.copula() && b.copula() {
		cr, _, _ := k.headsRel(A.objRest(), B.objRest())
		if cr == relConflict && !k.anyOpposed(A, B) {
			return Verdict{}
		}
	}
	if a.modal != b.modal && (a.negated() != b.negated()) {
		return Verdict{} // "may not" against "is": not a contradiction
	}

	// Denial and opposition are read only between claims complete in
	// themselves: "there is no reason to" denies nothing until the clause
	// that completes it ("… to believe it") is compared too. Both must be
	// asserted (no condition, relative clause, question or litotes), with
	// the same modality.
	// A clause that asserts nothing of its own (a condition, a relative
	// clause, a question, a litotes) or stops short ("China stressed
	// that …") contradicts only a copy of itself changed: the same
	// sentence, restated, with the opposite word.
	complete2 := !a.dangling() && !b.dangling()
	asserted := a.asserted() && b.asserted()
	plain := complete2 && asserted
	sameModal := a.modal == b.modal && !a.question() && !b.question() // a question contradicts nothing
	within := A.dc == B.dc
	sa, sb := k.substance(ca, cb), k.substance(cb, ca)
	// what a denial or an opposition rests on: the same sentence restated
	// (with no figure changed besides), or a shared name
	// (for opposed words, the words themselves are the one swap allowed)
	evidence := func(opposed ...compare.Span) Evidence {
		var oa, ob span32
		if len(opposed) == 2 {
			oa, ob = sp32(opposed[0]), sp32(opposed[1])
		}
		if r := k.restatement(A, B, oa, ob); r.Similar && len(r.ValsA) == 0 && len(r.ValsB) == 0 && !r.Swapped() {
			return checks.EvidenceRestated
		}
		return k.anchorEvidence(A, B)
	}
	// antonyms: opposed verbs, or opposed words aligned by role, between
	// claims alike in all else: the same subject word for word (not "a
	// golden age" and "the golden age of Trajan"), the same object
	if a.negated() == b.negated() && sameModal && subj == relMatch && k.sameContent(A.subj, B.subj) && !timesApart(A, B) {
		if verbOpp && (!hasHead(A.obj) && !hasHead(B.obj) || k.sameContent(A.obj, B.obj)) && !k.argumentsConflict(A, B) &&
			k.restAligned(ca, cb, a.verbItem(), b.verbItem()) {
			if ev := evidence(k.wordSpan(A, a.verbItem()), k.wordSpan(B, b.verbItem())); (plain || ev == checks.EvidenceRestated) && !k.crosswise(A, B, ev, a.verbItem(), b.verbItem()) {
				return k.antonymVerdict(v, A, B, a.verbItem(), b.verbItem(), verbDirect, ev)
			}
		}
		if verbR == relMatch {
			if p, q, d, ok := k.alignedOpposites(A, B); ok && k.restAligned(ca, cb, p, q) {
				if ev := evidence(k.wordSpan(A, p), k.wordSpan(B, q)); (plain || ev == checks.EvidenceRestated) && !k.crosswise(A, B, ev, p, q) {
					return k.antonymVerdict(v, A, B, p, q, d, ev)
				}
			}
		}
	}
	if verbR != relMatch || subj != relMatch && !strongPred {
		return Verdict{}
	}
	// negation: one denies what the other states. The denied claim must be
	// no more specific than the stated one ("there is no man playing" denies
	// "a bald man is playing on stage", not the other way round).
	if a.negated() != b.negated() && subj == relMatch {
		if !sameModal || timesApart(A, B) {
			return Verdict{}
		}
		neg, pos := A, B
		missing := missA
		if b.negated() {
			neg, pos = B, A
			missing = missB
		}
		// "not very good" does not deny "good", nor "never widely used" "used"
		if neg.c.flags&fDegree != 0 {
			return Verdict{}
		}
		// "there are no packages" denies that packages exist, not that
		// "packages are subject to availability"
		if a.existentialOnly() != b.existentialOnly() {
			return Verdict{}
		}
		// "A woman is not eating" does not deny "a girl is eating": a plain
		// "not" speaks of one individual, so the subjects must be the same
		// word; "no woman"/"nobody" deny every narrower kind. Within one
		// document, where one word names many things, the subjects must be
		// the same words throughout ("their expectations" is not "the
		// expectations of Probus").
		if !neg.c.existNeg() && !k.sameHead(A.subj, B.subj) {
			return Verdict{}
		}
		if within && !k.sameContent(A.subj, B.subj) {
			k.contextDecided = true
			return Verdict{}
		}
		if missing == 0 && k.siblingsHeld(neg, pos) {
			ev := evidence(k.frameVerb(A), k.frameVerb(B)) // "confirmed" and "denied" are what changed
			if !plain && ev != checks.EvidenceRestated {
				return Verdict{}
			}
			if ev == checks.EvidenceRestated && k.negations(A) == k.negations(B) {
				return Verdict{} // the same sentence twice, its clauses paired crosswise
			}
			v.Kind, v.Confidence = "negation", 0.9
			v.SpanA, v.SpanB = A.abs(a.verbGroupOrCue()), B.abs(b.verbGroupOrCue())
			v.ValueA = strings.ToLower(A.dc.Doc.TextOf(v.SpanA))
			v.ValueB = strings.ToLower(B.dc.Doc.TextOf(v.SpanB))
			v.Evidence = ev
			return v
		}
		return Verdict{}
	}
	if a.negated() != b.negated() {
		return Verdict{}
	}
	// numbers and dates: about the same event, with values that cannot
	// both hold
	// (a clause whose subject was not found, "Each of them was at the head
	// of nine legions", counts when the sentence is restated)
	if subj != relConflict && sameModal && !k.argumentsConflict(A, B) {
		ok := func(v Verdict) bool {
			return v.Evidence == checks.EvidenceRestated || asserted && subj == relMatch
		}
		if nv, found := k.numberConflict(A, B); found && ok(nv) {
			nv.Score = score
			return nv
		}
		if dv, found := k.dateConflict(A, B, objR); found && ok(dv) {
			dv.Score = score
			return dv
		}
	}
	// overlap: the same claim, in whole or in part; not two years' figures
	if valuesApart(A, B) {
		return Verdict{}
	}
	// a claim is more than a topic word: three matching content words at least
	// (words too general to make a claim specific, "new opportunities",
	// "various tasks", do not count) — or a short claim, subject and verb,
	// complete in itself and held whole by the other ("a man is dancing",
	// "a person is dancing")
	complete := subj == relMatch && verbR == relMatch && !a.open() && !b.open() &&
		(missA == 0 && sa >= 2 && sa == len(ca) || missB == 0 && sb >= 2 && sb == len(cb))
	if sa < 3 && sb < 3 && !complete {
		return Verdict{}
	}
	if len(A.subj) == 0 || len(B.subj) == 0 {
		return Verdict{} // a verb phrase without a subject ("to participate in …") is no claim of its own
	}
	if weakSubj && !(missA == 0 && missB == 0 && objR == relMatch) || A.bareFragment() || B.bareFragment() || a.question() || b.question() {
		return Verdict{}
	}
	if subj == relMatch || strongPred {
		if min(covAB, covBA) >= 0.5 || max(covAB, covBA) >= 0.8 && shared >= 1 || strongPred && max(covAB, covBA) >= 0.6 || complete {
			v.Kind, v.Confidence = "overlap", score
			switch {
			case missA == 0 && missB == 0:
				v.Covers = "both"
			case missB == 0:
				v.Covers = "first" // a holds all of b
			case missA == 0:
				v.Covers = "second"
			}
			return v
		}
	}
	return Verdict{}
}

// things is the object of a clause without its figures: an amount
// ("grew 5%", "awarded $5.2m") is compared as an amount (numberConflict),
// not as the thing the verb acts on. A copula's complement keeps them.
func (k *comparer) things(s side, buf *[]item) []item {
	if s.c.copula() {
		return s.obj
	}
	out := (*buf)[:0]
	for _, it := range s.obj {
		if (it.pos != 'd' || !k.withinAmount(s, it)) && !k.shareOrMoney(s, it) {
			out = append(out, it)
		}
	}
	*buf = out
	return out
}

// shareOrMoney reports a word of an amount in per cent or money ("per
// cent", "U.S. dollars"): the unit, compared with the amount.
func (k *comparer) shareOrMoney(s side, it item) bool {
	if it.at < 0 {
		return false
	}
	if it.at&itemKnown != 0 {
		return it.at&itemUnit != 0
	}
	_, qs, _ := s.dc.sentence(s.si)
	if len(qs) == 0 {
		return false
	}
	ws := k.wordsOf(s)
	return it.word() < len(ws) && inMoneyOrShare(ws, it.word(), qs, func(j int) string { return k.voc.Str(qs[j].unit) })
}

func (c *clause) verbGroupOrCue() rspan {
	if c.negated() && c.negCue.end > c.negCue.start {
		return c.negCue
	}
	return c.verbGroup
}

// sharedArgs counts the words of a's object and rest that match one of b's.
func (k *comparer) sharedArgs(a, b side) int {
	n := 0
	for _, p := range a.objRest() {
		for _, q := range b.objRest() {
			if r, _, _ := k.itemRel(p, q); r == relMatch && p.pos != 'd' {
				n++
				break
			}
		}
	}
	return n
}

func (k *comparer) complementMatch(a, b side) bool {
	r, _, _ := k.headsRel(a.objRest(), b.objRest())
	return r == relMatch
}

func (k *comparer) anyOpposed(a, b side) bool {
	_, _, _, ok := k.alignedOpposites(a, b)
	return ok
}

// alignedOpposites finds antonyms in the same place of two clauses: the
// complements of copulas, modifiers of matching heads, prepositions before
// the same object ("near the barrel" / "far from the barrel").
func (k *comparer) alignedOpposites(a, b side) (item, item, bool, bool) {
	// Only predicate positions count: a copula's complement, adverbs and
	// adjectives that describe the action. Opposite modifiers of the subject
	// or object ("a white dog", "a black dog") name different things.
	pred := func(s side, out []item) []item {
		out = out[:0]
		cop := s.c.copula() || lang.IsLinkingVerb(k.voc.Str(s.c.verb))
		for _, it := range s.obj {
			if cop && it.pos != 'n' {
				out = append(out, it)
			}
		}
		for _, it := range s.rest {
			if it.pos == 'r' || it.pos == 'a' && it.prep() == 0 {
				out = append(out, it)
			}
		}
		return out
	}
	k.pa = pred(a, k.pa)
	k.pb = pred(b, k.pb)
	pa, pb := k.pa, k.pb
	for _, p := range pa {
		if p.pos != 'a' && p.pos != 'v' && p.pos != 'r' && p.pos != 'n' {
			continue
		}
		for _, q := range pb {
			if q.pos != p.pos && !(p.pos == 'a' && q.pos == 'r' || p.pos == 'r' && q.pos == 'a') {
				continue
			}
			if r, _, d := k.itemRel(p, q); r == relOpposed {
				if p.pos == 'n' && (p.head() || q.head()) {
					continue // different things, not opposite properties
				}
				if hasLemma(pb, p.lemma) || hasLemma(pa, q.lemma) {
					continue // both words on both sides: "black and white"
				}
				return p, q, d, true
			}
		}
	}
	// prepositions before the same object
	for _, p := range a.objRest() {
		for _, q := range b.objRest() {
			if p.prep() == 0 || q.prep() == 0 || p.prep() == q.prep() || !p.head() || !q.head() {
				continue
			}
			if r, _, _ := k.itemRel(p, q); r != relMatch {
				continue
			}
			pp, qp := prepName(p.prep()), prepName(q.prep())
			if o, d := lang.Antonyms(pp, qp); o {
				return item{lemma: k.voc.Lookup(pp), pos: 'a', at: -2}, item{lemma: k.voc.Lookup(qp), pos: 'a', at: -2}, d, true
			}
		}
	}
	return item{}, item{}, false, false
}

func hasLemma(its []item, l uint32) bool {
	for _, it := range its {
		if it.lemma == l {
			return true
		}
	}
	return false
}

// frameVerb is the span of the verb that frames a side's clause
// ("confirmed", "denied" before "that"), or an empty span.
func (k *comparer) frameVerb(s side) compare.Span {
	cs, _, _ := s.dc.sentence(s.si)
	if s.ci() == 0 || !cs[s.ci()-1].dangling() || !lang.IsStatementVerb(k.voc.Str(cs[s.ci()-1].verb)) {
		return compare.Span{}
	}
	return s.abs(cs[s.ci()-1].verbGroup)
}

// antonymVerdict reports opposed words p and q of A and B.
func (k *comparer) antonymVerdict(v Verdict, A, B side, p, q item, direct bool, ev Evidence) Verdict {
	v.Kind = "antonym"
	v.Confidence = 0.8
	if !direct {
		v.Confidence = 0.65
	}
	v.Evidence = ev
	v.ValueA, v.ValueB = k.voc.Str(p.lemma), k.voc.Str(q.lemma)
	v.SpanA, v.SpanB = k.wordSpan(A, p), k.wordSpan(B, q)
	if a, b := strings.ToLower(A.dc.Doc.TextOf(v.SpanA)), strings.ToLower(B.dc.Doc.TextOf(v.SpanB)); lang.Multiplier(a) > 0 || lang.Multiplier(b) > 0 {
		v.ValueA, v.ValueB = a, b // "halved", "quadrupled": not the change they are read as
	}
	if lang.IsMomentary(v.ValueA) && lang.IsMomentary(v.ValueB) {
		v.Confidence -= 0.2 // "sitting" against "standing": both may be true, at two moments
	}
	return v
}

// wordSpan finds the span of an item's word by reading its sentence again.
func (k *comparer) wordSpan(s side, it item) compare.Span {
	k.words = k.readWords(s, k.words)
	ws := k.words
	if i := it.word(); i >= 0 && i < len(ws) {
		return ws[i].Span
	}
	// a preposition: find it in the clause
	lemma := k.voc.Str(it.lemma)
	cs := s.abs(s.c.span)
	for _, w := range ws {
		if cs.Contains(w.Span) && w.Lower == lemma {
			return w.Span
		}
	}
	return s.abs(s.c.verbGroup)
}

// clauseQuantities returns the amounts stated in a clause: those that start
// in it ("consisted of one hundred and eighty thousand horse, clothed …"
// may be read as two clauses that split the amount).
//
// Amounts fronted before the first clause with a verb ("During the nine
// years of his reign, he disdained …") count for it, as fronted dates do.
func clauseQuantities(s side, buf []qty) []qty {
	cs, qs, _ := s.dc.sentence(s.si)
	out := buf[:0]
	c := s.abs32(s.c.span)
	firstVerb := true
	for ci := 0; ci < s.ci(); ci++ {
		if cs[ci].verb != 0 {
			firstVerb = false
		}
	}
	sent := sp32(s.dc.Doc.Sentences[s.si])
	for _, q := range qs {
		if q.span.start >= c.start && q.span.start < c.end || firstVerb && q.span.start >= sent.start && q.span.end <= c.start {
			out = append(out, q)
		}
	}
	return out
}

// clauseDates returns the dates of a clause, with dates fronted before
// the first clause ("In August 2007, …") counted for it.
func clauseDates(s side, buf []date) []date {
	cs, _, ds := s.dc.sentence(s.si)
	c := s.abs32(s.c.span)
	out := buf[:0]
	for _, d := range ds {
		if c.contains(d.span) || d.span.end <= c.start && (s.ci() == 0 || s.abs32(cs[s.ci()-1].span).end <= d.span.start) {
			out = append(out, d)
		}
	}
	return out
}

// disjoint reports whether two ranges cannot both hold.
func (q qty) disjoint(o qty) bool { return q.below(o) || o.below(q) }

// below reports whether every value of q is under every value of o.
func (q qty) below(o qty) bool {
	if q.hi < o.lo {
		return true
	}
	return q.hi == o.lo && (q.flags&qHiOpen != 0 || o.flags&qLoOpen != 0)
}

// numberConflict finds amounts of the same measure that cannot both hold,
// in claims about the same event. The amounts of the two clauses are
// paired first: equal ones are the same figure, and only what is left
// over, in the same order on both sides, is compared ("486-2450" against
// "486-2450" pairs 486 with 486, not with 2450). Then the claims must be
// about one event (see valueEvidence). A bare figure, without a unit ("p.
// 713", "No 882"), is compared only between sentences restated.
func (k *comparer) numberConflict(A, B side) (Verdict, bool) {
	var bufA, bufB [8]qty
	qa, qb := clauseQuantities(A, bufA[:0]), clauseQuantities(B, bufB[:0])
	if len(qa) == 0 || len(qb) == 0 {
		return Verdict{}, false
	}
	ua, ub := unpaired(qa, qb), unpaired(qb, qa)
	if len(ua) == 0 || len(ua) != len(ub) {
		return Verdict{}, false // every figure has its like, or which goes with which is unclear
	}
	for i, p := range ua {
		q := ub[i]
		if p.unit != q.unit || p.flags&qChange != q.flags&qChange {
			return Verdict{}, false // the left-over figures measure different things
		}
		inSubjA := A.c.subject != (rspan{}) && A.abs32(A.c.subject).contains(p.span)
		inSubjB := B.c.subject != (rspan{}) && B.abs32(B.c.subject).contains(q.span)
		if inSubjA != inSubjB || !p.disjoint(q) {
			continue
		}
		// a figure without a unit counts as the level or the change its verb
		// of amount gives the subject ("the subscriber base topped 12 million")
		level := p.unit == 0 && A.c.verb == B.c.verb && lang.IsAmountPredicate(k.voc.Str(A.c.verb))
		count := countUnits
		if level {
			count = countAmounts
		}
		ev := k.valueEvidence(A, B, p.span, q.span, count, false)
		if ev == checks.EvidenceWords || p.unit == 0 && !level && ev != checks.EvidenceRestated {
			return Verdict{}, false
		}
		conf := 0.85
		if p.flags&qApprox != 0 || q.flags&qApprox != 0 || p.unit == 0 {
			conf = 0.7
		}
		v := Verdict{Kind: "number", Confidence: conf, SpanA: p.span.span(), SpanB: q.span.span(), Evidence: ev}
		v.ValueA, v.ValueB = A.dc.Doc.TextOf(v.SpanA), B.dc.Doc.TextOf(v.SpanB)
		return v, true
	}
	return Verdict{}, false
}

// countUnits counts the amounts with a unit in a side's sentence.
func countUnits(s side) int {
	_, qs, _ := s.dc.sentence(s.si)
	n := 0
	for _, q := range qs {
		if q.unit != 0 {
			n++
		}
	}
	return n
}

// countAmounts counts the amounts in a side's sentence.
func countAmounts(s side) int {
	_, qs, _ := s.dc.sentence(s.si)
	return len(qs)
}

// countDates counts the dates in a side's sentence.
func countDates(s side) int {
	_, _, ds := s.dc.sentence(s.si)
	return len(ds)
}

// valueEvidence says what a conflict of values va (in A) and vb (in B)
// rests on. Restated: the two sentences are the same but for the
// conflicting values (every other figure, day and month has its equal, and
// no other word is swapped for another).
// Anchored: the claims share a name, speak of the same time (unless the
// values are the dates themselves), and each
// sentence states one such value only (count), so that a list of values
// ("Publish date: 07 Nov 2008 Publish date: 10 Sep 2008 …", a census
// table) does not pass for one event.
func (k *comparer) valueEvidence(A, B side, va, vb span32, count func(side) int, dates bool) Evidence {
	if k.restatement(A, B, span32{}, span32{}).Changed(rs32(va), rs32(vb)) {
		return checks.EvidenceRestated
	}
	if count(A) != 1 || count(B) != 1 {
		return checks.EvidenceWords
	}
	if ev := k.anchorEvidence(A, B); ev > checks.EvidenceWords && (dates || sameTime(A, B)) {
		return ev
	}
	if !dates && countDates(A) > 0 && countDates(B) > 0 && sameTime(A, B) && k.sameSubject(A, B) {
		return checks.EvidenceEvent
	}
	return checks.EvidenceWords
}

// sameSubject reports subjects written out alike, of two content words or
// more ("the market for industrial heat pumps"), neither a pronoun read as
// an earlier subject: with the same predicate, they name one thing.
func (k *comparer) sameSubject(A, B side) bool {
	if A.c.resolved() || B.c.resolved() || !k.sameContent(A.subj, B.subj) {
		return false
	}
	n := 0
	for _, it := range A.subj {
		if it.pos != 'd' && it.pos != 'x' && !k.voc.Word(it.lemma).Light && !k.voc.Word(it.lemma).Fn {
			n++
		}
	}
	return n >= 2
}

// unpaired returns the amounts of a that have no equal in b (same value
// and unit, or the same range), in order; each amount of b is an equal of
// one amount of a at most.
func unpaired(a, b []qty) []qty {
	var used [8]bool
	var out []qty
next:
	for _, p := range a {
		for j, q := range b {
			if j < len(used) && !used[j] && p.lo == q.lo && p.hi == q.hi && (p.unit == q.unit || p.unit == 0 || q.unit == 0) {
				used[j] = true
				continue next
			}
		}
		out = append(out, p)
	}
	return out
}

// valuesApart reports whether two clauses state one date each that cannot
// both hold, or different amounts of one unit and no equal ones.
func valuesApart(A, B side) bool {
	var qbA, qbB [8]qty
	var dbA, dbB [4]date
	qa, qb := clauseQuantities(A, qbA[:0]), clauseQuantities(B, qbB[:0])
	if da, db := clauseDates(A, dbA[:0]), clauseDates(B, dbB[:0]); len(da) == 1 && len(db) == 1 && !da[0].relative() && !db[0].relative() && da[0].yearless() == db[0].yearless() && !da[0].overlaps(db[0]) {
		return true
	}
	for _, p := range qa {
		for _, q := range qb {
			if p.unit == q.unit && p.disjoint(q) && len(unpaired(qa, qb)) == len(qa) {
				return true
			}
		}
	}
	return false
}

// dateConflict finds dates of the same event that cannot both hold: the
// same verb on the same object, claims that share a name or are restated,
// one date each at a granularity both state.
func (k *comparer) dateConflict(A, B side, objR rel) (Verdict, bool) {
	if A.c.copula() || B.c.copula() {
		return Verdict{}, false
	}
	// the same event: the same verb on the same thing
	if objR != relMatch && !(!hasHead(A.obj) && !hasHead(B.obj)) {
		return Verdict{}, false
	}
	var bufA, bufB [4]date
	da, db := clauseDates(A, bufA[:0]), clauseDates(B, bufB[:0])
	if len(da) != 1 || len(db) != 1 {
		return Verdict{}, false // several dates: which is the event's is unclear
	}
	p, q := da[0], db[0]
	if p.relative() || q.relative() || p.gran == lang.Period || q.gran == lang.Period || lang.PrepClass(prepName(p.prep)) != lang.PrepClass(prepName(q.prep)) {
		return Verdict{}, false
	}
	if p.yearless() != q.yearless() || p.overlaps(q) {
		return Verdict{}, false
	}
	// other amounts on another date: a series ("in 2008 … 8 home sales",
	// "in 2009 … 14 home sales"), not one event dated twice
	var qbA, qbB [8]qty
	if qa, qb := clauseQuantities(A, qbA[:0]), clauseQuantities(B, qbB[:0]); len(unpaired(qa, qb)) > 0 || len(unpaired(qb, qa)) > 0 {
		return Verdict{}, false
	}
	ev := k.valueEvidence(A, B, p.span, q.span, countDates, true)
	if ev == checks.EvidenceWords {
		return Verdict{}, false
	}
	conf := 0.8
	if p.anchored() || q.anchored() {
		conf = 0.65
	}
	v := Verdict{Kind: "date", Confidence: conf, SpanA: p.span.span(), SpanB: q.span.span(), Evidence: ev}
	v.ValueA, v.ValueB = A.dc.Doc.TextOf(v.SpanA), B.dc.Doc.TextOf(v.SpanB)
	return v, true
}

// restAligned reports whether two clauses with opposed words p (of ca) and
// q (of cb) agree in all else: the shorter side's other content words are
// all in the longer, which has at most one more ("an ice skating rink
// placed outdoors is empty", "… is full of people").
func (k *comparer) restAligned(ca, cb []item, p, q item) bool {
	short, long, ps, pl := ca, cb, p, q
	if len(cb) < len(ca) {
		short, long, ps, pl = cb, ca, q, p
	}
	if !k.heldAll(short, long, []item{ps, pl}) {
		return false
	}
	extra := 0
	for _, it := range long {
		if it.lemma == pl.lemma && it.at == pl.at || it.pos == 'd' || k.voc.Word(it.lemma).Light || k.voc.Word(it.lemma).Fn ||
			adjunctPreps[prepName(it.prep())] {
			continue // "after a long debate": when or despite what, not what was done
		}
		if !k.heldAll([]item{it}, short, []item{ps}) {
			extra++
		}
	}
	return extra <= 1
}

// adjunctPreps introduce phrases that say when or in spite of what a
// thing was done, which a restatement may add or leave out.
var adjunctPreps = map[string]bool{"after": true, "before": true, "during": true, "despite": true, "amid": true, "following": true}

// sameHead reports whether some pair of heads is the same lemma or synonyms.
func (k *comparer) sameHead(a, b []item) bool {
	found := false
	eachHeadPair(a, b, func(p, q item) bool {
		r, how, _ := k.itemRel(p, q)
		found = r == relMatch && how == lang.Same
		return !found
	})
	return found
}

// siblingsHeld checks the scope of a shared negation: "there is no man
// singing and playing a guitar" denies only a man doing both, so every
// clause that shares the negation must be matched on the positive side.
func (k *comparer) siblingsHeld(neg, pos side) bool {
	if neg.c.negGroup == 0 {
		return true
	}
	ncs, _, _ := neg.dc.sentence(neg.si)
	pcs, _, _ := pos.dc.sentence(pos.si)
	for ci := range ncs {
		c := &ncs[ci]
		if ci == neg.ci() || c.negGroup != neg.c.negGroup {
			continue
		}
		found := false
		for pj := range pcs {
			pc := &pcs[pj]
			if pc.verb == c.verb {
				found = true
				break
			}
			if pc.verb != 0 && c.verb != 0 {
				if r, _, _ := k.itemRel(pc.verbItem(), c.verbItem()); r == relMatch {
					found = true
					break
				}
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// fragmentOverlap matches a verbless fragment against a clause whose whole
// subject (a phrase of three or more content words: "the new security
// concept") the fragment names: the fragment says something about it too.
func (k *comparer) fragmentOverlap(A, B side) Verdict {
	frag, cl := A, B
	if B.c.verb == 0 {
		frag, cl = B, A
	}
	if cl.c.resolved() || len(cl.subj) < 3 {
		return Verdict{}
	}
	// the subject's words, in order, inside the fragment
	j := 0
	for _, it := range frag.rest {
		if j < len(cl.subj) && k.voc.Word(it.lemma).Lower == k.voc.Word(cl.subj[j].lemma).Lower {
			j++
		} else if j > 0 && j < len(cl.subj) {
			j = 0
		}
	}
	if j < len(cl.subj) {
		return Verdict{}
	}
	cov, _ := k.coverage(cl.subj, frag.rest)
	return Verdict{Kind: "overlap", Confidence: cov, Score: cov}
}
