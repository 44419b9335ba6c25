package pan

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/crosscheck/crosscheck/compare/input"
	"github.com/crosscheck/crosscheck/compare/reuse/internal/prosegen"
)

// The labelled corpora of issue 18: sets of (suspicious, source) pairs in
// PAN's layout, made of real prose (the PAN source texts of the shared
// corpora) or, without the shared corpora, of synthetic prose. Each set
// but two mixes six case types, every truth case labelled with its type so
// that figures can be quoted per type:
//
//	plain        one to three distinct passages of 40-250 words, each used once
//	twice        one passage of 40-250 words used two or three times, each copy its own case
//	overlap      two passages cut from overlapping source ranges (a quarter of them nested)
//	multisource  a suspicious document taking passages from two or three sources:
//	             one pair per source; in most, two passages of different sources side by side
//	short        one to three passages of one or two sentences, 15-40 words
//	chapter      one passage of 1500-3000 words
//
// at one edit level (none, light or heavy; see prosegen.LevelRates and
// editPassage). Truth spans cover the whole passage on both sides, as in
// PAN. The two other sets:
//
//	negatives    pairs with no reuse: the two halves of one text, or two
//	             texts of similar vocabulary; their truth is empty
//	boilerplate  one disclaimer paragraph (boilerplateText) heads every
//	             document, source and suspicious; plain cases, "adjacent"
//	             cases that start right after the header on both sides, and
//	             pairs that share nothing but the header
//
// The disclaimer is not a truth case: a detector may or may not report it.
// It has a set of its own so that it does not pollute the scores of the
// others, and boilerplate.tsv lists where it lies; scoreSet drops the
// detections that lie wholly inside it on both sides and keeps, as false
// or imprecise, those that run on from it into the text beside it.
//
// No text is shared by accident: sources and the text around the passages
// come from disjoint sets of PAN files, and files that share an 8-word run
// with another file (or, for sources, with themselves) are left out; see
// TestGeneratedCorpusTruth.

// Case types of the generated sets.
const (
	casePlain       = "plain"
	caseTwice       = "twice"
	caseOverlap     = "overlap"
	caseMultisource = "multisource"
	caseShort       = "short"
	caseChapter     = "chapter"
	caseAdjacent    = "adjacent"
)

// caseTypes lists the case types of the sets at one edit level, in the
// order figures are reported.
var caseTypes = []string{casePlain, caseTwice, caseOverlap, caseMultisource, caseShort, caseChapter}

// boilerplateText is the disclaimer that heads every document of the
// boilerplate set (54 words).
const boilerplateText = "Disclaimer: this document is circulated for information only and does not " +
	"constitute legal, financial or professional advice. The views expressed in it are " +
	"those of the individual authors and not necessarily those of the publisher. " +
	"Reproduction in whole or in part is permitted for non-commercial purposes, provided " +
	"that the source is acknowledged in full."

// typedCase is a truth case and its case type.
type typedCase struct {
	Case
	Type string
}

// docSpan is a span of one document, in characters.
type docSpan struct {
	Doc         string
	Offset, Len int
}

// genDoc is a generated document: its file name and text.
type genDoc struct{ name, text string }

// genSet is a generated corpus: its documents, the pairs to align, the
// truth cases with their types and where the boilerplate lies.
type genSet struct {
	name      string
	level     prosegen.Level
	susp, src []genDoc
	pairs     []Pair
	cases     []typedCase
	boiler    []docSpan
	negKinds  []string // kind of each pair of the negatives set
}

// setCounts is how many suspicious documents of each case type a set at an
// edit level gets (a multisource document makes two or three pairs), and
// the sizes of the negatives and boilerplate sets in pairs.
type setCounts struct {
	perType                 map[string]int
	negatives, boilerplates int
}

// fullCounts make the corpora written to disk: about 90 pairs a level.
var fullCounts = setCounts{
	perType:   map[string]int{casePlain: 18, caseTwice: 15, caseOverlap: 15, caseMultisource: 11, caseShort: 12, caseChapter: 10},
	negatives: 50, boilerplates: 30,
}

// smallCounts make the sets TestGeneratedReuse aligns in process.
var smallCounts = setCounts{
	perType:   map[string]int{casePlain: 6, caseTwice: 5, caseOverlap: 5, caseMultisource: 4, caseShort: 5, caseChapter: 3},
	negatives: 16, boilerplates: 10,
}

