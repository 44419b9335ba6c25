// Package pdf reads the text layer of PDF files: the text each page
// draws, in the order its content stream draws it, made into lines and
// paragraphs, with words split at line ends joined again and running
// heads, running feet and page numbers left out. It reads untrusted
// files within fixed bounds and never runs a converter.
//
// Offsets. Every span is a byte offset into Doc.Text; Lines say on which
// page (and its printed label, from /PageLabels) each line of it stands.
package pdf

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/crosscheck/crosscheck/compare"
)

// Doc is the text of a PDF.
type Doc struct {
	Text  string
	Lines []Line // every line of Text, in order
	Pages int
	// Dropped counts the running heads, feet and page numbers left out.
	Dropped int
	// Headings are short paragraphs set larger than the body text.
	Headings []Heading
}

// Heading is a heading paragraph; Level 1 is set in the largest size.
type Heading struct {
	Span  compare.Span
	Level int
}

// Line is one line of the text and its place.
type Line struct {
	Span      compare.Span
	Page      int     // 1-based page index
	Label     string  // the page's printed label ("iv", "12"), or its index
	Paragraph int     // 1-based paragraph on that page; a paragraph that runs on from the page before is 1
	Size      float64 // font size, in points
}

// Read extracts the text layer of a PDF. Encrypted files, files without
// pages, and files whose pages draw no text (scans) are errors that say
// so. It never panics: a malformed file that defeats the reader's checks
// is reported as unreadable.
func Read(name string, raw []byte, lim Limits) (doc *Doc, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc = nil
			e := inputErr(name, "could not be read as PDF (malformed: %v)", compare.Shorten(fmt.Sprint(r), 100))
			e.Hint = "open it in a PDF viewer and save or print it to a new PDF"
			err = e
		}
	}()
	return read(name, raw, lim)
}

type pageInfo struct {
	contents any
	res      dict
}

func read(name string, raw []byte, lim Limits) (*Doc, error) {
	f, err := open(name, raw, lim)
	if err != nil {
		return nil, err
	}
	if f.trailer["Encrypt"] != nil {
		e := inputErr(name, "is encrypted")
		e.Hint = "save or print an unencrypted copy and read that"
		return nil, e
	}
	root, _ := f.resolve(f.trailer["Root"]).(dict)
	if root == nil {
		e := inputErr(name, "has no document catalog (damaged PDF%s)", cutShort(raw))
		e.Hint = "open it in a PDF viewer and save it again"
		return nil, e
	}
	var pages []pageInfo
	f.collectPages(root["Pages"], nil, map[int]bool{}, 0, &pages)
	if len(pages) == 0 {
		e := inputErr(name, "has no pages (damaged PDF?%s)", cutShort(raw))
		e.Hint = "open it in a PDF viewer and save it again"
		return nil, e
	}
	labels := f.pageLabels(root, len(pages))
	in := &interp{f: f, fonts: map[int]*font{}, forms: map[int]bool{}, formData: map[int][]byte{}}
	perPage := make([][]textLine, len(pages))
	for i, p := range pages {
		in.lines = nil
		in.run(f.contents(p.contents), p.res, identity, 0)
		perPage[i] = in.lines
		if f.left < 0 {
			e := inputErr(name, "streams decompress to more than the %d MiB allowed for this file (a decompression bomb?)", lim.MaxDecoded>>20)
			e.Hint = "check where the file came from"
			return nil, e
		}
		if in.textLen > lim.MaxText {
			e := inputErr(name, "extracted text is over the %d MiB limit for this file", lim.MaxText>>20)
			e.Hint = "split the document"
			return nil, e
		}
	}
	doc := layout(perPage, labels)
	if strings.TrimSpace(doc.Text) == "" {
		if in.glyphs > 0 && in.unmapped == in.glyphs {
			e := inputErr(name, "draws text in fonts that give no Unicode (no ToUnicode maps): its text cannot be read")
			e.Hint = "run OCR on it (e.g. ocrmypdf --force-ocr) and read the result"
			return nil, e
		}
		e := inputErr(name, "has no text layer (%d pages, %d images): it is a scan or drawings", len(pages), in.images)
		e.Hint = "run OCR first (e.g. ocrmypdf) and read the result"
		return nil, e
	}
	return doc, nil
}

