package input

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"github.com/crosscheck/crosscheck/compare"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// decoded is a file's text as UTF-8 with a map back to the file's bytes.
type decoded struct {
	text     string
	m        *compare.OffsetMap // text → raw; nil when the text is the raw bytes
	encoding string
	invalid  []int // raw offsets of bytes replaced by U+FFFD (lenient mode)
	ascii    bool
}

// bytesString returns b as a string without copying. The caller promises
// never to modify b afterwards; documents never modify their input.
func bytesString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// sniffBinary reports the offset of a NUL byte (or a dense run of control
// bytes) in the first 8 KiB, the way git and grep tell binary from text.
func sniffBinary(raw []byte) (int, bool) {
	head := raw
	if len(head) > 8192 {
		head = head[:8192]
	}
	if i := bytes.IndexByte(head, 0); i >= 0 {
		return i, true
	}
	ctl := 0
	first := -1
	for i, c := range head {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b {
			ctl++
			if first < 0 {
				first = i
			}
		}
	}
	if len(head) > 0 && ctl*10 > len(head) {
		return first, true
	}
	return 0, false
}

// decode turns raw file bytes into UTF-8 text. UTF-8 with or without a BOM is
// used in place; UTF-16 with a BOM is decoded. Bytes that are not UTF-8 in a
// file that declares a Latin-1 charset (see declaresLatin1) are decoded as
// windows-1252. Other invalid UTF-8 is an error unless lenient, in which
// case each bad byte becomes U+FFFD.
func decode(path string, raw []byte, lenient bool) (decoded, error) {
	switch {
	case len(raw) >= 2 && (raw[0] == 0xFF && raw[1] == 0xFE || raw[0] == 0xFE && raw[1] == 0xFF):
		return decodeUTF16(path, raw, lenient)
	}
	if off, bin := sniffBinary(raw); bin {
		what := "control bytes from"
		if raw[off] == 0 {
			what = "a NUL byte at"
		}
		return decoded{}, &compare.SkipError{Path: path, Reason: fmt.Sprintf("binary data, not text (%s offset %d)", what, off)}
	}
	body := raw
	var b compare.MapBuilder
	enc := "utf-8"
	if bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}) {
		body = raw[3:]
		b.Replace(3, 0)
		enc = "utf-8-bom"
	}
	if compare.IsASCII(bytesString(body)) {
		b.Copy(len(body))
		return decoded{text: bytesString(body), m: b.Finish(), encoding: enc, ascii: true}, nil
	}
	if utf8.Valid(body) {
		b.Copy(len(body))
		return decoded{text: bytesString(body), m: b.Finish(), encoding: enc}, nil
	}
	base := len(raw) - len(body)
	if base == 0 && declaresLatin1(raw[:min(len(raw), declarationBytes)]) {
		return decodeWindows1252(raw), nil
	}
	if !lenient {
		off := base + firstInvalid(body)
		return decoded{}, &compare.InputError{Path: path, Offset: off, Msg: "invalid UTF-8",
			Hint: "convert the file to UTF-8 (for a Latin-1 file: iconv -f WINDOWS-1252 -t UTF-8), declare its " +
				"charset if it is HTML or XML, or pass --lenient to replace bad bytes and go on"}
	}
	var out []byte
	out = make([]byte, 0, len(body)+16)
	var bad []int
	run := 0
	for i := 0; i < len(body); {
		r, size := utf8.DecodeRune(body[i:])
		if r == utf8.RuneError && size == 1 {
			b.Copy(run)
			run = 0
			b.Replace(1, 3)
			out = utf8.AppendRune(out, utf8.RuneError)
			bad = append(bad, base+i)
			i++
			continue
		}
		out = append(out, body[i:i+size]...)
		run += size
		i += size
	}
	b.Copy(run)
	b.Changed()
	return decoded{text: string(out), m: b.Finish(), encoding: enc, invalid: bad}, nil
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}

