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
// dropped, and line ends made "\n". Never NFKC: it would turn "²" into "2".

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
func normalize(s string) (string, []*offsetMap) {
	var maps []*offsetMap
	if !norm.NFC.IsNormalString(s) {
		c, m := composeNFC(s)
		s = c
		maps = append(maps, m)
	}
	f, m := fold(s)
	if m != nil {
		maps = append([]*offsetMap{m}, maps...)
	}
	return f, maps
}

func composeNFC(s string) (string, *offsetMap) {
	var b mapBuilder
	var out strings.Builder
	out.Grow(len(s))
	var it norm.Iter
	for i := 0; i < len(s); {
		n := norm.NFC.QuickSpanString(s[i:])
		out.WriteString(s[i : i+n])
		b.copy(n)
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
			b.copy(used)
		} else {
			b.replace(used, len(seg))
		}
		out.Write(seg)
		i += used
	}
	return out.String(), b.finish()
}

// needsFold reports the first byte that fold may change, or -1.
func needsFold(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\r' || c >= 0x80 {
			return i
		}
	}
	return -1
}

func fold(s string) (string, *offsetMap) {
	first := needsFold(s)
	if first < 0 {
		return s, nil
	}
	var b mapBuilder
	out := make([]byte, 0, len(s))
	out = append(out, s[:first]...)
	run := first // bytes copied but not yet recorded
	for i := first; i < len(s); {
		c := s[i]
		if c < 0x80 {
			if c == '\r' {
				b.copy(run)
				run = 0
				out = append(out, '\n')
				if i+1 < len(s) && s[i+1] == '\n' {
					b.replace(2, 1)
					i += 2
				} else {
					b.replace(1, 1)
					i++
				}
				continue
			}
			out = append(out, c)
			run++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		f := foldRune(r)
		if f == r {
			out = append(out, s[i:i+size]...)
			run += size
			i += size
			continue
		}
		b.copy(run)
		run = 0
		n := len(out)
		if f >= 0 {
			out = utf8.AppendRune(out, f)
		}
		b.replace(size, len(out)-n)
		i += size
	}
	b.copy(run)
	if !b.changed {
		return s, nil
	}
	return string(out), b.finish()
}
