package textcheck

import (
	"strings"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/lang"
)

// Typos an editor marks on sight: "an" before a consonant, a hyphen after
// an -ly adverb, a compound adjective without its hyphen, "six months
// time".

// vowelSoundExceptions start with a vowel letter and a consonant sound.
var vowelSoundExceptions = []string{"eu", "ewe", "one", "once", "oua", "oui", "uni", "use", "usu", "ute", "uti", "ura", "uro", "ure", "uk"}

// closedWord reports the function words no article stands before.
func closedWord(w string) bool {
	return closedClass[w] || lang.IsPreposition(w) || lang.IsCoordinator(w) || lang.IsSubordinator(w) ||
		lang.IsAuxiliary(w) || lang.IsModal(w) || lang.IsPronoun(w) || lang.IsDeterminer(w) || lang.IsFunctionWord(w)
}

func findArticles(c *docCheck) {
	d := c.d
	s := d.Text
	toks := d.Tokens
	for i := 0; i+1 < len(toks); i++ {
		art := d.TextOf(toks[i].Span())
		if len(art) > 2 || art[0]|0x20 != 'a' || len(art) == 2 && art[1]|0x20 != 'n' {
			continue
		}
		la := "a"
		if len(art) == 2 {
			la = "an"
		}
		if la != "a" && la != "an" {
			continue
		}
		if art != la && !sentenceStart(s, toks[i].Start()) {
			continue // "Plan A", "Appendix A": a label
		}
		gap := s[toks[i].End():toks[i+1].Start()]
		if gap != " " && gap != "\n" {
			continue
		}
		if toks[i].Start() > 0 && strings.IndexByte("('\"-/.", s[toks[i].Start()-1]) >= 0 {
			continue // "(a)", "'a'", "A-a", "i.e. a"
		}
		next := d.TextOf(toks[i+1].Span())
		if la == "an" && andSlip(c, next) {
			f := c.at(CheckArticle, compare.Span{Start: toks[i].Start(), End: toks[i+1].End()}, "%q: \"an\" cannot stand before %q: a word is missing after it, or \"and\" was meant",
				art+" "+next, next)
			c.put(f)
			continue
		}
		if !wantsOtherArticle(c, la, next) {
			continue
		}
		if toks[i+1].End() < len(s) && (s[toks[i+1].End()] == '-' && len(next) <= 2 || s[toks[i+1].End()] == '.') && len(next) <= 3 {
			continue // "an f-stop", "a e.g."
		}
		other := "an"
		if la == "an" {
			other = "a"
		}
		if art != la {
			other = strings.ToUpper(other[:1]) + other[1:]
		}
		f := c.at(CheckArticle, compare.Span{Start: toks[i].Start(), End: toks[i+1].End()}, "%q: write %q before %q",
			art+" "+next, other, next)
		f.Fix = c.fix(toks[i].Span(), other)
		c.put(f)
	}
}

// wantsOtherArticle reports whether the lower-case article art is the
// wrong one before word w.
func wantsOtherArticle(c *docCheck, art, w string) bool {
	if len(w) < 2 || !IsASCIILetters(w) || w != strings.ToLower(w) || !c.lex.isWord(w) {
		return false
	}
	first := w[0]
	vowel := strings.IndexByte("aeiou", first) >= 0
	if art == "an" {
		return !vowel && first != 'h' && !andSlip(c, w) // "an much" as well as "an spokesperson"
	}
	if closedWord(w) { // "a and b", "if a is": a letter, not an article
		return false
	}
	if !vowel || first == 'u' {
		return false
	}
	for _, p := range vowelSoundExceptions {
		if strings.HasPrefix(w, p) {
			return false
		}
	}
	return true
}

// andSlip reports a word no article stands before and that follows
// "and" often: "an by exacting", "an may", "an launched" ("and" lost its
// "d").
func andSlip(c *docCheck, w string) bool {
	if len(w) < 2 || w != strings.ToLower(w) || !IsASCIILetters(w) || strings.IndexByte("aeiouh", w[0]) >= 0 {
		return false
	}
	if lang.IsPreposition(w) || lang.IsModal(w) || lang.IsAuxiliary(w) || lang.IsPronoun(w) || lang.IsCoordinator(w) {
		return true
	}
	// a past tense that is no noun or adjective: "an launched"
	return strings.HasSuffix(w, "ed") && lang.LemmaOf('v', w) != "" && lang.LemmaOf('n', w) == "" && !lang.HasPOS('a', w)
}

// sentenceStart reports whether Text offset off starts a sentence: after
// a full stop, a question or exclamation mark, or at a paragraph start.
func sentenceStart(s string, off int) bool {
	i := off
	for i > 0 && (s[i-1] == ' ' || s[i-1] == '"' || s[i-1] == '\'' || s[i-1] == '*' || s[i-1] == '_') {
		i--
	}
	if i == 0 || s[i-1] == '\n' {
		return true
	}
	return i < off && strings.IndexByte(".!?", s[i-1]) >= 0
}

// adverbOnly reports an -ly word WordNet knows as an adverb and nothing
// else ("newly", "jointly"; not "early", "daily", "family", "supply").
func adverbOnly(w string) bool {
	return strings.HasSuffix(w, "ly") && len(w) >= 5 && lang.HasPOS('r', w) && !lang.HasPOS('a', w) &&
		lang.LemmaOf('n', w) == "" && lang.LemmaOf('v', w) == ""
}

