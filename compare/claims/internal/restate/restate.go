// Package restate compares two sentences word for word, the way the claims
// analyzer decides that one restates the other with a few words or
// figures changed.
package restate

import (
	"strings"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/claims/internal/align"
	"github.com/crosscheck/crosscheck/compare/lang"
)

// Span is a span of Text held in eight bytes.
type Span struct{ Start, End uint32 }

// SpanOf is s in eight bytes.
func SpanOf(s compare.Span) Span { return Span{uint32(s.Start), uint32(s.End)} }

// Contains reports whether o lies inside s.
func (s Span) Contains(o Span) bool { return o.Start >= s.Start && o.End <= s.End }

// Term is a word of a sentence as restatement compares it.
type Term struct {
	Text string
	Span Span
}

// Result is what comparing two sentences finds.
type Result struct {
	Similar bool
	// the figures, day numbers and month names of each with no equal in
	// the other (aligned in order), and the content words of each with no
	// equal in the other
	ValsA, ValsB, TermsA, TermsB []Span
	// the figures paired, A's then B's
	Pairs [][2]Span
}

// Changed reports whether the values va (of A) and vb (of B) are what
// changed between two sentences restated: every figure left unpaired lies
// in them, one of them at least is there, and a figure of one paired in
// the other is paired inside the other value ("three hundred and
// seventy-five thousand" and "seventy-five thousand"), not elsewhere in
// the sentence ("he composed 104 symphonies … composed nine symphonies"
// against "he composed 104 symphonies": nine was added, not changed).
func (r Result) Changed(va, vb Span) bool {
	if !r.Similar || len(r.ValsA)+len(r.ValsB) == 0 || !allWithin(r.ValsA, va) || !allWithin(r.ValsB, vb) || r.Swapped() {
		return false
	}
	for _, p := range r.Pairs {
		if va.Contains(p[0]) != vb.Contains(p[1]) {
			return false
		}
	}
	return true
}

// Swapped reports whether a content word of each sentence has no equal in
// the other: one thing put for another ("2) Piano …", "3) Guitar …"; "an
// AM transmitter", "an FM transmitter"), which makes two items of a list,
// not one claim restated with a change. A word put in or left out on one
// side only is no swap.
func (r Result) Swapped() bool { return len(r.TermsA) > 0 && len(r.TermsB) > 0 }

// Compare compares two sentences given their content words (ca, cb) and
// values (va, vb), as ReadTerms reads them: whether they are the same
// sentence but for a few words (each holds at least 80% of the other's
// content words, counted with repeats), and which figures and words of
// each have no equal in the other. Each must have minTerms content words
// or more (or one fewer, all alike), outside the spans exceptA and
// exceptB, which are left out. ca and cb are reordered in place.
func Compare(ca, va, cb, vb []Term, minTerms int, exceptA, exceptB Span) Result {
	if min(len(ca), len(cb)) < minTerms-1 {
		return Result{}
	}
	short := min(len(ca), len(cb)) < minTerms // a short sentence must be the same word for word
	ca, cb = dropWithin(ca, exceptA), dropWithin(cb, exceptB)
	ta, tb := unpaired(ca, cb), unpaired(cb, ca)
	if float64(len(ta)) > 0.2*float64(len(ca)) || float64(len(tb)) > 0.2*float64(len(cb)) || short && len(ta)+len(tb) > 0 {
		return Result{}
	}
	r := Result{Similar: true, TermsA: ta, TermsB: tb}
	r.ValsA, r.ValsB, r.Pairs = alignValues(va, vb)
	return r
}

// dropWithin removes the terms inside a span, in place.
func dropWithin(ts []Term, in Span) []Term {
	if in == (Span{}) {
		return ts
	}
	out := ts[:0]
	for _, t := range ts {
		if !in.Contains(t.Span) {
			out = append(out, t)
		}
	}
	return out
}

// alignValues pairs the values of two sentences in order (see
// align.InOrder) and returns the spans of those left over, and the pairs.
func alignValues(a, b []Term) (xa, xb []Span, pairs [][2]Span) {
	align.InOrder(a, b, sameText, func(t Term) { xa = append(xa, t.Span) },
		func(t Term) { xb = append(xb, t.Span) },
		func(p, q Term) { pairs = append(pairs, [2]Span{p.Span, q.Span}) })
	return xa, xb, pairs
}

func sameText(p, q Term) bool { return p.Text == q.Text }

// ReadTerms appends the content words and the values of a sentence's
// words to terms and vals; a multiplier ("doubled") and a rank ("ranked
// third") are values.
func ReadTerms(ws []lang.Word, terms, vals []Term) ([]Term, []Term) {
	for i, w := range ws {
		l := w.Lower
		switch {
		case l == "" || !lang.IsWordLike(l) || strings.Contains(w.Punct, "[") && lang.AllDigits(l): // a note marker, "[3]"
		case lang.IsNumeral(l) || lang.IsScaledNumeral(l) || lang.NumberWord(l) > 0 || lang.ScaleWord(l) > 0 || lang.MonthNumber(l) > 0 && w.Cap ||
			lang.ChangeAt(ws, i) || lang.RankAt(ws, i): // "doubled", "ranked third": figures
			vals = append(vals, Term{l, SpanOf(w.Span)})
		case lang.IsAcronym(w.Text):
			terms = append(terms, Term{l, SpanOf(w.Span)}) // "AM", "US": a name, not "am", "us"
		case lang.IsDeterminer(l) || lang.IsPreposition(l) || lang.IsPronoun(l) || lang.IsAuxiliary(l) || lang.IsCoordinator(l) ||
			lang.IsSubordinator(l) || lang.IsModal(l) || lang.IsFunctionWord(l) || lang.IsNegator(l):
		default:
			terms = append(terms, Term{l, SpanOf(w.Span)})
		}
	}
	return terms, vals
}

// unpaired returns the spans of a's terms with no equal left in b, each
// of b's terms the equal of one of a's at most.
func unpaired(a, b []Term) []Span {
	var out []Span
	align.Unpaired(a, b, sameText, func(t Term) { out = append(out, t.Span) })
	return out
}

// allWithin reports whether every span lies inside in.
func allWithin(spans []Span, in Span) bool {
	for _, s := range spans {
		if !in.Contains(s) {
			return false
		}
	}
	return true
}
