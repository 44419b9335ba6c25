package citations

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/crosscheck/crosscheck/compare"
)

// Syntax is the way a note marker or a note definition is written.
type Syntax int

// The note syntaxes crosscheck reads.
const (
	SyntaxSup          Syntax = iota + 1 // <sup>12</sup>, literal in text or an HTML element
	SyntaxBracket                        // [12] in the text; a line "[12] …" in a notes section
	SyntaxGutenberg                      // Project Gutenberg "[Footnote 12: …]" blocks
	SyntaxPandoc                         // Pandoc [^id] and "[^id]: …"
	SyntaxPandocInline                   // Pandoc ^[…]: marker and note in one
	SyntaxHTMLLink                       // <a href="#fn12"> ↔ id="fn12", epub:type noteref/footnote
	SyntaxHTMLList                       // <li> of a notes list, numbered by position
	SyntaxLaTeX                          // \footnote{…}, \footnotemark[n] / \footnotetext[n]{…}
)

func (s Syntax) String() string {
	switch s {
	case SyntaxSup:
		return "sup"
	case SyntaxBracket:
		return "bracket"
	case SyntaxGutenberg:
		return "gutenberg"
	case SyntaxPandoc:
		return "pandoc"
	case SyntaxPandocInline:
		return "pandoc-inline"
	case SyntaxHTMLLink:
		return "html-link"
	case SyntaxHTMLList:
		return "html-list"
	case SyntaxLaTeX:
		return "latex"
	}
	return "unknown"
}

// family groups syntaxes that pair with each other: numbered notes pair by
// number inside a chapter, keyed notes by identifier across the document,
// inline notes are their own definition.
type family int

const (
	familyNumbered family = iota
	familyKeyed
	familyInline
)

func (s Syntax) family() family {
	switch s {
	case SyntaxPandoc, SyntaxHTMLLink:
		return familyKeyed
	case SyntaxPandocInline, SyntaxLaTeX:
		return familyInline
	}
	return familyNumbered
}

// Marker is a note reference in the running text.
type Marker struct {
	Label  string       // as the reader sees it: "12", "*", "a"
	Key    string       // what pairs it with a definition: the label, "^id", "#fn12"
	Span   compare.Span // the whole marker, Text coordinates
	Syntax Syntax
	Run    int   // numbering run (chapter) for numbered notes
	Note   *Note // the definition it refers to, if any
}

// Note is a note definition: its label and its text.
type Note struct {
	Label   string
	Key     string
	Span    compare.Span // the whole definition, Text coordinates
	Body    compare.Span // the note's text without its label
	Syntax  Syntax
	Run     int
	Seq     int       // position in Notes.Notes
	Markers []*Marker // the markers that refer to it
	// Citations are the works the note cites, filled by ParseReferences.
	Citations []*Citation
}

// Number returns the note's label as a number, or -1.
func (n *Note) Number() int { return labelNumber(n.Label) }

// Problem is malformed note syntax: a definition never closed, a label
// written wrongly.
type Problem struct {
	Span compare.Span
	Msg  string
}

// Duplicate is a definition whose label is already defined in its run.
type Duplicate struct {
	Note  *Note
	First *Note
}

// NumberingIssue is a gap, a step backwards or a start past 1 in the
// numbers of a run of markers.
type NumberingIssue struct {
	Span    compare.Span
	Msg     string
	Excerpt bool // the first note of the document is not 1: an excerpt (info)
	// Previous is the number before it in the sequence (empty for a start
	// past 1): findings point at both places.
	Previous compare.Span
	Details  map[string]any
}

// Run is a stretch of the document whose numbered notes count from 1:
// the whole document, or one chapter when numbering restarts.
type Run struct {
	Start   int          // Text offset where the run begins
	Heading compare.Span // the chapter heading that opens it, if one was found
	Markers int
	Notes   int
}

// Limits on what FindNotes keeps of one document, so that a document made
// of millions of markers costs memory in proportion to its size, and
// little of it: each kind is kept up to a floor plus one per so many
// bytes of text, and never past a ceiling. A document past them is
// checked as far as they go and says so (cite.note-limit).
const (
	// MaxMarkers is the most note markers kept: 1,000 and one per 32
	// bytes of text, at most 100,000.
	MaxMarkers = 100_000
	// MaxNotes is the most note definitions kept: 500 and one per 64
	// bytes, at most 50,000.
	MaxNotes = 50_000
	// MaxHeadings is the most chapter headings kept: 1,000 and one per 64
	// bytes, at most 100,000.
	MaxHeadings = 100_000
	// MaxIssues is the most problems of one kind kept: malformed notes,
	// numbering issues, short forms that do not resolve.
	MaxIssues = 10_000
	// MaxCitations is the most pieces of note text (split at semicolons
	// and sentence ends) parsed as citations: 1,000 and one per 64 bytes,
	// at most 100,000.
	MaxCitations = 100_000
)

