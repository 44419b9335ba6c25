package textcheck

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/compare"
)

// Characters: mojibake (UTF-8 read as Windows-1252), invisible and
// control characters, U+FFFD, full-width forms. Normalisation drops some
// of these from Text (soft hyphens, zero-width spaces) and folds others
// (full-width forms, curly quotes), so they are looked for in the
// original bytes of plain-text files.

// cp1252 maps the characters Windows-1252 puts at 0x80–0x9F back to
// their bytes.
var cp1252 = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89,
	'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95,
	'–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9A, '›': 0x9B, 'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F,
}

// cp1252Byte returns the Windows-1252 (or Latin-1) byte of r.
func cp1252Byte(r rune) (byte, bool) {
	if r >= 0x80 && r <= 0xFF {
		return byte(r), true
	}
	b, ok := cp1252[r]
	return b, ok
}

// unmangle reads runes as the Windows-1252 bytes of UTF-8 text: it
// returns the character the first few stood for and how many runes that
// took, or 0 when they are no such sequence.
func unmangle(rs []rune) (rune, int) {
	if len(rs) < 2 {
		return 0, 0
	}
	b0, ok := cp1252Byte(rs[0])
	if !ok || b0 < 0xC2 || b0 > 0xF4 {
		return 0, 0
	}
	need := 1
	if b0 >= 0xF0 {
		need = 3
	} else if b0 >= 0xE0 {
		need = 2
	}
	if len(rs) < need+1 {
		return 0, 0
	}
	buf := []byte{b0}
	for _, r := range rs[1 : need+1] {
		b, ok := cp1252Byte(r)
		if !ok || b < 0x80 || b > 0xBF {
			return 0, 0
		}
		buf = append(buf, b)
	}
	r, n := utf8.DecodeRune(buf)
	if r == utf8.RuneError || n != len(buf) || r < 0xA0 {
		return 0, 0
	}
	return r, need + 1
}

// demangle reads a run of mojibake, twice more for text garbled more
// than once ("Ã¢â‚¬â„¢" → "â€™" → "’"). It returns the text meant and how
// many runes of rs the run took, or 0.
func demangle(rs []rune) (string, int) {
	out, used := demangleOnce(rs)
	if used == 0 {
		return "", 0
	}
	for pass := 0; pass < 2; pass++ {
		again, n := demangleOnce(out)
		if n == 0 || n != len(out) {
			break
		}
		out = again
	}
	return string(out), used
}

// demangleOnce reads the run of mojibake sequences at the start of rs.
func demangleOnce(rs []rune) ([]rune, int) {
	var out []rune
	used := 0
	for used < len(rs) {
		r, n := unmangle(rs[used:])
		if n == 0 {
			break
		}
		out = append(out, r)
		used += n
	}
	return out, used
}

func findMojibake(c *docCheck) {
	d := c.d
	s := d.Text
	for i := 0; i < len(s); {
		k := strings.IndexByte(s[i:], 0xC3) // Â…ô, the lead bytes read as Latin-1, are U+00C2–U+00F4
		if k < 0 {
			return
		}
		i += k
		if i+1 >= len(s) || s[i+1] < 0x82 || s[i+1] > 0xB4 {
			i++
			continue
		}
		i = mojibakeAt(c, i)
	}
}