// compoundParticiples make compound adjectives with the noun before them.
var compoundParticiples = set("based", "oriented", "driven", "centered", "centred", "related")

func findHyphenation(c *docCheck) {
	d := c.d
	s := d.Text
	toks := d.Tokens
	for i := 0; i+1 < len(toks); i++ {
		w := d.TextOf(toks[i].Span())
		if toks[i].End()+1 == toks[i+1].Start() && s[toks[i].End()] == '-' && adverbOnly(w) && startsLower(d.TextOf(toks[i+1].Span())) {
			next := d.TextOf(toks[i+1].Span())
			if !c.lex.isWord(next) || c.inCode(toks[i].Start()) {
				continue
			}
			hy := compare.Span{Start: toks[i].End(), End: toks[i].End() + 1}
			f := c.at(CheckAdverbHyphen, compare.Span{Start: toks[i].Start(), End: toks[i+1].End()},
				"%q: an adverb in -ly takes no hyphen; write %q", w+"-"+next, w+" "+next)
			f.Fix = c.fix(hy, " ")
			c.put(f)
			continue
		}
		if i+2 < len(toks) && toks[i+1].Len() >= 5 && toks[i+1].Len() <= 8 && compoundParticiples[strings.ToLower(d.TextOf(toks[i+1].Span()))] {
			compoundAt(c, i)
		}
	}
}

// compoundAt reports "treaty based obligations": tokens i, i+1, i+2 are a
// noun, a participle and a noun, one space apart.
func compoundAt(c *docCheck, i int) {
	d := c.d
	s := d.Text
	toks := d.Tokens
	if s[toks[i].End():toks[i+1].Start()] != " " || s[toks[i+1].End():toks[i+2].Start()] != " " {
		return
	}
	x, p, y := d.TextOf(toks[i].Span()), d.TextOf(toks[i+1].Span()), d.TextOf(toks[i+2].Span())
	lx, ly := strings.ToLower(x), strings.ToLower(y)
	if !IsASCIILetters(x) || !IsASCIILetters(y) || y != ly || closedWord(lx) || closedWord(ly) {
		return
	}
	if strings.HasSuffix(ly, "ly") || strings.HasSuffix(lx, "ing") || lang.LemmaOf('n', lx) == "" || lang.LemmaOf('n', ly) == "" {
		return
	}
	if lang.HasPOS('a', lx) && !lang.HasPOS('n', lx) || lang.HasPOS('r', ly) {
		return
	}
	if i > 0 && lang.IsPronoun(d.Word(i-1)) {
		return
	}
	if c.inCode(toks[i].Start()) {
		return
	}
	f := c.at(CheckCompoundHyphen, compare.Span{Start: toks[i].Start(), End: toks[i+2].End()},
		"%q: %q modifies %q as one adjective; write %q", x+" "+p+" "+y, x+" "+p, y, x+"-"+p+" "+y)
	f.Fix = c.fix(compare.Span{Start: toks[i].End(), End: toks[i+1].Start()}, "-")
	c.put(f)
}

// timeUnits are the lengths of time that take a possessive before "time".
var timeUnits = set("days", "weeks", "months", "years", "hours", "minutes", "seconds", "decades", "centuries")

// quantityWords count a length of time.
var quantityWords = set("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
	"twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "hundred", "few", "several",
	"many", "couple")

// timeCompounds follow "time" in compounds where no possessive is meant.
var timeCompounds = set("frame", "frames", "period", "periods", "limit", "limits", "span", "spans",
	"zone", "zones", "scale", "scales", "line", "lines", "series", "slot", "slots", "table", "tables")

func findTimePossessive(c *docCheck) {
	d := c.d
	s := d.Text
	toks := d.Tokens
	for i := 1; i+1 < len(toks); i++ {
		if n := toks[i].Len(); n < 4 || n > 9 || d.Text[toks[i].End()-1]|0x20 != 's' {
			continue
		}
		unit := strings.ToLower(d.TextOf(toks[i].Span()))
		if !timeUnits[unit] {
			continue
		}
		after := d.Word(i + 1)
		if after != "time" && after != "notice" {
			continue
		}
		count := d.Word(i - 1)
		if !quantityWords[count] && !allDigits(count) {
			continue
		}
		if s[toks[i-1].End():toks[i].Start()] != " " || s[toks[i].End():toks[i+1].Start()] != " " {
			continue
		}
		if i+2 < len(toks) && s[toks[i+1].End():toks[i+2].Start()] == " " && timeCompounds[d.Word(i+2)] {
			continue
		}
		if c.inCode(toks[i].Start()) {
			continue
		}
		u := d.TextOf(toks[i].Span())
		f := c.at(CheckTimePossessive, compare.Span{Start: toks[i-1].Start(), End: toks[i+1].End()},
			"%q: a length of time before %q is a possessive; write %q", d.TextOf(toks[i-1].Span())+" "+u+" "+d.TextOf(toks[i+1].Span()),
			d.TextOf(toks[i+1].Span()), d.TextOf(toks[i-1].Span())+" "+u+"' "+d.TextOf(toks[i+1].Span()))
		f.Fix = c.fix(toks[i].Span(), u+"'")
		c.put(f)
	}
}

// firstRune returns the first character of s.
func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
