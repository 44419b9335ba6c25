package claims

import (
	"strings"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/lang"
)

// Clause is one predication of a sentence: a subject, a verb group and
// what follows it. Claims are compared clause by clause.
type Clause struct {
	Span        compare.Span // Text coordinates
	Subject     compare.Span // empty when the subject is implicit
	VerbGroup   compare.Span // "is not playing", "have also signed", "are"
	Verb        string       // lemma of the main verb; "be" for a copula
	Negated     bool         // the predication is denied
	NegCue      compare.Span // the word that denies it
	Modal       string       // "may", "will", "should", … when the verb group has one
	Existential bool         // "there is/are …"
	Passive     bool
	Copula      bool
	Resolved    bool // the subject is a pronoun read as an earlier subject
	// Asserted is false for a clause that states nothing of its own: a
	// condition, a time or relative clause, a question, a litotes ("not
	// unlike"). Such a clause contradicts only a copy of itself.
	Asserted bool
}

// clause is a Clause as the analysis keeps it: 44 bytes, its spans
// relative to its sentence, its content words in the document's item table.
type clause struct {
	span, subject, verbGroup, negCue rspan
	sent                             uint32 // index of its sentence
	verb                             uint32 // vocabulary id of the verb's lemma ("be" for a copula); 0 for none
	items                            uint32 // first item in DocClaims.items: the subject's, the object's, then the rest's
	nSubj, nObj, nRest               uint16
	verbWord                         int16  // the verb's word in the sentence
	negGroup                         uint16 // clauses sharing one negation ("no man singing and playing") share a number > 0
	modal                            uint8  // 1 + index in modalList; 0 for none
	flags                            clauseFlags
}

type clauseFlags uint16

const (
	fNegated clauseFlags = 1 << iota
	fExistential
	fPassive
	fCopula
	fResolved
	fExistNeg // denied by "there is no", "no X", "nobody": it denies every narrower kind
	fOpen     // followed by a clause that completes it ("China stressed that …"), or by words not read as a boundary
	fDangling // completed by the clause after ("China stressed that …") or stopping mid-phrase ("there is reason to")
	// fHypothetical marks a clause that asserts nothing of its own: a
	// condition ("if there is no shelter"), a time clause ("when the
	// temperature reaches 103 degrees"), a relative clause ("a state in
	// which the company is not licensed").
	fHypothetical
	fLitotes  // denies by affirming: "not unlike his own", "not without reason", "not a little", "no less"
	fDegree   // its negation bears on a degree: "not very good", "never widely used", "not enough homes"
	fQuestion // in a question: it asks, and contradicts nothing
)

func (c *clause) negated() bool  { return c.flags&fNegated != 0 }
func (c *clause) copula() bool   { return c.flags&fCopula != 0 }
func (c *clause) resolved() bool { return c.flags&fResolved != 0 }
func (c *clause) existNeg() bool { return c.flags&fExistNeg != 0 }
func (c *clause) open() bool     { return c.flags&fOpen != 0 }
func (c *clause) dangling() bool { return c.flags&fDangling != 0 }

// asserted reports whether the clause states something of its own, plainly
// enough to be contradicted: not a condition, a relative clause or a
// question, and not a litotes.
func (c *clause) asserted() bool { return c.flags&(fHypothetical|fLitotes|fQuestion) == 0 }

func (c *clause) question() bool { return c.flags&fQuestion != 0 }

// verbItem is the clause's verb as an item.
func (c *clause) verbItem() item {
	it := item{lemma: c.verb, pos: 'v', word: c.verbWord}
	if !c.copula() {
		it.pf = itemHead
	}
	return it
}

// rspan is a span of Text relative to the start of its sentence; no
// sentence is read past 64 KiB, so it fits 16 bits.
type rspan struct{ start, end uint16 }

// rsp returns the span [start, end) of Text relative to the sentence
// being parsed.
func (p *parser) rsp(start, end int) rspan { return rspan{p.off(start), p.off(end)} }

// off is an offset of Text relative to the sentence being parsed.
func (p *parser) off(x int) uint16 { return uint16(x - p.sentStart) }

// pclause is a clause while its sentence is parsed, its content in the
// parser's scratch space.
type pclause struct {
	clause
	subj, obj, rest []item
}

// item is one content word (or one whole name) of a clause, in 8 bytes.
type item struct {
	lemma uint32 // vocabulary id: lemma, or entity key for names (upper case for acronyms)
	word  int16  // index in the sentence's words; -1 when borrowed from another sentence, -2 for a preposition
	pf    uint8  // 1 + index in prepList of the preposition that introduces its phrase (0 for none), and itemHead
	pos   byte   // n, v, a, r, p (name), d (number), x (personal pronoun), c (collective)
}

// itemHead marks the head of its phrase.
const itemHead = 0x80

// prep is the item's preposition (1 + index in prepList), or 0.
func (it item) prep() uint8 { return it.pf &^ itemHead }

// head reports whether the item heads its phrase.
func (it item) head() bool { return it.pf&itemHead != 0 }

