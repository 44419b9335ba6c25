package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input"
)

// FuzzRenderers: any finding text (message, path, role, document text)
// renders to valid JSON and SARIF that read back, CSV that round-trips
// through encoding/csv, one GitHub command line per finding, a Markdown
// table row per finding, and a table no wider than asked.
func FuzzRenderers(f *testing.F) {
	f.Add("The the end.", `"quoted" | 100% : , done`+"\n<script>x</script>", "a b/c,d:e%.txt", "first", uint16(0), uint16(3))
	f.Add("naïve café 中文", "\x1b[31m\u202e\r\nx\r", "-", "", uint16(2), uint16(40))
	f.Add("", "", "", "role", uint16(0), uint16(0))
	f.Fuzz(func(t *testing.T, text, message, path, role string, start, length uint16) {
		d, err := input.Parse(path, []byte(text), input.Options{Lenient: true})
		if err != nil {
			return // binary text is skipped before it ever becomes a finding
		}
		a := min(int(start), len(d.Text))
		for a > 0 && a < len(d.Text) && !utf8.RuneStart(d.Text[a]) {
			a--
		}
		b := min(a+int(length), len(d.Text))
		for b < len(d.Text) && !utf8.RuneStart(d.Text[b]) {
			b++
		}
		check := &compare.Check{ID: "fuzz.check", Title: message, Help: message, Severity: compare.Warning}
		fd := compare.Newf(check, d, compare.Span{Start: a, End: b}, "%s", message)
		fd.Relate(role, d, compare.Span{Start: 0, End: a})
		res := &Result{Tool: "crosscheck", Version: "0", Docs: []*compare.Document{d},
			Findings: []compare.Finding{fd}, Checks: []*compare.Check{check}}
		out := map[string]string{}
		for _, format := range Formats {
			var buf bytes.Buffer
			if err := Render(&buf, format, res, Options{Width: 100}); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			out[format] = buf.String()
		}

		var js struct {
			Findings []struct{ Message, File string }
		}
		if err := json.Unmarshal([]byte(out["json"]), &js); err != nil {
			t.Fatalf("json: %v\n%s", err, out["json"])
		}
		if len(js.Findings) != 1 || utf8.ValidString(message) && js.Findings[0].Message != message {
			t.Fatalf("json message %+v, want %q", js.Findings, message)
		}

		var sarif struct {
			Runs []struct {
				Results []struct {
					Message struct{ Text string }
				}
			}
		}
		if err := json.Unmarshal([]byte(out["sarif"]), &sarif); err != nil {
			t.Fatalf("sarif: %v", err)
		}
		if got := sarif.Runs[0].Results[0].Message.Text; utf8.ValidString(message) && got != message {
			t.Fatalf("sarif message %q, want %q", got, message)
		}

		recs, err := csv.NewReader(strings.NewReader(out["csv"])).ReadAll()
		if err != nil {
			t.Fatalf("csv: %v\n%s", err, out["csv"])
		}
		if len(recs) != 2 || len(recs[1]) != len(csvHeader) {
			t.Fatalf("csv records %q", recs)
		}
		if recs[1][0] != Safe(CSV, path) || recs[1][9] != Safe(CSV, Clip(message)) {
			t.Fatalf("csv row %q, want file %q message %q", recs[1], Safe(CSV, path), Safe(CSV, Clip(message)))
		}

		if gh := strings.Split(strings.TrimSuffix(out["github"], "\n"), "\n"); len(gh) != 2 || !strings.HasPrefix(gh[0], "::warning file=") {
			t.Fatalf("github output %q", out["github"])
		}
		// header, delimiter, one row with exactly five cell borders, blank, summary
		if md := strings.Split(out["markdown"], "\n"); len(md) != 6 ||
			strings.Count(md[2], "|")-strings.Count(md[2], `\|`) != 5 || !strings.HasSuffix(md[2], " |") {
			t.Fatalf("markdown output %q", out["markdown"])
		}
		rd := strings.Split(strings.TrimSuffix(out["rdjsonl"], "\n"), "\n")
		var diag struct {
			Message  string
			Location struct{ Path string }
		}
		if len(rd) != 1 || json.Unmarshal([]byte(rd[0]), &diag) != nil || utf8.ValidString(message) && diag.Message != message {
			t.Fatalf("rdjsonl output %q", out["rdjsonl"])
		}
		for _, line := range strings.Split(out["table"], "\n") {
			if w := textWidth(line); w > 100 {
				t.Fatalf("table line %d wide: %q", w, line)
			}
		}
	})
}
