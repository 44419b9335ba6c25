package input

import (
	"github.com/crosscheck/crosscheck/compare"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// element is an HTML element of interest (note markers and notes, links,
// quotations, headings), with its text content as a span of the extracted
// text and its markup as a span of the decoded source.
type element struct {
	Tag  string            // lower case: "sup", "a", "li", "aside", "blockquote", "q", "h1", …; "!--" for a comment (its text in Attr["text"])
	Attr map[string]string // id, href, class, epub:type, role (only those present)
	Span compare.Span      // text content, extracted-text coordinates
	Raw  compare.Span      // from the open tag's '<' to the close tag's '>', source coordinates
}

var htmlBlock = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "ul": true, "ol": true, "table": true, "tr": true, "blockquote": true, "section": true,
	"article": true, "aside": true, "header": true, "footer": true, "hr": true, "pre": true, "dl": true,
	"dt": true, "dd": true, "figure": true, "figcaption": true, "nav": true, "main": true, "title": true,
	"body": true, "td": true, "th": true, "caption": true, "address": true, "details": true, "summary": true,
}

var htmlVoid = map[string]bool{
	"br": true, "hr": true, "img": true, "meta": true, "link": true, "input": true, "area": true,
	"base": true, "col": true, "embed": true, "source": true, "track": true, "wbr": true,
}

var htmlKeep = map[string]bool{
	"sup": true, "a": true, "li": true, "aside": true, "section": true, "blockquote": true, "q": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "p": true, "ol": true,
	"div": true, "span": true, "title": true, "cite": true, "footer": true,
}

var htmlAttrKeep = map[string]bool{"id": true, "href": true, "class": true, "epub:type": true, "role": true, "name": true}

var htmlEntities = map[string]string{
	"amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u00a0", "shy": "\u00ad",
	"mdash": "\u2014", "ndash": "\u2013", "hellip": "\u2026", "lsquo": "\u2018", "rsquo": "\u2019",
	"ldquo": "\u201c", "rdquo": "\u201d", "sbquo": "\u201a", "bdquo": "\u201e", "laquo": "\u00ab",
	"raquo": "\u00bb", "copy": "\u00a9", "reg": "\u00ae", "trade": "\u2122", "sect": "\u00a7",
	"para": "\u00b6", "middot": "\u00b7", "bull": "\u2022", "times": "\u00d7", "divide": "\u00f7",
	"deg": "\u00b0", "plusmn": "\u00b1", "frac12": "\u00bd", "frac14": "\u00bc", "frac34": "\u00be",
	"sup1": "\u00b9", "sup2": "\u00b2", "sup3": "\u00b3", "dagger": "\u2020", "Dagger": "\u2021",
	"eacute": "\u00e9", "egrave": "\u00e8", "aacute": "\u00e1", "agrave": "\u00e0", "ouml": "\u00f6",
	"uuml": "\u00fc", "auml": "\u00e4", "szlig": "\u00df", "ccedil": "\u00e7", "euro": "\u20ac",
	"pound": "\u00a3", "yen": "\u00a5", "cent": "\u00a2", "thinsp": "\u2009", "ensp": "\u2002",
	"emsp": "\u2003", "zwj": "\u200d", "zwnj": "\u200c", "prime": "\u2032", "Prime": "\u2033",
}

// maxOpenElements bounds the elements of interest open at once. Real
// documents nest a few dozen deep; a file of a million unclosed tags would
// otherwise keep a million elements (and their attributes) in memory.
// Elements opened deeper than this are read as text but not listed.
const maxOpenElements = 1024

type openElem struct {
	el       element
	textFrom int
}

