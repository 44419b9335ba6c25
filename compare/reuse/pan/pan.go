package pan

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/reuse"
)

// Case is a plagiarism case of the PAN text-alignment corpora, or a
// detection of one: a span of the suspicious document ("this") and a span
// of the source, in characters (Unicode code points) of the original files.
type Case struct {
	Susp, Src              string // document names as PAN references them
	SuspOffset, SuspLength int
	SrcOffset, SrcLength   int
}

// Score holds the PAN measures (Potthast et al. 2010, "An Evaluation
// Framework for Plagiarism Detection", macro-averaged as in PAN 2013).
type Score struct {
	Precision, Recall, Granularity, Plagdet float64
	Cases, Detections                       int
	Detected                                int // cases detected by at least one detection
}

// ScoreCases computes macro precision and recall at character level over both
// sides of each case, granularity (detections per detected case) and
// plagdet = F1 / log2(1 + granularity). A detection detects a case when both
// name the same pair of documents and their spans overlap on both sides;
// s ⊓ r, the characters they share, counts only then.
func ScoreCases(cases, dets []Case) Score {
	sc := Score{Cases: len(cases), Detections: len(dets), Granularity: 1}
	if len(cases) == 0 && len(dets) == 0 {
		sc.Precision, sc.Recall, sc.Plagdet = 1, 1, 1
		return sc
	}
	if len(cases) == 0 || len(dets) == 0 {
		return sc
	}
	type key struct{ susp, src string }
	byPair := map[key][]int{}
	for i, d := range dets {
		k := key{d.Susp, d.Src}
		byPair[k] = append(byPair[k], i)
	}
	detectorsOf := make([][]int, len(cases)) // detections detecting each case
	casesOf := make([][]int, len(dets))      // cases each detection detects
	for ci, c := range cases {
		for _, di := range byPair[key{c.Susp, c.Src}] {
			if detects(c, dets[di]) {
				detectorsOf[ci] = append(detectorsOf[ci], di)
				casesOf[di] = append(casesOf[di], ci)
			}
		}
	}
	var rec, prec float64
	totalDet := 0
	for ci, c := range cases {
		if len(detectorsOf[ci]) == 0 {
			continue
		}
		sc.Detected++
		totalDet += len(detectorsOf[ci])
		var this, src []ival
		for _, di := range detectorsOf[ci] {
			d := dets[di]
			this = append(this, intersect(c.SuspOffset, c.SuspLength, d.SuspOffset, d.SuspLength))
			src = append(src, intersect(c.SrcOffset, c.SrcLength, d.SrcOffset, d.SrcLength))
		}
		if n := c.SuspLength + c.SrcLength; n > 0 {
			rec += float64(unionLen(this)+unionLen(src)) / float64(n)
		}
	}
	for di, d := range dets {
		var this, src []ival
		for _, ci := range casesOf[di] {
			c := cases[ci]
			this = append(this, intersect(c.SuspOffset, c.SuspLength, d.SuspOffset, d.SuspLength))
			src = append(src, intersect(c.SrcOffset, c.SrcLength, d.SrcOffset, d.SrcLength))
		}
		if n := d.SuspLength + d.SrcLength; n > 0 {
			prec += float64(unionLen(this)+unionLen(src)) / float64(n)
		}
	}
	sc.Recall = rec / float64(len(cases))
	sc.Precision = prec / float64(len(dets))
	if sc.Detected > 0 {
		sc.Granularity = float64(totalDet) / float64(sc.Detected)
	}
	sc.Plagdet = Plagdet(sc.Precision, sc.Recall, sc.Granularity)
	return sc
}

// Plagdet combines precision, recall and granularity: F1 / log2(1 + gran).
func Plagdet(prec, rec, gran float64) float64 {
	if prec <= 0 || rec <= 0 || gran < 1 {
		return 0
	}
	return 2 * prec * rec / (prec + rec) / math.Log2(1+gran)
}

type ival struct{ a, b int }

func intersect(o1, l1, o2, l2 int) ival {
	a, b := max(o1, o2), min(o1+l1, o2+l2)
	if b < a {
		b = a
	}
	return ival{a, b}
}

func detects(c, d Case) bool {
	return c.Susp == d.Susp && c.Src == d.Src &&
		d.SuspOffset < c.SuspOffset+c.SuspLength && c.SuspOffset < d.SuspOffset+d.SuspLength &&
		d.SrcOffset < c.SrcOffset+c.SrcLength && c.SrcOffset < d.SrcOffset+d.SrcLength
}

// unionLen returns how many points the intervals cover together.
func unionLen(iv []ival) int {
	slices.SortFunc(iv, func(x, y ival) int { return x.a - y.a })
	n, end := 0, math.MinInt
	for _, v := range iv {
		if v.b <= v.a {
			continue
		}
		a := max(v.a, end)
		if v.b > a {
			n += v.b - a
			end = v.b
		}
	}
	return n
}

