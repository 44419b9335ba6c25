package textcheck

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/lang"
)

// Glued words come in three shapes:
//
//   - a change of case inside a word, "theTreaty", "byThe", "MapsThe":
//     reported when the part before is a function word or the part after
//     starts a sentence, which brand names ("PlayStation", "iPhone"),
//     names ("McDonald") and code identifiers ("getElementById", several
//     humps) never do;
//   - a word that is none but splits into two that are, "Ministriesand",
//     "Cooperationproposed", "ofthe";
//   - a sentence end with no space after it, "dynamic.China",
//     "rights.Since", and a comma or semicolon between words, "rights,and".

// glueLeft are the words that, run into a capitalised word, make a glue
// rather than a name: a name's first part is never one of them.
var glueLeft = set("the", "of", "and", "by", "with", "from", "at", "as", "or", "but", "that", "this",
	"which", "its", "their", "his", "her", "our", "these", "those", "was", "were", "are", "been",
	"a", "an", "into", "upon", "than", "for", "to", "in", "on", "is", "has", "had", "have")

// codeProne are glueLeft words that also start code identifiers
// ("toString", "onClick", "isEmpty", "forEach"): reported only when the
// part after is a known word or a capitalised name and the token is not
// near code.
var codeProne = set("to", "on", "is", "for", "in", "has", "have", "had", "a", "an", "as", "at", "or", "by")

// sentenceStarters are words that, capitalised after another word inside
// one token, start the next sentence ("TimeThe", "manner.The").
var sentenceStarters = set("the", "this", "these", "those", "there", "they", "their", "that", "it", "its",
	"we", "he", "she", "his", "her", "our", "and", "but", "when", "while", "since", "after", "before",
	"during", "however", "although", "many", "most", "some", "such", "what", "who", "how", "why", "where",
	"if", "as", "for", "from", "with", "today", "meanwhile", "moreover", "finally", "then")

// glueRight are function words of three letters or more that a lost
// space runs onto the word before ("Ministriesand"). Two-letter words are
// left out: Latin and Greek names end in "-us", "-in", "-is".
var glueRight = set("and", "the", "for", "with", "from", "that", "which", "was", "were", "has",
	"have", "had", "not", "but", "into", "this", "their", "these", "those", "upon", "than")

// glueLeftLower are the function words whose lower-case glue to the next
// word is reported ("theempire", "andtreatment"): short ones ("was",
// "for", "or") begin too many Latin and English words ("washover",
// "fortasse", "orare").
var glueLeftLower = set("the", "and", "with", "from", "that", "this", "their", "which", "these", "those")

// pairGlue are the function words a lost space runs together in pairs:
// "ofthe", "inthe", "andthe".
var pairLeft = set("of", "to", "in", "on", "and", "for", "at", "by", "from", "with", "is", "was", "that", "into")
var pairRight = set("the", "this", "that", "these", "those", "his", "her", "their", "its", "our")

// gluePrefixes are words that also serve as prefixes: "overlord",
// "counterpart" and "reconquest" are words even where WordNet lacks them.
var gluePrefixes = set("over", "under", "counter", "super", "inter", "after", "out", "fore", "back",
	"self", "well", "down", "with", "there", "where", "here", "what", "when", "ever", "every",
	"some", "any", "no", "non", "anti", "semi", "multi", "post", "trans", "extra", "ultra", "micro",
	"macro", "mini", "mega", "infra", "intra", "recon", "under", "hyper", "pseudo", "proto", "neo")

// glueSuffixes are words that also serve as suffixes.
var glueSuffixes = set("ship", "ships", "hood", "like", "less", "ness", "wise", "ward", "wards", "land",
	"lands", "man", "men", "worthy", "able", "ible", "fold", "ology",
	"logy", "graphy", "ism", "isms", "ist", "ists", "ment", "ments", "ling", "lings", "ways",
	"stone", "house", "master", "one", "body", "thing", "where", "self", "selves", "ever")

// abbreviations end with a full stop that needs no space after it.
var abbreviations = set("mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "col", "capt", "lt",
	"sgt", "rev", "hon", "no", "nos", "vol", "vols", "fig", "figs", "mt", "ft", "ave", "co", "inc",
	"ltd", "corp", "dept", "univ", "approx", "ca", "cf", "viz", "vs", "al", "ed", "eds", "ch", "chap",
	"sec", "pp", "op", "cit", "ibid", "id", "loc", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
	"sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "esq", "messrs",
	"mme", "mlle", "mssrs", "gov", "sen", "rep", "pres", "supt", "cmdr", "adm", "brig", "maj", "pvt")

