package input

import (
	"bytes"
	"errors"
	"net/url"
	"path"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input/container"
	"github.com/crosscheck/crosscheck/compare/input/pdf"
)

// Container formats (DOCX, ODT, EPUB, PDF) hold their text compressed or
// laid out, so a finding cannot point at their bytes. Their documents
// keep the file's bytes as Raw, but their "original" offsets, lines and
// columns are those of the extracted text: Source is that text and there
// is no map from it to Raw. A Locator then names the place an editor
// opens: the paragraph in body order or the note (DOCX, ODT), the member
// file and its paragraph (EPUB), the page and its paragraph (PDF).

// place is a stretch of extracted text and where it is.
type place struct {
	span  compare.Span
	where compare.Where
}

// placeLocator finds the place of an offset of extracted text.
type placeLocator struct {
	places []place // ordered by start, not overlapping
}

// Where returns the place of the paragraph holding raw's start (the next
// paragraph when raw starts between two).
func (l *placeLocator) Where(raw compare.Span) compare.Where {
	ps := l.places
	if len(ps) == 0 {
		return compare.Where{}
	}
	i := sort.Search(len(ps), func(k int) bool { return ps[k].span.End > raw.Start })
	if i == len(ps) {
		i--
	}
	return ps[i].where
}

// docxReader reads Word documents (see container.ReadDOCX).
type docxReader struct{}

func (docxReader) Format() string       { return "docx" }
func (docxReader) Extensions() []string { return []string{".docx", ".docm"} }
func (docxReader) Sniff(head []byte) bool {
	// Word writes [Content_Types].xml first; xlsx and pptx do too, and
	// then fail with "not a Word document", which says what is wrong
	return bytes.HasPrefix(head, []byte("PK\x03\x04")) &&
		(bytes.Contains(head, []byte("word/")) || bytes.Contains(head, []byte("[Content_Types].xml")))
}
func (r docxReader) Read(name string, raw []byte, opt Options) (*compare.Document, error) {
	cd, err := container.ReadDOCX(name, raw, container.LimitsFor(len(raw)))
	if err != nil {
		return nil, err
	}
	return containerDocument(name, raw, r.Format(), cd)
}

// odtReader reads OpenDocument texts (see container.ReadODT).
type odtReader struct{}

func (odtReader) Format() string       { return "odt" }
func (odtReader) Extensions() []string { return []string{".odt"} }
func (odtReader) Sniff(head []byte) bool {
	return bytes.HasPrefix(head, []byte("PK\x03\x04")) && bytes.Contains(head, []byte("application/vnd.oasis.opendocument.text"))
}
func (r odtReader) Read(name string, raw []byte, opt Options) (*compare.Document, error) {
	cd, err := container.ReadODT(name, raw, container.LimitsFor(len(raw)))
	if err != nil {
		return nil, err
	}
	return containerDocument(name, raw, r.Format(), cd)
}

// containerDocument assembles a document from a DOCX or ODT extraction.
func containerDocument(name string, raw []byte, format string, cd *container.Doc) (*compare.Document, error) {
	st := compare.Structure{Markup: true}
	for _, h := range cd.Headings {
		b := compare.Block{Kind: compare.BlockHeading, Level: min(h.Level, 6), Span: h.Span, Raw: h.Span}
		if h.Level == 0 {
			b.Kind, b.Level = compare.BlockTitle, 0
		}
		st.Blocks = append(st.Blocks, b)
	}
	for _, m := range cd.Markers {
		st.NoteMarkers = append(st.NoteMarkers, compare.NoteMarker{Label: m.Label, Key: m.Key, Span: m.Span, Kind: compare.NoteLinked})
	}
	for _, n := range cd.Notes {
		st.NoteDefs = append(st.NoteDefs, compare.NoteDef{Label: n.Label, Key: n.Key, Span: n.Span, Body: n.Body, Kind: compare.NoteLinked})
	}
	for _, c := range cd.Comments {
		at := compare.Span{Start: c.At, End: c.At}
		st.Comments = append(st.Comments, compare.Comment{Text: c.Text, Span: at, Raw: at})
	}
	loc := &placeLocator{}
	for _, p := range cd.Paras {
		loc.places = append(loc.places, place{p.Span, compare.Where{Member: p.Member, Paragraph: p.Number, Note: p.Note}})
	}
	return assembleExtracted(name, raw, format, cd.Text, st, loc)
}

// assembleExtracted makes a document whose original offsets are those of
// the extracted text (see the comment at the top of this file).
func assembleExtracted(name string, raw []byte, format, text string, st compare.Structure, loc *placeLocator) (*compare.Document, error) {
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	return compare.Assemble(compare.Parts{Path: name, Raw: raw, Format: format, Encoding: "utf-8",
		Source: text, ASCII: compare.IsASCII(text), Structure: st, Locator: loc})
}