// corpusProse supplies the text of generated documents: source texts, the
// text of suspicious documents around their passages (base), which shares
// nothing with any source text, and negative pairs.
type corpusProse struct {
	name string
	base prosegen.Prose      // text around the passages, and the words edits insert
	syn  *prosegen.Synthetic // sources when there are no source files
	// srcFiles are the texts sources are made of (nil for synthetic prose).
	srcFiles [][]string
	// halves are texts whose two halves share no 8-word run; similar are
	// pairs of texts of similar vocabulary that share no 8-word run.
	halves  [][]string
	similar [][2][]string
}

// srcText returns at least n words of source text: whole source files,
// none of those in used (to which it adds the ones it takes), or n words
// of synthetic prose.
func (c *corpusProse) srcText(rng *rand.Rand, n int, used map[int]bool) []string {
	if c.srcFiles == nil {
		return c.syn.Words(rng, n)
	}
	var out []string
	for _, i := range rng.Perm(len(c.srcFiles)) {
		if len(out) >= n {
			break
		}
		if !used[i] {
			used[i] = true
			out = append(out, c.srcFiles[i]...)
		}
	}
	return out
}

// negatives returns the two texts of n negative pairs and their kinds,
// alternately "halves" (the two halves of one text, so the same topic)
// and "similar" (two texts of similar vocabulary), as far as there are
// such texts. Synthetic prose makes two draws of the same vocabulary.
func (c *corpusProse) negatives(rng *rand.Rand, n int) (src, susp [][]string, kinds []string) {
	hi, si := 0, 0
	for i := 0; i < n; i++ {
		switch {
		case c.srcFiles == nil:
			src = append(src, c.syn.Words(rng, 600+rng.IntN(1400)))
			susp = append(susp, c.syn.Words(rng, 600+rng.IntN(1400)))
			kinds = append(kinds, "similar")
		case i%2 == 0 && hi < len(c.halves) || si == len(c.similar):
			t := c.halves[hi%len(c.halves)]
			hi++
			h := len(t) / 2
			for k := 0; k < 40 && h < len(t)-1 && !wordEndsSentence(t[h-1]); k++ {
				h++
			}
			src, susp = append(src, t[:h]), append(susp, t[h:])
			kinds = append(kinds, "halves")
		default:
			p := c.similar[si]
			si++
			src, susp = append(src, p[0]), append(susp, p[1])
			kinds = append(kinds, "similar")
		}
	}
	return src, susp, kinds
}

// syntheticCorpusProse is synthetic prose for every role.
func syntheticCorpusProse() *corpusProse {
	p := prosegen.NewSynthetic(23, 20000)
	return &corpusProse{name: "synthetic", base: p, syn: p}
}

// panText is one PAN source text: its words, the hashes of its 8-word
// runs, whether it repeats one of them, and whether it reads as prose.
type panText struct {
	words   []string
	grams   []uint64
	repeats bool
	prose   bool
}

var panProseOnce = sync.OnceValue(loadPANProse)

// loadPANProse reads the PAN source texts of the shared corpora (nil
// without them) and splits them into source files and base text: files
// that share an 8-word run with another file, and texts that are not
// prose (under 70% words of letters) are left out. Of the remaining files,
// in an order shuffled by a fixed seed, every other one that repeats no
// 8-word run of its own is a source text; the others make the base text.
func loadPANProse() *corpusProse {
	sh := sharedDir()
	if sh == "" {
		return nil
	}
	dir := filepath.Join(sh, "corpora", "pan13-no-obfuscation", "src")
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var texts []*panText
	owner := map[uint64]int{} // gram → first text, or -1 when in several
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), ".txt") {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil
		}
		t := &panText{words: strings.Fields(strings.ToValidUTF8(string(raw), ""))}
		letters := 0
		for _, w := range t.words {
			if isLetterWord(w) {
				letters++
			}
		}
		t.prose = len(t.words) >= 100 && float64(letters) >= 0.7*float64(len(t.words))
		t.grams = shingles(t.words, 8)
		seen := map[uint64]bool{}
		for _, g := range t.grams {
			t.repeats = t.repeats || seen[g]
			seen[g] = true
		}
		for g := range seen {
			if o, ok := owner[g]; !ok {
				owner[g] = len(texts)
			} else if o != len(texts) {
				owner[g] = -1
			}
		}
		texts = append(texts, t)
	}
	var clean []int
	for i, t := range texts {
		shared := false
		for _, g := range t.grams {
			shared = shared || owner[g] == -1
		}
		if t.prose && !shared {
			clean = append(clean, i)
		}
	}
	if len(clean) < 40 {
		return nil
	}
	rng := rand.New(rand.NewPCG(18, 1))
	rng.Shuffle(len(clean), func(i, j int) { clean[i], clean[j] = clean[j], clean[i] })
	c := &corpusProse{name: "pan"}
	var base []string
	for k, i := range clean {
		t := texts[i]
		if k%2 == 0 && !t.repeats {
			c.srcFiles = append(c.srcFiles, t.words)
		} else {
			base = append(base, t.words...)
		}
		if !t.repeats && len(t.words) >= 800 {
			c.halves = append(c.halves, t.words)
		}
	}
	c.base = &realProse{all: base}
	c.similar = similarTexts(texts, clean)
	return c
}

