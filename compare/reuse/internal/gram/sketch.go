package gram

// The sketch: SketchBins bins of the hash range (a power of two), read as
// SketchBands bands of SketchRows bins each. Two documents whose
// fingerprint sets have Jaccard similarity J share a band with
// probability 1-(1-J³)²¹: 0.94 at J = 0.5 (the least a near-copy can
// have), above 0.9999 at J = 0.8, 0.03 at J = 0.1.
const (
	SketchBins  = 64
	SketchRows  = 3
	SketchBands = SketchBins / SketchRows
)

// Sketch is the one-permutation MinHash sketch of a document's
// fingerprints (all of them, not only the winnowed ones): bin b holds the
// least fingerprint whose top bits are b. N counts the fingerprints (0:
// no sketch).
type Sketch struct {
	Bins [SketchBins]uint64
	N    int32
}

// NewSketch returns the sketch of fingerprints h (zeros, stop-word grams,
// left out). Fingerprints are SplitMix64 outputs: their top bits are
// uniform. Empty bins take the value of a bin chosen by a fixed sequence
// of probes, the same for every document (optimal densification,
// Shrivastava 2017), so that documents of fewer fingerprints than bins
// still compare bin by bin.
func NewSketch(h []uint64) Sketch {
	var s Sketch
	var filled uint64    // bit b: bin b holds a fingerprint of its own
	const shift = 64 - 6 // log2(SketchBins)
	for _, x := range h {
		if x == 0 {
			continue
		}
		s.N++
		if b := x >> shift; filled&(1<<b) == 0 || x < s.Bins[b] {
			s.Bins[b] = x
			filled |= 1 << b
		}
	}
	if filled == 0 {
		return Sketch{}
	}
	for b := range SketchBins {
		if filled&(1<<b) != 0 {
			continue
		}
		for t := uint64(0); ; t++ {
			if o := Mix(uint64(b)<<32|t) % SketchBins; filled&(1<<o) != 0 {
				s.Bins[b] = s.Bins[o]
				break
			}
		}
	}
	return s
}

// Containment estimates from two sketches the share of the smaller
// fingerprint set in the larger: the fraction of equal bins estimates the
// Jaccard similarity J of the sets, whence J·(n₁+n₂)/((1+J)·min(n₁, n₂)).
// It is 0 when either is empty or the smaller holds fewer than minSize
// times the larger's fingerprints.
func (x *Sketch) Containment(y *Sketch, minSize float64) float64 {
	small, large := min(x.N, y.N), max(x.N, y.N)
	if small == 0 || float64(small) < minSize*float64(large) {
		return 0
	}
	eq := 0
	for b := range x.Bins {
		if x.Bins[b] == y.Bins[b] {
			eq++
		}
	}
	j := float64(eq) / SketchBins
	return j * float64(small+large) / ((1 + j) * float64(small))
}

// SharedCount is the size of the multiset intersection of sorted x and y.
func SharedCount(x, y []uint64) int {
	n, i, j := 0, 0, 0
	for i < len(x) && j < len(y) {
		switch {
		case x[i] == y[j]:
			n++
			i++
			j++
		case x[i] < y[j]:
			i++
		default:
			j++
		}
	}
	return n
}