// ReadXML reads a PAN document file: <document reference="SUSP"> with
// <feature name=… this_offset this_length source_reference source_offset
// source_length/> elements. Only features named name are returned
// ("plagiarism" for truth, "detected-plagiarism" for detections).
func ReadXML(r io.Reader, name string) ([]Case, error) {
	dec := xml.NewDecoder(r)
	var ref string
	var out []Case
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		attr := func(n string) string {
			for _, a := range el.Attr {
				if a.Name.Local == n {
					return a.Value
				}
			}
			return ""
		}
		switch el.Name.Local {
		case "document":
			ref = attr("reference")
		case "feature":
			if attr("name") != name {
				continue
			}
			c := Case{Susp: ref, Src: attr("source_reference")}
			fields := []struct {
				name string
				dst  *int
			}{{"this_offset", &c.SuspOffset}, {"this_length", &c.SuspLength},
				{"source_offset", &c.SrcOffset}, {"source_length", &c.SrcLength}}
			for _, f := range fields {
				v, err := strconv.Atoi(attr(f.name))
				if err != nil || v < 0 {
					line, _ := dec.InputPos()
					return nil, fmt.Errorf("line %d: feature %s=%q is not a non-negative integer", line, f.name, attr(f.name))
				}
				*f.dst = v
			}
			out = append(out, c)
		}
	}
}

// WriteXML writes detections of one suspicious document in PAN's format.
func WriteXML(w io.Writer, susp string, dets []Case) error {
	var b strings.Builder
	b.WriteString("<document reference=\"" + xmlEscape(susp) + "\">\n")
	for _, d := range dets {
		fmt.Fprintf(&b, "<feature name=\"detected-plagiarism\" this_offset=\"%d\" this_length=\"%d\" source_reference=\"%s\" source_offset=\"%d\" source_length=\"%d\"/>\n",
			d.SuspOffset, d.SuspLength, xmlEscape(d.Src), d.SrcOffset, d.SrcLength)
	}
	b.WriteString("</document>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func xmlEscape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return strings.ReplaceAll(b.String(), `"`, "&#34;")
}

// Detections converts passages between a suspicious document (side A)
// and a source (side B) to PAN detections, offsets in code points of the
// original files.
func Detections(susp, src *compare.Document, suspName, srcName string, ps []reuse.Passage) []Case {
	out := make([]Case, 0, len(ps))
	if len(ps) == 0 {
		return out
	}
	sc, rc := newCharIndex(susp), newCharIndex(src)
	for _, p := range ps {
		a, b := susp.Orig(p.A), src.Orig(p.B)
		a.End, b.End = afterClosingPunct(susp.Raw, a.End), afterClosingPunct(src.Raw, b.End)
		sa, se := sc.at(a.Start), sc.at(a.End)
		ra, re := rc.at(b.Start), rc.at(b.End)
		out = append(out, Case{Susp: suspName, Src: srcName,
			SuspOffset: sa, SuspLength: se - sa, SrcOffset: ra, SrcLength: re - ra})
	}
	return out
}

// afterClosingPunct moves a passage's end (a word's end) past the
// punctuation that closes the word: PAN cases end after the sentence's
// full stop or closing quote, and a passage's words should too.
func afterClosingPunct(raw []byte, end int) int {
	for n := 0; n < 3 && end < len(raw); n++ {
		switch raw[end] {
		case '.', ',', ';', ':', '!', '?', ')', ']', '"', '\'':
			end++
		default:
			return end
		}
	}
	return end
}

// CharOffset converts an original byte offset of d to a count of the code
// points before it, as PAN (and Python) count characters. A byte-order mark
// counts as a character; UTF-16 surrogate pairs count as one.
func CharOffset(d *compare.Document, off int) int {
	raw := d.Raw[:max(0, min(off, len(d.Raw)))]
	switch d.Encoding {
	case "windows-1252":
		return len(raw) // a byte a character
	case "utf-16le", "utf-16be":
		n := 0
		for i := 0; i+1 < len(raw); i += 2 {
			u := uint16(raw[i])<<8 | uint16(raw[i+1])
			if d.Encoding == "utf-16le" {
				u = uint16(raw[i+1])<<8 | uint16(raw[i])
			}
			if u < 0xDC00 || u > 0xDFFF { // a low surrogate continues a pair
				n++
			}
		}
		return n
	}
	return utf8.RuneCount(raw)
}

// charBlock is about the span of bytes a charIndex counts code points over.
const charBlock = 4096

// charIndex answers CharOffset for one UTF-8 document in time independent
// of the offset: block i starts at starts[i] (the first sequence start at
// or after byte i·charBlock) with counts[i] code points before it. Other
// encodings fall back to CharOffset.
type charIndex struct {
	d              *compare.Document
	starts, counts []int
}

func newCharIndex(d *compare.Document) *charIndex {
	c := &charIndex{d: d}
	if !strings.HasPrefix(d.Encoding, "utf-8") {
		return c
	}
	raw := d.Raw
	n, at := 0, 0
	for i := 0; i < len(raw); i += charBlock {
		next := i
		for next < len(raw) && !utf8.RuneStart(raw[next]) {
			next++
		}
		n += utf8.RuneCount(raw[at:next])
		at = next
		c.starts = append(c.starts, at)
		c.counts = append(c.counts, n)
	}
	return c
}

// at is CharOffset(c.d, off).
func (c *charIndex) at(off int) int {
	if c.starts == nil {
		return CharOffset(c.d, off)
	}
	off = max(0, min(off, len(c.d.Raw)))
	b := min(off/charBlock, len(c.starts)-1)
	for b > 0 && c.starts[b] > off {
		b--
	}
	if c.starts[b] > off {
		return CharOffset(c.d, off)
	}
	return c.counts[b] + utf8.RuneCount(c.d.Raw[c.starts[b]:off])
}
