package lang

import (
	"strings"
	"sync"
)

// Most words of a large text that WordNet does not know (names, rarities,
// garbled or made-up words) are looked up many times over: every form
// LemmaOf tries, as every part of speech. A Bloom filter of the tables'
// keys, built once, answers most of those lookups without a binary search;
// a key it lets through is looked up as before, so the answers are the
// same.

// filterBits is the size of the filter: 2^21 bits (256 KB) for about
// 120,000 keys, four probes each, lets through about one absent key in
// five hundred.
const filterBits = 21

var (
	filterOnce sync.Once
	filter     []uint64
)

// The tables a key belongs to, hashed into the key.
const (
	tagSenses     = 's'
	tagExceptions = 'x'
	tagAntonyms   = 'a'
)

// keyHash hashes a table's tag and a key given in two parts, a+" "+b (or
// a alone when b is ""), as FNV-1a.
func keyHash(tag byte, a, b string) uint64 {
	h := uint64(14695981039346656037)
	add := func(c byte) { h = (h ^ uint64(c)) * 1099511628211 }
	add(tag)
	for i := 0; i < len(a); i++ {
		add(a[i])
	}
	if b != "" {
		add(' ')
		for i := 0; i < len(b); i++ {
			add(b[i])
		}
	}
	return h
}

// probes calls fn with the four bit positions of a hash.
func probes(h uint64, fn func(bit uint64) bool) bool {
	h1, h2 := h, h>>32|h<<32|1
	for i := uint64(0); i < 4; i++ {
		if !fn((h1 + i*h2) & (1<<filterBits - 1)) {
			return false
		}
	}
	return true
}

func buildFilter() {
	filter = make([]uint64, 1<<filterBits/64)
	set := func(h uint64) {
		probes(h, func(bit uint64) bool { filter[bit/64] |= 1 << (bit % 64); return true })
	}
	eachLine := func(table string, fn func(line string)) {
		for len(table) > 0 {
			i := strings.IndexByte(table, '\n')
			if i < 0 {
				i = len(table)
			}
			fn(table[:i])
			table = table[min(i+1, len(table)):]
		}
	}
	two := func(line string) (string, string) {
		a, rest, _ := strings.Cut(line, " ")
		b, _, _ := strings.Cut(rest, " ")
		return a, b
	}
	eachLine(wordnetSenses, func(line string) { a, b := two(line); set(keyHash(tagSenses, a, b)) })
	eachLine(wordnetExceptions, func(line string) { a, b := two(line); set(keyHash(tagExceptions, a, b)) })
	eachLine(wordnetAntonymWords, func(line string) { set(keyHash(tagAntonyms, lineKey(line, false), "")) })
}

// mayHave reports whether a table may have the key a+" "+b (a when b is
// ""): false means it has not.
func mayHave(tag byte, a, b string) bool {
	filterOnce.Do(buildFilter)
	return probes(keyHash(tag, a, b), func(bit uint64) bool { return filter[bit/64]&(1<<(bit%64)) != 0 })
}
