// Package candidates finds which clauses the claims analyzer compares with
// which: an inverted index from the clauses' terms and phrases to the
// clauses holding them, and the bounds that keep each clause's candidates
// few, whatever the input.
//
// Clauses are numbered from 0 in the order they are counted. A term is
// numbered the first time one of its slots (a place the caller gives to
// a word as a kind of term) is seen; a phrase is a hash of a run of words.
// An index is built in two passes over the clauses, Count then Post, with
// Seal between them, and is only read afterwards, by any number of
// goroutines each with its own Finder.
package candidates

import (
	"cmp"
	"math"
	"slices"
	"sort"
)

// MaxPosting is how common a term or a phrase may be and still find
// candidates: one in more clauses than this says nothing about which
// claims match.
const MaxPosting = 400

// AnchorsPerClause is how many of a clause's rarest terms find candidates.
const AnchorsPerClause = 4

// MaxPhraseWalk bounds the clauses a clause's phrases find as candidates,
// counted in postings walked. A verbless fragment has a phrase at every
// word (runs of three to six words), each shared by up to MaxPosting
// clauses: without a bound, a long fragment of common words would be
// compared with most of a large document. Real prose stays far below it
// (at most 659 on all of pan13 and Gibbon read together); the postings
// left out are counted (Finder.Cut).
const MaxPhraseWalk = 4 * MaxPosting

// Index is the inverted index. Postings are one flat table
// (post[off[t]:fill[t]] lists the clauses of term t in ascending order),
// kept only for terms in 2 to MaxPosting clauses; phrases likewise, their
// keys sorted. A clause counted as a copy (CountCopy) weighs in the terms'
// and phrases' counts as any other but is never posted: it finds no
// candidates and is none, its original standing for it.
type Index struct {
	slots   []uint32 // term of a slot, + 1; 0 when unseen
	df      []int32  // by term, the clauses holding it
	idf     []float64
	off     []uint32
	post    []int32
	fill    []uint32 // where each term's next clause goes: the end of its postings
	clauses int32

	phrases    []phraseAt // while counting
	phraseKeys []uint64
	phraseOff  []uint32
	phrasePost []int32
}

type phraseAt struct {
	key    uint64
	clause int32
	copy   bool // the clause is a copy: counted, not posted
}

// New returns an empty index whose terms have slots 0 to slots-1.
func New(slots int) *Index { return &Index{slots: make([]uint32, slots)} }

// Term returns the term of a slot; with add set, a slot seen for the first
// time is given a new term. A negative slot has no term.
func (x *Index) Term(slot int, add bool) (uint32, bool) {
	if slot < 0 {
		return 0, false
	}
	t := x.slots[slot]
	if t == 0 {
		if !add {
			return 0, false
		}
		x.df = append(x.df, 0)
		t = uint32(len(x.df))
		x.slots[slot] = t
	}
	return t - 1, true
}

// Count counts the next clause, with its distinct terms and its phrases.
func (x *Index) Count(terms []uint32, phrases []uint64) { x.count(terms, phrases, false) }

// CountCopy counts the next clause, a copy of an earlier one: it counts in
// the terms' and phrases' frequencies, but Post must not be called for it
// and its phrases are not posted.
func (x *Index) CountCopy(terms []uint32, phrases []uint64) { x.count(terms, phrases, true) }

func (x *Index) count(terms []uint32, phrases []uint64, copy bool) {
	for _, t := range terms {
		x.df[t]++
	}
	for _, k := range phrases {
		x.phrases = append(x.phrases, phraseAt{k, x.clauses, copy})
	}
	x.clauses++
}

// Seal ends the counting: the terms' weights, the phrases' postings, and
// room for the terms' postings.
func (x *Index) Seal() {
	x.idf = make([]float64, len(x.df))
	for t, df := range x.df {
		x.idf[t] = math.Log(1 + float64(x.clauses)/float64(df))
	}
	x.sealPhrases()
	x.off = make([]uint32, len(x.df)+1)
	for t, df := range x.df {
		x.off[t+1] = x.off[t]
		if df >= 2 && df <= MaxPosting {
			x.off[t+1] += uint32(df)
		}
	}
	x.post = make([]int32, x.off[len(x.df)])
	x.fill = slices.Clone(x.off[:len(x.df)])
}

// sealPhrases keeps the phrases in 2 to MaxPosting clauses, from the list
// of (key, clause) pairs sorted once: a map of growing lists would hold
// every phrase read, most of them in one clause only, until the end.
func (x *Index) sealPhrases() {
	at := x.phrases
	x.phrases = nil
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
		if n >= 2 && n <= MaxPosting { // else alone, or too common to tell anything
			x.phraseKeys = append(x.phraseKeys, at[i].key)
			for k := i; k < j; k++ {
				if (k == i || at[k].clause != at[k-1].clause) && !at[k].copy {
					x.phrasePost = append(x.phrasePost, at[k].clause)
				}
			}
			x.phraseOff = append(x.phraseOff, uint32(len(x.phrasePost)))
		}
		i = j
	}
}

