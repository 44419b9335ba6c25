package claims

import "github.com/crosscheck/crosscheck/compare/lang"

// A comparer meets the same words over and over in different pairs: what
// WordNet says of each word (its first senses, whether it has antonyms) and
// of each synset (its hypernyms) is read from the tables once per comparer.

// wordSenses is what a comparer remembers of one lower-case word.
type wordSenses struct {
	ids      [4][3]int32 // first senses as noun, verb, adjective, adverb
	n        [4]uint8
	antonyms bool // WordNet lists an antonym of it
}

var posSlot = [256]int8{'n': 0, 'v': 1, 'a': 2, 'r': 3}

// sensesOf returns the comparer's record of a word (a vocabulary id of a
// lower-case word).
func (k *comparer) sensesOf(id uint32) *wordSenses {
	if k.wordAt == nil {
		k.wordAt = make([]int32, len(k.voc.words))
		for i := range k.wordAt {
			k.wordAt[i] = -1
		}
	}
	if at := k.wordAt[id]; at >= 0 {
		return &k.wordInfo[at]
	}
	w := k.voc.str(id)
	var ws wordSenses
	var buf [8]int32
	for p, pos := range []byte{'n', 'v', 'a', 'r'} {
		s := lang.Senses(pos, w, buf[:0])
		ws.n[p] = uint8(copy(ws.ids[p][:], s))
	}
	ws.antonyms = lang.HasAntonym(w)
	k.wordAt[id] = int32(len(k.wordInfo))
	k.wordInfo = append(k.wordInfo, ws)
	return &k.wordInfo[len(k.wordInfo)-1]
}

// cachedRel returns the relation bits of two lower-case words. Words
// WordNet knows nothing of (most names and rarities) are settled without
// the pair cache, which holds only pairs worth remembering and is bounded.
func (k *comparer) cachedRel(a, b uint32, pos byte) uint8 {
	sa, sb := k.sensesOf(a), k.sensesOf(b)
	if !(sa.antonyms && sb.antonyms) {
		if pos == 0 {
			return relKnown
		}
		if p := posSlot[pos]; sa.n[p] == 0 || sb.n[p] == 0 {
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
	if sa.antonyms && sb.antonyms {
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
	p := posSlot[pos]
	x, y := sa.ids[p][:sa.n[p]], sb.ids[p][:sb.n[p]]
	if len(x) == 0 || len(y) == 0 {
		return r
	}
	for _, i := range x {
		for _, j := range y {
			if i == j {
				return r | uint8(lang.Same)
			}
		}
	}
	if k.reaches(x, y) {
		return r | uint8(lang.Narrower)
	}
	if k.reaches(y, x) {
		return r | uint8(lang.Broader)
	}
	return r
}

// reaches reports whether a hypernym chain from one of from leads to one
// of to within three levels.
func (k *comparer) reaches(from, to []int32) bool {
	frontier := append(k.front[:0], from...)
	next := k.next[:0]
	defer func() { k.front, k.next = frontier[:0], next[:0] }()
	for depth := 0; depth < 3 && len(frontier) > 0; depth++ {
		next = next[:0]
		for _, s := range frontier {
			for _, h := range k.hypernymsOf(s) {
				for _, t := range to {
					if h == t {
						return true
					}
				}
				next = append(next, h)
			}
		}
		frontier, next = next, frontier
	}
	return false
}

// hypernymsOf returns the hypernyms of a synset, from the comparer's cache.
func (k *comparer) hypernymsOf(id int32) []int32 {
	if hs, ok := k.hyper[id]; ok {
		return hs
	}
	if k.hyper == nil {
		k.hyper = map[int32][]int32{}
	}
	hs := lang.Hypernyms(id, nil)
	k.hyper[id] = hs
	return hs
}
