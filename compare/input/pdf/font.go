package pdf

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// font is what text extraction needs of a font: how its strings split
// into codes, what each code means in Unicode, and how far it advances.
type font struct {
	cid       bool     // a composite (Type0) font: two-byte codes unless its CMap says otherwise
	codespace []cspace // code lengths from the ToUnicode CMap
	toUni     *cmap
	enc       *[256]string // simple fonts: the text of each code
	widths    map[int]float64
	first     int
	wlist     []float64 // simple fonts: widths from FirstChar
	dw        float64   // default width (thousandths of an em)
}

type cspace struct {
	n      int // bytes
	lo, hi uint32
}

// codes splits a shown string into (code, byte length) pairs.
func (ft *font) codes(s string, fn func(code uint32, n int)) {
	for i := 0; i < len(s); {
		n := 1
		if ft.cid {
			n = 2
		}
		if len(ft.codespace) > 0 {
			n = 0
			for _, cs := range ft.codespace {
				if i+cs.n <= len(s) {
					c := be(s[i : i+cs.n])
					if c >= cs.lo && c <= cs.hi {
						n = cs.n
						break
					}
				}
			}
			if n == 0 {
				n = 1
				if ft.cid {
					n = 2
				}
			}
		}
		n = min(n, len(s)-i)
		fn(be(s[i:i+n]), n)
		i += n
	}
}

func be(s string) uint32 {
	var v uint32
	for i := 0; i < len(s); i++ {
		v = v<<8 | uint32(s[i])
	}
	return v
}

// text returns the Unicode text of a code ("" when unknown).
func (ft *font) text(code uint32) string {
	if ft.toUni != nil {
		if t, ok := ft.toUni.lookup(code); ok {
			return t
		}
	}
	if ft.enc != nil && code < 256 {
		return ft.enc[code]
	}
	return ""
}

// width returns a code's advance in thousandths of an em.
func (ft *font) width(code uint32) float64 {
	if ft.widths != nil {
		if w, ok := ft.widths[int(code)]; ok {
			return w
		}
		return ft.dw
	}
	if i := int(code) - ft.first; i >= 0 && i < len(ft.wlist) && ft.wlist[i] > 0 {
		return ft.wlist[i]
	}
	return ft.dw
}

// loadFont reads a font dictionary.
func (f *file) loadFont(d dict) *font {
	ft := &font{dw: 500}
	sub, _ := f.resolve(d["Subtype"]).(name)
	if sub == "Type0" {
		ft.cid = true
		ft.dw = 1000
		if desc, ok := f.resolve(d["DescendantFonts"]).(array); ok && len(desc) > 0 {
			if cd, ok := f.resolve(desc[0]).(dict); ok {
				if dw, ok := num(f.resolve(cd["DW"])); ok {
					ft.dw = dw
				}
				ft.widths = f.cidWidths(cd["W"])
			}
		}
	} else {
		ft.first, _ = f.resolve(d["FirstChar"]).(int)
		if ws, ok := f.resolve(d["Widths"]).(array); ok {
			for _, w := range ws[:min(len(ws), 256)] {
				v, _ := num(f.resolve(w))
				ft.wlist = append(ft.wlist, v)
			}
		}
		if desc, ok := f.resolve(d["FontDescriptor"]).(dict); ok {
			if mw, ok := num(f.resolve(desc["MissingWidth"])); ok && mw > 0 {
				ft.dw = mw
			}
		}
		ft.enc = f.simpleEncoding(d, sub)
	}
	if s, ok := f.resolve(d["ToUnicode"]).(*stream); ok {
		if data, err := f.decode(s); err == nil {
			ft.toUni, ft.codespace = parseCMap(data)
		}
	}
	return ft
}

func num(o any) (float64, bool) {
	switch v := o.(type) {
	case int:
		return float64(v), true
	case float64:
		return v, true
	}
	return 0, false
}

