package input

import (
	"sort"
	"strconv"
	"strings"

	"github.com/crosscheck/crosscheck/compare"
)

func attrHas(e *element, key string, words ...string) bool {
	v := strings.ToLower(e.Attr[key])
	if v == "" {
		return false
	}
	for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ',' }) {
		for _, w := range words {
			if f == w {
				return true
			}
		}
	}
	return false
}

func attrContains(e *element, key string, subs ...string) bool {
	v := strings.ToLower(e.Attr[key])
	for _, s := range subs {
		if v != "" && strings.Contains(v, s) {
			return true
		}
	}
	return false
}

// isNoteDefElement reports elements marked as notes: epub:type footnote,
// endnote, rearnote or note; role doc-footnote or doc-endnote; class
// "footnote" on an aside, li, div or p.
func isNoteDefElement(e *element) bool {
	if attrHas(e, "epub:type", "footnote", "endnote", "rearnote", "note") || attrHas(e, "role", "doc-footnote", "doc-endnote") {
		return true
	}
	switch e.Tag {
	case "aside", "li", "div", "p":
		return attrHas(e, "class", "footnote", "endnote", "note")
	}
	return false
}

// isNotesContainer reports a section, list or block that holds notes.
func isNotesContainer(e *element) bool {
	if attrHas(e, "epub:type", "footnotes", "endnotes", "rearnotes") || attrHas(e, "role", "doc-endnotes", "doc-footnotes") {
		return true
	}
	switch e.Tag {
	case "section", "div", "ol", "aside", "footer":
		return attrContains(e, "class", "footnotes", "endnotes", "notes", "references") ||
			attrContains(e, "id", "footnotes", "endnotes", "notes", "references")
	}
	return false
}

// isNoteRefLink reports a link marked as a note reference.
func isNoteRefLink(e *element) bool {
	return attrHas(e, "epub:type", "noteref") || attrHas(e, "role", "doc-noteref") ||
		attrContains(e, "class", "footnote-ref", "noteref", "fnref", "footnoteref", "footnote_ref")
}

func isBackLink(e *element) bool {
	if attrHas(e, "epub:type", "backlink") || attrHas(e, "role", "doc-backlink") ||
		attrContains(e, "class", "footnote-back", "backref", "backlink", "fn-back", "reversefootnote") {
		return true
	}
	return false
}

// noteLikeID reports ids that name notes: fn12, note-3, footnote_4,
// endnote5, cite_note-7, n12.
func noteLikeID(id string) bool {
	l := strings.ToLower(id)
	for _, p := range []string{"fn", "footnote", "endnote", "note", "cite_note", "ftn", "en", "n"} {
		if strings.HasPrefix(l, p) {
			r := strings.TrimLeft(l[len(p):], "-_:.")
			if r != "" && isDigit(r[0]) {
				return true
			}
		}
	}
	return false
}