// modalList and prepList number the modals and prepositions.
var (
	modalList = sortedSet(modals)
	prepList  = sortedSet(prepositions)
	prepIndex = indexOf(prepList)
)

func modalIndex(m string) uint8 {
	for i, x := range modalList {
		if x == m {
			return uint8(i + 1)
		}
	}
	return 0
}

func prepOf(p string) uint8 {
	if p == "" {
		return 0
	}
	return prepIndex[p]
}

func prepName(p uint8) string {
	if p == 0 {
		return ""
	}
	return prepList[p-1]
}

type group struct {
	start, end int // words [start, end)
	main       int // main verb word or -1
	neg        int // negating word or -1
	modal      string
	copula     bool
	passive    bool
	nonFinite  bool // a participle without auxiliary: "a man playing a guitar"
}

func isBe(l string) bool {
	switch l {
	case "be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re":
		return true
	}
	return false
}

func isHave(l string) bool { return l == "have" || l == "has" || l == "had" || l == "having" }

// verbGroups finds the verb groups of a sentence, appending to gs[:0].
func verbGroups(r *reader, ws []word, gs []group) []group {
	gs = gs[:0]
	for i := 0; i < len(ws); i++ {
		t := ws[i].tag
		if t != tagAux && t != tagModal && t != tagVerb {
			continue
		}
		if t == tagAux && ws[i].lower == "being" && i > 0 && ws[i-1].tag != tagAux {
			continue // "human being"
		}
		if t == tagVerb && i > 0 && ws[i-1].tag == tagPrep && ws[i-1].lower != "to" && ws[i].punct == "" && strings.HasSuffix(ws[i].lower, "ing") {
			continue // a gerund in a phrase: "the task of combating terrorism"
		}
		g := group{start: i, main: -1, neg: -1}
		if i > 0 && ws[i-1].tag == tagNeg && ws[i].punct == "" && (i < 2 || ws[i-2].tag == tagCoord || ws[i-1].punct == ",") {
			g.start, g.neg = i-1, i-1 // "and not directed against …"
		}
		nonFinite := t == tagVerb && (strings.HasSuffix(ws[i].lower, "ing") || strings.HasSuffix(ws[i].lower, "ed")) && !(i > 0 && (ws[i-1].tag == tagPron || ws[i-1].tag == tagProp || ws[i-1].tag == tagNoun) && strings.HasSuffix(ws[i].lower, "ed"))
		sawBe := false
		j := i
		for ; j < len(ws); j++ {
			w := ws[j]
			if j > i && w.punct != "" && w.punct != "\"" {
				break
			}
			if w.neg && g.neg < 0 && (w.tag == tagAux || w.tag == tagModal) {
				g.neg = j
			}
			switch w.tag {
			case tagModal:
				if g.modal == "" {
					g.modal = w.lower
				}
				continue
			case tagAux:
				if isBe(w.lower) {
					sawBe = true
				}
				if g.main >= 0 {
					break
				}
				continue
			case tagNeg:
				if g.neg < 0 && !notOnly(ws, j) {
					g.neg = j
				}
				continue
			case tagAdv:
				if j+1 < len(ws) && (ws[j+1].tag == tagVerb || ws[j+1].tag == tagAux || ws[j+1].tag == tagAdv || ws[j+1].tag == tagNeg) {
					continue
				}
			case tagVerb:
				g.main = j
				// catenative: "sought to consolidate", "would like to strengthen"
				if j+2 < len(ws) && ws[j+1].lower == "to" && ws[j+2].tag == tagVerb && ws[j+2].punct == "" {
					g.main = j + 2
					j += 2
				}
				j++
			}
			break
		}
		g.end = j
		if g.main < 0 {
			// no main verb: a copula, or "have"/"do" as the verb itself
			last := -1
			for k := i; k < j; k++ {
				if ws[k].tag == tagAux {
					last = k
				}
			}
			if last < 0 {
				continue // a modal alone
			}
			switch {
			case sawBe && isHave(ws[last].lower) && last > i && isBe(ws[last-1].lower):
				g.main = last // "is having fun": "have" is the verb
			case sawBe:
				g.copula = true
			default:
				g.main = last
			}
		} else if sawBe && (strings.HasSuffix(ws[g.main].lower, "ed") || r.lexOf(ws[g.main].lower).irregular(ws[g.main].lower, ws[g.main].lemma) ||
			g.main > 0 && (ws[g.main-1].lower == "being" || ws[g.main-1].lower == "been")) && !strings.HasSuffix(ws[g.main].lower, "ing") {
			g.passive = true // "was signed", "is being spread"
		}
		g.nonFinite = nonFinite && g.start == g.main
		gs = append(gs, g)
		i = j - 1
	}
	return gs
}