// similarTexts pairs texts by the cosine of their vocabularies (words of
// four letters or more, lower-cased), most similar first, each text in one
// pair at most.
func similarTexts(texts []*panText, idx []int) [][2][]string {
	vecs := make([]map[string]float64, len(idx))
	for k, i := range idx {
		v := map[string]float64{}
		for _, w := range texts[i].words {
			if w = normWord(w); len(w) >= 4 {
				v[w]++
			}
		}
		var norm float64
		for _, x := range v {
			norm += x * x
		}
		for w := range v {
			v[w] /= math.Sqrt(norm)
		}
		vecs[k] = v
	}
	type cand struct {
		a, b int
		cos  float64
	}
	var cands []cand
	for a := range vecs {
		for b := a + 1; b < len(vecs); b++ {
			x, y := vecs[a], vecs[b]
			if len(y) < len(x) {
				x, y = y, x
			}
			var dot float64
			for w, v := range x {
				dot += v * y[w]
			}
			cands = append(cands, cand{a, b, dot})
		}
	}
	slices.SortFunc(cands, func(p, q cand) int {
		return cmp.Or(cmp.Compare(q.cos, p.cos), cmp.Compare(p.a, q.a), cmp.Compare(p.b, q.b))
	})
	used := map[int]bool{}
	var out [][2][]string
	for _, c := range cands {
		if len(out) == 40 {
			break
		}
		if !used[c.a] && !used[c.b] {
			used[c.a], used[c.b] = true, true
			out = append(out, [2][]string{texts[idx[c.a]].words, texts[idx[c.b]].words})
		}
	}
	return out
}

func isLetterWord(w string) bool {
	w = strings.Trim(w, ".,;:!?\"'()[]")
	if w == "" {
		return false
	}
	for _, r := range w {
		if !unicode.IsLetter(r) && r != '\'' && r != '-' {
			return false
		}
	}
	return true
}

// normWord lower-cases a word and drops what is not a letter or digit.
func normWord(w string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, w)
}

// shingles returns the hashes of the k-word runs of words, normalised by
// normWord (words that normalise to nothing are skipped).
func shingles(words []string, k int) []uint64 {
	var norm []string
	for _, w := range words {
		if n := normWord(w); n != "" {
			norm = append(norm, n)
		}
	}
	var out []uint64
	for i := 0; i+k <= len(norm); i++ {
		h := uint64(14695981039346656037)
		for _, w := range norm[i : i+k] {
			for j := 0; j < len(w); j++ {
				h = (h ^ uint64(w[j])) * 1099511628211
			}
			h = (h ^ ' ') * 1099511628211
		}
		out = append(out, h)
	}
	return out
}

// srcDoc is a source document being generated.
type srcDoc struct {
	name  string
	words []string
	offs  [][2]int // character offsets of each word
	ends  []bool   // whether each word ends a sentence
}

// insert is a passage to splice into a suspicious document.
type insert struct {
	words    []string // as copied, edited
	src      *srcDoc
	from, to int // the source words it was cut from
	typ      string
	glued    bool // right after the previous insert, with no text between
	first    bool // first thing after the header
}

// setBuilder generates the documents of one set.
type setBuilder struct {
	rng    *rand.Rand
	pr     *corpusProse
	set    *genSet
	header []string // the boilerplate words heading every document, or nil
}

