package lang

import "github.com/crosscheck/crosscheck/compare/lang/internal/porter2"

// Stem returns the Porter2 (Snowball English) stem of a lower-case ASCII
// word; other words are returned unchanged. Stems make "cooperation",
// "cooperative" and "cooperating" one index term.
func Stem(w string) string {
	if len(w) <= 2 || !IsLowerASCII(w) {
		return w
	}
	return porter2.Stem(w)
}

// IsLowerASCII reports whether w holds only the letters a to z and
// apostrophes: a word the stemmer and the WordNet tables can read.
func IsLowerASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if (c < 'a' || c > 'z') && c != '\'' {
			return false
		}
	}
	return true
}
