package claims

import (
	"cmp"
	"math"
	"slices"
	"sort"
)

// index is an inverted index from content terms to the clauses that hold
// them; candidate pairs come from it, never from all pairs of sentences.
// Clauses are numbered across documents: document i's clause k is
// base[i]+k. Postings are one flat table (post[off[t]:off[t+1]] lists the
// clauses of term t in ascending order), kept only for terms that can
// find candidates.
type index struct {
	docs  []*DocClaims
	voc   *vocab
	base  []int32  // first clause number of each document, and the total
	terms []uint32 // term of (kind, vocabulary id) as termSlot returns, + 1; 0 when unseen
	df    []int32
	idfs  []float64 // by term
	off   []uint32
	post  []int32
	// verbs holds each clause's verb (vocabulary id, verbCopula set for a
	// copula): the first test of a candidate pair reads it here, in a small
	// dense table, rather than in the clause records.
	verbs []uint32
	// The phrase index maps a run of words to the clauses holding it: the
	// whole subject of a clause (three to maxPhrase words), and every such
	// run inside a verbless fragment. A fragment that names a clause's
	// subject ("in favour of the new security concept with …") shares no
	// rare word with it, only the phrase. Keys (phraseKey) are sorted;
	// phrasePost[phraseOff[i]:phraseOff[i+1]] lists the clauses of key i,
	// kept only for keys in 2 to maxPosting clauses.
	phraseKeys []uint64
	phraseOff  []uint32
	phrasePost []int32
}

const verbCopula = 1 << 31

// maxPhrase is the longest subject indexed as a phrase.
const maxPhrase = 6

// maxPosting is how common a term may be and still find candidates: a term
// in more clauses than this says nothing about which claims match.
const maxPosting = 400

// anchorsPerClause is how many of a clause's rarest terms look up candidates.
const anchorsPerClause = 4

// maxPhraseWalk bounds the clauses a clause's phrases find as candidates,
// counted in postings walked. A verbless fragment has a phrase key at
// every word (runs of three to maxPhrase words), each shared by up to
// maxPosting clauses: without a bound, a long fragment of common words
// would be compared with most of a large document. Real prose stays far
// below it (at most 659 on all of pan13 and Gibbon read together); the
// postings left out are counted (candidateFinder.cut) and reported.
const maxPhraseWalk = 4 * maxPosting

// The kinds of index term: the stem of a common word, a name, a number.
const (
	termStem = iota
	termName
	termNumber
	termKinds
)

// termSlot returns where an item's term is numbered in x.terms, or -1 for
// items that are not indexed (personal pronouns).
func (x *index) termSlot(it item) int {
	w := x.voc.word(it.lemma)
	switch it.pos {
	case 'p':
		return int(w.lower)*termKinds + termName
	case 'd':
		return int(it.lemma)*termKinds + termNumber
	case 'x':
		return -1
	}
	return int(w.term)*termKinds + termStem
}

