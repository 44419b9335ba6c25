package container

import (
	"errors"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input/container/fixture"
)

// checkDoc asserts what every extraction promises: spans inside the
// text, paragraphs in order, notes' bodies inside the notes.
func checkDoc(t *testing.T, d *Doc, err error) {
	t.Helper()
	if err != nil {
		var ie *compare.InputError
		if !errors.As(err, &ie) {
			t.Fatalf("error %v is %T, not an InputError", err, err)
		}
		return
	}
	in := func(s compare.Span) bool { return 0 <= s.Start && s.Start <= s.End && s.End <= len(d.Text) }
	last := -1
	for _, p := range d.Paras {
		if !in(p.Span) || p.Span.Start < last {
			t.Fatalf("paragraph %v out of order or bounds (text %d bytes)", p.Span, len(d.Text))
		}
		last = p.Span.End
	}
	for _, m := range d.Markers {
		if !in(m.Span) {
			t.Fatalf("marker %v out of bounds", m.Span)
		}
	}
	for _, n := range d.Notes {
		if !in(n.Span) || !in(n.Body) || !n.Span.Contains(n.Body) {
			t.Fatalf("note %v body %v out of bounds", n.Span, n.Body)
		}
	}
	for _, h := range d.Headings {
		if !in(h.Span) {
			t.Fatalf("heading %v out of bounds", h.Span)
		}
	}
}

// seeds grow: the sample, then bodies of one, a few and many features.
func docxSeeds() [][]byte {
	return [][]byte{
		fixture.DOCX(fixture.DOCXBody),
		fixture.DOCX(`<w:p><w:r><w:t>one</w:t></w:r></w:p>`),
		fixture.DOCX(strings.Repeat(fixture.DOCXBody, 3)),
		fixture.DOCX(`<w:p><w:r><w:footnoteReference w:customMarkFollows="1" w:id="2"/><w:t>*</w:t></w:r><w:txbxContent><w:p><w:r><w:t>box</w:t></w:r></w:p></w:txbxContent></w:p>`),
		fixture.BigDOCX(1),
	}
}

func FuzzReadDOCX(f *testing.F) {
	for _, s := range docxSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		d, err := ReadDOCX("f.docx", raw, fuzzLimits(raw))
		checkDoc(t, d, err)
	})
}

func FuzzReadODT(f *testing.F) {
	f.Add(fixture.ODT(fixture.ODTBody))
	f.Add(fixture.ODT(`<text:p>one</text:p>`))
	f.Add(fixture.ODT(strings.Repeat(fixture.ODTBody, 3)))
	f.Add(fixture.ODT(`<text:p>a<text:note><text:note-citation text:label="*">1</text:note-citation><text:note-body><text:p>n<text:note><text:note-body><text:p>deeper</text:p></text:note-body></text:note></text:p></text:note-body></text:note></text:p>`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		d, err := ReadODT("f.odt", raw, fuzzLimits(raw))
		checkDoc(t, d, err)
	})
}

func FuzzReadEPUB(f *testing.F) {
	f.Add(fixture.EPUB(fixture.EPUBChapters))
	f.Add(fixture.EPUB(fixture.EPUBChapters[:1]))
	f.Add(fixture.EPUB(append(fixture.EPUBChapters, fixture.EPUBChapters...)))
	f.Fuzz(func(t *testing.T, raw []byte) {
		ms, err := ReadEPUB("f.epub", raw, fuzzLimits(raw))
		if err != nil {
			var ie *compare.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is %T, not an InputError", err, err)
			}
			return
		}
		for _, m := range ms {
			if unsafeMemberName(m.Name) {
				t.Fatalf("member %q escapes the archive", m.Name)
			}
		}
	})
}

// fuzzLimits keeps each run small: a mutated deflate stream can expand
// to the whole decompression budget, which instrumented code would take
// seconds to parse.
func fuzzLimits(raw []byte) Limits {
	l := LimitsFor(len(raw))
	l.MaxUncompressed, l.MaxText = 1<<20, 1<<20
	return l
}