// mojibakeAt reports the mojibake starting at Text offset i, if any, and
// returns where to go on scanning.
func mojibakeAt(c *docCheck, i int) int {
	d := c.d
	s := d.Text
	end := i
	for n := 0; end < len(s) && n < windowRunes; n++ { // enough for two characters garbled twice
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
	}
	var w origWindow
	c.readOrig(compare.Span{Start: i, End: end}, &w)
	orig := w.runes[:w.n]
	meant, n := demangle(orig)
	if n == 0 {
		if lostQuote(orig) {
			span := w.textSpan(c, 2)
			c.put(c.at(CheckMojibake, span, "%q is mojibake, most likely for a closing quotation mark (”) whose last byte was lost; replace it", string(orig[:2])))
			return max(span.End, i+2)
		}
		return i + 2
	}
	span := w.textSpan(c, n)
	if span.End <= i {
		return i + 2
	}
	if c.count(CheckMojibake, span) {
		return span.End
	}
	f := c.at(CheckMojibake, span, "%q is mojibake for %q (UTF-8 read as Windows-1252); replace it, and fix the encoding setting of the tool that made the text",
		string(orig[:n]), meant)
	f.Details = map[string]any{"meant": meant}
	f.Fix = c.fix(span, meant)
	c.put(f)
	return span.End
}

// windowRunes is how many characters mojibakeAt reads back.
const windowRunes = 24

// origWindow is a few characters of the original behind a span of Text,
// in a fixed array: mojibakeAt reads one at every candidate.
type origWindow struct {
	runes [windowRunes]rune
	n     int
	start int  // where the first character starts: an original offset, or a Text offset
	raw   bool // runes come from the original bytes (else from Text)
	utf16 bool
}

// readOrig reads the original characters of a Text span: from the file's
// bytes when they are its text in UTF-8 or UTF-16, else from Text.
func (c *docCheck) readOrig(w compare.Span, out *origWindow) {
	d := c.d
	o := d.Orig(w)
	raw := d.Raw[max(0, o.Start):min(len(d.Raw), max(o.Start, o.End))]
	out.n = 0
	switch {
	case (d.Encoding == "utf-8" || d.Encoding == "utf-8-bom") && utf8.Valid(raw) && bytes.IndexAny(raw, "<>&") < 0:
		out.raw, out.start = true, o.Start
		for len(raw) > 0 && out.n < windowRunes {
			r, size := utf8.DecodeRune(raw)
			out.runes[out.n] = r
			out.n++
			raw = raw[size:]
		}
		return
	case (d.Encoding == "utf-16le" || d.Encoding == "utf-16be") && len(raw)%2 == 0:
		out.raw, out.utf16, out.start = true, true, o.Start
		for _, r := range decodeUTF16(raw, d.Encoding == "utf-16be") {
			if out.n == windowRunes {
				break
			}
			out.runes[out.n] = r
			out.n++
		}
		return
	}
	out.start = w.Start
	for _, r := range d.TextOf(w) {
		if out.n == windowRunes {
			break
		}
		out.runes[out.n] = r
		out.n++
	}
}

// textSpan returns the span of Text that the first k characters became.
func (w *origWindow) textSpan(c *docCheck, k int) compare.Span {
	size := 0
	for _, r := range w.runes[:k] {
		switch {
		case w.utf16:
			size += 2 * utf16.RuneLen(r)
		default:
			size += utf8.RuneLen(r)
		}
	}
	if !w.raw {
		return compare.Span{Start: w.start, End: w.start + size}
	}
	return c.d.TextSpan(compare.Span{Start: w.start, End: w.start + size})
}

// lostQuote reports "â€" followed by something that cannot continue it:
// the mojibake of ” (E2 80 9D), whose last byte Windows-1252 leaves
// undefined and converters drop.
func lostQuote(rs []rune) bool {
	if len(rs) < 2 || rs[0] != 'â' || rs[1] != '€' {
		return false
	}
	if len(rs) == 2 {
		return true
	}
	b, ok := cp1252Byte(rs[2])
	return !ok || b < 0x80 || b > 0xBF
}