// cidWidths reads a CID font's W array: c [w1 w2 …] and c1 c2 w.
func (f *file) cidWidths(o any) map[int]float64 {
	a, _ := f.resolve(o).(array)
	out := map[int]float64{}
	for i := 0; i < len(a); {
		c, ok := f.resolve(a[i]).(int)
		if !ok || i+1 >= len(a) {
			break
		}
		if list, ok := f.resolve(a[i+1]).(array); ok {
			for k, w := range list {
				if v, ok := num(f.resolve(w)); ok && len(out) < 1<<16 {
					out[c+k] = v
				}
			}
			i += 2
			continue
		}
		c2, ok1 := f.resolve(a[i+1]).(int)
		if i+2 >= len(a) || !ok1 {
			break
		}
		w, _ := num(f.resolve(a[i+2]))
		for k := c; k <= c2 && k-c < 1<<16 && len(out) < 1<<16; k++ {
			out[k] = w
		}
		i += 3
	}
	return out
}

// simpleEncoding builds the code → text table of a simple font: its base
// encoding (WinAnsi for TrueType, Standard otherwise) and /Differences.
func (f *file) simpleEncoding(d dict, sub name) *[256]string {
	base := "StandardEncoding"
	if sub == "TrueType" {
		base = "WinAnsiEncoding"
	}
	var diffs array
	switch e := f.resolve(d["Encoding"]).(type) {
	case name:
		base = string(e)
	case dict:
		if b, ok := f.resolve(e["BaseEncoding"]).(name); ok {
			base = string(b)
		}
		diffs, _ = f.resolve(e["Differences"]).(array)
	}
	var t [256]string
	for c := range 256 {
		t[c] = baseText(base, byte(c))
	}
	code := 0
	for _, o := range diffs {
		switch v := f.resolve(o).(type) {
		case int:
			code = v
		case name:
			if code >= 0 && code < 256 {
				t[code] = glyphText(string(v))
			}
			code++
		}
	}
	return &t
}

func baseText(enc string, c byte) string {
	switch enc {
	case "MacRomanEncoding":
		if c >= 0x80 {
			return string(charmap.Macintosh.DecodeByte(c))
		}
	case "StandardEncoding":
		if r, ok := standardHigh[c]; ok {
			return r
		}
		if c >= 0x80 {
			return ""
		}
	default: // WinAnsi, PDFDoc, unknown
		if c >= 0x80 {
			r := charmap.Windows1252.DecodeByte(c)
			if r == 0xFFFD {
				return ""
			}
			return string(r)
		}
	}
	if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
		return ""
	}
	if c == 0x7F {
		return ""
	}
	return string(rune(c))
}

var standardHigh = map[byte]string{
	0x27: "\u2019", 0x60: "\u2018", 0xA1: "¡", 0xA2: "¢", 0xA3: "£", 0xA4: "⁄", 0xA5: "¥", 0xA6: "ƒ",
	0xA7: "§", 0xA8: "¤", 0xA9: "'", 0xAA: "\u201C", 0xAB: "«", 0xAC: "‹", 0xAD: "›", 0xAE: "fi",
	0xAF: "fl", 0xB1: "–", 0xB2: "†", 0xB3: "‡", 0xB4: "·", 0xB6: "¶", 0xB7: "•", 0xB8: "‚",
	0xB9: "„", 0xBA: "\u201D", 0xBB: "»", 0xBC: "…", 0xBD: "‰", 0xBF: "¿", 0xD0: "—", 0xE1: "Æ",
	0xE3: "ª", 0xE8: "Ł", 0xE9: "Ø", 0xEA: "Œ", 0xEB: "º", 0xF1: "æ", 0xF5: "ı", 0xF8: "ł",
	0xF9: "ø", 0xFA: "œ", 0xFB: "ß",
}

