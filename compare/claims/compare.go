package claims

import (
	"strings"

	"github.com/crosscheck/crosscheck/compare"
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
}

// side is a clause with what it needs for comparing.
type side struct {
	dc *DocClaims
	s  *Sentence
	c  *Clause
	ci int
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
func itemRel(a, b item) (rel, relation, bool) {
	if a.pos == 'x' || b.pos == 'x' {
		if a.pos == b.pos && a.lemma == b.lemma && a.lemma != "it" {
			return relMatch, same, false // the same speaker or group: "I", "we"
		}
		return relNone, unrelated, false
	}
	la, lb := strings.ToLower(a.lemma), strings.ToLower(b.lemma)
	if la == lb || Stem(la) == Stem(lb) && len(la) > 3 {
		return relMatch, same, false
	}
	if a.pos == 'p' && b.pos == 'p' || a.pos == 'd' || b.pos == 'd' {
		return relConflict, unrelated, false
	}
	if a.pos == 'p' || b.pos == 'p' {
		return relNone, unrelated, false // a name may be an instance of a noun
	}
	if o, d := Antonyms(la, lb); o {
		return relOpposed, unrelated, d
	}
	pos := a.pos
	if a.pos != b.pos {
		// an adjective against a noun or verb of the same stem was caught above
		return relConflict, unrelated, false
	}
	if pos == 'c' {
		pos = 'n'
	}
	if r := relate(pos, la, lb); r != unrelated {
		return relMatch, r, false
	}
	return relConflict, unrelated, false
}

func heads(its []item) []item {
	var out []item
	for _, it := range its {
		if it.head {
			out = append(out, it)
		}
	}
	return out
}

// headsRel compares the heads of two phrases: a match when some pair
// matches, opposed when some pair is antonyms and none matches, a conflict
// when both have heads and none relates.
func headsRel(a, b []item) (rel, item, item) {
	ha, hb := heads(a), heads(b)
	if len(ha) == 0 || len(hb) == 0 {
		return relNone, item{}, item{}
	}
	best := relConflict
	var x, y item
	for _, p := range ha {
		for _, q := range hb {
			r, _, _ := itemRel(p, q)
			switch {
			case r == relMatch:
				return relMatch, p, q
			case r == relOpposed:
				best, x, y = relOpposed, p, q
			case r == relNone && best == relConflict:
				best = relNone
			}
		}
	}
	return best, x, y
}

// coverage is the IDF-weighted share of a's content that b holds (a word
// of b that matches it, or is narrower than it, covers it).
func coverage(x *index, a, b []item) (float64, int) {
	var total, got float64
	missing := 0
	for _, p := range a {
		w := weightOf(x, p)
		total += w
		found := false
		for _, q := range b {
			r, how, _ := itemRel(q, p)
			if r == relMatch && (how == same || how == narrower) {
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

func weightOf(x *index, it item) float64 {
	if x == nil {
		return 1
	}
	t := termOf(it)
	if id, ok := x.dict[t]; ok && x.df[id] > 0 {
		return x.idf(id)
	}
	return 1
}

func content(c *Clause) []item {
	out := make([]item, 0, len(c.subj)+len(c.obj)+len(c.rest)+1)
	for _, it := range c.subj {
		if it.pos != 'c' && it.pos != 'x' {
			out = append(out, it)
		}
	}
	if c.Verb != "" && c.Verb != "be" && c.Verb != "have" {
		out = append(out, c.verb)
	}
	for _, its := range [][]item{c.obj, c.rest} {
		for _, it := range its {
			if it.pos != 'c' && it.pos != 'd' {
				out = append(out, it)
			}
		}
	}
	return out
}

// compareClauses decides whether two clauses make the same claim, and
// whether they contradict.
func compareClauses(x *index, A, B side) Verdict {
	a, b := A.c, B.c
	if a.Verb == "" && b.Verb == "" {
		return Verdict{}
	}
	if a.Verb == "" || b.Verb == "" {
		return fragmentOverlap(x, a, b)
	}
	// the subject: the same thing (or one more general), not just a topic word
	subj, sa, sb := headsRel(a.subj, b.subj)
	if subj == relConflict || subj == relOpposed {
		return Verdict{}
	}
	// the predicate
	verbR := relConflict
	verbOpp := false
	verbDirect := false
	if a.Verb == b.Verb || a.Copula && b.Copula {
		verbR = relMatch
	} else if r, _, d := itemRel(a.verb, b.verb); r == relMatch {
		verbR = relMatch
	} else if r == relOpposed {
		verbOpp, verbDirect = true, d
	}
	if verbR != relMatch && !verbOpp {
		return Verdict{}
	}
	objR, oa, ob := headsRel(a.obj, b.obj)
	if objR == relConflict && !(a.Copula && b.Copula) {
		return Verdict{}
	}
	ca, cb := content(a), content(b)
	covAB, missA := coverage(x, ca, cb) // how much of a b holds
	covBA, missB := coverage(x, cb, ca)
	score := (covAB + covBA) / 2
	v := Verdict{Score: score}
	// Arguments must be about the same thing: enough of the smaller side is
	// held by the other.
	strongPred := verbR == relMatch && (objR == relMatch || sharedArgs(a, b) >= 2 || a.Copula && b.Copula && complementMatch(a, b))
	if subj == relNone && !(strongPred && max(covAB, covBA) >= 0.5 && sharedArgs(a, b) >= 2) {
		return Verdict{}
	}
	if a.Copula && b.Copula {
		cr, _, _ := headsRel(append(a.obj, a.rest...), append(b.obj, b.rest...))
		if cr == relConflict && !anyOpposed(a, b) {
			return Verdict{}
		}
	}
	if a.Modal != b.Modal && (a.Negated != b.Negated) {
		return Verdict{} // "may not" against "is": not a contradiction
	}

	// antonyms: opposed verbs, or opposed words aligned by role
	if a.Negated == b.Negated {
		if verbOpp && objR != relConflict && subj == relMatch {
			return antonymVerdict(v, A, B, a.verb, b.verb, verbDirect)
		}
		if subj == relOpposed {
			_ = sa
			_ = sb
		}
		if verbR == relMatch && subj == relMatch {
			if p, q, d, ok := alignedOpposites(a, b); ok {
				return antonymVerdict(v, A, B, p, q, d)
			}
		}
	}
	if verbR != relMatch || subj != relMatch && !strongPred {
		return Verdict{}
	}
	_ = oa
	_ = ob
	// negation: one denies what the other states. The denied claim must be
	// no more specific than the stated one ("there is no man playing" denies
	// "a bald man is playing on stage", not the other way round).
	if a.Negated != b.Negated && subj == relMatch {
		neg, pos := A, B
		missing := missA
		if b.Negated {
			neg, pos = B, A
			missing = missB
		}
		cov := covAB
		if b.Negated {
			cov = covBA
		}
		_ = cov
		// "A woman is not eating" does not deny "a girl is eating": a plain
		// "not" speaks of one individual, so the subjects must be the same
		// word; "no woman"/"nobody" deny every narrower kind.
		if !neg.c.existNeg {
			if sameHead(heads(a.subj), heads(b.subj)) == false {
				return Verdict{}
			}
		}
		if missing == 0 && siblingsHeld(neg, pos) {
			conf := 0.9
			v.Kind, v.Confidence = "negation", conf
			v.ValueA, v.ValueB = strings.ToLower(A.dc.Doc.TextOf(A.c.VerbGroupOrCue())), strings.ToLower(B.dc.Doc.TextOf(B.c.VerbGroupOrCue()))
			v.SpanA, v.SpanB = A.c.VerbGroupOrCue(), B.c.VerbGroupOrCue()
			_ = pos
			return v
		}
		return Verdict{}
	}
	if a.Negated != b.Negated {
		return Verdict{}
	}
	// numbers: the same measure with ranges that cannot both hold
	if subj == relMatch {
		if nv, ok := numberConflict(A, B); ok {
			nv.Score = score
			return nv
		}
		if dv, ok := dateConflict(A, B, objR); ok {
			dv.Score = score
			return dv
		}
	}
	// overlap: the same claim, in whole or in part
	// a claim is more than a topic word: three matching content words at least
	if len(ca)-missA < 3 && len(cb)-missB < 3 {
		return Verdict{}
	}
	if subj == relMatch || strongPred {
		if min(covAB, covBA) >= 0.5 || max(covAB, covBA) >= 0.8 && sharedArgs(a, b) >= 1 || strongPred && max(covAB, covBA) >= 0.6 {
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

// VerbGroupOrCue is the negation cue of a negated clause, else its verb group.
func (c *Clause) VerbGroupOrCue() compare.Span {
	if c.Negated && c.NegCue.End > c.NegCue.Start {
		return c.NegCue
	}
	return c.VerbGroup
}

func sharedArgs(a, b *Clause) int {
	n := 0
	for _, p := range append(append([]item{}, a.obj...), a.rest...) {
		for _, q := range append(append([]item{}, b.obj...), b.rest...) {
			if r, _, _ := itemRel(p, q); r == relMatch && p.pos != 'd' {
				n++
				break
			}
		}
	}
	return n
}

func complementMatch(a, b *Clause) bool {
	r, _, _ := headsRel(append(a.obj, a.rest...), append(b.obj, b.rest...))
	return r == relMatch
}

func anyOpposed(a, b *Clause) bool {
	_, _, _, ok := alignedOpposites(a, b)
	return ok
}

// alignedOpposites finds antonyms in the same place of two clauses: the
// complements of copulas, modifiers of matching heads, prepositions before
// the same object ("near the barrel" / "far from the barrel").
func alignedOpposites(a, b *Clause) (item, item, bool, bool) {
	// Only predicate positions count: a copula's complement, adverbs and
	// adjectives that describe the action. Opposite modifiers of the subject
	// or object ("a white dog", "a black dog") name different things.
	pred := func(c *Clause) []item {
		var out []item
		for _, it := range c.obj {
			if (c.Copula || linkingVerbs[c.Verb]) && it.pos != 'n' {
				out = append(out, it)
			}
		}
		for _, it := range c.rest {
			if it.pos == 'r' || it.pos == 'a' && it.prep == "" {
				out = append(out, it)
			}
		}
		return out
	}
	groups := [][2][]item{{pred(a), pred(b)}}
	for _, g := range groups {
		for _, p := range g[0] {
			if p.pos != 'a' && p.pos != 'v' && p.pos != 'r' && p.pos != 'n' {
				continue
			}
			for _, q := range g[1] {
				if q.pos != p.pos && !(p.pos == 'a' && q.pos == 'r' || p.pos == 'r' && q.pos == 'a') {
					continue
				}
				if r, _, d := itemRel(p, q); r == relOpposed {
					if p.pos == 'n' && (p.head || q.head) {
						continue // different things, not opposite properties
					}
					if hasLemma(g[1], p.lemma) || hasLemma(g[0], q.lemma) {
						continue // both words on both sides: "black and white"
					}
					return p, q, d, true
				}
			}
		}
	}
	// prepositions before the same object
	for _, p := range append(a.obj, a.rest...) {
		for _, q := range append(b.obj, b.rest...) {
			if p.prep == "" || q.prep == "" || p.prep == q.prep || !p.head || !q.head {
				continue
			}
			if r, _, _ := itemRel(p, q); r != relMatch {
				continue
			}
			if o, d := Antonyms(p.prep, q.prep); o {
				return item{lemma: p.prep, pos: 'a', word: -2}, item{lemma: q.prep, pos: 'a', word: -2}, d, true
			}
		}
	}
	return item{}, item{}, false, false
}

func hasLemma(its []item, l string) bool {
	for _, it := range its {
		if it.lemma == l {
			return true
		}
	}
	return false
}

func antonymVerdict(v Verdict, A, B side, p, q item, direct bool) Verdict {
	v.Kind = "antonym"
	v.Confidence = 0.8
	if !direct {
		v.Confidence = 0.65
	}
	v.ValueA, v.ValueB = p.lemma, q.lemma
	v.SpanA, v.SpanB = wordSpan(A, p), wordSpan(B, q)
	return v
}

// wordSpan finds the span of an item's word by reading its sentence again.
func wordSpan(s side, it item) compare.Span {
	d := s.dc.Doc
	ws := sentenceWords(d, s.s.Span)
	if it.word >= 0 && it.word < len(ws) {
		return ws[it.word].span
	}
	// a preposition: find it in the clause
	for _, w := range ws {
		if w.span.Start >= s.c.Span.Start && w.span.End <= s.c.Span.End && w.lower == it.lemma {
			return w.span
		}
	}
	return s.c.VerbGroup
}

// clauseQuantities returns the amounts stated in a clause.
func clauseQuantities(s *Sentence, ci int) []Quantity {
	c := s.Clauses[ci]
	var out []Quantity
	for _, q := range s.Quantities {
		if c.Span.Contains(q.Span) {
			out = append(out, q)
		}
	}
	return out
}

// clauseDates returns the dates of a clause, with dates fronted before
// the first clause ("In August 2007, …") counted for it.
func clauseDates(s *Sentence, ci int) []Date {
	c := s.Clauses[ci]
	var out []Date
	for _, d := range s.Dates {
		if c.Span.Contains(d.Span) || d.Span.End <= c.Span.Start && (ci == 0 || s.Clauses[ci-1].Span.End <= d.Span.Start) {
			out = append(out, d)
		}
	}
	return out
}

func numberConflict(A, B side) (Verdict, bool) {
	qa, qb := clauseQuantities(A.s, A.ci), clauseQuantities(B.s, B.ci)
	for _, p := range qa {
		for _, q := range qb {
			if p.Unit != q.Unit || p.Change != q.Change {
				continue
			}
			inSubjA := A.c.Subject.Contains(p.Span)
			inSubjB := B.c.Subject.Contains(q.Span)
			if inSubjA != inSubjB {
				continue
			}
			if Disjoint(p, q) {
				conf := 0.85
				if p.Approx || q.Approx || p.Unit == "" {
					conf = 0.7
				}
				return Verdict{Kind: "number", Confidence: conf, ValueA: p.Text, ValueB: q.Text, SpanA: p.Span, SpanB: q.Span}, true
			}
		}
	}
	return Verdict{}, false
}

func prepClass(p string) string {
	switch p {
	case "since", "from", "after":
		return "since"
	case "until", "till", "by", "before":
		return "until"
	}
	return "at"
}

func dateConflict(A, B side, objR rel) (Verdict, bool) {
	if A.c.Copula || B.c.Copula {
		return Verdict{}, false
	}
	// the same event: the same verb on the same thing
	if objR != relMatch && !(len(heads(A.c.obj)) == 0 && len(heads(B.c.obj)) == 0) {
		return Verdict{}, false
	}
	da, db := clauseDates(A.s, A.ci), clauseDates(B.s, B.ci)
	if len(da) != 1 || len(db) != 1 {
		return Verdict{}, false // several dates: which is the event's is unclear
	}
	p, q := da[0], db[0]
	if p.Relative || q.Relative || p.Gran == Period || q.Gran == Period || prepClass(p.Prep) != prepClass(q.Prep) {
		return Verdict{}, false
	}
	if p.Overlaps(q) {
		return Verdict{}, false
	}
	conf := 0.8
	if p.Anchored || q.Anchored {
		conf = 0.65
	}
	return Verdict{Kind: "date", Confidence: conf, ValueA: p.Text, ValueB: q.Text, SpanA: p.Span, SpanB: q.Span}, true
}

// sameHead reports whether some pair of heads is the same lemma or synonyms.
func sameHead(a, b []item) bool {
	for _, p := range a {
		for _, q := range b {
			if r, how, _ := itemRel(p, q); r == relMatch && how == same {
				return true
			}
		}
	}
	return false
}

// siblingsHeld checks the scope of a shared negation: "there is no man
// singing and playing a guitar" denies only a man doing both, so every
// clause that shares the negation must be matched on the positive side.
func siblingsHeld(neg, pos side) bool {
	if neg.c.negGroup == 0 {
		return true
	}
	for ci := range neg.s.Clauses {
		c := &neg.s.Clauses[ci]
		if ci == neg.ci || c.negGroup != neg.c.negGroup {
			continue
		}
		found := false
		for pj := range pos.s.Clauses {
			pc := &pos.s.Clauses[pj]
			if pc.Verb == c.Verb || pc.Verb != "" && c.Verb != "" && func() bool { r, _, _ := itemRel(pc.verb, c.verb); return r == relMatch }() {
				found = true
				break
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
func fragmentOverlap(x *index, a, b *Clause) Verdict {
	frag, cl := a, b
	if b.Verb == "" {
		frag, cl = b, a
	}
	if cl.Resolved || len(cl.subj) < 3 {
		return Verdict{}
	}
	// the subject's words, in order, inside the fragment
	j := 0
	for _, it := range frag.rest {
		if j < len(cl.subj) && strings.EqualFold(it.lemma, cl.subj[j].lemma) {
			j++
		} else if j > 0 && j < len(cl.subj) {
			j = 0
		}
	}
	if j < len(cl.subj) {
		return Verdict{}
	}
	cov, _ := coverage(x, cl.subj, frag.rest)
	return Verdict{Kind: "overlap", Confidence: cov, Score: cov}
}

// linkingVerbs take a complement that describes the subject, as "be" does.
var linkingVerbs = set("remain", "stay", "become", "seem", "appear", "look", "turn", "grow", "keep", "prove", "feel", "sound")
