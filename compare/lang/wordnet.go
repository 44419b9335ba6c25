package lang

import (
	"strconv"
	"strings"
)

// The WordNet tables (wordnet_data.go, wordnet_senses.go) are constant strings of sorted
// lines, looked up in place by binary search: they live in the binary's
// read-only data, cost no heap and no start-up time, and pages of them are
// only read when a lookup touches them. Callers cache lookups per word
// form and per pair of words, so the binary search runs once per distinct
// word or pair.

// findLine returns the line of a sorted table whose key is key; a line's
// key is its first field, or its first two fields when two is set. Lemmas
// hold no byte below the space, so comparing keys as strings follows the
// table's order.
func findLine(table, key string, two bool) (string, bool) {
	return searchLines(table, func(line string) int { return strings.Compare(lineKey(line, two), key) })
}

// searchLines finds by binary search the line of a sorted table for which
// cmp (how the line compares with the one sought) is 0.
func searchLines(table string, cmp func(line string) int) (string, bool) {
	s, e, ok := searchLinesAt(table, cmp)
	return table[s:e], ok
}

// searchLinesAt is searchLines giving where the line is: table[s:e].
func searchLinesAt(table string, cmp func(line string) int) (s, e int, ok bool) {
	lo, hi := 0, len(table) // the line sought starts in [lo, hi); both are line starts
	for lo < hi {
		mid := lo + (hi-lo)/2
		s := lo + strings.LastIndexByte(table[lo:mid], '\n') + 1
		e := s + strings.IndexByte(table[s:], '\n')
		if e < s {
			e = len(table)
		}
		switch c := cmp(table[s:e]); {
		case c == 0:
			return s, e, true
		case c < 0:
			lo = e + 1
		default:
			hi = s
		}
	}
	return 0, 0, false
}

// lineKey is the first field of a line, or its first two fields.
func lineKey(line string, two bool) string {
	i := strings.IndexByte(line, ' ')
	if i < 0 {
		return line
	}
	if two {
		if j := strings.IndexByte(line[i+1:], ' '); j >= 0 {
			return line[:i+1+j]
		}
		return line
	}
	return line[:i]
}

// Antonyms reports whether WordNet opposes the two lemmas, and whether the
// opposition is direct (an antonym pointer between them) rather than
// indirect (an adjective similar to one that has the antonym).
func Antonyms(a, b string) (opposed, direct bool) {
	if a == b || a == "" || b == "" {
		return false, false
	}
	if a > b {
		a, b = b, a
	}
	return antonymsIn(antonymBlock(a), a, b)
}

// antonymBlock returns the lines of wordnetAntonyms whose first word is w:
// they follow one another, the table being sorted. A caller that meets a
// word in many pairs keeps its block (WordSenses does), so that a pair
// costs a scan of a few lines rather than a search of the table.
func antonymBlock(w string) string {
	t := wordnetAntonyms
	s, e, ok := searchLinesAt(t, func(line string) int { return strings.Compare(lineKey(line, false), w) })
	if !ok {
		return ""
	}
	for s > 0 {
		p := strings.LastIndexByte(t[:s-1], '\n') + 1
		if lineKey(t[p:s-1], false) != w {
			break
		}
		s = p
	}
	for e < len(t) {
		n := strings.IndexByte(t[e+1:], '\n')
		if n < 0 {
			n = len(t) - e - 1
		}
		if lineKey(t[e+1:e+1+n], false) != w {
			break
		}
		e += 1 + n
	}
	return t[s:e]
}

// antonymsIn is Antonyms for a < b, with block antonymBlock(a).
func antonymsIn(block, a, b string) (opposed, direct bool) {
	for block != "" {
		line, rest, _ := strings.Cut(block, "\n")
		block = rest
		if _, second, _ := strings.Cut(line, " "); strings.HasPrefix(second, b) && len(second) > len(b) && second[len(b)] == ' ' {
			return true, strings.HasSuffix(line, " d")
		}
	}
	o := newsPairs[[2]string{a, b}]
	return o, o
}

// newsAntonyms are the opposed predicates of news and reports that
// WordNet does not pair (each pair in alphabetical order): a decision
// approved or rejected, a figure that grew or declined, a vote won or a
// seat gained or lost, a claim confirmed or denied.
var newsAntonyms = set("approve reject", "oppose support", "confirm deny", "gain lose", "grow shrink",
	"decline rise", "decline grow", "decline increase", "drop rise", "drop grow", "drop increase",
	"climb fall", "climb drop", "climb decline", "fall grow", "fall increase", "rise shrink",
	"endorse reject", "back oppose", "accept refuse", "admit deny", "lift impose", "ratify reject",
	"cut raise", "cut increase")

// newsPairs is newsAntonyms keyed by the pair of words, the smaller first.
var newsPairs = func() map[[2]string]bool {
	m := map[[2]string]bool{}
	for p := range newsAntonyms {
		a, b, _ := strings.Cut(p, " ")
		m[[2]string{min(a, b), max(a, b)}] = true
	}
	return m
}()

// newsAntonymWords are the words of newsAntonyms.
var newsAntonymWords = func() map[string]bool {
	m := map[string]bool{}
	for p := range newsAntonyms {
		a, b, _ := strings.Cut(p, " ")
		m[a], m[b] = true, true
	}
	return m
}()

// HasAntonym reports whether WordNet lists an antonym of the lemma, as
// any part of speech (or newsAntonyms pairs it).
func HasAntonym(lemma string) bool {
	if newsAntonymWords[lemma] {
		return true
	}
	if lemma == "" || !mayHave(tagAntonyms, lemma, "") {
		return false
	}
	_, ok := findLine(wordnetAntonymWords, lemma, false)
	return ok
}

