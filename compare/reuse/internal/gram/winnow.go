package gram

// Winnow selects fingerprints from h by robust winnowing (Schleimer et al.
// 2003): in every window of w consecutive grams the minimum hash is kept
// (the rightmost on ties), each selection once. Any run of w+k-1 shared
// words therefore shares at least one selected fingerprint. Zero hashes
// (stop-word grams) are never selected.
func Winnow(h []uint64, w int, emit func(hash uint64)) {
	WinnowAt(h, w, func(i int) { emit(h[i]) })
}

// WinnowAt selects grams of h by robust winnowing and reports their
// positions; Winnow reports their hashes (see there for the rule).
func WinnowAt(h []uint64, w int, emit func(i int)) {
	if w <= 1 {
		for i, x := range h {
			if x != 0 {
				emit(i)
			}
		}
		return
	}
	dq := make([]int, 0, w)
	head := 0
	lastEmitted := -1
	for i, x := range h {
		if x == 0 {
			x = ^uint64(0)
		}
		for len(dq) > head && valueAt(h, dq[len(dq)-1]) >= x {
			dq = dq[:len(dq)-1]
		}
		dq = append(dq, i)
		if dq[head] <= i-w {
			head++
		}
		if head > w {
			dq = append(dq[:0], dq[head:]...)
			head = 0
		}
		if i >= w-1 || i == len(h)-1 {
			m := dq[head]
			if m != lastEmitted && h[m] != 0 {
				emit(m)
				lastEmitted = m
			}
		}
	}
}

func valueAt(h []uint64, i int) uint64 {
	if h[i] == 0 {
		return ^uint64(0)
	}
	return h[i]
}
