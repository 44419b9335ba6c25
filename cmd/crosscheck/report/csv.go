package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// csvHeader names the CSV columns; offsets are bytes of the original file,
// lines and columns are 1-based, columns count code points; related lists
// the finding's other places as "role: [path:]line:col", separated by "; ".
var csvHeader = []string{"file", "line", "column", "end_line", "end_column", "offset", "end_offset",
	"severity", "check", "message", "excerpt", "related"}

// writeCSV writes a header row and one row per finding (RFC 4180, through
// encoding/csv). Line breaks inside fields are written as "\n", so every
// field reads back through encoding/csv exactly as written.
func writeCSV(w io.Writer, r *Result, _ Options) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, f := range r.Findings {
		l := location(f.Location)
		row := []string{csvField(l.File), strconv.Itoa(l.Line), strconv.Itoa(l.Column), strconv.Itoa(l.EndLine),
			strconv.Itoa(l.EndColumn), strconv.Itoa(l.Offset), strconv.Itoa(l.EndOffset),
			f.Severity.String(), f.Check.ID, csvField(f.Message), csvField(l.Excerpt),
			csvField(strings.Join(relatedLines(f), "; "))}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvField makes line ends "\n": encoding/csv reads "\r\n" inside a
// quoted field back as "\n", so a bare "\r" would not survive the trip.
// Invalid UTF-8 becomes U+FFFD, as in the JSON output.
func csvField(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}
