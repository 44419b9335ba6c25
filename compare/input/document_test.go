package input

import (
	"github.com/crosscheck/crosscheck/compare"
	"strings"
	"testing"
	"unicode/utf8"
)

func mustDoc(t testing.TB, name, text string) *compare.Document {
	t.Helper()
	d, err := Parse(name, []byte(text), Options{})
	if err != nil {
		t.Fatalf("Parse(%q): %v", name, err)
	}
	return d
}

func TestNormalizeFolds(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"plain ascii", "plain ascii"},
		{"“quoted” ‘single’", `"quoted" 'single'`},
		{"en–dash em—dash minus−", "en-dash em-dash minus-"},
		{"Source：China", "Source:China"},
		{"ＡＢＣ１２３", "ABC123"},
		{"co\u00adoperate", "cooperate"},
		{"a\r\nb\rc", "a\nb\nc"},
		{"x\u00a0y\u2009z", "x y z"},
		{"e\u0301te\u0301", "été"},
		{"m² stays", "m² stays"},
		{"ﬁ ligature stays", "ﬁ ligature stays"},
		{"zero\u200bwidth", "zerowidth"},
	}
	for _, tt := range tests {
		d := mustDoc(t, "t.txt", tt.in)
		if d.Text != tt.want {
			t.Errorf("normalise(%q) = %q, want %q", tt.in, d.Text, tt.want)
		}
	}
}

func TestOrigMapsBack(t *testing.T) {
	raw := "\ufeffA “quote”：co\u00adoperate\r\nSecond line e\u0301te\u0301 end"
	d := mustDoc(t, "t.txt", raw)
	for _, tok := range d.Tokens {
		o := d.Orig(tok.Span())
		got := string(d.Raw[o.Start:o.End])
		norm := compare.NewTextDocument("n", got).Text
		if norm != d.TextOf(tok.Span()) {
			t.Errorf("token %q maps to raw %q (normalised %q)", d.TextOf(tok.Span()), got, norm)
		}
	}
	// "cooperate" spans the soft hyphen in the original
	i := strings.Index(d.Text, "cooperate")
	o := d.Orig(compare.Span{Start: i, End: i + len("cooperate")})
	if got := string(d.Raw[o.Start:o.End]); got != "co\u00adoperate" {
		t.Errorf("cooperate maps to %q", got)
	}
	if p := d.Position(strings.Index(raw, "Second")); p != (compare.Position{Line: 2, Column: 1}) {
		t.Errorf("Second at %+v, want 2:1", p)
	}
	if p := d.Position(strings.Index(raw, "end")); p != (compare.Position{Line: 2, Column: 19}) {
		t.Errorf("end at %+v, want 2:19 (code points)", p)
	}
}

func TestPositionColumnsCountCodePoints(t *testing.T) {
	d := mustDoc(t, "t.txt", "héllo wörld\nzweite Zeile ü x")
	cases := []struct {
		sub  string
		want compare.Position
	}{
		{"wörld", compare.Position{Line: 1, Column: 7}},
		{"zweite", compare.Position{Line: 2, Column: 1}},
		{"x", compare.Position{Line: 2, Column: 16}},
	}
	for _, c := range cases {
		off := strings.Index(string(d.Raw), c.sub)
		if got := d.Position(off); got != c.want {
			t.Errorf("Position(%q) = %+v, want %+v", c.sub, got, c.want)
		}
	}
}

func TestPositionLongLine(t *testing.T) {
	// columns past several 64 KiB blocks on one line, with multibyte runes
	line := strings.Repeat("é", 100000) + "X"
	d := mustDoc(t, "t.txt", "first\n"+line)
	off := len("first\n") + len(line) - 1
	if got := d.Position(off); got != (compare.Position{Line: 2, Column: 100001}) {
		t.Errorf("got %+v", got)
	}
}