func (b *setBuilder) writer() *prosegen.Writer {
	return &prosegen.Writer{Width: 60 + b.rng.IntN(40)}
}

// head writes the boilerplate header of document name, if the set has one.
func (b *setBuilder) head(w *prosegen.Writer, name string) {
	if b.header == nil {
		return
	}
	var start, end int
	for i, s := range b.header {
		a, e := w.Word(s)
		if i == 0 {
			start = a
		}
		end = e
	}
	w.Paragraph()
	b.set.boiler = append(b.set.boiler, docSpan{name, start, end - start})
}

// source generates a source document of at least n words, from texts none
// of which is in used.
func (b *setBuilder) source(n int, used map[int]bool) *srcDoc {
	d := &srcDoc{name: fmt.Sprintf("source-document%05d.txt", len(b.set.src)+1)}
	d.words = b.pr.srcText(b.rng, n, used)
	w := b.writer()
	b.head(w, d.name)
	d.offs = prosegen.WriteWords(w, b.rng, d.words, nil)
	d.ends = make([]bool, len(d.words))
	for i, s := range d.words {
		d.ends[i] = wordEndsSentence(s)
	}
	b.set.src = append(b.set.src, genDoc{d.name, w.B.String()})
	return d
}

// snap moves a cut [from, to) to sentence edges within 15 words when
// there are some.
func (d *srcDoc) snap(from, to int) (int, int) {
	for k := 0; k < 15 && from+k < to; k++ {
		if j := from + k; j == 0 || d.ends[j-1] {
			from = j
			break
		}
	}
	for k := 0; k < 15; k++ {
		if j := to + k; j <= len(d.words) && j > from && d.ends[j-1] {
			to = j
			break
		}
		if j := to - k; j > from && d.ends[j-1] {
			to = j
			break
		}
	}
	return from, to
}

// cut returns a passage of about n words of d, snapped to sentence edges,
// at least 20 words away from each of avoid; ok is false when there is no
// room.
func (d *srcDoc) cut(rng *rand.Rand, n int, avoid [][2]int) (from, to int, ok bool) {
	if n >= len(d.words) {
		return 0, 0, false
	}
	for tries := 0; tries < 100; tries++ {
		from = rng.IntN(len(d.words) - n)
		from, to = d.snap(from, from+n)
		if !clashes(from, to, avoid) {
			return from, to, true
		}
	}
	return 0, 0, false
}

func clashes(from, to int, avoid [][2]int) bool {
	for _, o := range avoid {
		if from < o[1]+20 && o[0] < to+20 {
			return true
		}
	}
	return false
}

// shortCut returns one or two whole sentences of 15 to 40 words, away from
// avoid, or a cut of 15 to 40 words when the text has no such sentences.
func (d *srcDoc) shortCut(rng *rand.Rand, avoid [][2]int) (from, to int, ok bool) {
	var cands [][2]int
	start := 0
	var starts []int
	for i, e := range d.ends {
		if e {
			starts = append(starts, start)
			start = i + 1
		}
	}
	for k, s := range starts {
		for m := 1; m <= 2 && k+m <= len(starts); m++ {
			e := len(d.words)
			if k+m < len(starts) {
				e = starts[k+m]
			}
			if n := e - s; n >= 15 && n <= 40 && !clashes(s, e, avoid) {
				cands = append(cands, [2]int{s, e})
			}
		}
	}
	if len(cands) > 0 {
		c := cands[rng.IntN(len(cands))]
		return c[0], c[1], true
	}
	n := 15 + rng.IntN(26)
	for tries := 0; tries < 100 && n < len(d.words); tries++ {
		from = rng.IntN(len(d.words) - n)
		if !clashes(from, from+n, avoid) {
			return from, from + n, true
		}
	}
	return 0, 0, false
}

// passage copies words [from, to) of d, edited at the set's level.
func (b *setBuilder) passage(d *srcDoc, from, to int, typ string) insert {
	return insert{words: editPassage(b.rng, b.pr.base, d.words[from:to], b.set.level), src: d, from: from, to: to, typ: typ}
}

