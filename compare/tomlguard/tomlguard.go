// Package tomlguard checks the shape of a TOML text before it is parsed.
//
// The TOML library crosscheck uses needs memory quadratic in the nesting
// depth of inline tables and arrays, so a few kilobytes of "a={a={a={…"
// can take gigabytes. Check scans the text once, in linear time and
// constant memory, and refuses a text that is larger or deeper than the
// limits, before the parser sees it.
package tomlguard

import "fmt"

// Default limits: far above any hand-written configuration or sources
// manifest, far below what makes the parser misbehave.
const (
	MaxBytes = 1 << 20
	MaxDepth = 32
)

// Error says why a text was refused and where, as a 1-based line.
type Error struct {
	Line   int
	Reason string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Reason)
	}
	return e.Reason
}

// Check returns nil when raw is at most MaxBytes long and its inline
// tables and arrays nest at most MaxDepth deep, and an *Error otherwise.
func Check(raw []byte) error {
	return CheckLimits(raw, MaxBytes, MaxDepth)
}

// CheckLimits is Check with explicit limits.
func CheckLimits(raw []byte, maxBytes, maxDepth int) error {
	if len(raw) > maxBytes {
		return &Error{Reason: fmt.Sprintf("the file is %d bytes; at most %d are read", len(raw), maxBytes)}
	}
	line, depth := 1, 0
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch c {
		case '\n':
			line++
		case '#':
			for i < len(raw) && raw[i] != '\n' {
				i++
			}
			i-- // let the loop see the newline
		case '"', '\'':
			end, lines := skipString(raw, i)
			line += lines
			i = end - 1
		case '[', '{':
			depth++
			if depth > maxDepth {
				return &Error{Line: line, Reason: fmt.Sprintf("tables and arrays nest more than %d deep", maxDepth)}
			}
		case ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return nil
}

// skipString returns the index just past the string that starts at
// raw[i] (basic or literal, single- or multi-line) and the number of
// newlines inside it. An unterminated string runs to the end of its
// line (single-line) or of the text (multi-line); the parser reports it.
func skipString(raw []byte, i int) (int, int) {
	q := raw[i]
	multi := i+2 < len(raw) && raw[i+1] == q && raw[i+2] == q
	lines := 0
	if multi {
		for j := i + 3; j < len(raw); j++ {
			switch {
			case raw[j] == '\n':
				lines++
			case raw[j] == '\\' && q == '"':
				if j+1 < len(raw) && raw[j+1] == '\n' {
					lines++
				}
				j++
			case raw[j] == q && j+2 < len(raw) && raw[j+1] == q && raw[j+2] == q:
				return j + 3, lines
			}
		}
		return len(raw), lines
	}
	for j := i + 1; j < len(raw); j++ {
		switch {
		case raw[j] == '\n':
			return j, 0
		case raw[j] == '\\' && q == '"':
			j++
		case raw[j] == q:
			return j + 1, 0
		}
	}
	return len(raw), 0
}
