package report

import (
	"encoding/json"
	"io"

	"github.com/crosscheck/crosscheck/compare"
)

// rdjsonl is reviewdog's Diagnostic Format as JSON Lines (one Diagnostic
// per line), for `reviewdog -f=rdjsonl`. Its columns count UTF-8 bytes from
// the start of the line, not code points, and its ranges end exclusively.
type rdDiagnostic struct {
	Message          string      `json:"message"`
	Location         rdLocation  `json:"location"`
	Severity         string      `json:"severity"`
	Source           rdSource    `json:"source"`
	Code             rdCode      `json:"code"`
	Suggestions      []rdSuggest `json:"suggestions,omitempty"`
	RelatedLocations []rdRelated `json:"related_locations,omitempty"`
}

type rdLocation struct {
	Path  string  `json:"path"`
	Range rdRange `json:"range"`
}

type rdRange struct {
	Start rdPosition `json:"start"`
	End   rdPosition `json:"end"`
}

type rdPosition struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

type rdSource struct {
	Name string `json:"name"`
}

type rdCode struct {
	Value string `json:"value"`
}

type rdSuggest struct {
	Range rdRange `json:"range"`
	Text  string  `json:"text"`
}

type rdRelated struct {
	Message  string     `json:"message"`
	Location rdLocation `json:"location"`
}

func rdLoc(d *compare.Document, s compare.Span) rdLocation {
	return rdLocation{Path: d.Path, Range: rdSpan(d, s)}
}

func rdSpan(d *compare.Document, s compare.Span) rdRange {
	return rdRange{
		Start: rdPosition{d.Position(s.Start).Line, d.ByteColumn(s.Start)},
		End:   rdPosition{d.Position(s.End).Line, d.ByteColumn(s.End)},
	}
}

// rdSeverity is reviewdog's name for each severity.
var rdSeverity = [...]string{compare.Info: "INFO", compare.Warning: "WARNING", compare.Error: "ERROR"}

// rdjsonlSink writes one reviewdog Diagnostic per finding; a finding with
// a fix carries it as a suggestion reviewdog can post.
type rdjsonlSink struct {
	*base
	enc *json.Encoder
}

func newRDJSONL(w io.Writer, b *base) compare.Sink {
	return &rdjsonlSink{base: b, enc: json.NewEncoder(jsonWriter{w})}
}

func (s *rdjsonlSink) Put(f compare.Finding) error {
	s.counts.Add(&f)
	d := rdDiagnostic{
		Message:  Clip(f.Message),
		Location: rdLoc(f.Doc, f.Span),
		Severity: rdSeverity[f.Severity],
		Source:   rdSource{Name: s.head.Tool},
		Code:     rdCode{Value: f.Check.ID},
	}
	if f.Fix != nil {
		d.Suggestions = []rdSuggest{{Range: rdSpan(f.Doc, f.Fix.Span), Text: f.Fix.Text}}
	}
	for _, rel := range f.Related {
		d.RelatedLocations = append(d.RelatedLocations, rdRelated{Message: rel.Role, Location: rdLoc(rel.Doc, rel.Span)})
	}
	return s.enc.Encode(d)
}

func (s *rdjsonlSink) Close() error { return nil }
