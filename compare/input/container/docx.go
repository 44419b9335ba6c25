package container

import (
	"encoding/xml"
	"path"
	"strconv"
	"strings"

	"github.com/crosscheck/crosscheck/compare"
)

// WordprocessingML namespaces: transitional (what Word writes) and strict.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

func isW(n xml.Name) bool { return n.Space == nsW || n.Space == nsWStrict }

// ReadDOCX extracts a Word document: the body's paragraphs in order
// (table cells and text boxes included), tracked insertions kept and
// deletions left out, comments and hidden text left out, field results
// kept and field codes left out, tabs as spaces and line breaks as line
// breaks; headings from paragraph styles (outline levels in styles.xml,
// else style names "heading N" and "Title"); then footnotes and endnotes
// as paragraphs after the body. A note reference becomes its label in the
// text (footnotes 1, 2, 3…; endnotes i, ii, iii…, as Word numbers them by
// default; a custom mark as written), linked to its note by the key
// "#footnote-ID" or "#endnote-ID". Headers and footers are not read.
func ReadDOCX(name string, raw []byte, lim Limits) (*Doc, error) {
	a, err := OpenArchive(name, raw, lim, "DOCX")
	if err != nil {
		return nil, err
	}
	main := "word/document.xml"
	if t := relTarget(a, "_rels/.rels", "", "/officeDocument"); t != "" {
		main = t
	}
	if !a.Has(main) {
		e := inputErr(name, "is not a Word document (no %s)", main)
		e.Hint = "open it in Word or LibreOffice and save it as .docx"
		return nil, e
	}
	relsOf := path.Join(path.Dir(main), "_rels", path.Base(main)+".rels")
	r := &docxReader{a: a, b: &builder{max: lim.MaxText, name: name},
		labels: map[string]string{}, styles: map[string]docxStyle{}}
	if st := relTarget(a, relsOf, main, "/styles"); st != "" {
		if err := r.readStyles(st); err != nil {
			return nil, err
		}
	}
	if err := readXML(a, main, r.token); err != nil {
		return nil, err
	}
	if part := relTarget(a, relsOf, main, "/comments"); part != "" && len(r.b.doc.Comments) > 0 {
		if err := r.readComments(part); err != nil {
			return nil, err
		}
	}
	for _, kind := range []string{"footnote", "endnote"} {
		part := relTarget(a, relsOf, main, "/"+kind+"s")
		if part == "" {
			continue
		}
		r.kind = kind
		if err := readXML(a, part, r.token); err != nil {
			return nil, err
		}
	}
	return r.b.finish(), nil
}

// relTarget returns the target of the first relationship of a type ending
// in typeSuffix in a .rels member, resolved against the part it belongs to.
func relTarget(a *Archive, rels, part, typeSuffix string) string {
	if !a.Has(rels) {
		return ""
	}
	target := ""
	_ = readXML(a, rels, func(x *xmlStream, t xml.Token) error {
		se, ok := t.(xml.StartElement)
		if !ok || se.Name.Local != "Relationship" || target != "" {
			return nil
		}
		if strings.HasSuffix(attr(se, "Type"), typeSuffix) && attr(se, "TargetMode") != "External" {
			tg := attr(se, "Target")
			var p string
			var ok bool
			if strings.HasPrefix(tg, "/") {
				p, ok = resolve("", tg[1:])
			} else {
				p, ok = resolve(part, tg)
			}
			if ok {
				target = p
			}
		}
		return nil
	})
	return target
}

type docxStyle struct {
	name    string
	basedOn string
	outline int // 0-based outline level, -1 none
}

type docxReader struct {
	a      *Archive
	b      *builder
	styles map[string]docxStyle
	labels map[string]string // "footnote-ID" → the label shown
	counts [2]int            // footnotes, endnotes numbered so far

	open      []*para // paragraphs being read (text boxes nest them)
	styleOf   []string
	outlineOf []int
	inRun     int
	hidden    bool
	custom    bool // the run's note reference has a custom mark: the next text is it

	anchored map[string]bool // comments whose anchor is placed

	kind      string // "" in the body, "footnote" or "endnote" in a notes part
	noteID    string
	noteFirst int
	noteLabel compare.Span
	noteHas   bool
}

func (r *docxReader) readStyles(member string) error {
	var cur string
	var st docxStyle
	return readXML(r.a, member, func(x *xmlStream, t xml.Token) error {
		switch t := t.(type) {
		case xml.StartElement:
			if !isW(t.Name) {
				return nil
			}
			switch t.Name.Local {
			case "style":
				cur, st = attr(t, "styleId"), docxStyle{outline: -1}
			case "name":
				st.name = attr(t, "val")
			case "basedOn":
				st.basedOn = attr(t, "val")
			case "outlineLvl":
				if v, err := strconv.Atoi(attr(t, "val")); err == nil {
					st.outline = v
				}
			case "rPr", "tblPr", "tcPr", "trPr", "tblStylePr":
				return x.skip()
			}
		case xml.EndElement:
			if isW(t.Name) && t.Name.Local == "style" && cur != "" {
				r.styles[cur] = st
				cur = ""
			}
		}
		return nil
	})
}

