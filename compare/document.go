package compare

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// Span is a half-open range [Start, End) of byte offsets. Spans in findings
// are offsets into a file's original bytes; spans that analyses work with
// are offsets into a document's normalised Text.
type Span struct {
	Start, End int
}

// Len returns the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies inside s.
func (s Span) Contains(o Span) bool { return o.Start >= s.Start && o.End <= s.End }

// Overlaps reports whether s and o share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// Token is a word token: a half-open range [Start, End) of byte offsets
// into a document's normalised Text, held in 32 bits each (8 bytes, half
// a Span) because a document keeps one for every word. Assemble refuses
// a text longer than MaxTextBytes, so the offsets always fit.
type Token struct {
	start, end uint32
}

// TokenOf returns the token covering span s of Text.
func TokenOf(s Span) Token { return Token{uint32(s.Start), uint32(s.End)} }

// Start returns the offset of the token's first byte.
func (t Token) Start() int { return int(t.start) }

// End returns the offset just past the token's last byte.
func (t Token) End() int { return int(t.end) }

// Span returns the token as a Span.
func (t Token) Span() Span { return Span{int(t.start), int(t.end)} }

// Len returns the number of bytes the token covers.
func (t Token) Len() int { return int(t.end - t.start) }

// Position is a 1-based line and column; the column counts Unicode code points.
type Position struct {
	Line, Column int
}

// Document is one input file ready for analysis: its original bytes, its
// normalised text with an exact map back, and its segmentation.
type Document struct {
	Path     string // as the user named it, slash-separated
	Raw      []byte // the file's bytes, never modified
	Format   string // the reader's name: "text", "markdown", "html", …
	Encoding string // "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1252"
	Text     string // normalised text: what every analysis reads
	// Structure is what the reader knows of blocks, notes and comments.
	Structure Structure
	// Locator, when set, names places the way the format's editors do
	// (member, paragraph, page); see Where.
	Locator Locator

	Paragraphs []Span // Text coordinates
	Sentences  []Span // Text coordinates, in order, never across paragraphs
	// Tokens are the word tokens, Text coordinates. A word hyphenated at
	// a line end is one token over its two halves ("re-\nport"): see
	// WordText.
	Tokens   []Token
	Replaced []int // original offsets of bytes replaced by U+FFFD (--lenient)

	source    string       // the decoded file text (UTF-8)
	textMaps  []*OffsetMap // Text → source, the last normalisation step first
	sourceMap *OffsetMap   // source → Raw
	ascii     bool
	extracted bool // Text was extracted from markup: excerpts come from Text

	linesOnce sync.Once
	lineStart []int // offsets in source where lines begin
	runeBlock []int // code points before each 64 KiB block of source

	joined []int // tokens over a line-break hyphen, in order

	keysOnce  sync.Once
	keys      []uint64
	keysBuilt atomic.Bool // keys is complete
}

// Parts are what a format reader hands the kernel to make a document:
// the file's bytes, their decoding, the text extracted from them, and the
// structure found on the way.
type Parts struct {
	Path     string
	Raw      []byte // kept, never modified
	Format   string
	Encoding string
	// Source is the decoded file (UTF-8); SourceMap maps it back to Raw
	// (nil: Source is Raw itself). ASCII says Source is all ASCII.
	Source    string
	SourceMap *OffsetMap
	ASCII     bool
	// Replaced are original offsets of bytes read as U+FFFD (lenient).
	Replaced []int
	// Text is the text content; TextMap maps it to Source. A nil TextMap
	// with Extracted false means Text is Source.
	Text      string
	TextMap   *OffsetMap
	Extracted bool
	// Structure's Spans are in Text (pre-normalisation) coordinates and
	// its Raw spans in Source coordinates; Assemble maps them.
	Structure Structure
	Locator   Locator
}

// MaxTextBytes is the longest normalised text (and decoded text, and
// file) a document can hold: its tokens and offset maps keep their
// offsets in 32 bits.
const MaxTextBytes = math.MaxUint32

// maxTextBytes is MaxTextBytes, lowered by tests.
var maxTextBytes = MaxTextBytes