// npStartBefore walks back from word p over a noun phrase (with "of"
// attachments and coordinated names) and returns where it starts, or -1
// when p does not end a noun phrase.
func npStartBefore(ws []word, p int) int {
	if p < 0 {
		return -1
	}
	switch ws[p].tag {
	case tagNoun, tagProp, tagPron, tagNum:
	case tagAdj:
		if p == 0 || ws[p-1].tag != tagDet {
			return -1
		}
	default:
		return -1
	}
	if ws[p].tag == tagPron && ws[p].lower == "there" {
		return -1
	}
	k := p
	for k > 0 {
		w := ws[k]
		if strings.ContainsAny(w.punct, "([;:\"") {
			break
		}
		prev := ws[k-1]
		if prev.tag == tagNum && len(prev.lower) == 4 && allDigits(prev.lower) && w.tag == tagProp {
			break // "in August 2007 China stressed": the date ends a fronted phrase
		}
		if w.punct == "," {
			// a comma joins a list of names: "China, Russia, Kazakhstan and Uzbekistan"
			listEnds := false
			for q := k; q <= p; q++ {
				if ws[q].lower == "and" || ws[q].lower == "or" {
					listEnds = true
				}
			}
			if listEnds && prev.tag == tagProp && w.tag == tagProp && (k-2 < 0 || ws[k-2].tag != tagDet && ws[k-2].tag != tagPrep) {
				k--
				continue
			}
			break
		}
		if w.tag == tagDet {
			// a determiner starts the phrase unless "of" or "and" joins it to more
			if !(prev.tag == tagPrep && prev.lower != "than" || prev.lower == "and") {
				break
			}
		}
		switch prev.tag {
		case tagDet, tagAdj, tagNoun, tagProp, tagNum:
			if prev.tag == tagNum && len(prev.lower) == 4 && allDigits(prev.lower) && (w.tag == tagDet) {
				break // "in August 2007 the SCO member states": a date ends there
			}
			k--
			continue
		case tagAdv:
			if ws[k].tag == tagAdj {
				k--
				continue
			}
		case tagPrep:
			if k-2 >= 0 && (ws[k-2].tag == tagNoun || ws[k-2].tag == tagProp || ws[k-2].tag == tagNum || ws[k-2].tag == tagPron && personWords[ws[k-2].lower] != "") && (prev.lower == "of" || prev.lower == "with" || prev.lower == "in" || prev.lower == "on" || prev.lower == "from" || prev.lower == "at") && ws[k].punct == "" && prev.punct == "" && npStartBefore(ws, k-2) >= 0 {
				k--
				continue
			}
		case tagCoord:
			if prev.lower == "and" && k-2 >= 0 && (ws[k-2].tag == tagNoun || ws[k-2].tag == tagProp || ws[k-2].tag == tagPron) && ws[k].tag != tagVerb {
				k--
				continue
			}
			if prev.lower == "and" && k-2 >= 0 && ws[k-2].tag == tagNum && w.tag == tagNum && prev.punct == "" && w.punct == "" {
				k-- // "one hundred and fifty thousand Romans": one number
				continue
			}
		case tagVerb:
			if strings.HasSuffix(prev.lower, "ed") && k-2 >= 0 && ws[k-2].tag == tagDet && prev.punct == "" {
				k-- // "the dyed shirt"
				continue
			}
		}
		break
	}
	return k
}

// activeRoles gives a passive clause with a "by" agent its logical roles:
// "noodles are being boiled in water by a woman" is compared as "a woman
// is boiling noodles in water", the agent its subject (and Subject its
// span), the grammatical subject its object.
func (p *parser) activeRoles(ws []word, c *pclause) {
	by := prepOf("by")
	first, last := -1, -1
	for i, it := range c.rest {
		switch {
		case first < 0 && it.prep() == by:
			first, last = i, i
		case first >= 0 && (it.prep() == by || it.prep() == 0 && it.pos != 'r'):
			last = i // "by a man and a woman"
		case first >= 0:
			break
		}
		if first >= 0 && last < i {
			break
		}
	}
	if first < 0 {
		return
	}
	n := len(p.arena)
	for _, it := range c.rest[first : last+1] {
		it.pf = it.pf & itemHead // no longer after "by"
		p.arena = append(p.arena, it)
	}
	subj := p.arena[n:len(p.arena):len(p.arena)]
	if !hasHeadNoun(subj) {
		// a phrase after another ("ridden in a creek by a man") had its
		// head taken by the first: the agent's last noun heads it
		for i := len(subj) - 1; i >= 0; i-- {
			if subj[i].pos == 'n' || subj[i].pos == 'p' || subj[i].pos == 'x' {
				subj[i].pf |= itemHead
				break
			}
		}
		if !hasHeadNoun(subj) {
			p.arena = p.arena[:n]
			return
		}
	}
	n = len(p.arena)
	p.arena = append(p.arena, c.subj...)
	p.arena = append(p.arena, c.obj...)
	obj := p.arena[n:len(p.arena):len(p.arena)]
	n = len(p.arena)
	p.arena = append(p.arena, c.rest[:first]...)
	p.arena = append(p.arena, c.rest[last+1:]...)
	rest := p.arena[n:len(p.arena):len(p.arena)]
	a, b := int(subj[0].word), int(subj[len(subj)-1].word)
	if a >= 0 && b >= a && b < len(ws) {
		c.subject = p.rsp(ws[a].span.Start, ws[b].span.End)
	}
	c.subj, c.obj, c.rest = subj, obj, rest
}

