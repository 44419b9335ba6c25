package compare

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// DiffOp is one step of a word diff between a span of document A and a span
// of document B: words kept ("equal"), words only in A ("delete") and words
// only in B ("insert"). Spans are Text coordinates of each side, running
// from the first word of the step to the end of its last word; the unused
// side of a delete or insert is an empty span at the place it would go.
type DiffOp struct {
	Op string // "equal", "delete" or "insert"
	A  Span
	B  Span
}

// DefaultDiffTimeout bounds the time one word diff may take; past it the
// diff is coarser but still correct.
const DefaultDiffTimeout = 200 * time.Millisecond

// maxDiffWords is the size past which passages are not diffed word by word:
// the result is one replacement, which is correct, only coarse.
const maxDiffWords = 50000

// WordDiff compares the words of a span of a with the words of a span of b,
// ignoring case, punctuation and spacing. go-diff has no word mode, so each
// distinct word becomes one private-use rune and the rune strings are
// diffed, within timeout (DefaultDiffTimeout when zero).
func WordDiff(a *Document, as Span, b *Document, bs Span, timeout time.Duration) []DiffOp {
	if timeout <= 0 {
		timeout = DefaultDiffTimeout
	}
	ai, aj := a.TokensIn(as)
	bi, bj := b.TokensIn(bs)
	if aj-ai > maxDiffWords || bj-bi > maxDiffWords {
		var ops []DiffOp
		if aj > ai {
			ops = append(ops, DiffOp{"delete", Span{a.Tokens[ai].Start(), a.Tokens[aj-1].End()}, Span{bs.Start, bs.Start}})
		}
		if bj > bi {
			ops = append(ops, DiffOp{"insert", Span{as.End, as.End}, Span{b.Tokens[bi].Start(), b.Tokens[bj-1].End()}})
		}
		return ops
	}
	runeOf := map[uint64]rune{}
	next := rune(0xE000)
	enc := func(keys []uint64) []rune {
		rs := make([]rune, len(keys))
		for i, k := range keys {
			r, ok := runeOf[k]
			if !ok {
				r = next
				runeOf[k] = r
				next++
				if next == 0xF900 { // past the BMP private use area: plane 15
					next = 0xF0000
				}
			}
			rs[i] = r
		}
		return rs
	}
	ra, rb := enc(a.tokenKeysIn(ai, aj)), enc(b.tokenKeysIn(bi, bj))
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = timeout
	diffs := dmp.DiffMainRunes(ra, rb, false)
	var ops []DiffOp
	x, y := ai, bi // next token on each side
	edge := func(d *Document, i, j int, fallback int) Span {
		if j > i {
			return Span{d.Tokens[i].Start(), d.Tokens[j-1].End()}
		}
		return Span{fallback, fallback}
	}
	posA := func() int {
		if x < aj {
			return a.Tokens[x].Start()
		}
		return as.End
	}
	posB := func() int {
		if y < bj {
			return b.Tokens[y].Start()
		}
		return bs.End
	}
	for _, d := range diffs {
		n := utf8.RuneCountInString(d.Text)
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			ops = append(ops, DiffOp{"equal", edge(a, x, x+n, posA()), edge(b, y, y+n, posB())})
			x += n
			y += n
		case diffmatchpatch.DiffDelete:
			ops = append(ops, DiffOp{"delete", edge(a, x, x+n, posA()), Span{posB(), posB()}})
			x += n
		case diffmatchpatch.DiffInsert:
			ops = append(ops, DiffOp{"insert", Span{posA(), posA()}, edge(b, y, y+n, posB())})
			y += n
		}
	}
	return ops
}

// DiffStats counts the words each kind of step covers.
type DiffStats struct {
	Equal, Deleted, Inserted int
}

// Stats counts words per kind of step; a and b are the documents diffed.
func Stats(ops []DiffOp, a, b *Document) DiffStats {
	var s DiffStats
	for _, op := range ops {
		switch op.Op {
		case "equal":
			i, j := a.TokensIn(op.A)
			s.Equal += j - i
		case "delete":
			i, j := a.TokensIn(op.A)
			s.Deleted += j - i
		case "insert":
			i, j := b.TokensIn(op.B)
			s.Inserted += j - i
		}
	}
	return s
}

// FormatWordDiff renders a word diff inline, in the style of git's
// --word-diff: B's text with words only in A as [-…-] and words only in B as
// {+…+}. Long equal runs are cut in the middle with " … " when maxEqual > 0.
func FormatWordDiff(ops []DiffOp, a, b *Document, maxEqual int) string {
	var sb strings.Builder
	for i, op := range ops {
		if i > 0 {
			sb.WriteByte(' ')
		}
		switch op.Op {
		case "equal":
			s := b.TextOf(op.B)
			if w := 4*maxEqual + 16; maxEqual > 0 && len(s) > 2*w {
				// Only the ends of a long run are shown: keep enough of each
				// end rather than collapse megabytes of text to cut them.
				s = s[:runeStart(s, w)] + " " + s[runeStart(s, len(s)-w):]
			}
			t := collapseSpace(s)
			if maxEqual > 0 && utf8.RuneCountInString(t) > maxEqual {
				t = cutMiddle(t, maxEqual)
			}
			sb.WriteString(t)
		case "delete":
			sb.WriteString("[-" + collapseSpace(a.TextOf(op.A)) + "-]")
		case "insert":
			sb.WriteString("{+" + collapseSpace(b.TextOf(op.B)) + "+}")
		}
	}
	return sb.String()
}

// runeStart moves i back to the start of the rune it falls in.
func runeStart(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

// cutMiddle shortens s to about n code points by dropping words from its
// middle, so the cut never falls inside a word.
func cutMiddle(s string, n int) string {
	words := strings.Fields(s)
	if utf8.RuneCountInString(s) <= n || len(words) < 3 {
		return s
	}
	budget := (n - 3) / 2
	var head, tail []string
	used := 0
	for _, w := range words {
		if used+utf8.RuneCountInString(w)+1 > budget && len(head) > 0 {
			break
		}
		head = append(head, w)
		used += utf8.RuneCountInString(w) + 1
	}
	used = 0
	for i := len(words) - 1; i >= len(head); i-- {
		w := words[i]
		if used+utf8.RuneCountInString(w)+1 > budget && len(tail) > 0 {
			break
		}
		tail = append([]string{w}, tail...)
		used += utf8.RuneCountInString(w) + 1
	}
	if len(head)+len(tail) >= len(words) {
		return s
	}
	return strings.Join(head, " ") + " … " + strings.Join(tail, " ")
}
