package compare

import (
	"context"
	"strings"
	"testing"
)

func TestDirectivesStage(t *testing.T) {
	tests := []struct {
		name, file, text string
		want             []string // check IDs left, in order
	}{
		{"markdown silences the next paragraph", "a.md",
			"<!-- crosscheck:ignore repeat.stutter: quoted verbatim -->\nHe said the the word.\n\nBut the the here counts.\n",
			[]string{"repeat.stutter"}},
		{"prefix and percent form", "a.txt",
			"% crosscheck:ignore repeat: a transcript\nWe we said so.\n",
			nil},
		{"missing reason still applies", "a.txt",
			"% crosscheck:ignore repeat.stutter\nWe we said so.\n",
			[]string{"ignore.missing-reason"}},
		{"unknown check and unused", "a.md",
			"<!-- crosscheck:ignore repeat.stuter: typo -->\nWe we said so.\n",
			[]string{"ignore.unknown-check", "ignore.unused", "repeat.stutter"}},
		{"directive mentioned in prose is not one", "a.txt",
			"The crosscheck:ignore directive is documented. We we said so.\n",
			[]string{"repeat.stutter"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustDoc(t, tt.file, tt.text)
			known := append([]*Check{CheckStutter}, IgnoreChecks...)
			var got Collector
			sink := Directives([]*Document{d}, known, &got)
			if err := Run(context.Background(), []*Analyzer{StutterAnalyzer(StutterOptions{})}, []*Document{d}, nil, Budget{}, sink); err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, f := range got.Findings {
				ids = append(ids, f.Check.ID)
			}
			if strings.Join(ids, " ") != strings.Join(tt.want, " ") {
				t.Errorf("got %v, want %v", ids, tt.want)
			}
		})
	}
}

// TestDirectivesStageClose: the stage silences findings as they pass, emits its
// own findings only on Close, and none when the run is aborted.
func TestDirectivesStageClose(t *testing.T) {
	d := mustDoc(t, "a.md", "<!-- crosscheck:ignore repeat.stutter -->\nWe we said so.\n\nThey they did.\n")
	known := append([]*Check{CheckStutter}, IgnoreChecks...)
	var fs Collector
	if err := Run(context.Background(), []*Analyzer{StutterAnalyzer(StutterOptions{})}, []*Document{d}, nil, Budget{}, &fs); err != nil {
		t.Fatal(err)
	}
	if len(fs.Findings) != 2 {
		t.Fatalf("%d stutters, want 2", len(fs.Findings))
	}
	var next recordingSink
	s := Directives([]*Document{d}, known, &next)
	for _, f := range fs.Findings {
		if err := s.Put(f); err != nil {
			t.Fatal(err)
		}
	}
	if next.puts != 1 {
		t.Fatalf("%d findings passed, want the one outside the directive's paragraph", next.puts)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if next.puts != 2 || !next.closed {
		t.Errorf("after Close: %d findings, closed %v; want the missing-reason finding, then Close", next.puts, next.closed)
	}

	var aborted recordingSink
	s = Directives([]*Document{d}, known, &aborted)
	Abort(s, context.Canceled)
	if aborted.puts != 0 || !aborted.aborted {
		t.Errorf("aborted: %+v", aborted)
	}
}
