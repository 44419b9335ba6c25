package compare

import (
	"strconv"
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

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// tokenize returns the word tokens of s: runs of letters, digits and marks,
// kept whole across an apostrophe between letters ("don't") and across a
// point or comma between digits ("11,063", "1.5"). Hyphens split words,
// except a word hyphenated at a line end (see lineBreakHyphen): "re-\nport"
// is one token, and the indices of such tokens are returned as joined, in
// order. ASCII runs are scanned with a table in tight loops: this is the
// hottest loop of loading.
// mayContinueWord marks the bytes after a run of ASCII letters and digits
// that may still belong to the word: non-ASCII (a letter or mark) and the
// joiners "." "," "'" (decided by wordEnd).
var mayContinueWord = func() (t [256]bool) {
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = true
	}
	t['.'], t[','], t['\''] = true, true, true
	return t
}()

func tokenize(s string) (toks []Token, joined []int) {
	toks = make([]Token, 0, tokenEstimate(s))
	n := len(s)
	i := 0
	for i < n {
		c := s[i]
		start := i
		if c < utf8.RuneSelf {
			if !asciiWord[c] {
				i++
				continue
			}
			// the common case: a run of ASCII letters and digits
			i++
			for i < n && asciiWord[s[i]] {
				i++
			}
			if i < n && mayContinueWord[s[i]] {
				i = wordEnd(s, start, i)
			}
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case !isWordRune(r):
				i += size
				continue
			case isIdeograph(r):
				i += size
				toks = append(toks, Token{uint32(start), uint32(i)})
				continue
			default:
				i = wordEnd(s, start, i+size)
			}
		}
		if i < n && s[i] == '-' {
			brk := false
			for i < n && s[i] == '-' {
				j := lineBreakHyphen(s, start, i)
				if j < 0 {
					break
				}
				i, brk = wordEnd(s, j, j), true
			}
			if brk {
				joined = append(joined, len(toks))
			}
		}
		toks = append(toks, Token{uint32(start), uint32(i)})
	}
	return toks, joined
}

// lineBreakHyphen reports a word hyphenated at a line end: s[h] is a
// hyphen ending the word that starts at start, and the word goes on after
// the line break ("re-\nport", "re- \n    port"). It returns where the
// rest of the word starts, or -1.
//
// Whether a hyphen at a line end is a typesetter's break or a compound's
// own hyphen ("well-\nknown") cannot be told from the text alone. Breaks
// are far more common in hyphenated text, so the hyphen is taken for a
// break, as typesetting rules have it and as the PDF reader does: at least
// two letters before it, the last lower case, and at least two letters
// after the line break, the first lower case (one letter before it is a
// compound, "X-ray", "e-mail"; "Anglo-\nSaxon" and "COVID-\n19" stay two
// words). A document that writes the same compound with its hyphen inside
// a line elsewhere keeps it two words (see splitCompounds). Only one line
// break is crossed: a blank line ends the paragraph.
func lineBreakHyphen(s string, start, h int) int {
	if h-start < 2 {
		return -1
	}
	last, n1 := utf8.DecodeLastRuneInString(s[start:h])
	prev, _ := utf8.DecodeLastRuneInString(s[start : h-n1])
	if !unicode.IsLower(last) || !unicode.IsLetter(prev) {
		return -1
	}
	j := h + 1
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	if j >= len(s) || s[j] != '\n' {
		return -1
	}
	j++
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	first, size := utf8.DecodeRuneInString(s[j:])
	second, _ := utf8.DecodeRuneInString(s[min(len(s), j+size):])
	if !unicode.IsLower(first) || !unicode.IsLetter(second) {
		return -1
	}
	return j
}

// isBrokenWord reports whether a token's text holds a line-break
// hyphen: word tokens hold no hyphen otherwise.
func isBrokenWord(w string) bool { return strings.IndexByte(w, '-') >= 0 }

// joinBroken returns a token's word with its line-break hyphens, and the
// white space around their line breaks, left out: "re-\n  port" is
// "report".
func joinBroken(w string) string {
	if !isBrokenWord(w) {
		return w
	}
	b := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		if c := w[i]; c != '-' && !isSpaceByte(c) {
			b = append(b, c)
		}
	}
	return string(b)
}