// extractHTML returns the text content of an HTML document with a map back
// to the markup, and the elements of interest (spans in the extracted text).
// Block elements become paragraph breaks; script, style and comments vanish;
// entities are decoded. It never fails: broken markup degrades to text.
func extractHTML(src string) (string, *compare.OffsetMap, []element) {
	var b compare.MapBuilder
	out := make([]byte, 0, len(src))
	var elems []element
	var stack []openElem
	pre := 0
	run := 0
	flush := func() { b.Copy(run); run = 0 }
	emitBreak := func(srcN int, brk string) {
		flush()
		n := len(out)
		// no more than one blank line in a row, and none at the start
		for len(brk) > 0 && (len(out) == 0 || strings.HasSuffix(string(out[max(0, len(out)-2):]), "\n\n")) {
			brk = brk[1:]
		}
		if len(brk) == 2 && len(out) > 0 && out[len(out)-1] == '\n' {
			brk = brk[1:]
		}
		out = append(out, brk...)
		b.Replace(srcN, len(out)-n)
	}
	i := 0
	for i < len(src) {
		c := src[i]
		if c == '&' {
			if rep, n := htmlEntity(src[i:]); n > 0 {
				flush()
				k := len(out)
				out = append(out, rep...)
				b.Replace(n, len(out)-k)
				i += n
				continue
			}
		}
		if c != '<' {
			if c == '\n' && pre == 0 {
				c = ' '
			}
			out = append(out, c)
			run++
			i++
			continue
		}
		// markup
		rest := src[i:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			end := strings.Index(rest[4:], "-->")
			n := len(rest)
			body := rest[4:]
			if end >= 0 {
				n = 4 + end + 3
				body = rest[4 : 4+end]
			}
			emitBreak(n, "")
			// comments carry directives (crosscheck:ignore); keep them as
			// elements with an empty text span where they stood
			elems = append(elems, element{Tag: "!--", Attr: map[string]string{"text": body},
				Span: compare.Span{Start: len(out), End: len(out)}, Raw: compare.Span{Start: i, End: i + n}})
			i += n
			continue
		case strings.HasPrefix(rest, "<![CDATA["):
			end := strings.Index(rest, "]]>")
			if end < 0 {
				end = len(rest)
			}
			emitBreak(9, "")
			out = append(out, rest[9:end]...)
			b.Copy(end - 9)
			n := min(end+3, len(rest)) - end
			emitBreak(n, "")
			i += end + n
			continue
		case strings.HasPrefix(rest, "<!") || strings.HasPrefix(rest, "<?"):
			end := strings.IndexByte(rest, '>')
			n := len(rest)
			if end >= 0 {
				n = end + 1
			}
			emitBreak(n, "")
			i += n
			continue
		}
		name, attrs, closing, selfClose, n := parseTag(rest)
		if n == 0 { // not a tag: a literal '<'
			out = append(out, c)
			run++
			i++
			continue
		}
		start := i
		i += n
		if !closing && (name == "script" || name == "style") {
			end := indexFold(src[i:], "</"+name)
			if end < 0 {
				end = len(src) - i
			} else if gt := strings.IndexByte(src[i+end:], '>'); gt >= 0 {
				end += gt + 1
			} else {
				end = len(src) - i
			}
			emitBreak(n+end, "")
			i += end
			continue
		}
		textEnd := len(out)
		brk := ""
		if name == "br" {
			brk = "\n"
		} else if htmlBlock[name] {
			brk = "\n\n"
		}
		emitBreak(n, brk)
		if name == "pre" {
			if closing {
				pre = max(0, pre-1)
			} else {
				pre++
			}
		}
		if closing {
			for k := len(stack) - 1; k >= 0; k-- {
				if stack[k].el.Tag == name {
					for j := len(stack) - 1; j >= k; j-- {
						e := stack[j].el
						e.Span = trimSpanBytes(out, compare.Span{Start: stack[j].textFrom, End: textEnd})
						e.Raw.End = i
						elems = append(elems, e)
					}
					stack = stack[:k]
					break
				}
			}
			continue
		}
		if name == "hr" && !closing {
			// a rule: notes often follow one; it has no text
			elems = append(elems, element{Tag: "hr", Span: compare.Span{Start: len(out), End: len(out)}, Raw: compare.Span{Start: start, End: i}})
			continue
		}
		if htmlKeep[name] && !selfClose && !htmlVoid[name] && len(stack) < maxOpenElements {
			stack = append(stack, openElem{el: element{Tag: name, Attr: attrs, Raw: compare.Span{Start: start, End: i}}, textFrom: len(out)})
		}
	}
	flush()
	for j := len(stack) - 1; j >= 0; j-- {
		e := stack[j].el
		e.Span = trimSpanBytes(out, compare.Span{Start: stack[j].textFrom, End: len(out)})
		e.Raw.End = len(src)
		elems = append(elems, e)
	}
	b.Changed()
	return string(out), b.Finish(), elems
}

func trimSpanBytes(b []byte, sp compare.Span) compare.Span {
	for sp.Start < sp.End && isSpaceByte(b[sp.Start]) {
		sp.Start++
	}
	for sp.End > sp.Start && isSpaceByte(b[sp.End-1]) {
		sp.End--
	}
	return sp
}

func indexFold(s, sub string) int {
	return strings.Index(strings.ToLower(s), sub)
}

