package compare

import (
	"cmp"
	"fmt"
	"sort"
	"strings"
)

// Severity ranks findings; --fail-on compares against it.
type Severity int

// The severities, lowest first.
const (
	Info Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "info"
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// ParseSeverity reads "info", "warning" or "error".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "info", "note":
		return Info, nil
	case "warning", "warn":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return Info, fmt.Errorf("unknown severity %q (want info, warning or error)", s)
}

// Location is a span of a document's original bytes.
type Location struct {
	Doc  *Document
	Span Span
}

// Related is another place a finding points at, with the part it plays
// ("first", "source", "copy", "note", …).
type Related struct {
	Role string
	Location
}

// Finding is one thing a check reports: where, what, and the other places
// it concerns. Details carry check-specific data for machine formats.
type Finding struct {
	Check    *Check
	Severity Severity
	Message  string
	Location
	Related []Related
	Details map[string]any
	// Fix, when set, is an edit that resolves the finding: replace the
	// original bytes of Span with Text. Machine formats offer it as a
	// suggestion; crosscheck never edits its inputs.
	Fix *Fix
}

// Fix is a suggested edit of one document: Span (original bytes) becomes Text.
type Fix struct {
	Span Span
	Text string
}

// Check describes one kind of finding: a stable dotted ID, a one-line
// title, a paragraph of help and a default severity.
type Check struct {
	ID       string
	Title    string
	Help     string
	Severity Severity
}

// Newf builds a finding of check c at a span of doc's Text.
func Newf(c *Check, doc *Document, text Span, format string, args ...any) Finding {
	return Finding{Check: c, Severity: c.Severity, Message: fmt.Sprintf(format, args...), Location: doc.Loc(text)}
}

// Relate adds a related place given as a span of doc's Text.
func (f *Finding) Relate(role string, doc *Document, text Span) {
	f.Related = append(f.Related, Related{Role: role, Location: doc.Loc(text)})
}

// SortFindings orders findings by file, offset, check, end and message, so
// output is deterministic. Findings equal in all of these keep their order.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool { return CompareFindings(&fs[i], &fs[j]) < 0 })
}

// CompareFindings orders two findings as SortFindings does: by file,
// offset, check, end and message. It returns a negative number when a
// comes first, a positive one when b does, and 0 when they tie.
func CompareFindings(a, b *Finding) int {
	if c := strings.Compare(a.Doc.Path, b.Doc.Path); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Span.Start, b.Span.Start); c != 0 {
		return c
	}
	if c := strings.Compare(a.Check.ID, b.Check.ID); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Span.End, b.Span.End); c != 0 {
		return c
	}
	return strings.Compare(a.Message, b.Message)
}
