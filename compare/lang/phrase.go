package lang

import "strings"

// Shallow syntax: verb groups and noun phrases, read from tagged words.

// VerbGroup is a run of auxiliaries, modals, negations and adverbs with
// the main verb: "is not playing", "have also signed".
type VerbGroup struct {
	Start, End int    // words [Start, End)
	Main       int    // main verb word or -1
	Neg        int    // negating word or -1
	Modal      string // the first modal
	Copula     bool   // a form of "be" with no main verb
	Passive    bool
	NonFinite  bool // a participle without auxiliary: "a man playing a guitar"
}

// IsBe reports a form of "be".
func IsBe(l string) bool {
	switch l {
	case "be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re":
		return true
	}
	return false
}

// negativeCatenatives deny the verb they govern: "failed to approve" says
// it was not approved.
var negativeCatenatives = set("fail", "refuse", "decline", "neglect", "cease")

// IsHave reports a form of "have".
func IsHave(l string) bool { return l == "have" || l == "has" || l == "had" || l == "having" }

// VerbGroups finds the verb groups of a sentence, appending to gs[:0].
func VerbGroups(r *Lexicon, ws []Word, gs []VerbGroup) []VerbGroup {
	gs = gs[:0]
	for i := 0; i < len(ws); i++ {
		t := ws[i].Tag
		if t != TagAux && t != TagModal && t != TagVerb {
			continue
		}
		if t == TagAux && ws[i].Lower == "being" && i > 0 && ws[i-1].Tag != TagAux {
			continue // "human being"
		}
		if t == TagVerb && i > 0 && ws[i-1].Tag == TagPrep && ws[i-1].Lower != "to" && ws[i].Punct == "" && strings.HasSuffix(ws[i].Lower, "ing") {
			continue // a gerund in a phrase: "the task of combating terrorism"
		}
		g := VerbGroup{Start: i, Main: -1, Neg: -1}
		if i > 0 && ws[i-1].Tag == TagNeg && ws[i].Punct == "" && (i < 2 || ws[i-2].Tag == TagCoord || ws[i-1].Punct == "," || ws[i-1].Lower == "never") {
			g.Start, g.Neg = i-1, i-1 // "and not directed against …"
		}
		if i > 1 && ws[i-2].Lower == "no" && ws[i-1].Lower == "longer" && ws[i].Punct == "" && ws[i-1].Punct == "" {
			g.Start, g.Neg = i-2, i-2 // "no longer supports"
		}
		nonFinite := t == TagVerb && (strings.HasSuffix(ws[i].Lower, "ing") || strings.HasSuffix(ws[i].Lower, "ed")) && !(i > 0 && (ws[i-1].Tag == TagPron || ws[i-1].Tag == TagProp || ws[i-1].Tag == TagNoun) && strings.HasSuffix(ws[i].Lower, "ed"))
		sawBe := false
		j := i
		for ; j < len(ws); j++ {
			w := ws[j]
			if j > i && w.Punct != "" && w.Punct != "\"" {
				break
			}
			if w.Neg && g.Neg < 0 && (w.Tag == TagAux || w.Tag == TagModal) {
				g.Neg = j
			}
			switch w.Tag {
			case TagModal:
				if g.Modal == "" {
					g.Modal = w.Lower
				}
				continue
			case TagAux:
				if IsBe(w.Lower) {
					sawBe = true
				}
				if g.Main >= 0 {
					break
				}
				continue
			case TagNeg:
				if g.Neg < 0 && !notOnly(ws, j) {
					g.Neg = j
				}
				continue
			case TagAdv:
				if j+1 < len(ws) && (ws[j+1].Tag == TagVerb || ws[j+1].Tag == TagAux || ws[j+1].Tag == TagAdv || ws[j+1].Tag == TagNeg) {
					continue
				}
			case TagVerb:
				g.Main = j
				// catenative: "sought to consolidate", "would like to strengthen"
				if j+2 < len(ws) && ws[j+1].Lower == "to" && ws[j+2].Tag == TagVerb && ws[j+2].Punct == "" {
					if negativeCatenatives[ws[j].Lemma] && g.Neg < 0 {
						g.Neg = j // "failed to approve", "refused to sign": the act was not done
					}
					g.Main = j + 2
					j += 2
				}
				j++
			}
			break
		}
		g.End = j
		if g.Main < 0 {
			// no main verb: a copula, or "have"/"do" as the verb itself
			last := -1
			for k := i; k < j; k++ {
				if ws[k].Tag == TagAux {
					last = k
				}
			}
			if last < 0 {
				continue // a modal alone
			}
			switch {
			case sawBe && IsHave(ws[last].Lower) && last > i && IsBe(ws[last-1].Lower):
				g.Main = last // "is having fun": "have" is the verb
			case sawBe:
				g.Copula = true
			default:
				g.Main = last
			}
		} else if sawBe && (strings.HasSuffix(ws[g.Main].Lower, "ed") || r.Entry(ws[g.Main].Lower).Irregular(ws[g.Main].Lower, ws[g.Main].Lemma) ||
			g.Main > 0 && (ws[g.Main-1].Lower == "being" || ws[g.Main-1].Lower == "been")) && !strings.HasSuffix(ws[g.Main].Lower, "ing") {
			g.Passive = true // "was signed", "is being spread"
		}
		g.NonFinite = nonFinite && g.Start == g.Main
		gs = append(gs, g)
		i = j - 1
	}
	return gs
}

