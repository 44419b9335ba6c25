package input

import (
	"path"
	"strings"

	"github.com/crosscheck/crosscheck/compare"
)

// Reader turns the bytes of one format into a document: decoded, its
// text extracted with a map back to the bytes, and its structure.
type Reader interface {
	// Format is the reader's name, as documents and reports give it.
	Format() string
	// Extensions are the file endings it reads, lower case, with the dot.
	Extensions() []string
	// Sniff reports whether the first bytes of a file are in its format,
	// for names whose ending says nothing.
	Sniff(head []byte) bool
	// Read makes a document of raw. It returns a *compare.InputError for
	// bytes it cannot read and a *compare.SkipError for data that is not
	// in a form crosscheck reads (binary data).
	Read(name string, raw []byte, opt Options) (*compare.Document, error)
}

// Options control how bytes become a document.
type Options struct {
	Lenient bool   // replace invalid UTF-8 instead of failing
	Format  string // a reader's Format to use instead of guessing from the name
}

// readers is the registry; plain text is the fallback.
var readers = []Reader{textReader{}, markdownReader{}, htmlReader{}, latexReader{}, docxReader{}, odtReader{}, epubReader{}, pdfReader{}}

// Readers returns the registered readers.
func Readers() []Reader { return append([]Reader(nil), readers...) }

// ReaderFor picks the reader for a file: by its ending, then by its first
// bytes, else plain text.
func ReaderFor(name string, raw []byte) Reader {
	ext := strings.ToLower(path.Ext(name))
	for _, r := range readers {
		for _, e := range r.Extensions() {
			if e == ext {
				return r
			}
		}
	}
	head := raw[:min(len(raw), 512)]
	for _, r := range readers {
		if r.Sniff(head) {
			return r
		}
	}
	return textReader{}
}

// ReaderNamed returns the reader whose Format is name, or nil.
func ReaderNamed(name string) Reader {
	for _, r := range readers {
		if r.Format() == name {
			return r
		}
	}
	return nil
}

// Extensions lists the endings of every reader: the files read when a
// directory is walked.
func Extensions() []string {
	var out []string
	for _, r := range readers {
		out = append(out, r.Extensions()...)
	}
	return out
}

// Parse makes a document of bytes already read, with the reader for its
// name (or opt.Format). raw is kept and must not be modified afterwards.
func Parse(name string, raw []byte, opt Options) (*compare.Document, error) {
	r := ReaderFor(name, raw)
	if opt.Format != "" {
		if named := ReaderNamed(opt.Format); named != nil {
			r = named
		}
	}
	return r.Read(name, raw, opt)
}

// decodeParts decodes raw into the parts every text-based reader starts from.
func decodeParts(name string, raw []byte, opt Options, format string) (compare.Parts, error) {
	dec, err := decode(name, raw, opt.Lenient)
	if err != nil {
		return compare.Parts{}, err
	}
	return compare.Parts{Path: name, Raw: raw, Format: format, Encoding: dec.encoding,
		Source: dec.text, SourceMap: dec.m, ASCII: dec.ascii, Replaced: dec.invalid}, nil
}

// textReader reads plain text: the decoded file is the text.
type textReader struct{}

func (textReader) Format() string         { return "text" }
func (textReader) Extensions() []string   { return []string{".txt", ".text"} }
func (textReader) Sniff(head []byte) bool { return false }
func (r textReader) Read(name string, raw []byte, opt Options) (*compare.Document, error) {
	p, err := decodeParts(name, raw, opt, r.Format())
	if err != nil {
		return nil, err
	}
	return compare.Assemble(p)
}

// markdownReader reads Markdown as its text: markers, notes and headings
// keep their syntax, which the checks' scanners read.
type markdownReader struct{ textReader }

func (markdownReader) Format() string       { return "markdown" }
func (markdownReader) Extensions() []string { return []string{".md", ".markdown", ".mdown"} }
func (r markdownReader) Read(name string, raw []byte, opt Options) (*compare.Document, error) {
	p, err := decodeParts(name, raw, opt, r.Format())
	if err != nil {
		return nil, err
	}
	return compare.Assemble(p)
}

// latexReader reads LaTeX as its text: \footnote{…} and \cite are read by
// the checks' scanners.
type latexReader struct{ textReader }

func (latexReader) Format() string       { return "latex" }
func (latexReader) Extensions() []string { return []string{".tex", ".ltx"} }
func (r latexReader) Read(name string, raw []byte, opt Options) (*compare.Document, error) {
	p, err := decodeParts(name, raw, opt, r.Format())
	if err != nil {
		return nil, err
	}
	return compare.Assemble(p)
}

// htmlReader reads HTML and XHTML: the text content, with blocks,
// comments and notes from the markup.
type htmlReader struct{}

func (htmlReader) Format() string       { return "html" }
func (htmlReader) Extensions() []string { return []string{".html", ".htm", ".xhtml"} }
func (htmlReader) Sniff(head []byte) bool {
	h := strings.ToLower(strings.TrimSpace(string(head)))
	h = strings.TrimPrefix(h, "\ufeff")
	return strings.HasPrefix(h, "<!doctype html") || strings.HasPrefix(h, "<html")
}
func (r htmlReader) Read(name string, raw []byte, opt Options) (*compare.Document, error) {
	p, err := decodeParts(name, raw, opt, r.Format())
	if err != nil {
		return nil, err
	}
	text, m, elems := extractHTML(p.Source)
	p.Text, p.TextMap, p.Extracted = text, m, true
	p.Structure = htmlStructure(text, elems)
	return compare.Assemble(p)
}