// Limits are what one document may hold of each kind (see MaxMarkers).
type Limits struct {
	Markers, Notes, Headings, Citations int
}

// LimitsFor returns the limits of a document of n bytes of text.
func LimitsFor(n int) Limits {
	return Limits{
		Markers:   min(MaxMarkers, 1000+n/32),
		Notes:     min(MaxNotes, 500+n/64),
		Headings:  min(MaxHeadings, 1000+n/64),
		Citations: min(MaxCitations, 1000+n/64),
	}
}

// Notes is what FindNotes finds in one document.
type Notes struct {
	Doc        *compare.Document
	Markers    []*Marker // document order
	Notes      []*Note   // document order
	Runs       []Run
	Headings   []compare.Span // chapter-like headings, Text coordinates
	Problems   []Problem
	Undefined  []*Marker
	Unused     []*Note
	Duplicates []Duplicate
	Numbering  []NumberingIssue
	// Limits are what the document may hold; Dropped says what it held
	// past them, left out.
	Limits  Limits
	Dropped Dropped
}

// Dropped says what FindNotes, ParseReferences and Resolve left out to
// stay within their limits.
type Dropped struct {
	// At is the Text offset from which markers and notes are not checked,
	// because the document holds more markers, notes or headings than its
	// Limits; -1 when all are checked.
	At int
	// Problems and Numbering count the malformed notes and numbering
	// issues found past MaxIssues; Unparsed the notes whose citations
	// were not (all) read, past Limits.Citations.
	Problems, Numbering, Unparsed int
	// UnparsedAt is the Text offset of the first note not (wholly) parsed.
	UnparsedAt int
}

// Any reports whether anything was left out.
func (d Dropped) Any() bool { return d.At >= 0 || d.Problems+d.Numbering+d.Unparsed > 0 }

// dropAt records that markers or notes from off on are left out.
func (d *Dropped) dropAt(off int) {
	if d.At < 0 || off < d.At {
		d.At = off
	}
}

// unparsed counts a note whose citations were not (all) read.
func (d *Dropped) unparsed(n *Note) {
	if d.Unparsed == 0 {
		d.UnparsedAt = n.Span.Start
	}
	d.Unparsed++
}

// roomForMarker reports whether one more marker may be kept, and records
// that markers from off on are left out when not.
func (ns *Notes) roomForMarker(off int) bool {
	if len(ns.Markers) < ns.Limits.Markers {
		return true
	}
	ns.Dropped.dropAt(off)
	return false
}

// roomForNote is roomForMarker for note definitions.
func (ns *Notes) roomForNote(off int) bool {
	if len(ns.Notes) < ns.Limits.Notes {
		return true
	}
	ns.Dropped.dropAt(off)
	return false
}

// addProblem records a malformed note, up to MaxIssues.
func (ns *Notes) addProblem(p Problem) {
	if len(ns.Problems) >= MaxIssues {
		ns.Dropped.Problems++
		return
	}
	p.Msg = clip(p.Msg, 400) // built of short labels: a safety net
	ns.Problems = append(ns.Problems, p)
}

// addNumbering records the numbering issue issue builds, up to MaxIssues
// (past them it is counted, not built).
func (ns *Notes) addNumbering(issue func() NumberingIssue) {
	if len(ns.Numbering) >= MaxIssues {
		ns.Dropped.Numbering++
		return
	}
	ns.Numbering = append(ns.Numbering, issue())
}