// splitCompounds undoes the joins of tokenize where the document writes
// the compound with its hyphen inside a line elsewhere ("well-known" in
// one place makes "well-\nknown" two words like it): it returns the
// tokens with those joined tokens split at their line-break hyphens, and
// the joined tokens that remain.
func splitCompounds(s string, toks []Token, joined []int) ([]Token, []int) {
	if len(joined) == 0 {
		return toks, joined
	}
	pairKey := func(a, b string) uint64 { return WordKey(a)*fnvPrime ^ WordKey(b) }
	parts := func(t Span, f func(a, b Span)) { // the words each side of each break
		w := s[t.Start:t.End]
		from := t.Start
		for k := 0; k < len(w); k++ {
			if w[k] != '-' {
				continue
			}
			j := t.Start + k + 1
			for j < t.End && isSpaceByte(s[j]) {
				j++
			}
			next := strings.IndexByte(s[j:t.End], '-')
			if next < 0 {
				next = t.End - j
			}
			f(Span{from, t.Start + k}, Span{j, j + next})
			from = j
			k = j - t.Start - 1
		}
	}
	want := map[uint64]bool{}
	for _, ti := range joined {
		parts(toks[ti].Span(), func(a, b Span) { want[pairKey(s[a.Start:a.End], s[b.Start:b.End])] = true })
	}
	inline := map[uint64]bool{}
	for i := 0; i+1 < len(toks); i++ {
		a, b := toks[i].Span(), toks[i+1].Span()
		if b.Start == a.End+1 && s[a.End] == '-' {
			if k := pairKey(s[a.Start:a.End], s[b.Start:b.End]); want[k] {
				inline[k] = true
			}
		}
	}
	if len(inline) == 0 {
		return toks, joined
	}
	out := make([]Token, 0, len(toks)+len(inline))
	var kept []int
	last := 0
	for _, ti := range joined {
		out = append(out, toks[last:ti]...)
		last = ti + 1
		t := toks[ti].Span()
		piece := func(p Span) {
			if isBrokenWord(s[p.Start:p.End]) {
				kept = append(kept, len(out))
			}
			out = append(out, TokenOf(p))
		}
		from := t.Start
		parts(t, func(a, b Span) {
			if inline[pairKey(s[a.Start:a.End], s[b.Start:b.End])] {
				piece(Span{from, a.End})
				from = b.Start
			}
		})
		piece(Span{from, t.End})
	}
	out = append(out, toks[last:]...)
	return out, kept
}

// tokenEstimate guesses how many tokens s holds, a little over for prose,
// from its spaces, line breaks and hyphens (vectorised counts): growing the
// token slice by a quarter at a time would hold two copies of it at once.
func tokenEstimate(s string) int {
	n := strings.Count(s, " ") + strings.Count(s, "\n") + strings.Count(s, "-")
	return max(n+n/32, len(s)/16) + 16
}

// wordEnd returns the end of the word that starts at start (with a word
// rune that is not an ideograph) and runs at least to i.
func wordEnd(s string, start, i int) int {
	n := len(s)
	for i < n {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiWord[c] {
				i++
				continue
			}
			if i+1 < n && i > start {
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
			return i
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) || isIdeograph(r) {
			return i
		}
		i += size
	}
	return i
}

// splitParagraphs returns the blocks of s between blank lines (lines of
// only spaces and tabs) and form feeds, trimmed of white space. It finds
// line ends with strings.IndexByte and looks only at the ends of lines.
func splitParagraphs(s string) []Span {
	var paras []Span
	start := -1 // start of the current paragraph's content, -1 outside
	lastNonSpace := 0
	// part handles text between line breaks and form feeds: it extends the
	// paragraph when it holds anything but blanks and reports whether it did.
	part := func(a, b int) bool {
		for a < b && isBlankByte(s[a]) {
			a++
		}
		if a == b {
			return false
		}
		for isBlankByte(s[b-1]) {
			b--
		}
		if start < 0 {
			start = a
		}
		lastNonSpace = b
		return true
	}
	closePara := func() {
		if start >= 0 {
			paras = append(paras, Span{start, lastNonSpace})
			start = -1
		}
	}
	for pos := 0; pos <= len(s); {
		end := len(s)
		if nl := strings.IndexByte(s[pos:], '\n'); nl >= 0 {
			end = pos + nl
		}
		a := pos
		for {
			ff := strings.IndexByte(s[a:end], '\f')
			if ff < 0 {
				break
			}
			part(a, a+ff)
			closePara() // a form feed ends a paragraph
			a += ff + 1
		}
		if !part(a, end) {
			closePara() // a blank line ends one too
		}
		pos = end + 1
	}
	closePara()
	return paras
}

