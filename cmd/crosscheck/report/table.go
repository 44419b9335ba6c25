package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/crosscheck/crosscheck/compare"
)

// The table is fitted here, not by tablewriter: its own wrapping can cut
// cells without a mark. Every cell reaches tablewriter already broken into
// lines no wider than its column, so tablewriter only draws the borders.

const (
	minTableWidth = 60 // narrower terminals get a 60-column table that overflows
	minMessage    = 28 // the message column gets at least this much when it needs it
	maxCheckWidth = 24 // longer check IDs wrap at their dots
	roomyMessage  = 40 // below this, check IDs wrap at every dot to give the message room
)

var tableHeader = []string{"LINE:COL", "SEVERITY", "CHECK", "MESSAGE"}

// tableSink draws the findings as one bordered table per file, under the
// file's name, all with the same columns fitted to opt.Width, then a
// summary line. Grouping by file leaves the message column the room a
// "path:line:col" column would take. Because every file's table has the
// same columns, fitted to every row, it keeps the rows (their text, not
// the findings) and draws on Close.
type tableSink struct {
	*base
	w    io.Writer
	rows [][4]string
	docs []*compare.Document // each row's file
}

func newTable(w io.Writer, b *base) compare.Sink { return &tableSink{base: b, w: w} }

func (s *tableSink) Put(f compare.Finding) error {
	s.counts.Add(&f)
	p := f.Doc.Position(f.Span.Start)
	msg := Safe(Terminal, Clip(f.Message))
	if d := wordDiff(f); d != "" {
		msg += "\ndiff: " + Safe(Terminal, Clip(d))
	}
	for _, rel := range relatedLines(f) {
		msg += "\n↳ " + Safe(Terminal, rel)
	}
	loc := fmt.Sprintf("%d:%d", p.Line, p.Column)
	if place := placeName(f.Location); place != "" {
		loc += " " + Safe(Terminal, place)
	}
	s.rows = append(s.rows, [4]string{loc, f.Severity.String(), f.Check.ID, msg})
	s.docs = append(s.docs, f.Doc)
	return nil
}

func (s *tableSink) Close() error {
	if s.aborted {
		return nil
	}
	w, rows := s.w, s.rows
	width := max(s.opt.Width, minTableWidth)
	summary := wrapSummary(s.summaryLine(), width)
	if len(rows) == 0 {
		_, err := fmt.Fprintln(w, summary)
		return err
	}
	// Ambiguous-width characters ("…", "·") count as one column whatever
	// the locale, so the output is the same everywhere.
	twwidth.SetEastAsian(false)

	widths := fitColumns(rows, width)
	header := make([]string, len(tableHeader))
	for i, h := range tableHeader {
		// padded so that every file's table has the same columns
		header[i] = h + strings.Repeat(" ", max(0, widths[i]-textWidth(h)))
	}
	for start := 0; start < len(rows); {
		end := start + 1
		for end < len(rows) && s.docs[end] == s.docs[start] {
			end++
		}
		if start > 0 {
			fmt.Fprintln(w)
		}
		for _, line := range fitPath(Safe(TerminalWrapped, s.docs[start].Path), width) {
			fmt.Fprintln(w, line)
		}
		table := newTableWriter(w)
		table.Header(header)
		for _, row := range rows[start:end] {
			cells := []string{
				row[0],
				row[1],
				strings.Join(wrapAt(row[2], widths[2], "."), "\n"),
				strings.Join(wrapText(row[3], widths[3]), "\n"),
			}
			if err := table.Append(cells); err != nil {
				return err
			}
		}
		if err := table.Render(); err != nil {
			return err
		}
		start = end
	}
	_, err := fmt.Fprintln(w, summary)
	return err
}

func newTableWriter(w io.Writer) *tablewriter.Table {
	cell := tw.CellConfig{
		Formatting: tw.CellFormatting{AutoWrap: tw.WrapNone, AutoFormat: tw.Off},
		Alignment:  tw.CellAlignment{Global: tw.AlignLeft},
	}
	return tablewriter.NewTable(w,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
			Settings: tw.Settings{Separators: tw.Separators{BetweenRows: tw.On}},
		})),
		tablewriter.WithConfig(tablewriter.Config{Header: cell, Row: cell}),
	)
}

