package claims

import (
	"slices"
	"sort"

	"github.com/crosscheck/crosscheck/compare/claims/internal/candidates"
	"github.com/crosscheck/crosscheck/compare/claims/internal/copies"
	"github.com/crosscheck/crosscheck/compare/lang"
)

// index finds candidate pairs of clauses in an inverted index of their
// terms and phrases (see package candidates), never among all pairs of
// sentences. Clauses are numbered across documents: document i's clause k
// is base[i]+k.
type index struct {
	*candidates.Index
	docs []*DocClaims
	voc  *vocab
	base []int32 // first clause number of each document, and the total
	// verbs holds each clause's verb (vocabulary id, verbCopula set for a
	// copula): the first test of a candidate pair reads it here, in a small
	// dense table, rather than in the clause records.
	verbs []uint32
	// copies (see findCopies), when the index was built with them and
	// some clause is one
	copies *copies.Table
	// words is what WordNet says of the vocabulary's words, shared by the
	// comparers of all workers
	words *lang.WordTable
}

const verbCopula = 1 << 31

// maxPhrase is the longest subject indexed as a phrase.
const maxPhrase = 6

// The bounds on candidates, named here as the claims.limit check's help
// names them.
const (
	maxPosting    = candidates.MaxPosting
	maxPhraseWalk = candidates.MaxPhraseWalk
)

// The kinds of index term: the stem of a common word, a name, a number.
const (
	termStem = iota
	termName
	termNumber
	termKinds
)

// termSlot returns where an item's term is numbered in the index, or -1
// for items that are not indexed (personal pronouns).
func (x *index) termSlot(it item) int {
	w := x.voc.Word(it.lemma)
	switch it.pos {
	case 'p':
		return int(w.Lower)*termKinds + termName
	case 'd':
		return int(it.lemma)*termKinds + termNumber
	case 'x':
		return -1
	}
	return int(w.Term)*termKinds + termStem
}

