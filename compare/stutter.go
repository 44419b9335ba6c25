package compare

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// CheckStutter reports a phrase immediately repeated.
var CheckStutter = &Check{
	ID:       "repeat.stutter",
	Title:    "Phrase immediately repeated",
	Severity: Warning,
	Help: `A word or a run of up to 12 words appears twice in a row ("the the", "by developing ` +
		`sophisticated weapons systems by developing sophisticated weapons systems"), usually a slip in ` +
		`editing or a copy-and-paste. Case and punctuation between the copies are ignored, but a sentence ` +
		`end or a hyphen between them ("so-so") is not a stutter. Legitimate doubles such as "had had", ` +
		`"that that", "what it is is", numbers in tables ("10 10") and reduplicated names ("Walla Walla") ` +
		`are not reported. The finding spans the second copy and points at the first: delete one of them.`,
}

// StutterOptions tune the stutter check.
type StutterOptions struct {
	MaxWords int // longest phrase considered (default 12)
}

// StutterAnalyzer finds immediately repeated phrases inside each document.
func StutterAnalyzer(opt StutterOptions) *Analyzer {
	if opt.MaxWords <= 0 {
		opt.MaxWords = 12
	}
	return &Analyzer{
		Name:   "stutter",
		Doc:    "Immediately repeated words and phrases inside a document.",
		Checks: []*Check{CheckStutter},
		Run: func(ctx context.Context, p *Pass) (any, error) {
			for _, d := range p.Docs {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
				for _, s := range FindStutters(d, opt.MaxWords) {
					phrase := Shorten(collapseSpace(d.TextOf(s.First)), 80)
					f := Newf(CheckStutter, d, s.Repeat, "%q is repeated; delete one copy", phrase)
					if s.Copies > 2 {
						f.Message = fmt.Sprintf("%q appears %d times in a row; keep one", phrase, s.Copies)
					}
					f.Relate("first", d, s.First)
					f.Details = map[string]any{"words": s.Words, "copies": s.Copies}
					// deleting from the end of the first copy to the end of the
					// last leaves one copy and the spacing that followed it
					f.Fix = &Fix{Span: d.Orig(Span{s.First.End, s.Repeat.End})}
					p.Report(f)
				}
			}
			return nil, nil
		},
	}
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for n >= 10 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	i--
	b[i] = byte('0' + n)
	return string(b[i:])
}

// Stutter is one immediately repeated phrase, in Text coordinates.
type Stutter struct {
	First  Span // the first copy
	Repeat Span // the second copy up to the end of the last
	Words  int  // words in one copy
	Copies int  // copies in a row (2 or more)
}

// legitDoubles are words that are often correctly written twice in a row.
var legitDoubles = map[string]bool{
	"had": true, "that": true, "do": true, "bye": true, "ha": true, "tut": true, "knock": true,
	"chop": true, "pom": true, "dum": true, "aye": true, "there": true, "now": true, "well": true,
	"yes": true, "no": true, "so": true, "hear": true, "boo": true, "tsk": true, "pooh": true,
	"can": true, "ho": true, "hey": true, "la": true, "oh": true,
}

// stopWords are never taken for reduplicated names when capitalised twice.
var stopWords = map[string]bool{
	"the": true, "a": true, "an": true, "and": true, "of": true, "to": true, "in": true, "is": true,
	"it": true, "for": true, "on": true, "that": true, "this": true, "with": true, "as": true,
	"by": true, "at": true, "we": true, "i": true, "he": true, "she": true, "they": true, "be": true,
	"or": true, "but": true, "not": true, "are": true, "was": true, "his": true, "her": true,
	"their": true, "our": true, "its": true, "from": true, "which": true, "who": true, "you": true,
}

// FindStutters returns the immediately repeated phrases of d, at most maxWords long.
func FindStutters(d *Document, maxWords int) []Stutter {
	keys := d.TokenKeys()
	toks := d.Tokens
	var out []Stutter
	for _, para := range d.Paragraphs {
		a := d.TokenAt(para.Start)
		b := a
		for b < len(toks) && toks[b].Start() < para.End {
			b++
		}
		for i := a; i < b; {
			n, k, slip := stutterAt(d, keys, toks, i, b, maxWords)
			if n == 0 {
				i++
				continue
			}
			if !slip {
				i += k * n // repeated on purpose: its shifted copies are not slips either
				continue
			}
			out = append(out, Stutter{
				First:  Span{toks[i].Start(), toks[i+n-1].End()},
				Repeat: Span{toks[i+n].Start(), toks[i+k*n-1].End()},
				Words:  n,
				Copies: k,
			})
			i += k * n
		}
	}
	return out
}