// domainWords follow a full stop in host names ("Amazon.Com").
var domainWords = set("com", "org", "net", "gov", "edu", "int", "mil", "info", "biz", "io", "uk", "de")

func findGlued(c *docCheck) {
	d := c.d
	for _, t := range d.Tokens {
		w := d.TextOf(t.Span())
		if len(w) < 4 || c.inCode(t.Start()) {
			continue
		}
		if !caseGlue(c, t.Span(), w) {
			lexicalGlue(c, t.Span(), w)
		}
	}
	punctuationGlue(c)
}

// caseGlue reports "theTreaty", "byThe", "MapsThe", "theARF".
func caseGlue(c *docCheck, t compare.Span, w string) bool {
	k, ok := oneHump(w)
	if !ok {
		return false
	}
	left, right := w[:k], w[k:]
	ll, rl := strings.ToLower(left), strings.ToLower(right)
	rightCap := capitalised(right) || allCaps(right) && utf8.RuneCountInString(right) >= 2
	if !rightCap || utf8.RuneCountInString(left) < 2 {
		return false
	}
	leftLower := left == ll
	var glue bool
	switch {
	case leftLower && glueLeft[ll] && !codeProne[ll]:
		glue = true
	case leftLower && glueLeft[ll]:
		glue = capitalised(right) && (c.lex.isWord(rl) || len(right) >= 4)
	case capitalised(right) && sentenceStarters[rl]:
		glue = c.lex.isWord(ll) || capitalised(left) && len(left) >= 3
	case leftLower && len(left) >= 4 && capitalised(right) && len(right) >= 4:
		// "dynamicChina": a word and a name, each long enough not to be a
		// prefix; identifiers ("parseFloat") live near code
		glue = c.lex.isWord(ll) && !gluePrefixes[ll]
	}
	if !glue || nearCode(c, t) {
		return false
	}
	b := t.Start + k
	_, lsize := utf8.DecodeLastRuneInString(left)
	_, rsize := utf8.DecodeRuneInString(right)
	seam := compare.Span{Start: b - lsize, End: b + rsize}
	if c.count(CheckGluedWords, t) {
		return true
	}
	f := c.at(CheckGluedWords, t, "%q: a space is missing between %q and %q; write %q", w, left, right, left+" "+right)
	f.Details = map[string]any{"kind": "case"}
	f.Fix = c.fix(seam, c.origText(compare.Span{Start: seam.Start, End: b})+" "+c.origText(compare.Span{Start: b, End: seam.End}))
	c.put(f)
	return true
}

// nearCode reports a token that is code or part of a URL, path or address.
func nearCode(c *docCheck, t compare.Span) bool {
	s := c.d.Text
	if t.Start > 0 && strings.IndexByte("._$#@/\\", s[t.Start-1]) >= 0 && (t.Start < 2 || !isSpace(s[t.Start-2])) {
		return true
	}
	if t.End < len(s) && strings.IndexByte("(_$#@/\\[", s[t.End]) >= 0 {
		return true
	}
	a, b := chunkAround(s, t.Start)
	return webLike(s[a:b]) || looksLikeCode(s, t.Start)
}

// oneHump returns the offset of the only place where a lower-case letter
// is followed by a capital in w; false when there is none, more than one
// (code identifiers, brand names), or w holds anything but letters.
func oneHump(w string) (int, bool) {
	at := -1
	prevLower := false
	for i, r := range w {
		switch {
		case unicode.IsUpper(r):
			if prevLower {
				if at >= 0 {
					return 0, false
				}
				at = i
			}
			prevLower = false
		case unicode.IsLower(r):
			prevLower = true
		case r == '\'' || unicode.IsMark(r):
		default:
			return 0, false
		}
	}
	return at, at > 0
}

// capitalised reports a word of a capital and then lower-case letters only.
func capitalised(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) || n == len(w) {
		return false
	}
	for _, r := range w[n:] {
		if !unicode.IsLower(r) && r != '\'' {
			return false
		}
	}
	return true
}

// allCaps reports a word of capitals only.
func allCaps(w string) bool {
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return w != ""
}