func hasHeadNoun(its []item) bool {
	for _, it := range its {
		if it.head() && (it.pos == 'n' || it.pos == 'p' || it.pos == 'x') {
			return true
		}
	}
	return false
}

// secondComplement finds, in words [a, limit) after a copula, a second
// complement coordinated with the first ("major countries in the world
// and permanent members of the Council"): both are noun phrases and the
// second runs to the end of the clause. It returns where the second
// starts, or -1.
func secondComplement(ws []word, a, limit int) int {
	b := npEndAfter(ws, a, limit)
	if b <= a || !hasNoun(ws[a:b]) {
		return -1
	}
	for k := b; k+1 < limit; k++ {
		if ws[k].tag == tagVerb || ws[k].tag == tagAux || ws[k].tag == tagSub {
			return -1
		}
		if ws[k].lower != "and" {
			continue
		}
		switch ws[k+1].tag {
		case tagDet, tagAdj, tagNoun, tagProp, tagNum:
			if npEndAfter(ws, k+1, limit) == limit && hasNoun(ws[k+1:limit]) {
				return k + 1
			}
		}
	}
	return -1
}

func hasNoun(ws []word) bool {
	for _, w := range ws {
		if w.tag == tagNoun || w.tag == tagProp {
			return true
		}
	}
	return false
}

func participle(l string) bool { return strings.HasSuffix(l, "ed") || strings.HasSuffix(l, "ing") }

// subjectAfter keeps a subject found from a back to p out of the clause
// before: "there is no man in the park and the gate is open" has "the
// gate" as subject, not "no man in the park and the gate". A subject that
// starts inside the previous clause's verb group or the phrase after it
// starts after the last "and" (or other conjunction) before p instead.
func subjectAfter(ws []word, rs []rawClause, a, p int) int {
	if len(rs) == 0 {
		return a
	}
	prev := rs[len(rs)-1]
	lower := prev.g.end
	if prev.exist {
		lower = max(lower, prev.subjB)
	}
	if a >= lower {
		return a
	}
	for k := p; k > a && k >= lower; k-- {
		if ws[k].tag == tagCoord {
			return k + 1
		}
	}
	return a
}

// prepObject reports whether word p ends the object of a preposition in
// its own stretch of the sentence (no comma between).
func prepObject(ws []word, p int) bool {
	a := npStartBefore(ws, p)
	return a > 0 && ws[a-1].tag == tagPrep && !strings.Contains(ws[a].punct, ",")
}

// npEndAfter reads a noun phrase (or, for a copula, an adjective phrase)
// from word i and returns its end.
func npEndAfter(ws []word, i int, limit int) int {
	k := i
	seenHead := false
	for k < limit {
		w := ws[k]
		if k > i && strings.ContainsAny(w.punct, "([;:") {
			break
		}
		if k > i && w.punct == "," && !(seenHead || w.tag == tagAdj || ws[k-1].tag == tagAdj) {
			break
		}
		switch w.tag {
		case tagDet, tagNum, tagAdv:
		case tagAdj, tagNoun, tagProp, tagPron:
			seenHead = true
		case tagVerb:
			// "a moving fan": a participle inside the phrase
			if !(k+1 < limit && (ws[k+1].tag == tagNoun) && k > i && ws[k-1].tag == tagDet) {
				return k
			}
		case tagPrep:
			if w.lower == "of" && seenHead {
				k++
				continue
			}
			return k
		case tagCoord:
			if (w.lower == "and" || w.lower == "or") && k+1 < limit && ws[k+1].tag != tagVerb && ws[k+1].tag != tagAux && ws[k+1].tag != tagNeg && !(ws[k+1].tag == tagDet && k+2 < limit && (ws[k+2].tag == tagVerb)) {
				k++
				continue
			}
			return k
		default:
			return k
		}
		k++
	}
	return k
}

// phraseItems turns words [a, b) into content items, marking the head of
// each conjunct and reading "a group of kids" as headed by "kids". The
// items go to the parser's scratch space.
func (p *parser) phraseItems(ws []word, a, b int) []item {
	n0 := len(p.arena)
	lastHead := -1
	markHead := func() {
		if lastHead >= 0 {
			p.arena[lastHead].pf |= itemHead
		}
		lastHead = -1
	}
	curPrep := uint8(0)
	inOf := false
	for i := a; i < b; i++ {
		w := ws[i]
		if w.punct == "," || w.tag == tagCoord {
			if !inOf {
				markHead()
			}
			inOf = false
			curPrep = 0
		}
		if w.tag == tagPrep {
			if w.lower == "of" && lastHead >= 0 && p.r.collective(p.arena[lastHead].lemma) {
				p.arena[lastHead].pos = 'c' // collective: the head follows
				lastHead = -1
				continue
			}
			if lastHead >= 0 {
				markHead() // "member of the Council", "a man with a hat": the head stays
				inOf = true
			}
			curPrep = prepOf(w.lower)
			continue
		}
		if e := p.entAt[i]; e >= 0 {
			en := p.ents[e]
			key := p.entKeys[e]
			if (en.first == i || i == a) && !(len(p.arena) > n0 && p.arena[len(p.arena)-1].lemma == key) {
				p.arena = append(p.arena, item{lemma: key, pos: 'p', word: int16(i), pf: curPrep})
				if !inOf {
					lastHead = len(p.arena) - 1
				}
			}
			continue
		}
		if w.tag == tagDet && (w.lower == "no" || w.lower == "neither") && i+1 < b {
			continue
		}
		it, ok := p.contentItem(w, i)
		if !ok {
			if w.tag == tagPron && !inOf {
				if pw, ok := personWords[w.lower]; ok {
					p.arena = append(p.arena, item{lemma: p.r.id(pw), pos: 'n', word: int16(i), pf: curPrep})
					lastHead = len(p.arena) - 1
				} else if personalPronouns[w.lower] {
					p.arena = append(p.arena, item{lemma: p.r.id(w.lower), pos: 'x', word: int16(i), pf: curPrep})
					lastHead = len(p.arena) - 1
				}
			}
			continue
		}
		it.pf = curPrep
		p.arena = append(p.arena, it)
		if (it.pos == 'n' || it.pos == 'd') && !inOf {
			lastHead = len(p.arena) - 1
		}
	}
	markHead()
	return p.arena[n0:len(p.arena):len(p.arena)]
}

