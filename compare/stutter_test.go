package compare

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// stutterStrings lists a document's stutters as "second copy<-first copy ×copies".
func stutterStrings(d *Document) []string {
	var got []string
	for _, s := range FindStutters(d, 12) {
		got = append(got, fmt.Sprintf("%s<-%s ×%d", d.TextOf(s.Repeat), d.TextOf(s.First), s.Copies))
	}
	return got
}

func TestFindStutters(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // empty: nothing to report
	}{
		// legitimate doubles
		{"had had", "By then he had had enough of it.", nil},
		{"that that", "He said that that was wrong.", nil},
		{"what it is is", "What it is is a question of money.", nil},
		{"this is is", "All this is is talk.", nil},
		{"numbers in a table", "Year 10 10 20\nTotal 30 30 60", nil},
		{"decimals", "Rates of 1.5 1.5 and 2.0", nil},
		{"Walla Walla", "They drove to Walla Walla in May.", nil},
		{"so-so", "The food was so-so at best.", nil},
		{"hyphenated", "A well-well known fact.", nil},
		{"rhetorical", "They rose against me, against me alone.", nil},
		{"sentence end", "It ended. Ended it was.", nil},
		{"across paragraphs", "The end of the\n\nthe next part.", nil},
		{"numeral", "from forty thousand, to four thousand, to four hundred", nil},
		{"letter-spaced", "C H I N A   A E R O S P A C E", nil},
		{"flattened table", "Of those whose coins Those whose coins Those of whom no coins are known.", nil},
		{"bracket between", "the (the) end", nil},
		// real stutters
		{"the the", "This is the the end.", []string{"the<-the ×2"}},
		{"case ignored", "The the end.", []string{"the<-The ×2"}},
		{"seed phrase", "Any attempt to break the balance by developing sophisticated weapons systems " +
			"by developing sophisticated weapons systems cannot but spark an arms race.",
			[]string{"by developing sophisticated weapons systems<-by developing sophisticated weapons systems ×2"}},
		{"three copies", "It was the the the end.", []string{"the the<-the ×3"}},
		{"line break", "It was the\nthe end.", []string{"the<-the ×2"}},
		{"two words", "The truth of the of the soul.", []string{"of the<-of the ×2"}},
		{"comma between stop words", "It is in the, the house.", []string{"the<-the ×2"}},
		{"quotes between", `He said "stop" "stop" now.`, []string{"stop<-stop ×2"}},
		{"two in a paragraph", "A a list and and more.", []string{"a<-A ×2", "and<-and ×2"}},
		{"not a legit is", "The car is is red.", []string{"is<-is ×2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := stutterStrings(mustDoc(t, "t.txt", tt.text))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("FindStutters(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestStutterMaxWords: a phrase longer than maxWords is not looked for.
func TestStutterMaxWords(t *testing.T) {
	d := mustDoc(t, "t.txt", "one two three one two three")
	if got := FindStutters(d, 2); len(got) != 0 {
		t.Errorf("maxWords 2 found %v", got)
	}
	if got := FindStutters(d, 3); len(got) != 1 || got[0].Words != 3 {
		t.Errorf("maxWords 3 found %v", got)
	}
}

// TestStutterFinding: the finding spans the second copy in original bytes,
// relates to the first, and its message names the phrase.
func TestStutterFinding(t *testing.T) {
	raw := "Intro.\r\nIt was “the” “the” end.\r\n"
	d := mustDoc(t, "t.txt", raw)
	var fs []Finding
	pass := NewPass([]*Document{d}, nil, func(f Finding) { fs = append(fs, f) })
	if _, err := StutterAnalyzer(StutterOptions{}).Run(context.Background(), pass); err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 {
		t.Fatalf("findings %+v", fs)
	}
	f := fs[0]
	second := strings.LastIndex(raw, "the")
	first := strings.Index(raw, "the")
	if f.Span != (Span{second, second + 3}) || len(f.Related) != 1 || f.Related[0].Span != (Span{first, first + 3}) {
		t.Errorf("span %+v related %+v", f.Span, f.Related)
	}
	if f.Related[0].Role != "first" || f.Message != `"the" is repeated; delete one copy` || f.Severity != Warning {
		t.Errorf("finding %+v", f)
	}
	if p := d.Position(f.Span.Start); p != (Position{2, 15}) {
		t.Errorf("position %+v", p)
	}
}

// TestSeedStutter: the seeds hold exactly one stutter, in 001 at line 5,
// spanning the second "by developing sophisticated weapons systems".
func TestSeedStutter(t *testing.T) {
	paths, _ := filepath.Glob("../seeds/*.txt")
	if len(paths) != 4 {
		t.Fatalf("seeds: %v", paths)
	}
	var got []string
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		d := mustDoc(t, filepath.Base(p), string(raw))
		for _, s := range FindStutters(d, 12) {
			o := d.Orig(s.Repeat)
			pos := d.Position(o.Start)
			got = append(got, fmt.Sprintf("%s:%d:%d %q", d.Path, pos.Line, pos.Column, d.Raw[o.Start:o.End]))
		}
	}
	want := []string{`001_66c055a39ca13850.txt:5:256 "by developing sophisticated weapons systems"`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("seed stutters:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestGibbonStutters pins the stutters found in Gibbon's first volume
// (268,843 words): three slips of the transcription, each checked by eye.
// The flattened table at line 15121 ("Of those whose coins Those whose
// coins") is deliberately not reported.
func TestGibbonStutters(t *testing.T) {
	p := sharedCorpus(t, "gibbon-vol1/731.txt")
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	d := mustDoc(t, "731.txt", string(raw))
	var got []string
	for _, s := range FindStutters(d, 12) {
		pos := d.Position(d.Orig(s.Repeat).Start)
		got = append(got, fmt.Sprintf("%d:%d %s", pos.Line, pos.Column, d.TextOf(s.Repeat)))
	}
	want := []string{
		"7467:5 how",      // "The Pandea's will how how assiduously the lawyers"
		"24034:48 of the", // "The important truth of the of the immortality of the soul"
		"24271:30 the",    // "may be traced as high as the the author of Epistle of Barnabas"
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Gibbon stutters:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestStutterFix: applying the suggested fix leaves one copy and the text
// around it as it was.
func TestStutterFix(t *testing.T) {
	raw := "Any attempt by developing weapons systems by developing weapons  systems,\ncannot but spark an arms race."
	d := mustDoc(t, "f.txt", raw)
	var got []Finding
	a := StutterAnalyzer(StutterOptions{})
	if _, err := a.Run(context.Background(), NewPass([]*Document{d}, nil, func(f Finding) { got = append(got, f) })); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Fix == nil {
		t.Fatalf("findings %+v", got)
	}
	fx := got[0].Fix
	fixed := raw[:fx.Span.Start] + fx.Text + raw[fx.Span.End:]
	if want := "Any attempt by developing weapons systems,\ncannot but spark an arms race."; fixed != want {
		t.Errorf("fixed text %q, want %q", fixed, want)
	}
}