// invisibleName names the invisible characters reported, or "".
func invisibleName(r rune) string {
	switch r {
	case 0x00AD:
		return "soft hyphen (U+00AD)"
	case 0x200B:
		return "zero-width space (U+200B)"
	case 0x200C:
		return "zero-width non-joiner (U+200C)"
	case 0x200D:
		return "zero-width joiner (U+200D)"
	case 0x2060:
		return "word joiner (U+2060)"
	case 0xFEFF:
		return "byte order mark (U+FEFF)"
	case 0x200E, 0x200F:
		return fmt.Sprintf("direction mark (U+%04X)", r)
	case 0x180E:
		return "Mongolian vowel separator (U+180E)"
	case 0xFFFC:
		return "object replacement character (U+FFFC)"
	}
	switch {
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return fmt.Sprintf("direction control (U+%04X)", r)
	case r >= 0x2061 && r <= 0x2064:
		return fmt.Sprintf("invisible operator (U+%04X)", r)
	case r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' && r != '\v', r == 0x7F, r >= 0x80 && r <= 0x9F:
		return fmt.Sprintf("control character (U+%04X)", r)
	}
	return ""
}

// joinerInContext reports a zero-width joiner or non-joiner where it has
// a job: between letters of scripts that shape them (Arabic, Indic) or in
// emoji sequences. Between Latin letters it does nothing.
func joinerInContext(before, after rune) bool {
	latin := func(r rune) bool { return r < 0x250 || r == ' ' }
	return !(latin(before) && latin(after))
}

// rawRune is one character of the original file.
type rawRune struct {
	r   rune
	off int // original byte offset
	n   int // original bytes
}

// eachRawRune calls fn with the non-ASCII and control characters of a
// plain-text document's original bytes, in order. It reports false when
// the document's bytes are not its text (markup) or not UTF-8 or UTF-16.
func (c *docCheck) eachRawRune(fn func(rawRune)) bool {
	d := c.d
	if d.Structure.Markup {
		return false
	}
	raw := d.Raw
	switch d.Encoding {
	case "utf-8", "utf-8-bom":
		i := 0
		if d.Encoding == "utf-8-bom" {
			i = 3
		}
		for i < len(raw) {
			b := raw[i]
			if b >= 0x20 && b < 0x7F || b == '\n' || b == '\r' || b == '\t' {
				i++
				continue
			}
			r, n := utf8.DecodeRune(raw[i:])
			fn(rawRune{r: r, off: i, n: n})
			i += n
		}
		return true
	case "utf-16le", "utf-16be":
		be := d.Encoding == "utf-16be"
		unit := func(i int) rune {
			if be {
				return rune(raw[i])<<8 | rune(raw[i+1])
			}
			return rune(raw[i+1])<<8 | rune(raw[i])
		}
		for i := 2; i+1 < len(raw); {
			u := unit(i)
			n := 2
			if utf16.IsSurrogate(u) && i+3 < len(raw) {
				u = utf16.DecodeRune(u, unit(i+2))
				n = 4
			}
			if u < 0x20 || u >= 0x7F {
				fn(rawRune{r: u, off: i, n: n})
			}
			i += n
		}
		return true
	}
	return false
}

// invisibleGroup is a run of invisible characters in one word: where it
// starts and ends in the original bytes and how many of each kind.
type invisibleGroup struct {
	start, end int
	kinds      [8]invisibleKind // kinds seen, in order; a value, not a map: there may be millions of groups
	nkinds     int
}

type invisibleKind struct {
	name string
	n    int
}

// add counts one character of the kind name.
func (g *invisibleGroup) add(name string) {
	for i := range g.kinds[:g.nkinds] {
		if g.kinds[i].name == name {
			g.kinds[i].n++
			return
		}
	}
	if g.nkinds < len(g.kinds) {
		g.kinds[g.nkinds] = invisibleKind{name, 1}
		g.nkinds++
	}
}