// epubReader reads EPUB books: the spine's (X)HTML members in reading
// order, each through the HTML extraction, joined by blank lines.
type epubReader struct{}

func (epubReader) Format() string       { return "epub" }
func (epubReader) Extensions() []string { return []string{".epub"} }
func (epubReader) Sniff(head []byte) bool {
	return bytes.HasPrefix(head, []byte("PK\x03\x04")) && bytes.Contains(head, []byte("application/epub+zip"))
}

// Read extracts the book. Notes are linked across members: a note
// reference (epub:type="noteref", role="doc-noteref", a superscript link)
// to "notes.xhtml#fn3" has the key "OEBPS/notes.xhtml#fn3" (the target's
// archive path, "#", its id), and the note there (an aside or list item
// with epub:type footnote, endnote or rearnote, or any element that id
// names) has the same key. Numbered notes without links keep their
// labels as keys, within and across members.
func (r epubReader) Read(name string, raw []byte, opt Options) (*compare.Document, error) {
	lim := container.LimitsFor(len(raw))
	members, err := container.ReadEPUB(name, raw, lim)
	if err != nil {
		return nil, err
	}
	var b epubBuilder
	for _, m := range members {
		dec, err := decode(m.Name, m.Data, opt.Lenient)
		if err != nil {
			return nil, memberError(name, m.Name, err)
		}
		b.addMember(m.Name, dec.text)
		if len(b.text) > lim.MaxText {
			return nil, &compare.InputError{Path: name, Offset: -1, Msg: "extracted text is over the limit for this file", Hint: "split the book"}
		}
	}
	b.linkAcrossMembers()
	return assembleExtracted(name, raw, r.Format(), string(b.text), b.st, &placeLocator{places: b.places})
}

func memberError(name, member string, err error) error {
	var ie *compare.InputError
	var se *compare.SkipError
	switch {
	case errors.As(err, &ie):
		return &compare.InputError{Path: name, Offset: -1, Msg: "member " + member + ": " + ie.Msg, Hint: ie.Hint}
	case errors.As(err, &se):
		return &compare.InputError{Path: name, Offset: -1, Msg: "member " + member + " is not text: " + se.Reason}
	}
	return &compare.InputError{Path: name, Offset: -1, Msg: "member " + member + ": " + err.Error()}
}

// epubBuilder joins the members' extracted texts and structures.
type epubBuilder struct {
	text   []byte
	st     compare.Structure
	places []place
	ids    map[string]compare.Span // "member#id" → the element's text
	links  []epubLink
}

// epubLink is a note marker whose key names an id in some member.
type epubLink struct {
	marker int // index in st.NoteMarkers
	key    string
}

func (b *epubBuilder) addMember(member, src string) {
	text, _, elems := extractHTML(src)
	st := htmlStructure(text, elems)
	if len(b.text) > 0 {
		b.text = append(b.text, "\n\n"...)
	}
	base := len(b.text)
	b.text = append(b.text, text...)
	shift := func(s compare.Span) compare.Span { return compare.Span{Start: s.Start + base, End: s.End + base} }
	if b.ids == nil {
		b.ids = map[string]compare.Span{}
	}
	// the link (its href) behind each marker
	hrefAt := map[compare.Span]string{}
	for _, e := range elems {
		if id := e.Attr["id"]; id != "" {
			if _, dup := b.ids[member+"#"+id]; !dup {
				b.ids[member+"#"+id] = shift(e.Span)
			}
		}
		if e.Tag == "a" && strings.Contains(e.Attr["href"], "#") {
			hrefAt[e.Span] = e.Attr["href"]
		}
	}
	for _, bl := range st.Blocks {
		bl.Span = shift(bl.Span)
		bl.Raw = bl.Span
		b.st.Blocks = append(b.st.Blocks, bl)
	}
	for _, c := range st.Comments {
		c.Span = shift(c.Span)
		c.Raw = c.Span
		b.st.Comments = append(b.st.Comments, c)
	}
	for _, m := range st.NoteMarkers {
		if m.Kind == compare.NoteLinked {
			href := m.Key // a link into another member keeps its file
			if strings.HasPrefix(href, "#") {
				href = markerHref(m, hrefAt)
			}
			m.Key = memberKey(member, href)
			b.links = append(b.links, epubLink{marker: len(b.st.NoteMarkers), key: m.Key})
		}
		m.Span = shift(m.Span)
		b.st.NoteMarkers = append(b.st.NoteMarkers, m)
	}
	first := len(b.st.NoteDefs)
	for _, d := range st.NoteDefs {
		if d.Kind == compare.NoteLinked {
			d.Key = member + d.Key // "#id" → "member#id"
		}
		d.Span, d.Body = shift(d.Span), shift(d.Body)
		b.st.NoteDefs = append(b.st.NoteDefs, d)
	}
	b.st.Markup = true
	// paragraphs of the member, numbered from 1, and the notes they hold
	n := 0
	for _, p := range paragraphSpans(text) {
		n++
		w := compare.Where{Member: member, Paragraph: n}
		for _, d := range b.st.NoteDefs[first:] {
			if d.Span.Start <= p.Start+base && p.End+base <= d.Span.End {
				w.Note = d.Label
			}
		}
		b.places = append(b.places, place{shift(p), w})
	}
}