// clauseTerms appends the distinct terms of clause c, in ascending order,
// to buf[:0]; with add set, terms seen for the first time are numbered.
func (x *index) clauseTerms(dc *DocClaims, c *clause, add bool, buf []uint32) []uint32 {
	out := buf[:0]
	its := dc.items[c.items : c.items+uint32(c.nSubj)+uint32(c.nObj)+uint32(c.nRest)]
	term := func(slot int) { // a clause in boilerplate has none: it finds no candidate and is none
		if t, ok := x.Term(slot, add); ok && c.flags&fSkipped == 0 {
			out = append(out, t)
		}
	}
	// subject, verb, object and rest: the order terms are first numbered in
	for i, it := range its {
		if i == int(c.nSubj) {
			x.verbTerm(c, term)
		}
		if !x.voc.Word(it.lemma).Fn {
			term(x.termSlot(it))
		}
	}
	if len(its) == int(c.nSubj) {
		x.verbTerm(c, term)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// verbTerm gives the term of a clause's verb, unless it is "be" or "have".
func (x *index) verbTerm(c *clause, term func(int)) {
	if v := x.voc.Str(c.verb); v != "" && v != "be" && v != "have" {
		term(int(x.voc.Word(c.verb).Term)*termKinds + termStem)
	}
}

// buildIndex indexes the documents' clauses; with withCopies set, a clause
// that copies an earlier one (see findCopies) is counted but not posted.
func buildIndex(docs []*DocClaims, voc *vocab, withCopies bool) *index {
	x := &index{Index: candidates.New(voc.Size() * termKinds), docs: docs, voc: voc,
		words: lang.NewWordTable(voc.Size(), voc.Str)}
	x.base = make([]int32, 0, len(docs)+1)
	n := int32(0)
	for _, dc := range docs {
		x.base = append(x.base, n)
		n += int32(len(dc.clauses))
	}
	x.base = append(x.base, n)
	if withCopies {
		x.copies = findCopies(docs, x.base)
	}
	var terms []uint32
	var phrases []uint64
	// first pass: number the terms and count the clauses holding each
	id := int32(0)
	for _, dc := range docs {
		for ci := range dc.clauses {
			c := &dc.clauses[ci]
			v := c.verb
			if c.copula() {
				v |= verbCopula
			}
			x.verbs = append(x.verbs, v)
			terms = x.clauseTerms(dc, c, true, terms)
			phrases = x.clausePhrases(dc, c, phrases)
			if x.copies.IsCopy(id) {
				x.CountCopy(terms, phrases)
			} else {
				x.Count(terms, phrases)
			}
			id++
		}
	}
	x.Seal()
	// second pass: the postings
	id = 0
	for _, dc := range docs {
		for ci := range dc.clauses {
			if !x.copies.IsCopy(id) {
				terms = x.clauseTerms(dc, &dc.clauses[ci], false, terms)
				x.Post(id, terms)
			}
			id++
		}
	}
	return x
}

// clausePhrases appends to buf[:0] the phrase keys of a clause: its whole
// subject, or for a verbless fragment each run of 3 to maxPhrase words.
func (x *index) clausePhrases(dc *DocClaims, c *clause, buf []uint64) []uint64 {
	out := buf[:0]
	its := dc.items[c.items : c.items+uint32(c.nSubj)+uint32(c.nObj)+uint32(c.nRest)]
	if c.verb != 0 || c.flags&fSkipped != 0 {
		if n := int(c.nSubj); n >= 3 && n <= maxPhrase && c.flags&(fResolved|fSkipped) == 0 {
			out = append(out, x.phraseKey(its[:n]))
		}
		return out
	}
	rest := its[c.nSubj+c.nObj:]
	for i := range rest {
		for n := 3; n <= maxPhrase && i+n <= len(rest); n++ {
			out = append(out, x.phraseKey(rest[i:i+n]))
		}
	}
	return out
}

// phraseKey hashes the lower-case words of a run (FNV-1a over their ids).
func (x *index) phraseKey(its []item) uint64 {
	h := uint64(14695981039346656037)
	for _, it := range its {
		id := x.voc.Word(it.lemma).Lower
		for k := 0; k < 4; k++ {
			h ^= uint64(byte(id >> (8 * k)))
			h *= 1099511628211
		}
	}
	return h
}

// weight is the IDF of an item's term, or 1 for items never indexed.
func (x *index) weight(it item) float64 {
	if w, ok := x.Weight(x.termSlot(it)); ok {
		return w
	}
	return 1
}

// clauseAt returns the document and the index in its clauses of clause
// number id.
func (x *index) clauseAt(id int32) (int, int) {
	d := sort.Search(len(x.docs), func(i int) bool { return x.base[i+1] > id })
	return d, int(id - x.base[d])
}

// candidateFinder holds one goroutine's scratch space for candidates.
type candidateFinder struct {
	*candidates.Finder
	terms   []uint32
	phrases []uint64
}

func (x *index) newCandidateFinder() *candidateFinder {
	return &candidateFinder{Finder: x.NewFinder()}
}

// candidates calls fn for every clause a < b that shares a phrase or at
// least two of b's rarest terms (or its only one), in another sentence,
// in ascending order of a (when b has copies, a comes before b's last
// copy, and may come after b); f.Cut counts what the bound on phrase
// candidates left out.
func (x *index) candidates(f *candidateFinder, b int32, fn func(a int32)) {
	db, kb := x.clauseAt(b)
	dc := x.docs[db]
	cb := &dc.clauses[kb]
	f.terms = x.clauseTerms(dc, cb, false, f.terms)
	f.phrases = x.clausePhrases(dc, cb, f.phrases)
	lo, hi := x.base[db], x.base[db+1] // b's document
	sameSentence := func(a int32) bool { return a >= lo && a < hi && dc.clauses[a-lo].sent == cb.sent }
	before := b
	if cs := x.copies.Of(b); len(cs) > 0 {
		before = cs[len(cs)-1] // an original stands for its copies
	}
	x.CandidatesBefore(f.Finder, b, before, f.terms, f.phrases, sameSentence, fn)
}
