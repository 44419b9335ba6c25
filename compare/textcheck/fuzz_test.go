package textcheck

import (
	"context"
	"testing"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input"
)

// FuzzCheck runs the text checks over arbitrary bytes read as text,
// Markdown or HTML: no panic, every finding and fix inside the file, and
// fixes only where the bytes they replace are UTF-8.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{
		"They concluded theTreaty and dynamic.China on December 15,2020.\n\nsafeguarding the\n\nUN system",
		"C H I N A    A E R O S P A C E\n\n## Words\n\n### Words\n",
		"The countryâ€™s cafÃ© \u00ad\u200b\ufffd (Source： X) an much newly-founded treaty based rules in six months time.",
		"He proves that \"a friend in need is a friend indeed.\"\n",
		"<html><body><h1>A B</h1><h2>A B</h2><p>theTreaty &shy; “x”</p></body></html>",
		"\xff\xfeT\x00h\x00e\x00T\x00r\x00",
		"aBaBaBaB a.Ba.B ofthe ,, \"\" '' \n\n\n",
	} {
		f.Add([]byte(s), uint8(0))
		f.Add([]byte(s), uint8(2))
	}
	f.Fuzz(func(t *testing.T, raw []byte, format uint8) {
		name := [...]string{"f.txt", "f.md", "f.html"}[format%3]
		d, err := input.Parse(name, raw, input.Options{Lenient: true})
		if err != nil {
			return
		}
		err = Check(context.Background(), d, Options{MaxPerCheck: 50}, func(fi compare.Finding) {
			if fi.Span.Start < 0 || fi.Span.End < fi.Span.Start || fi.Span.End > len(d.Raw) {
				t.Fatalf("%s: span %v outside %d bytes", fi.Check.ID, fi.Span, len(d.Raw))
			}
			if fi.Message == "" {
				t.Fatalf("%s: no message", fi.Check.ID)
			}
			if x := fi.Fix; x != nil {
				if x.Span.Start < 0 || x.Span.End < x.Span.Start || x.Span.End > len(d.Raw) || !utf8.Valid(d.Raw[x.Span.Start:x.Span.End]) {
					t.Fatalf("%s: fix %+v on %q", fi.Check.ID, x, raw)
				}
			}
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