// NounPhraseStart walks back from word p over a noun phrase (with "of"
// attachments and coordinated names) and returns where it starts, or -1
// when p does not end a noun phrase.
func NounPhraseStart(ws []Word, p int) int {
	if p < 0 {
		return -1
	}
	switch ws[p].Tag {
	case TagNoun, TagProp, TagPron, TagNum:
	case TagAdj:
		if p == 0 || ws[p-1].Tag != TagDet {
			return -1
		}
	default:
		return -1
	}
	if ws[p].Tag == TagPron && ws[p].Lower == "there" {
		return -1
	}
	k := p
	for k > 0 {
		w := ws[k]
		if strings.ContainsAny(w.Punct, "([;:\"") {
			break
		}
		prev := ws[k-1]
		if prev.Tag == TagNum && len(prev.Lower) == 4 && AllDigits(prev.Lower) && w.Tag == TagProp {
			break // "in August 2007 China stressed": the date ends a fronted phrase
		}
		if w.Punct == "," {
			// a comma joins a list of names: "China, Russia, Kazakhstan and Uzbekistan"
			listEnds := false
			for q := k; q <= p; q++ {
				if ws[q].Lower == "and" || ws[q].Lower == "or" {
					listEnds = true
				}
			}
			if listEnds && prev.Tag == TagProp && w.Tag == TagProp && (k-2 < 0 || ws[k-2].Tag != TagDet && ws[k-2].Tag != TagPrep) {
				k--
				continue
			}
			break
		}
		if w.Tag == TagDet {
			// a determiner starts the phrase unless "of" or "and" joins it to more
			if !(prev.Tag == TagPrep && prev.Lower != "than" || prev.Lower == "and") {
				break
			}
		}
		switch prev.Tag {
		case TagDet, TagAdj, TagNoun, TagProp, TagNum:
			if prev.Tag == TagNum && len(prev.Lower) == 4 && AllDigits(prev.Lower) && (w.Tag == TagDet) {
				break // "in August 2007 the SCO member states": a date ends there
			}
			k--
			continue
		case TagAdv:
			if ws[k].Tag == TagAdj {
				k--
				continue
			}
		case TagPrep:
			if k-2 >= 0 && (ws[k-2].Tag == TagNoun || ws[k-2].Tag == TagProp || ws[k-2].Tag == TagNum || ws[k-2].Tag == TagPron && PersonWord(ws[k-2].Lower) != "") && (prev.Lower == "of" || prev.Lower == "with" || prev.Lower == "in" || prev.Lower == "on" || prev.Lower == "from" || prev.Lower == "at" || prev.Lower == "for") && ws[k].Punct == "" && prev.Punct == "" && NounPhraseStart(ws, k-2) >= 0 {
				k--
				continue
			}
		case TagCoord:
			if prev.Lower == "and" && k-2 >= 0 && (ws[k-2].Tag == TagNoun || ws[k-2].Tag == TagProp || ws[k-2].Tag == TagPron) && ws[k].Tag != TagVerb {
				k--
				continue
			}
			if prev.Lower == "and" && k-2 >= 0 && ws[k-2].Tag == TagNum && w.Tag == TagNum && prev.Punct == "" && w.Punct == "" {
				k-- // "one hundred and fifty thousand Romans": one number
				continue
			}
		case TagVerb:
			if strings.HasSuffix(prev.Lower, "ed") && k-2 >= 0 && ws[k-2].Tag == TagDet && prev.Punct == "" {
				k-- // "the dyed shirt"
				continue
			}
		}
		break
	}
	return k
}

// SecondComplement finds, in words [a, limit) after a copula, a second
// complement coordinated with the first ("major countries in the world
// and permanent members of the Council"): both are noun phrases and the
// second runs to the end of the clause. It returns where the second
// starts, or -1.
func SecondComplement(ws []Word, a, limit int) int {
	b := NounPhraseEnd(ws, a, limit)
	if b <= a || !HasNoun(ws[a:b]) {
		return -1
	}
	for k := b; k+1 < limit; k++ {
		if ws[k].Tag == TagVerb || ws[k].Tag == TagAux || ws[k].Tag == TagSub {
			return -1
		}
		if ws[k].Lower != "and" {
			continue
		}
		switch ws[k+1].Tag {
		case TagDet, TagAdj, TagNoun, TagProp, TagNum:
			if NounPhraseEnd(ws, k+1, limit) == limit && HasNoun(ws[k+1:limit]) {
				return k + 1
			}
		}
	}
	return -1
}