// Post posts clause c under its distinct terms; clauses are posted in
// the order they were counted, copies left out.
func (x *Index) Post(c int32, terms []uint32) {
	for _, t := range terms {
		if x.fill[t] < x.off[t+1] {
			x.post[x.fill[t]] = c
			x.fill[t]++
		}
	}
}

// Clauses is the number of clauses counted.
func (x *Index) Clauses() int32 { return x.clauses }

// Weight is the inverse document frequency (over clauses) of the term of
// a slot, if the slot has one.
func (x *Index) Weight(slot int) (float64, bool) {
	if slot >= 0 && slot < len(x.slots) {
		if t := x.slots[slot]; t > 0 && x.df[t-1] > 0 {
			return x.idf[t-1], true
		}
	}
	return 0, false
}

// phrase returns the clauses holding the phrase of key k, in order, or nil.
func (x *Index) phrase(k uint64) []int32 {
	i, ok := slices.BinarySearch(x.phraseKeys, k)
	if !ok {
		return nil
	}
	return x.phrasePost[x.phraseOff[i]:x.phraseOff[i+1]]
}

// Finder holds one goroutine's scratch space for Candidates.
type Finder struct {
	count   []int32
	touched []int32
	anchors []uint32
	// Cut counts the clauses (before b, with repeats) of the phrase
	// postings the last call left unwalked past MaxPhraseWalk.
	Cut int
}

// NewFinder returns scratch space for Candidates.
func (x *Index) NewFinder() *Finder { return &Finder{count: make([]int32, x.clauses)} }

// Candidates calls fn, in ascending order, for every clause a < b that
// skip does not rule out (a clause of b's own sentence) and that shares
// with clause b a phrase, or at least two of b's rarest terms (its only
// one when it has one), given b's distinct terms and its phrases.
func (x *Index) Candidates(f *Finder, b int32, terms []uint32, phrases []uint64, skip func(a int32) bool, fn func(a int32)) {
	x.CandidatesBefore(f, b, b, terms, phrases, skip, fn)
}

// CandidatesBefore is Candidates for the clauses before, rather than before
// b, b itself left out: an original with copies stands for its last copy
// too, whose candidates come before it.
func (x *Index) CandidatesBefore(f *Finder, b, before int32, terms []uint32, phrases []uint64, skip func(a int32) bool, fn func(a int32)) {
	f.anchors = f.anchors[:0]
	for _, t := range terms {
		if x.df[t] >= 2 && x.df[t] <= MaxPosting {
			f.anchors = append(f.anchors, t)
		}
	}
	// count adds n for each clause of a posting list before b
	count := func(post []int32, n int32) {
		for _, a := range post {
			if a >= before {
				break
			}
			if a == b || skip(a) {
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
	f.Cut = 0
	if len(x.phraseKeys) > 0 {
		walked := 0
		for _, k := range phrases {
			post := x.phrase(k)
			post = post[:sort.Search(len(post), func(i int) bool { return post[i] >= before })]
			if walked >= MaxPhraseWalk {
				f.Cut += len(post)
				continue
			}
			walked += len(post)
			count(post, MaxPosting)
		}
	}
	if len(f.anchors) == 0 && len(f.touched) == 0 {
		return
	}
	sort.Slice(f.anchors, func(i, j int) bool { return x.df[f.anchors[i]] < x.df[f.anchors[j]] })
	if len(f.anchors) > AnchorsPerClause {
		f.anchors = f.anchors[:AnchorsPerClause]
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
		count(x.post[x.off[t]:x.fill[t]], 1)
	}
	slices.Sort(f.touched)
	for _, a := range f.touched {
		n := int(f.count[a])
		f.count[a] = 0
		for _, t := range f.anchors[walk:] {
			if n >= need {
				break
			}
			if _, ok := slices.BinarySearch(x.post[x.off[t]:x.fill[t]], a); ok {
				n++
			}
		}
		if n >= need {
			fn(a)
		}
	}
	f.touched = f.touched[:0]
}

// FindsCopies reports whether a clause with these distinct terms and
// phrases is a candidate of a copy of itself: whether it has a term in 2
// to MaxPosting clauses or a phrase that is posted.
func (x *Index) FindsCopies(terms []uint32, phrases []uint64) bool {
	for _, t := range terms {
		if x.df[t] >= 2 && x.df[t] <= MaxPosting {
			return true
		}
	}
	for _, k := range phrases {
		if _, ok := slices.BinarySearch(x.phraseKeys, k); ok {
			return true
		}
	}
	return false
}