// clauseTerms appends the distinct terms of clause c, in ascending order,
// to buf[:0]; with add set, terms seen for the first time are numbered.
func (x *index) clauseTerms(dc *DocClaims, c *clause, add bool, buf []uint32) []uint32 {
	out := buf[:0]
	its := dc.items[c.items : c.items+uint32(c.nSubj)+uint32(c.nObj)+uint32(c.nRest)]
	term := func(slot int) {
		if slot < 0 {
			return
		}
		t := x.terms[slot]
		if t == 0 {
			if !add {
				return
			}
			x.df = append(x.df, 0)
			t = uint32(len(x.df))
			x.terms[slot] = t
		}
		out = append(out, t-1)
	}
	// subject, verb, object and rest: the order terms are first numbered in
	for i, it := range its {
		if i == int(c.nSubj) {
			x.verbTerm(c, term)
		}
		if !x.voc.word(it.lemma).fn {
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
	if v := x.voc.str(c.verb); v != "" && v != "be" && v != "have" {
		term(int(x.voc.word(c.verb).term)*termKinds + termStem)
	}
}

func buildIndex(docs []*DocClaims, voc *vocab) *index {
	x := &index{docs: docs, voc: voc, terms: make([]uint32, voc.size()*termKinds)}
	x.base = make([]int32, 0, len(docs)+1)
	n := int32(0)
	var buf []uint32
	// first pass: number the terms and count the clauses holding each
	for _, dc := range docs {
		x.base = append(x.base, n)
		for ci := range dc.clauses {
			c := &dc.clauses[ci]
			v := c.verb
			if c.copula() {
				v |= verbCopula
			}
			x.verbs = append(x.verbs, v)
			buf = x.clauseTerms(dc, c, true, buf)
			for _, t := range buf {
				x.df[t]++
			}
			n++
		}
	}
	x.base = append(x.base, n)
	x.idfs = make([]float64, len(x.df))
	for t, df := range x.df {
		x.idfs[t] = math.Log(1 + float64(n)/float64(df))
	}
	x.indexPhrases()
	// second pass: the postings of terms in 2 to maxPosting clauses
	x.off = make([]uint32, len(x.df)+1)
	for t, df := range x.df {
		x.off[t+1] = x.off[t]
		if df >= 2 && df <= maxPosting {
			x.off[t+1] += uint32(df)
		}
	}
	x.post = make([]int32, x.off[len(x.df)])
	fill := make([]uint32, len(x.df))
	copy(fill, x.off)
	id := int32(0)
	for _, dc := range docs {
		for ci := range dc.clauses {
			buf = x.clauseTerms(dc, &dc.clauses[ci], false, buf)
			for _, t := range buf {
				if fill[t] < x.off[t+1] {
					x.post[fill[t]] = id
					fill[t]++
				}
			}
			id++
		}
	}
	return x
}

// clausePhrases calls fn with the phrase keys of a clause: its whole
// subject, or for a verbless fragment each run of 3 to maxPhrase words.
func (x *index) clausePhrases(dc *DocClaims, c *clause, fn func(uint64)) {
	its := dc.items[c.items : c.items+uint32(c.nSubj)+uint32(c.nObj)+uint32(c.nRest)]
	if c.verb != 0 {
		if n := int(c.nSubj); n >= 3 && n <= maxPhrase && !c.resolved() {
			fn(x.phraseKey(its[:n]))
		}
		return
	}
	rest := its[c.nSubj+c.nObj:]
	for i := range rest {
		for n := 3; n <= maxPhrase && i+n <= len(rest); n++ {
			fn(x.phraseKey(rest[i : i+n]))
		}
	}
}

// phraseKey hashes the lower-case words of a run (FNV-1a over their ids).
func (x *index) phraseKey(its []item) uint64 {
	h := uint64(14695981039346656037)
	for _, it := range its {
		id := x.voc.word(it.lemma).lower
		for k := 0; k < 4; k++ {
			h ^= uint64(byte(id >> (8 * k)))
			h *= 1099511628211
		}
	}
	return h
}

// indexPhrases builds the phrase index from a flat list of (key, clause)
// pairs sorted once: a map of growing lists held every key read, most of
// them in one clause only, until the end.
func (x *index) indexPhrases() {
	type phraseAt struct {
		key    uint64
		clause int32
	}
	var at []phraseAt
	id := int32(0)
	for _, dc := range x.docs {
		for ci := range dc.clauses {
			x.clausePhrases(dc, &dc.clauses[ci], func(k uint64) { at = append(at, phraseAt{k, id}) })
			id++
		}
	}
	slices.SortFunc(at, func(a, b phraseAt) int {
		if a.key != b.key {
			return cmp.Compare(a.key, b.key)
		}
		return cmp.Compare(a.clause, b.clause)
	})
	x.phraseOff = []uint32{0}
	for i := 0; i < len(at); {
		j, n := i+1, 1 // the run of key at[i].key, and its distinct clauses
		for ; j < len(at) && at[j].key == at[i].key; j++ {
			if at[j].clause != at[j-1].clause {
				n++
			}
		}
		if n >= 2 && n <= maxPosting { // else alone, or too common to tell anything
			x.phraseKeys = append(x.phraseKeys, at[i].key)
			for k := i; k < j; k++ {
				if k == i || at[k].clause != at[k-1].clause {
					x.phrasePost = append(x.phrasePost, at[k].clause)
				}
			}
			x.phraseOff = append(x.phraseOff, uint32(len(x.phrasePost)))
		}
		i = j
	}
}

// phrase returns the clauses holding the run of words of key k, in order,
// or nil.
func (x *index) phrase(k uint64) []int32 {
	i, ok := slices.BinarySearch(x.phraseKeys, k)
	if !ok {
		return nil
	}
	return x.phrasePost[x.phraseOff[i]:x.phraseOff[i+1]]
}

// idf is the inverse document frequency of term t, over clauses.
func (x *index) idf(t uint32) float64 { return x.idfs[t] }

// weight is the IDF of an item's term, or 1 for items never indexed.
func (x *index) weight(it item) float64 {
	if slot := x.termSlot(it); slot >= 0 && slot < len(x.terms) {
		if t := x.terms[slot]; t > 0 && x.df[t-1] > 0 {
			return x.idf(t - 1)
		}
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
	count   []int32
	touched []int32
	anchors []uint32
	terms   []uint32
	// cut counts the clauses (before b, with repeats) of the phrase
	// postings the last call left unwalked past maxPhraseWalk.
	cut int
}

func (x *index) newCandidateFinder() *candidateFinder {
	return &candidateFinder{count: make([]int32, x.base[len(x.base)-1])}
}

// candidates calls fn for every clause a < b that shares at least two of
// b's rarest terms (or its only one), in another sentence, in ascending
// order of a.
func (x *index) candidates(f *candidateFinder, b int32, fn func(a int32)) {
	db, kb := x.clauseAt(b)
	dc := x.docs[db]
	cb := &dc.clauses[kb]
	f.terms = x.clauseTerms(dc, cb, false, f.terms)
	f.anchors = f.anchors[:0]
	for _, t := range f.terms {
		if x.df[t] >= 2 && x.df[t] <= maxPosting {
			f.anchors = append(f.anchors, t)
		}
	}
	lo, hi := x.base[db], x.base[db+1] // b's document
	// count adds n for each clause of a posting list before b, in another sentence
	count := func(post []int32, n int32) {
		for _, a := range post {
			if a >= b {
				break
			}
			if a >= lo && a < hi && dc.clauses[a-lo].sent == cb.sent {
				continue
			}
			if f.count[a] == 0 {
				f.touched = append(f.touched, a)
			}
			f.count[a] += n
		}
	}
	// clauses sharing a phrase with b are candidates whatever their words
	need := 2
	f.cut = 0
	if len(x.phraseKeys) > 0 {
		walked := 0
		x.clausePhrases(dc, cb, func(k uint64) {
			post := x.phrase(k)
			post = post[:sort.Search(len(post), func(i int) bool { return post[i] >= b })]
			if walked >= maxPhraseWalk {
				f.cut += len(post)
				return
			}
			walked += len(post)
			count(post, maxPosting)
		})
	}
	if len(f.anchors) == 0 && len(f.touched) == 0 {
		return
	}
	sort.Slice(f.anchors, func(i, j int) bool { return x.df[f.anchors[i]] < x.df[f.anchors[j]] })
	if len(f.anchors) > anchorsPerClause {
		f.anchors = f.anchors[:anchorsPerClause]
	}
	// A clause that shares need of the anchors holds one of the rarest
	// len-need+1 of them: only their postings are walked; the commoner
	// anchors are looked up, by binary search, for the clauses found.
	need = min(need, len(f.anchors))
	walk := len(f.anchors) - need + 1
	if len(f.anchors) == 0 {
		need, walk = 1, 0 // phrase candidates only
	}
	for _, t := range f.anchors[:walk] {
		count(x.post[x.off[t]:x.off[t+1]], 1)
	}
	slices.Sort(f.touched)
	for _, a := range f.touched {
		n := int(f.count[a])
		f.count[a] = 0
		for _, t := range f.anchors[walk:] {
			if n >= need {
				break
			}
			if _, ok := slices.BinarySearch(x.post[x.off[t]:x.off[t+1]], a); ok {
				n++
			}
		}
		if n >= need {
			fn(a)
		}
	}
	f.touched = f.touched[:0]
}
