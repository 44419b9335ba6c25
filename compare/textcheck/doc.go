package textcheck

import (
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/compare"
)

// docCheck is the state the detectors share over one document.
type docCheck struct {
	d      *compare.Document
	report func(compare.Finding)
	max    int
	counts map[*compare.Check]int
	over   map[*compare.Check]*overflow

	code []compare.Span // Text spans of code: fenced blocks and `inline code`
	lex  *lexicon
	para []paraFlags // one per d.Paragraphs, built on first use
	// skipping is set while a finding past its check's limit is being
	// built: fix then returns nil at once
	skipping bool
}

func newDocCheck(d *compare.Document, opt Options, report func(compare.Finding)) *docCheck {
	c := &docCheck{d: d, report: report, max: opt.MaxPerCheck,
		counts: map[*compare.Check]int{}, over: map[*compare.Check]*overflow{}, lex: newLexicon()}
	c.code = codeSpans(d.Text)
	return c
}

// plainText reports whether the document's original bytes are its text in
// UTF-8 (text, Markdown, LaTeX), so that an original offset is a place in
// the text an editor sees and a fix can be applied to the file as is.
func (c *docCheck) plainText() bool {
	if c.d.Structure.Markup {
		return false
	}
	return c.d.Encoding == "utf-8" || c.d.Encoding == "utf-8-bom"
}

// fix returns an edit that replaces the original bytes of a Text span
// with repl, or nil when the bytes there are not plain UTF-8 text (markup,
// entities, UTF-16), where an edit by offsets could break the file.
func (c *docCheck) fix(s compare.Span, repl string) *compare.Fix {
	if c.skipping {
		return nil
	}
	if c.d.Encoding != "utf-8" && c.d.Encoding != "utf-8-bom" {
		return nil
	}
	o := c.d.Orig(s)
	if o.Start < 0 || o.End > len(c.d.Raw) || o.End < o.Start {
		return nil
	}
	raw := c.d.Raw[o.Start:o.End]
	if !utf8.Valid(raw) || strings.ContainsAny(string(raw), "<>&") {
		return nil
	}
	return &compare.Fix{Span: o, Text: repl}
}

// origText returns the characters a span of Text was made from, before
// normalisation folded quotes, dashes and widths and dropped invisible
// characters; the Text itself when they cannot be read back (markup,
// entities).
func (c *docCheck) origText(s compare.Span) string {
	d := c.d
	o := d.Orig(s)
	if o.Start < 0 || o.End > len(d.Raw) || o.End < o.Start {
		return d.TextOf(s)
	}
	raw := d.Raw[o.Start:o.End]
	switch d.Encoding {
	case "utf-8", "utf-8-bom":
		if utf8.Valid(raw) && !strings.ContainsAny(string(raw), "<>&") {
			return string(raw)
		}
	case "utf-16le", "utf-16be":
		if len(raw)%2 == 0 {
			return decodeUTF16(raw, d.Encoding == "utf-16be")
		}
	}
	return d.TextOf(s)
}

func decodeUTF16(raw []byte, bigEndian bool) string {
	u := make([]uint16, len(raw)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(raw[2*i])<<8 | uint16(raw[2*i+1])
		} else {
			u[i] = uint16(raw[2*i+1])<<8 | uint16(raw[2*i])
		}
	}
	return string(utf16.Decode(u))
}

// inCode reports whether Text offset off lies in code.
func (c *docCheck) inCode(off int) bool {
	i := sort.Search(len(c.code), func(k int) bool { return c.code[k].End > off })
	return i < len(c.code) && c.code[i].Start <= off
}

