// Package prosegen writes synthetic prose for the reuse engine's tests and
// benchmarks: words drawn from a made-up vocabulary with English function
// words at their usual share, written out with line breaks and paragraphs
// (with each word's offsets in code points, as PAN counts them), and
// copies edited word by word at a given level. Only tests import it.
package prosegen

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Level is how much a spliced passage is edited.
type Level int

const (
	None Level = iota
	Light
	Heavy
)

// String names the level: none, light or heavy.
func (l Level) String() string { return [...]string{"none", "light", "heavy"}[l] }

// Rates are per-word probabilities of each kind of edit.
type Rates struct {
	replace, delete, insert, swap float64 // change the words
	recase, repunct               float64 // change only case or punctuation
}

// rates of each level. Light: about one word in twelve changed (replaced,
// deleted, inserted or swapped with the next), and one in twenty
// re-cased or re-punctuated. Heavy, as issue 18 defines it: a third of the
// words changed (a word-level edit distance of 0.30 per source word, held
// by TestHeavyEditRate), and the sentences reordered (see editPassage).
var LevelRates = map[Level]Rates{
	None:  {},
	Light: Rates{replace: 0.03, delete: 0.02, insert: 0.02, swap: 0.015, recase: 0.05, repunct: 0.05},
	Heavy: Rates{replace: 0.12, delete: 0.07, insert: 0.07, swap: 0.035, recase: 0.10, repunct: 0.10},
}

// prose produces base text as words with their punctuation attached.
type Prose interface {
	Words(rng *rand.Rand, n int) []string
}

// Synthetic draws words from a Zipf-distributed vocabulary of made-up
// words, with English function words at their usual share, in sentences of
// 6 to 30 words.
type Synthetic struct {
	vocab []string
	zipf  func(*rand.Rand) int
}

// FunctionWords are the English function words Synthetic mixes in.
var FunctionWords = strings.Fields("the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were her she there been their one all we would will what when who")

// NewSynthetic returns prose over a vocabulary of size made-up words,
// drawn with the given seed.
func NewSynthetic(seed uint64, size int) *Synthetic {
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
	p := &Synthetic{vocab: vocab}
	p.zipf = func(r *rand.Rand) int {
		x := r.Float64()
		return min(len(vocab)-1, int(float64(len(vocab))*x*x*x))
	}
	return p
}

// Words returns n words in sentences of 6 to 30 words, capitalised and
// punctuated.
func (p *Synthetic) Words(rng *rand.Rand, n int) []string {
	out := make([]string, 0, n)
	for len(out) < n {
		sl := 6 + rng.IntN(25)
		for i := 0; i < sl && len(out) < n; i++ {
			var w string
			if rng.Float64() < 0.45 {
				w = FunctionWords[min(len(FunctionWords)-1, int(float64(len(FunctionWords))*rng.Float64()*rng.Float64()))]
			} else {
				w = p.vocab[p.zipf(rng)]
			}
			if i == 0 {
				w = Capitalise(w)
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

// Capitalise upper-cases w's first letter.
func Capitalise(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[n:]
}

// Writer joins words with spaces, breaking lines at about width columns,
// and counts characters (code points) as PAN does.
type Writer struct {
	B     strings.Builder
	Chars int  // characters written (code points)
	Col   int  // column of the current line
	Width int  // the line length to break at
	Flat  bool // no paragraph breaks
}

// Word writes s after a space or a line break and returns its offsets in
// code points.
func (w *Writer) Word(s string) (start, end int) {
	if w.Chars > 0 {
		if w.Col+1+utf8.RuneCountInString(s) > w.Width {
			w.B.WriteByte('\n')
			w.Col = 0
		} else {
			w.B.WriteByte(' ')
			w.Col++
		}
		w.Chars++
	}
	start = w.Chars
	n := utf8.RuneCountInString(s)
	w.B.WriteString(s)
	w.Chars += n
	w.Col += n
	return start, w.Chars
}

// Paragraph starts a new paragraph.
func (w *Writer) Paragraph() {
	w.B.WriteString("\n\n")
	w.Chars += 2
	w.Col = 0
}

// WriteWords writes words, starting a paragraph after about one sentence in
// six, and returns the character offsets of each word.
func WriteWords(w *Writer, rng *rand.Rand, words []string, offs [][2]int) [][2]int {
	for _, s := range words {
		a, b := w.Word(s)
		offs = append(offs, [2]int{a, b})
		if !w.Flat && strings.HasSuffix(s, ".") && rng.Float64() < 0.15 {
			w.Paragraph()
		}
	}
	return offs
}

// EditWords copies words with random edits at the given rates.
func EditWords(rng *rand.Rand, p Prose, words []string, r Rates) []string {
	out := make([]string, 0, len(words)+len(words)/8)
	filler := p.Words(rng, len(words)/4+4)
	fill := func() string { return strings.Trim(filler[rng.IntN(len(filler))], ".,;:") }
	for i := 0; i < len(words); i++ {
		w := words[i]
		x := rng.Float64()
		switch {
		case x < r.replace:
			w = fill() + TrailingPunct(w)
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
			w = ToggleCase(w)
		}
		if rng.Float64() < r.repunct {
			if p := TrailingPunct(w); p != "" {
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

// TrailingPunct returns the punctuation that ends w.
func TrailingPunct(w string) string {
	t := strings.TrimRight(w, ".,;:!?")
	return w[len(t):]
}

// ToggleCase switches the case of w's first letter.
func ToggleCase(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) {
		return string(unicode.ToLower(r)) + w[n:]
	}
	return string(unicode.ToUpper(r)) + w[n:]
}
