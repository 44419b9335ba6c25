package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Every string crosscheck did not write itself (a file name, a document's
// text, a message that quotes either, an error that embeds them) reaches
// its readers through Safe, in the form of the channel it goes to, after
// Clip has bounded what a message quotes. The JSON formats and the HTML
// page keep the text exactly: encoding/json and html/template escape it
// for their syntax, and jsonWriter and htmlWriter add what a terminal and
// a CI log need, as escapes that read back as the same text.

// Channel is where an untrusted string is going.
type Channel int

const (
	// Terminal is text a person reads on a terminal or in a CI log:
	// standard error's notes and errors, a line of the text format, a
	// cell of the table. The string stays on one line, cannot drive the
	// terminal, reorder or hide what is shown around it, or start a
	// GitHub Actions workflow command where it starts a line, and two
	// different strings never print alike (see escape).
	Terminal Channel = iota
	// TerminalWrapped is Terminal text that may be broken onto new lines
	// anywhere (a file name heading the table, wrapped to its width):
	// every "::" is escaped, not only one that starts the string.
	TerminalWrapped
	// GitHubData is the message of a workflow command (the text after
	// its second "::"): Terminal, then escaped as the Actions runner
	// unescapes it ("%" CR LF).
	GitHubData
	// GitHubProperty is a property value of a workflow command (file=,
	// title=): GitHubData, plus ":" and ",", which would end the value.
	GitHubProperty
	// CSV is one cell of the CSV format, written with encoding/csv:
	// Terminal, and a cell a spreadsheet would read as a formula (or one
	// that starts with "'") gets a "'" in front (see csvCell).
	CSV
	// Markdown is one cell of a GitHub-flavoured Markdown table:
	// Terminal, then the characters that mean something inline get a
	// backslash (see markdownCell).
	Markdown
)

// Safe makes s, a string from the input or built from one, safe for the
// channel it goes to. It never cuts s: bound what a message quotes with
// Clip first.
func Safe(ch Channel, s string) string {
	t := escape(s, ch == TerminalWrapped)
	switch ch {
	case GitHubData:
		return githubData(t)
	case GitHubProperty:
		return githubProperty(t)
	case CSV:
		return csvCell(t)
	case Markdown:
		return markdownCell(t)
	}
	return t
}

// escape is the Terminal form of s (TerminalWrapped's, with wrapped). A
// string with nothing to hide is left as it is. Otherwise (it holds a
// control, format or line-separator character, a byte that is not UTF-8,
// a "##[" or a "::" that starts it, or a backslash followed by x, u or U)
// every such character is shown as an escape and every backslash is
// doubled:
//
//   - a byte that is not UTF-8 and an ASCII control character as \xNN
//     (\x1b, \x0a, \xff), other characters as \uNNNN or \UNNNNNNNN;
//   - the first "#" of "##[" as \x23, anywhere, and the first ":" of a
//     "::" that starts s (after white space) as \x3a, or of every "::"
//     with wrapped: the Actions runner reads "::command::" at the start
//     of a line, after white space, and the legacy "##[command]" anywhere
//     in it. (A "::" inside the text is left alone: every line a format
//     writes starts with a file name, a border or a prefix of its own.)
//   - "\" as "\\".
//
// That makes escape injective: a string left as it is holds no \x, \u or
// \U; an escaped one holds at least one (an escape, or a doubled "\" in
// front of x, u or U), and reads back by undoing its escapes and doubled
// backslashes (TestSafeInjective). A "\\" alone, common in quoted code,
// leaves a string as it is.
func escape(s string, wrapped bool) string {
	// lead is where the runner's TrimStart stops; code reports whether
	// s[i], an ASCII byte, is shown as \xNN
	lead := len(s) - len(strings.TrimLeftFunc(s, unicode.IsSpace))
	code := func(i int) bool {
		c := s[i]
		return c < 0x20 || c == 0x7f ||
			c == ':' && (wrapped || i == lead) && next(s, i, ":") ||
			c == '#' && next(s, i, "#[")
	}
	if !needsEscape(s, code) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case code(i):
				fmt.Fprintf(&b, `\x%02x`, c)
			case c == '\\':
				b.WriteString(`\\`)
			default:
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, c)
		case !hidden(r):
			b.WriteString(s[i : i+n])
		case r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
		i += n
	}
	return b.String()
}

