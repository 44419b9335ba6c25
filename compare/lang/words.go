package lang

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/compare"
)

// Word is one token of a sentence as the analyzers' parsers see it.
type Word struct {
	Span   compare.Span // Text coordinates
	Text   string       // as written (normalised text)
	Lower  string       // lower case; a negated contraction is its positive form ("isn't" → "is")
	Lemma  string       // base form for its tag
	Tag    Tag
	Cap    bool   // starts with a capital
	Neg    bool   // carries a negation: "isn't", "non-aligned", "no-alliance"
	NegEnd int    // end of the negating part ("non-", "n't") in Text, when Neg
	Punct  string // punctuation between the previous word and this one, spaces removed
}

// MaxSentenceWords and MaxSentenceBytes bound how much of a sentence is
// read: a longer "sentence" is a table or a list run together. Within
// them, word indices fit an int16 and offsets from the sentence start 16
// bits.
const (
	MaxSentenceWords = 4096
	MaxSentenceBytes = 1<<16 - 1
)

// Words returns the words of a sentence span, joining "non-X" and
// "no-X" into one negated word, splitting "n't" off contractions and
// "15,2020" into a day and a year after a month name. The words are
// appended to buf[:0].
func Words(d *compare.Document, s compare.Span, buf []Word) []Word {
	i := d.TokenAt(s.Start)
	ws := buf[:0]
	prevEnd := s.Start
	for ; i < len(d.Tokens) && d.Tokens[i].End() <= s.End && len(ws) < MaxSentenceWords; i++ {
		t := d.Tokens[i]
		if t.Start() < s.Start {
			continue
		}
		if t.End()-s.Start > MaxSentenceBytes {
			break
		}
		text := d.WordText(i) // "re-\nport" is "report"
		gap := d.Text[prevEnd:t.Start()]
		prevEnd = t.End()
		w := Word{Span: t.Span(), Text: text, Lower: strings.ToLower(text), Punct: punctOf(gap)}
		r, _ := utf8.DecodeRuneInString(text)
		w.Cap = unicode.IsUpper(r)
		// "non-aligned", "no-alliance", "non-Mandarin": a negating prefix
		if n := len(ws); n > 0 && w.Punct == "-" && (ws[n-1].Lower == "non" || ws[n-1].Lower == "no" && !w.Cap) {
			p := ws[n-1]
			w.Neg = true
			w.NegEnd = t.Start()
			w.Span.Start = p.Span.Start
			w.Punct = p.Punct
			ws = ws[:n-1]
			if p.Lower == "non" && !w.Cap {
				// "non-political" is the word "nonpolitical", the opposite
				// of "political": the prefix stays in what is compared
				w.Lower = "non" + w.Lower
				w.Text = p.Text + w.Text
			}
		}
		if base, ok := contractions[w.Lower]; ok {
			w.Lower = base
			w.Neg = true
			w.NegEnd = t.End()
		}
		// "December 15,2020": the tokenizer keeps "15,2020" whole
		if n := len(ws); n > 0 && monthNames[ws[n-1].Lower] > 0 && ws[n-1].Cap {
			if c := strings.IndexByte(text, ','); c > 0 && c <= 2 && len(text)-c-1 == 4 && AllDigits(text[:c]) && AllDigits(text[c+1:]) {
				day := w
				day.Text, day.Lower = text[:c], text[:c]
				day.Span.End = t.Start() + c
				year := Word{Span: compare.Span{Start: t.Start() + c + 1, End: t.End()}, Text: text[c+1:], Lower: text[c+1:], Punct: ","}
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

// AllDigits reports a non-empty string of ASCII digits.
func AllDigits(s string) bool {
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

// IsNumeral reports digits with optional thousands separators or a decimal point.
func IsNumeral(s string) bool {
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

// IsAcronym reports a word of two or more capitals (digits allowed after
// the first letter): "SCO", "ARF", "G20".
func IsAcronym(s string) bool {
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

// CapStats counts, per lower-case word, how often a document writes it
// capitalised inside a sentence and how often in lower case; it tells a
// sentence-initial name ("China") from a common word ("The").
type CapStats map[string][2]int32

// TagWords assigns each word a part of speech from the closed-class lists,
// WordNet and its neighbours, and its lemma; caps (may be nil) are the
// document's capitalisation statistics.
func TagWords(r *Lexicon, ws []Word, caps CapStats) {
	for i := range ws {
		w := &ws[i]
		l := w.Lower
		switch {
		case IsNumeral(l) || numberWords[l] > 0 && l != "one" || scaleWords[l] > 0 || isScaled(l) || RankAt(ws, i):
			w.Tag = TagNum // a rank too: "ranked third"
		case modals[l]:
			w.Tag = TagModal
			if l == "cannot" {
				w.Lower, w.Neg, w.NegEnd = "can", true, w.Span.End
			}
		case auxiliaries[l]:
			w.Tag = TagAux
		case l == "not" || l == "never" || l == "n't":
			w.Tag = TagNeg
		case l == "no" || l == "neither":
			w.Tag = TagDet
		case prepositions[l] && !(l == "that"):
			w.Tag = TagPrep
		case coordinators[l]:
			w.Tag = TagCoord
		case subordinators[l]:
			w.Tag = TagSub
		case determiners[l]:
			w.Tag = TagDet
		case pronouns[l]:
			w.Tag = TagPron
		}
		if l == "may" && w.Cap && i > 0 { // the month
			w.Tag = TagProp
		}
		if l == "one" && (i+1 < len(ws) && scaleWords[ws[i+1].Lower] > 0 ||
			i > 0 && scaleWords[ws[i-1].Lower] > 0 || i > 1 && ws[i-1].Lower == "and" && scaleWords[ws[i-2].Lower] > 0) {
			w.Tag = TagNum // "one hundred", "a hundred and one": a number, not the pronoun
		}
	}
	for i := range ws {
		w := &ws[i]
		if w.Tag != TagOther {
			w.Lemma = w.Lower
			continue
		}
		w.Tag, w.Lemma = openClass(r, ws, i, caps)
	}
}

// openClass tags a word that is not a closed-class word.
func openClass(r *Lexicon, ws []Word, i int, caps CapStats) (Tag, string) {
	w := ws[i]
	l := w.Lower
	if w.Cap && (i > 0 || !r.Entry(l).Known()) || IsAcronym(w.Text) {
		return TagProp, w.Text
	}
	if w.Cap && i == 0 && len(ws) > 1 && ws[1].Cap && ws[1].Punct == "" && ws[1].Tag == TagOther {
		return TagProp, w.Text // "Meridian Foods", "Atlas Mining": the first word of a name
	}
	if w.Cap && i == 0 && caps != nil {
		if c := caps[l]; c[0] > c[1] {
			return TagProp, w.Text
		}
	}
	if !IsLowerASCII(l) {
		return TagNoun, l
	}
	var prev, next *Word
	if i > 0 {
		prev = &ws[i-1]
	}
	if i+1 < len(ws) {
		next = &ws[i+1]
	}
	prevTag := TagOther
	if prev != nil {
		prevTag = prev.Tag
	}
	lx := r.Entry(l)
	n, v, a := lx.N, lx.V, lx.A
	if strings.HasSuffix(l, "ly") && lx.R != "" && (a == "" || a != l) {
		return TagAdv, l
	}
	if prev != nil && prevTag == TagVerb && linkingVerbs[prev.Lemma] && a != "" {
		return TagAdj, a // "remain closed", "look tired"
	}
	afterModifier := prevTag == TagDet || prevTag == TagAdj || prevTag == TagNum || prevTag == TagAdv && prev.Lower != "not"
	if prevTag == TagProp && i >= 2 && ws[i-2].Tag == TagDet && r.Entry(prev.Lower).A != "" {
		afterModifier = true // "the European market": a name used as an adjective
	}
	if afterPossessive(ws, i) && (n != "" || a != "") {
		// "the ministry's export revenue", "Meridian Foods' research
		// spending": a possessive starts a noun phrase, never a verb
		if n != "" && (a == "" || next == nil || next.Tag != TagOther || !nounish(r, ws, i+1)) {
			return TagNoun, n
		}
		return TagAdj, a
	}
	if strings.HasSuffix(l, "ing") && n != "" && (prevTag == TagNoun || prevTag == TagAdj) && next != nil && next.Punct == "" && (pastForm(r, next.Lower) || samePast[next.Lower]) {
		return TagNoun, n // "research spending climbed": a compound noun, then its verb
	}
	if v != "" && (strings.HasSuffix(l, "ing") || strings.HasSuffix(l, "ed") || lx.Irregular(l, v)) && v != l {
		// "the existing balance", "a dyed shirt": a participle used as an adjective
		if (afterModifier && prevTag != TagAdv || i == 0) && next != nil && next.Punct == "" && (next.Tag == TagOther || next.Tag == TagProp) && (i > 0 || r.Entry(next.Lower).N != "") {
			// "Chopped vegetables are being dropped": so at the start too
			if a != "" {
				return TagAdj, a
			}
			return TagAdj, v
		}
		if (prevTag == TagDet || prevTag == TagAdj && strings.HasSuffix(l, "ing")) && n != "" {
			return TagNoun, n // "the building", "on the stove", "the mutual understanding"
		}
		if prevTag == TagVerb && strings.HasSuffix(l, "ed") && next != nil && next.Punct == "" && next.Tag == TagOther && r.Entry(next.Lower).N != "" {
			// "make sustained efforts": a participle between a verb and its object's noun
			if a != "" {
				return TagAdj, a
			}
			return TagAdj, v
		}
		return TagVerb, v
	}
	if prevTag == TagModal || prev != nil && prev.Lower == "to" && v != "" && n == "" {
		if v != "" {
			return TagVerb, v
		}
	}
	if prev != nil && (prev.Lower == "being" || prev.Lower == "been") && v != "" {
		return TagVerb, v // "is being read by a man": a participle
	}
	// "need to boost two-way trade", "efforts to synergize the Initiative":
	// after "to", a word that can be a verb and has an object is one
	if prev != nil && prev.Lower == "to" && v != "" && startsObject(next) {
		return TagVerb, v
	}
	switch {
	case n != "" && v == "" && a == "":
		return TagNoun, n
	case a != "" && n == "" && v == "":
		return TagAdj, a
	case v != "" && n == "" && a == "":
		return TagVerb, v
	case n == "" && v == "" && a == "":
		if lx.R != "" {
			return TagAdv, l
		}
		return TagNoun, l // unknown: most unknown words are names of things
	}
	// ambiguous between noun, verb and adjective
	if next != nil && (next.Tag == TagAux || next.Tag == TagModal || isPlainVerbForm(r, next.Lower)) && n != "" {
		return TagNoun, n // "trade exceeded", "member states concluded"
	}
	if n != "" && next != nil && w.Punct == "" && changeVerb(next.Lower) && amountAfter(ws, i+2) {
		return TagNoun, n // "passenger numbers rose 7 per cent": the verb of change follows
	}
	if v != "" && next != nil && next.Tag == TagDet && next.Punct == "" && next.Lower != "that" && prevTag != TagDet && prevTag != TagAdj {
		return TagVerb, v // "foster more convergence", "promote the development": a determiner starts its object
	}
	if prevTag == TagNoun && i >= 2 && ws[i-2].Tag == TagVerb && !Participle(ws[i-2].Lower) && n != "" && w.Punct == "" {
		return TagNoun, n // "encourage personnel exchanges": a compound object, not a subject and its verb
	}
	if l == v && n != "" && compoundAfterSingular(ws, i) {
		// "a water bottle", "on the kitchen table", "a Christmas tree": a
		// singular noun as subject takes "bottles"; the plain form after it
		// finishes a compound noun
		return TagNoun, n
	}
	if v != "" && (prevTag == TagNoun || prevTag == TagProp || prevTag == TagPron) && !afterModifier && l != v+"ing" && w.Punct == "" && prev.Punct != "-" && !finiteBefore(ws, i) {
		// a noun then a verb form, with no comma between ("peace, development,
		// progress") and no hyphenated modifier before ("two-way trade"):
		// subject and verb
		if (strings.HasSuffix(l, "s") || l == v || l != n) && (!(next != nil && next.Tag == TagOther && a != "" && n != "") || samePast[l]) {
			return TagVerb, v
		}
	}
	if a != "" && next != nil && (next.Tag == TagOther || next.Tag == TagProp) && nounish(r, ws, i+1) {
		return TagAdj, a
	}
	if a != "" && n == "" {
		return TagAdj, a
	}
	if a != "" && prev != nil && (prev.Tag == TagAux || prev.Lower == "very" || prev.Lower == "so") {
		return TagAdj, a
	}
	if n != "" {
		return TagNoun, n
	}
	if a != "" {
		return TagAdj, a
	}
	return TagVerb, v
}

// compoundAfterSingular reports whether word i follows a singular noun
// that a determiner or an adjective opens ("a water", "the kitchen",
// "a Christmas") or that starts the sentence ("Freight traffic"), so
// that word i, in its plain form, cannot be its verb.
// Nouns that take a plural verb in British use ("the police arrive",
// "the government say") and verbs whose past is their plain form ("the
// government cut taxes") are left to the other rules.
func compoundAfterSingular(ws []Word, i int) bool {
	if i < 1 || samePast[ws[i].Lower] {
		return false
	}
	prev := ws[i-1]
	if prev.Punct != "" || pluralSense[prev.Lower] || IsOrgNoun(prev.Lower) {
		return false
	}
	if i == 1 {
		// the sentence's first word: "Freight traffic on the Danube …",
		// "Wheat output in the province …"
		return prev.Tag == TagNoun && prev.Lemma == prev.Lower && !strings.HasSuffix(prev.Lower, "s")
	}
	before := ws[i-2]
	if before.Punct != "" {
		return false
	}
	switch prev.Tag {
	case TagNoun:
		return prev.Lemma == prev.Lower && !strings.HasSuffix(prev.Lower, "s") && (before.Tag == TagDet && before.Lower != "no" || before.Tag == TagAdj)
	case TagProp:
		return before.Lower == "a" || before.Lower == "an" || before.Lower == "the"
	}
	return false
}

// samePast holds verbs whose past is their plain form: after a noun and
// before another ("the government cut taxes"), a verb, not an adjective.
var samePast = set("cut", "put", "set", "hit", "let", "cost", "hurt", "shut", "spread", "quit", "bet", "cast",
	"burst", "split", "bid", "broadcast", "forecast", "read", "rid", "shed", "thrust", "upset", "beat", "fit",
	"slit", "spit", "wet", "knit", "offset", "outbid", "reset", "recast", "undercut", "overcut")

// pluralSense holds singular nouns that take a plural verb.
var pluralSense = set("police", "people", "staff", "cattle", "team", "crew", "jury", "audience", "majority",
	"press", "clergy", "military", "public", "family", "youth", "personnel", "faculty", "management")

// finiteBefore reports whether a verb stands between word i and the start
// of its stretch of the sentence (after a comma, a conjunction or a
// subordinator): a second verb there needs a boundary first, so a noun
// or verb form after a noun is part of the first verb's object ("we should
// make available better summer camps").
func finiteBefore(ws []Word, i int) bool {
	for k := i - 1; k >= 0; k-- {
		w := ws[k]
		switch w.Tag {
		case TagSub, TagCoord:
			return false
		case TagAux, TagModal:
			return true
		case TagVerb:
			if !strings.HasSuffix(w.Lower, "ing") {
				return true
			}
		}
		if strings.ContainsAny(w.Punct, ",;:()") {
			return false
		}
	}
	return false
}

// startsObject reports whether the word after a verb can start its object:
// a determiner, a number, a pronoun or an open-class word, with no
// punctuation between.
func startsObject(next *Word) bool {
	if next == nil || next.Punct != "" {
		return false
	}
	switch next.Tag {
	case TagDet, TagNum, TagPron, TagOther:
		return next.Lower != "there"
	}
	return false
}

// nounish reports whether word i can be a noun or a name.
func nounish(r *Lexicon, ws []Word, i int) bool {
	w := ws[i]
	if w.Cap || IsAcronym(w.Text) {
		return true
	}
	return r.Entry(w.Lower).N != ""
}

// isPlainVerbForm reports a past form that can only be a verb: "exceeded".
func isPlainVerbForm(r *Lexicon, l string) bool {
	e := r.Entry(l)
	return e.V != "" && e.N == "" && (strings.HasSuffix(l, "ed") || e.V != l && e.Irregular(l, e.V))
}

// pastForm reports whether l is a verb's past form ("climbed", "fell").
func pastForm(r *Lexicon, l string) bool {
	e := r.Entry(l)
	return e.V != "" && e.V != l && (strings.HasSuffix(l, "ed") || e.Irregular(l, e.V))
}

// afterPossessive reports whether word i follows a possessive name or
// noun: "Finance's", "the group's", "Meridian Foods'" (not "it's").
func afterPossessive(ws []Word, i int) bool {
	if i == 0 {
		return false
	}
	p, w := ws[i-1], ws[i]
	if p.Tag != TagProp && p.Tag != TagNoun {
		return false
	}
	return strings.HasSuffix(p.Lower, "'s") || w.Punct == "'" && strings.HasSuffix(p.Lower, "s")
}

// Participle reports a form that ends as a participle does: "-ed", "-ing".
func Participle(l string) bool { return strings.HasSuffix(l, "ed") || strings.HasSuffix(l, "ing") }

// Capitalisation counts how the document writes, inside sentences, the
// words that some sentence starts with capitalised: whether "The" or
// "China" opening a sentence is a name is told by how the word is written
// elsewhere. Only those words are counted, to keep the table small.
func Capitalisation(d *compare.Document) CapStats {
	caps := CapStats{}
	ti := 0
	for _, s := range d.Sentences {
		for ti < len(d.Tokens) && d.Tokens[ti].Start() < s.Start {
			ti++
		}
		if ti >= len(d.Tokens) || d.Tokens[ti].End() > s.End {
			continue
		}
		w := d.Text[d.Tokens[ti].Start():d.Tokens[ti].End()]
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			caps[strings.ToLower(w)] = [2]int32{}
		}
	}
	if len(caps) == 0 {
		return caps
	}
	var buf []byte
	si := 0
	for ti, t := range d.Tokens {
		for si < len(d.Sentences) && d.Sentences[si].End <= t.Start() {
			si++
		}
		if si < len(d.Sentences) && d.Sentences[si].Start == t.Start() || ti == 0 {
			continue
		}
		w := d.Text[t.Start():t.End()]
		c := w[0]
		if c >= 'A' && c <= 'Z' {
			buf = AppendLower(buf[:0], w)
			if v, ok := caps[string(buf)]; ok {
				v[0]++
				caps[string(buf)] = v
			}
		} else if c >= 'a' && c <= 'z' {
			if v, ok := caps[w]; ok {
				v[1]++
				caps[w] = v
			}
		}
	}
	return caps
}

// AppendLower appends s in lower case.
func AppendLower(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return append(buf, strings.ToLower(s)...)
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

// Cue is a word that changes what a sentence claims: a negation ("not",
// "never", "without", "non-") or a modal ("may", "will", "should").
type Cue struct {
	Span compare.Span // Text coordinates of the cue itself
	Kind string       // "negation" or "modality"
	Word string       // the cue in lower case
}

// Cues lists the negation and modality cues among ws.
func Cues(d *compare.Document, ws []Word) []Cue {
	var out []Cue
	for _, w := range ws {
		switch {
		case w.Neg:
			end := w.NegEnd
			if end <= w.Span.Start {
				end = w.Span.End
			}
			out = append(out, Cue{Span: compare.Span{Start: w.Span.Start, End: end}, Kind: "negation", Word: strings.ToLower(d.Text[w.Span.Start:end])})
		case IsNegator(w.Lower):
			out = append(out, Cue{Span: w.Span, Kind: "negation", Word: w.Lower})
		case w.Tag == TagModal:
			out = append(out, Cue{Span: w.Span, Kind: "modality", Word: w.Lower})
		}
	}
	return out
}

// IsQuestion reports whether a sentence ends with a question mark (before
// any closing quotes or brackets).
func IsQuestion(d *compare.Document, span compare.Span) bool {
	t := strings.TrimRight(d.Text[span.Start:span.End], " \t\n\r\"')]")
	return strings.HasSuffix(t, "?")
}

// IsWordLike reports whether a token has a letter or a digit.
func IsWordLike(s string) bool {
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 0x80 {
			return true
		}
	}
	return false
}
