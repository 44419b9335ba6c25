package pdf

import (
	"errors"
	"strconv"
)

// The PDF object model, as far as text extraction needs it.
type (
	name    string
	keyword string
	array   []any
	dict    map[name]any
	ref     struct{ num, gen int }
	// stream is a stream object: its dictionary and its encoded bytes (a
	// slice of the file, or of a decoded object stream).
	stream struct {
		dict dict
		data []byte
	}
)

// maxNesting bounds arrays and dictionaries inside one another.
const maxNesting = 64

var errSyntax = errors.New("syntax error")

// lexer reads PDF tokens and objects from a byte slice.
type lexer struct {
	b   []byte
	pos int
}

func isWhite(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func (l *lexer) skipSpace() {
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		if isWhite(c) {
			l.pos++
			continue
		}
		if c == '%' {
			for l.pos < len(l.b) && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
				l.pos++
			}
			continue
		}
		return
	}
}

// object reads the next object; a keyword (an operator, "obj", "R",
// "stream") comes back as a keyword. io end: nil, false.
func (l *lexer) object(depth int) (any, bool, error) {
	l.skipSpace()
	if l.pos >= len(l.b) {
		return nil, false, nil
	}
	if depth > maxNesting {
		return nil, false, errSyntax
	}
	c := l.b[l.pos]
	switch {
	case c == '/':
		l.pos++
		return name(l.nameBytes()), true, nil
	case c == '(':
		l.pos++
		return l.literal(), true, nil
	case c == '<' && l.pos+1 < len(l.b) && l.b[l.pos+1] == '<':
		l.pos += 2
		return l.dictBody(depth)
	case c == '<':
		l.pos++
		return l.hex(), true, nil
	case c == '[':
		l.pos++
		var a array
		for {
			l.skipSpace()
			if l.pos >= len(l.b) {
				return a, true, nil
			}
			if l.b[l.pos] == ']' {
				l.pos++
				return a, true, nil
			}
			o, ok, err := l.object(depth + 1)
			if err != nil {
				return nil, false, err
			}
			if !ok {
				return a, true, nil
			}
			if k, isKw := o.(keyword); isKw && k == "R" && len(a) >= 2 {
				if g, ok := a[len(a)-1].(int); ok {
					if n, ok := a[len(a)-2].(int); ok {
						a = append(a[:len(a)-2], ref{n, g})
						continue
					}
				}
			}
			a = append(a, o)
		}
	case c == ']' || c == '>' || c == ')' || c == '{' || c == '}':
		l.pos++
		return keyword(string(c)), true, nil
	case c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9':
		return l.number(), true, nil
	}
	start := l.pos
	for l.pos < len(l.b) && !isWhite(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
		l.pos++
	}
	w := string(l.b[start:l.pos])
	switch w {
	case "true":
		return true, true, nil
	case "false":
		return false, true, nil
	case "null":
		return nil, true, nil
	}
	return keyword(w), true, nil
}

func (l *lexer) dictBody(depth int) (any, bool, error) {
	d := dict{}
	for {
		l.skipSpace()
		if l.pos >= len(l.b) {
			return d, true, nil
		}
		if l.b[l.pos] == '>' {
			l.pos++
			if l.pos < len(l.b) && l.b[l.pos] == '>' {
				l.pos++
			}
			return d, true, nil
		}
		k, ok, err := l.object(depth + 1)
		if err != nil || !ok {
			return d, true, err
		}
		key, isName := k.(name)
		if !isName {
			continue // junk where a key should be: resynchronise
		}
		v, ok, err := l.value(depth + 1)
		if err != nil {
			return nil, false, err
		}
		if !ok {
			return d, true, nil
		}
		d[key] = v
	}
}

// value reads an object, folding "N G R" into a reference.
func (l *lexer) value(depth int) (any, bool, error) {
	o, ok, err := l.object(depth)
	if err != nil || !ok {
		return o, ok, err
	}
	n, isInt := o.(int)
	if !isInt {
		return o, true, nil
	}
	save := l.pos
	g, ok2, _ := l.object(depth)
	if gi, isInt := g.(int); ok2 && isInt {
		r, ok3, _ := l.object(depth)
		if kw, isKw := r.(keyword); ok3 && isKw && kw == "R" {
			return ref{n, gi}, true, nil
		}
	}
	l.pos = save
	return n, true, nil
}

func (l *lexer) nameBytes() string {
	start := l.pos
	hasHash := false
	for l.pos < len(l.b) && !isWhite(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
		if l.b[l.pos] == '#' {
			hasHash = true
		}
		l.pos++
	}
	s := l.b[start:l.pos]
	if !hasHash {
		return string(s)
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && i+2 < len(s) {
			if v, err := strconv.ParseUint(string(s[i+1:i+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, s[i])
	}
	return string(out)
}

func (l *lexer) number() any {
	start := l.pos
	if l.b[l.pos] == '+' || l.b[l.pos] == '-' {
		l.pos++
	}
	real := false
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		if c == '.' {
			real = true
		} else if c < '0' || c > '9' {
			if c == '-' || c == '+' { // "0.5-3": junk some writers leave; stop here
				break
			}
			break
		}
		l.pos++
	}
	s := string(l.b[start:l.pos])
	if l.pos == start {
		l.pos++
		return 0
	}
	if !real {
		if v, err := strconv.Atoi(s); err == nil {
			return v
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0.0
	}
	return v
}

func (l *lexer) literal() string {
	var out []byte
	depth := 1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return string(out)
			}
		case '\\':
			if l.pos >= len(l.b) {
				return string(out)
			}
			e := l.b[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.b) && l.b[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '7'; k++ {
						v = v*8 + int(l.b[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return string(out)
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func (l *lexer) hex() string {
	var out []byte
	var hi byte
	half := false
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		v, ok := unhex(c)
		if !ok {
			continue
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		out = append(out, hi<<4)
	}
	return string(out)
}