// Assemble normalises the parts' text, maps their structure onto it and
// segments it into paragraphs, sentences and words. A text longer than
// MaxTextBytes once normalised is refused with an *InputError.
func Assemble(p Parts) (*Document, error) {
	d := &Document{
		Path:      p.Path,
		Raw:       p.Raw,
		Format:    p.Format,
		Encoding:  p.Encoding,
		Replaced:  p.Replaced,
		source:    p.Source,
		sourceMap: p.SourceMap,
		ascii:     p.ASCII,
		extracted: p.Extracted,
		Locator:   p.Locator,
	}
	text := p.Text
	if !p.Extracted && p.TextMap == nil {
		text = p.Source
	}
	norm, maps := normalize(text)
	if n := max(len(norm), len(p.Source), len(p.Raw)); n > maxTextBytes {
		return nil, &InputError{Path: p.Path, Offset: -1,
			Msg:  fmt.Sprintf("text is %d bytes once decoded, over the %d bytes one document can hold", n, maxTextBytes),
			Hint: "split the file"}
	}
	d.Text = norm
	d.textMaps = maps
	if p.TextMap != nil {
		d.textMaps = append(d.textMaps, p.TextMap)
	}
	st := p.Structure
	toText := func(s Span) Span {
		return Span{chainFromSrc(s.Start, false, maps...), chainFromSrc(s.End, true, maps...)}
	}
	toRaw := func(s Span) Span {
		return Span{d.sourceMap.toSrc(s.Start, false), d.sourceMap.toSrc(s.End, true)}
	}
	for i := range st.Blocks {
		st.Blocks[i].Span = toText(st.Blocks[i].Span)
		st.Blocks[i].Raw = toRaw(st.Blocks[i].Raw)
	}
	for i := range st.NoteMarkers {
		st.NoteMarkers[i].Span = toText(st.NoteMarkers[i].Span)
	}
	for i := range st.NoteDefs {
		st.NoteDefs[i].Span = toText(st.NoteDefs[i].Span)
		st.NoteDefs[i].Body = toText(st.NoteDefs[i].Body)
	}
	for i := range st.Comments {
		st.Comments[i].Span = toText(st.Comments[i].Span)
		st.Comments[i].Raw = toRaw(st.Comments[i].Raw)
	}
	sort.SliceStable(st.Blocks, func(a, b int) bool { return st.Blocks[a].Span.Start < st.Blocks[b].Span.Start })
	sort.SliceStable(st.NoteMarkers, func(a, b int) bool { return st.NoteMarkers[a].Span.Start < st.NoteMarkers[b].Span.Start })
	sort.SliceStable(st.NoteDefs, func(a, b int) bool { return st.NoteDefs[a].Span.Start < st.NoteDefs[b].Span.Start })
	d.Structure = st
	d.segment()
	return d, nil
}

// NewTextDocument makes a plain-text document of text held in memory (a
// quotation, a sentence pair): no file, no decoding. Invalid UTF-8 is
// replaced first, so Raw is the valid text. The text must be shorter than
// MaxTextBytes: a longer one is a caller's mistake and panics.
func NewTextDocument(name, text string) *Document {
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	d, err := Assemble(Parts{Path: name, Raw: []byte(text), Format: "text", Encoding: "utf-8",
		Source: text, ASCII: IsASCII(text)})
	if err != nil {
		panic("compare.NewTextDocument: " + err.Error())
	}
	return d
}

func (d *Document) segment() {
	d.Paragraphs = splitParagraphs(d.Text)
	// room for a sentence at every terminator: counting them (a vectorised
	// scan) is cheaper than growing a slice that may be hundreds of MB
	ends := strings.Count(d.Text, ".") + strings.Count(d.Text, "?") + strings.Count(d.Text, "!")
	d.Sentences = make([]Span, 0, ends+len(d.Paragraphs)+1)
	for _, p := range d.Paragraphs {
		d.Sentences = splitSentences(d.Sentences, d.Text, p)
	}
	toks, joined := tokenize(d.Text)
	d.Tokens, d.joined = splitCompounds(d.Text, toks, joined)
}

// origLen returns the length of the original offsets' space: the file's
// bytes, or for a container format (no map from its extracted text to
// its bytes) the extracted text, which may be longer than the file.
func (d *Document) origLen() int {
	if d.sourceMap == nil {
		return len(d.source)
	}
	return len(d.Raw)
}

// Size returns the number of original bytes.
func (d *Document) Size() int { return len(d.Raw) }