func decodeUTF16(path string, raw []byte, lenient bool) (decoded, error) {
	var order binary.ByteOrder = binary.LittleEndian
	enc := "utf-16le"
	if raw[0] == 0xFE {
		order = binary.BigEndian
		enc = "utf-16be"
	}
	var b compare.MapBuilder
	b.Replace(2, 0)
	out := make([]byte, 0, len(raw)/2)
	var bad []int
	ascii := true
	i := 2
	for i+1 < len(raw) {
		u := order.Uint16(raw[i:])
		if u < 0x80 {
			if u == 0 {
				return decoded{}, &compare.SkipError{Path: path, Reason: fmt.Sprintf("binary data (NUL character at offset %d)", i)}
			}
			out = append(out, byte(u))
			b.Double(1)
			i += 2
			continue
		}
		ascii = false
		r := rune(u)
		size := 2
		if utf16.IsSurrogate(r) {
			r = utf8.RuneError
			if u < 0xDC00 && i+3 < len(raw) {
				if r2 := utf16.DecodeRune(rune(u), rune(order.Uint16(raw[i+2:]))); r2 != utf8.RuneError {
					r, size = r2, 4
				}
			}
			if r == utf8.RuneError {
				if !lenient {
					return decoded{}, &compare.InputError{Path: path, Offset: i, Msg: "invalid UTF-16 (unpaired surrogate)",
						Hint: "fix the file's encoding, or pass --lenient to replace bad characters and go on"}
				}
				bad = append(bad, i)
			}
		}
		n := len(out)
		out = utf8.AppendRune(out, r)
		b.Replace(size, len(out)-n)
		i += size
	}
	if i < len(raw) {
		if !lenient {
			return decoded{}, &compare.InputError{Path: path, Offset: i, Msg: "invalid UTF-16 (odd number of bytes)",
				Hint: "fix the file's encoding, or pass --lenient to replace bad characters and go on"}
		}
		bad = append(bad, i)
		n := len(out)
		out = utf8.AppendRune(out, utf8.RuneError)
		b.Replace(1, len(out)-n)
	}
	b.Changed()
	return decoded{text: string(out), m: b.Finish(), encoding: enc, invalid: bad, ascii: ascii}, nil
}

// declarationBytes is how much of a file's start declaresLatin1 reads.
const declarationBytes = 8 << 10

// latin1Labels are the charset names that mean windows-1252, as the
// WHATWG Encoding Standard maps them (it reads ISO-8859-1 and US-ASCII as
// windows-1252), and ISO-8859-15, which differs from it in eight rarely
// used letters.
var latin1Labels = []string{"iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "iso-latin-1",
	"iso latin-1", "windows-1252", "cp1252", "x-cp1252", "us-ascii", "iso-8859-15", "latin-9"}

// declaresLatin1 reports whether head, a file's first bytes, declares a
// Latin-1 charset: an HTML <meta charset> or http-equiv content type, an
// XML declaration's encoding, or Project Gutenberg's "Character set
// encoding:" line.
func declaresLatin1(head []byte) bool {
	h := strings.ToLower(string(head))
	for _, key := range []string{"charset=", "encoding=", "character set encoding:"} {
		for i := strings.Index(h, key); i >= 0; {
			v := strings.TrimLeft(h[i+len(key):], " \t\"'")
			for _, l := range latin1Labels {
				if strings.HasPrefix(v, l) && (len(v) == len(l) || !isLabelByte(v[len(l)])) {
					return true
				}
			}
			next := strings.Index(h[i+1:], key)
			if next < 0 {
				break
			}
			i += 1 + next
		}
	}
	return false
}

func isLabelByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

// cp1252 gives the characters of bytes 0x80–0x9F in windows-1252; the five
// it leaves undefined are the C1 controls of the same number, as in the
// WHATWG standard. Bytes 0xA0–0xFF are the code points of the same number.
var cp1252 = [32]rune{
	0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
	0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
}

// decodeWindows1252 decodes every byte of raw as one windows-1252
// character; offsets map back byte for byte.
func decodeWindows1252(raw []byte) decoded {
	var b compare.MapBuilder
	out := make([]byte, 0, len(raw)+len(raw)/16)
	run := 0
	for _, c := range raw {
		if c < 0x80 {
			out = append(out, c)
			run++
			continue
		}
		b.Copy(run)
		run = 0
		r := rune(c)
		if c < 0xA0 {
			r = cp1252[c-0x80]
		}
		n := len(out)
		out = utf8.AppendRune(out, r)
		b.Replace(1, len(out)-n)
	}
	b.Copy(run)
	b.Changed()
	return decoded{text: string(out), m: b.Finish(), encoding: "windows-1252"}
}
