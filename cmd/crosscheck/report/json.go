package report

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/crosscheck/crosscheck/compare"
)

// SchemaVersion is the version of the JSON output's shape. It changes only
// when a field is removed or its meaning changes; new fields do not bump it.
const SchemaVersion = 1

// jsonOutput is the shape of the JSON output; jsonSink writes it in parts
// (jsonHead, each finding, the summary) as findings arrive.
type jsonOutput struct {
	Tool     string        `json:"tool"`
	Version  string        `json:"version"`
	Schema   int           `json:"schema"`
	Files    []jsonFile    `json:"files"`
	Skipped  []jsonSkipped `json:"skipped,omitempty"`
	Findings []jsonFinding `json:"findings"`
	Summary  Summary       `json:"summary"`
}

type jsonFile struct {
	Path     string `json:"path"`
	Bytes    int    `json:"bytes"`
	Format   string `json:"format"`
	Encoding string `json:"encoding"`
	Lines    int    `json:"lines"`
}

type jsonSkipped struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

type jsonFinding struct {
	Check    string `json:"check"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	jsonLocation
	Related     []jsonRelated  `json:"related"`
	Details     map[string]any `json:"details"`
	Fingerprint string         `json:"fingerprint"`
	Fix         *jsonFix       `json:"fix,omitempty"`
}

// jsonFix is a suggested edit: the original bytes offset..end_offset
// become text.
type jsonFix struct {
	Offset    int    `json:"offset"`
	EndOffset int    `json:"end_offset"`
	Text      string `json:"text"`
}

type jsonLocation struct {
	File      string `json:"file"`
	Offset    int    `json:"offset"`
	EndOffset int    `json:"end_offset"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Excerpt   string `json:"excerpt"`
	// Where names the place in a container format (member, paragraph,
	// note, page), where the document's reader knows one.
	Where *compare.Where `json:"where,omitempty"`
}

type jsonRelated struct {
	Role string `json:"role"`
	jsonLocation
}

// ExcerptLen is how many code points of a span the machine formats quote.
const ExcerptLen = 200

func location(l compare.Location) jsonLocation {
	p, e := l.Doc.Position(l.Span.Start), l.Doc.Position(l.Span.End)
	return jsonLocation{
		File: l.Doc.Path, Offset: l.Span.Start, EndOffset: l.Span.End,
		Line: p.Line, Column: p.Column, EndLine: e.Line, EndColumn: e.Column,
		Excerpt: l.Doc.Excerpt(l.Span, ExcerptLen),
		Where:   containerPlace(l),
	}
}

// containerPlace returns the place of a location in a container format, or nil.
func containerPlace(l compare.Location) *compare.Where {
	w := l.Doc.Where(l.Span)
	if w.IsZero() {
		return nil
	}
	return &w
}

// jsonHead is the part of the JSON output written before the findings.
type jsonHead struct {
	Tool    string        `json:"tool"`
	Version string        `json:"version"`
	Schema  int           `json:"schema"`
	Files   []jsonFile    `json:"files"`
	Skipped []jsonSkipped `json:"skipped,omitempty"`
}

// jsonSink writes the JSON contract (jsonOutput) as findings arrive: the
// head, then each finding, then the summary on Close, with the indentation
// and escaping encoding/json gives the whole value at once.
type jsonSink struct {
	*base
	w       io.Writer
	started bool
	n       int
	buf     bytes.Buffer
}

func newJSON(w io.Writer, b *base) compare.Sink { return &jsonSink{base: b, w: jsonWriter{w}} }

// Indentation of the JSON output's parts: the findings are elements of a
// member of the top object.
const (
	jsonIndent        = "  "
	jsonFindingPrefix = "    "
)

func (s *jsonSink) start() error {
	if s.started {
		return nil
	}
	s.started = true
	h := jsonHead{Tool: s.head.Tool, Version: s.head.Version, Schema: SchemaVersion, Files: []jsonFile{}}
	for _, d := range s.head.Docs {
		h.Files = append(h.Files, jsonFile{Path: d.Path, Bytes: d.Size(), Format: d.Format, Encoding: d.Encoding, Lines: d.Lines()})
	}
	for _, sk := range s.head.Skipped {
		h.Skipped = append(h.Skipped, jsonSkipped{sk.Path, sk.Reason})
	}
	b, err := json.MarshalIndent(h, "", jsonIndent)
	if err != nil {
		return err
	}
	b = bytes.TrimSuffix(b, []byte("\n}"))
	b = append(b, ",\n  \"findings\": ["...)
	_, err = s.w.Write(b)
	return err
}

func (s *jsonSink) Put(f compare.Finding) error {
	if err := s.start(); err != nil {
		return err
	}
	s.counts.Add(&f)
	jf := jsonFinding{Check: f.Check.ID, Severity: f.Severity.String(), Message: Clip(f.Message),
		jsonLocation: location(f.Location), Related: []jsonRelated{}, Details: f.Details,
		Fingerprint: Fingerprint(f)}
	if f.Fix != nil {
		jf.Fix = &jsonFix{Offset: f.Fix.Span.Start, EndOffset: f.Fix.Span.End, Text: f.Fix.Text}
	}
	if jf.Details == nil {
		jf.Details = map[string]any{}
	}
	for _, rel := range f.Related {
		jf.Related = append(jf.Related, jsonRelated{Role: rel.Role, jsonLocation: location(rel.Location)})
	}
	return writeElement(s.w, &s.buf, &s.n, jf, jsonFindingPrefix, jsonIndent)
}

// writeElement writes v as the next element of a JSON array streamed
// inside an indented document: a comma after the element before it, then
// v on a new line, indented by prefix (indent per level inside it), as
// json.MarshalIndent lays out the whole document. n counts the elements.
func writeElement(w io.Writer, buf *bytes.Buffer, n *int, v any, prefix, indent string) error {
	b, err := json.MarshalIndent(v, prefix, indent)
	if err != nil {
		return err
	}
	buf.Reset()
	if *n > 0 {
		buf.WriteByte(',')
	}
	buf.WriteString("\n" + prefix)
	buf.Write(b)
	*n++
	_, err = w.Write(buf.Bytes())
	return err
}

func (s *jsonSink) Close() error {
	if s.aborted {
		return nil
	}
	if err := s.start(); err != nil {
		return err
	}
	b, err := json.MarshalIndent(s.summary(), jsonIndent, jsonIndent)
	if err != nil {
		return err
	}
	s.buf.Reset()
	if s.n > 0 {
		s.buf.WriteString("\n" + jsonIndent)
	}
	s.buf.WriteString("],\n  \"summary\": ")
	s.buf.Write(b)
	s.buf.WriteString("\n}\n")
	_, err = s.w.Write(s.buf.Bytes())
	return err
}