// glyphNames maps the glyph names of the Adobe Glyph List that text
// needs beyond single letters, "uniXXXX", "uXXXX" and accented letters.
var glyphNames = map[string]string{
	"space": " ", "exclam": "!", "quotedbl": "\"", "numbersign": "#", "dollar": "$", "percent": "%",
	"ampersand": "&", "quotesingle": "'", "parenleft": "(", "parenright": ")", "asterisk": "*",
	"plus": "+", "comma": ",", "hyphen": "-", "period": ".", "slash": "/", "colon": ":",
	"semicolon": ";", "less": "<", "equal": "=", "greater": ">", "question": "?", "at": "@",
	"bracketleft": "[", "backslash": "\\", "bracketright": "]", "asciicircum": "^", "underscore": "_",
	"grave": "`", "braceleft": "{", "bar": "|", "braceright": "}", "asciitilde": "~",
	"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
	"seven": "7", "eight": "8", "nine": "9", "quoteleft": "\u2018", "quoteright": "\u2019",
	"quotedblleft": "\u201C", "quotedblright": "\u201D", "quotesinglbase": "‚", "quotedblbase": "„",
	"endash": "–", "emdash": "—", "bullet": "•", "ellipsis": "…", "dagger": "†", "daggerdbl": "‡",
	"fi": "fi", "fl": "fl", "ff": "ff", "ffi": "ffi", "ffl": "ffl", "AE": "Æ", "ae": "æ", "OE": "Œ",
	"oe": "œ", "Oslash": "Ø", "oslash": "ø", "germandbls": "ß", "Eth": "Ð", "eth": "ð", "Thorn": "Þ",
	"thorn": "þ", "dotlessi": "ı", "Lslash": "Ł", "lslash": "ł", "section": "§", "paragraph": "¶",
	"copyright": "©", "registered": "®", "trademark": "™", "degree": "°", "plusminus": "±",
	"multiply": "×", "divide": "÷", "cent": "¢", "sterling": "£", "yen": "¥", "Euro": "€",
	"currency": "¤", "brokenbar": "¦", "logicalnot": "¬", "mu": "µ", "periodcentered": "·",
	"guillemotleft": "«", "guillemotright": "»", "guilsinglleft": "‹", "guilsinglright": "›",
	"perthousand": "‰", "exclamdown": "¡", "questiondown": "¿", "ordfeminine": "ª", "ordmasculine": "º",
	"onehalf": "½", "onequarter": "¼", "threequarters": "¾", "onesuperior": "¹", "twosuperior": "²",
	"threesuperior": "³", "nbspace": "\u00A0", "nonbreakingspace": "\u00A0", "minus": "−",
	"fraction": "⁄", "florin": "ƒ", "softhyphen": "\u00AD", "sfthyphen": "\u00AD",
}

var accents = map[string]rune{
	"acute": '\u0301', "grave": '\u0300', "circumflex": '\u0302', "dieresis": '\u0308', "tilde": '\u0303',
	"ring": '\u030A', "cedilla": '\u0327', "caron": '\u030C', "macron": '\u0304', "breve": '\u0306',
	"ogonek": '\u0328', "dotaccent": '\u0307', "hungarumlaut": '\u030B',
}

// glyphText returns the text of a glyph name ("" when unknown).
func glyphText(g string) string {
	if i := strings.IndexByte(g, '.'); i > 0 { // "a.sc", "one.oldstyle"
		g = g[:i]
	}
	if t, ok := glyphNames[g]; ok {
		return t
	}
	if len(g) == 1 && (g[0] >= 'a' && g[0] <= 'z' || g[0] >= 'A' && g[0] <= 'Z') {
		return g
	}
	if h, ok := strings.CutPrefix(g, "uni"); ok && len(h) >= 4 && len(h)%4 == 0 {
		var units []uint16
		for i := 0; i+4 <= len(h); i += 4 {
			v, err := strconv.ParseUint(h[i:i+4], 16, 16)
			if err != nil {
				return ""
			}
			units = append(units, uint16(v))
		}
		return string(utf16.Decode(units))
	}
	if h, ok := strings.CutPrefix(g, "u"); ok && len(h) >= 4 && len(h) <= 6 {
		if v, err := strconv.ParseUint(h, 16, 32); err == nil && v < 0x110000 && (v < 0xD800 || v > 0xDFFF) {
			return string(rune(v))
		}
	}
	if len(g) > 1 {
		if m, ok := accents[g[1:]]; ok {
			return norm.NFC.String(g[:1] + string(m))
		}
	}
	return ""
}

