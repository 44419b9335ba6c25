package compare

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Segmentation works on the normalised text and returns spans of it:
// paragraphs (blocks between blank lines), sentences (never across a
// paragraph) and word tokens.

var asciiWord = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
		t[c-32] = true
	}
	return t
}()

// isIdeograph reports scripts written without spaces, where each character
// is taken as a word of its own.
func isIdeograph(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r))
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// wordAt decodes the rune at i and says whether it belongs to a word.
func wordAt(s string, i int) (rune, int, bool) {
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1, asciiWord[c]
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	return r, n, isWordRune(r)
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// tokenize returns the word tokens of s: runs of letters, digits and marks,
// kept whole across an apostrophe between letters ("don't") and across a
// point or comma between digits ("11,063", "1.5"). Hyphens split words.
func tokenize(s string) []Span {
	toks := make([]Span, 0, len(s)/6+1)
	i := 0
	for i < len(s) {
		r, n, w := wordAt(s, i)
		if !w {
			i += n
			continue
		}
		start := i
		if isIdeograph(r) {
			toks = append(toks, Span{i, i + n})
			i += n
			continue
		}
		i += n
		for i < len(s) {
			c := s[i]
			if c < utf8.RuneSelf {
				if asciiWord[c] {
					i++
					continue
				}
				if i+1 < len(s) && i > start {
					next := s[i+1]
					if (c == '.' || c == ',') && isDigitByte(s[i-1]) && isDigitByte(next) {
						i += 2
						continue
					}
					if c == '\'' && asciiWord[s[i-1]] && !isDigitByte(s[i-1]) && isASCIILetter(next) {
						i += 2
						continue
					}
				}
				break
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			if !isWordRune(r) || isIdeograph(r) {
				break
			}
			i += n
		}
		toks = append(toks, Span{start, i})
	}
	return toks
}

// splitParagraphs returns the blocks of s between blank lines (lines of
// only spaces and tabs) and form feeds, trimmed of white space.
func splitParagraphs(s string) []Span {
	var paras []Span
	start := -1 // start of the current paragraph's content, -1 outside
	lastNonSpace := 0
	blank := true
	for i := 0; i <= len(s); i++ {
		var c byte = '\n'
		if i < len(s) {
			c = s[i]
		}
		switch c {
		case '\n', '\f':
			if blank && start >= 0 || c == '\f' && start >= 0 {
				paras = append(paras, Span{start, lastNonSpace})
				start = -1
			}
			blank = true
		case ' ', '\t', '\r', '\v':
		default:
			blank = false
			if start < 0 {
				start = i
			}
			lastNonSpace = i + 1
			if c >= utf8.RuneSelf {
				_, n := utf8.DecodeRuneInString(s[i:])
				lastNonSpace = i + n
				i += n - 1
			}
		}
	}
	if start >= 0 {
		paras = append(paras, Span{start, lastNonSpace})
	}
	return paras
}

// abbreviations never end a sentence when followed by a capital.
var abbrevAlways = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "jr": true, "sr": true,
	"rev": true, "hon": true, "gen": true, "col": true, "capt": true, "lt": true, "sgt": true, "maj": true,
	"gov": true, "sen": true, "rep": true, "messrs": true, "mme": true, "mlle": true, "cf": true,
	"viz": true, "vs": true, "al": true, "ibid": true, "cit": true, "eds": true, "trans": true,
	"approx": true, "ca": true, "dept": true, "univ": true, "inc": true, "ltd": true, "corp": true,
	"mt": true, "ft": true, "esq": true,
}

// abbreviations that do not end a sentence when a number follows ("p. 3").
var abbrevBeforeNumber = map[string]bool{
	"p": true, "pp": true, "no": true, "nos": true, "vol": true, "vols": true, "ch": true, "chap": true,
	"fig": true, "figs": true, "sec": true, "art": true, "para": true, "l": true, "c": true, "tom": true,
	"cap": true, "lib": true, "n": true, "nn": true, "cols": true, "ed": true, "edit": true, "v": true,
	"op": true, "ep": true, "epist": true, "f": true, "ff": true, "id": true, "ibid": true,
}

var months = map[string]bool{
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

// wordBefore returns the word that ends at i (letters only) and where it starts.
func wordBefore(s string, i int) (string, int) {
	j := i
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:j])
		if !unicode.IsLetter(r) {
			break
		}
		j -= n
	}
	return s[j:i], j
}

// startsSentence reports whether the text at k can begin a sentence: a
// capital, a digit, an uncased letter, or an opening quote or bracket
// before one of those.
func startsSentence(s string, k int) bool {
	for n := 0; k < len(s) && n < 3; n++ {
		c := s[k]
		if c == '"' || c == '\'' || c == '(' || c == '[' || c == '*' || c == '_' {
			k++
			continue
		}
		if c < utf8.RuneSelf {
			return c >= 'A' && c <= 'Z' || isDigitByte(c)
		}
		r, _ := utf8.DecodeRuneInString(s[k:])
		return unicode.IsUpper(r) || unicode.IsLetter(r) && !unicode.IsLower(r) || unicode.IsDigit(r)
	}
	return false
}

