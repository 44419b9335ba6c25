// Package render makes the claims analyzer's findings: a contradiction
// at its second claim, and a group of claims that make the same claim at
// the first of them, with their messages, related places and details.
package render

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/claims/internal/checks"
)

// Place is a claim's place: its document and its span there.
type Place struct {
	Doc  *compare.Document
	Span compare.Span
}

// Contradiction is what a contradiction finding reports.
type Contradiction struct {
	Kind string // "number", "date", "negation", "antonym"
	// A is the contradicted claim, B the claim the finding is at.
	A, B Place
	// ValueA and ValueB are the conflicting values, SpanA and SpanB
	// where they are (empty when there is no such place).
	ValueA, ValueB string
	SpanA, SpanB   compare.Span
	Confidence     float64
	Evidence       string // what it rests on beyond shared words
	Hedged         bool   // a claim is hedged
	Severity       compare.Severity
}

// Finding reports the contradiction at its second claim.
func (m Contradiction) Finding() compare.Finding {
	c := checks.Of(m.Kind)
	A, B := m.A, m.B
	f := compare.Newf(c, B.Doc, B.Span, "%s: %q here, %q %s (confidence %.2f)",
		checks.Label(m.Kind), m.ValueB, m.ValueA, elsewhere(A.Doc, B.Doc), m.Confidence)
	f.Severity = m.Severity
	f.Related = make([]compare.Related, 0, 3)
	f.Relate("contradicted claim", A.Doc, A.Span)
	if m.SpanA.End > m.SpanA.Start {
		f.Relate("value", A.Doc, m.SpanA)
	}
	if m.SpanB.End > m.SpanB.Start {
		f.Relate("value here", B.Doc, m.SpanB)
	}
	f.Details = map[string]any{
		"kind":        m.Kind,
		"confidence":  Round2(m.Confidence),
		"claim":       Excerpt(B, 200),
		"other":       Excerpt(A, 200),
		"value":       m.ValueB,
		"other_value": m.ValueA,
		"evidence":    m.Evidence,
	}
	if m.Hedged {
		f.Details["hedged"] = true
	}
	return f
}

// Group reports a group of claims that make the same claim, at the first
// of places (which are in order), with best the highest score of a pair
// of them.
func Group(places []Place, best float64) compare.Finding {
	first := places[0]
	f := compare.Newf(checks.Overlap, first.Doc, first.Span, "same claim in %d places: %q",
		len(places), Excerpt(first, 120))
	f.Related = make([]compare.Related, 0, len(places)-1) // held until the report is sorted: no room to spare
	for _, r := range places[1:] {
		f.Relate("same claim", r.Doc, r.Span)
	}
	// the word diff against the second place, where the renderers show
	// a finding's diff; every place's (up to ten) in diffs
	d := Diffs{First: first, Others: slices.Clone(places[1:min(len(places), 11)])}
	f.Details = map[string]any{"claims": len(places), "score": Round2(best), "diffs": d}
	if len(d.Others) > 0 {
		f.Details["word_diff"] = compare.Shorten(d.diff(0), 300)
	}
	return f
}

// Diffs are the word diffs of the places of a group (up to ten) against
// its first, written out when the report is (MarshalJSON, as a list of
// strings): a report holds its findings until it is sorted, and the
// diffs made up front were, on 10 MB of claims, most of the 1.5 times
// the input its findings took.
type Diffs struct {
	First  Place
	Others []Place
}

// Strings returns the diffs as FormatWordDiff writes them.
func (d Diffs) Strings() []string {
	out := make([]string, len(d.Others))
	for i := range d.Others {
		out[i] = d.diff(i)
	}
	return out
}

func (d Diffs) diff(i int) string {
	r := d.Others[i]
	ops := compare.WordDiff(d.First.Doc, d.First.Span, r.Doc, r.Span, 0)
	return compare.FormatWordDiff(ops, d.First.Doc, r.Doc, 80)
}

// MarshalJSON writes the diffs as a JSON list of strings.
func (d Diffs) MarshalJSON() ([]byte, error) { return json.Marshal(d.Strings()) }

// elsewhere says where another claim is for a message, without its
// position (that is a Related place): "elsewhere in the document", or "in"
// the other document's file name (its path when the names are the same).
func elsewhere(d, this *compare.Document) string {
	if d == this {
		return "elsewhere in the document"
	}
	if name := filepath.Base(d.Path); name != filepath.Base(this.Path) {
		return "in " + name
	}
	return "in " + d.Path
}

// Excerpt is the text of a place, its spaces made single, shortened to n.
func Excerpt(p Place, n int) string {
	return compare.Shorten(strings.Join(strings.Fields(p.Doc.TextOf(p.Span)), " "), n)
}

// Round2 rounds to two decimals, as details give figures.
func Round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }
