// Package pdftest writes small PDF files for tests and benchmarks: text
// lines placed on pages in a simple or a composite font, with the
// variations readers must survive (object streams, broken cross-reference
// tables, encryption markers, pages with images only).
package pdftest

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
)

// Line is a line of text drawn at (X, Y) in points from the bottom left.
type Line struct {
	Text string
	X, Y float64
	Size float64 // 0: 11
	// Words draws each word with its own operator (TJ with a kerning gap
	// between words when Kern is set, else Td moves) instead of one Tj.
	Words, Kern bool
	// Rise raises the line (a superscript marker drawn on its own).
	Rise float64
}

// Page is one page's lines, or its content stream as is.
type Page struct {
	Lines   []Line
	Content string
}

// Options vary how the file is written.
type Options struct {
	Compress    bool   // Flate-compress content streams
	Composite   bool   // draw text in a Type0 font (two-byte codes, ToUnicode map)
	ObjectStm   bool   // put the catalog, page tree and fonts in an object stream, with an xref stream
	BadXref     bool   // point startxref at garbage
	Encrypt     bool   // add an /Encrypt entry to the trailer
	ImagesOnly  bool   // draw an image and no text (a scan)
	PageLabels  string // a /PageLabels dictionary, e.g. "<< /Nums [0 << /S /r >> 1 << /S /D >>] >>"
	ExtraObject string // an extra object (number 99) written as is
}

// CharWidth is the advance of every glyph of the simple font, in
// thousandths of an em: a fixed width, so that tests can place words.
const CharWidth = 500