// lexicalGlue reports a word that is no word but two: "Ministriesand",
// "Cooperationproposed", "ofthe".
func lexicalGlue(c *docCheck, t compare.Span, w string) {
	if len(w) < 5 || len(w) > 40 || !IsASCIILetters(w) {
		return
	}
	lower := strings.ToLower(w)
	if lower[1:] != w[1:] {
		return
	}
	capital := lower != w
	k := splitGlue(c.lex, lower, capital)
	if k <= 0 || c.lex.isWord(lower) {
		return
	}
	if !capital && latinLike(lower) && !commonEnding(lower[k:]) {
		return // "notis", "hastam", "fortasse": Latin; "ofhis", "theempire" are not
	}
	if nearCode(c, t) {
		return
	}
	left, right := w[:k], w[k:]
	if c.count(CheckGluedWords, t) {
		return
	}
	f := c.at(CheckGluedWords, t, "%q: a space is missing between %q and %q; write %q", w, left, right, left+" "+right)
	f.Details = map[string]any{"kind": "lexical"}
	f.Fix = c.fix(compare.Span{Start: t.Start + k - 1, End: t.Start + k + 1}, w[k-1:k]+" "+w[k:k+1])
	c.put(f)
}

// splitGlue returns where a non-word splits into two words, or 0. It
// prefers a split into two function words ("ofthe", "hadbeen"), then one
// with a function word on either side ("annotationsof", "tosave",
// "aconsiderable"), then two content words that make no closed compound
// ("cervicalcancer", not "policymakers"). A capitalised token (a name,
// most often) splits only before a function word of three letters or more
// ("Ministriesand") or a participle ("Cooperationproposed"). The lists
// leave out what Latin and Italian words end with ("-is", "-as", "-at",
// "-us", "-are", "-tto"): "nobis", "portare", "cornetto" are no glue.
func splitGlue(lex *lexicon, w string, capital bool) int {
	n := len(w)
	best, score := 0, 0
	// function words first: map lookups, and WordNet only for the other
	// side of a split they allow
	for k := 1; k <= n-2; k++ {
		if k > maxFunction && n-k > maxFunction {
			k = n - maxFunction - 1 // neither side can be a function word
			continue
		}
		l, r := w[:k], w[k:]
		s := 0
		switch {
		case capital:
			if glueRight[r] && len(l) >= 4 && !gluePrefixes[l] && lex.isWord(l) {
				s = 2
			}
		case pairFunctionLeft[l] && (pairFunctionRight[r] || r == "a" && articleAfter[l]):
			s = 3 // "ofthe", "hadbeen", "thatof", "fora"
		case rightFunction(l, r) && len(l) >= 4 && !gluePrefixes[l] && lex.isWord(l):
			s = 2 // "annotationsof", "multipliedto", "decidedin"
		case leftFunction[l] && len(r) >= 3 && (len(l) > 2 || len(r) >= 5) && !glueSuffixes[r] && lex.isWord(r) &&
			(!auxiliaryLeft[l] || participle(r) || lang.HasPOS('a', r)):
			s = 2 // "tosave", "aconsiderable", "hisempire", "wasauthorized"; not "washover"
		}
		if s > score {
			best, score = k, s
		}
	}
	if best > 0 || n < 11 || lex.isWord(w) {
		return best
	}
	// two content words, in a long token that is no word itself
	for k := 5; k <= n-6; k++ {
		l, r := w[:k], w[k:]
		if gluePrefixes[l] || glueSuffixes[r] {
			continue
		}
		if capital {
			if len(l) >= 8 && participle(r) && lex.isWord(l) {
				return k // "Cooperationproposed"
			}
			continue
		}
		if (notCompoundHead(l) || len(l) >= 8 && participle(r)) && lex.isWord(l) && lex.isWord(r) {
			return k // "cervicalcancer", "vehiclesavailable"; not "policymakers"
		}
	}
	return 0
}

// maxFunction is the length of the longest function word of the lists
// below ("because", "between", "without").
const maxFunction = 7

