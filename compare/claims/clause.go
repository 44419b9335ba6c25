package claims

import (
	"strings"

	"github.com/crosscheck/crosscheck/compare"
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

	existNeg bool // denied by "there is no", "no X", "nobody": it denies every narrower kind
	negGroup int  // clauses sharing one negation ("no man singing and playing") share a number > 0

	subj []item // subject content; heads marked
	obj  []item // object or complement content
	rest []item // other content: prepositional phrases, adverbs
	verb item
}

// item is one content word (or one whole name) of a clause.
type item struct {
	lemma string // lemma, or entity key for names (upper case for acronyms)
	pos   byte   // n, v, a, r, p (name), d (number)
	head  bool   // head of its phrase
	neg   bool   // negated word: "non-aligned", "without X"
	word  int    // index in the sentence's words, -1 when borrowed from another sentence
	prep  string // preposition that introduces its phrase
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

// verbGroups finds the verb groups of a sentence.
func verbGroups(ws []word) []group {
	var gs []group
	for i := 0; i < len(ws); i++ {
		t := ws[i].tag
		if t != tagAux && t != tagModal && t != tagVerb {
			continue
		}
		if t == tagAux && ws[i].lower == "being" && i > 0 && ws[i-1].tag != tagAux {
			continue // "human being"
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
				if g.neg < 0 {
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
			if sawBe {
				g.copula = true
			} else {
				g.main = last
			}
		} else if sawBe && (strings.HasSuffix(ws[g.main].lower, "ed") || irregularParticiple(ws[g.main].lower, ws[g.main].lemma)) && !strings.HasSuffix(ws[g.main].lower, "ing") {
			g.passive = true
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
// each conjunct and reading "a group of kids" as headed by "kids".
func phraseItems(ws []word, a, b int, entAt []int, ents []Entity, prep string) []item {
	var out []item
	conjStart := len(out)
	lastHead := -1
	markHead := func() {
		if lastHead >= 0 {
			out[lastHead].head = true
		}
		lastHead = -1
	}
	curPrep := prep
	inOf := false
	for i := a; i < b; i++ {
		w := ws[i]
		if w.punct == "," || w.tag == tagCoord {
			if !inOf {
				markHead()
			}
			inOf = false
			conjStart = len(out)
			curPrep = prep
		}
		if w.tag == tagPrep {
			if w.lower == "of" && lastHead >= 0 && collectiveNouns[out[lastHead].lemma] {
				out[lastHead].pos = 'c' // collective: the head follows
				lastHead = -1
				continue
			}
			if lastHead >= 0 {
				markHead() // "member of the Council", "a man with a hat": the head stays
				inOf = true
			}
			curPrep = w.lower
			continue
		}
		if e := entAt[i]; e >= 0 {
			en := ents[e]
			if (en.first == i || i == a) && !(len(out) > 0 && out[len(out)-1].lemma == en.Key()) {
				out = append(out, item{lemma: en.Key(), pos: 'p', word: i, prep: curPrep})
				if !inOf {
					lastHead = len(out) - 1
				}
			}
			continue
		}
		if w.tag == tagDet && (w.lower == "no" || w.lower == "neither") && i+1 < b {
			continue
		}
		it, ok := contentItem(w, i)
		if !ok {
			if w.tag == tagPron && !inOf {
				if p, ok := personWords[w.lower]; ok {
					out = append(out, item{lemma: p, pos: 'n', word: i, prep: curPrep})
					lastHead = len(out) - 1
				} else if personalPronouns[w.lower] {
					out = append(out, item{lemma: w.lower, pos: 'x', word: i, prep: curPrep})
					lastHead = len(out) - 1
				}
			}
			continue
		}
		it.prep = curPrep
		out = append(out, it)
		if (it.pos == 'n' || it.pos == 'd') && !inOf {
			lastHead = len(out) - 1
		}
	}
	markHead()
	_ = conjStart
	return out
}

// contentItem returns the item of a content word.
func contentItem(w word, i int) (item, bool) {
	switch w.tag {
	case tagNoun:
		if functionWords[w.lower] {
			return item{}, false
		}
		return item{lemma: w.lemma, pos: 'n', word: i, neg: w.neg}, true
	case tagProp:
		return item{lemma: w.text, pos: 'p', word: i}, true
	case tagVerb:
		if functionWords[w.lower] {
			return item{}, false
		}
		return item{lemma: w.lemma, pos: 'v', word: i, neg: w.neg}, true
	case tagAdj:
		if functionWords[w.lower] {
			return item{}, false
		}
		return item{lemma: w.lemma, pos: 'a', word: i, neg: w.neg}, true
	case tagAdv:
		if functionWords[w.lower] {
			return item{}, false
		}
		return item{lemma: w.lemma, pos: 'r', word: i}, true
	case tagNum:
		return item{lemma: w.lower, pos: 'd', word: i}, true
	}
	return item{}, false
}

// parseClauses splits a tagged sentence into clauses.
func parseClauses(ws []word, ents []Entity) []Clause {
	entAt := make([]int, len(ws))
	for i := range entAt {
		entAt[i] = -1
	}
	for k, e := range ents {
		for i := e.first; i <= e.last; i++ {
			entAt[i] = k
		}
	}
	gs := verbGroups(ws)
	type raw struct {
		g          group
		subjA      int
		subjB      int
		shared     int // clause whose subject this one shares, or -1
		exist      bool
		existNeg   int
		subjNegCue int
		rel        bool // a relative clause: its subject is the noun before "that"
	}
	var rs []raw
	for gi := 0; gi < len(gs); gi++ {
		g := gs[gi]
		r := raw{g: g, subjA: -1, subjB: -1, shared: -1, existNeg: -1, subjNegCue: -1}
		p := g.start - 1
		for p >= 0 && ws[p].tag == tagAdv {
			p--
		}
		switch {
		case p >= 0 && ws[p].lower == "there" && g.copula:
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
		case p >= 0 && (ws[p].lower == "that" || ws[p].lower == "which" || ws[p].lower == "who") && p-1 >= 0 && npStartBefore(ws, p-1) >= 0 && !(p-1 >= 0 && ws[p-1].tag == tagVerb):
			r.subjA, r.subjB, r.rel = npStartBefore(ws, p-1), p, true
		case p >= 0 && ws[p].tag == tagCoord && len(rs) > 0:
			r.shared = len(rs) - 1
		case g.nonFinite && len(rs) > 0 && rs[len(rs)-1].g.end <= p && (ws[g.start].punct == "," || rs[len(rs)-1].g.copula || rs[len(rs)-1].exist):
			// a participle after the predicate describes the subject: "nobody is in the snow wearing …"
			r.shared = len(rs) - 1
		case !g.nonFinite && len(rs) > 0 && rs[len(rs)-1].g.nonFinite && rs[len(rs)-1].subjB == rs[len(rs)-1].g.start && rs[len(rs)-1].subjA >= 0 && rs[len(rs)-1].shared < 0 && npStartBefore(ws, p) > rs[len(rs)-1].g.start:
			// "a man wearing a shirt is sitting": the reduced relative belongs to the subject
			r.shared = len(rs) - 1
		default:
			if a := npStartBefore(ws, p); a >= 0 {
				r.subjA, r.subjB = a, p+1
				if ws[a].tag == tagDet && (ws[a].lower == "no" || ws[a].lower == "neither") {
					r.subjNegCue = a
				}
				for k := a; k <= p; k++ {
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
	// the end of each clause is the start of the next
	var out []Clause
	starts := make([]int, len(rs))
	for k, r := range rs {
		s := r.g.start
		if r.subjA >= 0 && r.subjA < s {
			s = r.subjA
		}
		if r.exist {
			s = r.g.start - 1
		}
		starts[k] = s
	}
	for k, r := range rs {
		end := len(ws)
		if k+1 < len(rs) {
			end = starts[k+1]
			if rs[k+1].rel && rs[k+1].subjB > r.g.end {
				end = rs[k+1].subjB // a relative clause: ours runs to its "that"
			}
			for end > r.g.end && (ws[end-1].tag == tagCoord || ws[end-1].tag == tagSub) {
				end--
			}
		}
		start := starts[k]
		if end <= start {
			end = r.g.end
		}
		c := Clause{Modal: r.g.modal, Copula: r.g.copula, Passive: r.g.passive, Existential: r.exist}
		c.Span = compare.Span{Start: ws[start].span.Start, End: ws[max(end, r.g.end)-1].span.End}
		c.VerbGroup = compare.Span{Start: ws[r.g.start].span.Start, End: ws[r.g.end-1].span.End}
		if r.g.copula {
			c.Verb = "be"
			c.verb = item{lemma: "be", pos: 'v', word: r.g.start}
		} else if r.g.main >= 0 {
			c.Verb = ws[r.g.main].lemma
			c.verb = item{lemma: c.Verb, pos: 'v', word: r.g.main, head: true}
		}
		// negation: in the verb group, an existential "no", a "no"/"nobody" subject
		switch {
		case r.g.neg >= 0:
			c.Negated, c.NegCue = true, negSpan(ws[r.g.neg])
		case r.existNeg >= 0:
			c.Negated, c.NegCue, c.existNeg = true, ws[r.existNeg].span, true
		case r.subjNegCue >= 0:
			c.Negated, c.NegCue, c.existNeg = true, ws[r.subjNegCue].span, true
		}
		switch {
		case r.shared >= 0:
			c.subj = out[r.shared].subj
			c.Subject = out[r.shared].Subject
			c.Resolved = out[r.shared].Resolved
			if !c.Negated && out[r.shared].Negated && out[r.shared].existNeg {
				// "there is no man sitting and rubbing his eyes": one negation over both
				c.Negated, c.NegCue, c.existNeg = true, out[r.shared].NegCue, true
				if out[r.shared].negGroup == 0 {
					out[r.shared].negGroup = r.shared + 1
				}
				c.negGroup = out[r.shared].negGroup
			}
		case r.subjA >= 0 && r.subjB > r.subjA:
			c.subj = phraseItems(ws, r.subjA, r.subjB, entAt, ents, "")
			c.Subject = compare.Span{Start: ws[r.subjA].span.Start, End: ws[r.subjB-1].span.End}
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
		if a < limit && ws[a].tag != tagPrep && ws[a].tag != tagSub {
			b := npEndAfter(ws, a, limit)
			c.obj = phraseItems(ws, a, b, entAt, ents, "")
			a = b
		}
		if a < limit {
			c.rest = phraseItems(ws, a, limit, entAt, ents, "")
		}
		out = append(out, c)
	}
	// "As a permanent member of the UN Security Council, China has …":
	// the fronted phrase says what the subject is.
	if len(ws) > 2 && ws[0].lower == "as" && len(out) > 0 {
		b := npEndAfter(ws, 1, len(ws))
		if b > 1 && b < len(ws) && ws[b].punct == "," {
			main := out[0]
			if main.Span.Start >= ws[b].span.Start && len(main.subj) > 0 {
				c := Clause{Verb: "be", Copula: true, subj: main.subj, Subject: main.Subject}
				c.Span = compare.Span{Start: ws[0].span.Start, End: ws[b-1].span.End}
				c.VerbGroup = ws[0].span
				c.verb = item{lemma: "be", pos: 'v', word: 0}
				c.obj = phraseItems(ws, 1, b, entAt, ents, "")
				out = append([]Clause{c}, out...)
			}
		}
	}
	// words before the first clause that hold no verb: a fronted fragment
	// ("alliance systems in favour of the new security concept …, Jiang sought")
	if len(out) > 0 {
		first := out[0].Span.Start
		n := 0
		for n < len(ws) && ws[n].span.End <= first {
			n++
		}
		if n >= 4 {
			its := phraseItems(ws, 0, n, entAt, ents, "")
			if len(its) >= 3 {
				c := Clause{Span: compare.Span{Start: ws[0].span.Start, End: ws[n-1].span.End}, rest: its}
				out = append([]Clause{c}, out...)
			}
		}
	}
	// a sentence without a verb is one clause: a heading or a fragment
	if len(out) == 0 && len(ws) > 0 {
		c := Clause{Span: compare.Span{Start: ws[0].span.Start, End: ws[len(ws)-1].span.End}}
		c.rest = phraseItems(ws, 0, len(ws), entAt, ents, "")
		out = append(out, c)
	}
	return out
}

func negSpan(w word) compare.Span {
	if w.neg && w.negEnd > 0 {
		return compare.Span{Start: w.span.Start, End: w.span.End}
	}
	return w.span
}
