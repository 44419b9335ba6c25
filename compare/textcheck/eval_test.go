package textcheck

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
)

// The planted-defect evaluation: clean paragraphs of the shared corpora
// (Gibbon and the PAN sources, paragraphs on which the text checks find
// nothing) get one defect each, of every kind, at a random place; the
// label is the bytes of the defect. A finding of the planted kind that
// overlaps the label is a hit; any other text.* finding on the planted
// document is a false alarm.

// perKind is how many defects of each kind are planted.
const perKind = 250

// planted is a document with one defect and its label.
type planted struct {
	text  string
	label compare.Span
}

// planter plants one kind of defect in a clean paragraph, or reports
// that the paragraph offers no place for it.
type planter struct {
	kind  string // "glued-words/case", …: the check ID, and the shape
	check *compare.Check
	plant func(r *rand.Rand, p string, more func() string) (planted, bool)
}

// cleanParagraphs returns paragraphs of the shared corpora, ASCII, 40 to
// 250 words, on which the text checks find nothing.
func cleanParagraphs(t testing.TB) []string {
	var texts []string
	texts = append(texts, string(readShared(t, "corpora/gibbon-vol1/731.txt")))
	srcs, _ := filepath.Glob(filepath.Join(sharedDir, "corpora/pan13-no-obfuscation/src/*.txt"))
	sort.Strings(srcs)
	for _, s := range srcs {
		if b, err := os.ReadFile(s); err == nil {
			texts = append(texts, string(b))
		}
	}
	var out []string
	for _, text := range texts {
		text = strings.ReplaceAll(text, "\r\n", "\n")
		for _, p := range strings.Split(text, "\n\n") {
			p = strings.TrimSpace(p)
			n := len(strings.Fields(p))
			if n < 40 || n > 400 || !compare.IsASCII(p) || strings.ContainsAny(p, "{}<>|_*#") || !startsUpper(p) || !strings.HasSuffix(p, ".") {
				continue
			}
			if len(run(t, parse(t, "p.txt", []byte(p+"\n")))) > 0 {
				continue
			}
			out = append(out, p)
		}
	}
	return out
}

func startsUpper(s string) bool { return s != "" && s[0] >= 'A' && s[0] <= 'Z' }

// gaps returns the offsets of single spaces of p between a word ending
// in a letter and a word starting with a letter, for which ok holds of
// the word before and the word after.
func gaps(p string, ok func(before, after string) bool) []int {
	var out []int
	for i := 1; i+1 < len(p); i++ {
		if p[i] != ' ' || !isLetter(p, i-1) || !isLetter(p, i+1) {
			continue
		}
		b := strings.LastIndexAny(p[:i], " \n") + 1
		e := i + 1 + strings.IndexAny(p[i+1:]+" ", " \n")
		if ok(p[b:i], p[i+1:e]) {
			out = append(out, i)
		}
	}
	return out
}