// suspicious writes a suspicious document of about baseWords words of base
// text with the inserts spliced in, in their order, each group (an insert
// and those glued to it) after a sentence end of its own part of the text;
// it records the pairs and the cases.
func (b *setBuilder) suspicious(baseWords int, ins []insert) {
	name := fmt.Sprintf("suspicious-document%05d.txt", len(b.set.susp)+1)
	base := b.pr.base.Words(b.rng, baseWords)
	var groups [][]insert
	for _, in := range ins {
		if in.glued && len(groups) > 0 {
			groups[len(groups)-1] = append(groups[len(groups)-1], in)
		} else {
			groups = append(groups, []insert{in})
		}
	}
	at := make([]int, len(groups))
	seg := len(base) / max(1, len(groups))
	for i := range at {
		if i == 0 && groups[0][0].first {
			continue
		}
		at[i] = i*seg + seg/4 + b.rng.IntN(max(1, seg/2))
		for k := 0; k < 30 && at[i] < len(base) && at[i] > 0 && !wordEndsSentence(base[at[i]-1]); k++ {
			at[i]++
		}
	}
	w := b.writer()
	b.head(w, name)
	prev := 0
	for gi, g := range groups {
		prosegen.WriteWords(w, b.rng, base[prev:at[gi]], nil)
		prev = at[gi]
		for _, in := range g {
			offs := prosegen.WriteWords(w, b.rng, in.words, nil)
			d := in.src
			b.set.cases = append(b.set.cases, typedCase{Case{
				Susp: name, Src: d.name,
				SuspOffset: offs[0][0], SuspLength: offs[len(offs)-1][1] - offs[0][0],
				SrcOffset: d.offs[in.from][0], SrcLength: d.offs[in.to-1][1] - d.offs[in.from][0],
			}, in.typ})
			if !slices.Contains(b.set.pairs, Pair{name, d.name}) {
				b.set.pairs = append(b.set.pairs, Pair{name, d.name})
			}
		}
	}
	prosegen.WriteWords(w, b.rng, base[prev:], nil)
	b.set.susp = append(b.set.susp, genDoc{name, w.B.String()})
}

func (b *setBuilder) shuffle(ins []insert) {
	b.rng.Shuffle(len(ins), func(i, j int) { ins[i], ins[j] = ins[j], ins[i] })
}

// document generates one suspicious document of case type typ, with its
// sources.
func (b *setBuilder) document(typ string) {
	rng := b.rng
	srcWords := func() int { return 1500 + rng.IntN(2500) }
	baseWords := func() int { return 2000 + rng.IntN(2000) }
	var ins []insert
	switch typ {
	case casePlain, caseShort, caseAdjacent:
		d := b.source(srcWords(), map[int]bool{})
		var avoid [][2]int
		n := 1 + rng.IntN(3)
		for i := 0; i < n; i++ {
			from, to, ok := d.cut(rng, 40+rng.IntN(211), avoid)
			if typ == caseShort {
				from, to, ok = d.shortCut(rng, avoid)
			}
			if typ == caseAdjacent && i == 0 {
				from, to = d.snap(0, 40+rng.IntN(211))
				ok = true
			}
			if ok {
				avoid = append(avoid, [2]int{from, to})
				ins = append(ins, b.passage(d, from, to, typ))
			}
		}
		if typ == caseAdjacent {
			ins[0].first = true
			for i := range ins[1:] {
				ins[i+1].typ = casePlain
			}
		} else {
			b.shuffle(ins)
		}
	case caseTwice:
		d := b.source(srcWords(), map[int]bool{})
		from, to, _ := d.cut(rng, 40+rng.IntN(211), nil)
		for k := 2 + rng.IntN(2); k > 0; k-- {
			ins = append(ins, b.passage(d, from, to, typ))
		}
	case caseOverlap:
		d := b.source(srcWords(), map[int]bool{})
		for {
			n1, n2 := 60+rng.IntN(191), 60+rng.IntN(191)
			a, aEnd, _ := d.cut(rng, n1, nil)
			var s int
			if rng.IntN(4) == 0 && n2 < aEnd-a-10 { // nested
				s = a + 5 + rng.IntN(aEnd-a-n2-5)
			} else { // the second starts inside the first and runs past its end
				f := 0.25 + 0.5*rng.Float64()
				s = aEnd - int(f*float64(min(aEnd-a, n2)))
			}
			s, sEnd := d.snap(s, min(len(d.words), s+n2))
			if s > a && s < aEnd && sEnd > s+10 && (s != a || sEnd != aEnd) {
				ins = append(ins, b.passage(d, a, aEnd, typ), b.passage(d, s, sEnd, typ))
				break
			}
		}
		b.shuffle(ins)
	case caseMultisource:
		used := map[int]bool{}
		for k := 2 + rng.IntN(2); k > 0; k-- {
			d := b.source(srcWords(), used)
			var avoid [][2]int
			for m := 1 + rng.IntN(2); m > 0; m-- {
				if from, to, ok := d.cut(rng, 40+rng.IntN(211), avoid); ok {
					avoid = append(avoid, [2]int{from, to})
					ins = append(ins, b.passage(d, from, to, typ))
				}
			}
		}
		b.shuffle(ins)
		if rng.Float64() < 0.7 { // two passages of different sources side by side
			for i := 1; i < len(ins); i++ {
				if ins[i].src != ins[i-1].src {
					ins[i].glued = true
					break
				}
			}
		}
	case caseChapter:
		n := 1500 + rng.IntN(1501)
		d := b.source(n+500+rng.IntN(1500), map[int]bool{})
		from, to, _ := d.cut(rng, n, nil)
		ins = append(ins, b.passage(d, from, to, typ))
		b.suspicious(1500+rng.IntN(1500), ins)
		return
	case "":
		// a pair sharing only the header
		d := b.source(srcWords(), map[int]bool{})
		name := fmt.Sprintf("suspicious-document%05d.txt", len(b.set.susp)+1)
		w := b.writer()
		b.head(w, name)
		prosegen.WriteWords(w, rng, b.pr.base.Words(rng, baseWords()), nil)
		b.set.susp = append(b.set.susp, genDoc{name, w.B.String()})
		b.set.pairs = append(b.set.pairs, Pair{name, d.name})
		return
	}
	b.suspicious(baseWords(), ins)
}

