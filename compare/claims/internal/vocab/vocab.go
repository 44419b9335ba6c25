// Package vocab numbers the words of one claims analysis: lemmas and
// name keys get 4-byte ids, with what comparing needs of each word (its
// lower-case form, its stems, whether it is a function or a light word).
package vocab

import (
	"slices"
	"strings"
	"sync"

	"github.com/crosscheck/crosscheck/compare/claims/internal/intern"
	"github.com/crosscheck/crosscheck/compare/lang"
)

// Vocab numbers the lemmas and name keys of one analysis, so that items
// hold a 4-byte id instead of a string, and keeps what comparing needs of
// each word: its lower-case form and its stems. Words are added while
// documents are read, under a lock and behind each reader's own cache;
// once reading is done the vocabulary is only read, without locks.
type Vocab struct {
	mu sync.Mutex
	// words numbers the words; id 0 is the empty word
	words intern.Table[Word]
	lex   *lang.LexCache
	It    uint32 // id of "it", which reads as a subject only one word long
	// deictic holds the ids of "I", "you" and "we" (as written and in
	// lower case): the writer and the reader, never a thing named before
	deictic [6]uint32
}

// Word is one word of a vocabulary.
type Word struct {
	Lower uint32 // id of the lower-case form (its own id when already lower case)
	Stem  uint32 // id of the stem of the lower-case form: "cooperation" ~ "cooperating"
	Term  uint32 // id of the stem of the word itself: its index term as a common word
	Long  bool   // the lower-case form has more than three bytes: shorter stems are not compared
	Fn    bool   // a function word, never content
	Light bool   // too general to make a claim specific: "new", "task"
}

// New returns a vocabulary that holds the words the comparison names
// itself.
func New() *Vocab {
	v := &Vocab{lex: lang.NewLexCache()}
	v.words.Add("", Word{})
	// Words the comparison names itself, so that it never adds any.
	for _, p := range lang.Prepositions() {
		v.add(p)
	}
	for _, w := range []string{"be", "have", "person", "thing"} {
		v.add(w)
	}
	v.It = v.add("it")
	for i, w := range []string{"I", "i", "you", "You", "we", "We"} {
		v.deictic[i] = v.add(w)
	}
	return v
}

// Deictic reports "I", "you" or "we" (as written or in lower case):
// pronouns that name the writer or the reader, never a subject named
// before. It reads no word, so it is safe while words are added.
func (v *Vocab) Deictic(id uint32) bool {
	return id != 0 && slices.Contains(v.deictic[:], id)
}

// add returns the id of s, adding it (and its lower-case form and stems)
// when new. The caller holds v.mu, or owns v alone.
func (v *Vocab) add(s string) uint32 {
	id, ok := v.words.Add(s, Word{})
	if !ok {
		return id
	}
	s = v.words.String(id)
	w := Word{Fn: lang.IsFunctionWord(s), Light: lang.IsLightWord(s)}
	lower := strings.ToLower(s)
	w.Lower = id
	if lower != s {
		w.Lower = v.add(lower)
	}
	w.Long = len(lower) > 3
	w.Stem = w.Lower
	if st := lang.Stem(lower); st != lower {
		w.Stem = v.add(st)
	}
	w.Term = id
	if st := lang.Stem(s); st != s {
		w.Term = v.add(st)
	}
	*v.words.Value(id) = w
	return id
}

// Word returns the word of an id.
func (v *Vocab) Word(id uint32) *Word { return v.words.Value(id) }

// Size is the number of ids given.
func (v *Vocab) Size() int { return v.words.Len() }

// Str is the word of an id.
func (v *Vocab) Str(id uint32) string { return v.words.String(id) }

// Lookup returns the id of a word already in the vocabulary, or 0.
func (v *Vocab) Lookup(s string) uint32 {
	id, _ := v.words.Find(s)
	return id
}

// maxIDCache bounds a reader's cache of ids: made-up or garbled words
// beyond it are looked up in the vocabulary each time.
const maxIDCache = 1 << 16

// DropLex forgets the word forms read, once no more documents will be
// read with the vocabulary (a view of a document reads them again).
func (v *Vocab) DropLex() { v.lex.Drop() }

// Reader is one goroutine's access to a vocabulary: lock-free caches in
// front of the shared, locked maps. While documents are read, other
// readers add words, so a reader never reads the vocabulary's words
// itself: what it needs of an id it remembers from the string it gave.
type Reader struct {
	Voc     *Vocab
	ids     map[string]uint32
	Lex     *lang.Lexicon   // the goroutine's lexicon
	collect map[uint32]bool // ids of collective nouns
}

// NewReader returns a reader of v for one goroutine.
func NewReader(v *Vocab) *Reader {
	return &Reader{Voc: v, ids: map[string]uint32{}, Lex: lang.NewLexicon(v.lex), collect: map[uint32]bool{}}
}

// Collective reports whether id, which this reader gave, is a collective noun.
func (r *Reader) Collective(id uint32) bool { return r.collect[id] }

// ID returns the vocabulary id of s.
func (r *Reader) ID(s string) uint32 {
	if id, ok := r.ids[s]; ok {
		return id
	}
	r.Voc.mu.Lock()
	id := r.Voc.add(s)
	s = r.Voc.Str(id) // the vocabulary's copy: no second allocation
	r.Voc.mu.Unlock()
	if lang.IsCollectiveNoun(s) {
		r.collect[id] = true
	}
	if len(r.ids) < maxIDCache {
		r.ids[s] = id
	}
	return id
}

// IDBytes returns the id of the word held in b, allocating only when the
// word is new to this reader.
func (r *Reader) IDBytes(b []byte) uint32 {
	if id, ok := r.ids[string(b)]; ok {
		return id
	}
	return r.ID(string(b))
}
