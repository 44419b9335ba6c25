package reuse

import "github.com/crosscheck/crosscheck/compare"

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
	h := grams(keys, 0, len(keys), opt.SeedWords, nil, nil)
	out := make([]Fingerprint, 0, len(h)*2/(winnowWindow+1)+16)
	winnowAt(h, winnowWindow, func(i int) { out = append(out, Fingerprint{Hash: h[i], Token: i}) })
	return out
}

// winnowAt selects grams of h by robust winnowing and reports their
// positions; winnow reports their hashes (see there for the rule).
func winnowAt(h []uint64, w int, emit func(i int)) {
	if w <= 1 {
		for i, x := range h {
			if x != 0 {
				emit(i)
			}
		}
		return
	}
	dq := make([]int, 0, w)
	head := 0
	lastEmitted := -1
	for i, x := range h {
		if x == 0 {
			x = ^uint64(0)
		}
		for len(dq) > head && valueAt(h, dq[len(dq)-1]) >= x {
			dq = dq[:len(dq)-1]
		}
		dq = append(dq, i)
		if dq[head] <= i-w {
			head++
		}
		if head > w {
			dq = append(dq[:0], dq[head:]...)
			head = 0
		}
		if i >= w-1 || i == len(h)-1 {
			m := dq[head]
			if m != lastEmitted && h[m] != 0 {
				emit(m)
				lastEmitted = m
			}
		}
	}
}
