package reuse

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A generator of labelled text reuse: passages cut from a source text and
// spliced into another text, copied verbatim or with light or heavy edits,
// with the exact character offsets of every case on both sides. It covers
// what the PAN no-obfuscation corpus lacks: edited copies, and truth that
// is exact by construction.

// editLevel is how much a spliced passage is edited.
type editLevel int

const (
	editNone editLevel = iota
	editLight
	editHeavy
)

func (l editLevel) String() string { return [...]string{"none", "light", "heavy"}[l] }

// editRates are per-word probabilities of each kind of edit.
type editRates struct {
	replace, delete, insert, swap float64 // change the words
	recase, repunct               float64 // change only case or punctuation
}

// rates of each level. Light: about one word in twelve changed (replaced,
// deleted, inserted or swapped with the next), and one in twenty
// re-cased or re-punctuated. Heavy, as issue 18 defines it: a third of the
// words changed (a word-level edit distance of 0.30 per source word, held
// by TestHeavyEditRate), and the sentences reordered (see editPassage).
var levelRates = map[editLevel]editRates{
	editNone:  {},
	editLight: editRates{replace: 0.03, delete: 0.02, insert: 0.02, swap: 0.015, recase: 0.05, repunct: 0.05},
	editHeavy: editRates{replace: 0.12, delete: 0.07, insert: 0.07, swap: 0.035, recase: 0.10, repunct: 0.10},
}

// prose produces base text as words with their punctuation attached.
type prose interface {
	words(rng *rand.Rand, n int) []string
}

// syntheticProse draws words from a Zipf-distributed vocabulary of made-up
// words, with English function words at their usual share, in sentences of
// 6 to 30 words.
type syntheticProse struct {
	vocab []string
	zipf  func(*rand.Rand) int
}

var functionWords = strings.Fields("the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were her she there been their one all we would will what when who")

func newSyntheticProse(seed uint64, size int) *syntheticProse {
	rng := rand.New(rand.NewPCG(seed, 7))
	syll := strings.Fields("ka ri to me sa lo nu ve di pa tor man el an is ur ost ing ber con pre ex ta mi re")
	seen := map[string]bool{}
	var vocab []string
	for len(vocab) < size {
		n := 1 + rng.IntN(4)
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(syll[rng.IntN(len(syll))])
		}
		if w := b.String(); !seen[w] && len(w) > 2 {
			seen[w] = true
			vocab = append(vocab, w)
		}
	}
	// Zipf over ranks via inverse transform of a power law, s ≈ 1.
	p := &syntheticProse{vocab: vocab}
	p.zipf = func(r *rand.Rand) int {
		x := r.Float64()
		return min(len(vocab)-1, int(float64(len(vocab))*x*x*x))
	}
	return p
}

func (p *syntheticProse) words(rng *rand.Rand, n int) []string {
	out := make([]string, 0, n)
	for len(out) < n {
		sl := 6 + rng.IntN(25)
		for i := 0; i < sl && len(out) < n; i++ {
			var w string
			if rng.Float64() < 0.45 {
				w = functionWords[min(len(functionWords)-1, int(float64(len(functionWords))*rng.Float64()*rng.Float64()))]
			} else {
				w = p.vocab[p.zipf(rng)]
			}
			if i == 0 {
				w = capitalise(w)
			}
			if i == sl-1 {
				w += "."
			} else if rng.Float64() < 0.06 {
				w += ","
			}
			out = append(out, w)
		}
	}
	return out
}

// realProse cuts runs of words from a real text (Gibbon, from the shared
// corpora), so that the evaluation meets the repetitions of real prose.
type realProse struct{ all []string }

