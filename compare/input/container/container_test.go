package container

import (
	"fmt"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input/container/fixture"
)

// describe renders a Doc for comparison: its text, then each paragraph,
// heading, marker and note with the text it spans.
func describe(d *Doc) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%q\n", d.Text)
	for _, p := range d.Paras {
		fmt.Fprintf(&sb, "para %d %q member=%q: %q\n", p.Number, p.Note, p.Member, d.Text[p.Span.Start:p.Span.End])
	}
	for _, h := range d.Headings {
		fmt.Fprintf(&sb, "heading %d: %q\n", h.Level, d.Text[h.Span.Start:h.Span.End])
	}
	for _, m := range d.Markers {
		fmt.Fprintf(&sb, "marker %s %s: %q\n", m.Label, m.Key, d.Text[m.Span.Start:m.Span.End])
	}
	for _, n := range d.Notes {
		fmt.Fprintf(&sb, "note %s %s %s: %q body %q\n", n.Kind, n.Label, n.Key, d.Text[n.Span.Start:n.Span.End], d.Text[n.Body.Start:n.Body.End])
	}
	for _, c := range d.Comments {
		fmt.Fprintf(&sb, "comment %q before %q\n", c.Text, compare.Shorten(d.Text[c.At:], 12))
	}
	return sb.String()
}

func TestReadDOCX(t *testing.T) {
	raw := fixture.DOCX(fixture.DOCXBody)
	d, err := ReadDOCX("a.docx", raw, LimitsFor(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	got := describe(d)
	want := `"Annual Report\n\nIntroduction\n\nThe treaty was signed in 1990.1 It lasted ten years.\n\nFindings\n\nWe read the the minutes twice.\nThen we wrote.i\n\nCell one.\n\nChoice.\n\n1 Treaty Series, vol. 4, the the page 12.\n\ni Minutes of the meeting."
para 1 "" member="": "Annual Report"
para 2 "" member="": "Introduction"
para 3 "" member="": "The treaty was signed in 1990.1 It lasted ten years."
para 4 "" member="": "Findings"
para 5 "" member="": "We read the the minutes twice.\nThen we wrote.i"
para 6 "" member="": "Cell one."
para 7 "" member="": "Choice."
para 0 "footnote 1" member="": "1 Treaty Series, vol. 4, the the page 12."
para 0 "endnote i" member="": "i Minutes of the meeting."
heading 0: "Annual Report"
heading 1: "Introduction"
heading 2: "Findings"
marker 1 #footnote-2: "1"
marker i #endnote-1: "i"
note footnote 1 #footnote-2: "1 Treaty Series, vol. 4, the the page 12." body "Treaty Series, vol. 4, the the page 12."
note endnote i #endnote-1: "i Minutes of the meeting." body "Minutes of the meeting."
comment "COMMENT TEXT" before "We read the…"
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestReadODT(t *testing.T) {
	raw := fixture.ODT(fixture.ODTBody)
	d, err := ReadODT("a.odt", raw, LimitsFor(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	got := describe(d)
	want := `"Annual Report\n\nIntroduction\n\nThe treaty was signed in 1990.1 It lasted ten years.\n\nFindings\n\nWe read the the minutes twice.\nThen  we wrote.i\n\n1 Treaty Series, vol. 4, the the page 12.\n\ni Minutes of the meeting."
para 1 "" member="": "Annual Report"
para 2 "" member="": "Introduction"
para 3 "" member="": "The treaty was signed in 1990.1 It lasted ten years."
para 4 "" member="": "Findings"
para 5 "" member="": "We read the the minutes twice.\nThen  we wrote.i"
para 0 "footnote 1" member="": "1 Treaty Series, vol. 4, the the page 12."
para 0 "endnote i" member="": "i Minutes of the meeting."
heading 0: "Annual Report"
heading 1: "Introduction"
heading 2: "Findings"
marker 1 #ftn1: "1"
marker i #edn1: "i"
note footnote 1 #ftn1: "1 Treaty Series, vol. 4, the the page 12." body "Treaty Series, vol. 4, the the page 12."
note endnote i #edn1: "i Minutes of the meeting." body "Minutes of the meeting."
comment "COMMENT TEXT" before " twice.\nThe…"
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestReadODTHiddenText checks that text in an automatic style with
// text:display="none" (Word's hidden text, as LibreOffice saves it) is
// left out, and that a style based on Title marks the title.
func TestReadODTHiddenText(t *testing.T) {
	raw := fixture.Zip(fixture.File{Name: "content.xml", Body: `<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0">
<office:automatic-styles><style:style style:name="T1" style:family="text"><style:text-properties text:display="none"/></style:style><style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title"/></office:automatic-styles>
<office:body><office:text><text:p text:style-name="P1">Report</text:p><text:p>Shown<text:span text:style-name="T1"> HIDDEN</text:span> text.</text:p></office:text></office:body></office:document-content>`})
	d, err := ReadODT("h.odt", raw, LimitsFor(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	if d.Text != "Report\n\nShown text." || len(d.Headings) != 1 || d.Headings[0].Level != 0 {
		t.Errorf("text %q, headings %+v", d.Text, d.Headings)
	}
}