// buildLevelSet generates the set of one edit level: counts.perType
// suspicious documents of each case type, in a shuffled order.
func buildLevelSet(pr *corpusProse, level prosegen.Level, counts setCounts, seed uint64) *genSet {
	b := &setBuilder{rng: rand.New(rand.NewPCG(seed, 100+uint64(level))), pr: pr, set: &genSet{name: level.String(), level: level}}
	var order []string
	for _, t := range caseTypes {
		for i := 0; i < counts.perType[t]; i++ {
			order = append(order, t)
		}
	}
	b.rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	for _, t := range order {
		b.document(t)
	}
	return b.set
}

// buildBoilerplateSet generates the boilerplate set: n pairs, every
// document headed by boilerplateText; a fifth of the pairs have a case
// right after the header on both sides ("adjacent"), a seventh share only
// the header, the others have plain cases. Passages are not edited.
func buildBoilerplateSet(pr *corpusProse, n int, seed uint64) *genSet {
	b := &setBuilder{rng: rand.New(rand.NewPCG(seed, 200)), pr: pr, set: &genSet{name: "boilerplate"},
		header: strings.Fields(boilerplateText)}
	for i := 0; i < n; i++ {
		switch {
		case i%5 == 1:
			b.document(caseAdjacent)
		case i%7 == 3:
			b.document("")
		default:
			b.document(casePlain)
		}
	}
	return b.set
}

// buildNegativeSet generates n pairs with no reuse (see corpusProse.negative).
func buildNegativeSet(pr *corpusProse, n int, seed uint64) *genSet {
	b := &setBuilder{rng: rand.New(rand.NewPCG(seed, 300)), pr: pr, set: &genSet{name: "negatives"}}
	srcs, susps, kinds := pr.negatives(b.rng, n)
	for i, kind := range kinds {
		sn := fmt.Sprintf("source-document%05d.txt", i+1)
		dn := fmt.Sprintf("suspicious-document%05d.txt", i+1)
		for _, d := range []struct {
			name  string
			words []string
			to    *[]genDoc
		}{{sn, srcs[i], &b.set.src}, {dn, susps[i], &b.set.susp}} {
			w := b.writer()
			prosegen.WriteWords(w, b.rng, d.words, nil)
			*d.to = append(*d.to, genDoc{d.name, w.B.String()})
		}
		b.set.pairs = append(b.set.pairs, Pair{dn, sn})
		b.set.negKinds = append(b.set.negKinds, kind)
	}
	return b.set
}