// Write returns a PDF of the pages.
func Write(pages []Page, opt Options) []byte {
	var objs []string // objs[i] is object i+1
	add := func(s string) int { objs = append(objs, s); return len(objs) }
	catalog := add("")
	pagesObj := add("")
	widths := strings.TrimSpace(strings.Repeat(fmt.Sprintf("%d ", CharWidth), 95))
	fontObj := add(fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 /Widths [%s] >>", widths))
	if opt.Composite {
		cmap := streamObj("/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <0000> <FFFF> <0000> endbfrange endcmap CMapName currentdict /CMap defineresource pop end end", false)
		tu := add(cmap)
		desc := add(fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Arial /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW %d >>", CharWidth))
		objs[fontObj-1] = fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /Arial /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", desc, tu)
	}
	var kids []string
	for _, p := range pages {
		content := pageContent(p, opt)
		c := add(streamObj(content, opt.Compress))
		res := fmt.Sprintf("<< /Font << /F1 %d 0 R >> >>", fontObj)
		if opt.ImagesOnly {
			img := add("<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream")
			res = fmt.Sprintf("<< /XObject << /Im1 %d 0 R >> >>", img)
		}
		pg := add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources %s /Contents %d 0 R >>", pagesObj, res, c))
		kids = append(kids, fmt.Sprintf("%d 0 R", pg))
	}
	cat := fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R", pagesObj)
	if opt.PageLabels != "" {
		cat += " /PageLabels " + opt.PageLabels
	}
	objs[catalog-1] = cat + " >>"
	objs[pagesObj-1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))
	var buf bytes.Buffer
	buf.WriteString("%PDF-1.5\n%\xE2\xE3\xCF\xD3\n")
	offsets := make([]int, len(objs)+1)
	inStm := map[int]bool{}
	if opt.ObjectStm {
		inStm[catalog], inStm[pagesObj], inStm[fontObj] = true, true, true
	}
	for i, o := range objs {
		if inStm[i+1] {
			continue
		}
		offsets[i+1] = buf.Len()
		fmt.Fprintf(&buf, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	if opt.ExtraObject != "" {
		fmt.Fprintf(&buf, "99 0 obj\n%s\nendobj\n", opt.ExtraObject)
	}
	trailerExtra := ""
	if opt.Encrypt {
		trailerExtra = " /Encrypt << /Filter /Standard /V 2 /R 3 /O (x) /U (y) /P -4 >>"
	}
	if opt.ObjectStm {
		return finishWithXrefStream(&buf, objs, offsets, []int{catalog, pagesObj, fontObj}, catalog, trailerExtra, opt)
	}
	xref := buf.Len()
	fmt.Fprintf(&buf, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for i := 1; i <= len(objs); i++ {
		fmt.Fprintf(&buf, "%010d 00000 n \n", offsets[i])
	}
	if opt.BadXref {
		xref = 7
	}
	fmt.Fprintf(&buf, "trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, catalog, trailerExtra, xref)
	return buf.Bytes()
}

// finishWithXrefStream writes the objects of stm into an object stream and
// a cross-reference stream for everything.
func finishWithXrefStream(buf *bytes.Buffer, objs []string, offsets []int, stm []int, root int, trailerExtra string, opt Options) []byte {
	var head, body strings.Builder
	for _, n := range stm {
		fmt.Fprintf(&head, "%d %d ", n, body.Len())
		body.WriteString(objs[n-1] + "\n")
	}
	stmNum := len(objs) + 1
	first := head.Len()
	data := head.String() + body.String()
	offsets = append(offsets, buf.Len())
	fmt.Fprintf(buf, "%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Length %d >>\nstream\n%s\nendstream\nendobj\n", stmNum, len(stm), first, len(data), data)
	xrefNum := stmNum + 1
	xrefOff := buf.Len()
	var rows bytes.Buffer
	idx := map[int]int{}
	for i, n := range stm {
		idx[n] = i
	}
	for n := 0; n <= xrefNum; n++ {
		switch {
		case n == 0:
			rows.Write([]byte{0, 0, 0, 0, 0, 0xFF, 0xFF})
		case n == xrefNum:
			rows.Write([]byte{1, byte(xrefOff >> 24), byte(xrefOff >> 16), byte(xrefOff >> 8), byte(xrefOff), 0, 0})
		default:
			if i, ok := idx[n]; ok {
				rows.Write([]byte{2, byte(stmNum >> 24), byte(stmNum >> 16), byte(stmNum >> 8), byte(stmNum), 0, byte(i)})
			} else {
				o := offsets[n]
				rows.Write([]byte{1, byte(o >> 24), byte(o >> 16), byte(o >> 8), byte(o), 0, 0})
			}
		}
	}
	fmt.Fprintf(buf, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root %d 0 R%s /Length %d >>\nstream\n", xrefNum, xrefNum+1, root, trailerExtra, rows.Len())
	buf.Write(rows.Bytes())
	buf.WriteString("\nendstream\nendobj\n")
	if opt.BadXref {
		xrefOff = 7
	}
	fmt.Fprintf(buf, "startxref\n%d\n%%%%EOF\n", xrefOff)
	return buf.Bytes()
}

func streamObj(content string, compress bool) string {
	if !compress {
		return fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content)
	}
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write([]byte(content))
	w.Close()
	return fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.String())
}

func pageContent(p Page, opt Options) string {
	var sb strings.Builder
	if opt.ImagesOnly {
		return "q 612 0 0 792 0 0 cm /Im1 Do Q"
	}
	if p.Content != "" {
		return p.Content
	}
	for _, l := range p.Lines {
		size := l.Size
		if size == 0 {
			size = 11
		}
		fmt.Fprintf(&sb, "BT /F1 %g Tf %g Ts %g %g Td ", size, l.Rise, l.X, l.Y)
		if !l.Words {
			fmt.Fprintf(&sb, "%s Tj ET\n", str(l.Text, opt))
			continue
		}
		words := strings.Fields(l.Text)
		if l.Kern {
			sb.WriteString("[")
			for i, w := range words {
				if i > 0 {
					sb.WriteString(" -300 ")
				}
				sb.WriteString(str(w, opt))
			}
			sb.WriteString("] TJ ET\n")
			continue
		}
		for i, w := range words {
			if i > 0 {
				// move past the previous word and a third of an em
				adv := float64(len([]rune(words[i-1])))*CharWidth/1000*size + size/3
				fmt.Fprintf(&sb, "%g 0 Td ", adv)
			}
			fmt.Fprintf(&sb, "%s Tj ", str(w, opt))
		}
		sb.WriteString("ET\n")
	}
	return sb.String()
}

// str writes a PDF string of s: WinAnsi bytes for the simple font,
// UTF-16 code units (which are the composite font's codes) otherwise.
func str(s string, opt Options) string {
	if opt.Composite {
		var sb strings.Builder
		sb.WriteString("<")
		for _, r := range s {
			if r > 0xFFFF {
				r = '?'
			}
			fmt.Fprintf(&sb, "%04X", r)
		}
		return sb.String() + ">"
	}
	var sb strings.Builder
	sb.WriteString("(")
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
			sb.WriteString("\\" + string(r))
		case r < 0x80:
			sb.WriteRune(r)
		case r == '’':
			sb.WriteString("\\222")
		case r == '—':
			sb.WriteString("\\227")
		case r <= 0xFF:
			fmt.Fprintf(&sb, "\\%03o", r)
		default:
			sb.WriteString("?")
		}
	}
	return sb.String() + ")"
}

// Report returns the sample report: three pages with a running head and
// a page number on each, a heading, a paragraph that runs across the
// first page break (with a footnote at the foot of the first page), a word hyphenated at a line end, words drawn one by
// one (Td) and with kerning gaps (TJ), a superscript note marker, and
// the stutter "the the" on the second page, in its second paragraph.
func Report() []Page {
	head := func(n int) []Line {
		return []Line{
			{Text: "Annual Report 2020", X: 72, Y: 760, Size: 9},
			{Text: fmt.Sprintf("- %d -", n), X: 300, Y: 40, Size: 9},
		}
	}
	p1 := append(head(1),
		Line{Text: "Introduction", X: 72, Y: 700, Size: 16},
		Line{Text: "The treaty was signed in 1990 after long nego-", X: 72, Y: 670},
		Line{Text: "tiations between the parties, and it was ratified", X: 72, Y: 656},
		Line{Text: "by all of them within a year.", X: 72, Y: 642},
		Line{Text: "The second paragraph begins here and it runs on", X: 72, Y: 614, Words: true},
		Line{Text: "to the bottom of the first page where it stops", X: 72, Y: 600, Words: true, Kern: true},
		Line{Text: "1 Treaty Series, vol. 4, p. 12.", X: 72, Y: 80, Size: 8},
	)
	p2 := append(head(2),
		Line{Text: "in the middle of its sentence and ends here.", X: 72, Y: 700},
		Line{Text: "We read the the minutes twice and found", X: 72, Y: 672},
		Line{Text: "nothing amiss.", X: 72, Y: 658},
		Line{Text: "1", X: 149, Y: 658, Size: 7, Rise: 4},
	)
	p3 := append(head(3),
		Line{Text: "Findings", X: 72, Y: 700, Size: 16},
		Line{Text: "The accounts were in order.", X: 72, Y: 670},
	)
	return []Page{{Lines: p1}, {Lines: p2}, {Lines: p3}}
}

// Long returns pages pages of running text (about 450 words a page)
// with a running head and a page number on each.
func Long(pages int, sentences []string) []Page {
	out := make([]Page, pages)
	k := 0
	for p := range out {
		lines := []Line{{Text: "A Long Report", X: 72, Y: 760, Size: 9}, {Text: fmt.Sprint(p + 1), X: 300, Y: 40, Size: 9}}
		y := 720.0
		for range 46 {
			var sb strings.Builder
			for sb.Len() < 80 {
				w := strings.Fields(sentences[k/20%len(sentences)])
				sb.WriteString(w[k%len(w)] + " ")
				k++
			}
			lines = append(lines, Line{Text: strings.TrimSpace(sb.String()), X: 72, Y: y})
			y -= 14
		}
		out[p] = Page{Lines: lines}
	}
	return out
}