// markerHref returns the href of the link behind a marker: the link
// inside the marker's span whose fragment is the marker's key.
func markerHref(m compare.NoteMarker, hrefAt map[compare.Span]string) string {
	frag := strings.TrimPrefix(m.Key, "#")
	for sp, h := range hrefAt {
		if m.Span.Contains(sp) && h[strings.IndexByte(h, '#')+1:] == frag {
			return h
		}
	}
	return "#" + frag
}

// memberKey turns an href seen in member into "targetMember#id".
func memberKey(member, href string) string {
	i := strings.IndexByte(href, '#')
	file, frag := href[:i], href[i+1:]
	if file == "" {
		return member + "#" + frag
	}
	if u, err := url.PathUnescape(file); err == nil {
		file = u
	}
	target := path.Join(path.Dir(member), file)
	return target + "#" + frag
}

// linkAcrossMembers makes a note of the element a marker's link names
// when that element's own member did not mark it as one (a plain list
// item or paragraph in a notes file reached from a chapter).
func (b *epubBuilder) linkAcrossMembers() {
	have := map[string]bool{}
	for _, d := range b.st.NoteDefs {
		have[d.Key] = true
	}
	for _, l := range b.links {
		if have[l.key] {
			continue
		}
		sp, ok := b.ids[l.key]
		if !ok || sp.Len() == 0 {
			continue
		}
		have[l.key] = true
		label := idLabel(l.key[strings.LastIndexByte(l.key, '#')+1:])
		b.st.NoteDefs = append(b.st.NoteDefs, compare.NoteDef{Label: label, Key: l.key, Span: sp,
			Body: compare.TrimSpan(string(b.text), sp), Kind: compare.NoteLinked})
	}
}

// paragraphSpans splits extracted text at blank lines.
func paragraphSpans(s string) []compare.Span {
	var out []compare.Span
	start := -1
	last := 0
	for i := 0; i <= len(s); {
		j := strings.IndexByte(s[i:], '\n')
		end := len(s)
		if j >= 0 {
			end = i + j
		}
		line := s[i:end]
		if strings.TrimSpace(line) == "" {
			if start >= 0 {
				out = append(out, compare.Span{Start: start, End: last})
				start = -1
			}
		} else {
			a := i + len(line) - len(strings.TrimLeft(line, " \t\r\f"))
			if start < 0 {
				start = a
			}
			last = i + len(strings.TrimRight(line, " \t\r\f"))
		}
		if j < 0 {
			break
		}
		i = end + 1
	}
	if start >= 0 {
		out = append(out, compare.Span{Start: start, End: last})
	}
	return out
}

// pdfReader reads the text layer of PDF files (see pdf.Read): Where
// names the page (its printed label) and the paragraph on it.
type pdfReader struct{}

func (pdfReader) Format() string       { return "pdf" }
func (pdfReader) Extensions() []string { return []string{".pdf"} }
func (pdfReader) Sniff(head []byte) bool {
	return bytes.Contains(head, []byte("%PDF-"))
}
func (r pdfReader) Read(name string, raw []byte, opt Options) (*compare.Document, error) {
	pd, err := pdf.Read(name, raw, pdf.LimitsFor(len(raw)))
	if err != nil {
		return nil, err
	}
	loc := &placeLocator{places: make([]place, 0, len(pd.Lines))}
	for _, l := range pd.Lines {
		loc.places = append(loc.places, place{l.Span, compare.Where{Page: l.Label, Paragraph: l.Paragraph}})
	}
	// no markup says where notes are: Markup stays false, so that the
	// checks' text scanners look for them; headings come from font sizes
	var st compare.Structure
	for _, h := range pd.Headings {
		st.Blocks = append(st.Blocks, compare.Block{Kind: compare.BlockHeading, Level: h.Level, Span: h.Span, Raw: h.Span})
	}
	return assembleExtracted(name, raw, r.Format(), pd.Text, st, loc)
}