// buildSets generates the five sets from pr.
func buildSets(pr *corpusProse, counts setCounts, seed uint64) []*genSet {
	var out []*genSet
	for _, l := range []prosegen.Level{prosegen.None, prosegen.Light, prosegen.Heavy} {
		out = append(out, buildLevelSet(pr, l, counts, seed))
	}
	return append(out, buildNegativeSet(pr, counts.negatives, seed), buildBoilerplateSet(pr, counts.boilerplates, seed))
}

// words of a text with their character offsets.
func wordSpans(text string) (words []string, spans [][2]int) {
	rs := []rune(text)
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		j := i
		for j < len(rs) && !unicode.IsSpace(rs[j]) {
			j++
		}
		words = append(words, string(rs[i:j]))
		spans = append(spans, [2]int{i, j})
		i = j
	}
	return words, spans
}

// uncoveredGrams returns the 8-word shingles of the runs of words of text
// that lie outside every span of cover.
func uncoveredGrams(text string, cover [][2]int) map[uint64]bool {
	words, spans := wordSpans(text)
	out := map[uint64]bool{}
	var run []string
	flush := func() {
		for _, g := range shingles(run, 8) {
			out[g] = true
		}
		run = run[:0]
	}
	for i, w := range words {
		in := false
		for _, c := range cover {
			in = in || spans[i][0] < c[1] && c[0] < spans[i][1]
		}
		if in {
			flush()
		} else {
			run = append(run, w)
		}
	}
	flush()
	return out
}

