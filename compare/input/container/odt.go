package container

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"

	"github.com/crosscheck/crosscheck/compare"
)

// OpenDocument namespaces.
const (
	nsText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	nsOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	nsStyle  = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
)

// ReadODT extracts an OpenDocument text (content.xml): paragraphs and
// headings (text:h with its outline level) in body order, lists, tables
// and frames included; tracked changes' deleted text
// (text:tracked-changes) and annotations left out; text:s, text:tab and
// text:line-break as spaces and breaks. A note (text:note) leaves its
// citation in the text as the marker, keyed "#ID" (its text:id), and its
// body becomes a paragraph after the body, footnotes then endnotes.
// Headers and footers (styles.xml) are not read.
func ReadODT(name string, raw []byte, lim Limits) (*Doc, error) {
	a, err := OpenArchive(name, raw, lim, "ODT")
	if err != nil {
		return nil, err
	}
	if !a.Has("content.xml") {
		e := inputErr(name, "is not an OpenDocument text (no content.xml)")
		e.Hint = "open it in LibreOffice and save it as .odt"
		return nil, e
	}
	if err := odfEncrypted(a); err != nil {
		return nil, err
	}
	r := &odtReader{b: &builder{max: lim.MaxText, name: name}, titleStyles: map[string]bool{"Title": true}}
	if err := readXML(a, "content.xml", r.token); err != nil {
		return nil, err
	}
	// notes after the body, in the order of their citations
	for _, kind := range []string{"footnote", "endnote"} {
		for _, n := range r.notes {
			if n.kind != kind {
				continue
			}
			first := len(r.b.doc.Paras)
			var label compare.Span
			has := false
			for i, p := range n.paras {
				if i == 0 {
					// the note's label leads its first paragraph, as it is shown
					p.text = append([]byte(n.label+" "), bytes.TrimLeft(p.text, " ")...)
					p.noteLabel, p.hasLabel = compare.Span{Start: 0, End: len(n.label)}, true
				}
				_, ok, err := r.b.add(p, kind+" "+n.label, "")
				if err != nil {
					return nil, err
				}
				if ok && p.hasLabel {
					label, has = p.noteLabel, true
				}
			}
			r.b.note(first, label, has, Note{Label: n.label, Key: "#" + n.id, Kind: kind})
		}
	}
	return r.b.finish(), nil
}

// odfEncrypted refuses a package whose manifest says its members are encrypted.
func odfEncrypted(a *Archive) error {
	const m = "META-INF/manifest.xml"
	if !a.Has(m) {
		return nil
	}
	enc := false
	err := readXML(a, m, func(x *xmlStream, t xml.Token) error {
		if se, ok := t.(xml.StartElement); ok && se.Name.Local == "encryption-data" {
			enc = true
		}
		return nil
	})
	if err != nil {
		return err
	}
	if enc {
		e := inputErr(a.Name, "is password-protected (its members are encrypted)")
		e.Hint = "save an unprotected copy"
		return e
	}
	return nil
}

type odtNote struct {
	id, label, kind string
	paras           []*para
}

type odtReader struct {
	b            *builder
	open         []*para
	notes        []*odtNote
	inNote       []*odtNote // notes being read (a note's body may hold paragraphs)
	noteDepths   []int      // paragraphs open when each note began
	titleStyles  map[string]bool
	hiddenStyles map[string]bool // automatic text styles that hide their text
}

// noteDepth returns the number of paragraphs open when the innermost note began.
func (r *odtReader) noteDepth() int { return r.noteDepths[len(r.noteDepths)-1] }

func (r *odtReader) top() *para {
	if len(r.open) == 0 {
		return nil
	}
	return r.open[len(r.open)-1]
}

func (r *odtReader) token(x *xmlStream, t xml.Token) error {
	switch t := t.(type) {
	case xml.StartElement:
		return r.start(x, t)
	case xml.EndElement:
		return r.end(t)
	case xml.CharData:
		if p := r.top(); p != nil {
			// white space in ODF text collapses to one space (text:s says more)
			p.text = appendCollapsed(p.text, t)
		}
	}
	return nil
}

func appendCollapsed(dst []byte, s []byte) []byte {
	for _, c := range s {
		if c == '\n' || c == '\r' || c == '\t' {
			c = ' '
		}
		if c == ' ' && len(dst) > 0 && dst[len(dst)-1] == ' ' {
			continue
		}
		dst = append(dst, c)
	}
	return dst
}