// cmap is a ToUnicode map: single codes and ranges.
type cmap struct {
	single map[uint32]string
	ranges []crange // sorted by lo
}

type crange struct {
	lo, hi uint32
	dst    []uint16 // UTF-16 of lo's text; the last unit counts up
	list   []string // or one text per code
}

func (m *cmap) lookup(code uint32) (string, bool) {
	if t, ok := m.single[code]; ok {
		return t, true
	}
	i := sort.Search(len(m.ranges), func(k int) bool { return m.ranges[k].hi >= code })
	for ; i < len(m.ranges) && m.ranges[i].lo <= code; i++ {
		r := m.ranges[i]
		if code < r.lo || code > r.hi {
			continue
		}
		off := code - r.lo
		if r.list != nil {
			if int(off) < len(r.list) {
				return r.list[off], true
			}
			return "", false
		}
		if len(r.dst) == 0 {
			return "", false
		}
		u := append([]uint16(nil), r.dst...)
		u[len(u)-1] += uint16(off)
		return string(utf16.Decode(u)), true
	}
	return "", false
}

// maxCMapEntries bounds a ToUnicode map.
const maxCMapEntries = 1 << 17

// parseCMap reads the codespace ranges and bfchar/bfrange mappings of a
// ToUnicode CMap.
func parseCMap(data []byte) (*cmap, []cspace) {
	m := &cmap{single: map[uint32]string{}}
	var cs []cspace
	l := &lexer{b: data}
	var stack []any
	mode := ""
	entries := 0
	for entries < maxCMapEntries {
		o, ok, err := l.object(0)
		if err != nil || !ok {
			break
		}
		kw, isKw := o.(keyword)
		if !isKw {
			if len(stack) < 16 {
				stack = append(stack, o)
			}
			switch mode {
			case "codespace":
				if len(stack) == 2 {
					lo, _ := stack[0].(string)
					hi, _ := stack[1].(string)
					if len(lo) > 0 && len(lo) <= 4 && len(lo) == len(hi) {
						cs = append(cs, cspace{n: len(lo), lo: be(lo), hi: be(hi)})
					}
					stack = stack[:0]
				}
			case "bfchar":
				if len(stack) == 2 {
					src, _ := stack[0].(string)
					if dst, ok := stack[1].(string); ok && len(src) <= 4 {
						m.single[be(src)] = utf16BE(dst)
						entries++
					}
					stack = stack[:0]
				}
			case "bfrange":
				if len(stack) == 3 {
					lo, _ := stack[0].(string)
					hi, _ := stack[1].(string)
					if len(lo) <= 4 && len(hi) <= 4 && be(lo) <= be(hi) {
						r := crange{lo: be(lo), hi: be(hi)}
						switch d := stack[2].(type) {
						case string:
							r.dst = utf16Units(d)
						case array:
							for _, x := range d {
								s, _ := x.(string)
								r.list = append(r.list, utf16BE(s))
							}
						}
						m.ranges = append(m.ranges, r)
						entries++
					}
					stack = stack[:0]
				}
			}
			continue
		}
		switch kw {
		case "begincodespacerange":
			mode = "codespace"
		case "beginbfchar":
			mode = "bfchar"
		case "beginbfrange":
			mode = "bfrange"
		case "endcodespacerange", "endbfchar", "endbfrange":
			mode = ""
		}
		stack = stack[:0]
	}
	sort.Slice(m.ranges, func(i, j int) bool { return m.ranges[i].lo < m.ranges[j].lo })
	// the search above needs hi ordered as lo is: ranges do not overlap in practice
	sort.Slice(cs, func(i, j int) bool { return cs[i].n < cs[j].n })
	return m, cs
}

func utf16Units(s string) []uint16 {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return u
}

func utf16BE(s string) string { return string(utf16.Decode(utf16Units(s))) }