// Orig maps a span of Text to the span of original bytes it came from.
func (d *Document) Orig(s Span) Span {
	a := chainToSrc(s.Start, false, d.textMaps...)
	b := chainToSrc(s.End, true, d.textMaps...)
	if s.End == s.Start {
		b = a
	}
	return Span{d.sourceMap.toSrc(a, false), d.sourceMap.toSrc(b, true)}
}

// TextSpan maps a span of original bytes to the span of Text it became.
func (d *Document) TextSpan(raw Span) Span {
	a := chainFromSrc(d.sourceMap.fromSrc(raw.Start, false), false, d.textMaps...)
	b := chainFromSrc(d.sourceMap.fromSrc(raw.End, true), true, d.textMaps...)
	if b < a {
		b = a
	}
	return Span{a, b}
}

// Loc returns the location of a span of Text, as original bytes.
func (d *Document) Loc(s Span) Location { return Location{Doc: d, Span: d.Orig(s)} }

func (d *Document) buildLines() {
	src := d.source
	d.lineStart = make([]int, 1, strings.Count(src, "\n")+2)
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			d.lineStart = append(d.lineStart, i+1)
		case '\r':
			if i+1 >= len(src) || src[i+1] != '\n' {
				d.lineStart = append(d.lineStart, i+1)
			}
		}
	}
	if !d.ascii {
		d.runeBlock = make([]int, len(src)>>16+1)
		n := 0
		for b := 0; b < len(d.runeBlock); b++ {
			d.runeBlock[b] = n
			n += countRunes(src[b<<16 : min(len(src), (b+1)<<16)])
		}
	}
}

// countRunes counts code points as bytes that do not continue a sequence,
// which is additive over any split of valid UTF-8.
func countRunes(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i]&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

func (d *Document) runesBefore(off int) int {
	if d.ascii {
		return off
	}
	b := off >> 16
	return d.runeBlock[b] + countRunes(d.source[b<<16:off])
}

// Position returns the 1-based line and column (in code points) of an
// original byte offset.
func (d *Document) Position(off int) Position {
	d.linesOnce.Do(d.buildLines)
	src := d.sourceMap.fromSrc(max(0, min(off, d.origLen())), false)
	src = max(0, min(src, len(d.source)))
	line := sort.SearchInts(d.lineStart, src+1) - 1
	col := d.runesBefore(src) - d.runesBefore(d.lineStart[line]) + 1
	return Position{Line: line + 1, Column: col}
}

// ByteColumn returns the 1-based column of an original byte offset counted
// in bytes of UTF-8 from the start of its line, as reviewdog counts them.
func (d *Document) ByteColumn(off int) int {
	d.linesOnce.Do(d.buildLines)
	src := d.sourceMap.fromSrc(max(0, min(off, d.origLen())), false)
	src = max(0, min(src, len(d.source)))
	line := sort.SearchInts(d.lineStart, src+1) - 1
	return src - d.lineStart[line] + 1
}

// Lines returns the number of lines in the file; a final line break does
// not start another line.
func (d *Document) Lines() int {
	d.linesOnce.Do(d.buildLines)
	n := len(d.lineStart)
	if n > 1 && d.lineStart[n-1] == len(d.source) {
		n--
	}
	if len(d.source) == 0 {
		return 0
	}
	return n
}

// Excerpt returns the text of an original span with white space collapsed,
// cut to at most max code points with a visible "…". HTML markup is left out.
func (d *Document) Excerpt(raw Span, max int) string {
	var s string
	if d.extracted {
		t := d.TextSpan(raw)
		s = d.Text[t.Start:t.End]
	} else {
		a := d.sourceMap.fromSrc(raw.Start, false)
		b := d.sourceMap.fromSrc(raw.End, true)
		a, b = clamp(a, 0, len(d.source)), clamp(b, 0, len(d.source))
		if b < a {
			b = a
		}
		s = d.source[a:b]
	}
	return Shorten(collapseSpace(s), max)
}

// TextOf returns the normalised text of a span of Text.
func (d *Document) TextOf(s Span) string { return d.Text[s.Start:s.End] }

func clamp(v, lo, hi int) int { return max(lo, min(v, hi)) }

