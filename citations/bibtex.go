package citations

import (
	"fmt"
	"strconv"
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

// BibError is a syntax error in a BibTeX file, or a limit it goes past,
// with its line and, when known, the entry ("@book{smith1950}",
// "@string{pub}").
type BibError struct {
	Line  int
	Entry string
	Msg   string
}

func (e *BibError) Error() string {
	if e.Entry != "" {
		return fmt.Sprintf("line %d: %s: %s", e.Line, e.Entry, e.Msg)
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

// Limits of ParseBibTeX. "#" concatenates macros, so a few lines of
// @string macros that each join the one before to itself expand to
// gigabytes; the limits stop that long before memory runs out, far above
// what a bibliography holds.
const (
	// MaxBibField is the most bytes one field or macro expands to.
	MaxBibField = 1 << 20
	// MaxBibExpansion is the most bytes the values of one file expand to
	// in all, beyond the size of the file itself.
	MaxBibExpansion = 16 << 20
	// MaxBibMacros is the most @string macros one file defines.
	MaxBibMacros = 10_000
	// MaxBibEntries is the most entries one file holds.
	MaxBibEntries = 100_000
)

// ParseBibTeX reads BibTeX entries. It understands @string macros,
// "#" concatenation, braced and quoted values and bare numbers, and skips
// @comment and @preamble and any text between entries, as BibTeX does.
// A file past the limits above is an error that names the entry.
func ParseBibTeX(src string) ([]BibEntry, error) {
	p := &bibParser{s: src, line: 1, budget: len(src) + MaxBibExpansion, macros: map[string]string{
		"jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
		"jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December",
	}}
	months := len(p.macros)
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
			return out, p.errorf("expected { after @%s", clip(typ, 40))
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
			name, val, err := p.field("", startLine)
			if err != nil {
				return out, err
			}
			if _, ok := p.macros[name]; !ok && len(p.macros)-months >= MaxBibMacros {
				return out, &BibError{startLine, "@string{" + clip(name, 40) + "}",
					fmt.Sprintf("the file defines more than %d @string macros; split it", MaxBibMacros)}
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
			return out, p.errorf("@%s entry has no citation key", clip(typ, 40))
		}
		entry := "@" + clip(typ, 40) + "{" + clip(e.Key, 60) + "}"
		if len(out) == MaxBibEntries {
			return out, &BibError{startLine, entry, fmt.Sprintf("the file holds more than %d entries; split it", MaxBibEntries)}
		}
		for {
			p.space()
			if p.i >= len(p.s) {
				return out, &BibError{startLine, entry, "entry is never closed"}
			}
			if p.s[p.i] == closer {
				p.advance(p.i + 1)
				break
			}
			if p.s[p.i] == ',' {
				p.advance(p.i + 1)
				continue
			}
			name, val, err := p.field(entry, startLine)
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
	budget int // bytes the values may still expand to
}

func (p *bibParser) advance(to int) {
	to = min(to, len(p.s))
	p.line += strings.Count(p.s[p.i:to], "\n")
	p.i = to
}

func (p *bibParser) errorf(format string, args ...any) error {
	return &BibError{Line: p.line, Msg: fmt.Sprintf(format, args...)}
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

// field reads "name = value # value …" of entry (a macro of @string
// when entry is ""), which starts at line startLine.
func (p *bibParser) field(entry string, startLine int) (string, string, error) {
	name := strings.ToLower(p.ident())
	if name == "" {
		return "", "", p.errorf("expected a field name")
	}
	qname := strconv.Quote(clip(name, 40))
	what := "field " + qname
	if entry == "" {
		entry, what = "@string{"+clip(name, 40)+"}", "the macro"
	}
	p.space()
	if p.i >= len(p.s) || p.s[p.i] != '=' {
		return "", "", p.errorf("expected = after field %s", qname)
	}
	p.advance(p.i + 1)
	var val strings.Builder
	write := func(piece string) error {
		if val.Len()+len(piece) > MaxBibField {
			return &BibError{startLine, entry, fmt.Sprintf("%s expands to more than %d bytes: "+
				"@string macros concatenate each other (#); shorten them", what, MaxBibField)}
		}
		if p.budget -= len(piece); p.budget < 0 {
			return &BibError{startLine, entry, fmt.Sprintf("the values of the file expand to more than %d bytes beyond its size "+
				"at %s: @string macros concatenate each other (#); shorten them or split the file", MaxBibExpansion, what)}
		}
		val.WriteString(piece)
		return nil
	}
	for {
		p.space()
		if p.i >= len(p.s) {
			return "", "", p.errorf("field %s has no value", qname)
		}
		var piece string
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
				return "", "", p.errorf("field %s: unbalanced braces", qname)
			}
			piece = stripBraces(p.s[p.i+1 : j])
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
				return "", "", p.errorf("field %s: unclosed quote", qname)
			}
			piece = stripBraces(p.s[p.i+1 : j])
			p.advance(j + 1)
		case isDigit(c):
			j := p.i
			for j < len(p.s) && isDigit(p.s[j]) {
				j++
			}
			piece = p.s[p.i:j]
			p.advance(j)
		default:
			m := p.ident()
			if m == "" {
				return "", "", p.errorf("field %s: unexpected %q", qname, string(c))
			}
			v, ok := p.macros[strings.ToLower(m)]
			if !ok {
				return "", "", p.errorf("field %s: undefined macro %q", qname, clip(m, 40))
			}
			piece = v
		}
		if err := write(piece); err != nil {
			return "", "", err
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