// TestGeneratedCorpusTruth checks the generated sets by construction, on
// synthetic prose and (with the shared corpora) on the PAN texts: every
// case lies on word edges of its documents, in a listed pair; without
// edits every case's two spans hold the same words; outside the cases and
// the boilerplate a suspicious document shares no 8-word run with any of
// its sources (so no reuse goes unlabelled, and negatives have none); the
// truth files read back as the cases; and the same seed gives the same sets.
func TestGeneratedCorpusTruth(t *testing.T) {
	prs := []*corpusProse{syntheticCorpusProse()}
	if pr := panProseOnce(); pr != nil {
		prs = append(prs, pr)
	} else {
		t.Log("no ../shared/corpora: the sets of PAN texts are not checked")
	}
	for _, pr := range prs {
		sets := buildSets(pr, smallCounts, 5)
		for _, s := range sets {
			docs := map[string]string{}
			for _, d := range append(slices.Clone(s.susp), s.src...) {
				docs[d.name] = d.text
			}
			cover := map[Pair][][2]int{} // per pair, the spans of its suspicious document to leave out
			srcCover := map[string][][2]int{}
			for _, b := range s.boiler {
				srcCover[b.Doc] = append(srcCover[b.Doc], [2]int{b.Offset, b.Offset + b.Len})
			}
			for _, p := range s.pairs {
				cover[p] = srcCover[p.Susp]
			}
			types := map[string]int{}
			for _, c := range s.cases {
				types[c.Type]++
				p := Pair{c.Susp, c.Src}
				if _, ok := cover[p]; !ok && !slices.Contains(s.pairs, p) {
					t.Fatalf("%s/%s: case in %s–%s, not a listed pair", pr.name, s.name, c.Susp, c.Src)
				}
				cover[p] = append(cover[p], [2]int{c.SuspOffset, c.SuspOffset + c.SuspLength})
				a := caseSpanText(t, docs[c.Susp], c.SuspOffset, c.SuspLength)
				b := caseSpanText(t, docs[c.Src], c.SrcOffset, c.SrcLength)
				if s.level == prosegen.None && strings.Join(strings.Fields(a), " ") != strings.Join(strings.Fields(b), " ") {
					t.Fatalf("%s/%s %s case in %s: the spans differ without edits:\n%q\n%q", pr.name, s.name, c.Type, c.Susp, a, b)
				}
			}
			for _, p := range s.pairs {
				src := uncoveredGrams(docs[p.Src], srcCover[p.Src])
				shared := 0
				for g := range uncoveredGrams(docs[p.Susp], cover[p]) {
					if src[g] {
						shared++
					}
				}
				if shared > 0 {
					t.Errorf("%s/%s: %s and %s share %d 8-word runs outside the cases", pr.name, s.name, p.Susp, p.Src, shared)
				}
			}
			if s.name == "negatives" && len(s.cases) > 0 || s.name != "negatives" && len(s.cases) == 0 {
				t.Errorf("%s/%s: %d cases", pr.name, s.name, len(s.cases))
			}
			t.Logf("%-9s %-11s %3d pairs %3d cases %v", pr.name, s.name, len(s.pairs), len(s.cases), types)

			dir := filepath.Join(t.TempDir(), s.name)
			if err := writeSet(dir, s); err != nil {
				t.Fatal(err)
			}
			truth, err := ReadTruth(input.Loader{}, filepath.Join(dir, "truth"), s.pairs)
			if err != nil {
				t.Fatal(err)
			}
			typed, boiler, err := readTypedCases(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(truth) != len(s.cases) || !slices.Equal(typed, s.cases) || !slices.Equal(boiler, s.boiler) {
				t.Fatalf("%s/%s: read back %d truth cases, %d typed, %d boilerplate spans; wrote %d, %d", pr.name, s.name, len(truth), len(typed), len(boiler), len(s.cases), len(s.boiler))
			}
			for _, c := range truth {
				if !slices.ContainsFunc(s.cases, func(x typedCase) bool { return x.Case == c }) {
					t.Fatalf("%s/%s: truth file case %+v not generated", pr.name, s.name, c)
				}
			}
		}
		again := buildLevelSet(pr, prosegen.Heavy, smallCounts, 5)
		if !reflect.DeepEqual(again, sets[2]) {
			t.Errorf("%s: the same seed made a different heavy set", pr.name)
		}
	}
}

// caseSpanText returns characters [off, off+n) of text, failing unless the
// span is non-empty and starts and ends on word edges.
func caseSpanText(t *testing.T, text string, off, n int) string {
	t.Helper()
	rs := []rune(text)
	if n <= 0 || off < 0 || off+n > len(rs) {
		t.Fatalf("span %d+%d outside a text of %d characters", off, n, len(rs))
	}
	if unicode.IsSpace(rs[off]) || unicode.IsSpace(rs[off+n-1]) ||
		off > 0 && !unicode.IsSpace(rs[off-1]) || off+n < len(rs) && !unicode.IsSpace(rs[off+n]) {
		t.Fatalf("span %d+%d not on word edges: %q", off, n, string(rs[max(0, off-5):min(len(rs), off+n+5)]))
	}
	return string(rs[off : off+n])
}

// wordDistance is the word-level edit distance (insert, delete, replace)
// between a and b, words compared by normWord (case and punctuation
// ignored).
func wordDistance(a, b []string) int {
	norm := func(ws []string) []string {
		out := make([]string, len(ws))
		for i, w := range ws {
			out[i] = normWord(w)
		}
		return out
	}
	a, b = norm(a), norm(b)
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c = 1 + min(c, prev[j], cur[j-1])
			}
			cur[j] = c
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// TestEditRates holds the edit levels to their definitions: light changes
// about 9% of the words (swaps count twice), heavy a third (30% ± 3 points of word edit
// distance per source word, before its sentences are reordered), and
// heavy reorders the sentences of most passages.
func TestEditRates(t *testing.T) {
	p := prosegen.NewSynthetic(5, 20000)
	rng := rand.New(rand.NewPCG(9, 9))
	want := map[prosegen.Level][2]float64{prosegen.Light: {0.06, 0.11}, prosegen.Heavy: {0.27, 0.33}}
	for _, level := range []prosegen.Level{prosegen.Light, prosegen.Heavy} {
		var dist, words int
		for i := 0; i < 300; i++ {
			w := p.Words(rng, 200)
			dist += wordDistance(w, prosegen.EditWords(rng, p, w, prosegen.LevelRates[level]))
			words += len(w)
		}
		rate := float64(dist) / float64(words)
		t.Logf("%s: %.3f of the words changed", level, rate)
		if rate < want[level][0] || rate > want[level][1] {
			t.Errorf("%s edits change %.3f of the words, want %.2f to %.2f", level, rate, want[level][0], want[level][1])
		}
	}
	moved := 0
	for i := 0; i < 100; i++ {
		w := p.Words(rng, 150)
		if !slices.Equal(reorderSentences(rng, slices.Clone(w)), w) {
			moved++
		}
	}
	if moved < 80 {
		t.Errorf("sentences reordered in %d of 100 passages, want most", moved)
	}
}