// parseTag reads a tag at the start of s ("<a href=x>", "</p>", "<br/>").
// n is 0 when s does not start a tag; a tag cut off by the end of the input
// runs to the end.
func parseTag(s string) (name string, attrs map[string]string, closing, selfClose bool, n int) {
	i := 1
	if i < len(s) && s[i] == '/' {
		closing = true
		i++
	}
	j := i
	for j < len(s) && (isASCIIAlnum(s[j]) || s[j] == '-' || s[j] == ':') {
		j++
	}
	if j == i || !isASCIILetter(s[i]) {
		return "", nil, false, false, 0
	}
	name = strings.ToLower(s[i:j])
	i = j
	for i < len(s) {
		before := i
		for i < len(s) && isSpaceByte(s[i]) {
			i++
		}
		if i >= len(s) {
			break
		}
		if s[i] == '>' {
			return name, attrs, closing, selfClose, i + 1
		}
		if s[i] == '/' {
			selfClose = true
			i++
			continue
		}
		k := i
		for k < len(s) && !isSpaceByte(s[k]) && s[k] != '=' && s[k] != '>' && s[k] != '/' {
			k++
		}
		key := strings.ToLower(s[i:k])
		i = k
		val := ""
		for i < len(s) && isSpaceByte(s[i]) {
			i++
		}
		if i < len(s) && s[i] == '=' {
			i++
			for i < len(s) && isSpaceByte(s[i]) {
				i++
			}
			if i < len(s) && (s[i] == '"' || s[i] == '\'') {
				q := s[i]
				e := strings.IndexByte(s[i+1:], q)
				if e < 0 {
					// end of file inside a tag: the tag runs to the end, as
					// in browsers, and extraction stays linear
					return name, attrs, closing, selfClose, len(s)
				}
				val = s[i+1 : i+1+e]
				i += e + 2
			} else {
				k := i
				for k < len(s) && !isSpaceByte(s[k]) && s[k] != '>' {
					k++
				}
				val = s[i:k]
				i = k
			}
		}
		if i == before {
			i++
		}
		if htmlAttrKeep[key] {
			if attrs == nil {
				attrs = map[string]string{}
			}
			attrs[key] = decodeEntities(val)
		}
	}
	return name, attrs, closing, selfClose, len(s)
}

// htmlEntity decodes a character reference at the start of s; n is 0 when
// there is none.
func htmlEntity(s string) (string, int) {
	end := strings.IndexByte(s[:min(len(s), 34)], ';')
	if end < 2 || end > 32 {
		return "", 0
	}
	body := s[1:end]
	if body[0] == '#' {
		var v uint64
		var err error
		if len(body) > 1 && (body[1] == 'x' || body[1] == 'X') {
			v, err = strconv.ParseUint(body[2:], 16, 32)
		} else {
			v, err = strconv.ParseUint(body[1:], 10, 32)
		}
		if err != nil || v == 0 || v > utf8.MaxRune || (v >= 0xD800 && v <= 0xDFFF) {
			return "", 0
		}
		return string(rune(v)), end + 1
	}
	if rep, ok := htmlEntities[body]; ok {
		return rep, end + 1
	}
	return "", 0
}

func decodeEntities(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); {
		if s[i] == '&' {
			if rep, n := htmlEntity(s[i:]); n > 0 {
				sb.WriteString(rep)
				i += n
				continue
			}
		}
		sb.WriteByte(s[i])
		i++
	}
	return sb.String()
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isASCIIAlnum(c byte) bool  { return isASCIILetter(c) || c >= '0' && c <= '9' }
func isSpaceByte(c byte) bool   { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// htmlStructure turns the elements of interest into the document's
// structure: headings, the title and quotations as blocks, comments, and
// the notes the markup marks.
func htmlStructure(text string, elems []element) compare.Structure {
	sort.SliceStable(elems, func(a, b int) bool { return elems[a].Span.Start < elems[b].Span.Start })
	st := compare.Structure{Markup: true}
	var headings []compare.Span
	for _, e := range elems {
		b := compare.Block{Span: e.Span, Raw: e.Raw}
		switch e.Tag {
		case "h1", "h2", "h3", "h4", "h5", "h6":
			b.Kind, b.Level = compare.BlockHeading, int(e.Tag[1]-'0')
			if b.Level <= 3 {
				headings = append(headings, e.Span)
			}
		case "title":
			b.Kind = compare.BlockTitle
		case "blockquote":
			b.Kind = compare.BlockQuotation
		case "q":
			b.Kind = compare.BlockInlineQuote
		case "!--":
			st.Comments = append(st.Comments, compare.Comment{Text: e.Attr["text"], Span: e.Span, Raw: e.Raw})
			continue
		default:
			continue
		}
		st.Blocks = append(st.Blocks, b)
	}
	htmlNotes(text, elems, headings, &st)
	return st
}
