package claims

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/lang"
)

// word is one token of a sentence as the claim parser sees it.
type word struct {
	span   compare.Span // Text coordinates
	text   string       // as written (normalised text)
	lower  string       // lower case; a negated contraction is its positive form ("isn't" → "is")
	lemma  string       // base form for its tag
	tag    tag
	cap    bool   // starts with a capital
	neg    bool   // carries a negation: "isn't", "non-aligned", "no-alliance"
	negEnd int    // end of the negating part ("non-", "n't") in Text, when neg
	punct  string // punctuation between the previous word and this one, spaces removed
}

// maxSentenceWords and maxSentenceBytes bound how much of a sentence is
// read: a longer "sentence" is a table or a list run together. Within
// them, word indices fit an int16 and offsets from the sentence start 16
// bits.
const (
	maxSentenceWords = 4096
	maxSentenceBytes = 1<<16 - 1
)

// sentenceWords returns the words of a sentence span, joining "non-X" and
// "no-X" into one negated word, splitting "n't" off contractions and
// "15,2020" into a day and a year after a month name. The words are
// appended to buf[:0].
func sentenceWords(d *compare.Document, s compare.Span, buf []word) []word {
	i := d.TokenAt(s.Start)
	ws := buf[:0]
	prevEnd := s.Start
	for ; i < len(d.Tokens) && d.Tokens[i].End <= s.End && len(ws) < maxSentenceWords; i++ {
		t := d.Tokens[i]
		if t.Start < s.Start {
			continue
		}
		if t.End-s.Start > maxSentenceBytes {
			break
		}
		text := d.Text[t.Start:t.End]
		gap := d.Text[prevEnd:t.Start]
		prevEnd = t.End
		w := word{span: t, text: text, lower: strings.ToLower(text), punct: punctOf(gap)}
		r, _ := utf8.DecodeRuneInString(text)
		w.cap = unicode.IsUpper(r)
		// "non-aligned", "no-alliance", "non-Mandarin": a negating prefix
		if n := len(ws); n > 0 && w.punct == "-" && (ws[n-1].lower == "non" || ws[n-1].lower == "no" && !w.cap) {
			p := ws[n-1]
			w.neg = true
			w.negEnd = t.Start
			w.span.Start = p.span.Start
			w.punct = p.punct
			ws = ws[:n-1]
			if p.lower == "non" && !w.cap {
				// "non-political" is the word "nonpolitical", the opposite
				// of "political": the prefix stays in what is compared
				w.lower = "non" + w.lower
				w.text = p.text + w.text
			}
		}
		if base, ok := contractions[w.lower]; ok {
			w.lower = base
			w.neg = true
			w.negEnd = t.End
		}
		// "December 15,2020": the tokenizer keeps "15,2020" whole
		if n := len(ws); n > 0 && monthNames[ws[n-1].lower] > 0 && ws[n-1].cap {
			if c := strings.IndexByte(text, ','); c > 0 && c <= 2 && len(text)-c-1 == 4 && allDigits(text[:c]) && allDigits(text[c+1:]) {
				day := w
				day.text, day.lower = text[:c], text[:c]
				day.span.End = t.Start + c
				year := word{span: compare.Span{Start: t.Start + c + 1, End: t.End}, text: text[c+1:], lower: text[c+1:], punct: ","}
				ws = append(ws, day, year)
				continue
			}
		}
		ws = append(ws, w)
	}
	return ws
}

// punctOf is the punctuation of the gap between two words, spaces removed.
func punctOf(gap string) string {
	spaces := 0
	for i := 0; i < len(gap); i++ {
		switch gap[i] {
		case ' ', '\t', '\n', '\r', '\v', '\f', '_':
			// an underscore between words stands for a space ("is_not",
			// "_emphasis_"), not for punctuation that ends a phrase
			spaces++
		default:
			if gap[i] >= 0x80 {
				return strings.Join(strings.Fields(strings.ReplaceAll(gap, "_", " ")), "") // Unicode spaces: the slow way
			}
		}
	}
	switch spaces {
	case 0:
		return gap
	case len(gap):
		return ""
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(gap, "_", " ")), "")
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isNumeral reports digits with optional thousands separators or a decimal point.
func isNumeral(s string) bool {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && c != ',' && c != '.' {
			return false
		}
	}
	return true
}

// isAcronym reports a word of two or more capitals (digits allowed after
// the first letter): "SCO", "ARF", "G20".
func isAcronym(s string) bool {
	if len(s) < 2 {
		return false
	}
	caps := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			caps++
		case c >= '0' && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return caps >= 2 || caps == 1 && s[0] >= 'A' && s[0] <= 'Z' && len(s) >= 2
}

