package claims

import (
	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/claims/internal/checks"
	"github.com/crosscheck/crosscheck/compare/claims/internal/limits"
)

// CheckLimit says where the analyzer's bounds left comparisons out, so
// that no cut is silent (claims.limit).
var CheckLimit = checks.Limit

// newLimits counts what the bounds leave out of the clauses of x (see
// package limits).
func newLimits(x *index) *limits.Limits {
	return limits.New(len(x.docs), func(b int32) int { d, _ := x.clauseAt(b); return d })
}

// limitPlace is the document and span of clause number b of x, where a
// limits finding is reported.
func (x *index) limitPlace(b int32) (*compare.Document, compare.Span) {
	d, k := x.clauseAt(b)
	return x.docs[d].Doc, x.docs[d].ref(k).span()
}
