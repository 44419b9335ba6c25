package claims

import "github.com/crosscheck/crosscheck/compare/lang"

// A comparer meets the same words over and over in different pairs: what
// WordNet says of each word and of each synset is read from the tables once
// per comparer.

// sensesOf returns the comparer's record of a word (a vocabulary id of a
// lower-case word).
func (k *comparer) sensesOf(id uint32) *lang.WordSenses {
	if k.wordAt == nil {
		k.wordAt = make([]int32, len(k.voc.words))
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
// the pair cache, which holds only pairs worth remembering and is bounded.
func (k *comparer) cachedRel(a, b uint32, pos byte) uint8 {
	sa, sb := k.sensesOf(a), k.sensesOf(b)
	if !(sa.Antonyms && sb.Antonyms) {
		if pos == 0 || !sa.Has(pos) || !sb.Has(pos) {
			return relKnown
		}
	}
	key := makeRelKey(a, b, pos)
	if r, ok := k.rels[key]; ok {
		return r
	}
	r := k.wordRel(a, b, pos)
	if len(k.rels) < maxRelCache {
		k.rels[key] = r
	}
	return r
}

// maxRelCache bounds a comparer's cache of word pairs.
const maxRelCache = 1 << 18

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