func collapseSpace(s string) string {
	if !strings.ContainsAny(s, "\n\r\t\f\v  ") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// Shorten cuts s to at most max code points, ending with "…" when cut.
// max <= 0 means no limit.
func Shorten(s string, max int) string {
	if max <= 0 || utf8.RuneCountInString(s) <= max {
		return s
	}
	if max == 1 {
		return "…"
	}
	n := 0
	for i := range s {
		if n == max-1 {
			return strings.TrimRightFunc(s[:i], unicode.IsSpace) + "…"
		}
		n++
	}
	return s
}

// TokenKeys returns a 64-bit key per token that is equal for tokens equal
// up to case: the unit every comparison of words works with. A word
// hyphenated at a line end has the key of the whole word: "re-\nport" is
// "report".
func (d *Document) TokenKeys() []uint64 {
	d.keysOnce.Do(func() {
		d.keys = d.keysInto(nil)
		d.keysBuilt.Store(true)
	})
	return d.keys
}

// TokenKeysInto returns TokenKeys when something has built them (shared
// is then true: the document's own table, not to be written), else the
// keys computed into buf (grown as needed) and not kept: for a pass that
// reads a document's keys and is done with them, so that a command that
// needs them only there does not hold eight bytes per word to the end.
func (d *Document) TokenKeysInto(buf []uint64) (keys []uint64, shared bool) {
	if d.keysBuilt.Load() {
		return d.keys, true
	}
	return d.keysInto(buf), false
}

// keysInto computes the key of every token into buf, grown as needed.
func (d *Document) keysInto(buf []uint64) []uint64 {
	if cap(buf) < len(d.Tokens) {
		buf = make([]uint64, len(d.Tokens))
	}
	buf = buf[:len(d.Tokens)]
	for i, t := range d.Tokens {
		buf[i] = WordKey(d.Text[t.Start():t.End()])
	}
	for _, i := range d.joined {
		buf[i] = WordKey(d.WordText(i))
	}
	return buf
}

// tokenKeysIn returns the keys of tokens [i, j): part of the document's
// table when something built it, else computed for those tokens alone, so
// that diffing two short spans does not hash a whole large document.
func (d *Document) tokenKeysIn(i, j int) []uint64 {
	if d.keysBuilt.Load() {
		return d.keys[i:j]
	}
	out := make([]uint64, j-i)
	for k := range out {
		t := d.Tokens[i+k]
		out[k] = WordKey(joinBroken(d.Text[t.Start():t.End()]))
	}
	return out
}

// Word returns token i in lower case, as WordText gives it.
func (d *Document) Word(i int) string { return strings.ToLower(d.WordText(i)) }

// WordText returns the word of token i: its text, or for a word
// hyphenated at a line end the whole word without the hyphen and the line
// break ("re-\n  port" is "report").
func (d *Document) WordText(i int) string {
	t := d.Tokens[i]
	return joinBroken(d.Text[t.Start():t.End()])
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// WordKey hashes a word case-insensitively (FNV-1a over the lower-cased bytes).
func WordKey(w string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			for _, r := range strings.ToLower(w[i:]) {
				var buf [4]byte
				n := utf8.EncodeRune(buf[:], r)
				for _, b := range buf[:n] {
					h ^= uint64(b)
					h *= fnvPrime
				}
			}
			return h
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

// SentenceAt returns the index of the sentence holding Text offset off, or -1.
func (d *Document) SentenceAt(off int) int {
	i := sort.Search(len(d.Sentences), func(k int) bool { return d.Sentences[k].End > off })
	if i < len(d.Sentences) && d.Sentences[i].Start <= off {
		return i
	}
	return -1
}

// ParagraphAt returns the index of the paragraph holding Text offset off, or -1.
func (d *Document) ParagraphAt(off int) int {
	i := sort.Search(len(d.Paragraphs), func(k int) bool { return d.Paragraphs[k].End > off })
	if i < len(d.Paragraphs) && d.Paragraphs[i].Start <= off {
		return i
	}
	return -1
}

// TokensIn returns the tokens lying wholly inside span s of Text, as the
// index range [i, j).
func (d *Document) TokensIn(s Span) (int, int) {
	i := d.TokenAt(s.Start)
	for i < len(d.Tokens) && d.Tokens[i].Start() < s.Start {
		i++
	}
	j := i
	for j < len(d.Tokens) && d.Tokens[j].End() <= s.End {
		j++
	}
	return i, j
}

// TokenAt returns the index of the first token that ends after Text offset off.
func (d *Document) TokenAt(off int) int {
	return sort.Search(len(d.Tokens), func(k int) bool { return d.Tokens[k].End() > off })
}