// The function words a lost space runs onto the word before or after.
var (
	functionRight = set("of", "the", "and", "to", "in", "with", "from", "that", "which", "was", "were",
		"has", "have", "had", "been", "not", "but", "into", "this", "their", "these", "those", "than",
		"for", "by", "would", "will", "should", "could", "can", "may", "must", "when", "where", "while",
		"because", "between", "about", "after", "before", "through", "under", "upon", "without", "within")
	leftFunction = set("the", "and", "of", "to", "a", "an", "with", "from", "that", "this", "his", "her",
		"their", "its", "our", "was", "were", "had", "has", "have", "been", "by", "for", "who", "which",
		"would", "should", "could", "will", "also", "most", "many", "these", "those", "when", "where",
		"while", "because", "between", "about", "after", "before", "through", "upon", "without", "within")
	pairFunctionLeft = set("of", "to", "in", "on", "at", "by", "for", "with", "from", "and", "or", "but",
		"that", "this", "is", "was", "were", "are", "be", "been", "has", "have", "had", "it", "as", "so",
		"we", "he", "she", "they", "you", "i", "may", "can", "must", "will", "would", "could", "should",
		"not", "all", "which", "who", "when", "there", "then", "than", "into", "upon", "about", "itself")
	pairFunctionRight = set("the", "of", "to", "in", "on", "by", "for", "with", "from", "and", "but",
		"that", "this", "these", "those", "was", "were", "be", "been", "has", "have", "had", "it", "its",
		"his", "her", "their", "our", "an", "so", "now", "all", "any", "no", "not", "which", "who", "he",
		"she", "they", "we", "you", "there", "then", "than", "into", "upon", "would", "could", "should")
	articleAfter = set("by", "to", "for", "with", "of", "in", "on", "from", "was", "is", "as", "at", "into")
)

// auxiliaryLeft are auxiliaries that run only onto a participle or an
// adjective ("wasauthorized", "wasstrong"; not "washover").
var auxiliaryLeft = set("was", "were", "has", "had", "have", "been")

// latinEndings end Latin words, which the corpora quote (Gibbon's notes)
// and which split into English words all too often ("hastam", "fortasse").
var latinEndings = []string{"is", "am", "um", "us", "ae", "orum", "arum", "ibus", "unt", "atur", "itur",
	"ere", "are", "ire", "atus", "itus", "ato", "asse", "isse", "iam", "ium", "ius", "quid"}

