package report

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
)

// tableCells reads a rendered table back into its rows' cells (the lines of
// each cell joined with "\n"), each with the file name printed above its
// table.
func tableCells(t *testing.T, out string) (rows [][4]string, paths []string) {
	t.Helper()
	var cur [4][]string
	open := false
	path := ""
	inTable := false
	for _, line := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(line, "┌"):
			inTable = true
		case strings.HasPrefix(line, "└"):
			inTable = false
		case !inTable && line != "":
			path += line // a file name, wrapped or not
			continue
		}
		switch {
		case strings.HasPrefix(line, "│"):
			parts := strings.Split(line, "│")
			if len(parts) != 6 {
				t.Fatalf("row line with %d cells: %q", len(parts)-2, line)
			}
			for i := range 4 {
				cur[i] = append(cur[i], strings.TrimSpace(parts[i+1]))
			}
			open = true
		case open && (strings.HasPrefix(line, "├") || strings.HasPrefix(line, "└")):
			var row [4]string
			for i := range 4 {
				row[i] = strings.Join(cur[i], "\n")
				cur[i] = nil
			}
			open = false
			if row[0] != tableHeader[0] {
				rows = append(rows, row)
				paths = append(paths, path)
			}
		}
		if strings.HasPrefix(line, "└") {
			path = ""
		}
	}
	if len(rows) == 0 {
		t.Fatalf("no rows in %q", out)
	}
	return rows, paths
}

// squash drops white space: wrapping may move it, never anything else.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }

// TestTableFitsAndKeepsText renders the fixture at many widths: every line
// fits the width, and every cell holds all of its text; no file name is
// cut.
func TestTableFitsAndKeepsText(t *testing.T) {
	res := fixture(t)
	for _, width := range []int{20, 60, 61, 72, 80, 99, 100, 101, 120, 160, 240} {
		var buf bytes.Buffer
		if err := Render(&buf, "table", res, Options{Width: width}); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		limit := max(width, minTableWidth)
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		for _, line := range lines {
			if w := textWidth(line); w > limit {
				t.Errorf("width %d: line is %d wide: %q", width, w, line)
			}
		}
		tail := lines[len(lines)-1]
		if !strings.HasPrefix(tail, "│") && len(lines) > 1 && !strings.HasPrefix(lines[len(lines)-2], "└") {
			tail = lines[len(lines)-2] + " " + tail
		}
		if tail != res.SummaryLine() {
			t.Errorf("width %d: last line %q, want the summary", width, tail)
		}
		rows, paths := tableCells(t, out)
		if len(rows) != len(res.Findings) {
			t.Fatalf("width %d: %d rows, want %d", width, len(rows), len(res.Findings))
		}
		for i, f := range res.Findings {
			p := f.Doc.Position(f.Span.Start)
			if got := strings.TrimSpace(rows[i][0]); got != strconv.Itoa(p.Line)+":"+strconv.Itoa(p.Column) {
				t.Errorf("width %d: position %q, want %d:%d", width, got, p.Line, p.Column)
			}
			if path := squash(Safe(Terminal, f.Doc.Path)); squash(paths[i]) != path {
				t.Errorf("width %d: file %q, want %q", width, paths[i], path)
			}
			if squash(rows[i][1]) != f.Severity.String() || squash(rows[i][2]) != f.Check.ID {
				t.Errorf("width %d: severity/check %q %q", width, rows[i][1], rows[i][2])
			}
			msg := Safe(Terminal, f.Message)
			if d := wordDiff(f); d != "" {
				msg += "diff:" + Safe(Terminal, d)
			}
			for _, r := range relatedLines(f) {
				msg += "↳" + Safe(Terminal, r)
			}
			if squash(rows[i][3]) != squash(msg) {
				t.Errorf("width %d: message cell\n%s\nlost text of\n%s", width, rows[i][3], msg)
			}
		}
	}
}

func TestWrapText(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  string
	}{
		{"a b c", 10, "a b c"},
		{"alpha beta gamma", 10, "alpha beta|gamma"},
		{"abcdefghijkl", 5, "abcde|fghij|kl"},
		{"one\ntwo three", 5, "one|two|three"},
		{"中文中文中文", 5, "中文|中文|中文"},
		{"", 5, ""},
	}
	for _, tt := range tests {
		if got := strings.Join(wrapText(tt.in, tt.width), "|"); got != tt.want {
			t.Errorf("wrapText(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
}

func TestFitPath(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  string
	}{
		{"a/b.txt:1:2", 20, "a/b.txt:1:2"},
		{"dir/sub/file.txt:10:3", 16, "dir/sub/|file.txt:10:3"},
		{"web/page.html:4:39", 12, "web/|page.html|:4:39"},
		{"a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q.txt:1:1", 8, "a/b/c/d/|e/f/g/h/|i/j/k/l/|m/n/o/p/|q.txt|:1:1"},
	}
	for _, tt := range tests {
		got := fitPath(tt.in, tt.width)
		if strings.Join(got, "|") != tt.want {
			t.Errorf("fitPath(%q, %d) = %q, want %q", tt.in, tt.width, strings.Join(got, "|"), tt.want)
		}
		for _, l := range got {
			if textWidth(l) > tt.width {
				t.Errorf("fitPath(%q, %d): line %q too wide", tt.in, tt.width, l)
			}
		}
	}
}