func findInvisible(c *docCheck) {
	var group invisibleGroup
	var g *invisibleGroup
	flush := func() {
		if g != nil {
			reportInvisible(c, g)
			g = nil
		}
	}
	var prev rawRune
	scanned := c.eachRawRune(func(rr rawRune) {
		name := invisibleName(rr.r)
		if name == "" {
			prev = rr
			return
		}
		if rr.r == 0x200C || rr.r == 0x200D {
			after := c.rawRuneAt(rr.off + rr.n)
			before := rune(' ')
			if prev.off+prev.n == rr.off {
				before = prev.r
			} else if rr.off > 0 {
				before = c.rawRuneBefore(rr.off)
			}
			if joinerInContext(before, after) {
				prev = rr
				return
			}
		}
		// one finding per word: characters apart by letters only join
		if g != nil && (rr.off-g.end > 40 || c.spaceBetween(g.end, rr.off)) {
			flush()
		}
		if g == nil {
			group = invisibleGroup{start: rr.off}
			g = &group
		}
		g.end = rr.off + rr.n
		g.add(name)
		prev = rr
	})
	flush()
	if !scanned {
		invisibleInText(c)
	}
}

// rawRuneAt returns the ASCII-or-not character at an original offset of
// a UTF-8 document (a space for others and past the end).
func (c *docCheck) rawRuneAt(off int) rune {
	if off >= len(c.d.Raw) || !strings.HasPrefix(c.d.Encoding, "utf-8") {
		return ' '
	}
	r, _ := utf8.DecodeRune(c.d.Raw[off:])
	return r
}

func (c *docCheck) rawRuneBefore(off int) rune {
	if off <= 0 || !strings.HasPrefix(c.d.Encoding, "utf-8") {
		return ' '
	}
	r, _ := utf8.DecodeLastRune(c.d.Raw[:off])
	return r
}

// spaceBetween reports white space in the original bytes [a, b).
func (c *docCheck) spaceBetween(a, b int) bool {
	for _, x := range c.d.Raw[a:b] {
		if x == ' ' || x == '\n' || x == '\t' || x == '\r' {
			return true
		}
	}
	return false
}

// reportInvisible reports one group of invisible characters of the
// original bytes.
func reportInvisible(c *docCheck, g *invisibleGroup) {
	d := c.d
	span := compare.Span{Start: g.start, End: g.end}
	if c.full(CheckInvisible) {
		c.put(compare.Finding{Check: CheckInvisible, Location: compare.Location{Doc: d, Span: span}})
		return
	}
	kinds := g.kinds[:g.nkinds]
	sort.Slice(kinds, func(i, j int) bool { return kinds[i].name < kinds[j].name })
	var what []string
	for _, k := range kinds {
		if k.n > 1 {
			what = append(what, fmt.Sprintf("%d × %s", k.n, k.name))
		} else {
			what = append(what, k.name)
		}
	}
	t := d.TextSpan(span)
	a, b := wordBefore(d.Text, t.Start), wordAfter(d.Text, t.End)
	msg := fmt.Sprintf("invisible character in the text: %s", strings.Join(what, ", "))
	if b > a {
		msg += fmt.Sprintf(" in %q", Shorten(d.Text[a:b], 60))
	}
	f := compare.Finding{Check: CheckInvisible, Severity: CheckInvisible.Severity, Message: msg + "; delete it",
		Location: compare.Location{Doc: d, Span: span}}
	if strings.HasPrefix(d.Encoding, "utf-8") && span.Len() <= 4096 && utf8.Valid(d.Raw[span.Start:span.End]) {
		var keep strings.Builder
		for _, r := range string(d.Raw[span.Start:span.End]) {
			if invisibleName(r) == "" {
				keep.WriteRune(r)
			}
		}
		f.Fix = &compare.Fix{Span: span, Text: keep.String()}
	}
	c.put(f)
}