// contentItem returns the item of a content word.
func (p *parser) contentItem(w word, i int) (item, bool) {
	switch w.tag {
	case tagNoun:
		if functionWords[w.lower] {
			return item{}, false
		}
		return item{lemma: p.r.id(w.lemma), pos: 'n', word: int16(i)}, true
	case tagProp:
		return item{lemma: p.r.id(w.text), pos: 'p', word: int16(i)}, true
	case tagVerb:
		if functionWords[w.lower] {
			return item{}, false
		}
		return item{lemma: p.r.id(w.lemma), pos: 'v', word: int16(i)}, true
	case tagAdj:
		if functionWords[w.lower] {
			return item{}, false
		}
		return item{lemma: p.r.id(w.lemma), pos: 'a', word: int16(i)}, true
	case tagAdv:
		if functionWords[w.lower] {
			return item{}, false
		}
		return item{lemma: p.r.id(w.lemma), pos: 'r', word: int16(i)}, true
	case tagNum:
		return item{lemma: p.r.id(w.lower), pos: 'd', word: int16(i)}, true
	}
	return item{}, false
}

// rawClause is a verb group with where its subject is, before the clause
// is built.
type rawClause struct {
	g          group
	subjA      int
	subjB      int
	shared     int // clause whose subject this one shares, or -1
	exist      bool
	existNeg   int
	subjNegCue int
	rel        bool // a relative clause: its subject is the noun before "that"
}

