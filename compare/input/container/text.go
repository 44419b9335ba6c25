package container

import (
	"strings"

	"github.com/crosscheck/crosscheck/compare"
)

// Doc is the text of a container document with what its markup says of it.
// All spans are byte offsets into Text.
type Doc struct {
	Text     string
	Paras    []Para    // every paragraph, in Text order
	Headings []Heading // headings and the title
	Markers  []Marker  // note references in the text
	Notes    []Note    // note bodies
	// Comments are the editors' comments (Word comments, ODF
	// annotations): left out of Text, each anchored where its range starts.
	Comments []Comment
}

// Comment is an editor's comment: its text, and the offset of Text where
// the commented range starts.
type Comment struct {
	At   int
	ID   string
	Text string
}

// Para is one paragraph of the text and where an editor finds it.
type Para struct {
	Span   compare.Span
	Number int    // 1-based, in body order (EPUB: in its member); 0 inside notes
	Note   string // "footnote 3", "endnote ii": the note the paragraph belongs to
	Member string // the archive member it came from (EPUB)
}

// Heading is a heading paragraph; Level 0 is the document's title.
type Heading struct {
	Span  compare.Span
	Level int
}

// Marker is a note reference: the label shown in the text, and the key
// that pairs it with its note.
type Marker struct {
	Span  compare.Span
	Label string
	Key   string
}

// Note is a footnote or endnote: the whole note and its body without the label.
type Note struct {
	Span  compare.Span
	Body  compare.Span
	Label string
	Key   string
	Kind  string // "footnote" or "endnote"
}

// para is a paragraph being read: its text, and markers inside it with
// offsets relative to its start.
type para struct {
	text    []byte
	markers []Marker
	level   int // heading level 1–9, 0 none, -1 title
	// noteLabel is the span of a note's own label (footnoteRef), relative
	noteLabel compare.Span
	hasLabel  bool
	// comments anchored in the paragraph, offsets relative to its start
	comments []Comment
}

// builder assembles a Doc paragraph by paragraph within a text limit.
type builder struct {
	pending []Comment // comments anchored outside a paragraph: they go to the next
	out     []byte
	doc     Doc
	max     int
	name    string
	number  int
}

func (b *builder) full() error {
	if len(b.out) > b.max {
		e := inputErr(b.name, "extracted text is over the %d MiB limit for this file", b.max>>20)
		e.Hint = "split the document"
		return e
	}
	return nil
}

// add appends a paragraph (trimmed; an empty one is dropped) and returns
// its span, ok false when it was empty.
func (b *builder) add(p *para, note, member string) (compare.Span, bool, error) {
	t := p.text
	lead := 0
	for lead < len(t) && isSpace(t[lead]) {
		lead++
	}
	end := len(t)
	for end > lead && isSpace(t[end-1]) {
		end--
	}
	if lead == end && len(p.markers) == 0 {
		b.pending = append(b.pending, p.comments...)
		return compare.Span{}, false, nil
	}
	if len(b.out) > 0 {
		b.out = append(b.out, "\n\n"...)
	}
	base := len(b.out) - lead
	b.out = append(b.out, t[lead:end]...)
	sp := compare.Span{Start: base + lead, End: len(b.out)}
	clampRel := func(o int) int { return min(max(o+base, sp.Start), sp.End) }
	for _, m := range p.markers {
		m.Span = compare.Span{Start: clampRel(m.Span.Start), End: clampRel(m.Span.End)}
		b.doc.Markers = append(b.doc.Markers, m)
	}
	for _, c := range b.pending {
		c.At = sp.Start
		b.doc.Comments = append(b.doc.Comments, c)
	}
	b.pending = b.pending[:0]
	for _, c := range p.comments {
		c.At = clampRel(c.At)
		b.doc.Comments = append(b.doc.Comments, c)
	}
	if p.hasLabel {
		p.noteLabel = compare.Span{Start: clampRel(p.noteLabel.Start), End: clampRel(p.noteLabel.End)}
	}
	n := 0
	if note == "" {
		b.number++
		n = b.number
	}
	b.doc.Paras = append(b.doc.Paras, Para{Span: sp, Number: n, Note: note, Member: member})
	if p.level != 0 && note == "" {
		lv := p.level
		if lv < 0 {
			lv = 0
		}
		b.doc.Headings = append(b.doc.Headings, Heading{Span: sp, Level: lv})
	}
	return sp, true, b.full()
}

func (b *builder) finish() *Doc {
	b.doc.Text = string(b.out)
	return &b.doc
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// appendSpaceRun appends s, turning a run of line breaks into one so that
// breaks inside a paragraph never make a blank line (a paragraph break).
func appendText(dst []byte, s string) []byte {
	if !strings.Contains(s, "\n") {
		return append(dst, s...)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\n' && len(dst) > 0 && dst[len(dst)-1] == '\n' {
			continue
		}
		dst = append(dst, c)
	}
	return dst
}

// noteSpan finishes a note whose paragraphs were added from first to the
// end of the text: the whole note, and its body after the label.
func (b *builder) note(first int, label compare.Span, hasLabel bool, n Note) {
	if first >= len(b.doc.Paras) {
		return
	}
	n.Span = compare.Span{Start: b.doc.Paras[first].Span.Start, End: b.doc.Paras[len(b.doc.Paras)-1].Span.End}
	n.Body = n.Span
	if hasLabel {
		n.Body.Start = min(n.Span.End, label.End)
	}
	for n.Body.Start < n.Body.End && isSpace(b.out[n.Body.Start]) {
		n.Body.Start++
	}
	b.doc.Notes = append(b.doc.Notes, n)
}