// codeSpans returns the fenced code blocks (``` or ~~~ lines) and inline
// code spans (between backticks on one line) of a Markdown-like text.
func codeSpans(s string) []compare.Span {
	if !strings.Contains(s, "`") && !strings.Contains(s, "~~~") {
		return nil
	}
	var out []compare.Span
	fence := -1
	for start := 0; start < len(s); {
		end := strings.IndexByte(s[start:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		line := strings.TrimLeft(s[start:end], " ")
		isFence := strings.HasPrefix(line, "```") || strings.HasPrefix(line, "~~~")
		switch {
		case fence >= 0 && isFence:
			out = append(out, compare.Span{Start: fence, End: end})
			fence = -1
		case isFence:
			fence = start
		case fence < 0:
			out = inlineCode(out, s, start, end)
		}
		start = end + 1
	}
	if fence >= 0 {
		out = append(out, compare.Span{Start: fence, End: len(s)})
	}
	return out
}

// inlineCode appends the backtick spans of the line s[a:b].
func inlineCode(out []compare.Span, s string, a, b int) []compare.Span {
	open := -1
	for i := a; i < b; i++ {
		if s[i] != '`' {
			continue
		}
		if open < 0 {
			open = i
		} else {
			out = append(out, compare.Span{Start: open, End: i + 1})
			open = -1
		}
	}
	return out
}

// window returns the bounds of the text around off on its line, at most
// w bytes each way: bounded, so that a long line costs no more per call.
func window(s string, off, w int) (int, int) {
	a := max(0, off-w)
	if i := strings.LastIndexByte(s[a:off], '\n'); i >= 0 {
		a += i + 1
	}
	b := min(len(s), off+w)
	if i := strings.IndexByte(s[off:b], '\n'); i >= 0 {
		b = off + i
	}
	return a, b
}

// chunkAround returns the run of non-space characters holding Text
// offset off (which must not be a space), at most 64 bytes each way.
func chunkAround(s string, off int) (int, int) {
	a := off
	for a > 0 && off-a < 64 && !isSpace(s[a-1]) {
		a--
	}
	b := off
	for b < len(s) && b-off < 64 && !isSpace(s[b]) {
		b++
	}
	return a, b
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// codeWeight scores the characters that are common in code and rare in
// prose.
var codeWeight = func() (t [256]uint8) {
	for _, c := range "{}=<>\\|$_" {
		t[c] = 2
	}
	for _, c := range ";()[]" {
		t[c] = 1
	}
	return t
}()

// looksLikeCode reports whether the text around Text offset off (on its
// line, 60 bytes each way) reads as code: braces, assignments, brackets
// and semicolons, which prose seldom piles up.
func looksLikeCode(s string, off int) bool {
	a, b := window(s, off, 60)
	score := 0
	for i := a; i < b; i++ {
		score += int(codeWeight[s[i]])
	}
	if score >= 6 {
		return true
	}
	w := s[a:b]
	if strings.Contains(w, "()") {
		return true
	}
	for i := strings.Index(w, "//"); i >= 0; {
		if i == 0 || w[i-1] != ':' {
			return true // a comment, not a URL
		}
		j := strings.Index(w[i+2:], "//")
		if j < 0 {
			break
		}
		i += 2 + j
	}
	return false
}

// webLike reports whether a chunk (a run of non-space characters) is a
// URL, an e-mail address, a path or an identifier with punctuation that
// prose never has inside a word.
func webLike(chunk string) bool {
	chunk = strings.Trim(chunk, `"'()[]{}<>.,;:!?*_`)
	if strings.ContainsAny(chunk, "/\\@=_<>{}[]()#:|$%&+~^") {
		return true
	}
	if len(chunk) >= 4 && strings.EqualFold(chunk[:4], "www.") || strings.Count(chunk, ".") >= 2 {
		return true
	}
	if i := strings.LastIndexByte(chunk, '.'); i > 0 && fileExtensions[strings.ToLower(chunk[i+1:])] {
		return true // "submenu.gif", "report.docx"
	}
	return false
}

// fileExtensions end file names.
var fileExtensions = set("gif", "jpg", "jpeg", "png", "svg", "pdf", "htm", "html", "txt", "doc", "docx",
	"xls", "xlsx", "ppt", "pptx", "zip", "exe", "js", "css", "php", "asp", "aspx", "mp3", "mp4", "csv",
	"json", "xml", "md", "go", "py", "odt", "epub", "rtf", "tex")
