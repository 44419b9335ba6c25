package reuse

import (
	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/reuse/internal/gram"
)

// Fingerprint is one of the fingerprints Align selects from a document to
// propose pairs: the hash of SeedWords consecutive words (never 0) and
// the index in Document.Tokens of the first of them.
type Fingerprint struct {
	Hash  uint64
	Token int
}

// WinnowWindow is the winnowing window of Fingerprints: any run of
// SeedWords+WinnowWindow-1 words two documents share verbatim shares at
// least one fingerprint.
const WinnowWindow = winnowWindow

// Fingerprints returns the winnowed fingerprints of d under opt, in order
// of position: the ones Align compares to find which documents share
// text, for a persistent index to store and look up. Grams made of stop
// words are never selected.
func Fingerprints(d *compare.Document, opt Options) []Fingerprint {
	opt = opt.withDefaults()
	keys := d.TokenKeys()
	h := gram.Grams(keys, 0, len(keys), opt.SeedWords, nil, nil)
	out := make([]Fingerprint, 0, len(h)*2/(winnowWindow+1)+16)
	gram.WinnowAt(h, winnowWindow, func(i int) { out = append(out, Fingerprint{Hash: h[i], Token: i}) })
	return out
}