// parseClauses splits a tagged sentence into clauses, in scratch space; a
// question asserts none of them.
func (p *parser) parseClauses(ws []word, ents []Entity, question bool) []pclause {
	p.arena = p.arena[:0]
	p.entAt = p.entAt[:0]
	for range ws {
		p.entAt = append(p.entAt, -1)
	}
	entAt := p.entAt
	p.entKeys = p.entKeys[:0]
	for k, e := range ents {
		for i := e.first; i <= e.last; i++ {
			entAt[i] = k
		}
		if e.Acronym != "" {
			p.entKeys = append(p.entKeys, p.r.id(e.Acronym))
		} else {
			p.keyBuf = appendLower(p.keyBuf[:0], e.Text)
			p.entKeys = append(p.entKeys, p.r.idBytes(p.keyBuf))
		}
	}
	p.ents = ents
	gs := verbGroups(p.r, ws, p.groups)
	p.groups = gs
	rs := p.raws[:0]
	for gi := 0; gi < len(gs); gi++ {
		g := gs[gi]
		r := rawClause{g: g, subjA: -1, subjB: -1, shared: -1, existNeg: -1, subjNegCue: -1}
		pv := g.start - 1
		for pv >= 0 && ws[pv].tag == tagAdv {
			pv--
		}
		switch {
		case pv >= 0 && ws[pv].lower == "there" && g.copula:
			// existential: "there is no man playing a guitar"
			r.exist = true
			a := g.end
			if a < len(ws) && ws[a].tag == tagDet && (ws[a].lower == "no" || ws[a].lower == "neither") {
				r.existNeg = a
			}
			b := npEndAfter(ws, a, len(ws))
			// "there is no girl in white dancing": the phrase runs to the participle
			if gi+1 < len(gs) && gs[gi+1].nonFinite && gs[gi+1].start > b && gs[gi+1].start-b <= 6 {
				ok := true
				for k := b; k < gs[gi+1].start; k++ {
					if ws[k].tag == tagSub || ws[k].tag == tagCoord || strings.ContainsAny(ws[k].punct, ",;:") {
						ok = false
					}
				}
				if ok {
					b = gs[gi+1].start
				}
			}
			r.subjA, r.subjB = a, b
			if b < len(ws) && (ws[b].tag == tagVerb) && gi+1 < len(gs) && gs[gi+1].start == b {
				// the participle is the predicate
				next := gs[gi+1]
				r.g.main, r.g.copula, r.g.end = next.main, false, next.end
				r.g.passive = strings.HasSuffix(ws[next.main].lower, "ed")
				gi++
			}
		case pv >= 0 && (ws[pv].lower == "that" || ws[pv].lower == "which" || ws[pv].lower == "who") && pv-1 >= 0 && npStartBefore(ws, pv-1) >= 0 && !(pv-1 >= 0 && ws[pv-1].tag == tagVerb):
			r.subjA, r.subjB, r.rel = npStartBefore(ws, pv-1), pv, true
		case strings.Contains(ws[g.start].punct, ",") && len(rs) > 0 && rs[len(rs)-1].rel && rs[len(rs)-1].subjB < g.start:
			// "a badger, which is shrewd, is digging": the verb after a
			// relative clause between commas has its antecedent as subject
			r.shared = len(rs) - 1
		case pv >= 0 && ws[pv].tag == tagCoord && len(rs) > 0:
			r.shared = len(rs) - 1
		case g.nonFinite && len(rs) > 0 && rs[len(rs)-1].g.end <= pv && (ws[g.start].punct == "," || rs[len(rs)-1].g.copula || rs[len(rs)-1].exist):
			// a participle after the predicate describes the subject: "nobody is in the snow wearing …"
			r.shared = len(rs) - 1
		case !g.nonFinite && len(rs) > 0 && rs[len(rs)-1].g.nonFinite && rs[len(rs)-1].subjB == rs[len(rs)-1].g.start && rs[len(rs)-1].subjA >= 0 && rs[len(rs)-1].shared < 0 && npStartBefore(ws, pv) > rs[len(rs)-1].g.start:
			// "a man wearing a shirt is sitting": the reduced relative belongs to the subject
			r.shared = len(rs) - 1
		case !g.nonFinite && len(rs) > 0 && prepObject(ws, pv) && rs[len(rs)-1].subjA >= 0 && rs[len(rs)-1].shared < 0 &&
			rs[len(rs)-1].subjB == rs[len(rs)-1].g.start && rs[len(rs)-1].g.main == rs[len(rs)-1].g.start && participle(ws[rs[len(rs)-1].g.main].lower):
			// "a white cat perched on a cabinet is looking": the noun before
			// the verb ends a prepositional phrase, the participle before
			// it describes the subject
			r.shared = len(rs) - 1
		case strings.Contains(ws[g.start].punct, ",") && len(rs) > 0 && (prepObject(ws, pv) || npStartBefore(ws, pv) == rs[len(rs)-1].g.end):
			// "we should get creative in our thinking, create new
			// opportunities", "we need to boost trade, foster convergence":
			// the noun before the comma is an object, of a preposition or
			// of the verb before; the verb shares that verb's subject
			r.shared = len(rs) - 1
		default:
			if a := npStartBefore(ws, pv); a >= 0 {
				a = subjectAfter(ws, rs, a, pv)
				r.subjA, r.subjB = a, pv+1
				if ws[a].tag == tagDet && (ws[a].lower == "no" || ws[a].lower == "neither") {
					r.subjNegCue = a
				}
				for k := a; k <= pv; k++ {
					if ws[k].lower == "nobody" || ws[k].lower == "none" || ws[k].lower == "nothing" || ws[k].lower == "noone" {
						r.subjNegCue = k
					}
				}
			} else if g.nonFinite && len(rs) > 0 {
				r.shared = len(rs) - 1
			}
		}
		rs = append(rs, r)
	}
	p.raws = rs
	// the end of each clause is the start of the next
	out := p.pcs[:0]
	starts := p.starts[:0]
	for _, r := range rs {
		s := r.g.start
		if r.subjA >= 0 && r.subjA < s {
			s = r.subjA
		}
		if r.exist {
			s = r.g.start - 1
		}
		starts = append(starts, s)
	}
	p.starts = starts
	for k, r := range rs {
		end := len(ws)
		closed := true    // the predication ends with the clause: no "that …" or a misread word after it
		dangling := false // it stops mid-phrase, or a clause after completes it
		if k+1 < len(rs) {
			end = starts[k+1]
			if rs[k+1].rel && rs[k+1].subjB > r.g.end {
				end = rs[k+1].subjB // a relative clause: ours runs to its "that"
			}
			// a semicolon ends the clause, whatever the next one takes
			// for its subject: "… under the republic; and the emperors,
			// for the most part, were satisfied"
			for j := r.g.end; j < end; j++ {
				if strings.Contains(ws[j].punct, ";") {
					end = j
					break
				}
			}
			closed = false
			for end > r.g.end && (ws[end-1].tag == tagCoord || ws[end-1].tag == tagSub) {
				closed = ws[end-1].tag == tagCoord
				if ws[end-1].tag == tagSub {
					dangling = true // "China stressed that …": the claim is in the clause after
				}
				end--
			}
			if end < len(ws) && strings.ContainsAny(ws[end].punct, ",;:") {
				closed = true
			}
		}
		start := starts[k]
		if end <= start {
			end = r.g.end
		}
		switch ws[max(end, r.g.end)-1].tag {
		case tagPrep, tagDet, tagAux, tagModal, tagNeg, tagSub:
			dangling = true // "there is reason to", "Commodus was not": it stops mid-phrase
		}
		var c pclause
		if !closed {
			c.flags |= fOpen
		}
		if dangling {
			c.flags |= fDangling
		}
		c.modal = modalIndex(r.g.modal)
		if r.g.copula {
			c.flags |= fCopula
		}
		if r.g.passive {
			c.flags |= fPassive
		}
		if r.exist {
			c.flags |= fExistential
		}
		c.span = p.rsp(ws[start].span.Start, ws[max(end, r.g.end)-1].span.End)
		c.verbGroup = p.rsp(ws[r.g.start].span.Start, ws[r.g.end-1].span.End)
		if r.g.copula {
			c.verb, c.verbWord = p.r.id("be"), int16(r.g.start)
		} else if r.g.main >= 0 {
			c.verb, c.verbWord = p.r.id(ws[r.g.main].lemma), int16(r.g.main)
		}
		// negation: in the verb group, an existential "no", a "no"/"nobody" subject
		negAt := -1
		switch {
		case r.g.neg >= 0:
			c.flags |= fNegated
			c.negCue = p.rsp(ws[r.g.neg].span.Start, ws[r.g.neg].span.End)
			negAt = r.g.neg
		case r.existNeg >= 0:
			c.flags |= fNegated | fExistNeg
			c.negCue = p.rsp(ws[r.existNeg].span.Start, ws[r.existNeg].span.End)
			negAt = r.existNeg
		case r.subjNegCue >= 0:
			c.flags |= fNegated | fExistNeg
			c.negCue = p.rsp(ws[r.subjNegCue].span.Start, ws[r.subjNegCue].span.End)
			negAt = r.subjNegCue
		}
		if negAt >= 0 {
			switch {
			case litotes(p.r, ws, negAt):
				c.flags |= fLitotes
			case degreeAfter(ws, negAt):
				c.flags |= fDegree
			}
		}
		if question {
			c.flags |= fQuestion
		}
		if hypotheticalBefore(ws, start, r.rel) {
			c.flags |= fHypothetical
		}
		switch {
		case r.shared >= 0:
			sh := &out[r.shared]
			n := len(p.arena)
			p.arena = append(p.arena, sh.subj...)
			c.subj = p.arena[n:len(p.arena):len(p.arena)]
			c.subject = sh.subject
			c.flags |= sh.flags & fResolved
			if !c.negated() && sh.negated() && sh.existNeg() {
				// "there is no man sitting and rubbing his eyes": one negation over both
				c.flags |= fNegated | fExistNeg
				c.negCue = sh.negCue
				if sh.negGroup == 0 {
					sh.negGroup = uint16(r.shared + 1)
				}
				c.negGroup = sh.negGroup
			}
		case r.subjA >= 0 && r.subjB > r.subjA:
			c.subj = p.phraseItems(ws, r.subjA, r.subjB)
			c.subject = p.rsp(ws[r.subjA].span.Start, ws[r.subjB-1].span.End)
		}
		// object or complement, then the rest
		a := r.g.end
		if r.exist {
			a = max(a, r.subjB)
			if r.g.main >= 0 {
				a = max(a, r.g.main+1)
			}
		}
		limit := max(end, a)
		second := -1
		if c.copula() && !r.exist {
			second = secondComplement(ws, a, limit)
		}
		restEnd := limit
		if second > 0 {
			restEnd = second - 1 // the "and"
		}
		if a < restEnd && ws[a].tag != tagPrep && ws[a].tag != tagSub {
			b := npEndAfter(ws, a, restEnd)
			c.obj = p.phraseItems(ws, a, b)
			a = b
		}
		if a < restEnd {
			c.rest = p.phraseItems(ws, a, restEnd)
		}
		if c.flags&fPassive != 0 && !r.exist {
			p.activeRoles(ws, &c)
		}
		if second > 0 {
			// "we are major countries in the world and permanent members of
			// the Council": two claims about one subject
			c.span.end = p.off(ws[restEnd-1].span.End)
			out = append(out, c)
			c2 := c
			c2.span = p.rsp(ws[second].span.Start, ws[limit-1].span.End)
			c2.obj, c2.rest = p.phraseItems(ws, second, limit), nil
			out = append(out, c2)
			continue
		}
		out = append(out, c)
	}
	// "As a permanent member of the UN Security Council, China has …":
	// the fronted phrase says what the subject is.
	if len(ws) > 2 && ws[0].lower == "as" && len(out) > 0 {
		// the phrase runs to the first comma, and is a noun phrase all through
		b := 1
		for b < len(ws) && !strings.Contains(ws[b].punct, ",") {
			b++
		}
		if b > 1 && b < len(ws) && npEndAfter(ws, 1, b) == b {
			main := out[0]
			if main.span.start >= p.off(ws[b].span.Start) && len(main.subj) > 0 {
				var c pclause
				c.flags = fCopula
				c.verb, c.verbWord = p.r.id("be"), 0
				c.subj, c.subject = main.subj, main.subject
				c.span = p.rsp(ws[0].span.Start, ws[b-1].span.End)
				c.verbGroup = p.rsp(ws[0].span.Start, ws[0].span.End)
				c.obj = p.phraseItems(ws, 1, b)
				out = append(out, pclause{})
				copy(out[1:], out)
				out[0] = c
			}
		}
	}
	// words before the first clause that hold no verb: a fronted fragment
	// ("alliance systems in favour of the new security concept …, Jiang sought")
	if len(out) > 0 {
		first := out[0].span.start
		n := 0
		for n < len(ws) && p.off(ws[n].span.End) <= first {
			n++
		}
		if n >= 4 {
			its := p.phraseItems(ws, 0, n)
			if len(its) >= 3 {
				var c pclause
				c.span = p.rsp(ws[0].span.Start, ws[n-1].span.End)
				c.rest = its
				out = append(out, pclause{})
				copy(out[1:], out)
				out[0] = c
			}
		}
	}
	// a sentence without a verb is one clause: a heading or a fragment
	if len(out) == 0 && len(ws) > 0 {
		var c pclause
		c.span = p.rsp(ws[0].span.Start, ws[len(ws)-1].span.End)
		c.rest = p.phraseItems(ws, 0, len(ws))
		out = append(out, c)
	}
	p.pcs = out
	return out
}

