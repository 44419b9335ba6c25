package reuse

import (
	"slices"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/reuse/internal/gram"
)

// TestFingerprintsAreWinnowed checks that Fingerprints selects what Align's
// winnowing selects, at the positions whose grams have those hashes.
func TestFingerprintsAreWinnowed(t *testing.T) {
	d := compare.NewTextDocument("a.txt", "The quick brown fox jumps over the lazy dog near the river bank, "+
		"and then the quick brown fox runs far away into the dark forest where nobody can find it again.")
	fps := Fingerprints(d, Options{})
	keys := d.TokenKeys()
	h := gram.Grams(keys, 0, len(keys), DefaultSeedWords, nil, nil)
	var want []uint64
	gram.Winnow(h, winnowWindow, func(x uint64) { want = append(want, x) })
	var got []uint64
	for _, f := range fps {
		if f.Hash != h[f.Token] {
			t.Fatalf("fingerprint at token %d has hash %x, the gram there %x", f.Token, f.Hash, h[f.Token])
		}
		got = append(got, f.Hash)
	}
	if !slices.Equal(got, want) || len(got) == 0 {
		t.Fatalf("Fingerprints selected %d hashes, winnow %d (or they differ)", len(got), len(want))
	}
}
