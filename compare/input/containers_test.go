package input

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input/container/fixture"
	"github.com/crosscheck/crosscheck/compare/input/pdf/pdftest"
)

// stutterWheres runs the kernel's stutter check on d and returns each
// finding as "repeated text @ where".
func stutterWheres(t *testing.T, d *compare.Document) []string {
	t.Helper()
	var c compare.Collector
	if err := compare.Run(context.Background(), []*compare.Analyzer{compare.StutterAnalyzer(compare.StutterOptions{})},
		[]*compare.Document{d}, nil, compare.Budget{}, &c); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range c.Findings {
		w := d.Where(f.Span)
		pos := d.Position(f.Span.Start)
		out = append(out, fmt.Sprintf("%s @ %d:%d member=%s paragraph=%d note=%s page=%s",
			d.Excerpt(f.Span, 40), pos.Line, pos.Column, w.Member, w.Paragraph, w.Note, w.Page))
	}
	return out
}

func TestContainerStutterWhere(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want []string
	}{
		{"a.docx", fixture.DOCX(fixture.DOCXBody), []string{
			"the @ 9:13 member= paragraph=5 note= page=",
			"the @ 16:30 member= paragraph=0 note=footnote 1 page=",
		}},
		{"a.odt", fixture.ODT(fixture.ODTBody), []string{
			"the @ 9:13 member= paragraph=5 note= page=",
			"the @ 12:30 member= paragraph=0 note=footnote 1 page=",
		}},
		{"a.epub", fixture.EPUB(fixture.EPUBChapters), []string{
			"the @ 33:15 member=OEBPS/text/ch2.xhtml paragraph=4 note= page=",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse(tt.name, tt.raw, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := stutterWheres(t, d)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s\ntext:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"), d.Text)
			}
		})
	}
}

func TestEPUBNotesAcrossMembers(t *testing.T) {
	d, err := Parse("book.epub", fixture.EPUB(fixture.EPUBChapters), Options{})
	if err != nil {
		t.Fatal(err)
	}
	st := d.Structure
	var got []string
	for _, m := range st.NoteMarkers {
		got = append(got, fmt.Sprintf("marker %s %s %q", m.Label, m.Key, d.TextOf(m.Span)))
	}
	for _, n := range st.NoteDefs {
		got = append(got, fmt.Sprintf("def %s %s %q", n.Label, n.Key, d.TextOf(n.Body)))
	}
	want := []string{
		`marker 1 OEBPS/text/notes.xhtml#n1 "1"`,
		`marker 2 OEBPS/text/notes.xhtml#n2 "2"`,
		`def 1 OEBPS/text/notes.xhtml#n1 "Log of the ship, p. 3."`,
		`def 2 OEBPS/text/notes.xhtml#n2 "Letter of the captain."`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s\ntext:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), d.Text)
	}
	// every note definition is located in the notes member
	for _, n := range st.NoteDefs {
		if w := d.Where(d.Orig(n.Body)); w.Member != "OEBPS/text/notes.xhtml" || w.Note == "" {
			t.Errorf("note %s: where = %+v", n.Key, w)
		}
	}
	var heads []string
	for _, h := range st.Headings(3) {
		heads = append(heads, d.TextOf(h))
	}
	if got := strings.Join(heads, "|"); got != "Chapter One|Chapter Two|Notes" {
		t.Errorf("headings = %s", got)
	}
}

// TestContainerOffsetsRoundTrip checks that every paragraph of extracted
// text maps to original offsets and back unchanged.
func TestContainerOffsetsRoundTrip(t *testing.T) {
	for name, raw := range map[string][]byte{"a.docx": fixture.DOCX(fixture.DOCXBody), "a.odt": fixture.ODT(fixture.ODTBody), "a.epub": fixture.EPUB(fixture.EPUBChapters)} {
		d, err := Parse(name, raw, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range d.Paragraphs {
			if back := d.TextSpan(d.Orig(p)); back != p {
				t.Errorf("%s: paragraph %v maps back to %v", name, p, back)
			}
			if w := d.Where(d.Orig(p)); w.IsZero() {
				t.Errorf("%s: paragraph %q has no place", name, d.TextOf(p))
			}
		}
	}
}

func TestContainerErrors(t *testing.T) {
	docx := fixture.DOCX(fixture.DOCXBody)
	tests := []struct {
		name string
		raw  []byte
		want string
	}{
		{"truncated.docx", docx[:len(docx)/2], "not a readable DOCX file"},
		{"protected.docx", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), "password-protected"},
		{"empty.docx", fixture.Zip(fixture.File{Name: "x.txt", Body: "x"}), "not a Word document"},
		{"bad.docx", fixture.DOCX(`<w:p><w:r><w:t>unclosed</w:r></w:p>`), "not well-formed XML"},
		{"entity.docx", fixture.Zip(fixture.File{Name: "word/document.xml", Body: `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>`}), "not well-formed XML"},
		{"deep.docx", fixture.Zip(fixture.File{Name: "word/document.xml", Body: strings.Repeat("<a>", 100000) + strings.Repeat("</a>", 100000)}), "more than 256 deep"},
		{"escape.docx", fixture.Zip(fixture.File{Name: "../../etc/x", Body: "x"}, fixture.File{Name: "word/document.xml", Body: "<a/>"}), "outside the archive"},
		{"bomb.docx", fixture.Zip(fixture.File{Name: "word/document.xml", Body: `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>` + strings.Repeat("a", 40<<20) + `</w:t></w:r></w:p></w:body></w:document>`}), "zip bomb"},
		{"locked.odt", fixture.Zip(fixture.File{Name: "META-INF/manifest.xml", Body: `<m:manifest xmlns:m="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><m:file-entry m:full-path="content.xml"><m:encryption-data/></m:file-entry></m:manifest>`}, fixture.File{Name: "content.xml", Body: "\x01\x02"}), "password-protected"},
		{"nocontent.odt", fixture.Zip(fixture.File{Name: "mimetype", Body: "x"}), "no content.xml"},
		{"nocontainer.epub", fixture.Zip(fixture.File{Name: "mimetype", Body: "application/epub+zip"}), "not an EPUB"},
		{"drm.epub", fixture.EPUB(fixture.EPUBChapters, fixture.File{Name: "META-INF/encryption.xml", Body: `<encryption><EncryptedData><CipherData><CipherReference URI="OEBPS/text/ch1.xhtml"/></CipherData></EncryptedData></encryption>`}), "encrypted (DRM)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.name, tt.raw, Options{})
			var ie *compare.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v (%T), want an InputError", err, err)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), tt.name+": ") {
				t.Errorf("err = %v, want it to name the file and say %q", err, tt.want)
			}
			if len(err.Error()) > 300 {
				t.Errorf("message is %d bytes", len(err.Error()))
			}
		})
	}
}

