package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/crosscheck/crosscheck/compare"
)

// csvHeader names the CSV columns; offsets are bytes of the original file,
// lines and columns are 1-based, columns count code points; related lists
// the finding's other places as "role: [path:]line:col", separated by "; ".
var csvHeader = []string{"file", "line", "column", "end_line", "end_column", "offset", "end_offset",
	"severity", "check", "message", "excerpt", "related"}

// csvSink writes a header row and one row per finding (RFC 4180, through
// encoding/csv), each on one line: every text cell goes through Safe(CSV),
// which shows line breaks and other control characters as escapes and
// keeps a spreadsheet from reading a cell as a formula.
type csvSink struct {
	*base
	cw      *csv.Writer
	started bool
}

func newCSV(w io.Writer, b *base) compare.Sink { return &csvSink{base: b, cw: csv.NewWriter(w)} }

func (s *csvSink) start() error {
	if s.started {
		return nil
	}
	s.started = true
	return s.cw.Write(csvHeader)
}

func (s *csvSink) Put(f compare.Finding) error {
	if err := s.start(); err != nil {
		return err
	}
	s.counts.Add(&f)
	l := location(f.Location)
	row := []string{Safe(CSV, l.File), strconv.Itoa(l.Line), strconv.Itoa(l.Column), strconv.Itoa(l.EndLine),
		strconv.Itoa(l.EndColumn), strconv.Itoa(l.Offset), strconv.Itoa(l.EndOffset),
		f.Severity.String(), f.Check.ID, Safe(CSV, Clip(f.Message)), Safe(CSV, l.Excerpt),
		Safe(CSV, strings.Join(relatedLines(f), "; "))}
	if err := s.cw.Write(row); err != nil {
		return err
	}
	s.cw.Flush()
	return s.cw.Error()
}

func (s *csvSink) Close() error {
	if s.aborted {
		return nil
	}
	if err := s.start(); err != nil {
		return err
	}
	s.cw.Flush()
	return s.cw.Error()
}