// noteMarkerAt returns the length of a note marker at i ("[37]", "[^a]",
// "<sup>35</sup>"), or 0.
func noteMarkerAt(s string, i int) int {
	if strings.HasPrefix(s[i:], "<sup>") {
		if e := strings.Index(s[i:min(len(s), i+40)], "</sup>"); e > 0 {
			return e + len("</sup>")
		}
		return 0
	}
	if i < len(s) && s[i] == '[' {
		j := i + 1
		if j < len(s) && s[j] == '^' {
			j++
		}
		k := j
		for k < len(s) && k-j < 12 && (asciiWord[s[k]] || s[k] == '*') {
			k++
		}
		if k > j && k < len(s) && s[k] == ']' && (j > i+1 || isDigitByte(s[j]) || s[j] == '*') {
			return k + 1 - i
		}
	}
	return 0
}

// splitSentences splits one paragraph of s into sentences. A sentence ends
// at . ! ? (and their CJK forms) followed by closing quotes or brackets, an
// optional note marker, white space and a capital, digit or opening quote;
// not after an abbreviation ("op. cit.", "ibid.", "Dec.", "U.S."), an
// initial, or "p."/"No." before a number.
func splitSentences(s string, para Span) []Span {
	var out []Span
	start := para.Start
	end := para.End
	emit := func(a, b int) {
		sp := trimSpan(s, Span{a, b})
		if sp.End > sp.Start {
			out = append(out, sp)
		}
	}
	for i := para.Start; i < end; i++ {
		c := s[i]
		var termLen int
		switch {
		case c == '.' || c == '!' || c == '?':
			termLen = 1
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == '。' || r == '！' || r == '？' || r == '…' {
				termLen = n
			} else {
				i += n - 1
				continue
			}
		default:
			continue
		}
		j := i + termLen
		for j < end && (s[j] == '.' || s[j] == '!' || s[j] == '?') {
			j++
		}
		for j < end && (s[j] == '"' || s[j] == '\'' || s[j] == ')' || s[j] == ']' || s[j] == '*' || s[j] == '_') {
			j++
		}
		if j < end {
			if m := noteMarkerAt(s, j); m > 0 {
				j += m
			} else if s[j] == ' ' && j+1 < end {
				if m := noteMarkerAt(s, j+1); m > 0 && (j+1+m == end || isSpaceByte(s[j+1+m])) {
					j += 1 + m
				}
			}
		}
		cjk := termLen > 1 && s[i] != 0xE2 // 。！？ need no space after them
		if j < end && !isSpaceByte(s[j]) && !cjk {
			i = j - 1
			continue
		}
		k := j
		for k < end && isSpaceByte(s[k]) {
			k++
		}
		if k >= end {
			break
		}
		if !cjk && !startsSentence(s, k) {
			i = j - 1
			continue
		}
		if c == '.' && (i+1 == end || s[i+1] != '.') && isAbbreviation(s, i, k) {
			i = j - 1
			continue
		}
		emit(start, j)
		start = k
		i = k - 1
	}
	emit(start, end)
	return out
}

// isAbbreviation reports whether the point at i closes an abbreviation,
// given that the next sentence would start at k.
func isAbbreviation(s string, i, k int) bool {
	w, ws := wordBefore(s, i)
	if w == "" {
		return false
	}
	lw := strings.ToLower(w)
	if utf8.RuneCountInString(w) == 1 {
		return true // an initial, or part of "U.S.", "e.g."
	}
	if ws > 0 && s[ws-1] == '.' {
		return true // "Ph.D.", "a.m."
	}
	if abbrevAlways[lw] {
		return true
	}
	if months[lw] && w[0] >= 'A' && w[0] <= 'Z' {
		return true
	}
	if abbrevBeforeNumber[lw] && k < len(s) && (isDigitByte(s[k]) || romanAt(s, k)) {
		return true
	}
	return false
}

// romanAt reports a lower- or upper-case roman numeral word at k ("xii").
func romanAt(s string, k int) bool {
	j := k
	for j < len(s) && strings.IndexByte("ivxlcdmIVXLCDM", s[j]) >= 0 {
		j++
	}
	return j > k && (j == len(s) || !asciiWord[s[j]])
}

func trimSpan(s string, sp Span) Span {
	for sp.Start < sp.End && isSpaceByte(s[sp.Start]) {
		sp.Start++
	}
	for sp.End > sp.Start && isSpaceByte(s[sp.End-1]) {
		sp.End--
	}
	return sp
}