// headingLevel returns 1–9 for a heading, -1 for the title, 0 otherwise.
func (r *docxReader) headingLevel(styleID string, direct int) int {
	if direct >= 0 {
		if direct <= 8 {
			return direct + 1
		}
		return 0
	}
	id := styleID
	for range 16 {
		st, ok := r.styles[id]
		if !ok {
			break
		}
		if st.outline >= 0 {
			if st.outline <= 8 {
				return st.outline + 1
			}
			return 0
		}
		if lv := levelFromName(st.name); lv != 0 {
			return lv
		}
		if st.basedOn == "" || st.basedOn == id {
			break
		}
		id = st.basedOn
	}
	return levelFromName(styleID)
}

// levelFromName reads "heading 2", "Heading2" and "Title".
func levelFromName(n string) int {
	l := strings.ToLower(strings.ReplaceAll(n, " ", ""))
	if l == "title" {
		return -1
	}
	if rest, ok := strings.CutPrefix(l, "heading"); ok && len(rest) == 1 && rest[0] >= '1' && rest[0] <= '9' {
		return int(rest[0] - '0')
	}
	return 0
}

func (r *docxReader) top() *para {
	if len(r.open) == 0 {
		return nil
	}
	return r.open[len(r.open)-1]
}

func (r *docxReader) token(x *xmlStream, t xml.Token) error {
	switch t := t.(type) {
	case xml.StartElement:
		if t.Name.Space == nsMC && t.Name.Local == "Fallback" {
			return x.skip() // the same content as mc:Choice, for older readers
		}
		if !isW(t.Name) {
			return nil
		}
		return r.start(x, t)
	case xml.EndElement:
		if !isW(t.Name) {
			return nil
		}
		return r.end(t)
	}
	return nil
}

func (r *docxReader) start(x *xmlStream, t xml.StartElement) error {
	p := r.top()
	switch t.Name.Local {
	case "p":
		r.open = append(r.open, &para{})
		r.styleOf = append(r.styleOf, "")
		r.outlineOf = append(r.outlineOf, -1)
	case "pPr":
		return r.paraProps(x)
	case "r":
		r.inRun++
		r.hidden = false
	case "rPr":
		return r.runProps(x)
	case "t":
		s, err := x.text(nil)
		if err != nil || p == nil || r.hidden {
			return err
		}
		at := len(p.text)
		p.text = appendText(p.text, string(s))
		if r.custom && len(p.markers) > 0 {
			m := &p.markers[len(p.markers)-1]
			m.Span = compare.Span{Start: at, End: len(p.text)}
			m.Label = strings.TrimSpace(string(s))
			r.labels[strings.TrimPrefix(m.Key, "#")] = m.Label
			r.custom = false
		}
	case "tab":
		if p != nil && r.inRun > 0 && !r.hidden {
			p.text = append(p.text, ' ')
		}
	case "br", "cr":
		if p != nil && r.inRun > 0 && !r.hidden {
			p.text = appendText(p.text, "\n")
		}
	case "noBreakHyphen":
		if p != nil && !r.hidden {
			p.text = append(p.text, '-')
		}
	case "footnoteReference", "endnoteReference":
		if p != nil {
			r.reference(p, t)
		}
	case "footnoteRef", "endnoteRef":
		if p != nil && r.kind != "" && !r.noteHas {
			at := len(p.text)
			p.text = append(p.text, r.labels[r.kind+"-"+r.noteID]...)
			p.noteLabel, p.hasLabel = compare.Span{Start: at, End: len(p.text)}, true
		}
	case "footnote", "endnote":
		switch attr(t, "type") {
		case "separator", "continuationSeparator", "continuationNotice":
			return x.skip()
		}
		r.noteID = attr(t, "id")
		key := r.kind + "-" + r.noteID
		if _, ok := r.labels[key]; !ok {
			r.labels[key] = r.nextLabel(r.kind)
		}
		r.noteFirst, r.noteHas = len(r.b.doc.Paras), false
	case "commentRangeStart", "commentReference":
		// anchor the comment where its range starts (or, without a range, at its mark)
		id := attr(t, "id")
		if r.kind == "" && !r.anchored[id] {
			if r.anchored == nil {
				r.anchored = map[string]bool{}
			}
			r.anchored[id] = true
			c := Comment{ID: id}
			if p != nil {
				c.At = len(p.text)
				p.comments = append(p.comments, c)
			} else {
				r.b.pending = append(r.b.pending, c)
			}
		}
		return x.skip()
	case "del", "moveFrom", "delText", "instrText", "sectPr", "sdtPr", "fldData",
		"tblPr", "tblGrid", "trPr", "tcPr", "annotationRef":
		return x.skip()
	}
	return nil
}