func latinLike(w string) bool {
	for _, e := range latinEndings {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// commonEnding reports whether the second word of a split is a function
// word of three letters or more or a common word (several senses in
// WordNet): then a Latin-looking ending is that word's, not Latin.
func commonEnding(r string) bool {
	if len(r) >= 3 && (pairFunctionRight[r] || functionRight[r]) {
		return true
	}
	if len(r) < 4 {
		return false
	}
	n := 0
	for _, pos := range []byte{'n', 'v', 'a', 'r'} {
		if l := lang.LemmaOf(pos, r); l != "" {
			n += len(lang.Senses(pos, l, nil))
		} else if pos == 'r' && lang.HasPOS('r', r) {
			n += len(lang.Senses('r', r, nil))
		}
	}
	return n >= 2
}

// rightFunction reports whether r is a function word run onto word l:
// "in" not after a bare verb ("workin", "sayin" drop a g), "to" not after
// a t ("cornetto", "fagotto").
func rightFunction(l, r string) bool {
	if !functionRight[r] {
		return false
	}
	switch r {
	case "in":
		return lang.LemmaOf('v', l) != l
	case "to":
		return !strings.HasSuffix(l, "t") && !strings.HasSuffix(l, "c")
	}
	return true
}

// notCompoundHead reports a word that does not begin closed compounds
// ("policymakers", "weathercasters", "screensavers" are words WordNet may
// lack): an adjective that is no noun, or an inflected form.
func notCompoundHead(w string) bool {
	if lang.HasPOS('n', w) {
		return false // a bare noun: "policy", "weather", "tornado"
	}
	if lang.LemmaOf('n', w) != "" {
		return true // a plural: "vehicles"
	}
	return lang.HasPOS('a', w) || lang.LemmaOf('v', w) != ""
}

// participle reports a verb form in -ed or -ing ("proposed", "making").
func participle(w string) bool {
	return (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing")) && lang.LemmaOf('v', w) != "" && lang.LemmaOf('v', w) != w
}

// IsASCIILetters reports whether w is made of ASCII letters only.
func IsASCIILetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c|0x20 < 'a' || c|0x20 > 'z' {
			return false
		}
	}
	return true
}

// punctuationGlue reports a sentence end or a comma with no space after
// it between two words: "dynamic.China", "rights,and".
func punctuationGlue(c *docCheck) {
	s := c.d.Text
	for i := 1; i+2 < len(s); i++ {
		p := s[i]
		if p != '.' && p != '?' && p != '!' && p != ',' && p != ';' {
			continue
		}
		j := i + 1
		for j < len(s) && j-i <= 3 && (s[j] == '"' || s[j] == '\'' || s[j] == ')' || s[j] == ']') {
			j++
		}
		if j+1 >= len(s) || !isLetter(s, j) {
			continue
		}
		kind, ok := punctGlueAt(c, i, j)
		if !ok {
			continue
		}
		lw := wordBefore(s, i)
		rw := wordAfter(s, j)
		seam := compare.Span{Start: i, End: j}
		msg := "%q: a space is missing after %q; write %q"
		excerpt := s[lw:i] + s[i:j] + s[j:rw]
		if c.count(CheckGluedWords, compare.Span{Start: lw, End: rw}) {
			i = j
			continue
		}
		f := c.at(CheckGluedWords, compare.Span{Start: lw, End: rw}, msg, excerpt, s[i:i+1], s[lw:j]+" "+s[j:rw])
		f.Details = map[string]any{"kind": kind}
		f.Fix = c.fix(seam, c.origText(seam)+" ")
		c.put(f)
		i = j
	}
}

// punctGlueAt decides whether punctuation at i, followed (after closing
// quotes or brackets) by a letter at j, glues two words or sentences.
func punctGlueAt(c *docCheck, i, j int) (string, bool) {
	s := c.d.Text
	lw := wordBefore(s, i)
	left := s[lw:i]
	if n := len(left); n < 2 || !unicode.IsLower(lastRune(left)) {
		return "", false
	}
	if lw > 0 && (s[lw-1] == '.' || s[lw-1] == '\'' || s[lw-1] == '-' || isLetter(s, lw-1) || isDigit(s[lw-1])) {
		return "", false // "e.g.China", "U.S.Army", "o'clock"
	}
	rw := wordAfter(s, j)
	right := s[j:rw]
	if rw < len(s) && (isDigit(s[rw]) || s[rw] == '.' && rw+1 < len(s) && isLetter(s, rw+1)) {
		return "", false // "fig.3a", "java.util.List"
	}
	ll := strings.ToLower(left)
	kind := "sentence"
	switch s[i] {
	case '.', '?', '!':
		if !capitalised(right) && !pronounOrArticle(s, j, right) || abbreviations[ll] || domainWords[strings.ToLower(right)] {
			return "", false
		}
	default: // ',' ';'
		kind = "punctuation"
		if len(right) < 2 || !c.lex.isWord(strings.ToLower(right)) || !c.lex.isWord(ll) {
			return "", false
		}
	}
	if c.inCode(i) || nearCodeAt(c, i) {
		return "", false
	}
	return kind, true
}

// pronounOrArticle reports "A" or "I" starting a sentence at j: followed
// by a space and a lower-case word, or by an apostrophe ("I'm").
func pronounOrArticle(s string, j int, w string) bool {
	if w != "A" && w != "I" || j+2 >= len(s) {
		return false
	}
	return s[j+1] == '\'' || s[j+1] == ' ' && s[j+2] >= 'a' && s[j+2] <= 'z'
}

// nearCodeAt reports whether Text offset off is in code, a URL, a path
// or an address.
func nearCodeAt(c *docCheck, off int) bool {
	s := c.d.Text
	a, b := chunkAround(s, off)
	chunk := s[a:b]
	if strings.Count(chunk, ".") >= 2 && !strings.HasSuffix(strings.TrimRight(chunk, `"')]`), ".") {
		return true
	}
	return webLike(chunk) || looksLikeCode(s, off)
}

// wordBefore returns the start of the run of letters that ends at i.
func wordBefore(s string, i int) int {
	k := i
	for k > 0 && i-k < 60 {
		r, n := utf8.DecodeLastRuneInString(s[:k])
		if !unicode.IsLetter(r) && !unicode.IsMark(r) {
			break
		}
		k -= n
	}
	return k
}

// wordAfter returns the end of the run of letters that starts at j.
func wordAfter(s string, j int) int {
	k := j
	for k < len(s) && k-j < 60 {
		r, n := utf8.DecodeRuneInString(s[k:])
		if !unicode.IsLetter(r) && !unicode.IsMark(r) {
			break
		}
		k += n
	}
	return k
}

func isLetter(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}
