package index

import (
	"encoding/binary"
	"errors"
	"slices"
)

// A posting says that a document holds a fingerprint. Postings are kept
// in segments, sorted by (hash, doc) and cut into chunks of chunkPostings,
// each stored as one row; a segment's directory lists the first hash of
// each chunk, so that a lookup reads only the chunks that can hold the
// hashes it asks for. A row per posting would cost 16 bytes or more of
// B-tree; a chunk costs about 4 bytes a posting (a varint of the gap
// between hashes, a varint of the document) and is written sequentially.
type posting uint64

// maxDoc is the largest document id a posting holds.
const maxDoc = 1<<32 - 1

// A posting packs its hash in the top 32 bits and its document below,
// so that postings sort as integers, by (hash, doc).
func mkPosting(hash uint32, doc int64) posting { return posting(uint64(hash)<<32 | uint64(doc)) }

func (p posting) hash() uint32 { return uint32(p >> 32) }
func (p posting) doc() int64   { return int64(uint32(p)) }

// chunkPostings is how many postings a chunk holds (about 500 bytes). A
// lookup of a 50 KB document asks for some 3,000 keys, each in its own
// chunk of each segment: small chunks make it decode less (with 512 a
// chunk, a lookup in a 1 GB archive decoded 15 million postings).
const chunkPostings = 128

// chunkBits is how many low bits of a chunk's row id number it inside its
// segment: row id = segment<<chunkBits | chunk.
const chunkBits = 24

func chunkID(seg int64, n int) int64 { return seg<<chunkBits | int64(n) }

// encodeChunk packs sorted postings.
func encodeChunk(ps []posting, buf []byte) []byte {
	buf = binary.AppendUvarint(buf[:0], uint64(len(ps)))
	prev := uint32(0)
	for _, p := range ps {
		buf = binary.AppendUvarint(buf, uint64(p.hash()-prev))
		buf = binary.AppendUvarint(buf, uint64(p.doc()))
		prev = p.hash()
	}
	return buf
}

var errBadChunk = errors.New("a chunk of postings is damaged")

// decodeChunk unpacks a chunk, appending its postings to out.
func decodeChunk(data []byte, out []posting) ([]posting, error) {
	n, k := binary.Uvarint(data)
	if k <= 0 || n > uint64(len(data)) {
		return out, errBadChunk
	}
	data = data[k:]
	prev := uint64(0)
	for i := uint64(0); i < n; i++ {
		d, k := binary.Uvarint(data)
		if k <= 0 {
			return out, errBadChunk
		}
		data = data[k:]
		doc, k := binary.Uvarint(data)
		if k <= 0 || doc > maxDoc {
			return out, errBadChunk
		}
		data = data[k:]
		prev += d
		if prev > 0xFFFFFFFF {
			return out, errBadChunk
		}
		out = append(out, mkPosting(uint32(prev), int64(doc)))
	}
	return out, nil
}

// directory is the first hash of each chunk of a segment.
type directory []uint32

func encodeDirectory(d directory) []byte {
	out := make([]byte, 4*len(d))
	for i, h := range d {
		binary.BigEndian.PutUint32(out[4*i:], h)
	}
	return out
}

func decodeDirectory(b []byte) (directory, error) {
	if len(b)%4 != 0 {
		return nil, errBadChunk
	}
	d := make(directory, len(b)/4)
	for i := range d {
		d[i] = binary.BigEndian.Uint32(b[4*i:])
	}
	return d, nil
}

// chunksFor returns the range [lo, hi] of chunks that may hold hash h, or
// ok false when none can. A hash's postings may begin at the end of the
// chunk before the first one whose first hash is h.
func (d directory) chunksFor(h uint32) (lo, hi int, ok bool) {
	le, _ := slices.BinarySearch(d, h+1) // chunks with first <= h (h+1 wraps only for the top hash)
	if h == 0xFFFFFFFF {
		le = len(d)
	}
	if le == 0 {
		return 0, 0, false
	}
	lt, _ := slices.BinarySearch(d, h) // chunks with first < h
	return max(0, lt-1), le - 1, true
}

// chunker cuts a sorted stream of postings into chunks and hands each to
// write with its number; it records the directory.
type chunker struct {
	write   func(n int, data []byte) error
	pending []posting
	dir     directory
	count   int64
	buf     []byte
}

func (c *chunker) add(p posting) error {
	c.pending = append(c.pending, p)
	c.count++
	if len(c.pending) == chunkPostings {
		return c.flush()
	}
	return nil
}

func (c *chunker) flush() error {
	if len(c.pending) == 0 {
		return nil
	}
	c.buf = encodeChunk(c.pending, c.buf)
	c.dir = append(c.dir, c.pending[0].hash())
	n := len(c.dir) - 1
	c.pending = c.pending[:0]
	return c.write(n, c.buf)
}

// sortPostings sorts postings in place (a radix sort by 16-bit digits,
// passing over digits all postings share: a batch of a few hundred
// documents sorts in two or three passes instead of pdqsort's
// comparisons).
func sortPostings(ps []posting) {
	if len(ps) < 256 {
		slices.Sort(ps)
		return
	}
	tmp := make([]posting, len(ps))
	src, dst := ps, tmp
	var count [1 << 16]int
	for shift := uint(0); shift < 64; shift += 16 {
		clear(count[:])
		for _, p := range src {
			count[uint16(p>>shift)]++
		}
		if count[uint16(src[0]>>shift)] == len(src) {
			continue // every posting has this digit
		}
		sum := 0
		for i, n := range count {
			count[i] = sum
			sum += n
		}
		for _, p := range src {
			d := uint16(p >> shift)
			dst[count[d]] = p
			count[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &ps[0] {
		copy(ps, src)
	}
}
