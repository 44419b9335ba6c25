package citations

import (
	"fmt"
	"strings"
)

// BibEntry is one BibTeX entry: its type, citation key and fields (names
// lower case, values with braces and quotes removed).
type BibEntry struct {
	Type   string
	Key    string
	Fields map[string]string
	Line   int
}

// BibError is a syntax error in a BibTeX file, with its line.
type BibError struct {
	Line int
	Msg  string
}

func (e *BibError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// ParseBibTeX reads BibTeX entries. It understands @string macros,
// "#" concatenation, braced and quoted values and bare numbers, and skips
// @comment and @preamble and any text between entries, as BibTeX does.
func ParseBibTeX(src string) ([]BibEntry, error) {
	p := &bibParser{s: src, line: 1, macros: map[string]string{
		"jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
		"jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December",
	}}
	var out []BibEntry
	for {
		at := strings.IndexByte(p.s[p.i:], '@')
		if at < 0 {
			return out, nil
		}
		p.advance(p.i + at + 1)
		typ := strings.ToLower(p.ident())
		if typ == "" {
			continue
		}
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != '{' && p.s[p.i] != '(' {
			return out, p.errorf("expected { after @%s", typ)
		}
		closer := byte('}')
		if p.s[p.i] == '(' {
			closer = ')'
		}
		startLine := p.line
		p.advance(p.i + 1)
		switch typ {
		case "comment", "preamble":
			if err := p.skipBalanced(closer); err != nil {
				return out, err
			}
			continue
		case "string":
			name, val, err := p.field()
			if err != nil {
				return out, err
			}
			p.macros[name] = val
			p.space()
			if p.i < len(p.s) && p.s[p.i] == closer {
				p.advance(p.i + 1)
			}
			continue
		}
		p.space()
		keyStart := p.i
		for p.i < len(p.s) && p.s[p.i] != ',' && p.s[p.i] != closer && !isSpace(p.s[p.i]) {
			p.advance(p.i + 1)
		}
		e := BibEntry{Type: typ, Key: p.s[keyStart:p.i], Fields: map[string]string{}, Line: startLine}
		if e.Key == "" {
			return out, p.errorf("@%s entry has no citation key", typ)
		}
		for {
			p.space()
			if p.i >= len(p.s) {
				return out, &BibError{startLine, "@" + typ + "{" + e.Key + ": entry is never closed"}
			}
			if p.s[p.i] == closer {
				p.advance(p.i + 1)
				break
			}
			if p.s[p.i] == ',' {
				p.advance(p.i + 1)
				continue
			}
			name, val, err := p.field()
			if err != nil {
				return out, err
			}
			e.Fields[name] = val
		}
		out = append(out, e)
	}
}

type bibParser struct {
	s      string
	i      int
	line   int
	macros map[string]string
}

func (p *bibParser) advance(to int) {
	to = min(to, len(p.s))
	p.line += strings.Count(p.s[p.i:to], "\n")
	p.i = to
}

func (p *bibParser) errorf(format string, args ...any) error {
	return &BibError{p.line, fmt.Sprintf(format, args...)}
}

func (p *bibParser) space() {
	j := p.i
	for j < len(p.s) && isSpace(p.s[j]) {
		j++
	}
	p.advance(j)
}

func (p *bibParser) ident() string {
	p.space()
	j := p.i
	for j < len(p.s) && (isLetter(p.s[j]) || isDigit(p.s[j]) || strings.IndexByte("_-:.+/'", p.s[j]) >= 0) {
		j++
	}
	id := p.s[p.i:j]
	p.advance(j)
	return id
}

func (p *bibParser) skipBalanced(closer byte) error {
	depth := 1
	open := byte('{')
	if closer == ')' {
		open = '('
	}
	for j := p.i; j < len(p.s); j++ {
		switch p.s[j] {
		case open:
			depth++
		case closer:
			depth--
			if depth == 0 {
				p.advance(j + 1)
				return nil
			}
		}
	}
	return p.errorf("unbalanced braces to the end of the file")
}

// field reads "name = value # value …".
func (p *bibParser) field() (string, string, error) {
	name := strings.ToLower(p.ident())
	if name == "" {
		return "", "", p.errorf("expected a field name")
	}
	p.space()
	if p.i >= len(p.s) || p.s[p.i] != '=' {
		return "", "", p.errorf("expected = after field %q", name)
	}
	p.advance(p.i + 1)
	var val strings.Builder
	for {
		p.space()
		if p.i >= len(p.s) {
			return "", "", p.errorf("field %q has no value", name)
		}
		switch c := p.s[p.i]; {
		case c == '{':
			depth := 0
			j := p.i
			for ; j < len(p.s); j++ {
				if p.s[j] == '\\' {
					j++
					continue
				}
				if p.s[j] == '{' {
					depth++
				} else if p.s[j] == '}' {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			if j >= len(p.s) {
				return "", "", p.errorf("field %q: unbalanced braces", name)
			}
			val.WriteString(stripBraces(p.s[p.i+1 : j]))
			p.advance(j + 1)
		case c == '"':
			depth := 0
			j := p.i + 1
			for ; j < len(p.s); j++ {
				if p.s[j] == '{' {
					depth++
				} else if p.s[j] == '}' {
					depth--
				} else if p.s[j] == '"' && depth <= 0 {
					break
				}
			}
			if j >= len(p.s) {
				return "", "", p.errorf("field %q: unclosed quote", name)
			}
			val.WriteString(stripBraces(p.s[p.i+1 : j]))
			p.advance(j + 1)
		case isDigit(c):
			j := p.i
			for j < len(p.s) && isDigit(p.s[j]) {
				j++
			}
			val.WriteString(p.s[p.i:j])
			p.advance(j)
		default:
			m := p.ident()
			if m == "" {
				return "", "", p.errorf("field %q: unexpected %q", name, string(c))
			}
			v, ok := p.macros[strings.ToLower(m)]
			if !ok {
				return "", "", p.errorf("field %q: undefined macro %q", name, m)
			}
			val.WriteString(v)
		}
		p.space()
		if p.i < len(p.s) && p.s[p.i] == '#' {
			p.advance(p.i + 1)
			continue
		}
		return name, strings.Join(strings.Fields(val.String()), " "), nil
	}
}

// stripBraces removes the braces BibTeX uses to protect case.
func stripBraces(s string) string {
	if !strings.ContainsAny(s, "{}") {
		return s
	}
	return strings.NewReplacer("{", "", "}", "").Replace(s)
}

// bibFiles reads a "file" field: a plain path, or JabRef's
// "description:path:type" list separated by ";".
func bibFiles(v string) []string {
	var out []string
	for _, part := range strings.Split(v, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if f := strings.Split(part, ":"); len(f) == 3 {
			part = f[1]
		}
		out = append(out, part)
	}
	return out
}