// htmlNotes finds the notes of an HTML document from its elements: links
// to note ids, elements marked as notes (epub:type, role, class), notes
// sections after a "Notes" heading, superscript numbers, ordered lists of
// notes. s is the extracted text; headings are the h1–h3 spans.
func htmlNotes(s string, els []element, headings []compare.Span, st *compare.Structure) {
	within := func(inner, outer *element) bool {
		return outer.Raw.Start <= inner.Raw.Start && inner.Raw.End <= outer.Raw.End && inner != outer
	}
	var containers, defEls []*element
	byID := map[string][]*element{}
	for i := range els {
		e := &els[i]
		if isNotesContainer(e) {
			containers = append(containers, e)
		}
		if id := e.Attr["id"]; id != "" && !(e.Tag == "a" && e.Span.Start == e.Span.End) {
			byID[id] = append(byID[id], e)
		}
	}
	// an empty anchor at the start of a block (<a id="Footnote_3"></a>,
	// or old-style <a name="fn01"></a>) names the block, as an id on it
	// would: Project Gutenberg's HTML sets its notes so
	anchorName := map[*element]string{}
	var blocks *enclosers
	for i := range els {
		e := &els[i]
		if e.Tag != "a" || e.Span.Start != e.Span.End {
			continue
		}
		name := e.Attr["id"]
		if name == "" {
			name = e.Attr["name"]
		}
		if name == "" || len(byID[name]) > 0 {
			continue
		}
		if blocks == nil {
			blocks = &enclosers{}
			for j := range els {
				switch els[j].Tag {
				case "p", "li", "div", "aside", "section", "blockquote", "dd":
					blocks.add(&els[j])
				}
			}
		}
		var blk *element
		blocks.holders(e, func(d *element) {
			if blk == nil {
				blk = d
			}
		})
		if blk != nil && e.Span.Start-blk.Span.Start <= maxAnchorLead && anchorName[blk] == "" && blk.Attr["id"] == "" {
			byID[name] = append(byID[name], blk)
			anchorName[blk] = name
		} else {
			byID[name] = append(byID[name], e) // a target all the same
		}
	}
	inContainer := func(e *element) bool {
		for _, c := range containers {
			if within(e, c) || c == e && e.Tag != "ol" && e.Tag != "section" && e.Tag != "div" {
				return true
			}
		}
		return false
	}
	// notes sections that follow a "Notes" heading, to the next h1–h3;
	// and what follows a rule (<hr/>), where notes are often set
	var zones, ruleZones, listZones []compare.Span
	zoneAfter := func(at int) compare.Span {
		end := len(s)
		for _, h := range headings {
			if h.Start > at {
				end = h.Start
				break
			}
		}
		return compare.Span{Start: at, End: end}
	}
	for i := range els {
		e := &els[i]
		switch {
		case e.Tag == "hr":
			ruleZones = append(ruleZones, zoneAfter(e.Span.End))
		case e.Tag[0] == 'h' && len(e.Tag) == 2 && compare.IsNotesHeading(s[e.Span.Start:e.Span.End]):
			zones = append(zones, zoneAfter(e.Span.End))
			if !isReferencesHeading(s[e.Span.Start:e.Span.End]) {
				listZones = append(listZones, zones[len(zones)-1])
			}
		}
	}
	in := func(zs []compare.Span, off int) bool {
		for _, z := range zs {
			if z.Start <= off && off < z.End {
				return true
			}
		}
		return false
	}
	inZone := func(off int) bool { return in(zones, off) }
	inRuleZone := func(off int) bool { return in(ruleZones, off) }
	// definitions marked as notes, or with a note-like id in a notes container
	isDef := map[*element]bool{}
	defs := &enclosers{}
	for i := range els {
		e := &els[i]
		id := e.Attr["id"]
		if isNoteDefElement(e) || id != "" && noteLikeID(id) && (e.Tag == "li" || e.Tag == "aside" || e.Tag == "div" || e.Tag == "p" || e.Tag == "section") && (inContainer(e) || inZone(e.Span.Start)) {
			// the outermost element wins: <li id=fn1><p>…</p></li>
			if defs.around(e) == nil {
				isDef[e] = true
				defEls = append(defEls, e)
				defs.add(e)
			}
		}
	}
	insideDef := func(e *element) *element {
		if len(defs.els) != len(defEls) { // links made more definitions
			defs = &enclosers{}
			for _, d := range defEls {
				defs.add(d)
			}
		}
		return defs.around(e)
	}
	// markers: note-reference links
	usedSup := map[*element]bool{}
	markerIDs := map[string]bool{}
	var sups []*element
	for i := range els {
		e := &els[i]
		if e.Tag == "sup" {
			sups = append(sups, e)
		}
	}
	supAround := supFinder(sups)
	type link struct {
		e      *element
		target string
	}
	var links []link
	for i := range els {
		e := &els[i]
		if e.Tag != "a" {
			continue
		}
		href := e.Attr["href"]
		h := strings.IndexByte(href, '#')
		if h < 0 || h == len(href)-1 {
			continue
		}
		target := href[h+1:]
		if isBackLink(e) {
			continue
		}
		sup := supAround(e)
		if !(isNoteRefLink(e) || sup != nil || noteLikeID(target)) {
			continue
		}
		if d := insideDef(e); d != nil {
			// a link inside a note back to the text is a backlink
			if t, ok := byID[target]; ok && len(t) > 0 && insideDef(t[0]) == nil {
				continue
			}
			if sup == nil && !isNoteRefLink(e) {
				continue
			}
		}
		if sup != nil {
			usedSup[sup] = true
		}
		links = append(links, link{e, target})
		if id := e.Attr["id"]; id != "" {
			markerIDs[id] = true
		}
		if sup != nil && sup.Attr["id"] != "" {
			markerIDs[sup.Attr["id"]] = true
		}
	}
	// links whose target is an element that is no note yet make it one
	for _, l := range links {
		t := byID[l.target]
		if len(t) == 0 {
			continue
		}
		known := false
		for _, d := range t {
			if isDef[d] {
				known = true
			}
		}
		if !known && !markerIDs[l.target] {
			isDef[t[0]] = true
			defEls = append(defEls, t[0])
		}
	}
	for _, l := range links {
		span := l.e.Span
		if sp := supAround(l.e); sp != nil && sp.Span.Start <= span.Start && sp.Span.End >= span.End {
			span = sp.Span
		}
		label := strings.Trim(strings.TrimSpace(s[l.e.Span.Start:l.e.Span.End]), "[]()")
		if label == "" {
			label = l.target
		}
		// a link into another file keeps the file: "endnotes.xhtml#note-3"
		// (relative to this one), for a book of several files
		key := "#" + l.target
		if href := l.e.Attr["href"]; !strings.HasPrefix(href, "#") && !strings.Contains(href, "://") && !strings.HasPrefix(href, "//") {
			key = href
		}
		st.NoteMarkers = append(st.NoteMarkers, compare.NoteMarker{Label: label, Key: key, Span: span, Kind: compare.NoteLinked})
	}
	// the links of the page by where they start, so that each definition
	// looks only at the links inside it (a walk of every element for each
	// definition is quadratic on a book of notes)
	var anchors []*element
	for i := range els {
		if els[i].Tag == "a" {
			anchors = append(anchors, &els[i])
		}
	}
	sort.SliceStable(anchors, func(i, j int) bool { return anchors[i].Raw.Start < anchors[j].Raw.Start })
	supsByStart := append([]*element(nil), sups...)
	sort.SliceStable(supsByStart, func(i, j int) bool { return supsByStart[i].Raw.Start < supsByStart[j].Raw.Start })
	linksInside := func(d *element) []*element {
		lo := sort.Search(len(anchors), func(i int) bool { return anchors[i].Raw.Start >= d.Raw.Start })
		hi := sort.Search(len(anchors), func(i int) bool { return anchors[i].Raw.Start >= d.Raw.End })
		return anchors[lo:max(lo, hi)]
	}
	// definitions
	sort.Slice(defEls, func(i, j int) bool { return defEls[i].Raw.Start < defEls[j].Raw.Start })
	for _, d := range defEls {
		body := d.Span
		// leave out a leading label (<sup>1</sup>, "1.") and trailing backlinks
		for _, sp := range supsByStart[sort.Search(len(supsByStart), func(i int) bool { return supsByStart[i].Raw.Start >= d.Raw.Start }):] {
			if sp.Raw.Start >= d.Raw.End {
				break
			}
			if within(sp, d) && sp.Span.Start == body.Start {
				body.Start = sp.Span.End
				usedSup[sp] = true
			}
		}
		for _, e := range linksInside(d) {
			if e.Tag == "a" && within(e, d) && (isBackLink(e) || markerIDs[strings.TrimPrefix(e.Attr["href"][strings.IndexByte(e.Attr["href"]+"#", '#'):], "#")]) && e.Span.Start >= body.Start {
				body.End = min(body.End, e.Span.Start)
			}
		}
		body = compare.TrimSpan(s, compare.Span{Start: body.Start, End: max(body.Start, body.End)})
		id := d.Attr["id"]
		if id == "" {
			id = anchorName[d]
		}
		label := idLabel(id)
		if id == "" {
			continue
		}
		st.NoteDefs = append(st.NoteDefs, compare.NoteDef{Label: label, Key: "#" + id, Span: d.Span, Body: body, Kind: compare.NoteLinked})
	}
	// numbered notes: <sup>12</sup> without a link in the text, and
	// definitions that start with one in a notes section, or the items of
	// an ordered list of notes
	// the blocks that start at each offset, in element order, so that
	// finding the block a <sup> starts is a look-up, not a walk of every
	// element for every <sup> (quadratic on a page of <sup>s)
	blocksAt := make(map[int][]*element)
	for i := range els {
		if e := &els[i]; e.Tag == "p" || e.Tag == "li" || e.Tag == "div" {
			blocksAt[e.Span.Start] = append(blocksAt[e.Span.Start], e)
		}
	}
	// a <sup> that starts a block after a rule is a note when its label
	// was used as a marker before the rule (a body paragraph after a
	// scene break may start with a marker of its own)
	supLabel := func(sp *element) string {
		return strings.Trim(strings.TrimSpace(s[sp.Span.Start:sp.Span.End]), "[]()")
	}
	firstUse := map[string]int{}
	for _, sp := range sups {
		if l := supLabel(sp); compare.IsNoteLabel(l) {
			if at, ok := firstUse[l]; !ok || sp.Span.Start < at {
				firstUse[l] = sp.Span.Start
			}
		}
	}
	zoneOf := func(zs []compare.Span, off int) int {
		for i, z := range zs {
			if z.Start <= off && off < z.End {
				return i
			}
		}
		return -1
	}
	ruleRun := -1 // the rule zone whose notes have begun
	sort.SliceStable(sups, func(i, j int) bool { return sups[i].Span.Start < sups[j].Span.Start })
	for _, sp := range sups {
		if usedSup[sp] || insideDef(sp) != nil {
			continue
		}
		label := strings.Trim(strings.TrimSpace(s[sp.Span.Start:sp.Span.End]), "[]()")
		if !compare.IsNoteLabel(label) {
			continue
		}
		if sp.Span.Start > 0 && isDigit(s[sp.Span.Start-1]) || compare.UnitBefore(s, sp.Span.Start) {
			continue // an exponent
		}
		if rest := s[sp.Span.End:]; strings.HasPrefix(rest, "⁄") || strings.HasPrefix(rest, "/") {
			continue // a fraction or a figure set over another: <sup>6</sup>&frasl;<sub>4</sub>
		}
		// the start of a block in a notes section is a definition
		var block *element
		for _, e := range blocksAt[sp.Span.Start] {
			if within(sp, e) {
				block = e
			}
		}
		// after a rule, the first note must name a number used before it;
		// the notes that follow it in that stretch need not
		ruleNote := false
		if block != nil && inRuleZone(block.Span.Start) {
			z := zoneOf(ruleZones, block.Span.Start)
			ruleNote = firstUse[label] < sp.Span.Start || z == ruleRun
			if ruleNote {
				ruleRun = z
			}
		}
		if block != nil && (inContainer(block) || inZone(block.Span.Start) || ruleNote) {
			st.NoteDefs = append(st.NoteDefs, compare.NoteDef{Label: label, Key: label, Span: block.Span,
				Body: compare.TrimSpan(s, compare.Span{Start: sp.Span.End, End: block.Span.End}), Kind: compare.NoteNumbered})
			continue
		}
		st.NoteMarkers = append(st.NoteMarkers, compare.NoteMarker{Label: label, Key: label, Span: sp.Span, Kind: compare.NoteNumbered})
	}
	// an ordered list without a class in a notes section is a list of
	// notes, when superscript numbers without links ("1") come before it
	// (a bibliography's list after "References" is not)
	looseOne := -1
	for _, sp := range sups {
		if !usedSup[sp] && supLabel(sp) == "1" && (looseOne < 0 || sp.Span.Start < looseOne) {
			looseOne = sp.Span.Start
		}
	}
	for i := range els {
		if e := &els[i]; e.Tag == "ol" && !isNotesContainer(e) && looseOne >= 0 && looseOne < e.Span.Start &&
			(in(listZones, e.Span.Start) || inRuleZone(e.Span.Start)) {
			containers = append(containers, e)
		}
	}
	for _, c := range containers {
		if c.Tag != "ol" {
			continue
		}
		n := 0
		for i := range els {
			e := &els[i]
			if e.Tag != "li" || !within(e, c) || isDef[e] {
				continue
			}
			n++
			label := strconv.Itoa(n)
			st.NoteDefs = append(st.NoteDefs, compare.NoteDef{Label: label, Key: label, Span: e.Span, Body: e.Span, Kind: compare.NoteListItem})
		}
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// enclosers answers "which element of a set holds e?" (by Raw span)
// without a scan of the set for each element of a page, which is quadratic
// on a book of notes. Elements nest properly (the HTML reader closes inner
// elements with their outer one) and their Raw starts are distinct (each
// begins at its own start tag): every element that holds e is an ancestor
// of the set's last element starting at or before e, and the chain of
// ancestors is no longer than the nesting is deep.
// maxAnchorLead is how far into a block's text a named anchor may stand
// and still name the block: past a label such as "[12]" or " 12 ", not
// in the middle of its text.
const maxAnchorLead = 24

type enclosers struct {
	els    []*element // by Raw.Start
	parent []int      // index in els of the nearest element that holds els[i], or -1
	dirty  bool
}

func (s *enclosers) add(e *element) {
	s.els = append(s.els, e)
	s.dirty = true
}

func (s *enclosers) index() {
	if !s.dirty {
		return
	}
	sort.Slice(s.els, func(i, j int) bool { return s.els[i].Raw.Start < s.els[j].Raw.Start })
	s.parent = s.parent[:0]
	var stack []int
	for i, x := range s.els {
		for len(stack) > 0 && s.els[stack[len(stack)-1]].Raw.End < x.Raw.End {
			stack = stack[:len(stack)-1]
		}
		p := -1
		if len(stack) > 0 {
			p = stack[len(stack)-1]
		}
		s.parent = append(s.parent, p)
		stack = append(stack, i)
	}
	s.dirty = false
}

// holders calls f with each element of the set other than e that holds
// e, innermost first.
func (s *enclosers) holders(e *element, f func(d *element)) {
	s.index()
	i := sort.Search(len(s.els), func(i int) bool { return s.els[i].Raw.Start > e.Raw.Start }) - 1
	for ; i >= 0; i = s.parent[i] {
		if d := s.els[i]; d != e && d.Raw.Start <= e.Raw.Start && e.Raw.End <= d.Raw.End {
			f(d)
		}
	}
}

// around returns an element of the set other than e that holds e, or nil.
func (s *enclosers) around(e *element) *element {
	var found *element
	s.holders(e, func(d *element) {
		if found == nil {
			found = d
		}
	})
	return found
}

// supFinder returns a function that finds, for a link, the first <sup> (in
// sups' order) that holds it, that it holds, or that has the same text
// span: what a walk of every <sup> for each link found, without that walk.
func supFinder(sups []*element) func(a *element) *element {
	order := make(map[*element]int, len(sups))
	bySpan := make(map[compare.Span][]*element)
	all := &enclosers{}
	for i, sp := range sups {
		order[sp] = i
		bySpan[sp.Span] = append(bySpan[sp.Span], sp)
		all.add(sp)
	}
	all.index()
	return func(a *element) *element {
		var best *element
		consider := func(sp *element) {
			if sp != a && (best == nil || order[sp] < order[best]) {
				best = sp
			}
		}
		// <sup>s inside a start within its span
		lo := sort.Search(len(all.els), func(i int) bool { return all.els[i].Raw.Start >= a.Raw.Start })
		for i := lo; i < len(all.els) && all.els[i].Raw.Start <= a.Raw.End; i++ {
			if sp := all.els[i]; sp.Raw.End <= a.Raw.End {
				consider(sp)
			}
		}
		all.holders(a, consider)
		for _, sp := range bySpan[a.Span] {
			consider(sp)
		}
		return best
	}
}

// isReferencesHeading reports a heading of a list of works, not of notes:
// "References", "Bibliography", "Sources", "Works cited".
func isReferencesHeading(h string) bool {
	switch strings.ToLower(strings.Trim(strings.TrimSpace(h), ":. ")) {
	case "references", "bibliography", "sources", "works cited":
		return true
	}
	return false
}

// idLabel is the label a reader sees for a note known by its id: the
// number the id ends in ("fn:3", "cite_note-12", "note-7" → "3", "12",
// "7"), else the id.
func idLabel(id string) string {
	j := len(id)
	for j > 0 && isDigit(id[j-1]) {
		j--
	}
	if j == len(id) || len(id)-j > 5 {
		return id
	}
	if n := strings.TrimLeft(id[j:], "0"); n != "" {
		return n
	}
	return "0"
}
