package reuse

import (
	"slices"

	"github.com/crosscheck/crosscheck/compare/reuse/internal/gram"
)

// Edge extension: a passage's first and last seeds need SeedWords equal
// words in a row, so a word changed near an edge would cut off the words
// beyond it. Past each edge, a small global alignment (match +1, mismatch or
// gap −1) over the next few words on both sides finds the best-scoring end;
// the passage grows to it when the score is positive and a shared word there
// is not a stop word. It repeats while it gains.

// maxExtendWords bounds the window one extension step looks at, and
// maxExtendSteps how many steps one edge takes: extension bridges edits at
// a passage's edges; longer stretches are the seeds' and chaining's job,
// and an unbounded walk would cross every chain beyond it word by word.
const (
	maxExtendWords = 16
	maxExtendSteps = 4
)

// extendChain extends both edges of c (see above) and returns how many
// runs it added.
func extendChain(c *chain, A, B side, self bool, maxGap int) (added int) {
	e := min(maxGap+1, maxExtendWords)
	if e <= 1 {
		return 0
	}
	var before []run // runs found leftwards, nearest first: prepended once
	for step := 0; step < maxExtendSteps; step++ {
		bLim := B.lo
		if self {
			bLim = max(bLim, int(c.aEnd))
		}
		ext := extendEdge(A.keys, B.keys, int(c.aStart), int(c.bStart), A.lo, bLim, e, -1)
		if len(ext) == 0 {
			break
		}
		for i := len(ext) - 1; i >= 0; i-- {
			before = append(before, ext[i])
		}
		c.aStart, c.bStart = ext[0].a, ext[0].b
	}
	if len(before) > 0 {
		slices.Reverse(before)
		c.runs = append(before, c.runs...)
		added = len(before)
	}
	for step := 0; step < maxExtendSteps; step++ {
		aLim := A.hi
		if self {
			aLim = min(aLim, int(c.bStart))
		}
		ext := extendEdge(A.keys, B.keys, int(c.aEnd), int(c.bEnd), aLim, B.hi, e, +1)
		if len(ext) == 0 {
			break
		}
		c.runs = append(c.runs, ext...)
		added += len(ext)
		last := ext[len(ext)-1]
		c.aEnd, c.bEnd = last.aEnd(), last.bEnd()
	}
	return added
}

// extendEdge aligns up to e words beyond a0 in A and b0 in B, going left
// (dir < 0: the words before a0 and b0, down to the limits) or right (dir >
// 0: from a0 and b0 up to the limits), and returns the shared words of the
// best-scoring alignment as runs in ascending order, or nil.
func extendEdge(ak, bk []uint64, a0, b0, aLim, bLim, e, dir int) []run {
	var n, m int
	if dir < 0 {
		n, m = min(e, a0-aLim), min(e, b0-bLim)
	} else {
		n, m = min(e, aLim-a0), min(e, bLim-b0)
	}
	if n <= 0 || m <= 0 {
		return nil
	}
	pos := func(base, x int) int { // token index of the x-th word (1-based) past the edge
		if dir < 0 {
			return base - x
		}
		return base + x - 1
	}
	const w = maxExtendWords + 1
	var wa, wb [w]uint64 // the words past the edge, wa[x] the x-th
	for x := 1; x <= n; x++ {
		wa[x] = ak[pos(a0, x)]
	}
	for y := 1; y <= m; y++ {
		wb[y] = bk[pos(b0, y)]
	}
	var score [w][w]int8
	var from [w][w]uint8 // 0 diagonal, 1 up (A word alone), 2 left (B word alone)
	for x := 1; x <= n; x++ {
		score[x][0] = int8(-x)
		from[x][0] = 1
	}
	for y := 1; y <= m; y++ {
		score[0][y] = int8(-y)
		from[0][y] = 2
	}
	bestX, bestY, best := 0, 0, int8(0)
	for x := 1; x <= n; x++ {
		ka := wa[x]
		for y := 1; y <= m; y++ {
			eq := ka == wb[y]
			s, f := score[x-1][y-1]-1, uint8(0)
			if eq {
				s += 2
			}
			if u := score[x-1][y] - 1; u > s {
				s, f = u, 1
			}
			if l := score[x][y-1] - 1; l > s {
				s, f = l, 2
			}
			score[x][y], from[x][y] = s, f
			if eq && f == 0 && s > best {
				bestX, bestY, best = x, y, s
			}
		}
	}
	if best <= 0 {
		return nil
	}
	// Trace back the shared words from the best cell to the edge.
	var matches [][2]int
	content := false
	for x, y := bestX, bestY; x > 0 || y > 0; {
		switch from[x][y] {
		case 0:
			a, b := pos(a0, x), pos(b0, y)
			if ak[a] == bk[b] {
				matches = append(matches, [2]int{a, b})
				if !gram.IsStop(ak[a]) {
					content = true
				}
			}
			x, y = x-1, y-1
		case 1:
			x--
		default:
			y--
		}
	}
	if !content {
		return nil
	}
	// matches run from the far end to the edge for dir > 0, and from the
	// edge outwards for dir < 0 reversed; sort ascending by token index.
	if dir > 0 {
		for i, j := 0, len(matches)-1; i < j; i, j = i+1, j-1 {
			matches[i], matches[j] = matches[j], matches[i]
		}
	}
	var out []run
	for _, mt := range matches {
		a, b := int32(mt[0]), int32(mt[1])
		if k := len(out) - 1; k >= 0 && out[k].aEnd() == a && out[k].bEnd() == b {
			out[k].n++
			continue
		}
		out = append(out, run{a, b, 1})
	}
	return out
}
