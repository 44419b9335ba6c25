package reuse

import (
	"context"
	"testing"

	"github.com/crosscheck/crosscheck/seeds"
)

// TestSeedsShareOnlyStockPhrases pins the figures behind DefaultMinWords:
// the seed documents share no passage at the default minimum, the longest
// stretch any two share is a stock phrase of 10 words, and most of their
// sentences are longer than the minimum.
func TestSeedsShareOnlyStockPhrases(t *testing.T) {
	docs, err := seeds.Documents()
	if err != nil {
		t.Fatal(err)
	}
	pairs, err := Align(context.Background(), docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pairs) != 0 {
		t.Errorf("seeds share passages at the default minimum: %+v", pairs)
	}
	longest := 0
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			for _, p := range AlignPair(docs[i], docs[j], Options{MinWords: 3, SeedWords: 3, MinSimilarity: 0.3}) {
				longest = max(longest, p.Matched)
			}
		}
	}
	long, total := 0, 0
	for _, d := range docs {
		for _, s := range d.Sentences {
			total++
			if wordsIn(d, s) >= DefaultMinWords {
				long++
			}
		}
	}
	t.Logf("longest shared stretch %d words; %d of %d sentences have at least %d words", longest, long, total, DefaultMinWords)
	if longest >= DefaultMinWords || longest < 8 {
		t.Errorf("longest shared stretch %d words: the default minimum %d needs a new argument", longest, DefaultMinWords)
	}
	if 10*long < 8*total {
		t.Errorf("only %d of %d sentences reach the default minimum", long, total)
	}
}