// notOnly reports a "not" that does not deny: "not only … but also", "not
// merely", "not just".
func notOnly(ws []word, j int) bool {
	if j+1 >= len(ws) {
		return false
	}
	switch ws[j+1].lower {
	case "only", "merely", "just", "simply", "solely":
		return true
	}
	return false
}

// litotes reports a negation at word j that affirms by denying the
// contrary: "not unlike", "not without", "not a little", "not a few", "no
// less", "nothing but", "not un-X", "not in-X", "not dis-X" (an adjective
// whose stem is its antonym: "not uncommon", "not inconsiderable", "not
// dissimilar"). Such a clause is neither a plain statement nor a plain
// denial, and is compared with neither.
func litotes(r *reader, ws []word, j int) bool {
	k := j + 1
	if ws[j].tag == tagAux || ws[j].tag == tagModal {
		k = j + 1 // "isn't unlike": the negation is on the auxiliary
	}
	for k < len(ws) && (ws[k].tag == tagAux && isBe(ws[k].lower) || ws[k].tag == tagAdv && strings.HasSuffix(ws[k].lower, "ly")) {
		k++ // "was not entirely unlike", "is not unlike"
	}
	if k >= len(ws) {
		return false
	}
	n := ws[k].lower
	switch n {
	case "unlike", "without", "less", "but", "doubt", "sooner", "inconsiderable", "unworthy":
		return true
	case "a", "an":
		return k+1 < len(ws) && (ws[k+1].lower == "little" || ws[k+1].lower == "few")
	}
	// "not uncommon": a negated word whose stem is its antonym (not "not
	// discovered", "not improved": "covered" and "proved" are no opposites)
	for _, pre := range []string{"un", "in", "im", "il", "ir", "dis"} {
		stem, ok := strings.CutPrefix(n, pre)
		if !ok || len(stem) < 3 {
			continue
		}
		a, sa := r.lexOf(n).a, r.lexOf(stem).a
		if a == "" || sa == "" {
			continue
		}
		if o, _ := lang.Antonyms(a, sa); o {
			return true
		}
	}
	return false
}