// Senses returns the ids of the first senses of lemma as the part of
// speech (n, v, a or r), most frequent first, appended to buf.
func Senses(pos byte, lemma string, buf []int32) []int32 {
	if !mayHavePOS(pos, lemma) {
		return buf
	}
	line, ok := findLine(wordnetSenses, string(pos)+" "+lemma, true)
	if !ok {
		return buf
	}
	return appendInts(buf, line[2+len(lemma):])
}

// HasPOS reports whether WordNet knows lemma as the part of speech.
func HasPOS(pos byte, lemma string) bool {
	if !mayHavePOS(pos, lemma) {
		return false
	}
	_, ok := findLine(wordnetSenses, string(pos)+" "+lemma, true)
	return ok
}

// mayHavePOS is the filter's answer for the senses key pos+" "+lemma.
func mayHavePOS(pos byte, lemma string) bool {
	var p [1]byte
	p[0] = pos
	return lemma != "" && mayHave(tagSenses, string(p[:]), lemma)
}

// Hypernyms returns the ids of the hypernyms of synset id, appended to buf.
func Hypernyms(id int32, buf []int32) []int32 {
	key := strconv.Itoa(int(id))
	// the table is sorted by number: shorter numbers first, then as strings
	line, ok := searchLines(wordnetHypernyms, func(line string) int {
		k := lineKey(line, false)
		if len(k) != len(key) {
			return len(k) - len(key)
		}
		return strings.Compare(k, key)
	})
	if !ok {
		return buf
	}
	return appendInts(buf, line[len(key):])
}

// ExceptionBase returns the base form WordNet's exception list for the
// part of speech gives an irregular inflection ("men" → "man" as a noun,
// "held" → "hold" as a verb), or "".
func ExceptionBase(pos byte, w string) string {
	var p [1]byte
	p[0] = pos
	if w == "" || !mayHave(tagExceptions, w, string(p[:])) {
		return ""
	}
	line, ok := findLine(wordnetExceptions, w+" "+string(pos), true)
	if !ok {
		return ""
	}
	return line[len(w)+3:]
}

// appendInts appends the space-separated numbers of s to buf.
func appendInts(buf []int32, s string) []int32 {
	n, in := 0, false
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] >= '0' && s[i] <= '9' {
			n = n*10 + int(s[i]-'0')
			in = true
			continue
		}
		if in {
			buf = append(buf, int32(n))
		}
		n, in = 0, false
	}
	return buf
}

// LemmaOf returns the WordNet base form of a lower-case word for the part
// of speech, trying the exception list and then the regular endings.
func LemmaOf(pos byte, w string) string {
	if b := ExceptionBase(pos, w); b != "" && HasPOS(pos, b) {
		return b
	}
	if HasPOS(pos, w) {
		return w
	}
	var rules [][2]string
	switch pos {
	case 'n':
		rules = nounRules
	case 'v':
		rules = verbRules
	case 'a':
		rules = adjRules
	}
	for _, r := range rules {
		if strings.HasSuffix(w, r[0]) && len(w) > len(r[0])+1 {
			b := w[:len(w)-len(r[0])] + r[1]
			if HasPOS(pos, b) {
				return b
			}
			// doubled consonant: "running" → "run", "sitting" → "sit"
			if (r[0] == "ing" || r[0] == "ed") && r[1] == "" && len(b) >= 3 && b[len(b)-1] == b[len(b)-2] && HasPOS(pos, b[:len(b)-1]) {
				return b[:len(b)-1]
			}
		}
	}
	return ""
}

// WordNet's detachment rules (morphy), per part of speech.
var (
	nounRules = [][2]string{{"ies", "y"}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"s", ""}}
	verbRules = [][2]string{{"ies", "y"}, {"es", "e"}, {"es", ""}, {"s", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}}
	adjRules  = [][2]string{{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}}
)

// Relation is how two lemmas of one part of speech relate in WordNet.
type Relation int

// The relations, as Relate finds them.
const (
	Unrelated Relation = iota
	Same               // equal, or sharing one of their first senses
	Narrower           // the first is a kind of the second (hypernym within a few levels)
	Broader            // the second is a kind of the first
)

// Relate says how lemma a relates to lemma b as the part of speech. It
// reads the tables every time; callers cache.
func Relate(pos byte, a, b string) Relation {
	if a == b {
		return Same
	}
	var buf [8]int32
	sa := Senses(pos, a, buf[:0])
	sb := Senses(pos, b, buf[len(sa):len(sa)])
	if len(sa) == 0 || len(sb) == 0 {
		return Unrelated
	}
	for _, x := range sa {
		for _, y := range sb {
			if x == y {
				return Same
			}
		}
	}
	if reaches(sa, sb) {
		return Narrower
	}
	if reaches(sb, sa) {
		return Broader
	}
	return Unrelated
}

// reaches reports whether a hypernym chain from one of from leads to one
// of to within three levels.
func reaches(from, to []int32) bool {
	frontier := append([]int32(nil), from...)
	var next []int32
	for depth := 0; depth < 3 && len(frontier) > 0; depth++ {
		next = next[:0]
		for _, s := range frontier {
			start := len(next)
			next = Hypernyms(s, next)
			for _, h := range next[start:] {
				for _, t := range to {
					if h == t {
						return true
					}
				}
			}
		}
		frontier, next = next, frontier
	}
	return false
}
