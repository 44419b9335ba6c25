package reuse

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Synthetic prose for the tests: words drawn from a made-up vocabulary,
// written out with line breaks and paragraphs, and edited word by word.
// compare/reuse/pan/prose_test.go holds the same code (package pan), for
// the PAN evaluation's generator: keep the two in step.

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

func capitalise(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[n:]
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
