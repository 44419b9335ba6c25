package claims

import (
	"strings"

	"github.com/crosscheck/crosscheck/compare/claims/internal/view"
	"github.com/crosscheck/crosscheck/compare/lang"
)

// Clause is one predication of a sentence (see view.Clause).
type Clause = view.Clause

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
	fSkipped  // in boilerplate (Options.Skip): compared with nothing
	// fHedged marks a claim made less than plainly: a possibility ("may",
	// "could"), an expectation or a report ("is expected to", "according
	// to", "reportedly", what follows "the ministry said that"). It is
	// compared as any other, with less confidence.
	fHedged
	// fNoClaim marks a clause that states nothing to contradict: the
	// frame of a denial ("the mayor denied (that …)"), whose claim is the
	// clause after, read as denied, and what a denial denied leaves open
	// ("did not deny that …").
	fNoClaim
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
func (c *clause) asserted() bool { return c.flags&(fHypothetical|fLitotes|fQuestion|fNoClaim) == 0 }

// question reports a clause that asks, or otherwise contradicts nothing (fNoClaim).
func (c *clause) question() bool { return c.flags&(fQuestion|fNoClaim) != 0 }

func (c *clause) hedged() bool { return c.flags&fHedged != 0 }

// verbItem is the clause's verb as an item.
func (c *clause) verbItem() item {
	it := item{lemma: c.verb, pos: 'v', at: c.verbWord}
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
	at    int16  // index in the sentence's words and what the word is (itemKnown …); -1 when borrowed from another sentence, -2 for a preposition
	pf    uint8  // 1 + index in prepList of the preposition that introduces its phrase (0 for none), itemHead and itemDef
	pos   byte   // n, v, a, r, p (name), d (number), x (personal pronoun), c (collective)
}

// itemHead marks the head of its phrase; itemDef an institution named by
// "the" and its head noun ("the ministry"), which linkDefinites links to
// the name written in full.
const (
	itemHead = 0x80
	itemDef  = 0x40
)

// The bits of item.at above the word's index (lang.MaxSentenceWords is
// 1<<12): what the item's word is in its sentence, read once when the
// sentence is read, rather than by reading the sentence again for every
// pair its clause is compared in.
const (
	itemWordMask = 1<<12 - 1
	itemKnown    = 1 << 12 // the two bits below are set
	itemInAmount = 1 << 13 // the figure of an amount, or a word of a date (see inAmount)
	itemUnit     = 1 << 14 // a word of an amount in per cent or money (see moneyUnit)
)

// word is the index of the item's word in its sentence, or -1 (borrowed
// from another sentence) or -2 (a preposition).
func (it item) word() int {
	if it.at < 0 {
		return int(it.at)
	}
	return int(it.at & itemWordMask)
}

// prep is the item's preposition (1 + index in prepList), or 0.
func (it item) prep() uint8 { return it.pf &^ (itemHead | itemDef) }

// head reports whether the item heads its phrase.
func (it item) head() bool { return it.pf&itemHead != 0 }

// modalList and prepList number the modals and prepositions.
var (
	modalList = lang.Modals()
	prepList  = lang.Prepositions()
	prepIndex = indexOf(prepList)
)

// indexOf numbers a list's words from 1.
func indexOf(words []string) map[string]uint8 {
	m := make(map[string]uint8, len(words))
	for i, w := range words {
		m[w] = uint8(i + 1)
	}
	return m
}

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