// degreeWords bear on how much, not whether: a negation before one denies a
// degree ("not very good", "not always", "not enough homes").
var degreeWords = set("very", "too", "so", "quite", "all", "always", "entirely", "fully", "completely", "necessarily",
	"much", "many", "widely", "particularly", "especially", "exactly", "enough", "altogether", "wholly", "greatly",
	"often", "generally", "universally", "really", "that", "as", "more", "most", "sufficiently", "highly")

// degreeAfter reports whether a degree word follows the negation at word j
// (past forms of "be"): "has never been widely used".
func degreeAfter(ws []word, j int) bool {
	k := j + 1
	for k < len(ws) && ws[k].tag == tagAux && (isBe(ws[k].lower) || isHave(ws[k].lower)) {
		k++
	}
	return k < len(ws) && degreeWords[ws[k].lower]
}

// hypotheticalSubs introduce a clause that states no fact of its own: a
// condition, a time or a relative clause.
var hypotheticalSubs = set("if", "unless", "whether", "when", "whenever", "lest", "which", "who", "whom", "whose", "where", "wherever")

// hypotheticalBefore reports whether the clause starting at word start is
// a condition, a time clause or a relative clause: a subordinator such as
// "if", "when" or "which" stands before it (with at most a preposition or
// "and" between: "in which", "and if"), or it was read as a relative clause.
func hypotheticalBefore(ws []word, start int, rel bool) bool {
	if rel {
		return true
	}
	for k := start - 1; k >= 0 && k >= start-2; k-- {
		w := ws[k]
		if hypotheticalSubs[w.lower] && w.tag == tagSub {
			return true
		}
		if w.tag != tagPrep && w.tag != tagCoord && w.tag != tagAdv || strings.ContainsAny(ws[k+1].punct, ",;:") {
			return false
		}
	}
	return false
}
