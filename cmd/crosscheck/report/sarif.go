package report

import (
	"encoding/json"
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

// writeSARIF writes one run with the registry's checks as rules and one
// result per finding.
func writeSARIF(w io.Writer, r *Result, _ Options) error {
	checks, index := rules(r)
	driver := sarifDriver{Name: r.Tool, Version: r.Version, SemanticVersion: r.Version,
		InformationURI: toolURI, Rules: []sarifRule{}}
	for _, c := range checks {
		driver.Rules = append(driver.Rules, sarifRule{ID: c.ID, Name: ruleName(c.ID),
			ShortDescription: sarifText{c.Title}, FullDescription: sarifText{c.Help}, Help: sarifText{c.Help},
			DefaultConfiguration: sarifConfiguration{sarifLevel(c.Severity)}})
	}
	run := sarifRun{Tool: sarifTool{driver}, ColumnKind: "unicodeCodePoints", Results: []sarifResult{}}
	for _, f := range r.Findings {
		res := sarifResult{RuleID: f.Check.ID, RuleIndex: index[f.Check.ID], Level: sarifLevel(f.Severity),
			Message:             sarifText{f.Message},
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
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
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
