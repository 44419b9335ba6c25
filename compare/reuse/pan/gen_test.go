package pan

import (
	"github.com/crosscheck/crosscheck/compare/reuse/internal/prosegen"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// A generator of labelled text reuse: passages cut from a source text and
// spliced into another text, copied verbatim or with light or heavy edits,
// with the exact character offsets of every case on both sides. It covers
// what the PAN no-obfuscation corpus lacks: edited copies, and truth that
// is exact by construction. The prose it splices, and the word edits, are
// in compare/reuse/internal/prosegen.

// realProse cuts runs of words from a real text (Gibbon, from the shared
// corpora), so that the evaluation meets the repetitions of real prose.
type realProse struct{ all []string }

// halves splits a real text in two, so that a source and the text its
// passages are spliced into never share text by accident.
func (p *realProse) halves() (prosegen.Prose, prosegen.Prose) {
	h := len(p.all) / 2
	return &realProse{p.all[:h]}, &realProse{p.all[h:]}
}

func loadRealProse() *realProse {
	sh := sharedDir()
	if sh == "" {
		return nil
	}
	raw, err := os.ReadFile(filepath.Join(sh, "corpora", "gibbon-vol1", "731.txt"))
	if err != nil {
		return nil
	}
	return &realProse{all: strings.Fields(string(raw))}
}

func (p *realProse) Words(rng *rand.Rand, n int) []string {
	i := rng.IntN(len(p.all) - n)
	return p.all[i : i+n]
}

// genPair is one labelled pair: a suspicious text with passages spliced in
// from a source text, and the cases (character offsets).
type genPair struct {
	susp, src string
	cases     []Case
}

// makePair builds a pair: a source of srcWords words (from srcProse) and a
// suspicious text of suspWords words (from p) with 1 to 3 passages of 40 to 250 words of the source
// spliced in, edited at the given level. Lines are wrapped at different
// widths on the two sides.
func makePair(rng *rand.Rand, srcProse, p prosegen.Prose, level prosegen.Level, srcWords, suspWords int, name string) genPair {
	srcW := srcProse.Words(rng, srcWords)
	var sw prosegen.Writer
	sw.Width = 60 + rng.IntN(40)
	srcOffs := prosegen.WriteWords(&sw, rng, srcW, nil)

	nCases := 1 + rng.IntN(3)
	type cut struct{ from, to int }
	var cuts []cut
	for tries := 0; len(cuts) < nCases && tries < 100; tries++ {
		n := 40 + rng.IntN(211)
		if n >= srcWords {
			break
		}
		from := rng.IntN(srcWords - n)
		c := cut{from, from + n}
		clash := false
		for _, o := range cuts {
			clash = clash || c.from < o.to+20 && o.from < c.to+20
		}
		if !clash { // distinct passages, as in PAN
			cuts = append(cuts, c)
		}
	}
	base := p.Words(rng, suspWords)
	// Splice points in the base text, in order, after a sentence end when
	// one is near.
	at := make([]int, len(cuts))
	for i := range at {
		at[i] = (i*len(base)+rng.IntN(len(base)))/len(cuts) - 1
		at[i] = max(0, at[i])
		for k := 0; k < 30 && at[i] < len(base) && at[i] > 0 && !strings.HasSuffix(base[at[i]-1], "."); k++ {
			at[i]++
		}
	}
	sortInts(at)
	var w prosegen.Writer
	w.Width = 60 + rng.IntN(40)
	pr := genPair{src: ""}
	prev := 0
	for i, c := range cuts {
		prosegen.WriteWords(&w, rng, base[prev:at[i]], nil)
		prev = at[i]
		copyWords := editPassage(rng, p, srcW[c.from:c.to], level)
		offs := prosegen.WriteWords(&w, rng, copyWords, nil)
		if len(offs) == 0 {
			continue
		}
		pr.cases = append(pr.cases, Case{
			Susp: name + "-susp", Src: name + "-src",
			SuspOffset: offs[0][0], SuspLength: offs[len(offs)-1][1] - offs[0][0],
			SrcOffset: srcOffs[c.from][0], SrcLength: srcOffs[c.to-1][1] - srcOffs[c.from][0],
		})
	}
	prosegen.WriteWords(&w, rng, base[prev:], nil)
	pr.susp = w.B.String()
	pr.src = sw.B.String()
	return pr
}

func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// editPassage copies a passage edited at level: with heavy edits its
// sentences are first reordered (see reorderSentences), then the words of
// every level are edited at the level's rates. It never returns an empty
// passage.
func editPassage(rng *rand.Rand, p prosegen.Prose, words []string, level prosegen.Level) []string {
	if level == prosegen.Heavy {
		words = reorderSentences(rng, words)
	}
	out := prosegen.EditWords(rng, p, words, prosegen.LevelRates[level])
	if len(out) == 0 {
		out = append(out, words...)
	}
	return out
}

// reorderSentences returns the words with the order of the sentences
// shuffled within consecutive windows of two to four sentences: a passage
// of up to four sentences is shuffled whole, a longer one is reordered
// locally, as an editor moves sentences around within a paragraph. Words
// after the last sentence end count as one more sentence.
func reorderSentences(rng *rand.Rand, words []string) []string {
	var sents [][]string
	start := 0
	for i, w := range words {
		if wordEndsSentence(w) || i == len(words)-1 {
			sents = append(sents, words[start:i+1])
			start = i + 1
		}
	}
	out := make([]string, 0, len(words))
	for len(sents) > 0 {
		n := min(len(sents), 2+rng.IntN(3))
		win := sents[:n]
		sents = sents[n:]
		rng.Shuffle(len(win), func(i, j int) { win[i], win[j] = win[j], win[i] })
		for _, s := range win {
			out = append(out, s...)
		}
	}
	return out
}

// wordEndsSentence reports whether a word (with its punctuation attached) ends
// a sentence: it ends in '.', '!' or '?', perhaps followed by closing quotes
// or brackets.
func wordEndsSentence(w string) bool {
	w = strings.TrimRight(w, "\"')]”’")
	return strings.HasSuffix(w, ".") || strings.HasSuffix(w, "!") || strings.HasSuffix(w, "?")
}
