package report

import (
	"encoding/json"
	"io"

	"github.com/crosscheck/crosscheck/compare"
)

// SchemaVersion is the version of the JSON output's shape. It changes only
// when a field is removed or its meaning changes; new fields do not bump it.
const SchemaVersion = 1

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
	}
}

func writeJSON(w io.Writer, r *Result, _ Options) error {
	out := jsonOutput{Tool: r.Tool, Version: r.Version, Schema: SchemaVersion,
		Files: []jsonFile{}, Findings: []jsonFinding{}, Summary: r.Summary()}
	for _, d := range r.Docs {
		out.Files = append(out.Files, jsonFile{Path: d.Path, Bytes: d.Size(), Format: d.Format, Encoding: d.Encoding, Lines: d.Lines()})
	}
	for _, s := range r.Skipped {
		out.Skipped = append(out.Skipped, jsonSkipped{s.Path, s.Reason})
	}
	for _, f := range r.Findings {
		jf := jsonFinding{Check: f.Check.ID, Severity: f.Severity.String(), Message: f.Message,
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
		out.Findings = append(out.Findings, jf)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