// cutShort says so when a file does not end with %%EOF.
func cutShort(raw []byte) string {
	if bytes.Contains(raw[max(0, len(raw)-1024):], []byte("%%EOF")) {
		return ""
	}
	return "; it seems cut short: no %%EOF at its end"
}

// collectPages walks the page tree, passing inherited resources down.
func (f *file) collectPages(o any, res dict, seen map[int]bool, depth int, out *[]pageInfo) {
	if r, ok := o.(ref); ok {
		if seen[r.num] {
			return
		}
		seen[r.num] = true
	}
	d, ok := f.resolve(o).(dict)
	if !ok || depth > 64 || len(*out) >= f.lim.MaxPages {
		return
	}
	if r, ok := f.resolve(d["Resources"]).(dict); ok {
		res = r
	}
	kids, isArr := f.resolve(d["Kids"]).(array)
	if d["Type"] == name("Page") || !isArr {
		if d["Type"] == name("Page") || d["Contents"] != nil {
			*out = append(*out, pageInfo{contents: d["Contents"], res: res})
		}
		return
	}
	for _, k := range kids {
		f.collectPages(k, res, seen, depth+1, out)
	}
}

// contents returns a page's content streams decoded and joined.
func (f *file) contents(o any) []byte {
	switch v := f.resolve(o).(type) {
	case *stream:
		data, _ := f.decode(v)
		return data
	case array:
		var out []byte
		for _, e := range v {
			if s, ok := f.resolve(e).(*stream); ok {
				if data, err := f.decode(s); err == nil {
					out = append(append(out, data...), '\n')
				}
			}
		}
		return out
	}
	return nil
}

// pageLabels returns each page's printed label from the catalog's
// /PageLabels number tree, or its 1-based index.
func (f *file) pageLabels(root dict, n int) []string {
	labels := make([]string, n)
	for i := range labels {
		labels[i] = strconv.Itoa(i + 1)
	}
	type rangeStart struct {
		page int
		d    dict
	}
	var starts []rangeStart
	var walk func(o any, depth int)
	walk = func(o any, depth int) {
		d, ok := f.resolve(o).(dict)
		if !ok || depth > 16 || len(starts) > 10000 {
			return
		}
		if nums, ok := f.resolve(d["Nums"]).(array); ok {
			for i := 0; i+1 < len(nums); i += 2 {
				p, ok1 := f.resolve(nums[i]).(int)
				ld, ok2 := f.resolve(nums[i+1]).(dict)
				if ok1 && ok2 && p >= 0 && p < n {
					starts = append(starts, rangeStart{p, ld})
				}
			}
		}
		if kids, ok := f.resolve(d["Kids"]).(array); ok {
			for _, k := range kids {
				walk(k, depth+1)
			}
		}
	}
	walk(root["PageLabels"], 0)
	sort.SliceStable(starts, func(i, j int) bool { return starts[i].page < starts[j].page })
	for k, s := range starts {
		end := n
		if k+1 < len(starts) {
			end = starts[k+1].page
		}
		style, _ := f.resolve(s.d["S"]).(name)
		prefix, _ := f.resolve(s.d["P"]).(string)
		prefix = textString(prefix)
		st, ok := f.resolve(s.d["St"]).(int)
		if !ok || st < 1 {
			st = 1
		}
		for p := s.page; p < end; p++ {
			v := st + p - s.page
			var num string
			switch style {
			case "D":
				num = strconv.Itoa(v)
			case "r":
				num = compare.RomanNumeral(v)
			case "R":
				num = strings.ToUpper(compare.RomanNumeral(v))
			case "a", "A":
				num = letters(v, style == "A")
			}
			labels[p] = prefix + num
			if labels[p] == "" {
				labels[p] = strconv.Itoa(p + 1)
			}
		}
	}
	return labels
}

// textString decodes a PDF text string (UTF-16BE with a BOM, else PDFDocEncoding as Latin-1).
func textString(s string) string {
	if strings.HasPrefix(s, "\xFE\xFF") {
		return utf16BE(s[2:])
	}
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		sb.WriteRune(rune(s[i]))
	}
	return sb.String()
}

// letters writes 1 → a, 26 → z, 27 → aa, as page labels do.
func letters(n int, upper bool) string {
	if n <= 0 || n > 26*100 {
		return strconv.Itoa(n)
	}
	c := byte('a' + (n-1)%26)
	if upper {
		c -= 'a' - 'A'
	}
	return strings.Repeat(string(c), (n-1)/26+1)
}
