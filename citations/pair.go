package citations

import (
	"sort"
	"strconv"

	"github.com/crosscheck/crosscheck/compare"
)

// Pairing markers with definitions, chapter by chapter for numbered notes.

// isSubNote reports editors' interpolated notes numbered by appending
// digits to the note they follow: 821 after 82, 201 or 202 after 2, 1001
// after 1 or 10, and 101 or 1001 before the first note of a chapter.
func isSubNote(v, prev int) bool {
	if v < 100 {
		return false
	}
	s := strconv.Itoa(v)
	p := "10"
	if prev > 0 {
		p = strconv.Itoa(prev)
	}
	if len(s) <= len(p) || s[:len(p)] != p {
		return false
	}
	if len(s) == len(p)+1 && prev < 10 && prev > 0 {
		return false // 12 after 1 is a gap, not a sub-note
	}
	suf, _ := strconv.Atoi(s[len(p):])
	return suf >= 1 && suf <= 9
}

type seqItem struct {
	pos   int
	label string
}

// runBoundaries returns where numbering restarts: at a "1" once the run
// has had a note of its own, when the next note goes on from it (so a
// marker that repeats note 1 is no restart), or when a chapter heading
// comes between. The boundary moves back to the chapter heading that
// precedes the restart, so notes placed before note 1 of the chapter
// (an editor's 101) belong to it.
func runBoundaries(items []seqItem, headings []compare.Span) []int {
	var out []int
	seenMain := false
	prevMain := 0
	for i, it := range items {
		v := labelNumber(it.label)
		if v < 0 {
			continue
		}
		if v == 1 && seenMain {
			nextOK := true
			for j := i + 1; j < len(items); j++ {
				w := labelNumber(items[j].label)
				if w < 0 {
					continue
				}
				nextOK = w == 2 || isSubNote(w, 1)
				break
			}
			// editors' notes placed before note 1 (101, 1001) come with the
			// new chapter: its heading may stand before them
			h := headingBetween(headings, lastMainPosBefore(items, i), it.pos)
			if nextOK || h >= 0 {
				b := it.pos
				if h >= 0 {
					b = h
				}
				out = append(out, b)
				prevMain = 1
				continue
			}
		}
		if isSubNote(v, prevMain) {
			continue
		}
		seenMain = true
		prevMain = v
	}
	return out
}

// lastMainPosBefore returns the position of the last numbered item before
// i that is not an editor's note placed before a chapter's note 1.
func lastMainPosBefore(items []seqItem, i int) int {
	for j := i - 1; j >= 0; j-- {
		if w := labelNumber(items[j].label); w >= 0 && !isSubNote(w, 0) {
			return items[j].pos
		}
	}
	return -1
}

// headingBetween returns the start of the last heading in (a, b], or -1.
func headingBetween(hs []compare.Span, a, b int) int {
	i := sort.Search(len(hs), func(k int) bool { return hs[k].Start > b }) - 1
	if i >= 0 && hs[i].Start > a {
		return hs[i].Start
	}
	return -1
}

func runOf(bounds []int, pos int) int {
	return sort.Search(len(bounds), func(k int) bool { return bounds[k] > pos })
}