// halves splits a real text in two, so that a source and the text its
// passages are spliced into never share text by accident.
func (p *realProse) halves() (prose, prose) {
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

func (p *realProse) words(rng *rand.Rand, n int) []string {
	i := rng.IntN(len(p.all) - n)
	return p.all[i : i+n]
}

func capitalise(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[n:]
}

// genPair is one labelled pair: a suspicious text with passages spliced in
// from a source text, and the cases (character offsets).
type genPair struct {
	susp, src string
	cases     []PANCase
}

// textWriter joins words with spaces, breaking lines at about width columns,
// and counts characters (code points) as PAN does.
type textWriter struct {
	b     strings.Builder
	chars int
	col   int
	width int
	flat  bool // no paragraph breaks
}

func (w *textWriter) word(s string) (start, end int) {
	if w.chars > 0 {
		if w.col+1+utf8.RuneCountInString(s) > w.width {
			w.b.WriteByte('\n')
			w.col = 0
		} else {
			w.b.WriteByte(' ')
			w.col++
		}
		w.chars++
	}
	start = w.chars
	n := utf8.RuneCountInString(s)
	w.b.WriteString(s)
	w.chars += n
	w.col += n
	return start, w.chars
}

func (w *textWriter) paragraph() {
	w.b.WriteString("\n\n")
	w.chars += 2
	w.col = 0
}

// writeWords writes words, starting a paragraph after about one sentence in
// six, and returns the character offsets of each word.
func writeWords(w *textWriter, rng *rand.Rand, words []string, offs [][2]int) [][2]int {
	for _, s := range words {
		a, b := w.word(s)
		offs = append(offs, [2]int{a, b})
		if !w.flat && strings.HasSuffix(s, ".") && rng.Float64() < 0.15 {
			w.paragraph()
		}
	}
	return offs
}

// makePair builds a pair: a source of srcWords words (from srcProse) and a
// suspicious text of suspWords words (from p) with 1 to 3 passages of 40 to 250 words of the source
// spliced in, edited at the given level. Lines are wrapped at different
// widths on the two sides.
func makePair(rng *rand.Rand, srcProse, p prose, level editLevel, srcWords, suspWords int, name string) genPair {
	srcW := srcProse.words(rng, srcWords)
	var sw textWriter
	sw.width = 60 + rng.IntN(40)
	srcOffs := writeWords(&sw, rng, srcW, nil)

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
	base := p.words(rng, suspWords)
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
	var w textWriter
	w.width = 60 + rng.IntN(40)
	pr := genPair{src: ""}
	prev := 0
	for i, c := range cuts {
		writeWords(&w, rng, base[prev:at[i]], nil)
		prev = at[i]
		copyWords := editPassage(rng, p, srcW[c.from:c.to], level)
		offs := writeWords(&w, rng, copyWords, nil)
		if len(offs) == 0 {
			continue
		}
		pr.cases = append(pr.cases, PANCase{
			Susp: name + "-susp", Src: name + "-src",
			SuspOffset: offs[0][0], SuspLength: offs[len(offs)-1][1] - offs[0][0],
			SrcOffset: srcOffs[c.from][0], SrcLength: srcOffs[c.to-1][1] - srcOffs[c.from][0],
		})
	}
	writeWords(&w, rng, base[prev:], nil)
	pr.susp = w.b.String()
	pr.src = sw.b.String()
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
func editPassage(rng *rand.Rand, p prose, words []string, level editLevel) []string {
	if level == editHeavy {
		words = reorderSentences(rng, words)
	}
	out := editWords(rng, p, words, levelRates[level])
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

// editWords copies words with random edits at the given rates.
func editWords(rng *rand.Rand, p prose, words []string, r editRates) []string {
	out := make([]string, 0, len(words)+len(words)/8)
	filler := p.words(rng, len(words)/4+4)
	fill := func() string { return strings.Trim(filler[rng.IntN(len(filler))], ".,;:") }
	for i := 0; i < len(words); i++ {
		w := words[i]
		x := rng.Float64()
		switch {
		case x < r.replace:
			w = fill() + trailingPunct(w)
		case x < r.replace+r.delete:
			continue
		case x < r.replace+r.delete+r.insert:
			if f := fill(); f != "" {
				out = append(out, f)
			}
		case x < r.replace+r.delete+r.insert+r.swap && i+1 < len(words):
			out = append(out, words[i+1])
			i++
		}
		if rng.Float64() < r.recase {
			w = toggleCase(w)
		}
		if rng.Float64() < r.repunct {
			if p := trailingPunct(w); p != "" {
				w = strings.TrimSuffix(w, p)
			} else {
				w += ","
			}
		}
		if w != "" { // a word of bare punctuation loses it all
			out = append(out, w)
		}
	}
	return out
}

func trailingPunct(w string) string {
	t := strings.TrimRight(w, ".,;:!?")
	return w[len(t):]
}

func toggleCase(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) {
		return string(unicode.ToLower(r)) + w[n:]
	}
	return string(unicode.ToUpper(r)) + w[n:]
}
