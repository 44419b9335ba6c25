package claims

import "github.com/crosscheck/crosscheck/compare/lang"

// A comparer meets the same words over and over in different pairs: what
// WordNet says of each word and of each synset is read from the tables once
// per comparer.

// sensesOf returns the comparer's record of a word (a vocabulary id of a
// lower-case word).
func (k *comparer) sensesOf(id uint32) *lang.WordSenses {
	if k.wordAt == nil {
		k.wordAt = make([]int32, k.voc.size())
		for i := range k.wordAt {
			k.wordAt[i] = -1
		}
	}
	if at := k.wordAt[id]; at >= 0 {
		return &k.wordInfo[at]
	}
	ws := lang.ReadWordSenses(k.voc.str(id))
	k.wordAt[id] = int32(len(k.wordInfo))
	k.wordInfo = append(k.wordInfo, ws)
	return &k.wordInfo[len(k.wordInfo)-1]
}

// cachedRel returns the relation bits of two lower-case words. Words
// WordNet knows nothing of (most names and rarities) are settled without
// the pair cache.
func (k *comparer) cachedRel(a, b uint32, pos byte) uint8 {
	sa, sb := k.sensesOf(a), k.sensesOf(b)
	if !(sa.Antonyms && sb.Antonyms) {
		if pos == 0 || !sa.Has(pos) || !sb.Has(pos) {
			return relKnown
		}
	}
	key := makeRelKey(a, b, pos)
	if r, ok := k.rels.get(key); ok {
		return r
	}
	r := k.wordRel(a, b, pos)
	k.rels.put(key, r)
	return r
}

// relCacheBits sets the size of a comparer's cache of word pairs: 2^bits
// pairs, 9 bytes each.
const relCacheBits = 19

// relCache remembers the relation bits of pairs of words: a table of
// fixed size where a pair takes the place of the one it hashes with, so
// that the pairs of the text at hand stay however many the whole input
// has (a map that stopped growing at its bound kept the first pairs met
// and computed every later one again).
type relCache struct {
	keys []relKey
	vals []uint8 // 0 for an empty place: stored bits always have relKnown
}

func newRelCache() relCache {
	return relCache{keys: make([]relKey, 1<<relCacheBits), vals: make([]uint8, 1<<relCacheBits)}
}

func (c *relCache) slot(key relKey) int {
	return int(uint64(key) * 0x9E3779B97F4A7C15 >> (64 - relCacheBits))
}

// get returns the bits of a pair, if the cache has them.
func (c *relCache) get(key relKey) (uint8, bool) {
	i := c.slot(key)
	if c.vals[i] != 0 && c.keys[i] == key {
		return c.vals[i], true
	}
	return 0, false
}

// put remembers the bits of a pair (which have relKnown set).
func (c *relCache) put(key relKey, r uint8) {
	i := c.slot(key)
	c.keys[i], c.vals[i] = key, r
}

// wordRel computes the cached relation bits of two lower-case words (ids):
// antonyms, else how they relate as the part of speech (0 for none).
func (k *comparer) wordRel(a, b uint32, pos byte) uint8 {
	r := uint8(relKnown)
	sa, sb := k.sensesOf(a), k.sensesOf(b)
	if sa.Antonyms && sb.Antonyms {
		if o, d := lang.Antonyms(k.voc.str(a), k.voc.str(b)); o {
			r |= relAntonym
			if d {
				r |= relDirect
			}
			return r
		}
	}
	if pos == 0 {
		return r
	}
	return r | uint8(k.senses.Relate(sa, sb, pos))
}