// isBlankByte reports the bytes a blank line may hold.
func isBlankByte(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\v' }

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
		if c := s[j-1]; c < utf8.RuneSelf {
			if !isASCIILetter(c) {
				break
			}
			j--
			continue
		}
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

// sentenceByte marks the bytes that may end a sentence: . ! ? and the first
// bytes of 。！？…
var sentenceByte = func() (t [256]bool) {
	for _, c := range []byte(".!?\xe2\xe3\xef") {
		t[c] = true
	}
	return t
}()

// splitSentences appends the sentences of one paragraph of s to out. A sentence ends
// at . ! ? (and their CJK forms) followed by closing quotes or brackets, an
// optional note marker, white space and a capital, digit or opening quote;
// not after an abbreviation ("op. cit.", "ibid.", "Dec.", "U.S."), an
// initial, or "p."/"No." before a number.
func splitSentences(out []Span, s string, para Span) []Span {
	start := para.Start
	end := para.End
	for i := para.Start; i < end; i++ {
		for i < end && !sentenceByte[s[i]] {
			i++ // most bytes cannot end a sentence
		}
		if i >= end {
			break
		}
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
		if j < end && !isSpaceByte(s[j]) && !cjk && !(j == i+1 && missingSpace(s, i, end)) {
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
		if c == '.' && (i+1 == end || s[i+1] != '.') && (isAbbreviation(s, i, k) || isSectionNumber(s[start:i])) {
			i = j - 1
			continue
		}
		out = appendTrimmed(out, s, start, j)
		start = k
		i = k - 1
	}
	return appendTrimmed(out, s, start, end)
}

// appendTrimmed appends s[a:b] without its white space, unless that leaves nothing.
func appendTrimmed(out []Span, s string, a, b int) []Span {
	if sp := TrimSpan(s, Span{a, b}); sp.End > sp.Start {
		out = append(out, sp)
	}
	return out
}

// missingSpace reports a full stop at i that ends a sentence although the
// next one follows without a space, a common slip of copy and paste
// ("practical and dynamic.China has established"): a lower-case word of two
// letters or more before it, a capitalised word after it. "U.S.", "e.g.The"
// and "Node.js" do not qualify.
func missingSpace(s string, i, end int) bool {
	if s[i] != '.' || i+2 >= end || !isUpperASCII(s[i+1]) || !isLowerASCII(s[i+2]) {
		return false
	}
	w, ws := wordBefore(s, i)
	if len(w) < 2 || ws > 0 && (s[ws-1] == '.' || s[ws-1] == '/' || s[ws-1] == '@') {
		return false
	}
	for k := 0; k < len(w); k++ {
		if !isLowerASCII(w[k]) {
			return false
		}
	}
	return true
}

func isUpperASCII(c byte) bool { return c >= 'A' && c <= 'Z' }
func isLowerASCII(c byte) bool { return c >= 'a' && c <= 'z' }

// isSectionNumber reports a sentence so far that is only a section or list
// number ("XIII", "4", "IV"), which belongs with the heading or item after
// its point: "XIII. International Security Cooperation".
func isSectionNumber(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 6 {
		return false
	}
	digits, roman := true, true
	for k := 0; k < len(s); k++ {
		digits = digits && isDigitByte(s[k])
		roman = roman && strings.IndexByte("IVXLCDM", s[k]) >= 0
	}
	return digits || roman
}

// isAbbreviation reports whether the point at i closes an abbreviation,
// given that the next sentence would start at k.
func isAbbreviation(s string, i, k int) bool {
	w, ws := wordBefore(s, i)
	if w == "" {
		return false
	}
	if utf8.RuneCountInString(w) == 1 {
		return true // an initial, or part of "U.S.", "e.g."
	}
	if ws > 0 && s[ws-1] == '.' {
		return true // "Ph.D.", "a.m."
	}
	// every abbreviation in the tables is short ASCII: lower-case on the
	// stack (this runs at every full stop of every document)
	var buf [8]byte
	if len(w) > len(buf) {
		return false
	}
	for j := 0; j < len(w); j++ {
		c := w[j]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[j] = c
	}
	kind := abbrevKinds[string(buf[:len(w)])] // a map lookup: no allocation
	switch {
	case kind&abbrevIsAlways != 0:
		return true
	case kind&abbrevIsMonth != 0 && w[0] >= 'A' && w[0] <= 'Z':
		return true
	case kind&abbrevIsBeforeNumber != 0 && k < len(s) && (isDigitByte(s[k]) || romanAt(s, k)):
		return true
	}
	return false
}

// The kinds of abbreviation, as bits: one lookup answers all three tables.
const (
	abbrevIsAlways = 1 << iota
	abbrevIsBeforeNumber
	abbrevIsMonth
)

var abbrevKinds = func() map[string]uint8 {
	m := map[string]uint8{}
	for w, ok := range abbrevAlways {
		if ok {
			m[w] |= abbrevIsAlways
		}
	}
	for w, ok := range abbrevBeforeNumber {
		if ok {
			m[w] |= abbrevIsBeforeNumber
		}
	}
	for w, ok := range months {
		if ok {
			m[w] |= abbrevIsMonth
		}
	}
	return m
}()

// romanAt reports a lower- or upper-case roman numeral word at k ("xii").
func romanAt(s string, k int) bool {
	j := k
	for j < len(s) && strings.IndexByte("ivxlcdmIVXLCDM", s[j]) >= 0 {
		j++
	}
	return j > k && (j == len(s) || !asciiWord[s[j]])
}

// TrimSpan returns sp without the white space (space, tab, line breaks,
// form feed) at its ends.
func TrimSpan(s string, sp Span) Span {
	for sp.Start < sp.End && isSpaceByte(s[sp.Start]) {
		sp.Start++
	}
	for sp.End > sp.Start && isSpaceByte(s[sp.End-1]) {
		sp.End--
	}
	return sp
}

// RomanNumeral writes n (1 to 3999) in lower-case Roman numerals, as note
// and page numbers are printed ("iv", "xii"); other numbers in digits.
func RomanNumeral(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var sb strings.Builder
	for i, v := range vals {
		for n >= v {
			sb.WriteString(syms[i])
			n -= v
		}
	}
	return sb.String()
}
