package pan

import (
	"bytes"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare/input"
	"github.com/crosscheck/crosscheck/compare/reuse"
)

func pc(susp, src string, so, sl, ro, rl int) Case {
	return Case{Susp: susp, Src: src, SuspOffset: so, SuspLength: sl, SrcOffset: ro, SrcLength: rl}
}

// TestScoreCases checks the PAN measures on hand-made cases whose values can
// be worked out on paper.
func TestScoreCases(t *testing.T) {
	c := pc("s", "r", 100, 100, 0, 100) // 100 characters on each side
	tests := []struct {
		name                     string
		cases, dets              []Case
		prec, rec, gran, plagdet float64
	}{
		{"exact", []Case{c}, []Case{c}, 1, 1, 1, 1},
		{"half detected", []Case{c}, []Case{pc("s", "r", 100, 50, 0, 50)},
			1, 0.5, 1, 2 * 0.5 / 1.5},
		{"two halves", []Case{c}, []Case{pc("s", "r", 100, 50, 0, 50), pc("s", "r", 150, 50, 50, 50)},
			1, 1, 2, 1 / math.Log2(3)},
		{"source side elsewhere", []Case{c}, []Case{pc("s", "r", 100, 100, 500, 100)}, 0, 0, 1, 0},
		{"other documents", []Case{c}, []Case{pc("s2", "r", 100, 100, 0, 100)}, 0, 0, 1, 0},
		{"detection twice too long", []Case{c}, []Case{pc("s", "r", 50, 200, 0, 200)}, 0.5, 1, 1, 2 * 0.5 / 1.5},
		{"one detection for two cases",
			[]Case{c, pc("s", "r", 200, 100, 100, 100)}, []Case{pc("s", "r", 100, 200, 0, 200)}, 1, 1, 1, 1},
		// Macro recall: each case counts once whatever its length.
		{"macro recall",
			[]Case{c, pc("s", "r", 1000, 1000, 1000, 1000)}, []Case{c}, 1, 0.5, 1, 2 * 0.5 / 1.5},
		// Macro precision: a false detection costs its share of detections.
		{"false detection",
			[]Case{c}, []Case{c, pc("s", "r", 5000, 10, 5000, 10)}, 0.5, 1, 1, 2 * 0.5 / 1.5},
		// Overlapping detections of one case: characters count once.
		{"overlapping detections",
			[]Case{c}, []Case{pc("s", "r", 100, 80, 0, 80), pc("s", "r", 120, 80, 20, 80)}, 1, 1, 2, 1 / math.Log2(3)},
		{"nothing at all", nil, nil, 1, 1, 1, 1},
		{"no detections", []Case{c}, nil, 0, 0, 1, 0},
	}
	for _, tt := range tests {
		sc := ScoreCases(tt.cases, tt.dets)
		got := []float64{sc.Precision, sc.Recall, sc.Granularity, sc.Plagdet}
		want := []float64{tt.prec, tt.rec, tt.gran, tt.plagdet}
		for i := range got {
			if math.Abs(got[i]-want[i]) > 1e-9 {
				t.Errorf("%s: precision, recall, granularity, plagdet = %v, want %v", tt.name, got, want)
				break
			}
		}
	}
}

func TestPANXMLRoundTrip(t *testing.T) {
	dets := []Case{pc("suspicious-document00001.txt", "source-document00002.txt", 10, 20, 30, 40),
		pc("suspicious-document00001.txt", "src & <odd>.txt", 0, 1, 2, 3)}
	var buf bytes.Buffer
	if err := WriteXML(&buf, "suspicious-document00001.txt", dets); err != nil {
		t.Fatal(err)
	}
	got, err := ReadXML(&buf, "detected-plagiarism")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, dets) {
		t.Errorf("round trip\n got %+v\nwant %+v", got, dets)
	}
	truth := `<document reference="s.txt">
<feature name="plagiarism" obfuscation="none" source_length="698" source_offset="1300" source_reference="r.txt" this_length="699" this_offset="3593" type="artificial" />
<feature name="about" language="en"/>
</document>`
	cs, err := ReadXML(strings.NewReader(truth), "plagiarism")
	if err != nil || len(cs) != 1 || cs[0] != pc("s.txt", "r.txt", 3593, 699, 1300, 698) {
		t.Errorf("truth: %+v, %v", cs, err)
	}
	if _, err := ReadXML(strings.NewReader(`<document reference="s"><feature name="plagiarism" this_offset="x"/></document>`), "plagiarism"); err == nil {
		t.Error("a bad offset was accepted")
	}
}

