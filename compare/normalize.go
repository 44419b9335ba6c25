package compare

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// Normalisation makes texts comparable without losing the way back: NFC
// composition, width folding (fullwidth ASCII to ASCII, halfwidth kana to
// kana), typographic quotes, dashes and spaces folded to their ASCII forms,
// invisible characters (soft hyphen, zero-width space, word joiner, BOM)
// dropped, and line ends made "\n". A soft hyphen at a line end is where a
// word was broken: it becomes the hyphen it shows as, which tokenisation
// joins across the line break like any other (see lineBreakHyphen).
// Never NFKC: it would turn "²" into "2".

// foldRune returns what r becomes: the same rune when it is kept, another
// rune when folded, or -1 when dropped.
func foldRune(r rune) rune {
	switch r {
	case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u02BC':
		return '\''
	case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB':
		return '"'
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE58', '\uFE63':
		return '-'
	case '\u00A0', '\u1680', '\u202F', '\u205F', '\u3000':
		return ' '
	case '\u2028', '\u2029', '\u0085':
		return '\n'
	case '\u00AD', '\u200B', '\u2060', '\uFEFF':
		return -1
	}
	if r >= '\u2000' && r <= '\u200A' {
		return ' '
	}
	if r >= '\uFF00' && r <= '\uFFEF' {
		if f := width.LookupRune(r).Folded(); f != 0 {
			return foldRune(f)
		}
	}
	return r
}

// normalize returns the normalised form of s and the maps back to s,
// innermost (the last step) first. No map means no change.
func normalize(s string) (string, []*OffsetMap) {
	var maps []*OffsetMap
	if !IsASCII(s) && !norm.NFC.IsNormalString(s) { // ASCII is NFC; the check is quicker
		c, m := composeNFC(s)
		s = c
		maps = append(maps, m)
	}
	f, m := fold(s)
	if m != nil {
		maps = append([]*OffsetMap{m}, maps...)
	}
	return f, maps
}

func composeNFC(s string) (string, *OffsetMap) {
	var b MapBuilder
	var out strings.Builder
	out.Grow(len(s))
	var it norm.Iter
	for i := 0; i < len(s); {
		n := norm.NFC.QuickSpanString(s[i:])
		out.WriteString(s[i : i+n])
		b.Copy(n)
		i += n
		if i >= len(s) {
			break
		}
		it.InitString(norm.NFC, s[i:])
		seg := it.Next()
		used := it.Pos()
		if used <= 0 {
			used = len(s) - i
		}
		if string(seg) == s[i:i+used] {
			b.Copy(used)
		} else {
			b.Replace(used, len(seg))
		}
		out.Write(seg)
		i += used
	}
	return out.String(), b.Finish()
}

// endsLine reports whether s starts with a line break, after any spaces
// and tabs.
func endsLine(s string) bool {
	s = strings.TrimLeft(s, " \t")
	return s != "" && (s[0] == '\n' || s[0] == '\r')
}

// needsFold reports the first byte that fold may change (a carriage return
// or the start of a non-ASCII rune), or -1. It tests eight bytes at a time:
// this scan runs over every byte of every document.
func needsFold(s string) int {
	const (
		lows  = 0x0101010101010101
		highs = 0x8080808080808080
		crs   = 0x0d0d0d0d0d0d0d0d
	)
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		y := x ^ crs // a zero byte where x has '\r'
		if (x|((y-lows)&^y))&highs != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c == '\r' || c >= 0x80 {
			return i
		}
	}
	return -1
}

func fold(s string) (string, *OffsetMap) {
	first := needsFold(s)
	if first < 0 {
		return s, nil
	}
	// two segments per line end (a copied run, then the CRLF), sized up front:
	// growing by a quarter at a time would copy the map over and over
	b := MapBuilder{segs: make([]seg, 0, 2*strings.Count(s[first:], "\r")+16)}
	out := make([]byte, 0, len(s))
	run := 0 // bytes copied but not yet recorded in the map
	i := 0
	for {
		// copy the stretch that needs nothing, in one go
		next := first
		if next < 0 {
			next = len(s) - i
		}
		out = append(out, s[i:i+next]...)
		run += next
		i += next
		if i >= len(s) {
			break
		}
		c := s[i]
		switch {
		case c == '\r':
			b.Copy(run)
			run = 0
			out = append(out, '\n')
			if i+1 < len(s) && s[i+1] == '\n' {
				b.Replace(2, 1)
				i += 2
			} else {
				b.Replace(1, 1)
				i++
			}
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			f := foldRune(r)
			if r == '\u00AD' && endsLine(s[i+size:]) {
				f = '-' // a soft hyphen at a line end shows as a hyphen: a word broken there
			}
			if f == r {
				out = append(out, s[i:i+size]...)
				run += size
			} else {
				b.Copy(run)
				run = 0
				n := len(out)
				if f >= 0 {
					out = utf8.AppendRune(out, f)
				}
				b.Replace(size, len(out)-n)
			}
			i += size
		}
		first = needsFold(s[i:])
	}
	b.Copy(run)
	if !b.changed {
		return s, nil
	}
	return bytesString(out), b.Finish() // out is never written again
}