// capStats counts, per lower-case word, how often a document writes it
// capitalised inside a sentence and how often in lower case; it tells a
// sentence-initial name ("China") from a common word ("The").
type capStats map[string][2]int32

// tagWords assigns each word a part of speech from the closed-class lists,
// WordNet and its neighbours, and its lemma; caps (may be nil) are the
// document's capitalisation statistics.
func tagWords(r *reader, ws []word, caps capStats) {
	for i := range ws {
		w := &ws[i]
		l := w.lower
		switch {
		case isNumeral(l) || numberWords[l] > 0 && l != "one" || scaleWords[l] > 0:
			w.tag = tagNum
		case modals[l]:
			w.tag = tagModal
			if l == "cannot" {
				w.lower, w.neg, w.negEnd = "can", true, w.span.End
			}
		case auxiliaries[l]:
			w.tag = tagAux
		case l == "not" || l == "never" || l == "n't":
			w.tag = tagNeg
		case l == "no" || l == "neither":
			w.tag = tagDet
		case prepositions[l] && !(l == "that"):
			w.tag = tagPrep
		case coordinators[l]:
			w.tag = tagCoord
		case subordinators[l]:
			w.tag = tagSub
		case determiners[l]:
			w.tag = tagDet
		case pronouns[l]:
			w.tag = tagPron
		}
		if l == "may" && w.cap && i > 0 { // the month
			w.tag = tagProp
		}
		if l == "one" && (i+1 < len(ws) && scaleWords[ws[i+1].lower] > 0 ||
			i > 0 && scaleWords[ws[i-1].lower] > 0 || i > 1 && ws[i-1].lower == "and" && scaleWords[ws[i-2].lower] > 0) {
			w.tag = tagNum // "one hundred", "a hundred and one": a number, not the pronoun
		}
	}
	for i := range ws {
		w := &ws[i]
		if w.tag != tagOther {
			w.lemma = w.lower
			continue
		}
		w.tag, w.lemma = openClass(r, ws, i, caps)
	}
}