func (r *odtReader) start(x *xmlStream, t xml.StartElement) error {
	if t.Name.Space == nsOffice {
		switch t.Name.Local {
		case "annotation":
			return r.annotation(x)
		case "automatic-styles":
			return r.automaticStyles(x)
		case "annotation-end", "forms", "scripts", "font-face-decls", "event-listeners":
			return x.skip()
		}
		return nil
	}
	if t.Name.Space != nsText {
		return nil
	}
	p := r.top()
	if sn, _ := attrNS(t, nsText, "style-name"); r.hiddenStyles[sn] && t.Name.Local == "span" {
		return x.skip() // hidden text (text:display="none")
	}
	switch t.Name.Local {
	case "p", "h":
		np := &para{}
		if t.Name.Local == "h" {
			np.level = 1
			if v, err := strconv.Atoi(attrOr(t, nsText, "outline-level")); err == nil && v > 0 {
				np.level = min(v, 9)
			}
		} else if s, _ := attrNS(t, nsText, "style-name"); r.titleStyles[s] {
			np.level = -1
		}
		if len(r.inNote) > 0 && len(r.open) == r.noteDepth() {
			n := r.inNote[len(r.inNote)-1]
			n.paras = append(n.paras, np)
		}
		r.open = append(r.open, np)
	case "s":
		if p != nil {
			n, _ := strconv.Atoi(attrOr(t, nsText, "c"))
			p.text = append(p.text, strings.Repeat(" ", min(max(n, 1), 64))...)
		}
	case "tab":
		if p != nil {
			p.text = append(p.text, ' ')
		}
	case "line-break":
		if p != nil {
			p.text = appendText(p.text, "\n")
		}
	case "tracked-changes", "sequence-decls", "variable-decls", "user-field-decls", "bookmark-ref-decls", "table-of-content-source":
		return x.skip()
	case "note":
		kind := attrOr(t, nsText, "note-class")
		if kind != "endnote" {
			kind = "footnote"
		}
		id, _ := attrNS(t, nsText, "id")
		if id == "" {
			id = "note" + strconv.Itoa(len(r.notes)+1)
		}
		n := &odtNote{id: id, kind: kind}
		r.notes = append(r.notes, n)
		r.inNote = append(r.inNote, n)
		r.noteDepths = append(r.noteDepths, len(r.open))
	case "note-citation":
		s, err := x.text(nil)
		if err != nil {
			return err
		}
		label := strings.TrimSpace(string(s))
		if l, ok := attrNS(t, nsText, "label"); ok && l != "" {
			label = l
		}
		if len(r.inNote) == 0 {
			return nil
		}
		n := r.inNote[len(r.inNote)-1]
		n.label = label
		if p != nil {
			at := len(p.text)
			p.text = append(p.text, label...)
			p.markers = append(p.markers, Marker{Span: compare.Span{Start: at, End: len(p.text)}, Label: label, Key: "#" + n.id})
		}
	}
	return nil
}

// automaticStyles notes the text styles that hide text (what Word's
// hidden text becomes in ODF) and the paragraph styles based on Title.
func (r *odtReader) automaticStyles(x *xmlStream) error {
	r.hiddenStyles = map[string]bool{}
	target := x.depth - 1
	cur := ""
	for x.depth > target {
		t, err := x.next()
		if err != nil {
			return x.fail(err)
		}
		se, ok := t.(xml.StartElement)
		if !ok || se.Name.Space != nsStyle {
			continue
		}
		switch se.Name.Local {
		case "style":
			cur, _ = attrNS(se, nsStyle, "name")
			if parent, _ := attrNS(se, nsStyle, "parent-style-name"); r.titleStyles[parent] {
				r.titleStyles[cur] = true
			}
		case "text-properties":
			if v, _ := attrNS(se, nsText, "display"); v == "none" && cur != "" {
				r.hiddenStyles[cur] = true
			}
		}
	}
	return nil
}

// annotation reads an editor's comment (office:annotation) out of the
// text: its paragraphs, without its author and date, anchored where it stands.
func (r *odtReader) annotation(x *xmlStream) error {
	var text []byte
	target := x.depth - 1
	inPara := 0
	for x.depth > target {
		t, err := x.next()
		if err != nil {
			return x.fail(err)
		}
		switch t := t.(type) {
		case xml.StartElement:
			if t.Name.Space == nsText && t.Name.Local == "p" {
				if len(text) > 0 {
					text = append(text, '\n')
				}
				inPara++
			}
		case xml.EndElement:
			if t.Name.Space == nsText && t.Name.Local == "p" {
				inPara--
			}
		case xml.CharData:
			if inPara > 0 && len(text) < 4096 {
				text = append(text, t...)
			}
		}
	}
	c := Comment{ID: strconv.Itoa(len(r.b.doc.Comments) + len(r.b.pending) + 1), Text: string(text)}
	if p := r.top(); p != nil {
		c.At = len(p.text)
		p.comments = append(p.comments, c)
	} else {
		r.b.pending = append(r.b.pending, c)
	}
	return nil
}

func attrOr(t xml.StartElement, space, local string) string {
	v, _ := attrNS(t, space, local)
	return v
}

func (r *odtReader) end(t xml.EndElement) error {
	if t.Name.Space != nsText {
		return nil
	}
	switch t.Name.Local {
	case "p", "h":
		n := len(r.open) - 1
		if n < 0 {
			return nil
		}
		p := r.open[n]
		r.open = r.open[:n]
		if len(r.inNote) > 0 && n >= r.noteDepth() {
			return nil // a note's paragraph: added after the body
		}
		_, _, err := r.b.add(p, "", "")
		return err
	case "note":
		if k := len(r.inNote); k > 0 {
			r.inNote = r.inNote[:k-1]
			r.noteDepths = r.noteDepths[:k-1]
		}
	}
	return nil
}
