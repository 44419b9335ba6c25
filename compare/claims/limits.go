package claims

import (
	"fmt"
	"sort"
	"sync"

	"github.com/crosscheck/crosscheck/compare"
)

// CheckLimit says where the analyzer's bounds left comparisons out, so
// that no cut is silent.
var CheckLimit = &compare.Check{
	ID:       "claims.limit",
	Title:    "Some claims were not all compared: the text repeats them too often",
	Severity: compare.Info,
	Help: `The claims analyzer bounds its work per claim so that a large or repetitive text ` +
		`takes time and memory in proportion to its size: a claim is reported as contradicted ` +
		`by at most ` + fmt.Sprint(maxContradictions) + ` others, and a verbless fragment is compared ` +
		`with at most the first ` + fmt.Sprint(maxPhraseWalk) + ` claims that share a run of its words. ` +
		`Real prose stays far below both; a generated or templated text ("The rink is full. The ` +
		`rink is empty." hundreds of times) reaches them. One finding per document, at the first ` +
		`claim concerned, counts what was left out (details.contradictions_left_out, ` +
		`details.pairs_not_compared); the findings reported are then a sample of what the text ` +
		`repeats. Remove or shorten the repeated passages to see every finding.`,
}

// limits counts, per document, what the bounds left out.
type limits struct {
	mu   sync.Mutex
	docs map[int]*docLimits
}

// docLimits is what the bounds left out in one document: where first
// (clause number) and how much.
type docLimits struct {
	first          int32
	contradictions int
	pairs          int
}

func newLimits() *limits { return &limits{docs: map[int]*docLimits{}} }

// at returns the counts of clause b's document, b being the first clause
// concerned if none was before it. The caller holds l.mu.
func (l *limits) at(x *index, b int32) *docLimits {
	d, _ := x.clauseAt(b)
	dl := l.docs[d]
	if dl == nil {
		dl = &docLimits{first: b}
		l.docs[d] = dl
	}
	dl.first = min(dl.first, b)
	return dl
}

// cutContradiction counts a contradiction of clause b left out.
func (l *limits) cutContradiction(x *index, b int32) {
	l.mu.Lock()
	l.at(x, b).contradictions++
	l.mu.Unlock()
}

// cutCandidates counts n candidates of clause b not compared.
func (l *limits) cutCandidates(x *index, b int32, n int) {
	l.mu.Lock()
	l.at(x, b).pairs += n
	l.mu.Unlock()
}

// report makes one CheckLimit finding per document with something left
// out, in the order of the documents.
func (l *limits) report(x *index, report func(compare.Finding)) {
	ds := make([]int, 0, len(l.docs))
	for d := range l.docs {
		ds = append(ds, d)
	}
	sort.Ints(ds)
	for _, d := range ds {
		report(limitFinding(x, l.docs[d]))
	}
}

func limitFinding(x *index, dl *docLimits) compare.Finding {
	d, k := x.clauseAt(dl.first)
	dc := x.docs[d]
	si := int(dc.clauses[k].sent)
	at := ClauseRef{dc, si, k - int(dc.sents[si].clauses)}
	var what string
	switch {
	case dl.contradictions > 0 && dl.pairs > 0:
		what = fmt.Sprintf("%d contradictions left out and up to %d pairs of claims not compared", dl.contradictions, dl.pairs)
	case dl.contradictions > 0:
		what = fmt.Sprintf("%d contradictions left out", dl.contradictions)
	default:
		what = fmt.Sprintf("up to %d pairs of claims not compared", dl.pairs)
	}
	f := compare.Newf(CheckLimit, dc.Doc, at.span(), "%s from here on: the text repeats the same claims too often "+
		"(over %d contradictions of one claim, or a fragment sharing its words with over %d claims); "+
		"the claims findings of this document are a sample", what, maxContradictions, maxPhraseWalk)
	f.Details = map[string]any{"contradictions_left_out": dl.contradictions, "pairs_not_compared": dl.pairs}
	return f
}
