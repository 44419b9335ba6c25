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
	"lands", "man", "men", "worthy", "able", "ible", "some", "fold", "most", "work", "works", "ology",
	"logy", "graphy", "ism", "isms", "ist", "ists", "ment", "ments", "ling", "lings", "ways", "time",
	"times", "stone", "house", "master")

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
		w := d.TextOf(t)
		if len(w) < 4 || c.inCode(t.Start) {
			continue
		}
		if !caseGlue(c, t, w) {
			lexicalGlue(c, t, w)
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
	if lower[1:] != w[1:] || c.lex.isWord(lower) {
		return
	}
	capital := lower != w
	k := splitGlue(c.lex, lower, capital)
	if k <= 0 || nearCode(c, t) {
		return
	}
	left, right := w[:k], w[k:]
	f := c.at(CheckGluedWords, t, "%q: a space is missing between %q and %q; write %q", w, left, right, left+" "+right)
	f.Details = map[string]any{"kind": "lexical"}
	f.Fix = c.fix(compare.Span{Start: t.Start + k - 1, End: t.Start + k + 1}, w[k-1:k]+" "+w[k:k+1])
	c.put(f)
}

// splitGlue returns where a non-word splits into two words, or 0. A
// capitalised token (a name, most often) splits only before a function
// word.
func splitGlue(lex *lexicon, w string, capital bool) int {
	n := len(w)
	best := 0
	for k := 2; k <= n-2; k++ {
		l, r := w[:k], w[k:]
		switch {
		case glueRight[r] && len(l) >= 4 && lex.isWord(l) && !gluePrefixes[l]:
			return k
		case !capital && pairLeft[l] && pairRight[r]:
			return k // "ofthe", "andthe"
		case !capital && glueLeftLower[l] && len(r) >= 4 && lex.isWord(r) && !glueSuffixes[r]:
			best = k // "theempire"; a longer left word may still fit
		case best == 0 && len(l) >= 6 && len(r) >= 6 && !gluePrefixes[l] && !glueSuffixes[r] &&
			(!capital && notCompoundHead(l) || len(l) >= 8 && participle(r)) && lex.isWord(l) && lex.isWord(r):
			// "cervicalcancer", "vehiclesavailable", "Cooperationproposed";
			// not "Powderfinger", "policymakers"
			best = k
		}
	}
	return best
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
	return lang.HasPOS('a', w) || lang.LemmaOf('v', w) != "" && w != lang.LemmaOf('v', w)
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
		if !capitalised(right) || abbreviations[ll] || domainWords[strings.ToLower(right)] {
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
