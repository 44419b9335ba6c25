package reuse

import (
	"time"

	"github.com/crosscheck/crosscheck/compare"
)

// Diff returns the word diff of a passage's two spans. The passage's exact
// runs are equal steps; only the gaps between them go through
// compare.WordDiff, so a passage of any length costs time in proportion to
// its edits, and a huge verbatim passage is one equal step rather than
// WordDiff's coarse fallback. A passage built by hand (without runs) is
// diffed whole with compare.WordDiff.
func Diff(a, b *compare.Document, p Passage, timeout time.Duration) []compare.DiffOp {
	if len(p.runs) == 0 {
		return compare.WordDiff(a, p.A, b, p.B, timeout)
	}
	at, bt := a.Tokens, b.Tokens
	var ops []compare.DiffOp
	add := func(op compare.DiffOp) {
		if k := len(ops) - 1; k >= 0 && ops[k].Op == op.Op && op.Op == "equal" {
			ops[k].A.End, ops[k].B.End = op.A.End, op.B.End
			return
		}
		ops = append(ops, op)
	}
	for i, r := range p.runs {
		if i > 0 {
			prev := p.runs[i-1]
			ga := gapSpan(at, prev.aEnd(), r.a)
			gb := gapSpan(bt, prev.bEnd(), r.b)
			if ga.Len() > 0 || gb.Len() > 0 {
				for _, op := range compare.WordDiff(a, ga, b, gb, timeout) {
					add(op)
				}
			}
		}
		add(compare.DiffOp{Op: "equal",
			A: compare.Span{Start: at[r.a].Start(), End: at[r.aEnd()-1].End()},
			B: compare.Span{Start: bt[r.b].Start(), End: bt[r.bEnd()-1].End()}})
	}
	return ops
}

// gapSpan is the span of tokens i..j-1, or the empty span where token j
// starts when there are none.
func gapSpan(toks []compare.Token, i, j int32) compare.Span {
	if j > i {
		return compare.Span{Start: toks[i].Start(), End: toks[j-1].End()}
	}
	return compare.Span{Start: toks[j].Start(), End: toks[j].Start()}
}

// DiffOpDetail is one step of a word diff for machine output: its kind,
// ORIGINAL byte offsets on both sides (the unused side of a delete or an
// insert is empty, at the place the words would go), how many words it
// covers, and the words themselves for deletions and insertions.
type DiffOpDetail struct {
	Op      string `json:"op"`
	AOffset int    `json:"a_offset"`
	AEnd    int    `json:"a_end_offset"`
	BOffset int    `json:"b_offset"`
	BEnd    int    `json:"b_end_offset"`
	Words   int    `json:"words"`
	Text    string `json:"text,omitempty"`
}

// DiffDetails converts diff steps to their machine form.
func DiffDetails(ops []compare.DiffOp, a, b *compare.Document) []DiffOpDetail {
	out := make([]DiffOpDetail, 0, len(ops))
	for _, op := range ops {
		oa, ob := a.Orig(op.A), b.Orig(op.B)
		d := DiffOpDetail{Op: op.Op, AOffset: oa.Start, AEnd: oa.End, BOffset: ob.Start, BEnd: ob.End}
		switch op.Op {
		case "equal", "delete":
			d.Words = wordsIn(a, op.A)
			if op.Op == "delete" {
				d.Text = a.Excerpt(oa, 200)
			}
		case "insert":
			d.Words = wordsIn(b, op.B)
			d.Text = b.Excerpt(ob, 200)
		}
		out = append(out, d)
	}
	return out
}

// wordsIn counts the tokens lying wholly inside span s of d.
func wordsIn(d *compare.Document, s compare.Span) int {
	i, j := d.TokensIn(s)
	return j - i
}