func (r *docxReader) nextLabel(kind string) string {
	if kind == "endnote" {
		r.counts[1]++
		return compare.RomanNumeral(r.counts[1])
	}
	r.counts[0]++
	return strconv.Itoa(r.counts[0])
}

func (r *docxReader) reference(p *para, t xml.StartElement) {
	kind := strings.TrimSuffix(t.Name.Local, "Reference")
	id := attr(t, "id")
	key := kind + "-" + id
	label, ok := r.labels[key]
	custom := attr(t, "customMarkFollows")
	if custom == "1" || custom == "true" || custom == "on" {
		r.custom = true
		p.markers = append(p.markers, Marker{Span: compare.Span{Start: len(p.text), End: len(p.text)}, Key: "#" + key})
		if !ok {
			r.labels[key] = ""
		}
		return
	}
	if !ok || label == "" {
		label = r.nextLabel(kind)
		r.labels[key] = label
	}
	at := len(p.text)
	p.text = append(p.text, label...)
	p.markers = append(p.markers, Marker{Span: compare.Span{Start: at, End: len(p.text)}, Label: label, Key: "#" + key})
}

func (r *docxReader) paraProps(x *xmlStream) error {
	i := len(r.open) - 1
	target := x.depth - 1
	for x.depth > target {
		t, err := x.next()
		if err != nil {
			return x.fail(err)
		}
		se, ok := t.(xml.StartElement)
		if !ok || !isW(se.Name) || i < 0 {
			continue
		}
		switch se.Name.Local {
		case "pStyle":
			r.styleOf[i] = attr(se, "val")
		case "outlineLvl":
			if v, err := strconv.Atoi(attr(se, "val")); err == nil {
				r.outlineOf[i] = v
			}
		case "rPr", "sectPr":
			if err := x.skip(); err != nil {
				return err
			}
		}
	}
	return nil
}

func (r *docxReader) runProps(x *xmlStream) error {
	target := x.depth - 1
	for x.depth > target {
		t, err := x.next()
		if err != nil {
			return x.fail(err)
		}
		if se, ok := t.(xml.StartElement); ok && isW(se.Name) && (se.Name.Local == "vanish" || se.Name.Local == "specVanish") {
			v := attr(se, "val")
			r.hidden = v == "" || v == "1" || v == "true" || v == "on"
		}
	}
	return nil
}

func (r *docxReader) end(t xml.EndElement) error {
	switch t.Name.Local {
	case "r":
		r.inRun = max(0, r.inRun-1)
		r.hidden, r.custom = false, false
	case "p":
		n := len(r.open) - 1
		if n < 0 {
			return nil
		}
		p := r.open[n]
		p.level = r.headingLevel(r.styleOf[n], r.outlineOf[n])
		r.open, r.styleOf, r.outlineOf = r.open[:n], r.styleOf[:n], r.outlineOf[:n]
		note := ""
		if r.kind != "" {
			note = r.kind + " " + r.labels[r.kind+"-"+r.noteID]
		}
		_, ok, err := r.b.add(p, note, "")
		if ok && p.hasLabel && !r.noteHas {
			r.noteLabel, r.noteHas = p.noteLabel, true
		}
		return err
	case "footnote", "endnote":
		key := r.kind + "-" + r.noteID
		r.b.note(r.noteFirst, r.noteLabel, r.noteHas, Note{Label: r.labels[key], Key: "#" + key, Kind: r.kind})
		r.noteHas = false
	}
	return nil
}

// readComments fills in the text of the comments anchored in the body
// from the comments part: each comment's paragraphs, joined by line breaks.
func (r *docxReader) readComments(member string) error {
	texts := map[string][]byte{}
	id := ""
	inT := false
	err := readXML(r.a, member, func(x *xmlStream, t xml.Token) error {
		switch t := t.(type) {
		case xml.StartElement:
			if !isW(t.Name) {
				return nil
			}
			switch t.Name.Local {
			case "comment":
				id = attr(t, "id")
			case "p":
				if b := texts[id]; len(b) > 0 {
					texts[id] = append(b, '\n')
				}
			case "t":
				inT = true
			case "tab":
				texts[id] = append(texts[id], ' ')
			case "del", "delText", "instrText":
				return x.skip()
			}
		case xml.EndElement:
			if isW(t.Name) && t.Name.Local == "t" {
				inT = false
			}
		case xml.CharData:
			if inT && r.anchored[id] && len(texts[id]) < 4096 {
				texts[id] = append(texts[id], t...)
			}
		}
		return nil
	})
	for i := range r.b.doc.Comments {
		c := &r.b.doc.Comments[i]
		c.Text = string(texts[c.ID])
	}
	return err
}
