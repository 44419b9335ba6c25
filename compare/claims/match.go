package claims

import (
	"math"
	"sort"
	"strings"
)

// ref locates one clause among the documents under review.
type ref struct {
	doc, sent, clause int32
}

// index is an inverted index from content terms to the clauses that hold
// them; candidate pairs come from it, never from all pairs of sentences.
type index struct {
	docs  []*DocClaims
	refs  []ref
	terms [][]uint32 // per clause, its distinct terms
	post  [][]int32  // per term, the clauses holding it, ascending
	df    []int32
	dict  map[string]uint32
}

// maxPosting is how common a term may be and still find candidates: a term
// in more clauses than this says nothing about which claims match.
const maxPosting = 400

// anchorsPerClause is how many of a clause's rarest terms look up candidates.
const anchorsPerClause = 4

func (x *index) term(s string) uint32 {
	if id, ok := x.dict[s]; ok {
		return id
	}
	id := uint32(len(x.post))
	x.dict[s] = id
	x.post = append(x.post, nil)
	x.df = append(x.df, 0)
	return id
}

// termOf is the index term of an item: the stem of its lemma, or a name's key.
func termOf(it item) string {
	switch it.pos {
	case 'p':
		return "@" + strings.ToLower(it.lemma)
	case 'd':
		return "#" + it.lemma
	case 'x':
		return ""
	}
	return Stem(it.lemma)
}

func buildIndex(docs []*DocClaims) *index {
	x := &index{docs: docs, dict: map[string]uint32{}}
	var buf []uint32
	for di, dc := range docs {
		for si := range dc.Sentences {
			s := &dc.Sentences[si]
			for ci := range s.Clauses {
				c := &s.Clauses[ci]
				buf = buf[:0]
				add := func(its []item) {
					for _, it := range its {
						if t := termOf(it); t != "" && !functionWords[it.lemma] {
							buf = append(buf, x.term(t))
						}
					}
				}
				add(c.subj)
				if c.Verb != "" && c.Verb != "be" && c.Verb != "have" {
					buf = append(buf, x.term(Stem(c.Verb)))
				}
				add(c.obj)
				add(c.rest)
				ts := uniq(buf)
				id := int32(len(x.refs))
				x.refs = append(x.refs, ref{int32(di), int32(si), int32(ci)})
				x.terms = append(x.terms, ts)
				for _, t := range ts {
					x.df[t]++
					if x.df[t] <= maxPosting {
						x.post[t] = append(x.post[t], id)
					} else if x.post[t] != nil {
						x.post[t] = nil // too common: drop the list
					}
				}
			}
		}
	}
	return x
}

func uniq(ts []uint32) []uint32 {
	out := append([]uint32(nil), ts...)
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	n := 0
	for i, t := range out {
		if i == 0 || t != out[n-1] {
			out[n] = t
			n++
		}
	}
	return out[:n:n]
}

func (x *index) idf(t uint32) float64 {
	return math.Log(1 + float64(len(x.refs))/float64(x.df[t]))
}

// candidates calls fn for every pair of clauses (a < b) that share at
// least two of b's rarest terms (or its only one), in different sentences.
func (x *index) candidates(fn func(a, b int32)) {
	count := make([]int32, len(x.refs))
	var touched []int32
	anchors := make([]uint32, 0, 16)
	for b := range x.refs {
		anchors = anchors[:0]
		for _, t := range x.terms[b] {
			if x.df[t] >= 2 && x.df[t] <= maxPosting {
				anchors = append(anchors, t)
			}
		}
		if len(anchors) == 0 {
			continue
		}
		sort.Slice(anchors, func(i, j int) bool { return x.df[anchors[i]] < x.df[anchors[j]] })
		if len(anchors) > anchorsPerClause {
			anchors = anchors[:anchorsPerClause]
		}
		need := int32(min(2, len(anchors)))
		rb := x.refs[b]
		for _, t := range anchors {
			for _, a := range x.post[t] {
				if int(a) >= b {
					break
				}
				ra := x.refs[a]
				if ra.doc == rb.doc && ra.sent == rb.sent {
					continue
				}
				if count[a] == 0 {
					touched = append(touched, a)
				}
				count[a]++
			}
		}
		sort.Slice(touched, func(i, j int) bool { return touched[i] < touched[j] })
		for _, a := range touched {
			if count[a] >= need {
				fn(a, int32(b))
			}
			count[a] = 0
		}
		touched = touched[:0]
	}
}
