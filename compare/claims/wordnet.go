package claims

import (
	"strconv"
	"strings"
	"sync"
)

// lexicon is the parsed form of the generated WordNet tables, built on
// first use (parsing takes a few tens of milliseconds).
type lexicon struct {
	antonyms   map[string]byte    // "a|b" (a < b) → 'd' direct or 'i' indirect
	exceptions map[string]string  // irregular form → base ("men" → "man")
	senses     map[string][]int32 // "n|word" → first synset ids
	hypernyms  map[int32][]int32
}

var (
	lexOnce sync.Once
	lex     *lexicon
)

func wordnet() *lexicon {
	lexOnce.Do(func() {
		l := &lexicon{
			antonyms:   map[string]byte{},
			exceptions: map[string]string{},
			senses:     map[string][]int32{},
			hypernyms:  map[int32][]int32{},
		}
		eachLine(wordnetAntonyms, func(f []string) {
			if len(f) == 4 {
				k := pairKey(f[1], f[2])
				if old, ok := l.antonyms[k]; !ok || old == 'i' {
					l.antonyms[k] = f[3][0]
				}
			}
		})
		eachLine(wordnetExceptions, func(f []string) {
			if len(f) == 2 {
				l.exceptions[f[0]] = f[1]
			}
		})
		eachLine(wordnetSenses, func(f []string) {
			if len(f) >= 3 {
				l.senses[f[0]+"|"+f[1]] = atoiAll(f[2:])
			}
		})
		eachLine(wordnetHypernyms, func(f []string) {
			if len(f) >= 2 {
				ids := atoiAll(f)
				l.hypernyms[ids[0]] = ids[1:]
			}
		})
		lex = l
	})
	return lex
}

func eachLine(s string, fn func([]string)) {
	for len(s) > 0 {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			i = len(s)
		}
		if line := s[:i]; line != "" {
			fn(strings.Fields(line))
		}
		if i == len(s) {
			break
		}
		s = s[i+1:]
	}
}

func atoiAll(fs []string) []int32 {
	out := make([]int32, 0, len(fs))
	for _, f := range fs {
		n, err := strconv.Atoi(f)
		if err == nil {
			out = append(out, int32(n))
		}
	}
	return out
}

func pairKey(a, b string) string {
	if a > b {
		a, b = b, a
	}
	return a + "|" + b
}

// Antonyms reports whether WordNet opposes the two lemmas, and whether the
// opposition is direct (an antonym pointer between them) rather than
// indirect (an adjective similar to one that has the antonym).
func Antonyms(a, b string) (opposed, direct bool) {
	k, ok := wordnet().antonyms[pairKey(a, b)]
	return ok, k == 'd'
}

// hasPOS reports whether WordNet knows lemma as the part of speech
// (n, v, a or r).
func hasPOS(pos byte, lemma string) bool {
	_, ok := wordnet().senses[string(pos)+"|"+lemma]
	return ok
}

// lemmaOf returns the WordNet base form of a lower-case word for the part
// of speech, trying the exception list and then the regular endings.
func lemmaOf(pos byte, w string) string {
	l := wordnet()
	if b, ok := l.exceptions[w]; ok && hasPOS(pos, b) {
		return b
	}
	if hasPOS(pos, w) {
		return w
	}
	var rules [][2]string
	switch pos {
	case 'n':
		rules = [][2]string{{"ies", "y"}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"s", ""}}
	case 'v':
		rules = [][2]string{{"ies", "y"}, {"es", "e"}, {"es", ""}, {"s", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}}
	case 'a':
		rules = [][2]string{{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}}
	}
	for _, r := range rules {
		if strings.HasSuffix(w, r[0]) && len(w) > len(r[0])+1 {
			b := w[:len(w)-len(r[0])] + r[1]
			if hasPOS(pos, b) {
				return b
			}
			// doubled consonant: "running" → "run", "sitting" → "sit"
			if (r[0] == "ing" || r[0] == "ed") && r[1] == "" && len(b) >= 3 && b[len(b)-1] == b[len(b)-2] && hasPOS(pos, b[:len(b)-1]) {
				return b[:len(b)-1]
			}
		}
	}
	return ""
}

// relation is how two lemmas of one part of speech relate in WordNet.
type relation int

const (
	unrelated relation = iota
	same               // equal, or sharing one of their first senses
	narrower           // the first is a kind of the second (hypernym within a few levels)
	broader            // the second is a kind of the first
)

// relate says how lemma a relates to lemma b as the part of speech.
func relate(pos byte, a, b string) relation {
	if a == b {
		return same
	}
	l := wordnet()
	if len(l.senses[string(pos)+"|"+a]) == 0 || len(l.senses[string(pos)+"|"+b]) == 0 {
		return unrelated
	}
	k := string(pos) + a + "|" + b
	if r, ok := relCache.Load(k); ok {
		return r.(relation)
	}
	r := relateUncached(pos, a, b)
	relCache.Store(k, r)
	return r
}

// relCache remembers WordNet relations between word pairs.
var relCache sync.Map

func relateUncached(pos byte, a, b string) relation {
	l := wordnet()
	sa := l.senses[string(pos)+"|"+a]
	sb := l.senses[string(pos)+"|"+b]
	if len(sa) == 0 || len(sb) == 0 {
		return unrelated
	}
	for _, x := range sa {
		for _, y := range sb {
			if x == y {
				return same
			}
		}
	}
	if l.reaches(sa, sb) {
		return narrower
	}
	if l.reaches(sb, sa) {
		return broader
	}
	return unrelated
}

// reaches reports whether a hypernym chain from one of from leads to one of to.
func (l *lexicon) reaches(from, to []int32) bool {
	frontier := from
	for depth := 0; depth < 3 && len(frontier) > 0; depth++ {
		var next []int32
		for _, s := range frontier {
			for _, h := range l.hypernyms[s] {
				for _, t := range to {
					if h == t {
						return true
					}
				}
				next = append(next, h)
			}
		}
		frontier = next
	}
	return false
}