func alpha(w string) bool { return w != "" && IsASCIILetters(w) }
func lowerWord(w string) bool {
	return alpha(w) && w == strings.ToLower(w)
}
func capWord(w string) bool {
	return alpha(w) && len(w) >= 2 && w[0] >= 'A' && w[0] <= 'Z' && w[1:] == strings.ToLower(w[1:])
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// glue removes the space at i and labels the merged word.
func glue(p string, i int) planted {
	b := strings.LastIndexAny(p[:i], " \n") + 1
	e := i + 1 + strings.IndexAny(p[i+1:]+" ", " \n")
	return planted{text: p[:i] + p[i+1:], label: compare.Span{Start: b, End: e - 1}}
}

// insertAt inserts s into p at i and labels it.
func insertAt(p string, i int, s string) planted {
	return planted{text: p[:i] + s + p[i:], label: compare.Span{Start: i, End: i + len(s)}}
}

// sentenceEnds returns the offsets just after ". " where a capital follows.
func sentenceEnds(p string) []int {
	var out []int
	for i := 1; i+2 < len(p); i++ {
		if p[i] == '.' && p[i+1] == ' ' && p[i+2] >= 'A' && p[i+2] <= 'Z' && p[i-1] >= 'a' && p[i-1] <= 'z' {
			w := p[wordBefore(p, i):i]
			if len(w) >= 2 && !abbreviations[strings.ToLower(w)] {
				out = append(out, i+2)
			}
		}
	}
	return out
}

var (
	months   = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	headings = []string{"Regional Security Cooperation", "The Reign of Commodus", "In Their Own Words", "Participating in Peacekeeping",
		"The Military Establishment", "Notes on the Translation", "A New Chapter of Friendship", "Summary of Findings",
		"Trade and Investment", "The Provinces of the Empire", "Methods and Sources", "Acknowledgements"}
	runningHeads = []string{"THE DECLINE AND FALL OF THE ROMAN EMPIRE", "HISTORY OF THE ROMAN EMPIRE", "ANNUAL REPORT OF THE MINISTRY",
		"THE WHITE PAPER ON NATIONAL DEFENSE", "JOURNAL OF MODERN HISTORY"}
	sayings = []string{"a friend in need is a friend indeed.", "the strong do what they can and the weak suffer what they must.",
		"peace cannot be kept by force but only by understanding.", "all that glitters is not gold in the end.",
		"the price of liberty is eternal vigilance over the state."}
	compounds = [][2]string{{"market", "economy"}, {"evidence", "medicine"}, {"community", "organizations"}, {"export", "industries"},
		{"treaty", "obligations"}, {"age", "diseases"}, {"results", "program"}, {"data", "decisions"}}
	participles = []string{"based", "oriented", "driven", "related"}
	invisibles  = []string{"\u00ad", "\u200b", "\u2060", "\ufeff"}
	fullwidths  = map[byte]string{',': "，", ':': "：", ';': "；", '(': "（", ')': "）"}
)

// planters lists the kinds planted.
var planters = []planter{
	{"glued-words/case", CheckGluedWords, func(r *rand.Rand, p string, _ func() string) (planted, bool) {
		g := gaps(p, func(b, a string) bool { return lowerWord(b) && len(b) >= 2 && capWord(a) })
		if len(g) == 0 {
			return planted{}, false
		}
		return glue(p, pick(r, g)), true
	}},
	{"glued-words/sentence", CheckGluedWords, func(r *rand.Rand, p string, _ func() string) (planted, bool) {
		e := sentenceEnds(p)
		if len(e) == 0 {
			return planted{}, false
		}
		i := pick(r, e)
		pl := glue(p, i-1)
		pl.label = compare.Span{Start: i - 2, End: i}
		return pl, true
	}},
	{"glued-words/function-word", CheckGluedWords, func(r *rand.Rand, p string, _ func() string) (planted, bool) {
		g := gaps(p, func(b, a string) bool {
			return lowerWord(b) && lowerWord(a) && (glueRight[a] && len(b) >= 4 || pairLeft[b] && pairRight[a] || glueLeftLower[b] && len(a) >= 4)
		})
		if len(g) == 0 {
			return planted{}, false
		}
		return glue(p, pick(r, g)), true
	}},
	{"glued-words/any-lower", CheckGluedWords, func(r *rand.Rand, p string, _ func() string) (planted, bool) {
		g := gaps(p, func(b, a string) bool { return lowerWord(b) && lowerWord(a) })
		if len(g) == 0 {
			return planted{}, false
		}
		return glue(p, pick(r, g)), true
	}},
	{"number-space", CheckNumberSpace, func(r *rand.Rand, p string, _ func() string) (planted, bool) {
		e := sentenceEnds(p)
		if len(e) == 0 {
			return planted{}, false
		}
		i := pick(r, e)
		m, day, year := pick(r, months), 1+r.IntN(28), 1900+r.IntN(125)
		var date string
		switch r.IntN(3) {
		case 0:
			date = fmt.Sprintf("%s %d,%d", m, day, year)
		case 1:
			date = fmt.Sprintf("%s%d, %d", m, day, year)
		default:
			date = fmt.Sprintf("in%d", year)
		}
		pre := "It was signed "
		if !strings.HasPrefix(date, "in") {
			pre += "on "
		}
		pl := insertAt(p, i, pre+date+". ")
		pl.label = compare.Span{Start: i + len(pre), End: i + len(pre) + len(date)}
		return pl, true
	}},
	{"broken-paragraph", CheckBrokenParagraph, func(r *rand.Rand, p string, _ func() string) (planted, bool) {
		g := gaps(p, func(b, a string) bool { return alpha(b) && alpha(a) })
		var ok []int
		for _, i := range g {
			if i > 60 && i < len(p)-30 {
				ok = append(ok, i)
			}
		}
		if len(ok) == 0 {
			return planted{}, false
		}
		i := pick(r, ok)
		return planted{text: p[:i] + "\n\n" + p[i+1:], label: compare.Span{Start: i - 1, End: i + 3}}, true
	}},
	{"fragment", CheckFragment, func(r *rand.Rand, p string, more func() string) (planted, bool) {
		g := gaps(p, func(b, a string) bool { return alpha(b) && lowerWord(a) })
		var ok []int
		for _, i := range g {
			if i < len(p)/2 {
				ok = append(ok, i)
			}
		}
		if len(ok) == 0 {
			return planted{}, false
		}
		i := pick(r, ok)
		rest := p[i+1:]
		return planted{text: rest + "\n\n" + more() + "\n", label: compare.Span{Start: 0, End: wordAfter(rest, 0)}}, true
	}},
	{"duplicate-heading", CheckDuplicateHeading, func(r *rand.Rand, p string, more func() string) (planted, bool) {
		h := pick(r, headings)
		deco := pick(r, []string{"", "## ", "### ", "**"})
		first, second := h, h
		switch deco {
		case "**":
			first, second = "**"+h+"**", "**"+h+"**"
		case "## ", "### ":
			first, second = "## "+h, deco+h
		}
		short := strings.Join(strings.Fields(p)[:20+r.IntN(20)], " ") + "."
		text := first + "\n\n" + short + "\n\n"
		at := len(text)
		text += second + "\n\n" + more() + "\n"
		return planted{text: text, label: compare.Span{Start: at, End: at + len(second)}}, true
	}},
	{"letter-spaced", CheckLetterSpaced, func(r *rand.Rand, p string, _ func() string) (planted, bool) {
		var words []string
		for _, w := range strings.Fields(p) {
			if capWord(w) && len(w) >= 4 {
				words = append(words, strings.ToUpper(w))
			}
		}
		if len(words) == 0 {
			return planted{}, false
		}
		var spaced []string
		for n := 1 + r.IntN(3); n > 0; n-- {
			spaced = append(spaced, strings.Join(strings.Split(pick(r, words), ""), " "))
		}
		line := strings.Join(spaced, "    ")
		return planted{text: line + "\n\n" + p + "\n", label: compare.Span{Start: 0, End: len(line)}}, true
	}},
	{"layout-caps", CheckLayoutCaps, func(r *rand.Rand, p string, _ func() string) (planted, bool) {
		g := gaps(p, func(b, a string) bool { return lowerWord(b) && lowerWord(a) })
		if len(g) == 0 {
			return planted{}, false
		}
		i := pick(r, g)
		head := pick(r, runningHeads)
		page := fmt.Sprint(2 + r.IntN(600))
		ins := head + " " + page
		if r.IntN(2) == 0 {
			ins = page + " " + head
		}
		pl := insertAt(p, i+1, ins+" ")
		pl.label.End--
		return pl, true
	}},
	{"mojibake", CheckMojibake, func(r *rand.Rand, p string, _ func() string) (planted, bool) {
		switch r.IntN(3) {
		case 0:
			if i := strings.IndexByte(p, '\''); i > 0 {
				return planted{text: p[:i] + "â€™" + p[i+1:], label: compare.Span{Start: i, End: i + len("â€™")}}, true
			}
			fallthrough
		case 1:
			g := gaps(p, func(b, a string) bool { return alpha(a) && len(a) >= 4 })
			if len(g) == 0 {
				return planted{}, false
			}
			i := pick(r, g) + 1
			return insertAt(p, i+2, pick(r, []string{"Ã©", "Ã¨", "Ã¼", "Ã±", "Ã¶"})), true
		default:
			g := gaps(p, func(b, a string) bool { return alpha(b) && alpha(a) })
			if len(g) == 0 {
				return planted{}, false
			}
			i := pick(r, g)
			return planted{text: p[:i] + " â€” " + p[i+1:], label: compare.Span{Start: i + 1, End: i + 1 + len("â€”")}}, true
		}
	}},
	{"invisible-char", CheckInvisible, func(r *rand.Rand, p string, _ func() string) (planted, bool) {
		g := gaps(p, func(b, a string) bool { return alpha(a) && len(a) >= 5 })
		if len(g) == 0 {
			return planted{}, false
		}
		return insertAt(p, pick(r, g)+3, pick(r, invisibles)), true
	}},
	{"replacement-char", CheckReplacementChar, func(r *rand.Rand, p string, _ func() string) (planted, bool) {
		g := gaps(p, func(b, a string) bool { return alpha(a) && len(a) >= 4 })
		if len(g) == 0 {
			return planted{}, false
		}
		i := pick(r, g) + 2
		return planted{text: p[:i] + "\ufffd" + p[i+1:], label: compare.Span{Start: i, End: i + 3}}, true
	}},
	{"fullwidth", CheckFullwidth, func(r *rand.Rand, p string, _ func() string) (planted, bool) {
		var at []int
		for i := 0; i < len(p); i++ {
			if _, ok := fullwidths[p[i]]; ok {
				at = append(at, i)
			}
		}
		if len(at) == 0 {
			return planted{}, false
		}
		i := pick(r, at)
		fw := fullwidths[p[i]]
		return planted{text: p[:i] + fw + p[i+1:], label: compare.Span{Start: i, End: i + len(fw)}}, true
	}},
	{"article", CheckArticle, func(r *rand.Rand, p string, _ func() string) (planted, bool) {
		lex := newLexicon()
		g := gaps(p, func(b, a string) bool {
			return (b == "a" && strings.IndexByte("bcdfgjklmnpqrstvwz", a[0]) >= 0 || b == "an" && strings.IndexByte("aeio", a[0]) >= 0) &&
				lowerWord(a) && len(a) >= 3 && lex.isWord(a) && !closedWord(a)
		})
		if len(g) == 0 {
			return planted{}, false
		}
		i := pick(r, g)
		e := i + 1 + strings.IndexAny(p[i+1:]+" ", " \n")
		if p[i-1] == 'n' { // "an apple" → "a apple"
			return planted{text: p[:i-1] + p[i:], label: compare.Span{Start: i - 2, End: e - 1}}, true
		}
		return planted{text: p[:i] + "n" + p[i:], label: compare.Span{Start: i - 1, End: e + 1}}, true
	}},
	{"adverb-hyphen", CheckAdverbHyphen, func(r *rand.Rand, p string, _ func() string) (planted, bool) {
		g := gaps(p, func(b, a string) bool { return adverbOnly(b) && lowerWord(a) && len(a) >= 4 && !closedWord(a) })
		if len(g) == 0 {
			return planted{}, false
		}
		i := pick(r, g)
		return planted{text: p[:i] + "-" + p[i+1:], label: compare.Span{Start: i - 2, End: i + 2}}, true
	}},
	{"compound-hyphen", CheckCompoundHyphen, func(r *rand.Rand, p string, _ func() string) (planted, bool) {
		e := sentenceEnds(p)
		if len(e) == 0 {
			return planted{}, false
		}
		c := pick(r, compounds)
		phrase := c[0] + " " + pick(r, participles) + " " + c[1]
		pl := insertAt(p, pick(r, e), "They stood for "+phrase+". ")
		pl.label = compare.Span{Start: pl.label.Start + len("They stood for "), End: pl.label.Start + len("They stood for ") + len(phrase)}
		return pl, true
	}},
	{"time-possessive", CheckTimePossessive, func(r *rand.Rand, p string, _ func() string) (planted, bool) {
		e := sentenceEnds(p)
		if len(e) == 0 {
			return planted{}, false
		}
		phrase := pick(r, []string{"two", "six", "few", "several", "ten", "3"}) + " " + pick(r, []string{"weeks", "months", "years", "days"}) + " " + pick(r, []string{"time", "notice"})
		pl := insertAt(p, pick(r, e), "It ended in "+phrase+". ")
		pl.label = compare.Span{Start: pl.label.Start + len("It ended in "), End: pl.label.Start + len("It ended in ") + len(phrase)}
		return pl, true
	}},
	{"quote-style", CheckQuoteStyle, func(r *rand.Rand, p string, more func() string) (planted, bool) {
		base := p + "\n\n" + more() + "\n\n"
		marks := strings.Count(base, "'") + strings.Count(base, `"`)
		for marks < 6 {
			base += "The people's choice was \"clear\" and the city's mood was \"calm\".\n\n"
			marks += 6
		}
		q := more()
		g := gaps(q, func(b, a string) bool { return alpha(a) && len(a) >= 4 })
		if len(g) == 0 || strings.ContainsAny(q, `"'`) {
			return planted{}, false
		}
		i := pick(r, g) + 1
		e := i + strings.IndexAny(q[i:]+" ", " \n.,;")
		word := "\u201c" + q[i:e] + "\u201d"
		text := base + q[:i] + word + q[e:] + "\n"
		return planted{text: text, label: compare.Span{Start: len(base) + i, End: len(base) + i + len(word)}}, true
	}},
	{"unattributed-quote", CheckUnattributedQuote, func(r *rand.Rand, p string, _ func() string) (planted, bool) {
		e := sentenceEnds(p)
		if len(e) == 0 || strings.Contains(p, `"`) {
			return planted{}, false
		}
		q := `"` + pick(r, sayings) + `"`
		pl := insertAt(p, pick(r, e), "It proves that "+q+" ")
		pl.label = compare.Span{Start: pl.label.Start + len("It proves that "), End: pl.label.Start + len("It proves that ") + len(q)}
		return pl, true
	}},
}

// TestEvalText plants perKind defects of every kind and logs precision
// and recall per kind; it fails when recall or precision over all kinds
// is under 0.9, or a kind other than lower-case glue is under 0.8.
func TestEvalText(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluation: not in -short")
	}
	paras := cleanParagraphs(t)
	if len(paras) < 200 {
		t.Skipf("only %d clean paragraphs in the shared corpora", len(paras))
	}
	r := rand.New(rand.NewPCG(14, 2024))
	more := func() string { return pick(r, paras) }
	var lines []string
	allHit, allPlanted, allExtra := 0, 0, 0
	for _, pl := range planters {
		hit, extra, n := 0, 0, 0
		for tries := 0; n < perKind && tries < 50*perKind; tries++ {
			doc, ok := pl.plant(r, pick(r, paras), more)
			if !ok {
				continue
			}
			n++
			d := parse(t, "planted.txt", []byte(doc.text))
			got := false
			for _, f := range run(t, d) {
				if f.Check == pl.check && f.Span.Overlaps(doc.label) {
					got = true
					continue
				}
				extra++
				if testing.Verbose() {
					t.Logf("%s: extra %s in %q", pl.kind, describe(f), excerptAround(doc.text, f.Span))
				}
			}
			if got {
				hit++
			} else if testing.Verbose() {
				t.Logf("%s: missed %q", pl.kind, excerptAround(doc.text, doc.label))
			}
		}
		prec := float64(hit) / float64(max(1, hit+extra))
		rec := float64(hit) / float64(max(1, n))
		lines = append(lines, fmt.Sprintf("%-28s planted %4d  found %4d  extra %3d  precision %.3f  recall %.3f", pl.kind, n, hit, extra, prec, rec))
		if !strings.HasPrefix(pl.kind, "glued-words/any") {
			allHit, allPlanted, allExtra = allHit+hit, allPlanted+n, allExtra+extra
			if rec < 0.8 || prec < 0.8 {
				t.Errorf("%s: precision %.3f, recall %.3f; want both at least 0.8", pl.kind, prec, rec)
			}
		}
	}
	prec := float64(allHit) / float64(max(1, allHit+allExtra))
	rec := float64(allHit) / float64(max(1, allPlanted))
	lines = append(lines, fmt.Sprintf("%-28s planted %4d  found %4d  extra %3d  precision %.3f  recall %.3f", "all (but any-lower)", allPlanted, allHit, allExtra, prec, rec))
	t.Logf("planted defects in %d clean paragraphs:\n%s", len(paras), strings.Join(lines, "\n"))
	if prec < 0.9 || rec < 0.9 {
		t.Errorf("over all kinds: precision %.3f, recall %.3f; want at least 0.9", prec, rec)
	}
}

// excerptAround returns the text around a span, for logs.
func excerptAround(s string, sp compare.Span) string {
	a, b := max(0, sp.Start-40), min(len(s), sp.End+40)
	return s[a:b]
}
