package report

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/compare"
)

// FingerprintVersion names the recipe of Fingerprint; it is part of the
// SARIF partialFingerprints key so that a changed recipe never matches old
// fingerprints by accident.
const FingerprintVersion = "crosscheck/v1"

// ContextWords is how many words on each side of a finding go into its
// fingerprint.
const ContextWords = 4

// Fingerprint identifies a finding across runs and edits, for SARIF's
// partialFingerprints and for baselines: 32 hex digits of the SHA-256 of
//
//	check ID, NUL, the finding's normalised text, NUL,
//	the ContextWords words before it, NUL, the ContextWords words after it
//
// where the text is the document's normalised Text (NFC, quotes and dashes
// folded) lower-cased with every run of white space made one space, and
// context words are the document's word tokens in the finding's paragraph,
// lower-cased. Line numbers, offsets
// and the file path are left out on purpose: a finding keeps its
// fingerprint when lines are added above it, when its paragraph is
// re-wrapped, or when the file is renamed. Two identical findings in the
// same words of context share a fingerprint; a baseline should match on
// (path, fingerprint) and count occurrences.
func Fingerprint(f compare.Finding) string {
	d := f.Doc
	t := d.TextSpan(f.Span)
	h := sha256.New()
	buf := foldBufs.Get().(*[foldBuf]byte)
	defer foldBufs.Put(buf)
	h.Write([]byte(f.Check.ID))
	h.Write([]byte{0})
	writeFolded(h, buf, d.Text[t.Start:t.End])
	h.Write([]byte{0})
	// context words come from the finding's paragraph only, so edits to
	// the paragraphs around it leave the fingerprint alone
	para := compare.Span{Start: 0, End: len(d.Text)}
	if p := d.ParagraphAt(t.Start); p >= 0 {
		para = d.Paragraphs[p]
	}
	first := d.TokenAt(t.Start) // first token ending after the start
	for i := max(0, first-ContextWords); i < first; i++ {
		if d.Tokens[i].Start() >= para.Start {
			writeFolded(h, buf, d.TextOf(d.Tokens[i].Span()))
			h.Write([]byte{' '})
		}
	}
	h.Write([]byte{0})
	after := d.TokenAt(t.End)
	for after < len(d.Tokens) && d.Tokens[after].Start() < t.End {
		after++
	}
	for i := after; i < min(len(d.Tokens), after+ContextWords) && d.Tokens[i].End() <= para.End; i++ {
		writeFolded(h, buf, d.TextOf(d.Tokens[i].Span()))
		h.Write([]byte{' '})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// foldBuf is the size of writeFolded's buffer.
const foldBuf = 4096

// foldBufs lends writeFolded its buffers: one on the stack escapes (h is
// an interface), and a fresh one per call was, on 10 MB of claims, a
// third of everything the command allocated.
var foldBufs = sync.Pool{New: func() any { return new([foldBuf]byte) }}

// writeFolded writes s lower-cased, with each run of white space as one
// space and no white space at either end, through a small buffer rather
// than a copy of s (a finding may span megabytes).
func writeFolded(h hash.Hash, buf *[foldBuf]byte, s string) {
	n := 0
	space := false
	wrote := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = wrote
			continue
		}
		if n > len(buf)-1-utf8.UTFMax {
			h.Write(buf[:n])
			n = 0
		}
		if space {
			buf[n] = ' '
			n++
			space = false
		}
		n += utf8.EncodeRune(buf[n:], unicode.ToLower(r))
		wrote = true
	}
	h.Write(buf[:n])
}
