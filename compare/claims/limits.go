package claims

import (
	"fmt"
	"strings"
	"sync"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/claims/internal/checks"
)

// CheckLimit says where the analyzer's bounds left comparisons out, so
// that no cut is silent (claims.limit).
var CheckLimit = checks.Limit

// limits counts, per document, what the bounds left out: from which
// clause (number) on, how many contradictions and how many pairs.
type limits struct {
	mu   sync.Mutex
	x    *index
	docs []docLimits
}

type docLimits struct {
	first                 int32 // -1 while nothing is left out
	contradictions, pairs int
}

func newLimits(x *index) *limits {
	l := &limits{x: x, docs: make([]docLimits, len(x.docs))}
	for i := range l.docs {
		l.docs[i].first = -1
	}
	return l
}

// cut counts contradictions and candidate pairs of clause b left out.
func (l *limits) cut(b int32, contradictions, pairs int) {
	d, _ := l.x.clauseAt(b)
	l.mu.Lock()
	dl := &l.docs[d]
	if dl.first < 0 || b < dl.first {
		dl.first = b
	}
	dl.contradictions += contradictions
	dl.pairs += pairs
	l.mu.Unlock()
}

// report makes one CheckLimit finding per document with something left
// out, at the first clause concerned, in the order of the documents.
func (l *limits) report(report func(compare.Finding)) {
	for d, dl := range l.docs {
		if dl.first < 0 {
			continue
		}
		var what []string
		if dl.contradictions > 0 {
			what = append(what, fmt.Sprintf("%d contradiction(s) of claims contradicted more than %d times",
				dl.contradictions, maxContradictions))
		}
		if dl.pairs > 0 {
			what = append(what, fmt.Sprintf("up to %d pair(s) of claims (fragments sharing runs of words with more than %d claims)",
				dl.pairs, maxPhraseWalk))
		}
		dc := l.x.docs[d]
		_, k := l.x.clauseAt(dl.first)
		f := compare.Newf(CheckLimit, dc.Doc, dc.ref(k).span(), "from here on, the claims analyzer left out %s: the text repeats "+
			"the same claims too often, and its claims findings are a sample; shorten the repeated passages to see them all",
			strings.Join(what, " and "))
		f.Details = map[string]any{"contradictions_left_out": dl.contradictions, "pairs_not_compared": dl.pairs}
		report(f)
	}
}