// openClass tags a word that is not a closed-class word.
func openClass(r *reader, ws []word, i int, caps capStats) (tag, string) {
	w := ws[i]
	l := w.lower
	if w.cap && (i > 0 || !r.lexOf(l).known()) || isAcronym(w.text) {
		return tagProp, w.text
	}
	if w.cap && i == 0 && caps != nil {
		if c := caps[l]; c[0] > c[1] {
			return tagProp, w.text
		}
	}
	if !lang.IsLowerASCII(l) {
		return tagNoun, l
	}
	var prev, next *word
	if i > 0 {
		prev = &ws[i-1]
	}
	if i+1 < len(ws) {
		next = &ws[i+1]
	}
	prevTag := tagOther
	if prev != nil {
		prevTag = prev.tag
	}
	lx := r.lexOf(l)
	n, v, a := lx.n, lx.v, lx.a
	if strings.HasSuffix(l, "ly") && lx.r != "" && (a == "" || a != l) {
		return tagAdv, l
	}
	if prev != nil && prevTag == tagVerb && linkingVerbs[prev.lemma] && a != "" {
		return tagAdj, a // "remain closed", "look tired"
	}
	afterModifier := prevTag == tagDet || prevTag == tagAdj || prevTag == tagNum || prevTag == tagAdv && prev.lower != "not"
	if v != "" && (strings.HasSuffix(l, "ing") || strings.HasSuffix(l, "ed") || lx.irregular(l, v)) && v != l {
		// "the existing balance", "a dyed shirt": a participle used as an adjective
		if (afterModifier && prevTag != tagAdv || i == 0) && next != nil && next.punct == "" && (next.tag == tagOther || next.tag == tagProp) && (i > 0 || r.lexOf(next.lower).n != "") {
			// "Chopped vegetables are being dropped": so at the start too
			if a != "" {
				return tagAdj, a
			}
			return tagAdj, v
		}
		if (prevTag == tagDet || prevTag == tagAdj && strings.HasSuffix(l, "ing")) && n != "" {
			return tagNoun, n // "the building", "on the stove", "the mutual understanding"
		}
		if prevTag == tagVerb && strings.HasSuffix(l, "ed") && next != nil && next.punct == "" && next.tag == tagOther && r.lexOf(next.lower).n != "" {
			// "make sustained efforts": a participle between a verb and its object's noun
			if a != "" {
				return tagAdj, a
			}
			return tagAdj, v
		}
		return tagVerb, v
	}
	if prevTag == tagModal || prev != nil && prev.lower == "to" && v != "" && n == "" {
		if v != "" {
			return tagVerb, v
		}
	}
	if prev != nil && (prev.lower == "being" || prev.lower == "been") && v != "" {
		return tagVerb, v // "is being read by a man": a participle
	}
	// "need to boost two-way trade", "efforts to synergize the Initiative":
	// after "to", a word that can be a verb and has an object is one
	if prev != nil && prev.lower == "to" && v != "" && startsObject(next) {
		return tagVerb, v
	}
	switch {
	case n != "" && v == "" && a == "":
		return tagNoun, n
	case a != "" && n == "" && v == "":
		return tagAdj, a
	case v != "" && n == "" && a == "":
		return tagVerb, v
	case n == "" && v == "" && a == "":
		if lx.r != "" {
			return tagAdv, l
		}
		return tagNoun, l // unknown: most unknown words are names of things
	}
	// ambiguous between noun, verb and adjective
	if next != nil && (next.tag == tagAux || next.tag == tagModal || isPlainVerbForm(r, next.lower)) && n != "" {
		return tagNoun, n // "trade exceeded", "member states concluded"
	}
	if v != "" && next != nil && next.tag == tagDet && next.punct == "" && next.lower != "that" && prevTag != tagDet && prevTag != tagAdj {
		return tagVerb, v // "foster more convergence", "promote the development": a determiner starts its object
	}
	if prevTag == tagNoun && i >= 2 && ws[i-2].tag == tagVerb && !participle(ws[i-2].lower) && n != "" && w.punct == "" {
		return tagNoun, n // "encourage personnel exchanges": a compound object, not a subject and its verb
	}
	if v != "" && (prevTag == tagNoun || prevTag == tagProp || prevTag == tagPron) && !afterModifier && l != v+"ing" && w.punct == "" && prev.punct != "-" && !finiteBefore(ws, i) {
		// a noun then a verb form, with no comma between ("peace, development,
		// progress") and no hyphenated modifier before ("two-way trade"):
		// subject and verb
		if (strings.HasSuffix(l, "s") || l == v || l != n) && !(next != nil && next.tag == tagOther && a != "" && n != "") {
			return tagVerb, v
		}
	}
	if a != "" && next != nil && (next.tag == tagOther || next.tag == tagProp) && nounish(r, ws, i+1) {
		return tagAdj, a
	}
	if a != "" && n == "" {
		return tagAdj, a
	}
	if a != "" && prev != nil && (prev.tag == tagAux || prev.lower == "very" || prev.lower == "so") {
		return tagAdj, a
	}
	if n != "" {
		return tagNoun, n
	}
	if a != "" {
		return tagAdj, a
	}
	return tagVerb, v
}

// finiteBefore reports whether a verb stands between word i and the start
// of its stretch of the sentence (after a comma, a conjunction or a
// subordinator): a second verb there needs a boundary first, so a noun
// or verb form after a noun is part of the first verb's object ("we should
// make available better summer camps").
func finiteBefore(ws []word, i int) bool {
	for k := i - 1; k >= 0; k-- {
		w := ws[k]
		switch w.tag {
		case tagSub, tagCoord:
			return false
		case tagAux, tagModal:
			return true
		case tagVerb:
			if !strings.HasSuffix(w.lower, "ing") {
				return true
			}
		}
		if strings.ContainsAny(w.punct, ",;:()") {
			return false
		}
	}
	return false
}

// startsObject reports whether the word after a verb can start its object:
// a determiner, a number, a pronoun or an open-class word, with no
// punctuation between.
func startsObject(next *word) bool {
	if next == nil || next.punct != "" {
		return false
	}
	switch next.tag {
	case tagDet, tagNum, tagPron, tagOther:
		return next.lower != "there"
	}
	return false
}

// nounish reports whether word i can be a noun or a name.
func nounish(r *reader, ws []word, i int) bool {
	w := ws[i]
	if w.cap || isAcronym(w.text) {
		return true
	}
	return r.lexOf(w.lower).n != ""
}

// known reports whether WordNet knows the form as any part of speech.
func (e *lexEntry) known() bool { return e.n != "" || e.v != "" || e.a != "" || e.r != "" }

// irregular reports whether the exception list maps form l to verb v
// and l is not v itself: "sat", "held", "ridden".
func (e *lexEntry) irregular(l, v string) bool { return e.exc != "" && e.exc == v && l != v }

// isPlainVerbForm reports a past form that can only be a verb: "exceeded".
func isPlainVerbForm(r *reader, l string) bool {
	if !strings.HasSuffix(l, "ed") {
		return false
	}
	e := r.lexOf(l)
	return e.v != "" && e.n == ""
}
