package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input"
)

func mustDoc(t testing.TB, name, text string) *compare.Document {
	t.Helper()
	d, err := input.Parse(name, []byte(text), input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestWriteMarked: overlapping, nested, touching and empty spans come out
// as flat, properly nested markup, with each anchor where its mark starts.
func TestWriteMarked(t *testing.T) {
	const text = "abcdefghij"
	m := func(s, e int, class, anchor string, f int) mark {
		return mark{span: compare.Span{Start: s, End: e}, class: class, finding: f, anchorID: anchor, anchorClass: "fa", anchorHref: "#x", anchorText: anchor}
	}
	tests := []struct {
		name  string
		lo    int
		hi    int
		marks []mark
		want  string
	}{
		{"none", 0, 10, nil, "abcdefghij"},
		{"one", 0, 10, []mark{m(2, 4, "m s-info", "", 0)},
			`ab<mark class="m s-info" data-f="0">cd</mark>efghij`},
		{"overlap", 0, 10, []mark{m(2, 6, "m s-info", "f0", 0), m(4, 8, "m s-error", "f1", 1)},
			`ab<a class="fa" id="f0" href="#x" title="">f0</a><mark class="m s-info" data-f="0">cd</mark>` +
				`<a class="fa" id="f1" href="#x" title="">f1</a><mark class="m s-error s-info d2" data-f="0">ef</mark>` +
				`<mark class="m s-error" data-f="1">gh</mark>ij`},
		{"nested", 0, 10, []mark{m(1, 9, "m s-warning", "", 3), m(3, 4, "rel", "", -1)},
			`a<mark class="m s-warning" data-f="3">bc</mark><mark class="m rel s-warning" data-f="3">d</mark>` +
				`<mark class="m s-warning" data-f="3">efghi</mark>j`},
		{"touching", 0, 10, []mark{m(0, 2, "eq", "", -1), m(2, 4, "del", "", -1)},
			`<mark class="eq">ab</mark><mark class="del">cd</mark>efghij`},
		{"empty span keeps its anchor", 0, 10, []mark{m(5, 5, "m s-info", "f7", 7)},
			`abcde<a class="fa" id="f7" href="#x" title="">f7</a>fghij`},
		{"window cuts marks, keeps anchors inside", 3, 7, []mark{m(2, 5, "eq", "a1", -1), m(6, 9, "del", "a2", -1)},
			`<mark class="eq">de</mark>f<a class="fa" id="a2" href="#x" title="">a2</a><mark class="del">g</mark>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			writeMarked(&b, text, tt.lo, tt.hi, tt.marks, true)
			got := b.String()
			// data-f is written for doc views only; the table's marks
			// without findings carry none.
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			if strings.Count(got, "<mark") != strings.Count(got, "</mark>") {
				t.Error("unbalanced marks")
			}
			if regexp.MustCompile(`<mark[^>]*>[^<]*<mark`).MatchString(got) {
				t.Error("nested marks")
			}
		})
	}
}

// hostile is document text that must come out as text.
const hostile = "Title <script>alert(1)</script> & an \" onmouseover=\"alert(1)\" x=\" breaker.\n\n" +
	"A closing </pre></details> and <img src=x onerror=alert(1)> here.\n"

// hostileResult is a result in which every field a renderer shows holds
// hostile text: paths, messages, roles, details, pairs, citations.
func hostileResult(t testing.TB) *Result {
	a := mustDoc(t, `a" onmouseover="alert(2).txt`, hostile)
	b := mustDoc(t, "b<script>.md", hostile)
	check := &compare.Check{ID: "repeat.passage", Title: "<b>Passage</b>", Severity: compare.Warning}
	whole := func(d *compare.Document) compare.Location {
		return compare.Location{Doc: d, Span: compare.Span{Start: 0, End: len(d.Raw)}}
	}
	f := compare.Finding{Check: check, Severity: compare.Warning, Message: "copied <script>alert(3)</script>", Location: whole(b),
		Related: []compare.Related{{Role: `first" onclick="x`, Location: whole(a)}},
		Details: map[string]any{"x": "<script>"}}
	ops := []DiffOp{{Op: "equal", Left: compare.Span{Start: 0, End: 5}, Right: compare.Span{Start: 0, End: 5}},
		{Op: "delete", Left: compare.Span{Start: 6, End: 31}, Right: compare.Span{Start: 6, End: 6}},
		{Op: "insert", Left: compare.Span{Start: 31, End: 31}, Right: compare.Span{Start: 6, End: 31}}}
	return &Result{Tool: "crosscheck", Version: "test", Docs: []*compare.Document{a, b},
		Skipped:  []compare.Skipped{{Path: "<script>.bin", Reason: "binary <b>"}},
		Findings: []compare.Finding{f},
		Pairs: []Pair{{A: 0, B: 1, Coverage: 1, SharedWords: 20,
			Passages: []Passage{{A: whole(a).Span, B: whole(b).Span, SharedWords: 20, WordsA: 20, WordsB: 20, Similarity: 1, Diff: ops}}}},
		Comparisons: []Comparison{{Finding: 0, Related: 0, Left: whole(a), Right: whole(b), Diff: ops}},
		Citations: []CitationRow{{Doc: 1, Note: "<1>", At: compare.Span{Start: 6, End: 31}, Kind: "full",
			Reference: "<script>alert(4)</script>", Target: `" onmouseover="`, Source: "<img src=x>", Checks: []string{"cite.<x>"}}},
	}
}

var reBody = regexp.MustCompile(`data-body="([^"]*)"`)

// expanded returns the page followed by the HTML of every data-body, as
// the script inserts it (decoded once), so that tests see what a browser
// shows.
func expanded(page string) string {
	var b strings.Builder
	b.WriteString(page)
	for _, m := range reBody.FindAllStringSubmatch(page, -1) {
		b.WriteString("\n")
		b.WriteString(html.UnescapeString(m[1]))
	}
	return b.String()
}

// TestHTMLEscapes: no hostile piece of any field comes out as markup, the
// only script is the report's own, and the policy's hashes match the
// inline style and script, so nothing else would run even if it got in.
func TestHTMLEscapes(t *testing.T) {
	var buf bytes.Buffer
	if err := Render(&buf, "html", hostileResult(t), Options{}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	out := expanded(page)
	for _, p := range []string{"<script>alert", `" onmouseover="`, `" onclick="`, "<img src=x", "</pre></details> and", "<b>Passage", "<1>", "binary <b>"} {
		if strings.Contains(out, p) {
			t.Errorf("raw %q in the HTML", p)
		}
	}
	for _, p := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&#34; onmouseover=&#34;alert(1)&#34;", "&lt;img src=x onerror=alert(1)&gt;",
		"copied &lt;script&gt;alert(3)&lt;/script&gt;", "&lt;script&gt;alert(4)&lt;/script&gt;", `a&#34; onmouseover=&#34;alert(2).txt`} {
		if !strings.Contains(out, p) {
			t.Errorf("escaped %q missing from the HTML", p)
		}
	}
	if n := strings.Count(out, "<script"); n != 1 {
		t.Errorf("%d script elements, want 1", n)
	}
	csp := regexp.MustCompile(`http-equiv="Content-Security-Policy" content="([^"]*)"`).FindStringSubmatch(page)
	style := regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindStringSubmatch(page)
	script := regexp.MustCompile(`(?s)<script>(.*?)</script>`).FindStringSubmatch(page)
	if csp == nil || style == nil || script == nil {
		t.Fatal("no policy, style or script")
	}
	policy := html.UnescapeString(csp[1])
	for what, body := range map[string]string{"style-src": style[1], "script-src": script[1]} {
		h := sha256.Sum256([]byte(body))
		want := what + " 'sha256-" + base64.StdEncoding.EncodeToString(h[:]) + "'"
		if !strings.Contains(policy, want) {
			t.Errorf("policy %q lacks %q", policy, want)
		}
	}
	if !strings.Contains(policy, "default-src 'none'") {
		t.Errorf("policy %q does not forbid loading", policy)
	}
}

// TestHTMLEmpty: no documents' worth of findings still makes a page.
func TestHTMLEmpty(t *testing.T) {
	var buf bytes.Buffer
	r := &Result{Tool: "crosscheck", Version: "test", Docs: []*compare.Document{mustDoc(t, "a.txt", "Nothing to see.\n")}}
	if err := Render(&buf, "html", r, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"No two documents share a passage", "No claims overlap", "No notes cite a work", "<b>0</b> findings"} {
		if !strings.Contains(buf.String(), s) {
			t.Errorf("%q missing", s)
		}
	}
}

var (
	reAnchor = regexp.MustCompile(`<a class="(?:fa|ra)[^"]*"[^>]*>[^<]*</a>`)
	reMark   = regexp.MustCompile(`</?mark[^>]*>`)
)

// FuzzHTMLDocument renders any text with findings at any spans and checks
// that the document view is the text itself: with the anchors and marks
// taken out and entities decoded, the rendered <pre> gives back Text
// exactly, so nothing in the text became markup and nothing was lost.
func FuzzHTMLDocument(f *testing.F) {
	f.Add("plain text\n\nwith the the stutter", 3, 9, 5, 20)
	f.Add(hostile, 0, 14, 6, 40)
	f.Add("<p>html &amp; <b>bold</b></p>", 0, 3, 2, 2)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d int) {
		doc, err := input.Parse("f.txt", []byte(text), input.Options{})
		if err != nil {
			return
		}
		n := len(doc.Raw)
		span := func(x, y int) compare.Span {
			x, y = ((x%(n+1))+n+1)%(n+1), ((y%(n+1))+n+1)%(n+1)
			return compare.Span{Start: min(x, y), End: max(x, y)}
		}
		check := &compare.Check{ID: "repeat.stutter", Severity: compare.Warning}
		fd := compare.Finding{Check: check, Severity: compare.Warning, Message: text,
			Location: compare.Location{Doc: doc, Span: span(a, b)},
			Related:  []compare.Related{{Role: "first", Location: compare.Location{Doc: doc, Span: span(c, d)}}}}
		fe := compare.Finding{Check: check, Severity: compare.Error, Message: "x", Location: compare.Location{Doc: doc, Span: span(b, c)}}
		var buf bytes.Buffer
		r := &Result{Tool: "crosscheck", Docs: []*compare.Document{doc}, Findings: []compare.Finding{fd, fe}}
		if err := Render(&buf, "html", r, Options{}); err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`<details class="doc" id="d0" data-body="([^"]*)"`).FindStringSubmatch(buf.String())
		if m == nil {
			t.Fatal("no document view")
		}
		body := html.UnescapeString(m[1])
		if !strings.HasPrefix(body, `<pre class="text">`) || !strings.HasSuffix(body, "</pre>") {
			t.Fatalf("document view is not one <pre>: %.200q", body)
		}
		inner := strings.TrimSuffix(strings.TrimPrefix(body, `<pre class="text">`), "</pre>")
		if got := html.UnescapeString(reMark.ReplaceAllString(reAnchor.ReplaceAllString(inner, ""), "")); got != doc.Text {
			t.Fatalf("document view gives back %q, want %q", got, doc.Text)
		}
		if strings.Count(inner, "<mark") != strings.Count(inner, "</mark>") {
			t.Fatal("unbalanced marks")
		}
	})
}