// HasNoun reports whether a noun or a name is among ws.
func HasNoun(ws []Word) bool {
	for _, w := range ws {
		if w.Tag == TagNoun || w.Tag == TagProp {
			return true
		}
	}
	return false
}

// PrepObject reports whether word p ends the object of a preposition in
// its own stretch of the sentence (no comma between).
func PrepObject(ws []Word, p int) bool {
	a := NounPhraseStart(ws, p)
	return a > 0 && ws[a-1].Tag == TagPrep && !strings.Contains(ws[a].Punct, ",")
}

// NounPhraseEnd reads a noun phrase (or, for a copula, an adjective phrase)
// from word i and returns its end.
func NounPhraseEnd(ws []Word, i int, limit int) int {
	k := i
	seenHead := false
	for k < limit {
		w := ws[k]
		if k > i && strings.ContainsAny(w.Punct, "([;:") {
			break
		}
		if k > i && w.Punct == "," && !(seenHead || w.Tag == TagAdj || ws[k-1].Tag == TagAdj) {
			break
		}
		switch w.Tag {
		case TagDet, TagNum, TagAdv:
		case TagAdj, TagNoun, TagProp, TagPron:
			seenHead = true
		case TagVerb:
			// "a moving fan": a participle inside the phrase
			if !(k+1 < limit && (ws[k+1].Tag == TagNoun) && k > i && ws[k-1].Tag == TagDet) {
				return k
			}
		case TagPrep:
			if w.Lower == "of" && seenHead {
				k++
				continue
			}
			return k
		case TagCoord:
			if (w.Lower == "and" || w.Lower == "or") && k+1 < limit && ws[k+1].Tag != TagVerb && ws[k+1].Tag != TagAux && ws[k+1].Tag != TagNeg && !(ws[k+1].Tag == TagDet && k+2 < limit && (ws[k+2].Tag == TagVerb)) {
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

// notOnly reports a "not" that does not deny: "not only … but also", "not
// merely", "not just".
func notOnly(ws []Word, j int) bool {
	if j+1 >= len(ws) {
		return false
	}
	switch ws[j+1].Lower {
	case "only", "merely", "just", "simply", "solely":
		return true
	}
	return false
}

// Litotes reports a negation at word j that affirms by denying the
// contrary: "not unlike", "not without", "not a little", "not a few", "no
// less", "nothing but", "not un-X", "not in-X", "not dis-X" (an adjective
// whose stem is its antonym: "not uncommon", "not inconsiderable", "not
// dissimilar"). Such a clause is neither a plain statement nor a plain
// denial, and is compared with neither.
func Litotes(r *Lexicon, ws []Word, j int) bool {
	k := j + 1
	if ws[j].Tag == TagAux || ws[j].Tag == TagModal {
		k = j + 1 // "isn't unlike": the negation is on the auxiliary
	}
	for k < len(ws) && (ws[k].Tag == TagAux && IsBe(ws[k].Lower) || ws[k].Tag == TagAdv && strings.HasSuffix(ws[k].Lower, "ly")) {
		k++ // "was not entirely unlike", "is not unlike"
	}
	if k >= len(ws) {
		return false
	}
	n := ws[k].Lower
	switch n {
	case "unlike", "without", "less", "but", "doubt", "sooner", "inconsiderable", "unworthy":
		return true
	case "a", "an":
		return k+1 < len(ws) && (ws[k+1].Lower == "little" || ws[k+1].Lower == "few")
	}
	// "not uncommon": a negated word whose stem is its antonym (not "not
	// discovered", "not improved": "covered" and "proved" are no opposites)
	for _, pre := range []string{"un", "in", "im", "il", "ir", "dis"} {
		stem, ok := strings.CutPrefix(n, pre)
		if !ok || len(stem) < 3 {
			continue
		}
		a, sa := r.Entry(n).A, r.Entry(stem).A
		if a == "" || sa == "" {
			continue
		}
		if o, _ := Antonyms(a, sa); o {
			return true
		}
	}
	return false
}

// DegreeAfter reports whether a degree word follows the negation at word j
// (past forms of "be"): "has never been widely used".
func DegreeAfter(ws []Word, j int) bool {
	k := j + 1
	for k < len(ws) && ws[k].Tag == TagAux && (IsBe(ws[k].Lower) || IsHave(ws[k].Lower)) {
		k++
	}
	return k < len(ws) && degreeWords[ws[k].Lower]
}

// Hypothetical reports whether the clause starting at word start is a
// condition, a time clause or a relative clause: a subordinator such as
// "if", "when" or "which" stands before it (with at most a preposition or
// "and" between: "in which", "and if").
func Hypothetical(ws []Word, start int) bool {
	for k := start - 1; k >= 0 && k >= start-2; k-- {
		w := ws[k]
		if IsHypotheticalSub(w.Lower) && w.Tag == TagSub {
			return true
		}
		if w.Tag != TagPrep && w.Tag != TagCoord && w.Tag != TagAdv || strings.ContainsAny(ws[k+1].Punct, ",;:") {
			return false
		}
	}
	return false
}
