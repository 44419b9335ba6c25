package index

import (
	"bytes"
	"compress/flate"
	"encoding/json"
	"io"
	"reflect"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
)

type codecDetail struct {
	Op   string `json:"op"`
	Text string `json:"text"`
	Zeta int    `json:"zeta"`
	Alfa bool   `json:"alfa"` // declared after zeta: a map would sort it first
}

// codecFindings are findings of every shape the codec must carry.
func codecFindings(t testing.TB) ([]*compare.Document, []compare.Finding) {
	a := compare.NewTextDocument("a.txt", "The first document says what it says, and says it twice twice.\n")
	b := compare.NewTextDocument("dir/b.md", "A second document.\n")
	docs := []*compare.Document{a, b}
	f1 := compare.Newf(compare.CheckStutter, a, compare.Span{Start: 10, End: 20}, "%q <is> & repeated", "x")
	f1.Relate("first", a, compare.Span{Start: 0, End: 9})
	f1.Relate("copy", b, compare.Span{Start: 5, End: 7})
	f1.Details = map[string]any{"words": 3, "ratio": 0.25, "note": "12", "word_diff": "a [-b-] {+c+}",
		"diff": []codecDetail{{Op: "=", Text: "<x>", Zeta: 2, Alfa: true}}, "none": nil, "list": []string{"p", "q"}}
	f1.Fix = &compare.Fix{Span: compare.Span{Start: 12, End: 20}, Text: ""}
	f2 := compare.Newf(compare.CheckReplacedBytes, b, compare.Span{Start: 0, End: 0}, "empty span, no details")
	f3 := compare.Newf(compare.CheckStutter, a, compare.Span{Start: 1, End: 2}, "empty details")
	f3.Details = map[string]any{}
	f3.Severity = compare.Error
	return docs, []compare.Finding{f1, f2, f3}
}

func codecResolve(docs []*compare.Document) func(DocRef) *compare.Document {
	known := map[DocRef]*compare.Document{}
	for _, d := range docs {
		known[RefOf(d)] = d
	}
	return func(r DocRef) *compare.Document { return known[r] }
}

func codecChecks() map[string]*compare.Check {
	return map[string]*compare.Check{compare.CheckStutter.ID: compare.CheckStutter, compare.CheckReplacedBytes.ID: compare.CheckReplacedBytes}
}

// TestResultCodecRoundTrip: findings come back with the same places,
// texts and fix, and their details write the same JSON, escaped for HTML
// or not.
func TestResultCodecRoundTrip(t *testing.T) {
	docs, fs := codecFindings(t)
	v, err := EncodeFindings(fs, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeFindings(v, codecResolve(docs), codecChecks())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(fs) {
		t.Fatalf("%d findings back, want %d", len(got), len(fs))
	}
	for i := range fs {
		w, g := fs[i], got[i]
		if g.Check != w.Check || g.Severity != w.Severity || g.Message != w.Message || g.Location != w.Location ||
			!reflect.DeepEqual(g.Related, w.Related) || !reflect.DeepEqual(g.Fix, w.Fix) || (g.Details == nil) != (w.Details == nil) {
			t.Errorf("finding %d: got %+v, want %+v", i, g, w)
		}
		for _, escape := range []bool{true, false} {
			if js(t, g.Details, escape) != js(t, w.Details, escape) {
				t.Errorf("finding %d, HTML escaping %v: details %s, want %s", i, escape, js(t, g.Details, escape), js(t, w.Details, escape))
			}
		}
	}
	if s, ok := got[0].Details["word_diff"].(string); !ok || s != "a [-b-] {+c+}" {
		t.Errorf("a string detail should come back a string: %#v", got[0].Details["word_diff"])
	}

	// a document of another run, or one changed since, is a miss
	if _, err := DecodeFindings(v, codecResolve(docs[1:]), codecChecks()); err == nil {
		t.Error("decoded with a document missing")
	}
	// text that JSON would not write back the same is not stored
	bad := fs[1]
	bad.Message = "bad \xff byte"
	if _, err := EncodeFindings([]compare.Finding{bad}, nil); err == nil {
		t.Error("a message that is not UTF-8 was encoded")
	}
}

func js(t *testing.T, v any, escape bool) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(escape)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// FuzzParseFindings: no stored value, however damaged, makes the decoder
// panic or return a finding outside its document.
func FuzzParseFindings(f *testing.F) {
	docs, fs := codecFindings(f)
	v, err := EncodeFindings(fs, nil)
	if err != nil {
		f.Fatal(err)
	}
	raw, _ := io.ReadAll(flate.NewReader(bytes.NewReader(v)))
	f.Add(raw)
	f.Add([]byte(resultsMagic))
	f.Add(append([]byte(resultsMagic), 0, 1))
	resolve, checks := codecResolve(docs), codecChecks()
	f.Fuzz(func(t *testing.T, raw []byte) {
		got, err := parseFindings(raw, resolve, checks)
		if err != nil {
			return
		}
		for _, g := range got {
			if g.Check == nil || g.Doc == nil || g.Span.Start < 0 || g.Span.End > len(g.Doc.Raw) || g.Span.End < g.Span.Start {
				t.Fatalf("decoded an impossible finding: %+v", g)
			}
			if x := g.Fix; x != nil && (x.Span.Start < 0 || x.Span.End > len(g.Doc.Raw) || x.Span.End < x.Span.Start) {
				t.Fatalf("decoded an impossible fix: %+v", x)
			}
			for _, r := range g.Related {
				if r.Doc != nil && (r.Span.Start < 0 || r.Span.End > len(r.Doc.Raw) || r.Span.End < r.Span.Start) {
					t.Fatalf("decoded an impossible related place: %+v", r)
				}
			}
		}
	})
}