func TestUTF16(t *testing.T) {
	// "Hé\nyo" in UTF-16LE with BOM
	raw := []byte{0xFF, 0xFE, 'H', 0, 0xE9, 0, '\n', 0, 'y', 0, 'o', 0}
	d, err := Parse("u.txt", raw, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Text != "Hé\nyo" || d.Encoding != "utf-16le" {
		t.Fatalf("text %q enc %s", d.Text, d.Encoding)
	}
	tok := d.Tokens[1] // "yo"
	o := d.Orig(tok.Span())
	if o != (compare.Span{Start: 8, End: 12}) {
		t.Errorf("yo maps to %+v, want {8 12}", o)
	}
	if p := d.Position(o.Start); p != (compare.Position{Line: 2, Column: 1}) {
		t.Errorf("position %+v", p)
	}
}

func TestInvalidUTF8(t *testing.T) {
	raw := []byte("good\nbad \xff byte")
	_, err := Parse("bad.txt", raw, Options{})
	ie, ok := err.(*compare.InputError)
	if !ok || ie.Offset != 9 || !strings.Contains(ie.Error(), "bad.txt") {
		t.Fatalf("err = %v", err)
	}
	d, err := Parse("bad.txt", raw, Options{Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Replaced) != 1 || d.Replaced[0] != 9 {
		t.Errorf("replaced %v", d.Replaced)
	}
	i := strings.Index(d.Text, "byte")
	if o := d.Orig(compare.Span{Start: i, End: i + 4}); string(raw[o.Start:o.End]) != "byte" {
		t.Errorf("byte maps to %q", raw[o.Start:o.End])
	}
}

func TestBinaryIsSkipped(t *testing.T) {
	_, err := Parse("x.bin", []byte("ELF\x00\x01\x02"), Options{})
	if _, ok := err.(*compare.SkipError); !ok {
		t.Fatalf("err = %v, want SkipError", err)
	}
}

func TestEmpty(t *testing.T) {
	d := mustDoc(t, "e.txt", "")
	if len(d.Tokens)+len(d.Sentences)+len(d.Paragraphs) != 0 || d.Lines() != 0 {
		t.Errorf("empty doc has segments")
	}
	if p := d.Position(0); p != (compare.Position{Line: 1, Column: 1}) {
		t.Errorf("position %+v", p)
	}
}

// TestFirstWordMapsExactly: text after markup or a byte order mark at the
// very start maps to its own bytes, not to the start of the file.
func TestFirstWordMapsExactly(t *testing.T) {
	for name, raw := range map[string]string{
		"a.html": "<html><body><p>The the end</p>",
		"b.txt":  "\ufeffThe the end",
		"c.html": "<!-- note --><p>&#84;he the end",
	} {
		d := mustDoc(t, name, raw)
		o := d.Orig(d.Tokens[0].Span())
		if got := string(d.Raw[o.Start:o.End]); got != "The" && got != "&#84;he" {
			t.Errorf("%s: first word maps to %q at %+v", name, got, o)
		}
	}
}

func TestHTMLExtraction(t *testing.T) {
	src := `<html><head><title>T</title><style>p{}</style><script>var x="<p>";</script></head>
<body><p>Peace cannot be achieved &amp; kept.<sup>35</sup></p>
<!-- a comment -->
<p>Second&nbsp;para <a href="#fn12" epub:type="noteref">12</a>.</p>
<aside id="fn12" epub:type="footnote">Note text.</aside></body></html>`
	d := mustDoc(t, "a.html", src)
	if strings.Contains(d.Text, "var x") || strings.Contains(d.Text, "comment") || strings.Contains(d.Text, "p{}") {
		t.Errorf("script/style/comment leaked: %q", d.Text)
	}
	if !strings.Contains(d.Text, "Peace cannot be achieved & kept.35") {
		t.Errorf("text %q", d.Text)
	}
	st := d.Structure
	if !st.Markup || len(st.NoteMarkers) != 2 || len(st.NoteDefs) != 1 || len(st.Comments) != 1 {
		t.Fatalf("structure: %+v", st)
	}
	sup, link, note := st.NoteMarkers[0], st.NoteMarkers[1], st.NoteDefs[0]
	if sup.Kind != compare.NoteNumbered || sup.Label != "35" || d.TextOf(sup.Span) != "35" {
		t.Errorf("sup marker: %+v", sup)
	}
	if o := d.Orig(sup.Span); string(d.Raw[o.Start:o.End]) != "35" {
		t.Errorf("sup text maps to %q", d.Raw[o.Start:o.End])
	}
	if link.Kind != compare.NoteLinked || link.Key != "#fn12" || link.Label != "12" {
		t.Errorf("linked marker %+v", link)
	}
	if note.Key != "#fn12" || d.TextOf(note.Body) != "Note text." {
		t.Errorf("note %+v", note)
	}
	if c := st.Comments[0]; c.Text != " a comment " || string(d.Raw[c.Raw.Start:c.Raw.End]) != "<!-- a comment -->" {
		t.Errorf("comment %+v", c)
	}
	if len(st.Blocks) != 1 || st.Blocks[0].Kind != compare.BlockTitle || d.TextOf(st.Blocks[0].Span) != "T" {
		t.Errorf("blocks %+v", st.Blocks)
	}
	i := strings.Index(d.Text, "&")
	if o := d.Orig(compare.Span{Start: i, End: i + 1}); string(d.Raw[o.Start:o.End]) != "&amp;" {
		t.Errorf("& maps to %q", d.Raw[o.Start:o.End])
	}
	if len(d.Paragraphs) < 3 {
		t.Errorf("paragraphs %d: %q", len(d.Paragraphs), d.Text)
	}
}

func TestTokens(t *testing.T) {
	d := mustDoc(t, "t.txt", "Don't split 11,063 or 1.5, but Sino-Russian ties; 中国 end.")
	var got []string
	for _, tok := range d.Tokens {
		got = append(got, d.TextOf(tok.Span()))
	}
	want := "Don't|split|11,063|or|1.5|but|Sino|Russian|ties|中|国|end"
	if strings.Join(got, "|") != want {
		t.Errorf("tokens %s\nwant   %s", strings.Join(got, "|"), want)
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"op cit", "Full Text of the Speech, op. cit., p. 3. Next sentence here.",
			[]string{"Full Text of the Speech, op. cit., p. 3.", "Next sentence here."}},
		{"ibid", "Ibid. 45. See also Smith.", []string{"Ibid. 45.", "See also Smith."}},
		{"US", "This does not constitute approval by any U.S. Government organization. Publication follows.",
			[]string{"This does not constitute approval by any U.S. Government organization.", "Publication follows."}},
		{"Dec No", "It was signed on Dec. 15, 2020. See No. 5 for details. Done.",
			[]string{"It was signed on Dec. 15, 2020.", "See No. 5 for details.", "Done."}},
		{"initials", "J. R. R. Tolkien wrote it. Then he left.", []string{"J. R. R. Tolkien wrote it.", "Then he left."}},
		{"decimal", "It rose 1.5 percent. Then fell.", []string{"It rose 1.5 percent.", "Then fell."}},
		{"pp", "See pp. 12-14 and p. 7. The end.", []string{"See pp. 12-14 and p. 7.", "The end."}},
		{"quote", `He said "Stop." Then he went.`, []string{`He said "Stop."`, "Then he went."}},
		{"marker", "The tongue. [37] The ancient dialects sunk.", []string{"The tongue. [37]", "The ancient dialects sunk."}},
		{"sup", "World peace.\"<sup>35</sup> On 10 October.", []string{"World peace.\"<sup>35</sup>", "On 10 October."}},
		{"question", "Why? Because! yes.", []string{"Why?", "Because! yes."}},
		{"lower", "The e.g. case and etc. go on.", []string{"The e.g. case and etc. go on."}},
		{"etc end", "Apples, pears etc. The next one.", []string{"Apples, pears etc.", "The next one."}},
		{"paragraphs", "One para\nwrapped line.\n\nTwo.", []string{"One para\nwrapped line.", "Two."}},
		{"missing space", "It was practical and dynamic.China has ties.", []string{"It was practical and dynamic.", "China has ties."}},
		{"no space but abbreviation", "See the U.S.Army and e.g.The list on Node.js here.", []string{"See the U.S.Army and e.g.The list on Node.js here."}},
		{"section number", "XIII. International Security Cooperation", []string{"XIII. International Security Cooperation"}},
		{"list number", "4. The fourth item. The end.", []string{"4. The fourth item.", "The end."}},
		{"year ends a sentence", "It was in 1999. Then it ended.", []string{"It was in 1999.", "Then it ended."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustDoc(t, "t.txt", tt.text)
			var got []string
			for _, s := range d.Sentences {
				got = append(got, d.TextOf(s))
			}
			if strings.Join(got, "¦") != strings.Join(tt.want, "¦") {
				t.Errorf("sentences:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// checkRoundTrip asserts the offset contract on any input: every rune of the
// normalised text maps inside the original bytes, in order, and maps back.
func checkRoundTrip(t *testing.T, name string, raw []byte) {
	d, err := Parse(name, raw, Options{Lenient: true})
	if err != nil {
		return // binary input is skipped, not mapped
	}
	prev := 0
	for i, r := range d.Text {
		n := utf8.RuneLen(r)
		if r == utf8.RuneError {
			n = 1
			if i+3 <= len(d.Text) && d.Text[i:i+3] == "\uFFFD" {
				n = 3
			}
		}
		o := d.Orig(compare.Span{Start: i, End: i + n})
		if o.Start < 0 || o.End > len(raw) || o.Start > o.End {
			t.Fatalf("rune %d %q maps to %+v outside 0..%d", i, r, o, len(raw))
		}
		if o.Start < prev {
			t.Fatalf("rune %d maps to %+v before the previous rune's start %d", i, o, prev)
		}
		prev = o.Start
		back := d.TextSpan(o)
		if back.Start > i || back.End < i+n {
			t.Fatalf("rune %d: %+v maps back to %+v", i, o, back)
		}
	}
	// each token maps to exactly its own bytes: in plain UTF-8 text they
	// normalise to the token; in HTML they are text, not markup around it
	for _, tok := range d.Tokens {
		o := d.Orig(tok.Span())
		rawTok := string(raw[o.Start:o.End])
		switch {
		case len(d.Replaced) > 0 || !strings.HasPrefix(d.Encoding, "utf-8"):
		case d.Format == "html":
			if strings.HasPrefix(rawTok, "<") || strings.HasSuffix(rawTok, ">") {
				t.Fatalf("token %q maps to markup %q", d.TextOf(tok.Span()), rawTok)
			}
		default:
			if n := compare.NewTextDocument("n", rawTok).Text; n != d.TextOf(tok.Span()) {
				t.Fatalf("token %q maps to %q", d.TextOf(tok.Span()), rawTok)
			}
		}
	}
	toks := make([]compare.Span, len(d.Tokens))
	for i, tok := range d.Tokens {
		toks[i] = tok.Span()
	}
	for _, sp := range [][]compare.Span{toks, d.Sentences, d.Paragraphs} {
		last := -1
		for _, s := range sp {
			if s.Start < last || s.Start > s.End || s.End > len(d.Text) {
				t.Fatalf("bad segment %+v after %d (len %d)", s, last, len(d.Text))
			}
			last = s.End
			o := d.Orig(s)
			if o.Start > o.End || o.End > len(raw) {
				t.Fatalf("segment %+v maps to %+v", s, o)
			}
			p := d.Position(o.Start)
			if p.Line < 1 || p.Column < 1 {
				t.Fatalf("position %+v", p)
			}
		}
	}
	_ = d.Excerpt(compare.Span{Start: 0, End: len(raw)}, 50)
}

func FuzzDocumentRoundTrip(f *testing.F) {
	f.Add([]byte("A “quote”：co\u00adoperate\r\nline e\u0301te\u0301"), false)
	f.Add([]byte("<p>a &amp; b<sup>1</sup></p><script>x</script>"), true)
	f.Add([]byte{0xFF, 0xFE, 'H', 0, 0xE9, 0, 0x3D, 0xD8, 0x00, 0xDE}, false)
	f.Add([]byte("bad \xff\xfe byte\r"), false)
	f.Add([]byte("Character set encoding: ISO-8859-1\r\n\r\nCaf\xe9 \x93q\x94 \x81\xff"), false)
	f.Add([]byte("<meta charset=latin1><p>Z\xfcrich &amp; \x80</p>"), true)
	f.Fuzz(func(t *testing.T, raw []byte, html bool) {
		name := "f.txt"
		if html {
			name = "f.html"
		}
		checkRoundTrip(t, name, raw)
	})
}

func FuzzSentences(f *testing.F) {
	f.Add("Op. cit., p. 3. Next. U.S. Government. Dec. 15, 2020. [37] The end.")
	f.Add("a.b. c! D? \"E.\" <sup>35</sup> F")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		d, err := Parse("f.txt", []byte(s), Options{})
		if err != nil {
			return // binary-looking input is skipped, not segmented
		}
		for _, sn := range d.Sentences {
			if d.ParagraphAt(sn.Start) != d.ParagraphAt(sn.End-1) {
				t.Fatalf("sentence %+v crosses paragraphs", sn)
			}
			if strings.TrimSpace(d.TextOf(sn)) != d.TextOf(sn) || sn.Len() == 0 {
				t.Fatalf("sentence %q not trimmed", d.TextOf(sn))
			}
		}
	})
}

// TestHTMLDeepNesting: unclosed elements beyond maxOpenElements are not
// kept, so memory stays bounded; the text and its offsets are unaffected.
func TestHTMLDeepNesting(t *testing.T) {
	src := strings.Repeat("<div><a href=x>", 3000) + "the the end"
	d := mustDoc(t, "deep.html", src)
	if _, _, elems := extractHTML(src); len(elems) > maxOpenElements {
		t.Errorf("%d elements kept, want at most %d", len(elems), maxOpenElements)
	}
	i := strings.Index(d.Text, "the the end")
	if i < 0 {
		t.Fatalf("text %q", d.Text[max(0, len(d.Text)-40):])
	}
	if o := d.Orig(compare.Span{Start: i, End: i + 3}); o.Start != strings.Index(src, "the the") {
		t.Errorf("maps to %+v", o)
	}
}
