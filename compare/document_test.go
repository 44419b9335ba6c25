package compare

import (
	"errors"
	"testing"
	"unsafe"
)

func TestTokenIsCompact(t *testing.T) {
	if n := unsafe.Sizeof(Token{}); n != 8 {
		t.Errorf("Token is %d bytes, want 8", n)
	}
	tok := TokenOf(Span{Start: 3, End: 10})
	if tok.Start() != 3 || tok.End() != 10 || tok.Len() != 7 || tok.Span() != (Span{3, 10}) {
		t.Errorf("TokenOf(3, 10) = %+v", tok)
	}
}

// A text longer than a token's offsets can hold is refused as an input
// error, not tokenized with offsets wrapped.
func TestAssembleRefusesTooLongText(t *testing.T) {
	defer func(m int) { maxTextBytes = m }(maxTextBytes)
	maxTextBytes = 11
	text := "one two three"
	_, err := Assemble(Parts{Path: "big.txt", Raw: []byte(text), Format: "text", Encoding: "utf-8", Source: text, ASCII: true})
	var ie *InputError
	if !errors.As(err, &ie) || ie.Path != "big.txt" {
		t.Fatalf("Assemble of %d bytes with a limit of %d: err %v, want an *InputError", len(text), maxTextBytes, err)
	}
	maxTextBytes = len(text)
	d, err := Assemble(Parts{Path: "ok.txt", Raw: []byte(text), Format: "text", Encoding: "utf-8", Source: text, ASCII: true})
	if err != nil || len(d.Tokens) != 3 || d.Tokens[2].End() != len(text) {
		t.Fatalf("Assemble at the limit: %v, %+v", err, d)
	}
}
