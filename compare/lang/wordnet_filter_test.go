package lang

import (
	"strings"
	"testing"
)

// The filter lets through every key of the tables, and few others.
func TestWordNetFilter(t *testing.T) {
	n := 0
	lines := func(table string) []string { return strings.Split(strings.TrimSuffix(table, "\n"), "\n") }
	for _, line := range lines(wordnetSenses) {
		pos, lemma, _ := strings.Cut(line, " ")
		lemma, _, _ = strings.Cut(lemma, " ")
		if !mayHavePOS(pos[0], lemma) || !HasPOS(pos[0], lemma) {
			t.Fatalf("senses %q: not found", line)
		}
		n++
	}
	for _, line := range lines(wordnetExceptions) {
		f := strings.Fields(line)
		if ExceptionBase(f[1][0], f[0]) == "" {
			t.Fatalf("exception %q: not found", line)
		}
	}
	for _, line := range lines(wordnetAntonymWords) {
		if !HasAntonym(lineKey(line, false)) {
			t.Fatalf("antonym word %q: not found", line)
		}
	}
	// made-up words: the filter answers almost all
	through := 0
	const tries = 20000
	for i := 0; i < tries; i++ {
		w := string(rune('b'+i%20)) + "qz" + strings.Repeat(string(rune('a'+i/20%26)), 1+i/520)
		if mayHavePOS('n', w) {
			through++
		}
	}
	if through > tries/100 {
		t.Errorf("%d of %d absent words let through", through, tries)
	}
	t.Logf("%d senses keys; %d of %d absent words let through", n, through, tries)
}