// FindNotes finds the note markers and definitions of a document in every
// syntax it knows, splits numbered notes into chapters where the numbering
// restarts, pairs markers with definitions and records what does not pair.
func FindNotes(doc *compare.Document) *Notes {
	ns := &Notes{Doc: doc, Limits: LimitsFor(len(doc.Text)), Dropped: Dropped{At: -1}}
	if doc.Structure.Markup {
		ns.Headings = doc.Structure.Headings(3)
		if n := ns.Limits.Headings; len(ns.Headings) > n {
			ns.Dropped.dropAt(ns.Headings[n].Start)
			ns.Headings = ns.Headings[:n:n]
		}
		fromStructure(doc, ns)
	} else {
		ns.Headings = textHeadings(doc.Text, ns)
		scanText(doc.Text, ns)
	}
	ns.truncate()
	sort.SliceStable(ns.Markers, func(i, j int) bool { return ns.Markers[i].Span.Start < ns.Markers[j].Span.Start })
	sort.SliceStable(ns.Notes, func(i, j int) bool { return ns.Notes[i].Span.Start < ns.Notes[j].Span.Start })
	for i, n := range ns.Notes {
		n.Seq = i
	}
	ns.pair()
	return ns
}

// truncate keeps, when a limit was reached, only the markers, notes and
// problems before the first thing left out, so that what is checked is
// the whole of a leading part of the document, whichever scanner reached
// its limit first.
func (ns *Notes) truncate() {
	at := ns.Dropped.At
	if at < 0 {
		return
	}
	ns.Markers = slices.DeleteFunc(ns.Markers, func(m *Marker) bool { return m.Span.Start >= at })
	ns.Notes = slices.DeleteFunc(ns.Notes, func(n *Note) bool { return n.Span.Start >= at })
	ns.Problems = slices.DeleteFunc(ns.Problems, func(p Problem) bool { return p.Span.Start >= at })
	if len(ns.Headings) > 0 && ns.Headings[len(ns.Headings)-1].Start >= at {
		i := sort.Search(len(ns.Headings), func(k int) bool { return ns.Headings[k].Start >= at })
		ns.Headings = ns.Headings[:i:i]
	}
}

// fromStructure takes the notes the document's reader found in its markup.
func fromStructure(doc *compare.Document, ns *Notes) {
	syntax := func(k compare.NoteKind) Syntax {
		switch k {
		case compare.NoteNumbered:
			return SyntaxSup
		case compare.NoteListItem:
			return SyntaxHTMLList
		}
		return SyntaxHTMLLink
	}
	for _, m := range doc.Structure.NoteMarkers {
		if ns.roomForMarker(m.Span.Start) {
			ns.Markers = append(ns.Markers, &Marker{Label: m.Label, Key: m.Key, Span: m.Span, Syntax: syntax(m.Kind)})
		}
	}
	for _, d := range doc.Structure.NoteDefs {
		if ns.roomForNote(d.Span.Start) {
			ns.Notes = append(ns.Notes, &Note{Label: d.Label, Key: d.Key, Span: d.Span,
				Body: compare.TrimSpan(doc.Text, d.Body), Syntax: syntax(d.Kind)})
		}
	}
}

// labelNumber returns a label's value when it is a plain number, else -1.
func labelNumber(s string) int {
	if s == "" || len(s) > 9 {
		return -1
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return -1
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// NoteByLabel returns the first definition labelled label in run, or nil.
func (ns *Notes) NoteByLabel(run int, label string) *Note {
	for _, n := range ns.Notes {
		if n.Run == run && n.Label == label && n.Syntax.family() == familyNumbered {
			return n
		}
	}
	for _, n := range ns.Notes {
		if n.Label == label {
			return n
		}
	}
	return nil
}

// Ordered returns the notes in reading order, chapter by chapter:
// numbered notes as listed, keyed and inline notes by their first marker.
func (ns *Notes) Ordered() []*Note {
	out := append([]*Note(nil), ns.Notes...)
	// numbered notes read in the order they are listed; Pandoc, HTML-id
	// and LaTeX notes are numbered by the renderer in marker order
	pos := func(n *Note) int {
		if len(n.Markers) > 0 && n.Syntax.family() != familyNumbered {
			return n.Markers[0].Span.Start
		}
		return n.Span.Start
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Run != out[j].Run {
			return out[i].Run < out[j].Run
		}
		return pos(out[i]) < pos(out[j])
	})
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

// lineStart returns the offset where the line holding off begins.
func lineStart(s string, off int) int {
	return strings.LastIndexByte(s[:off], '\n') + 1
}

// lineEnd returns the offset of the newline ending the line at off, or len(s).
func lineEnd(s string, off int) int {
	if i := strings.IndexByte(s[off:], '\n'); i >= 0 {
		return off + i
	}
	return len(s)
}
