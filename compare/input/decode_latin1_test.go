package input

import (
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
)

// TestDeclaresLatin1: the declarations of a Latin-1 charset, and what is
// not one.
func TestDeclaresLatin1(t *testing.T) {
	for _, tc := range []struct {
		head string
		want bool
	}{
		{`<meta charset="ISO-8859-1">`, true},
		{`<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">`, true},
		{`<?xml version="1.0" encoding='iso-8859-15'?>`, true},
		{"Title: X\r\nCharacter set encoding: ISO Latin-1\r\n", true},
		{"Character set encoding: ISO-8859-1\n", true},
		{"Character set encoding: Latin1\n", true},
		{`<meta charset="utf-8">`, false},
		{`<meta charset="iso-8859-2">`, false},
		{`charset=latin10`, false},
		{`the word encoding= appears, then charset=us-ascii`, true},
		{"no declaration at all", false},
	} {
		if got := declaresLatin1([]byte(tc.head)); got != tc.want {
			t.Errorf("%q: %v, want %v", tc.head, got, tc.want)
		}
	}
}

// TestWindows1252: every byte is one character (curly quotes, folded in
// Text), the C1 range as
// windows-1252 has it, and offsets map back byte for byte.
func TestWindows1252(t *testing.T) {
	raw := []byte("Character set encoding: ISO-8859-1\n\nNa\xefve \x93caf\xe9\x94 \x80 \x81.\n")
	d, err := Parse("x.txt", raw, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Encoding != "windows-1252" {
		t.Fatalf("encoding %q", d.Encoding)
	}
	if want := "Naïve \"café\" € \u0081."; !strings.Contains(d.Text, want) {
		t.Fatalf("text %q lacks %q", d.Text, want)
	}
	i := strings.Index(d.Text, "café")
	o := d.Orig(compare.Span{Start: i, End: i + len("café")})
	if got := string(raw[o.Start:o.End]); got != "caf\xe9" {
		t.Errorf("café maps to bytes %d–%d, %q", o.Start, o.End, got)
	}
	if p := d.Position(o.Start); p.Line != 3 || p.Column != 8 {
		t.Errorf("café at %d:%d, want 3:8", p.Line, p.Column)
	}
}
