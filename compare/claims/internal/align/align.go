// Package align pairs the equal items of two short sequences, the way the
// claims analyzer compares the words and figures of two sentences: as
// multisets, or in order (a longest common subsequence).
package align

// MaxInOrder bounds the items aligned in order; longer sequences (tables)
// are paired as multisets.
const MaxInOrder = 256

// Unpaired calls left, in order, with each item of a that has no equal
// left in b, each item of b the equal of one of a's at most.
func Unpaired[T any](a, b []T, eq func(x, y T) bool, left func(x T)) {
	var small [2]uint64 // b's items taken, when there are few
	var taken []bool
	if len(b) > 128 {
		taken = make([]bool, len(b))
	}
next:
	for _, p := range a {
		for j, q := range b {
			if !eq(q, p) {
				continue
			}
			if taken != nil {
				if !taken[j] {
					taken[j] = true
					continue next
				}
			} else if small[j>>6]&(1<<(j&63)) == 0 {
				small[j>>6] |= 1 << (j & 63)
				continue next
			}
		}
		left(p)
	}
}

// InOrder pairs the items of a and b in order, as a longest common
// subsequence, so that "five feet high … twelve feet deep" against "twelve
// feet high … twelve feet deep" leaves five and the first twelve apart,
// not five and the second. It calls leftA and leftB with the items left
// over, and paired with each pair, in order; sequences longer than
// MaxInOrder are paired as multisets (Unpaired, each way), without pairs.
func InOrder[T any](a, b []T, eq func(x, y T) bool, leftA, leftB func(x T), paired func(x, y T)) {
	if len(a) > MaxInOrder || len(b) > MaxInOrder {
		Unpaired(a, b, eq, leftA)
		Unpaired(b, a, eq, leftB)
		return
	}
	n, m := len(a), len(b)
	// lcs[i][j]: longest common subsequence of a[i:] and b[j:]
	lcs := make([][]int16, n+1)
	for i := range lcs {
		lcs[i] = make([]int16, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case eq(a[i], b[j]):
				lcs[i][j] = lcs[i+1][j+1] + 1
			case lcs[i+1][j] >= lcs[i][j+1]:
				lcs[i][j] = lcs[i+1][j]
			default:
				lcs[i][j] = lcs[i][j+1]
			}
		}
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case eq(a[i], b[j]) && lcs[i][j] == lcs[i+1][j+1]+1:
			paired(a[i], b[j])
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			leftA(a[i])
			i++
		default:
			leftB(b[j])
			j++
		}
	}
	for ; i < n; i++ {
		leftA(a[i])
	}
	for ; j < m; j++ {
		leftB(b[j])
	}
}
