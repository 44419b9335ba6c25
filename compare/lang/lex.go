package lang

import (
	"strings"
	"sync"
)

// Entry is what WordNet says of one lower-case word form, whatever its
// context: its base form as each part of speech, and an irregular base.
type Entry struct {
	N, V, A, R string // base forms as noun, verb, adjective, adverb; "" when it is not one
	Exc        string // base form from the verb exception list ("held" → "hold"), or ""
}

// Known reports whether WordNet knows the form as any part of speech.
func (e *Entry) Known() bool { return e.N != "" || e.V != "" || e.A != "" || e.R != "" }

// Irregular reports whether the exception list maps form l to verb v
// and l is not v itself: "sat", "held", "ridden".
func (e *Entry) Irregular(l, v string) bool { return e.Exc != "" && e.Exc == v && l != v }

// ReadEntry looks a word form up in the WordNet tables.
func ReadEntry(w string) *Entry {
	e := Entry{Exc: ExceptionBase('v', w)}
	e.N, e.V, e.A, e.R = LemmaOf('n', w), LemmaOf('v', w), LemmaOf('a', w), LemmaOf('r', w)
	if e == (Entry{}) {
		return &unknownWord // most words of a large text are names and rarities
	}
	return &e
}

var unknownWord Entry

// maxLexCache bounds the shared cache of word forms, and maxLexFront each
// goroutine's cache in front of it: made-up or garbled words beyond them
// are looked up again each time (the tables' filter answers most of those
// lookups at once).
const (
	maxLexCache = 1 << 18
	maxLexFront = 1 << 16
)

// LexCache remembers the entries of the word forms read; goroutines share
// it, each through its own Lexicon.
type LexCache struct {
	mu  sync.Mutex
	lex map[string]*Entry
}

// NewLexCache returns an empty cache.
func NewLexCache() *LexCache { return &LexCache{lex: map[string]*Entry{}} }

// Entry returns WordNet's entry for a lower-case word form, from the cache
// or from the tables.
func (c *LexCache) Entry(w string) *Entry {
	c.mu.Lock()
	e, ok := c.lex[w]
	c.mu.Unlock()
	if ok {
		return e
	}
	e = ReadEntry(w)
	if e == &unknownWord {
		return e // cheap to read again, and most of a text of made-up words
	}
	c.mu.Lock()
	if len(c.lex) < maxLexCache {
		c.lex[strings.Clone(w)] = e
	}
	c.mu.Unlock()
	return e
}

// Drop forgets the word forms read.
func (c *LexCache) Drop() {
	c.mu.Lock()
	c.lex = map[string]*Entry{}
	c.mu.Unlock()
}

// Lexicon is one goroutine's access to a LexCache: a lock-free cache in
// front of the shared one.
type Lexicon struct {
	shared *LexCache
	lex    map[string]*Entry
}

// NewLexicon returns a goroutine's lexicon in front of c.
func NewLexicon(c *LexCache) *Lexicon { return &Lexicon{shared: c, lex: map[string]*Entry{}} }

// Entry returns WordNet's entry for a lower-case word form.
func (l *Lexicon) Entry(w string) *Entry {
	if e, ok := l.lex[w]; ok {
		return e
	}
	e := l.shared.Entry(w)
	if len(l.lex) < maxLexFront {
		l.lex[strings.Clone(w)] = e
	}
	return e
}
