package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
)

// pageLocator places every span on page "iv", paragraph 3: a stand-in for
// the locators of container formats.
type pageLocator struct{}

func (pageLocator) Where(compare.Span) compare.Where {
	return compare.Where{Paragraph: 3, Page: "iv"}
}

// TestJSONWhere: a finding in a document whose reader names places gets a
// "where" object in JSON; one in a text document gets none.
func TestJSONWhere(t *testing.T) {
	located := compare.NewTextDocument("report.pdf", "Peace peace be with you.")
	located.Locator = pageLocator{}
	plain := compare.NewTextDocument("a.txt", "Peace peace be with you.")
	check := &compare.Check{ID: "repeat.stutter", Title: "t", Severity: compare.Warning}
	var fs []compare.Finding
	for _, d := range []*compare.Document{located, plain} {
		fs = append(fs, compare.Newf(check, d, compare.Span{Start: 6, End: 11}, "repeated"))
	}
	var buf bytes.Buffer
	if err := Render(&buf, "json", &Result{Tool: "crosscheck", Docs: []*compare.Document{located, plain}, Findings: fs}, Options{}); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Findings []struct {
			File  string          `json:"file"`
			Where *compare.Where  `json:"where"`
			Rest  json.RawMessage `json:"-"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Findings) != 2 {
		t.Fatalf("%d findings", len(out.Findings))
	}
	if w := out.Findings[0].Where; w == nil || w.Page != "iv" || w.Paragraph != 3 {
		t.Errorf("located finding: where %+v", w)
	}
	if out.Findings[1].Where != nil {
		t.Errorf("text finding has where %+v", out.Findings[1].Where)
	}
}

// TestTextAndTableWhere: the text and table formats name the place in a
// container format (page and paragraph here) beside line and column.
func TestTextAndTableWhere(t *testing.T) {
	located := compare.NewTextDocument("report.pdf", "Peace peace be with you.")
	located.Locator = pageLocator{}
	plain := compare.NewTextDocument("a.txt", "Peace peace be with you.")
	check := &compare.Check{ID: "repeat.stutter", Title: "t", Severity: compare.Warning}
	var fs []compare.Finding
	for _, d := range []*compare.Document{located, plain} {
		fs = append(fs, compare.Newf(check, d, compare.Span{Start: 6, End: 11}, "repeated"))
	}
	res := &Result{Tool: "crosscheck", Docs: []*compare.Document{located, plain}, Findings: fs}
	for format, want := range map[string]string{"text": "report.pdf:1:7: warning repeat.stutter: [p. iv ¶3] repeated", "table": "1:7 p. iv ¶3"} {
		var buf bytes.Buffer
		if err := Render(&buf, format, res, Options{}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(buf.Bytes(), []byte(want)) {
			t.Errorf("%s: no %q in\n%s", format, want, buf.String())
		}
		if bytes.Count(buf.Bytes(), []byte("¶")) != 1 {
			t.Errorf("%s: the text document got a place too:\n%s", format, buf.String())
		}
	}
}