func TestCharOffset(t *testing.T) {
	d := mustDoc(t, "u.txt", "\ufeffhéllo wörld.")
	// raw: BOM (3 bytes) h é(2) l l o ' ' w ö(2) r l d .
	w := bytes.Index(d.Raw, []byte("w"))
	if got := CharOffset(d, w); got != 7 {
		t.Errorf("CharOffset(w at byte %d) = %d, want 7 (the BOM counts)", w, got)
	}
	u, err := input.Parse("u16.txt", []byte{0xFF, 0xFE, 'a', 0, 0x3D, 0xD8, 0x00, 0xDE, 'b', 0}, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := CharOffset(u, 8); got != 3 { // BOM, a, one astral character
		t.Errorf("UTF-16 CharOffset = %d, want 3", got)
	}
}

// passage is a stretch of plain prose, long enough to align on its own.
const passage = `The lock keeper wrote down every barge that passed the weir, its cargo, ` +
	`its draught and the name of its skipper, and on the last day of each month he ` +
	`copied the totals into a second book that he sent to the canal company in the city.`

func TestDetectionsEndAfterPunctuation(t *testing.T) {
	a := mustDoc(t, "a.txt", "Intro words here. "+passage+" More.")
	b := mustDoc(t, "b.txt", "Other opening text. "+passage)
	dets := Detections(a, b, "a", "b", reuse.AlignPair(a, b, reuse.Options{}))
	if len(dets) != 1 {
		t.Fatalf("dets %+v", dets)
	}
	d := dets[0]
	if got := string([]rune(string(a.Raw))[d.SuspOffset : d.SuspOffset+d.SuspLength]); got != passage {
		t.Errorf("susp detection %q", got)
	}
	if got := string(b.Raw[d.SrcOffset : d.SrcOffset+d.SrcLength]); got != passage {
		t.Errorf("src detection %q", got)
	}
}

func TestReadPairs(t *testing.T) {
	ps, err := ReadPairs(strings.NewReader("a.txt b.txt\n\n c.txt\td.txt \n"))
	if err != nil || !reflect.DeepEqual(ps, []Pair{{"a.txt", "b.txt"}, {"c.txt", "d.txt"}}) {
		t.Errorf("pairs %+v, %v", ps, err)
	}
	if _, err := ReadPairs(strings.NewReader("a.txt\n")); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("one name: %v", err)
	}
	if got := FileName(Pair{"suspicious-document00005.txt", "source-document01090.txt"}); got != "suspicious-document00005-source-document01090.xml" {
		t.Errorf("file name %q", got)
	}
}

func FuzzReadXML(f *testing.F) {
	f.Add(`<document reference="s.txt"><feature name="plagiarism" this_offset="1" this_length="2" source_reference="r" source_offset="3" source_length="4"/></document>`)
	f.Add(`<document><feature name="plagiarism"/>`)
	f.Fuzz(func(t *testing.T, s string) {
		cs, err := ReadXML(strings.NewReader(s), "plagiarism")
		if err != nil {
			return
		}
		for _, c := range cs {
			if c.SuspOffset < 0 || c.SuspLength < 0 || c.SrcOffset < 0 || c.SrcLength < 0 {
				t.Fatalf("negative field accepted: %+v", c)
			}
		}
		_ = ScoreCases(cs, cs)
	})
}

func FuzzReadPairs(f *testing.F) {
	f.Add("a.txt b.txt\nc d\n")
	f.Fuzz(func(t *testing.T, s string) {
		ps, err := ReadPairs(strings.NewReader(s))
		if err != nil {
			return
		}
		for _, p := range ps {
			if p.Susp == "" || p.Src == "" || strings.ContainsAny(p.Susp+p.Src, " \t\n") {
				t.Fatalf("bad pair %+v", p)
			}
		}
	})
}

// TestCharIndex: the block index counts code points as CharOffset does at
// every offset, sequences across block edges and invalid bytes included.
func TestCharIndex(t *testing.T) {
	var b strings.Builder
	for b.Len() < 3*charBlock {
		b.WriteString("ab€ Zürich “q” 𝄞 ")
	}
	raw := b.String()[:3*charBlock-1] + "\xff\xfe tail"
	d, err := input.Parse("x.txt", []byte(raw), input.Options{Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	c := newCharIndex(d)
	for off := 0; off <= len(d.Raw); off++ {
		if got, want := c.at(off), CharOffset(d, off); got != want {
			t.Fatalf("offset %d: %d, want %d", off, got, want)
		}
	}
}
