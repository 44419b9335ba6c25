package render

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
)

// TestGroupDiffs: a group's diffs, written when the report is, are the
// word diffs of each place against the first (up to ten), and the first
// of them is the finding's word_diff.
func TestGroupDiffs(t *testing.T) {
	d := compare.NewTextDocument("a.txt", strings.Repeat("The council approved the plan in May.\n\nThe council rejected the plan in May.\n\n", 7))
	var places []Place
	for _, s := range d.Paragraphs {
		places = append(places, Place{Doc: d, Span: s})
	}
	f := Group(places, 0.9)
	got, ok := f.Details["diffs"].(Diffs)
	if !ok {
		t.Fatalf("diffs is %T", f.Details["diffs"])
	}
	if len(got.Others) != 10 || len(f.Related) != len(places)-1 {
		t.Fatalf("%d diffs, %d related places; want 10 and %d", len(got.Others), len(f.Related), len(places)-1)
	}
	strs := got.Strings()
	for i, r := range places[1:11] {
		ops := compare.WordDiff(d, places[0].Span, d, r.Span, 0)
		if want := compare.FormatWordDiff(ops, d, d, 80); strs[i] != want {
			t.Errorf("diff %d: %q, want %q", i, strs[i], want)
		}
	}
	if !strings.Contains(strs[0], "rejected") {
		t.Errorf("first diff %q does not show the changed word", strs[0])
	}
	if f.Details["word_diff"] != strs[0] {
		t.Errorf("word_diff %q, want %q", f.Details["word_diff"], strs[0])
	}
	js, err := json.Marshal(f.Details["diffs"])
	if err != nil {
		t.Fatal(err)
	}
	var back []string
	if err := json.Unmarshal(js, &back); err != nil || len(back) != 10 || back[0] != strs[0] {
		t.Errorf("JSON %s: %v, %d strings", js, err, len(back))
	}
}
