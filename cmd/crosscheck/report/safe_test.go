package report

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSafeTerminal(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"plain.txt", "plain.txt"},
		{"naïve café 中文 — “quoted”", "naïve café 中文 — “quoted”"},
		{`C:\dir\file.txt`, `C:\dir\file.txt`}, // no escape in sight: backslashes stay
		{`\cite{x}`, `\cite{x}`},
		{"a\x1b[31mred", `a\x1b[31mred`},
		{"o\x1b]8;;http://evil/\x07link", `o\x1b]8;;http://evil/\x07link`},
		{"tab\there", `tab\x09here`},
		{"cr\rlf\n", `cr\x0dlf\x0a`},
		{"del\x7f", `del\x7f`},
		{"c1\u0085\u009b", `c1\u0085\u009b`},
		{"bad\xff\xfe", `bad\xff\xfe`},
		{"rlo\u202eevil\u202c", `rlo\u202eevil\u202c`},
		{"iso\u2066x\u2069", `iso\u2066x\u2069`},
		{"zw\u200b\u200c\u200d\ufeff", `zw\u200b\u200c\u200d\ufeff`},
		{"ls\u2028ps\u2029", `ls\u2028ps\u2029`},
		{"tag\U000E0041", `tag\U000e0041`},
		{"soft\u00adhyphen", `soft\u00adhyphen`},
		// workflow commands
		{"::stop-commands::tok", `\x3a:stop-commands::tok`},
		{":::", `\x3a::`},
		{"  ::x", `  \x3a:x`},
		{"\u00a0\u3000::x", "\u00a0\u3000" + `\x3a:x`}, // the runner trims Unicode white space
		{"\t::x", `\x09\x3a:x`},
		{"a:b: c", "a:b: c"},
		{"Asbestos News :: Mesothelioma", "Asbestos News :: Mesothelioma"}, // inside the text: no line starts here
		{"std::vector", "std::vector"},
		{"##[error]x", `\x23#[error]x`},
		{"###[x", `#\x23#[x`},
		{"# heading [x]", "# heading [x]"},
		{"%0A::error::x", "%0A::error::x"},
		{"a\n::error::x", `a\x0a::error::x`}, // on one line now, so "::" starts none
		// injectivity: once escaping, every backslash doubles
		{`a\x1b.txt`, `a\\x1b.txt`},
		{`a\u202e`, `a\\u202e`},
		{`a\\b`, `a\\b`}, // a doubled backslash alone: as it is
		{`L.replace(/\'/a,"\\\");`, `L.replace(/\'/a,"\\\");`},
		{`a\\x`, `a\\\\x`},
		{"a\\x1b\x1b", `a\\x1b\x1b`},
		{`C:\dir` + "\x1b", `C:\\dir\x1b`},
	} {
		if got := Safe(Terminal, tt.in); got != tt.want {
			t.Errorf("Safe(Terminal, %q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSafeTerminalWrapped(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"plain/path.txt", "plain/path.txt"},
		{"docs/::stop-commands::tok.txt", `docs/\x3a:stop-commands\x3a:tok.txt`},
		{":::", `\x3a\x3a:`},
		{"a::", `a\x3a:`},
		{"##[x", `\x23#[x`},
		{`a\x1b`, `a\\x1b`}, // looks like an escape: doubled
		{"a::" + `\x1b`, `a\x3a:\\x1b`},
	} {
		if got := Safe(TerminalWrapped, tt.in); got != tt.want {
			t.Errorf("Safe(TerminalWrapped, %q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSafeGitHub(t *testing.T) {
	for _, tt := range []struct {
		ch       Channel
		in, want string
	}{
		{GitHubData, "100% sure", "100%25 sure"},
		{GitHubData, "%0A::error::x", `%250A::error::x`},
		{GitHubData, "a\nb\r", `a\x0ab\x0d`},
		{GitHubData, "a: b, c", "a: b, c"},
		{GitHubData, "\x1b[2J", `\x1b[2J`},
		{GitHubProperty, "a: b, c", "a%3A b%2C c"},
		{GitHubProperty, "dir, with: 100%/a.txt", "dir%2C with%3A 100%25/a.txt"},
		{GitHubProperty, "::x", `\x3a%3Ax`},
		{GitHubProperty, "a::x", `a%3A%3Ax`},
		{GitHubProperty, "%2C", "%252C"},
	} {
		if got := Safe(tt.ch, tt.in); got != tt.want {
			t.Errorf("Safe(%d, %q) = %q, want %q", tt.ch, tt.in, got, tt.want)
		}
	}
}

// runnerUnescape undoes GitHubData or GitHubProperty as the Actions runner
// does (ActionCommand.UnescapeData and UnescapeProperty).
func runnerUnescape(s string, property bool) string {
	s = strings.ReplaceAll(s, "%0D", "\r")
	s = strings.ReplaceAll(s, "%0A", "\n")
	if property {
		s = strings.ReplaceAll(s, "%3A", ":")
		s = strings.ReplaceAll(s, "%2C", ",")
	}
	return strings.ReplaceAll(s, "%25", "%")
}

// TestSafeGitHubRoundTrip: what the runner unescapes is the Terminal form.
func TestSafeGitHubRoundTrip(t *testing.T) {
	for _, in := range []string{"%0A", "%250A", "a:b,c%d", "%3A%2C", "x\ny", "100%% %%0D", "::a::b"} {
		if got := runnerUnescape(Safe(GitHubData, in), false); got != Safe(Terminal, in) {
			t.Errorf("data %q reads back as %q", in, got)
		}
		p := Safe(GitHubProperty, in)
		if strings.ContainsAny(p, ":,\r\n") {
			t.Errorf("property %q holds a character that ends it: %q", in, p)
		}
		if got := runnerUnescape(p, true); got != Safe(Terminal, in) {
			t.Errorf("property %q reads back as %q", in, got)
		}
	}
}

func TestSafeCSV(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"plain", "plain"},
		{"", ""},
		{`=HYPERLINK("http://evil/","x")`, `'=HYPERLINK("http://evil/","x")`},
		{"+cmd", "'+cmd"},
		{"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"@SUM(1)", "'@SUM(1)"},
		{"\tx", `\x09x`},
		{"\r=1", `\x0d=1`},
		{"'quoted", "''quoted"},
		{"-3", "-3"},
		{"+1.5", "+1.5"},
		{"-.5", "-.5"},
		{"-2e3", "-2e3"},
		{"-", "'-"},
		{"-e3", "'-e3"},
		{"-3e", "'-3e"},
		{"-3 apples", "'-3 apples"},
		{"a=b", "a=b"},
		{"line\nbreak", `line\x0abreak`},
	} {
		if got := Safe(CSV, tt.in); got != tt.want {
			t.Errorf("Safe(CSV, %q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSafeMarkdown(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"001_66c0.txt", "001_66c0.txt"},
		{"a | b", `a \| b`},
		{"<script>", `\<script\>`},
		{"&copy;", "&amp;copy;"},
		{"@user #12 [x](y)", `\@user \#12 \[x\](y)`},
		{"a\x1b.txt", `a\\x1b.txt`},
		{`a\x1b.txt`, `a\\\\x1b.txt`},
		{"two\nlines", `two\\x0alines`},
		{"  padded  ", "padded"},
	} {
		if got := Safe(Markdown, tt.in); got != tt.want {
			t.Errorf("Safe(Markdown, %q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// unescape reads a Terminal string back: one with no \x, \u or \U in it
// is the string itself, any other is undone escape by escape.
func unescape(s string) (string, bool) {
	if !strings.Contains(s, `\x`) && !strings.Contains(s, `\u`) && !strings.Contains(s, `\U`) {
		return s, true
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 >= len(s) {
			return "", false
		}
		var digits int
		switch s[i+1] {
		case '\\':
			b.WriteByte('\\')
			i++
			continue
		case 'x':
			digits = 2
		case 'u':
			digits = 4
		case 'U':
			digits = 8
		default:
			return "", false
		}
		if i+2+digits > len(s) {
			return "", false
		}
		n, err := strconv.ParseUint(s[i+2:i+2+digits], 16, 32)
		if err != nil {
			return "", false
		}
		if digits == 2 {
			b.WriteByte(byte(n))
		} else {
			b.WriteRune(rune(n))
		}
		i += 1 + digits
	}
	return b.String(), true
}

// TestSafeInjective: every Terminal string reads back as what was escaped,
// so no two strings print alike.
func TestSafeInjective(t *testing.T) {
	for _, in := range []string{
		"", "plain", `a\x1b.txt`, "a\x1b.txt", `a\\x1b`, `a\\b`, `a\\b` + "\x1b", `\\\x`, `\`, `a\`, `\x`, `\u202e`, "\u202e", `\U000e0041`, "\U000e0041",
		"a\x85", "a\u0085", "::", `\x3a:`, "##[", `\x23#[`, `C:\dir`, `C:\dir` + "\x00", "tab\t", `tab\x09`,
	} {
		checkRoundTrip(t, in)
	}
}

func checkRoundTrip(t *testing.T, in string) {
	t.Helper()
	out := Safe(Terminal, in)
	back, ok := unescape(out)
	if !ok || back != in {
		t.Errorf("Safe(Terminal, %q) = %q reads back as %q (%v)", in, out, back, ok)
	}
	if !utf8.ValidString(out) {
		t.Errorf("Safe(Terminal, %q) = %q is not UTF-8", in, out)
	}
}

func FuzzSafeInjective(f *testing.F) {
	for _, s := range []string{`a\x1b.txt`, "a\x1b.txt", "::x::", "##[e]", "\u202e\xff\\", `\\\u`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkRoundTrip(t, s)
		out := Safe(Terminal, s)
		if strings.HasPrefix(strings.TrimLeftFunc(out, unicode.IsSpace), "::") || strings.Contains(out, "##[") {
			t.Errorf("Safe(Terminal, %q) = %q can start a workflow command", s, out)
		}
		if w := Safe(TerminalWrapped, s); strings.Contains(w, "::") || strings.Contains(w, "##[") {
			t.Errorf("Safe(TerminalWrapped, %q) = %q can start a workflow command on some line", s, w)
		}
		if back, ok := unescape(Safe(TerminalWrapped, s)); !ok || back != s {
			t.Errorf("Safe(TerminalWrapped, %q) reads back as %q", s, back)
		}
		for _, r := range out {
			if hidden(r) || r < 0x20 || r == 0x7f {
				t.Errorf("Safe(Terminal, %q) = %q holds %U", s, out, r)
			}
		}
	})
}

func TestClip(t *testing.T) {
	long := strings.Repeat("é", MaxQuote+50)
	name := "dir/" + strings.Repeat("n", 255) + "/" + strings.Repeat("m", 255) + ".txt"
	for _, tt := range []struct{ in, want string }{
		{"short", "short"},
		{`field "title": undefined macro "` + long + `" here`, `field "title": undefined macro "` + strings.Repeat("é", MaxQuote) + `…" here`},
		{"same claim: “" + long + "” in " + name, "same claim: “" + strings.Repeat("é", MaxQuote) + "…” in " + name},
		{`a "` + long, `a "` + long}, // not closed: not a quote
		{`"\"` + strings.Repeat("b", MaxQuote+1) + `"`, `"\"` + strings.Repeat("b", MaxQuote-2) + `…"`}, // an escape counts as two
		{`"` + strings.Repeat("b", MaxQuote-1) + `\"x"`, `"` + strings.Repeat("b", MaxQuote-1) + `…"`},  // no dangling backslash
		{"in " + name + " and " + name, "in " + name + " and " + name},
		{"key source." + strings.Repeat("d", 5000) + " end", "key source." + strings.Repeat("d", MaxRun-len("source.")) + "… end"},
	} {
		if got := Clip(tt.in); got != tt.want {
			t.Errorf("Clip(%.80q…) =\n%.300q\nwant\n%.300q", tt.in, got, tt.want)
		}
	}
	if got := Clip(strings.Repeat("a b/", 1<<20)); len(got) > MaxMessage+len("…") || !strings.HasSuffix(got, "…") {
		t.Errorf("Clip of 4 MiB: %d bytes", len(got))
	}
}

// TestClipBigQuote: the 9 MB BibTeX value quoted in a parse error comes
// out as a few hundred bytes.
func TestClipBigQuote(t *testing.T) {
	in := `line 1: field "title": undefined macro "` + strings.Repeat("a", 9_000_000) + `"`
	got := Clip(in)
	if len(got) > 300 {
		t.Errorf("Clip of a 9 MB quote: %d bytes: %.100q", len(got), got)
	}
}

// TestJSONWriter: the JSON formats' text reads back as encoding/json wrote
// it, with no hidden character and no "##[" left in it.
func TestJSONWriter(t *testing.T) {
	v := map[string]string{"##[error]x": "a\u202eb\u200b\x7f\u0085\U000E0041 ##[stop-commands]t \x1b"}
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	n, err := jsonWriter{&buf}.Write(raw)
	if err != nil || n != len(raw) {
		t.Fatalf("Write = %d, %v; want %d", n, err, len(raw))
	}
	out := buf.String()
	for _, r := range out {
		if hidden(r) || r == 0x7f {
			t.Errorf("%U left in %q", r, out)
		}
	}
	if strings.Contains(out, "##[") {
		t.Errorf("##[ left in %q", out)
	}
	var back map[string]string
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil || len(back) != 1 || back["##[error]x"] != v["##[error]x"] {
		t.Errorf("reads back as %q (%v), want %q", back, err, v)
	}
}

// TestHTMLWriter: a pattern or a character split between two Writes is
// escaped as if written at once.
func TestHTMLWriter(t *testing.T) {
	whole := "a::b ##[error]c \u202e d\x1b\t\n::x 中 e\rf\r\n::"
	want := string(htmlEscape([]byte(whole), len(whole)))
	if strings.Contains(want, "::") || strings.Contains(want, "##[") || strings.ContainsAny(want, "\u202e\x1b") ||
		!strings.Contains(want, "e&#xd;f\r\n") {
		t.Fatalf("htmlEscape left a pattern: %q", want)
	}
	for cut1 := 0; cut1 <= len(whole); cut1++ {
		for cut2 := cut1; cut2 <= len(whole); cut2++ {
			var buf bytes.Buffer
			h := &htmlWriter{w: &buf}
			for _, part := range []string{whole[:cut1], whole[cut1:cut2], whole[cut2:]} {
				if n, err := h.Write([]byte(part)); err != nil || n != len(part) {
					t.Fatalf("Write = %d, %v", n, err)
				}
			}
			if err := h.Flush(); err != nil {
				t.Fatal(err)
			}
			if got := buf.String(); got != want {
				t.Fatalf("cut at %d, %d: %q, want %q", cut1, cut2, got, want)
			}
		}
	}
}

// TestHTMLAssets: the page's own style, script and template hold nothing
// htmlWriter rewrites, so their hashes in the content security policy
// still match what the browser reads.
func TestHTMLAssets(t *testing.T) {
	for name, text := range map[string]string{"css": htmlCSS, "js": htmlJS} {
		if got := string(htmlEscape([]byte(text), len(text))); got != text {
			t.Errorf("htmlWriter would change the page's %s", name)
		}
	}
}
