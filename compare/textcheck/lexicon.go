package textcheck

import (
	"strings"

	"github.com/crosscheck/crosscheck/compare/lang"
)

// lexicon answers whether a lower-case word is an English word, from the
// closed classes and WordNet (with its inflection rules), caching each
// answer: the WordNet tables are searched once per distinct word.
type lexicon struct {
	known map[string]bool
}

// maxCached bounds the cache; past it, answers are computed each time.
const maxCached = 1 << 16

func newLexicon() *lexicon { return &lexicon{known: map[string]bool{}} }

// isWord reports whether w (lower case) is an English word.
func (l *lexicon) isWord(w string) bool {
	if w == "" || len(w) > 40 {
		return false
	}
	if k, ok := l.known[w]; ok {
		return k
	}
	k := closedClass[w] || lookUp(w)
	if len(l.known) < maxCached {
		l.known[strings.Clone(w)] = k
	}
	return k
}

func lookUp(w string) bool {
	if lang.IsFunctionWord(w) || lang.IsDeterminer(w) || lang.IsPronoun(w) || lang.IsPreposition(w) ||
		lang.IsCoordinator(w) || lang.IsSubordinator(w) || lang.IsAuxiliary(w) || lang.IsModal(w) {
		return true
	}
	for _, pos := range []byte{'n', 'v', 'a'} {
		if lang.LemmaOf(pos, w) != "" {
			return true
		}
	}
	if lang.HasPOS('r', w) {
		return true
	}
	// possessives and comparatives WordNet's rules miss
	if b, ok := strings.CutSuffix(w, "'s"); ok {
		return lookUp(b)
	}
	return false
}

// closedClass holds common words WordNet leaves out.
var closedClass = set("a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "by", "for", "with",
	"from", "as", "is", "was", "are", "were", "be", "been", "has", "have", "had", "not", "but", "that",
	"which", "this", "these", "those", "it", "its", "their", "his", "her", "our", "my", "your", "into",
	"upon", "than", "then", "who", "whom", "whose", "would", "should", "could", "shall", "will", "may",
	"theirs", "hers", "ours", "yours", "oneself", "whereby", "wherein", "whereupon", "whereof", "whither",
	"whence", "thereby", "therein", "thereof", "hereby", "herein", "amidst", "amongst", "whilst",
	"online", "offline", "login", "signup", "inline", "onboard", "dropdown", "email", "website", "webpage")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