func TestPDFStutterWhere(t *testing.T) {
	raw := pdftest.Write(pdftest.Report(), pdftest.Options{Compress: true, PageLabels: "<< /Nums [0 << /S /r >> 1 << /S /D >>] >>"})
	d, err := Parse("report.pdf", raw, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Format != "pdf" || d.Size() != len(raw) {
		t.Errorf("format %s, size %d", d.Format, d.Size())
	}
	got := strings.Join(stutterWheres(t, d), "\n")
	// the second page (label "1"), its second paragraph; line 12 of the text
	if want := "the @ 12:13 member= paragraph=2 note= page=1"; got != want {
		t.Errorf("got %s\nwant %s\ntext:\n%s", got, want, d.Text)
	}
	for _, p := range d.Paragraphs {
		if back := d.TextSpan(d.Orig(p)); back != p {
			t.Errorf("paragraph %v maps back to %v", p, back)
		}
	}
}

func TestContainerSniff(t *testing.T) {
	for name, raw := range map[string][]byte{
		"docx": fixture.DOCX(fixture.DOCXBody), "odt": fixture.ODT(fixture.ODTBody),
		"epub": fixture.EPUB(fixture.EPUBChapters), "pdf": pdftest.Write(pdftest.Report(), pdftest.Options{}),
	} {
		if got := ReaderFor("upload", raw).Format(); got != name {
			t.Errorf("a %s file without an extension is read as %s", name, got)
		}
	}
}

// TestCommentDirectives checks that an ignore directive written as a Word
// comment or an ODF annotation is a comment of the document's structure,
// where the kernel reads directives, anchored at the commented text.
func TestCommentDirectives(t *testing.T) {
	const directive = "crosscheck:ignore repeat.stutter quoted as written"
	docx := fixture.Zip(fixture.File{Name: "word/document.xml", Body: `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t xml:space="preserve">As the minister said: </w:t></w:r><w:commentRangeStart w:id="7"/><w:r><w:t>we will will act.</w:t></w:r><w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r></w:p></w:body></w:document>`},
		fixture.File{Name: "word/_rels/document.xml.rels", Body: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>`},
		fixture.File{Name: "word/comments.xml", Body: `<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="7" w:author="Ed"><w:p><w:r><w:t>` + directive + `</w:t></w:r></w:p></w:comment></w:comments>`})
	odt := fixture.ODT(`<text:p>As the minister said: <office:annotation><dc:creator>Ed</dc:creator><text:p>` + directive + `</text:p></office:annotation>we will will act.</text:p>`)
	for name, raw := range map[string][]byte{"a.docx": docx, "a.odt": odt} {
		d, err := Parse(name, raw, Options{})
		if err != nil {
			t.Fatal(err)
		}
		cs := d.Structure.Comments
		if len(cs) != 1 || cs[0].Text != directive || !strings.HasPrefix(d.Text[cs[0].Span.Start:], "we will will") {
			t.Errorf("%s: comments %+v in %q", name, cs, d.Text)
		}
		if strings.Contains(d.Text, "crosscheck") {
			t.Errorf("%s: the comment's text is in the document's text: %q", name, d.Text)
		}
		if ds := compare.FindDirectives(d); len(ds) != 1 || ds[0].Checks[0] != "repeat.stutter" {
			t.Errorf("%s: directives %+v", name, ds)
		}
	}
}
func TestContainerPositionPastFileSize(t *testing.T) {
	raw := fixture.BigDOCX(10) // 2.4 KB of zip, 22 KB of text on 103 lines
	d, err := Parse("long.docx", raw, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := d.Position(len(d.Text)-1).Line, strings.Count(d.Text, "\n")+1; got != want {
		t.Errorf("last line = %d, want %d", got, want)
	}
}
