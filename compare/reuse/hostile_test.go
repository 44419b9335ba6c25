package reuse

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
)

// Generators of hostile inputs for the tests and benchmarks of the
// engine's bounds: text the alignment must not blow up on.

// tinyVocabulary is the vocabulary of vocabularyLine: none is a stop word.
var tinyVocabulary = strings.Fields("alpha beta gamma delta eps zeta eta theta iota kappa lambda mu nu xi omi pi rho sigma tau ups")

// vocabularyLine is one line of about size bytes of words drawn at random
// from the first v words of tinyVocabulary: every 4-word sequence occurs
// about n/v⁴ times, so chance matches are everywhere.
func vocabularyLine(size, v int, seed uint64) []byte {
	rng := rand.New(rand.NewPCG(seed, 11))
	var b bytes.Buffer
	b.Grow(size + 16)
	for b.Len() < size {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(tinyVocabulary[rng.IntN(v)])
	}
	return b.Bytes()
}

// templatedSentences is about size bytes of one sentence template with
// numbers and dates that cycle with different periods: sentences share
// most of their words with many others, and runs of them with few.
func templatedSentences(size int) []byte {
	var b bytes.Buffer
	b.Grow(size + 128)
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "In %d the figure was %d and on March %d, %d it rose by %d%% to %d units. ",
			1900+i%120, i*37%10000, i%28+1, 1950+i%70, i%90, i*13%5000)
	}
	return b.Bytes()
}

// editedCopies is n copies of text, the i-th with every occurrence of
// mark changed to mark<i>: copies of each other between two marks only, as
// in a collection of lightly edited versions pasted into one file.
func editedCopies(text []byte, n int, mark string) []byte {
	var b bytes.Buffer
	for i := 1; i <= n; i++ {
		b.Write(bytes.ReplaceAll(text, []byte(mark), fmt.Appendf(nil, "%s%d", mark, i)))
		b.WriteString("\n\n")
	}
	return b.Bytes()
}

// smallEdits returns a copy of raw with n stretches of 5 bytes overwritten
// at random places.
func smallEdits(raw []byte, n int, seed uint64) []byte {
	rng := rand.New(rand.NewPCG(seed, 13))
	out := bytes.Clone(raw)
	for range n {
		i := rng.IntN(len(out) - 10)
		copy(out[i:], "XYZZY")
	}
	return out
}

// drafts returns n drafts of a text of about size bytes of prose: each is
// the text with one word in 200 replaced at random.
func drafts(n, size int, seed uint64) [][]byte {
	base := strings.Fields(string(proseBytes(size, seed, 72)))
	out := make([][]byte, n)
	for d := range out {
		rng := rand.New(rand.NewPCG(seed, uint64(d)))
		w := append([]string(nil), base...)
		for range len(w) / 200 {
			w[rng.IntN(len(w))] = tinyVocabulary[rng.IntN(6)]
		}
		out[d] = []byte(strings.Join(w, " "))
	}
	return out
}

// versionFamilies returns families×per documents of about size bytes:
// per versions of each of families texts, as drafts makes them.
func versionFamilies(families, per, size int) [][]byte {
	var out [][]byte
	for f := range families {
		out = append(out, drafts(per, size, uint64(100+f))...)
	}
	return out
}
