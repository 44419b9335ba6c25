// Package limits counts what the claims analyzer's bounds leave out, per
// document, and reports it (claims.limit), so that no cut is silent.
package limits

import (
	"fmt"
	"strings"
	"sync"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/claims/internal/candidates"
	"github.com/crosscheck/crosscheck/compare/claims/internal/checks"
)

// Limits counts, per document, what the bounds left out: from which
// clause (number) on, how many contradictions and how many pairs. Workers
// may count concurrently.
type Limits struct {
	mu    sync.Mutex
	docOf func(clause int32) int
	docs  []docLimits
}

type docLimits struct {
	first                 int32 // -1 while nothing is left out
	contradictions, pairs int
}

// New returns the counts of n documents, docOf giving the document of a
// clause number.
func New(n int, docOf func(clause int32) int) *Limits {
	l := &Limits{docOf: docOf, docs: make([]docLimits, n)}
	for i := range l.docs {
		l.docs[i].first = -1
	}
	return l
}

// Cut counts contradictions and candidate pairs of clause b left out.
func (l *Limits) Cut(b int32, contradictions, pairs int) {
	d := l.docOf(b)
	l.mu.Lock()
	dl := &l.docs[d]
	if dl.first < 0 || b < dl.first {
		dl.first = b
	}
	dl.contradictions += contradictions
	dl.pairs += pairs
	l.mu.Unlock()
}

// Report makes one checks.Limit finding per document with something left
// out, at the first clause concerned (place gives its document and
// span), in the order of the documents.
func (l *Limits) Report(report func(compare.Finding), place func(clause int32) (*compare.Document, compare.Span)) {
	for _, dl := range l.docs {
		if dl.first < 0 {
			continue
		}
		var what []string
		if dl.contradictions > 0 {
			what = append(what, fmt.Sprintf("%d contradiction(s) of claims contradicted more than %d times",
				dl.contradictions, checks.MaxContradictions))
		}
		if dl.pairs > 0 {
			what = append(what, fmt.Sprintf("up to %d pair(s) of claims (fragments sharing runs of words with more than %d claims)",
				dl.pairs, candidates.MaxPhraseWalk))
		}
		doc, span := place(dl.first)
		f := compare.Newf(checks.Limit, doc, span, "from here on, the claims analyzer left out %s: the text repeats "+
			"the same claims too often, and its claims findings are a sample; shorten the repeated passages to see them all",
			strings.Join(what, " and "))
		f.Details = map[string]any{"contradictions_left_out": dl.contradictions, "pairs_not_compared": dl.pairs}
		report(f)
	}
}
