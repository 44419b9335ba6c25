package claims

import (
	"hash/maphash"
	"strings"
	"sync"

	"github.com/crosscheck/crosscheck/compare/lang"
)

// vocab numbers the lemmas and name keys of one analysis, so that items
// hold a 4-byte id instead of a string, and keeps what comparing needs of
// each word: its lower-case form and its stems. Words are added while
// documents are read, under a lock and behind each reader's own cache;
// once reading is done the vocabulary is only read, without locks.
type vocab struct {
	mu  sync.Mutex
	ids idTable
	// words holds the words by id, in chunks that never move: a single
	// slice of a large vocabulary, grown by copying, held it twice at times.
	// Id 0 is the empty word.
	words [][]vocabWord
	lex   *lang.LexCache
	it    uint32 // id of "it", which reads as a subject only one word long
}

// vocabWord is one word of a vocabulary.
type vocabWord struct {
	s     string
	lower uint32 // id of the lower-case form (its own id when already lower case)
	stem  uint32 // id of the stem of the lower-case form: "cooperation" ~ "cooperating"
	term  uint32 // id of the stem of the word itself: its index term as a common word
	long  bool   // the lower-case form has more than three bytes: shorter stems are not compared
	fn    bool   // a function word, never content
	light bool   // too general to make a claim specific: "new", "task"
}

func newVocab() *vocab {
	v := &vocab{lex: lang.NewLexCache()}
	v.push(vocabWord{})
	// Words the comparison names itself, so that it never adds any.
	for _, p := range lang.Prepositions() {
		v.add(p)
	}
	for _, w := range []string{"be", "have", "person", "thing"} {
		v.add(w)
	}
	v.it = v.add("it")
	return v
}

// add returns the id of s, adding it (and its lower-case form and stems)
// when new. The caller holds v.mu, or owns v alone.
func (v *vocab) add(s string) uint32 {
	if s == "" {
		return 0
	}
	at, id := v.ids.find(v, s)
	if id != 0 {
		return id
	}
	s = strings.Clone(s)
	id = v.push(vocabWord{s: s})
	v.ids.put(v, at, id)
	w := vocabWord{s: s, fn: lang.IsFunctionWord(s), light: lang.IsLightWord(s)}
	lower := strings.ToLower(s)
	w.lower = id
	if lower != s {
		w.lower = v.add(lower)
	}
	w.long = len(lower) > 3
	w.stem = w.lower
	if st := lang.Stem(lower); st != lower {
		w.stem = v.add(st)
	}
	w.term = id
	if st := lang.Stem(s); st != s {
		w.term = v.add(st)
	}
	*v.word(id) = w
	return id
}

// wordChunk is how many words a chunk of the vocabulary holds (1 << bits).
const wordChunkBits = 12

// word returns the word of an id.
func (v *vocab) word(id uint32) *vocabWord {
	return &v.words[id>>wordChunkBits][id&(1<<wordChunkBits-1)]
}

// size is the number of ids given.
func (v *vocab) size() int {
	if len(v.words) == 0 {
		return 0
	}
	return (len(v.words)-1)<<wordChunkBits + len(v.words[len(v.words)-1])
}

// push adds a word and returns its id.
func (v *vocab) push(w vocabWord) uint32 {
	if n := len(v.words); n == 0 || len(v.words[n-1]) == 1<<wordChunkBits {
		v.words = append(v.words, make([]vocabWord, 0, 1<<wordChunkBits))
	}
	last := &v.words[len(v.words)-1]
	*last = append(*last, w)
	return uint32(v.size() - 1)
}

// str is the word of an id.
func (v *vocab) str(id uint32) string { return v.word(id).s }

// lookup returns the id of a word already in the vocabulary, or 0.
func (v *vocab) lookup(s string) uint32 {
	_, id := v.ids.find(v, s)
	return id
}

// idTable finds the id of a word: an open-addressing hash table of ids
// (0 for an empty place), the words themselves in the vocabulary. It
// holds 4 bytes a place, at most three quarters full, where a map from
// strings held a second string header and its own slack per word: the
// vocabulary of a text of made-up words has a word for every few bytes.
type idTable struct {
	slots []uint32
	n     int
}

var idSeed = maphash.MakeSeed()

// find returns the id of s, or 0 and the place to put it.
func (t *idTable) find(v *vocab, s string) (int, uint32) {
	if len(t.slots) == 0 {
		return -1, 0
	}
	mask := len(t.slots) - 1
	for i := int(maphash.String(idSeed, s)) & mask; ; i = (i + 1) & mask {
		id := t.slots[i]
		if id == 0 || v.word(id).s == s {
			return i, id
		}
	}
}

// put puts id, whose word find did not find, at place at (or, when the
// table grows, where it belongs).
func (t *idTable) put(v *vocab, at int, id uint32) {
	if at < 0 || 4*(t.n+1) > 3*len(t.slots) {
		t.grow(v)
		at, _ = t.find(v, v.word(id).s)
	}
	t.slots[at] = id
	t.n++
}

// grow doubles the table (or makes its first) and puts every id back.
func (t *idTable) grow(v *vocab) {
	old := t.slots
	t.slots = make([]uint32, max(1024, 2*len(old)))
	for _, id := range old {
		if id != 0 {
			at, _ := t.find(v, v.word(id).s)
			t.slots[at] = id
		}
	}
}

// maxIDCache bounds a reader's cache of ids: made-up or garbled words
// beyond it are looked up in the vocabulary each time.
const maxIDCache = 1 << 16

// dropLex forgets the word forms read, once no more documents will be
// read with the vocabulary (a view of a document reads them again).
func (v *vocab) dropLex() { v.lex.Drop() }

// reader is one goroutine's access to a vocabulary: lock-free caches in
// front of the shared, locked maps. While documents are read, other
// readers add words, so a reader never reads the vocabulary's words
// itself: what it needs of an id it remembers from the string it gave.
type reader struct {
	voc     *vocab
	ids     map[string]uint32
	lex     *lang.Lexicon
	collect map[uint32]bool // ids of collective nouns
}

func newReader(v *vocab) *reader {
	return &reader{voc: v, ids: map[string]uint32{}, lex: lang.NewLexicon(v.lex), collect: map[uint32]bool{}}
}

// collective reports whether id, which this reader gave, is a collective noun.
func (r *reader) collective(id uint32) bool { return r.collect[id] }

// id returns the vocabulary id of s.
func (r *reader) id(s string) uint32 {
	if id, ok := r.ids[s]; ok {
		return id
	}
	r.voc.mu.Lock()
	id := r.voc.add(s)
	s = r.voc.str(id) // the vocabulary's copy: no second allocation
	r.voc.mu.Unlock()
	if lang.IsCollectiveNoun(s) {
		r.collect[id] = true
	}
	if len(r.ids) < maxIDCache {
		r.ids[s] = id
	}
	return id
}

// idBytes returns the id of the word held in b, allocating only when the
// word is new to this reader.
func (r *reader) idBytes(b []byte) uint32 {
	if id, ok := r.ids[string(b)]; ok {
		return id
	}
	return r.id(string(b))
}
