package input

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"github.com/crosscheck/crosscheck/compare"
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
// used in place; UTF-16 with a BOM is decoded. Invalid UTF-8 is an error
// unless lenient, in which case each bad byte becomes U+FFFD.
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
	if !lenient {
		off := base + firstInvalid(body)
		return decoded{}, &compare.InputError{Path: path, Offset: off, Msg: "invalid UTF-8",
			Hint: "convert the file to UTF-8, or pass --lenient to replace bad bytes and go on"}
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