// needsEscape reports whether escape changes s, given which ASCII bytes it
// shows as codes.
func needsEscape(s string, code func(int) bool) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if code(i) || c == '\\' && i+1 < len(s) && strings.IndexByte("xuU", s[i+1]) >= 0 {
				return true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || hidden(r) {
			return true
		}
		i += n
	}
	return false
}

// next reports whether s continues with what after its byte i.
func next(s string, i int, what string) bool { return strings.HasPrefix(s[i+1:], what) }

// hidden reports the characters beyond ASCII that escape shows as escapes:
// controls (C1), format characters (bidirectional overrides, isolates and
// marks, zero-width spaces and joiners, the byte order mark, soft hyphens,
// tag characters) and the line and paragraph separators. They drive a
// terminal, reorder or hide text, or break a line where none shows.
func hidden(r rune) bool {
	return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp)
}

// githubData escapes a workflow command's message the way the Actions
// runner unescapes it: "%" first, then CR and LF (which escape has
// already shown as \x0d and \x0a; this keeps the runner's rule whole).
func githubData(s string) string {
	s = strings.ReplaceAll(s, "%", "%25")
	s = strings.ReplaceAll(s, "\r", "%0D")
	return strings.ReplaceAll(s, "\n", "%0A")
}

// githubProperty escapes a workflow command's property value: as data,
// plus ":" and "," which would otherwise end the value.
func githubProperty(s string) string {
	s = githubData(s)
	s = strings.ReplaceAll(s, ":", "%3A")
	return strings.ReplaceAll(s, ",", "%2C")
}

// csvCell keeps a spreadsheet from reading a cell as a formula (OWASP's
// CSV injection rule): a cell that starts with "=", "+", "-" or "@" gets a
// "'" in front, which spreadsheets show as text and hide. (A tab or CR,
// the rule's other two, cannot start a cell: escape has shown them as
// \x09 and \x0d.) A plain number ("-3", "+1.5", "-2e3") is left as it
// is, since a spreadsheet reads it as the number it is. So that every
// cell reads back one way, a cell that itself starts with "'" gets one
// more: strip one leading "'" from a cell that has one to get the text.
func csvCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@':
		if plainNumber(s) {
			return s
		}
		return "'" + s
	case '\'':
		return "'" + s
	}
	return s
}