// fitColumns chooses column widths (content only, without padding) so the
// table is at most width columns wide: position and severity keep their
// width, check IDs wrap at their dots past maxCheckWidth (or sooner when
// space is short), and the message takes the rest, up to what it needs.
func fitColumns(rows [][4]string, width int) [4]int {
	var natural [4]int
	for i, h := range tableHeader {
		natural[i] = textWidth(h)
	}
	longestPart := textWidth(tableHeader[2]) // widest dot-separated part of a check ID
	for _, row := range rows {
		for i, cell := range row {
			for _, line := range strings.Split(cell, "\n") {
				natural[i] = max(natural[i], textWidth(line))
			}
		}
		for _, part := range strings.SplitAfter(row[2], ".") {
			longestPart = max(longestPart, textWidth(part))
		}
	}
	avail := width - (3*len(natural) + 1) // "│ " before each cell, " " after, "│" at the end
	w := natural
	if natural[0]+natural[1]+natural[2]+natural[3] <= avail {
		return w
	}
	w[2] = min(natural[2], maxCheckWidth)
	if avail-w[0]-w[1]-w[2] < roomyMessage {
		w[2] = min(w[2], longestPart)
	}
	w[3] = max(minMessage, avail-w[0]-w[1]-w[2])
	if w[0]+w[1]+w[2]+w[3] > avail {
		w[3] = max(12, avail-w[0]-w[1]-w[2]) // a narrow terminal: fit it if at all possible
	}
	return w
}

// wrapSummary breaks the summary line between its " · " parts when it is
// wider than the table.
func wrapSummary(s string, width int) string {
	var lines []string
	line := ""
	for _, part := range strings.Split(s, " · ") {
		switch {
		case line == "":
			line = part
		case textWidth(line+" · "+part) > width:
			lines = append(lines, line+" ·")
			line = part
		default:
			line += " · " + part
		}
	}
	var out []string
	for _, l := range append(lines, line) {
		out = append(out, wrapText(l, width)...)
	}
	return strings.Join(out, "\n")
}

// textWidth is the number of terminal columns s takes.
func textWidth(s string) int { return twwidth.Width(s) }

// wrapText breaks text into lines of at most width columns at spaces,
// keeping its own line breaks; a word wider than the column is broken
// after a slash, underscore or colon where it can, inside it where it must
// (nothing is cut).
func wrapText(text string, width int) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		line, lineW := "", 0
		for _, word := range strings.Fields(para) {
			ww := textWidth(word)
			if lineW > 0 && lineW+1+ww <= width {
				line += " " + word
				lineW += 1 + ww
				continue
			}
			if lineW > 0 {
				out = append(out, line)
			}
			if ww > width {
				// a long path or URL: break it after a slash, underscore or colon
				parts := wrapAt(word, width, "/_:-")
				out = append(out, parts[:len(parts)-1]...)
				word = parts[len(parts)-1]
				ww = textWidth(word)
			}
			line, lineW = word, ww
		}
		out = append(out, line)
	}
	return out
}

// wrapAt breaks s into lines of at most width columns just after any of
// the break characters (dots in a check ID, slashes in a path), breaking
// inside a run that has none when it must.
func wrapAt(s string, width int, breaks string) []string {
	var out []string
	line := ""
	for len(s) > 0 {
		// the next piece runs to just after the next break character
		n := strings.IndexAny(s, breaks) + 1
		if n <= 0 {
			n = len(s)
		}
		piece := s[:n]
		s = s[n:]
		if textWidth(line+piece) <= width {
			line += piece
			continue
		}
		if line != "" {
			out = append(out, line)
			line = ""
		}
		for textWidth(piece) > width {
			head, tail := splitWidth(piece, width)
			out = append(out, head)
			piece = tail
		}
		line = piece
	}
	return append(out, line)
}

// fitPath wraps a file name (or "path:line:col") at its slashes, keeping a
// ":line:col" with the file name when it fits, and breaking inside a part
// wider than the table where it must. A file name is never cut: two files
// whose names end alike must not show alike.
func fitPath(loc string, width int) []string {
	lines := wrapAt(loc, width, "/")
	if path, pos := splitPosition(loc); !strings.HasSuffix(lines[len(lines)-1], pos) {
		// the file name and position did not fit on one line: break before the position
		lines = append(wrapAt(path, width, "/"), wrapAt(pos, width, ":")...)
	}
	return lines
}

// splitPosition splits "path:12:5" into "path" and ":12:5".
func splitPosition(loc string) (string, string) {
	i := len(loc)
	for colons := 0; colons < 2; colons++ {
		j := strings.LastIndexByte(loc[:i], ':')
		if j < 0 {
			return loc, ""
		}
		i = j
	}
	return loc[:i], loc[i:]
}

// splitWidth splits s after as many runes as fit in width columns (at
// least one, so wrapping always moves on).
func splitWidth(s string, width int) (string, string) {
	w := 0
	for i, r := range s {
		rw := textWidth(string(r))
		if w+rw > width && i > 0 {
			return s[:i], s[i:]
		}
		w += rw
	}
	return s, ""
}