// activeRoles gives a passive clause with a "by" agent its logical roles:
// "noodles are being boiled in water by a woman" is compared as "a woman
// is boiling noodles in water", the agent its subject (and Subject its
// span), the grammatical subject its object.
func (p *parser) activeRoles(ws []lang.Word, c *pclause) {
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
	a, b := subj[0].word(), subj[len(subj)-1].word()
	if a >= 0 && b >= a && b < len(ws) {
		c.subject = p.rsp(ws[a].Span.Start, ws[b].Span.End)
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

// subjectAfter keeps a subject found from a back to p out of the clause
// before: "there is no man in the park and the gate is open" has "the
// gate" as subject, not "no man in the park and the gate". A subject that
// starts inside the previous clause's verb group or the phrase after it
// starts after the last "and" (or other conjunction) before p instead.
func subjectAfter(ws []lang.Word, rs []rawClause, a, p int) int {
	if len(rs) == 0 {
		return a
	}
	prev := rs[len(rs)-1]
	lower := prev.g.End
	if prev.exist {
		lower = max(lower, prev.subjB)
	}
	if a >= lower {
		return a
	}
	for k := p; k > a && k >= lower; k-- {
		if ws[k].Tag == lang.TagCoord {
			return k + 1
		}
	}
	return a
}

// phraseItems turns words [a, b) into content items, marking the head of
// each conjunct and reading "a group of kids" as headed by "kids". The
// items go to the parser's scratch space.
func (p *parser) phraseItems(ws []lang.Word, a, b int) []item {
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
		if w.Punct == "," || w.Tag == lang.TagCoord {
			if !inOf {
				markHead()
			}
			inOf = false
			curPrep = 0
		}
		if w.Tag == lang.TagPrep {
			if w.Lower == "of" && lastHead >= 0 && p.r.Collective(p.arena[lastHead].lemma) {
				p.arena[lastHead].pos = 'c' // collective: the head follows
				lastHead = -1
				continue
			}
			if lastHead >= 0 {
				markHead() // "member of the Council", "a man with a hat": the head stays
				inOf = true
			}
			curPrep = prepOf(w.Lower)
			continue
		}
		if e := p.entAt[i]; e >= 0 {
			en := p.ents[e]
			key := p.entKeys[e]
			if (en.First == i || i == a) && !(len(p.arena) > n0 && p.arena[len(p.arena)-1].lemma == key) {
				p.arena = append(p.arena, item{lemma: key, pos: 'p', at: int16(i), pf: curPrep})
				if !inOf {
					lastHead = len(p.arena) - 1
				}
			}
			continue
		}
		if w.Tag == lang.TagDet && (w.Lower == "no" || w.Lower == "neither") && i+1 < b {
			continue
		}
		if w.Lower == "one" && i > 0 && ws[i-1].Lower == "no" && !inOf {
			// "no one" is "nobody": no person
			p.arena = append(p.arena, item{lemma: p.r.ID("person"), pos: 'n', at: int16(i), pf: curPrep})
			lastHead = len(p.arena) - 1
			continue
		}
		it, ok := p.contentItem(w, i)
		if !ok {
			if w.Tag == lang.TagPron && !inOf {
				if pw := lang.PersonWord(w.Lower); pw != "" {
					p.arena = append(p.arena, item{lemma: p.r.ID(pw), pos: 'n', at: int16(i), pf: curPrep})
					lastHead = len(p.arena) - 1
				} else if lang.IsPersonalPronoun(w.Lower) {
					p.arena = append(p.arena, item{lemma: p.r.ID(w.Lower), pos: 'x', at: int16(i), pf: curPrep})
					lastHead = len(p.arena) - 1
				}
			}
			continue
		}
		it.pf = curPrep
		if it.pos == 'n' && lang.DefiniteOrg(ws, i) {
			it.pf |= itemDef
		}
		p.arena = append(p.arena, it)
		if (it.pos == 'n' || it.pos == 'd') && !inOf {
			lastHead = len(p.arena) - 1
		}
	}
	markHead()
	return p.arena[n0:len(p.arena):len(p.arena)]
}

// contentItem returns the item of a content word.
func (p *parser) contentItem(w lang.Word, i int) (item, bool) {
	switch w.Tag {
	case lang.TagNoun:
		if lang.IsFunctionWord(w.Lower) {
			return item{}, false
		}
		return item{lemma: p.r.ID(w.Lemma), pos: 'n', at: int16(i)}, true
	case lang.TagProp:
		return item{lemma: p.r.ID(w.Text), pos: 'p', at: int16(i)}, true
	case lang.TagVerb:
		if lang.IsFunctionWord(w.Lower) {
			return item{}, false
		}
		return item{lemma: p.r.ID(w.Lemma), pos: 'v', at: int16(i)}, true
	case lang.TagAdj:
		if lang.IsFunctionWord(w.Lower) {
			return item{}, false
		}
		return item{lemma: p.r.ID(w.Lemma), pos: 'a', at: int16(i)}, true
	case lang.TagAdv:
		if lang.IsFunctionWord(w.Lower) {
			return item{}, false
		}
		return item{lemma: p.r.ID(w.Lemma), pos: 'r', at: int16(i)}, true
	case lang.TagNum:
		return item{lemma: p.r.ID(w.Lower), pos: 'd', at: int16(i)}, true
	}
	return item{}, false
}

// frame is what a clause that stops at "that" makes of the clause after:
// one its subject states (speaker: "the ministry said that it …"), or
// one it denies (deny: "denied that", "rejected claims that"), or leaves
// open (open: "did not deny that").
type frame struct {
	that                int // the "that"
	speaker, deny, open bool
	cue                 rspan // the denying verb
}

// framed reads clause c, introduced by frame f (clause fc): a pronoun
// subject is the speaker ("the ministry denied that it supports …"), "it"
// for a name or an institution, "they" for an institution ("he", "she",
// "they" in what a writer says is said are as often others); and a
// denied claim is negated, with the denying verb as its cue, or, denied
// as a denial or not denied, states nothing to contradict.
func (p *parser) framed(ws []lang.Word, c, fc *pclause, f frame) {
	if len(c.subj) == 1 && c.subj[0].pos == 'x' && c.subj[0].at >= 0 && hasHeadNoun(fc.subj) && !fc.resolved() {
		h := fc.subj[len(fc.subj)-1]
		for _, it := range fc.subj {
			if it.head() {
				h = it
			}
		}
		org := h.at >= 0 && h.word() < len(ws) && (lang.IsOrgNoun(ws[h.word()].Lower) || p.entAt[h.word()] >= 0 && lang.OrgHead(p.ents[p.entAt[h.word()]].Text) != "")
		if pr := ws[c.subj[0].word()].Lower; pr == "it" && (org || h.pos == 'p') || pr == "they" && org {
			// the speaker's words, in this sentence: a name stays evidence
			n := len(p.arena)
			p.arena = append(p.arena, fc.subj...)
			c.subj = p.arena[n:len(p.arena):len(p.arena)]
			c.flags |= fResolved
		}
	}
	switch {
	case !f.deny:
	case f.open || c.negated():
		c.flags |= fNoClaim
	default:
		c.flags |= fNegated
		c.negCue = f.cue
	}
}

// rawClause is a verb group with where its subject is, before the clause
// is built.
type rawClause struct {
	g          lang.VerbGroup
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
func (p *parser) parseClauses(ws []lang.Word, ents []Entity, question bool) []pclause {
	p.arena = p.arena[:0]
	p.entAt = p.entAt[:0]
	for range ws {
		p.entAt = append(p.entAt, -1)
	}
	entAt := p.entAt
	p.entKeys = p.entKeys[:0]
	for k, e := range ents {
		for i := e.First; i <= e.Last; i++ {
			entAt[i] = k
		}
		if e.Acronym != "" {
			p.entKeys = append(p.entKeys, p.r.ID(e.Acronym))
		} else {
			p.keyBuf = lang.AppendLower(p.keyBuf[:0], e.Text)
			p.entKeys = append(p.entKeys, p.r.IDBytes(p.keyBuf))
		}
	}
	p.ents = ents
	gs := lang.VerbGroups(p.r.Lex, ws, p.groups)
	p.groups = gs
	rs := p.raws[:0]
	for gi := 0; gi < len(gs); gi++ {
		g := gs[gi]
		r := rawClause{g: g, subjA: -1, subjB: -1, shared: -1, existNeg: -1, subjNegCue: -1}
		pv := lang.QualifierStart(ws, g.Start) - 1 // the subject is before "more than doubled"
		for pv >= 0 && ws[pv].Tag == lang.TagAdv {
			pv--
		}
		switch {
		case pv >= 0 && ws[pv].Lower == "there" && g.Copula:
			// existential: "there is no man playing a guitar"
			r.exist = true
			a := g.End
			if a < len(ws) && ws[a].Tag == lang.TagDet && (ws[a].Lower == "no" || ws[a].Lower == "neither") {
				r.existNeg = a
			}
			b := lang.NounPhraseEnd(ws, a, len(ws))
			// "there is no girl in white dancing": the phrase runs to the participle
			if gi+1 < len(gs) && gs[gi+1].NonFinite && gs[gi+1].Start > b && gs[gi+1].Start-b <= 6 {
				ok := true
				for k := b; k < gs[gi+1].Start; k++ {
					if ws[k].Tag == lang.TagSub || ws[k].Tag == lang.TagCoord || strings.ContainsAny(ws[k].Punct, ",;:") {
						ok = false
					}
				}
				if ok {
					b = gs[gi+1].Start
				}
			}
			r.subjA, r.subjB = a, b
			if b < len(ws) && (ws[b].Tag == lang.TagVerb) && gi+1 < len(gs) && gs[gi+1].Start == b {
				// the participle is the predicate
				next := gs[gi+1]
				r.g.Main, r.g.Copula, r.g.End = next.Main, false, next.End
				r.g.Passive = strings.HasSuffix(ws[next.Main].Lower, "ed")
				gi++
			}
		case pv >= 0 && (ws[pv].Lower == "that" || ws[pv].Lower == "which" || ws[pv].Lower == "who") && pv-1 >= 0 && lang.NounPhraseStart(ws, pv-1) >= 0 && !(pv-1 >= 0 && ws[pv-1].Tag == lang.TagVerb):
			r.subjA, r.subjB, r.rel = lang.NounPhraseStart(ws, pv-1), pv, true
		case len(rs) > 0 && lang.RankAt(ws, lang.NounPhraseStart(ws, pv)) && lang.NounPhraseStart(ws, pv) <= rs[len(rs)-1].g.End+1,
			len(rs) > 0 && !rs[len(rs)-1].g.NonFinite && !rs[len(rs)-1].g.Copula && !rs[len(rs)-1].exist && lang.NounPhraseStart(ws, pv) == rs[len(rs)-1].g.End &&
				lang.ReducedRelative(p.r.Lex, ws, g, rs[len(rs)-1].g.Main):
			// "approved the depot held on 4 May", "ranked third in the
			// survey published by …": the noun is the object of the verb
			// before (the rank its rank), the participle describes it
			r.subjA, r.subjB, r.rel = lang.NounPhraseStart(ws, pv), pv+1, true
		case strings.Contains(ws[g.Start].Punct, ",") && len(rs) > 0 && rs[len(rs)-1].rel && rs[len(rs)-1].subjB < g.Start:
			// "a badger, which is shrewd, is digging": the verb after a
			// relative clause between commas has its antecedent as subject
			r.shared = len(rs) - 1
		case pv >= 0 && ws[pv].Tag == lang.TagCoord && len(rs) > 0:
			r.shared = len(rs) - 1
		case g.NonFinite && len(rs) > 0 && rs[len(rs)-1].g.End <= pv && (ws[g.Start].Punct == "," || rs[len(rs)-1].g.Copula || rs[len(rs)-1].exist):
			// a participle after the predicate describes the subject: "nobody is in the snow wearing …"
			r.shared = len(rs) - 1
		case !g.NonFinite && len(rs) > 0 && rs[len(rs)-1].g.NonFinite && rs[len(rs)-1].subjB == rs[len(rs)-1].g.Start && rs[len(rs)-1].subjA >= 0 && rs[len(rs)-1].shared < 0 && lang.NounPhraseStart(ws, pv) > rs[len(rs)-1].g.Start:
			// "a man wearing a shirt is sitting": the reduced relative belongs to the subject
			r.shared = len(rs) - 1
		case !g.NonFinite && len(rs) > 0 && lang.PrepObject(ws, pv) && rs[len(rs)-1].subjA >= 0 && rs[len(rs)-1].shared < 0 &&
			rs[len(rs)-1].subjB == rs[len(rs)-1].g.Start && rs[len(rs)-1].g.Main == rs[len(rs)-1].g.Start && lang.Participle(ws[rs[len(rs)-1].g.Main].Lower):
			// "a white cat perched on a cabinet is looking": the noun before
			// the verb ends a prepositional phrase, the participle before
			// it describes the subject
			r.shared = len(rs) - 1
		case strings.Contains(ws[g.Start].Punct, ",") && len(rs) > 0 && (lang.PrepObject(ws, pv) || lang.NounPhraseStart(ws, pv) == rs[len(rs)-1].g.End):
			// "we should get creative in our thinking, create new
			// opportunities", "we need to boost trade, foster convergence":
			// the noun before the comma is an object, of a preposition or
			// of the verb before; the verb shares that verb's subject
			r.shared = len(rs) - 1
		default:
			if a := lang.NounPhraseStart(ws, pv); a >= 0 {
				a = subjectAfter(ws, rs, a, pv)
				r.subjA, r.subjB = a, pv+1
				if ws[a].Tag == lang.TagDet && (ws[a].Lower == "no" || ws[a].Lower == "neither") {
					r.subjNegCue = a
				}
				for k := a; k <= pv; k++ {
					if ws[k].Lower == "nobody" || ws[k].Lower == "none" || ws[k].Lower == "nothing" || ws[k].Lower == "noone" {
						r.subjNegCue = k
					}
				}
			} else if g.NonFinite && len(rs) > 0 {
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
		s := r.g.Start
		if r.subjA >= 0 && r.subjA < s {
			s = r.subjA
		}
		if r.exist {
			s = r.g.Start - 1
		}
		starts = append(starts, s)
	}
	p.starts = starts
	var fr frame // the clause before, when it frames this one
	p.denies = false
	for k, r := range rs {
		end := len(ws)
		closed := true    // the predication ends with the clause: no "that …" or a misread word after it
		dangling := false // it stops mid-phrase, or a clause after completes it
		that := -1        // the "that" it stops at
		if k+1 < len(rs) {
			end = starts[k+1]
			if rs[k+1].rel && rs[k+1].subjB > r.g.End {
				end = rs[k+1].subjB // a relative clause: ours runs to its "that"
			}
			// a semicolon ends the clause, whatever the next one takes for
			// its subject ("… under the republic; and the emperors, for the
			// most part, were satisfied"), and so does a noun after a comma
			// that the next clause describes (", a result the board …")
			for j := r.g.End; j < end; j++ {
				if strings.Contains(ws[j].Punct, ";") || strings.Contains(ws[j].Punct, ",") && (ws[j].Lower == "a" || ws[j].Lower == "an") && end-j <= 3 {
					end = j
					break
				}
			}
			closed = false
			for end > r.g.End && (ws[end-1].Tag == lang.TagCoord || ws[end-1].Tag == lang.TagSub) {
				closed = ws[end-1].Tag == lang.TagCoord
				if ws[end-1].Tag == lang.TagSub {
					dangling = true // "China stressed that …": the claim is in the clause after
					that = end - 1
				}
				end--
			}
			if end < len(ws) && strings.ContainsAny(ws[end].Punct, ",;:") {
				closed = true
			}
		}
		start := starts[k]
		if end <= start {
			end = r.g.End
		}
		switch last := max(end, r.g.End); ws[last-1].Tag {
		case lang.TagPrep, lang.TagDet, lang.TagAux, lang.TagModal, lang.TagNeg, lang.TagSub:
			// "there is reason to", "Commodus was not": it stops mid-phrase;
			// but "supports the proposal to cap …" has its object whole
			infinitive := ws[last-1].Lower == "to" && k+1 < len(rs) && rs[k+1].g.Start == last && last-1 > r.g.End && !r.exist && !r.g.Copula
			dangling = !infinitive
		}
		var c pclause
		if !closed {
			c.flags |= fOpen
		}
		if dangling {
			c.flags |= fDangling
		}
		c.modal = modalIndex(r.g.Modal)
		if r.g.Copula {
			c.flags |= fCopula
		}
		if r.g.Passive {
			c.flags |= fPassive
		}
		if r.exist {
			c.flags |= fExistential
		}
		c.span = p.rsp(ws[start].Span.Start, ws[max(end, r.g.End)-1].Span.End)
		c.verbGroup = p.rsp(ws[r.g.Start].Span.Start, ws[r.g.End-1].Span.End)
		if r.g.Copula {
			c.verb, c.verbWord = p.r.ID("be"), int16(r.g.Start)
		} else if r.g.Main >= 0 {
			// "doubled" is a change ("increase"), "came third" a rank ("rank")
			c.verb, c.verbWord = p.r.ID(lang.VerbLemma(ws, r.g.Main)), int16(r.g.Main)
		}
		// negation: in the verb group, an existential "no", a "no"/"nobody" subject
		negAt := -1
		switch {
		case r.g.Neg >= 0:
			c.flags |= fNegated
			c.negCue = p.rsp(ws[r.g.Neg].Span.Start, ws[r.g.Neg].Span.End)
			negAt = r.g.Neg
		case r.existNeg >= 0:
			c.flags |= fNegated | fExistNeg
			c.negCue = p.rsp(ws[r.existNeg].Span.Start, ws[r.existNeg].Span.End)
			negAt = r.existNeg
		case r.subjNegCue >= 0:
			c.flags |= fNegated | fExistNeg
			c.negCue = p.rsp(ws[r.subjNegCue].Span.Start, ws[r.subjNegCue].Span.End)
			negAt = r.subjNegCue
		}
		if negAt >= 0 {
			switch {
			case lang.Litotes(p.r.Lex, ws, negAt):
				c.flags |= fLitotes
			case lang.DegreeAfter(ws, negAt):
				c.flags |= fDegree
			}
		}
		if question {
			c.flags |= fQuestion
		}
		if r.rel || lang.Hypothetical(ws, start) {
			c.flags |= fHypothetical
		}
		switch {
		case r.shared >= 0:
			sh := &out[r.shared]
			n := len(p.arena)
			p.arena = append(p.arena, sh.subj...)
			c.subj = p.arena[n:len(p.arena):len(p.arena)]
			c.subject = sh.subject
			c.flags |= sh.flags & (fResolved | fHypothetical) // "if it exceeded 50 C or fell below 0 C": both conditions
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
			c.subject = p.rsp(ws[r.subjA].Span.Start, ws[r.subjB-1].Span.End)
		}
		if fr.speaker && len(out) > 0 && starts[k] == fr.that+1 {
			p.framed(ws, &c, &out[len(out)-1], fr)
		}
		fr = frame{that: that}
		if dangling && that >= 0 && r.g.Main >= 0 {
			fr.speaker = lang.IsStatementVerb(ws[r.g.Main].Lemma)
			if lang.DenialFrame(ws, r.g.Main, that) {
				c.flags |= fNoClaim // its claim is the clause after, denied
				fr.deny, fr.open = true, r.g.Neg >= 0
				fr.cue = p.rsp(ws[r.g.Main].Span.Start, ws[r.g.Main].Span.End)
				p.denies, fr.speaker = true, true
			}
		}
		// object or complement, then the rest
		a := r.g.End
		if r.exist {
			a = max(a, r.subjB)
			if r.g.Main >= 0 {
				a = max(a, r.g.Main+1)
			}
		}
		limit := max(end, a)
		second := -1
		if c.copula() && !r.exist {
			second = lang.SecondComplement(ws, a, limit)
		}
		restEnd := limit
		if second > 0 {
			restEnd = second - 1 // the "and"
		}
		if a < restEnd && ws[a].Tag != lang.TagPrep && ws[a].Tag != lang.TagSub {
			b := lang.NounPhraseEnd(ws, a, restEnd)
			c.obj = p.phraseItems(ws, a, b)
			a = b
		}
		if a < restEnd {
			c.rest = p.phraseItems(ws, a, restEnd)
		}
		if c.flags&fPassive != 0 {
			p.activeRoles(ws, &c)
		}
		if second > 0 {
			// "we are major countries in the world and permanent members of
			// the Council": two claims about one subject
			c.span.end = p.off(ws[restEnd-1].Span.End)
			out = append(out, c)
			c2 := c
			c2.span = p.rsp(ws[second].Span.Start, ws[limit-1].Span.End)
			c2.obj, c2.rest = p.phraseItems(ws, second, limit), nil
			out = append(out, c2)
			continue
		}
		out = append(out, c)
	}
	// "As a permanent member of the UN Security Council, China has …":
	// the fronted phrase says what the subject is.
	if len(ws) > 2 && ws[0].Lower == "as" && len(out) > 0 {
		// the phrase runs to the first comma, and is a noun phrase all through
		b := 1
		for b < len(ws) && !strings.Contains(ws[b].Punct, ",") {
			b++
		}
		if b > 1 && b < len(ws) && lang.NounPhraseEnd(ws, 1, b) == b {
			main := out[0]
			if main.span.start >= p.off(ws[b].Span.Start) && len(main.subj) > 0 {
				var c pclause
				c.flags = fCopula
				c.verb, c.verbWord = p.r.ID("be"), 0
				c.subj, c.subject = main.subj, main.subject
				c.span = p.rsp(ws[0].Span.Start, ws[b-1].Span.End)
				c.verbGroup = p.rsp(ws[0].Span.Start, ws[0].Span.End)
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
		for n < len(ws) && p.off(ws[n].Span.End) <= first {
			n++
		}
		if n >= 4 {
			its := p.phraseItems(ws, 0, n)
			if len(its) >= 3 {
				var c pclause
				c.span = p.rsp(ws[0].Span.Start, ws[n-1].Span.End)
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
		c.span = p.rsp(ws[0].Span.Start, ws[len(ws)-1].Span.End)
		c.rest = p.phraseItems(ws, 0, len(ws))
		out = append(out, c)
	}
	p.pcs = out
	return out
}
