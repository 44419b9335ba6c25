package claims

import (
	"strings"
	"sync"

	"github.com/crosscheck/crosscheck/compare/claims/internal/intern"
	"github.com/crosscheck/crosscheck/compare/lang"
)

// vocab numbers the lemmas and name keys of one analysis, so that items
// hold a 4-byte id instead of a string, and keeps what comparing needs of
// each word: its lower-case form and its stems. Words are added while
// documents are read, under a lock and behind each reader's own cache;
// once reading is done the vocabulary is only read, without locks.
type vocab struct {
	mu sync.Mutex
	// words numbers the words; id 0 is the empty word
	words intern.Table[vocabWord]
	lex   *lang.LexCache
	it    uint32 // id of "it", which reads as a subject only one word long
}

// vocabWord is one word of a vocabulary.
type vocabWord struct {
	lower uint32 // id of the lower-case form (its own id when already lower case)
	stem  uint32 // id of the stem of the lower-case form: "cooperation" ~ "cooperating"
	term  uint32 // id of the stem of the word itself: its index term as a common word
	long  bool   // the lower-case form has more than three bytes: shorter stems are not compared
	fn    bool   // a function word, never content
	light bool   // too general to make a claim specific: "new", "task"
}

func newVocab() *vocab {
	v := &vocab{lex: lang.NewLexCache()}
	v.words.Add("", vocabWord{})
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
	id, ok := v.words.Add(s, vocabWord{})
	if !ok {
		return id
	}
	s = v.words.String(id)
	w := vocabWord{fn: lang.IsFunctionWord(s), light: lang.IsLightWord(s)}
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
	*v.words.Value(id) = w
	return id
}

// word returns the word of an id.
func (v *vocab) word(id uint32) *vocabWord { return v.words.Value(id) }

// size is the number of ids given.
func (v *vocab) size() int { return v.words.Len() }

// str is the word of an id.
func (v *vocab) str(id uint32) string { return v.words.String(id) }

// lookup returns the id of a word already in the vocabulary, or 0.
func (v *vocab) lookup(s string) uint32 {
	id, _ := v.words.Find(s)
	return id
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