// pair assigns runs, pairs markers with definitions and records what is
// left over.
func (ns *Notes) pair() {
	var nm []*Marker
	var nd []*Note
	for _, m := range ns.Markers {
		if m.Syntax.family() == familyNumbered {
			nm = append(nm, m)
		}
	}
	for _, n := range ns.Notes {
		if n.Syntax.family() == familyNumbered {
			nd = append(nd, n)
		}
	}
	mi := make([]seqItem, len(nm))
	for i, m := range nm {
		mi[i] = seqItem{m.Span.Start, m.Label}
	}
	di := make([]seqItem, len(nd))
	for i, n := range nd {
		di[i] = seqItem{n.Span.Start, n.Label}
	}
	mb := runBoundaries(mi, ns.Headings)
	db := runBoundaries(di, ns.Headings)
	for _, m := range nm {
		m.Run = runOf(mb, m.Span.Start)
	}
	endnotes := len(nm) > 0 && len(nd) > 0 && nd[0].Span.Start > nm[len(nm)-1].Span.Start
	switch {
	case len(nm) == 0:
		for _, n := range nd {
			n.Run = runOf(db, n.Span.Start)
		}
	case endnotes: // all notes after the text: their own restarts count
		for _, n := range nd {
			n.Run = min(runOf(db, n.Span.Start), len(mb))
		}
	default: // notes among the text: the markers' chapters decide
		for _, n := range nd {
			n.Run = runOf(mb, n.Span.Start)
		}
	}
	bounds := mb
	if len(nm) == 0 {
		bounds = db
	}
	ns.Runs = make([]Run, len(bounds)+1)
	var headingAt map[int]compare.Span
	if len(bounds) > 0 {
		headingAt = make(map[int]compare.Span, len(ns.Headings))
		for _, h := range ns.Headings {
			headingAt[h.Start] = h // the last of those that start there
		}
	}
	for i := range ns.Runs {
		if i > 0 {
			ns.Runs[i].Start = bounds[i-1]
			ns.Runs[i].Heading = headingAt[bounds[i-1]]
		}
	}
	for _, m := range nm {
		ns.Runs[m.Run].Markers++
	}
	for _, n := range nd {
		if n.Run < len(ns.Runs) {
			ns.Runs[n.Run].Notes++
		}
	}
	// numbered: per run and label, in document order
	type rk struct {
		run int
		key string
	}
	group := func(fam func(Syntax) bool, run func(int) int) {
		ms := map[rk][]*Marker{}
		ds := map[rk][]*Note{}
		var order []rk
		for _, m := range ns.Markers {
			if !fam(m.Syntax) || m.Note != nil {
				continue
			}
			k := rk{run(m.Run), m.Key}
			if _, ok := ms[k]; !ok {
				if _, ok2 := ds[k]; !ok2 {
					order = append(order, k)
				}
			}
			ms[k] = append(ms[k], m)
		}
		for _, n := range ns.Notes {
			if !fam(n.Syntax) || len(n.Markers) > 0 {
				continue
			}
			k := rk{run(n.Run), n.Key}
			if _, ok := ds[k]; !ok {
				if _, ok2 := ms[k]; !ok2 {
					order = append(order, k)
				}
			}
			ds[k] = append(ds[k], n)
		}
		for _, k := range order {
			pairLabel(ms[k], ds[k], ns)
		}
	}
	group(func(s Syntax) bool { return s.family() == familyNumbered }, func(r int) int { return r })
	group(func(s Syntax) bool { return s.family() != familyNumbered }, func(int) int { return 0 })
	sort.Slice(ns.Undefined, func(i, j int) bool { return ns.Undefined[i].Span.Start < ns.Undefined[j].Span.Start })
	sort.Slice(ns.Unused, func(i, j int) bool { return ns.Unused[i].Span.Start < ns.Unused[j].Span.Start })
	sort.Slice(ns.Duplicates, func(i, j int) bool { return ns.Duplicates[i].Note.Span.Start < ns.Duplicates[j].Note.Span.Start })
	ns.checkNumbering(nm, nd)
}

