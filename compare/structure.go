package compare

// Structure is what a format reader knows of a document beyond its text:
// the blocks the markup marks, the notes it ties to their markers, and the
// comments it holds. Spans are Text coordinates; Raw spans are original
// bytes. A plain-text reader leaves it empty and sets Markup to false:
// checks then find headings, notes and quotations by scanning the text.
type Structure struct {
	// Markup is true when the document's text was extracted from markup
	// that says what its parts are (HTML, XHTML, a word processor's XML):
	// Blocks, notes and comments are then authoritative, and the text
	// scanners for notes and directives stand aside.
	Markup bool
	// Blocks are the marked parts of the text, ordered by start.
	Blocks []Block
	// NoteMarkers and NoteDefs are the note references and note bodies
	// the markup identifies, each ordered by start.
	NoteMarkers []NoteMarker
	NoteDefs    []NoteDef
	// Comments are markup comments (where ignore directives live).
	Comments []Comment
}

// BlockKind says what a block is.
type BlockKind uint8

// The kinds of blocks readers record.
const (
	BlockHeading     BlockKind = iota + 1 // a heading; Level 1–6
	BlockTitle                            // the document's title (HTML <title>)
	BlockQuotation                        // a block quotation (<blockquote>)
	BlockInlineQuote                      // a quotation inside running text (<q>)
)

// Block is one marked part of a document.
type Block struct {
	Kind  BlockKind
	Level int  // heading level, 1–6
	Span  Span // text content, Text coordinates
	Raw   Span // the markup from its opening to its closing, original bytes
}

// NoteKind says how the markup ties a note to its marker.
type NoteKind uint8

// The ways markup marks notes.
const (
	// NoteLinked: a link from the marker to the note's id (href="#fn3",
	// epub:type="noteref", role="doc-noteref"). Key is "#" + the id.
	NoteLinked NoteKind = iota + 1
	// NoteNumbered: a superscript number without a link (<sup>12</sup>),
	// and a note that starts with one. Key is the label.
	NoteNumbered
	// NoteListItem: an item of an ordered list of notes, numbered by its
	// place in the list. Key is the label.
	NoteListItem
)

// NoteMarker is a note reference the markup identifies.
type NoteMarker struct {
	Label string // as the reader sees it: "12", "*"
	Key   string // what pairs it with a definition: "#fn12", or the label
	Span  Span   // the whole marker, Text coordinates
	Kind  NoteKind
}

// NoteDef is a note body the markup identifies.
type NoteDef struct {
	Label string
	Key   string
	Span  Span // the whole note, Text coordinates
	Body  Span // its text without the label and back links
	Kind  NoteKind
}

// Comment is a markup comment: its text, and where it stood.
type Comment struct {
	Text string
	Span Span // an empty span where the comment stood, Text coordinates
	Raw  Span // the comment's bytes, original bytes
}

// Headings returns the spans of the headings of level at most maxLevel.
func (s *Structure) Headings(maxLevel int) []Span {
	var out []Span
	for _, b := range s.Blocks {
		if b.Kind == BlockHeading && b.Level <= maxLevel {
			out = append(out, b.Span)
		}
	}
	return out
}

// Quotations returns the spans of block and inline quotations.
func (s *Structure) Quotations() []Block {
	var out []Block
	for _, b := range s.Blocks {
		if b.Kind == BlockQuotation || b.Kind == BlockInlineQuote {
			out = append(out, b)
		}
	}
	return out
}

// Where is the place of a span in the terms an editor uses for the
// document's format, beyond its file, line and column: the member of a
// container (an EPUB's chapter file), the paragraph in body order, the
// note, the page. Fields that do not apply are zero.
type Where struct {
	Member    string `json:"member,omitempty"`
	Paragraph int    `json:"paragraph,omitempty"`
	Note      string `json:"note,omitempty"`
	Page      string `json:"page,omitempty"`
}

// IsZero reports whether w says nothing beyond line and column.
func (w Where) IsZero() bool { return w == Where{} }

// Locator turns a span of original bytes into the place an editor uses.
// Readers of container formats set one; text formats need none, as their
// byte offsets, lines and columns are the place.
type Locator interface {
	Where(raw Span) Where
}

// Where returns the place of a span of original bytes as the document's
// Locator names it; zero for formats whose line and column say it all.
func (d *Document) Where(raw Span) Where {
	if d.Locator == nil {
		return Where{}
	}
	return d.Locator.Where(raw)
}
