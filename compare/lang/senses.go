package lang

import "slices"

// An analyzer meets the same words over and over in different pairs: what
// WordNet says of each word (its first senses, whether it has antonyms) and
// of each synset (its hypernyms) is best read from the tables once.

// WordSenses is what relating a word to others needs of WordNet: its first
// senses as each part of speech, and whether it has antonyms.
type WordSenses struct {
	ids      [4][3]int32 // first senses as noun, verb, adjective, adverb
	n        [4]uint8
	Antonyms bool   // WordNet lists an antonym of it
	block    string // when Antonyms, its lines of the antonym table as the first word (antonymBlock)
}

var posSlot = [256]int8{'n': 0, 'v': 1, 'a': 2, 'r': 3}

// ReadWordSenses reads the senses of a lower-case word from the tables.
func ReadWordSenses(w string) WordSenses {
	var ws WordSenses
	var buf [8]int32
	for p, pos := range []byte{'n', 'v', 'a', 'r'} {
		s := Senses(pos, w, buf[:0])
		ws.n[p] = uint8(copy(ws.ids[p][:], s))
	}
	ws.Antonyms = HasAntonym(w)
	if ws.Antonyms {
		ws.block = antonymBlock(w)
	}
	return ws
}

// Has reports whether the word has senses as the part of speech (n, v, a
// or r).
func (s *WordSenses) Has(pos byte) bool { return s.n[posSlot[pos]] != 0 }

// SenseRelater relates words by their senses, remembering the hypernyms it
// reads; one goroutine owns it.
type SenseRelater struct {
	hyper map[int32][]int32
	front []int32
	next  []int32
}

// Relate says how the word of sa relates to the word of sb as the part of
// speech: sharing a first sense, or one a kind of the other.
func (k *SenseRelater) Relate(sa, sb *WordSenses, pos byte) Relation {
	p := posSlot[pos]
	x, y := sa.ids[p][:sa.n[p]], sb.ids[p][:sb.n[p]]
	if len(x) == 0 || len(y) == 0 {
		return Unrelated
	}
	for _, i := range x {
		for _, j := range y {
			if i == j {
				return Same
			}
		}
	}
	if k.reaches(x, y) {
		return Narrower
	}
	if k.reaches(y, x) {
		return Broader
	}
	return Unrelated
}

// reaches reports whether a hypernym chain from one of from leads to one
// of to within three levels.
func (k *SenseRelater) reaches(from, to []int32) bool {
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

// Above returns the synsets a hypernym chain from one of from reaches
// within three levels (what reaches looks for), sorted, without repeats,
// appended to buf.
func (k *SenseRelater) Above(from []int32, buf []int32) []int32 {
	start := len(buf)
	frontier := append(k.front[:0], from...)
	next := k.next[:0]
	for depth := 0; depth < 3 && len(frontier) > 0; depth++ {
		next = next[:0]
		for _, s := range frontier {
			hs := k.hypernymsOf(s)
			next = append(next, hs...)
			buf = append(buf, hs...)
		}
		frontier, next = next, frontier
	}
	k.front, k.next = frontier[:0], next[:0]
	out := buf[start:]
	slices.Sort(out)
	return buf[:start+len(slices.Compact(out))]
}

// hypernymsOf returns the hypernyms of a synset, from the cache.
func (k *SenseRelater) hypernymsOf(id int32) []int32 {
	if hs, ok := k.hyper[id]; ok {
		return hs
	}
	if k.hyper == nil {
		k.hyper = map[int32][]int32{}
	}
	hs := Hypernyms(id, nil)
	k.hyper[id] = hs
	return hs
}