// pairLabel pairs the markers and definitions that share a label in one
// run: each definition takes the earliest free marker before it (notes
// follow their markers), then any free marker after it (notes placed
// first). A marker left over refers again to the label's note; a
// definition left over is a duplicate when the label already has a note,
// and unused otherwise. Keyed notes (Pandoc ids, HTML ids) must be unique,
// so a second definition is always a duplicate.
func pairLabel(ms []*Marker, ds []*Note, ns *Notes) {
	keyed := len(ds) > 0 && ds[0].Syntax.family() != familyNumbered
	taken := make([]bool, len(ms))
	link := func(mi int, d *Note) {
		taken[mi] = true
		ms[mi].Note = d
		d.Markers = append(d.Markers, ms[mi])
	}
	if keyed && len(ds) > 0 {
		for i := range ms {
			link(i, ds[0])
		}
		for _, d := range ds[1:] {
			ns.Duplicates = append(ns.Duplicates, Duplicate{Note: d, First: ds[0]})
		}
		if len(ms) == 0 {
			ns.Unused = append(ns.Unused, ds[0])
		}
		return
	}
	// each definition takes the earliest free marker before it: the
	// markers taken are always the first ones, so one index walks them
	next := 0
	var free []*Note
	for _, d := range ds {
		if next < len(ms) && ms[next].Span.Start < d.Span.Start {
			link(next, d)
			next++
		} else {
			free = append(free, d)
		}
	}
	var left []*Note
	for _, d := range free {
		if next < len(ms) {
			link(next, d)
			next++
		} else {
			left = append(left, d)
		}
	}
	var first *Note
	for _, d := range ds {
		if len(d.Markers) > 0 {
			if first == nil {
				first = d
				continue
			}
			// one number defined again after the sequence went on past
			// it (notes 667, 668, …, 667), each with a marker: a slip in
			// the numbering. Two notes of one number side by side (an
			// editor's note under the author's) are not one.
			if ns.definedBetween(first, d, labelNumber(d.Label)+1) && !ns.editorsNote(d) && !ns.editorsNote(first) {
				ns.Duplicates = append(ns.Duplicates, Duplicate{Note: d, First: first})
			}
		}
	}
	for i, m := range ms {
		if taken[i] {
			continue
		}
		if first != nil {
			m.Note = first
			first.Markers = append(first.Markers, m)
			continue
		}
		ns.Undefined = append(ns.Undefined, m)
	}
	for _, d := range left {
		if first != nil {
			ns.Duplicates = append(ns.Duplicates, Duplicate{Note: d, First: first})
		} else if len(ds) > 1 && d != ds[0] {
			ns.Duplicates = append(ns.Duplicates, Duplicate{Note: d, First: ds[0]})
		} else {
			ns.Unused = append(ns.Unused, d)
		}
	}
}

// checkNumbering looks at the numbers of the markers (of the notes when
// there are no markers) run by run: gaps, steps back, repeats, numbers
// that fit nowhere, and a first note past 1 (an excerpt).
func (ns *Notes) checkNumbering(nm []*Marker, nd []*Note) {
	type num struct {
		v    int
		span compare.Span
		run  int
	}
	seq := make([]num, 0, max(len(nm), len(nd)))
	what := "marker"
	if len(nm) > 0 {
		for _, m := range nm {
			if v := labelNumber(m.Label); v >= 0 {
				seq = append(seq, num{v, m.Span, m.Run})
			}
		}
	} else {
		what = "note"
		for _, n := range nd {
			if v := labelNumber(n.Label); v >= 0 {
				seq = append(seq, num{v, compare.Span{Start: n.Span.Start, End: n.Body.Start}, n.Run})
			}
		}
	}
	for i := 0; i < len(seq); {
		run := seq[i].run
		j := i
		for j < len(seq) && seq[j].run == run {
			j++
		}
		ns.numberRun(j-i, run, what, func(k int) (int, compare.Span) { return seq[i+k].v, seq[i+k].span })
		i = j
	}
}

