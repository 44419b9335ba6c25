package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"
	"unicode"

	"github.com/crosscheck/crosscheck/compare"
)

// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/), only the
// parts crosscheck writes and GitHub code scanning reads.

const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	toolURI      = "https://github.com/crosscheck/crosscheck"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool     `json:"tool"`
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	Version         string      `json:"version"`
	SemanticVersion string      `json:"semanticVersion"`
	InformationURI  string      `json:"informationUri"`
	Rules           []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     sarifText          `json:"shortDescription"`
	FullDescription      sarifText          `json:"fullDescription"`
	Help                 sarifText          `json:"help"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Properties          map[string]any    `json:"properties,omitempty"`
}

type sarifLocation struct {
	ID               *int                  `json:"id,omitempty"`
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	Message          *sarifText            `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           sarifRegion           `json:"region"`
}

type sarifArtifactLocation struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int        `json:"startLine"`
	StartColumn int        `json:"startColumn"`
	EndLine     int        `json:"endLine"`
	EndColumn   int        `json:"endColumn"` // exclusive, as SARIF wants
	ByteOffset  int        `json:"byteOffset"`
	ByteLength  int        `json:"byteLength"`
	Snippet     *sarifText `json:"snippet,omitempty"`
}

// sarifLevel maps a severity to SARIF's level names.
func sarifLevel(s compare.Severity) string {
	switch s {
	case compare.Error:
		return "error"
	case compare.Warning:
		return "warning"
	}
	return "note"
}

// artifactURI turns a document path into a URI reference: relative slash
// paths stay relative (code scanning resolves them against the checkout),
// absolute ones become file:// URIs; both are percent-encoded.
func artifactURI(p string) string {
	p = strings.ToValidUTF8(p, "\uFFFD")
	if strings.HasPrefix(p, "/") {
		return (&url.URL{Scheme: "file", Path: path.Clean(p)}).String()
	}
	return (&url.URL{Path: p}).String()
}

func sarifPlace(l compare.Location) sarifPhysicalLocation {
	j := location(l)
	return sarifPhysicalLocation{
		ArtifactLocation: sarifArtifactLocation{URI: artifactURI(j.File)},
		Region: sarifRegion{StartLine: j.Line, StartColumn: j.Column, EndLine: j.EndLine, EndColumn: j.EndColumn,
			ByteOffset: j.Offset, ByteLength: j.EndOffset - j.Offset, Snippet: &sarifText{j.Excerpt}},
	}
}

// sarifSink writes one run with the head's checks as rules and one result
// per finding, as findings arrive, with the indentation encoding/json gives
// the whole log at once.
type sarifSink struct {
	*base
	w       io.Writer
	index   map[string]int
	tail    []byte // what follows the results: closes the run and the log
	started bool
	n       int
	buf     bytes.Buffer
}

func newSARIF(w io.Writer, b *base) compare.Sink { return &sarifSink{base: b, w: jsonWriter{w}} }

// sarifResultPrefix indents a result: an element of the run's results.
const sarifResultPrefix = "        "

func (s *sarifSink) start() error {
	if s.started {
		return nil
	}
	s.started = true
	var checks []*compare.Check
	checks, s.index = ruleIndex(s.head.Checks)
	driver := sarifDriver{Name: s.head.Tool, Version: s.head.Version, SemanticVersion: s.head.Version,
		InformationURI: toolURI, Rules: []sarifRule{}}
	for _, c := range checks {
		driver.Rules = append(driver.Rules, sarifRule{ID: c.ID, Name: ruleName(c.ID),
			ShortDescription: sarifText{c.Title}, FullDescription: sarifText{c.Help}, Help: sarifText{c.Help},
			DefaultConfiguration: sarifConfiguration{sarifLevel(c.Severity)}})
	}
	run := sarifRun{Tool: sarifTool{driver}, ColumnKind: "unicodeCodePoints", Results: []sarifResult{}}
	b, err := json.MarshalIndent(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}, "", "  ")
	if err != nil {
		return err
	}
	// results is the run's last member and the run the log's last element:
	// the log ends `"results": []` and the brackets that close them.
	const end = "[]\n    }\n  ]\n}"
	if !bytes.HasSuffix(b, []byte(end)) {
		return fmt.Errorf("sarif: unexpected shape of the log")
	}
	cut := len(b) - len(end) + 1
	s.tail = append([]byte(nil), b[cut:]...)
	_, err = s.w.Write(b[:cut])
	return err
}

func (s *sarifSink) Put(f compare.Finding) error {
	if err := s.start(); err != nil {
		return err
	}
	idx, ok := s.index[f.Check.ID]
	if !ok {
		return fmt.Errorf("sarif: a finding of check %s, which is not among the report's checks", f.Check.ID)
	}
	s.counts.Add(&f)
	res := sarifResult{RuleID: f.Check.ID, RuleIndex: idx, Level: sarifLevel(f.Severity),
		Message:             sarifText{Clip(f.Message)},
		Locations:           []sarifLocation{{PhysicalLocation: sarifPlace(f.Location)}},
		PartialFingerprints: map[string]string{FingerprintVersion: Fingerprint(f)},
	}
	for i, rel := range f.Related {
		id := i + 1
		res.RelatedLocations = append(res.RelatedLocations, sarifLocation{ID: &id,
			PhysicalLocation: sarifPlace(rel.Location), Message: &sarifText{rel.Role}})
	}
	if len(f.Details) > 0 {
		res.Properties = f.Details
	}
	return writeElement(s.w, &s.buf, &s.n, res, sarifResultPrefix, "  ")
}

func (s *sarifSink) Close() error {
	if s.aborted {
		return nil
	}
	if err := s.start(); err != nil {
		return err
	}
	s.buf.Reset()
	if s.n > 0 {
		s.buf.WriteString("\n      ")
	}
	s.buf.Write(s.tail)
	s.buf.WriteByte('\n')
	_, err := s.w.Write(s.buf.Bytes())
	return err
}

// ruleName makes a check ID into the UpperCamelCase name SARIF suggests
// for rules: "repeat.stutter" → "RepeatStutter".
func ruleName(id string) string {
	var b strings.Builder
	up := true
	for _, r := range id {
		if r == '.' || r == '-' || r == '_' {
			up = true
			continue
		}
		if up {
			r = unicode.ToUpper(r)
			up = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
