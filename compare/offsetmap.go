package compare

import "sort"

// segKind says how offsets inside a segment relate on the two sides.
type segKind uint8

const (
	// segLinear: both sides have the same length and offsets move together.
	segLinear segKind = iota
	// segDouble: the source side is twice as long (ASCII decoded from UTF-16).
	segDouble
	// segOpaque: a replacement; inner offsets snap to the segment's edges.
	segOpaque
)

type seg struct {
	// offsets in 32 bits (12 bytes a segment, not 24: a file with CRLF
	// line ends has two per line); Assemble refuses a document whose
	// text, decoded text or bytes do not fit (MaxTextBytes)
	dst, src uint32
	kind     segKind
}

// OffsetMap maps offsets of a derived text (dst) back to the text it was
// derived from (src), and the other way round. It is piecewise: a run of
// copied bytes costs one segment however long it is, so an unchanged ASCII
// file needs a single segment. A nil *OffsetMap is the identity.
type OffsetMap struct {
	segs []seg // sorted by dst and by src; the last one is a sentinel at the ends
}

// MapBuilder records, in order, how a derived text was produced from its source.
type MapBuilder struct {
	segs     []seg
	dst, src int
	changed  bool
}

// Copy records n bytes copied unchanged (or replaced by as many bytes).
func (b *MapBuilder) Copy(n int) {
	if n == 0 {
		return
	}
	if k := len(b.segs); k == 0 || b.segs[k-1].kind != segLinear {
		b.segs = append(b.segs, seg{dst: uint32(b.dst), src: uint32(b.src), kind: segLinear})
	}
	b.dst += n
	b.src += n
}

// Double records n ASCII bytes decoded from 2n source bytes.
func (b *MapBuilder) Double(n int) {
	if n == 0 {
		return
	}
	b.changed = true
	if k := len(b.segs); k == 0 || b.segs[k-1].kind != segDouble {
		b.segs = append(b.segs, seg{dst: uint32(b.dst), src: uint32(b.src), kind: segDouble})
	}
	b.dst += n
	b.src += 2 * n
}

// Replace records srcN source bytes replaced by dstN derived bytes.
func (b *MapBuilder) Replace(srcN, dstN int) {
	if srcN == dstN {
		b.changed = true
		b.Copy(srcN)
		return
	}
	b.changed = true
	if k := len(b.segs); dstN == 0 && k > 0 && b.segs[k-1].kind == segOpaque && int(b.segs[k-1].dst) == b.dst {
		// a run of replacements that produce nothing (markup between two
		// words) maps like one: extend the last instead of adding segments
		b.src += srcN
		return
	}
	b.segs = append(b.segs, seg{dst: uint32(b.dst), src: uint32(b.src), kind: segOpaque})
	b.dst += dstN
	b.src += srcN
}

// Finish returns the map, or nil when the derived text is the source itself.
func (b *MapBuilder) Finish() *OffsetMap {
	if !b.changed {
		return nil
	}
	segs := append(b.segs, seg{dst: uint32(b.dst), src: uint32(b.src), kind: segOpaque})
	return &OffsetMap{segs: segs}
}

// Changed marks the derived text as different from its source, so that
// Finish returns a map even when every step so far was a copy.
func (b *MapBuilder) Changed() { b.changed = true }

// Len returns the derived and source lengths recorded so far.
func (b *MapBuilder) Len() (dst, src int) { return b.dst, b.src }

// toSrc maps a derived offset to a source offset. An offset that starts a span
// (end=false) snaps to the start of a replaced chunk, an offset that ends one
// (end=true) to its end, so a mapped span always covers what produced it.
func (m *OffsetMap) toSrc(p int, end bool) int {
	if m == nil {
		return p
	}
	return m.mapOffset(p, end, func(s seg) int { return int(s.dst) }, func(s seg) int { return int(s.src) }, false)
}

// fromSrc maps a source offset to a derived offset, with the same snapping.
func (m *OffsetMap) fromSrc(p int, end bool) int {
	if m == nil {
		return p
	}
	return m.mapOffset(p, end, func(s seg) int { return int(s.src) }, func(s seg) int { return int(s.dst) }, true)
}

func (m *OffsetMap) mapOffset(p int, end bool, from, to func(seg) int, reverse bool) int {
	segs := m.segs
	last := len(segs) - 1
	if p < 0 || p == 0 && end {
		return 0
	}
	// p == 0 as a start goes through the search: replacements that produced
	// nothing (markup before the first word) may all sit at offset 0, and
	// the start belongs after them, where the text begins.
	if p > from(segs[last]) || p == from(segs[last]) && !end {
		return to(segs[last])
	}
	// p at the very end as an end goes through the search too: markup after
	// the last word belongs outside it.
	var i int
	if end {
		// the segment holding byte p-1
		i = sort.Search(last, func(k int) bool { return from(segs[k]) >= p }) - 1
	} else {
		// the last segment starting at or before p
		i = sort.Search(last, func(k int) bool { return from(segs[k]) > p }) - 1
	}
	if i < 0 {
		i = 0
	}
	s := segs[i]
	d := p - from(s)
	switch s.kind {
	case segLinear:
		return to(s) + d
	case segDouble:
		if reverse {
			return to(s) + (d+boolInt(end))/2
		}
		return to(s) + 2*d
	default:
		if end && d > 0 {
			return to(segs[i+1])
		}
		return to(s)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// chainToSrc maps an offset through several maps, the innermost derivation first.
func chainToSrc(p int, end bool, maps ...*OffsetMap) int {
	for _, m := range maps {
		p = m.toSrc(p, end)
	}
	return p
}

// chainFromSrc is the inverse of chainToSrc.
func chainFromSrc(p int, end bool, maps ...*OffsetMap) int {
	for i := len(maps) - 1; i >= 0; i-- {
		p = maps[i].fromSrc(p, end)
	}
	return p
}