// stutterAt returns the length n of the shortest phrase starting at token i
// that is immediately repeated, how many copies follow in a row (k ≥ 2),
// and whether the repetition reads as a slip rather than as structure; or
// n = 0.
func stutterAt(d *Document, keys []uint64, toks []Token, i, b, maxWords int) (int, int, bool) {
	for n := 1; n <= maxWords && i+2*n <= b; n++ {
		if keys[i] != keys[i+n] || !sameRun(keys, i, i+n, n) {
			continue
		}
		gap := d.Text[toks[i+n-1].End():toks[i+n].Start()]
		if !gapJoins(gap) || legitRepeat(d, keys, toks, i, n) {
			continue
		}
		if strings.ContainsAny(gap, ",-") && !allStopWords(d, i, n) {
			continue // "against me, against me": repetition for emphasis
		}
		k := 2
		for i+(k+1)*n <= b && sameRun(keys, i, i+k*n, n) && gapJoins(d.Text[toks[i+k*n-1].End():toks[i+k*n].Start()]) {
			k++
		}
		if splitsNumeral(d, toks, i-1, i) || i+k*n < len(toks) && splitsNumeral(d, toks, i+k*n-1, i+k*n) {
			continue // "forty thousand, to four thousand, to four hundred"
		}
		// "of those whose coins Those whose coins": a flattened table or
		// heading; skipping the whole run also skips its shifted reading
		// "whose coins Those whose coins Those"
		return n, k, !caseBreak(d, toks, i, n)
	}
	return 0, 0, false
}

// caseBreak reports a first copy that starts in lower case followed by a
// second that starts with a capital: a new cell, heading or title begins
// there (tables flattened to text read "… of those whose coins Those whose
// coins …"). Slips keep the case of the words they repeat.
func caseBreak(d *Document, toks []Token, i, n int) bool {
	r1, _ := utf8.DecodeRuneInString(d.TextOf(toks[i].Span()))
	r2, _ := utf8.DecodeRuneInString(d.TextOf(toks[i+n].Span()))
	return unicode.IsLower(r1) && unicode.IsUpper(r2)
}

func allStopWords(d *Document, i, n int) bool {
	for j := i; j < i+n; j++ {
		if !stopWords[d.Word(j)] {
			return false
		}
	}
	return true
}

var numberWords = map[string]bool{
	"one": true, "two": true, "three": true, "four": true, "five": true, "six": true, "seven": true,
	"eight": true, "nine": true, "ten": true, "eleven": true, "twelve": true, "thirteen": true,
	"fourteen": true, "fifteen": true, "sixteen": true, "seventeen": true, "eighteen": true,
	"nineteen": true, "twenty": true, "thirty": true, "forty": true, "fifty": true, "sixty": true,
	"seventy": true, "eighty": true, "ninety": true, "hundred": true, "thousand": true,
	"million": true, "billion": true, "trillion": true, "dozen": true, "score": true,
}

// splitsNumeral reports whether a boundary between tokens a and b falls
// inside a numeral ("forty | thousand").
func splitsNumeral(d *Document, toks []Token, a, b int) bool {
	if a < 0 || b >= len(toks) {
		return false
	}
	num := func(i int) bool { w := d.Word(i); return numberWords[w] || isNumberToken(w) }
	return num(a) && num(b) && !strings.ContainsAny(d.Text[toks[a].End():toks[b].Start()], ".;:")
}

func sameRun(keys []uint64, x, y, n int) bool {
	for j := 0; j < n; j++ {
		if keys[x+j] != keys[y+j] {
			return false
		}
	}
	return true
}

// gapJoins reports whether the text between two copies lets them read as
// one run: white space, commas, quotes and spaced dashes, but no sentence
// end, bracket, slash or table bar, and no hyphen joining a compound.
func gapJoins(gap string) bool {
	if gap == "" {
		return false // "ab" cannot split into copies; tokens are maximal
	}
	space := false
	dash := false
	for i := 0; i < len(gap); i++ {
		switch c := gap[i]; c {
		case ' ', '\t', '\n':
			space = true
		case ',', '"', '\'', '*', '_':
		case '-':
			dash = true
		default:
			return false
		}
	}
	return space || !dash && gap != ""
}

// legitRepeat reports doubles that are correct English: "had had",
// "that that", "what it is is", numbers in tables, reduplicated names.
func legitRepeat(d *Document, keys []uint64, toks []Token, i, n int) bool {
	allNumbers := true
	for j := i; j < i+n; j++ {
		if !isNumberToken(d.TextOf(toks[j].Span())) {
			allNumbers = false
			break
		}
	}
	if allNumbers {
		return true
	}
	if n != 1 {
		return false
	}
	w1 := d.TextOf(toks[i].Span())
	w2 := d.TextOf(toks[i+1].Span())
	// letter-spaced headings: "C H I N A   A E R O S P A C E"
	if utf8.RuneCountInString(w1) == 1 && (i > 0 && toks[i-1].Len() == 1 || i+2 < len(toks) && toks[i+2].Len() == 1) {
		return true
	}
	lw := strings.ToLower(w1)
	if legitDoubles[lw] {
		return true
	}
	if lw == "is" && i > 0 {
		switch d.Word(i - 1) {
		case "it", "this", "that", "what", "which":
			return true
		}
	}
	// Reduplicated names ("Walla Walla", "Sirhan Sirhan"): both capitalised,
	// not a function word, and the first not merely starting a sentence.
	r1, _ := utf8.DecodeRuneInString(w1)
	r2, _ := utf8.DecodeRuneInString(w2)
	if unicode.IsUpper(r1) && unicode.IsUpper(r2) && !stopWords[lw] && utf8.RuneCountInString(w1) > 1 {
		return true
	}
	return false
}

func isNumberToken(w string) bool {
	if w == "" {
		return false
	}
	digits := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case isDigitByte(c):
			digits++
		case c == '.' || c == ',':
		default:
			return false
		}
	}
	return digits > 0
}