func (ns *Notes) numberRun(n, run int, what string, at func(int) (int, compare.Span)) {
	prev := 0
	var prevSpan compare.Span
	first := true
	// the main numbers only, sub-notes dropped
	type mn struct {
		v    int
		span compare.Span
	}
	mains := make([]mn, 0, n)
	for k := 0; k < n; k++ {
		v, sp := at(k)
		if isSubNote(v, prev) {
			continue
		}
		if !first && v > prev+20 {
			ns.addNumbering(func() NumberingIssue {
				return NumberingIssue{Span: sp, Previous: prevSpan,
					Msg:     what + " " + itoa(v) + " does not fit the numbering after " + itoa(prev),
					Details: map[string]any{"number": v, "after": prev, "kind": "misfit"}}
			})
			continue
		}
		first = false
		mains = append(mains, mn{v, sp})
		prev, prevSpan = v, sp
	}
	prev = 0
	for k := 0; k < len(mains); k++ {
		v, sp := mains[k].v, mains[k].span
		var before compare.Span
		if k > 0 {
			before = mains[k-1].span
		}
		if k == 0 {
			if v > 1 {
				if run == 0 {
					ns.addNumbering(func() NumberingIssue {
						return NumberingIssue{Span: sp, Excerpt: true,
							Msg:     "numbering starts at " + itoa(v) + ": notes 1–" + itoa(v-1) + " are not in this document (an excerpt?)",
							Details: map[string]any{"number": v, "kind": "excerpt"}}
					})
				} else {
					ns.addNumbering(func() NumberingIssue {
						return NumberingIssue{Span: sp,
							Msg:     "this chapter's numbering starts at " + itoa(v) + ", not 1",
							Details: map[string]any{"number": v, "kind": "start"}}
					})
				}
			}
			prev = v
			continue
		}
		switch {
		case v == prev+1:
		case v == prev+2 && k+1 < len(mains) && mains[k+1].v == prev+1:
			ns.addNumbering(func() NumberingIssue {
				return NumberingIssue{Span: compare.Span{Start: sp.Start, End: mains[k+1].span.End}, Previous: before,
					Msg:     what + "s " + itoa(v) + " and " + itoa(prev+1) + " are out of order",
					Details: map[string]any{"number": v, "after": prev, "kind": "swap"}}
			})
			k++
		case v > prev+1:
			missing := itoa(prev + 1)
			if v-1 > prev+1 {
				missing += "–" + itoa(v-1)
			}
			ns.addNumbering(func() NumberingIssue {
				return NumberingIssue{Span: sp, Previous: before,
					Msg:     what + " " + itoa(v) + " follows " + itoa(prev) + ": " + missing + " missing",
					Details: map[string]any{"number": v, "after": prev, "kind": "gap"}}
			})
		case v == prev:
			ns.addNumbering(func() NumberingIssue {
				return NumberingIssue{Span: sp, Previous: before,
					Msg:     what + " " + itoa(v) + " repeats the number before it",
					Details: map[string]any{"number": v, "after": prev, "kind": "repeat"}}
			})
			continue
		default:
			ns.addNumbering(func() NumberingIssue {
				return NumberingIssue{Span: sp, Previous: before,
					Msg:     what + " " + itoa(v) + " comes after " + itoa(prev) + ": out of order",
					Details: map[string]any{"number": v, "after": prev, "kind": "order"}}
			})
			continue
		}
		prev = v
	}
}

// definedBetween reports whether a numbered note of number v lies between
// notes a and b of one run (by position).
func (ns *Notes) definedBetween(a, b *Note, v int) bool {
	if v <= 0 {
		return false
	}
	i := sort.Search(len(ns.Notes), func(k int) bool { return ns.Notes[k].Span.Start > a.Span.Start })
	for ; i < len(ns.Notes) && ns.Notes[i].Span.Start < b.Span.Start; i++ {
		n := ns.Notes[i]
		if n.Run == a.Run && n.Syntax.family() == familyNumbered && labelNumber(n.Label) == v {
			return true
		}
	}
	return false
}

// editorsNote reports a note whose number an editor made by appending
// digits to the note before it (1001 after 10, 101 at a chapter's start):
// see isSubNote.
func (ns *Notes) editorsNote(d *Note) bool {
	v := labelNumber(d.Label)
	prev := 0
	for i := d.Seq - 1; i >= 0; i-- {
		if w := labelNumber(ns.Notes[i].Label); w >= 0 && ns.Notes[i].Syntax.family() == familyNumbered {
			prev = w
			break
		}
	}
	if prev == v-1 {
		return false
	}
	return isSubNote(v, prev) || isSubNote(v, 0)
}