// plainNumber reports a decimal number with an optional sign, fraction
// and exponent: "-3", "+1.5", "-.5", "2e-3".
func plainNumber(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for ; i < len(s) && isDigit(s[i]); i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && isDigit(s[i]); i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for ; i < len(s) && isDigit(s[i]); i++ {
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// markdownCell escapes text for one cell of a GFM table: the characters
// that mean something inline get a backslash, and "&" becomes "&amp;" (so
// "&copy;" stays text). The text is already on one line.
func markdownCell(s string) string {
	s = strings.TrimSpace(s)
	var b strings.Builder
	for i, r := range s {
		if r == '_' && i > 0 && i+1 < len(s) && isAlnum(s[i-1]) && isAlnum(s[i+1]) {
			b.WriteByte('_') // inside a word ("001_66c0.txt") an underscore is never emphasis
			continue
		}
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '!', '#', '$', '@':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// Bounds on what a message or an error quotes from the input.
const (
	// MaxQuote is how many code points of a quoted string ("…" or “…”)
	// a message keeps.
	MaxQuote = 200
	// MaxRun is how many bytes of a run with no white space and no "/" a
	// message keeps: more than any one file name can have (255 bytes on
	// most file systems), so a file name is never cut.
	MaxRun = 1024
	// MaxMessage is how many bytes of a message are kept in all: more
	// than any path can have (4096 bytes on Linux).
	MaxMessage = 8 << 10
)

// Clip bounds what a message or an error quotes from the input, so that
// neither carries megabytes (a 9 MB BibTeX value quoted in a parse error):
// every quoted string longer than MaxQuote code points, every run of more
// than MaxRun bytes with no space or "/" in it, and the whole message past
// MaxMessage bytes, is cut and ends with "…". Apply it to messages and
// errors, never to a file name on its own; a name inside a message is cut
// only when it holds such a quote.
func Clip(s string) string {
	if len(s) <= MaxQuote {
		return s
	}
	s = clipQuotes(s)
	s = clipRuns(s)
	if len(s) > MaxMessage {
		s = cutBytes(s, MaxMessage) + "…"
	}
	return s
}

// clipQuotes cuts each quoted string longer than MaxQuote code points:
// "…" as Go's %q writes it (a backslash escapes the next character) and
// typographic “…”.
func clipQuotes(s string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		open, close := "", ""
		switch {
		case s[i] == '"':
			open, close = `"`, `"`
		case strings.HasPrefix(s[i:], "“"):
			open, close = "“", "”"
		default:
			i++
			continue
		}
		start := i + len(open)
		end := quoteEnd(s, start, close)
		if end < 0 {
			i = start // not closed: not a quote
			continue
		}
		if body := s[start:end]; utf8.RuneCountInString(body) > MaxQuote {
			b.WriteString(s[last:start])
			b.WriteString(strings.TrimRight(cutRunes(body, MaxQuote), `\`))
			b.WriteString("…")
			last = end
		}
		i = min(end+len(close), len(s))
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// quoteEnd is the index of the close that ends the quote whose text starts
// at start, or -1; inside "…", a backslash escapes the next character.
func quoteEnd(s string, start int, close string) int {
	if close != `"` {
		if k := strings.Index(s[start:], close); k >= 0 {
			return start + k
		}
		return -1
	}
	for j := start; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '"':
			return j
		}
	}
	return -1
}

// clipRuns cuts every run of more than MaxRun bytes with no white space
// and no "/".
func clipRuns(s string) string {
	var b strings.Builder
	last := 0 // s[:last] is in b, or b is empty and nothing was cut
	for i := 0; i < len(s); {
		end := i
		for end < len(s) {
			r, n := utf8.DecodeRuneInString(s[end:])
			if unicode.IsSpace(r) || r == '/' {
				break
			}
			end += n
		}
		if end-i > MaxRun {
			b.WriteString(s[last:i])
			b.WriteString(cutBytes(s[i:end], MaxRun))
			b.WriteString("…")
			last = end
		}
		if end == len(s) {
			break
		}
		_, n := utf8.DecodeRuneInString(s[end:])
		i = end + n
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// cutRunes returns the first n code points of s.
func cutRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// cutBytes returns at most n bytes of s, not cutting a character.
func cutBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// jsonWriter writes JSON text that reads back as encoding/json wrote it
// but is as safe on a terminal and in a CI log as Terminal text: the
// characters escape would show as escapes and encoding/json writes as they
// are (DEL, C1 controls, format characters, separators) become \uNNNN
// escapes, and "##[" becomes "\u0023#[", since the Actions runner takes
// "##[command]" anywhere in a line as a workflow command. ("::" cannot
// start a line of JSON text: strings hold no line breaks, and every line
// starts with a bracket, a brace or a quote.) All of these can only occur
// inside strings, and every Write of the JSON formats holds whole strings,
// so each Write is rewritten on its own.
type jsonWriter struct{ w io.Writer }

func (j jsonWriter) Write(p []byte) (int, error) {
	if !jsonNeedsEscape(p) {
		return j.w.Write(p)
	}
	if _, err := j.w.Write(jsonEscape(p)); err != nil {
		return 0, err
	}
	return len(p), nil
}

func jsonNeedsEscape(p []byte) bool {
	for i := 0; i < len(p); {
		c := p[i]
		if c < utf8.RuneSelf {
			if c == 0x7f || c == '#' && bytes.HasPrefix(p[i+1:], []byte("#[")) {
				return true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(p[i:])
		if hidden(r) {
			return true
		}
		i += n
	}
	return false
}

func jsonEscape(p []byte) []byte {
	out := make([]byte, 0, len(p)+32)
	for i := 0; i < len(p); {
		c := p[i]
		if c < utf8.RuneSelf {
			if c == 0x7f || c == '#' && bytes.HasPrefix(p[i+1:], []byte("#[")) {
				out = fmt.Appendf(out, `\u%04x`, c)
			} else {
				out = append(out, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(p[i:])
		switch {
		case !hidden(r):
			out = append(out, p[i:i+n]...)
		case r > 0xffff:
			r1, r2 := utf16.EncodeRune(r)
			out = fmt.Appendf(out, `\u%04x\u%04x`, r1, r2)
		default:
			out = fmt.Appendf(out, `\u%04x`, r)
		}
		i += n
	}
	return out
}

// htmlWriter writes an HTML page that a browser reads exactly as written
// but that is as safe as Terminal text when it lands on a terminal or in a
// CI log: "::" becomes "&#58;:" and "##[" becomes "&#35;#[" (so no line of
// a document's text can start a workflow command), and ASCII controls
// other than tab and line breaks, a CR not followed by LF, DEL and the
// characters hidden reports become numeric character references.
// Character references mean the same in text and in attribute values,
// where every string of the page is; the page's own style and script hold
// none of these (TestHTMLAssets), which keeps their hashes in the content
// security policy. The last bytes of a Write that could begin a pattern
// wait for the next Write, or for Flush.
type htmlWriter struct {
	w     io.Writer
	carry []byte
}

func (h *htmlWriter) Write(p []byte) (int, error) {
	data := append(h.carry, p...)
	cut := len(data) - htmlHold(data)
	if _, err := h.w.Write(htmlEscape(data, cut)); err != nil {
		return 0, err
	}
	h.carry = append([]byte(nil), data[cut:]...)
	return len(p), nil
}

// Flush writes what Write held back.
func (h *htmlWriter) Flush() error {
	_, err := h.w.Write(htmlEscape(h.carry, len(h.carry)))
	h.carry = nil
	return err
}

// htmlHold is how many bytes at the end of p must wait for what follows:
// the start of "::" or "##[", a CR, or part of a character.
func htmlHold(p []byte) int {
	switch {
	case bytes.HasSuffix(p, []byte("##")):
		return 2
	case bytes.HasSuffix(p, []byte(":")), bytes.HasSuffix(p, []byte("#")), bytes.HasSuffix(p, []byte("\r")):
		return 1
	}
	for i := len(p) - 1; i >= 0 && i >= len(p)-utf8.UTFMax; i-- {
		if utf8.RuneStart(p[i]) {
			if !utf8.FullRune(p[i:]) {
				return len(p) - i
			}
			return 0
		}
	}
	return 0
}

// htmlEscape escapes p[:n] for htmlWriter, looking ahead into p[n:].
func htmlEscape(p []byte, n int) []byte {
	out := make([]byte, 0, n)
	for i := 0; i < n; {
		c := p[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ':' && i+1 < len(p) && p[i+1] == ':':
				out = append(out, "&#58;"...)
			case c == '#' && bytes.HasPrefix(p[i+1:], []byte("#[")):
				out = append(out, "&#35;"...)
			case c == '\r' && (i+1 >= len(p) || p[i+1] != '\n'),
				c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f:
				out = fmt.Appendf(out, "&#x%x;", c)
			default:
				out = append(out, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(p[i:])
		if hidden(r) {
			out = fmt.Appendf(out, "&#x%x;", r)
		} else {
			out = append(out, p[i:i+size]...)
		}
		i += size
	}
	return out
}