// invisibleInText reports the invisible characters normalisation keeps,
// in documents whose original bytes are markup: there a soft hyphen or a
// zero-width space is dropped from Text and may be deliberate.
func invisibleInText(c *docCheck) {
	s := c.d.Text
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r < utf8.RuneSelf && r >= 0x20 || r == '\n' || r == '\t' {
			i++
			continue
		}
		name := invisibleName(r)
		if name == "" || r == 0x00AD || r == 0x200B || r == 0x2060 || r == 0xFEFF {
			i += n
			continue
		}
		if r == 0x200C || r == 0x200D {
			before, _ := utf8.DecodeLastRuneInString(s[:i])
			after, _ := utf8.DecodeRuneInString(s[i+n:])
			if joinerInContext(before, after) {
				i += n
				continue
			}
		}
		c.put(c.at(CheckInvisible, compare.Span{Start: i, End: i + n}, "invisible character in the text: %s; delete it", name))
		i += n
	}
}

func findReplacement(c *docCheck) {
	d := c.d
	s := d.Text
	const fffd = "\uFFFD"
	for i := 0; i < len(s); {
		k := strings.Index(s[i:], fffd)
		if k < 0 {
			return
		}
		a := i + k
		b := a + len(fffd)
		for strings.HasPrefix(s[b:], fffd) {
			b += len(fffd)
		}
		i = b
		if replacedOnInput(d, d.Orig(compare.Span{Start: a, End: a + len(fffd)}).Start) {
			continue
		}
		n := (b - a) / len(fffd)
		wa, wb := wordBefore(s, a), wordAfter(s, b)
		f := c.at(CheckReplacementChar, compare.Span{Start: a, End: b}, "%d replacement character(s) U+FFFD in %q: an earlier conversion lost the character that was here; restore it from the source",
			n, s[wa:wb])
		c.put(f)
	}
}

// replacedOnInput reports a U+FFFD that crosscheck put in for an invalid
// byte (--lenient): input.invalid-utf8 reports those.
func replacedOnInput(d *compare.Document, off int) bool {
	i := sort.SearchInts(d.Replaced, off)
	return i < len(d.Replaced) && d.Replaced[i] == off
}

// fullwidthASCII returns the ASCII form of a full-width character, or 0.
func fullwidthASCII(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFF01 + '!'
	case r == 0x3000:
		return ' '
	}
	return 0
}

// cjk reports scripts that use full-width punctuation themselves.
func cjk(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r) || r >= 0x3000 && r <= 0x303F ||
		r >= 0xFF00 && r <= 0xFFEF)
}

func findFullwidth(c *docCheck) {
	d := c.d
	c.eachRawRune(func(rr rawRune) {
		a := fullwidthASCII(rr.r)
		if a == 0 {
			return
		}
		if c.full(CheckFullwidth) {
			c.put(compare.Finding{Check: CheckFullwidth, Location: compare.Location{Doc: d, Span: compare.Span{Start: rr.off, End: rr.off + rr.n}}})
			return
		}
		// in Chinese or Japanese text full-width forms are right: look at
		// the characters nearest on both sides
		t := d.TextSpan(compare.Span{Start: rr.off, End: rr.off + rr.n})
		if cjkNear(d.Text, t) {
			return
		}
		f := compare.Finding{Check: CheckFullwidth, Severity: CheckFullwidth.Severity,
			Message:  fmt.Sprintf("full-width %q (U+%04X) in Latin text; write %q", string(rr.r), rr.r, string(a)),
			Location: compare.Location{Doc: d, Span: compare.Span{Start: rr.off, End: rr.off + rr.n}}}
		if strings.HasPrefix(d.Encoding, "utf-8") {
			f.Fix = &compare.Fix{Span: f.Span, Text: string(a)}
		}
		c.put(f)
	})
}

// cjkNear reports a CJK character among the three characters of Text on
// either side of a span.
func cjkNear(s string, t compare.Span) bool {
	i := t.Start
	for n := 0; n < 3 && i > 0; n++ {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if cjk(r) {
			return true
		}
		i -= size
	}
	j := t.End
	for n := 0; n < 3 && j < len(s); n++ {
		r, size := utf8.DecodeRuneInString(s[j:])
		if cjk(r) {
			return true
		}
		j += size
	}
	return false
}
