package citations

import "github.com/crosscheck/crosscheck/compare"

// maxQuoted is the most code points of input text (a label, a name, a
// page, a field of a manifest) that a message or an error quotes: enough
// to recognise it, never the megabytes a hostile input can hold.
const maxQuoted = 120

// maxDiff is the most code points of a quotation's word diff a finding
// carries.
const maxDiff = 2000

// clip cuts s to at most n code points, marking the cut with "…".
func clip(s string, n int) string {
	if len(s) <= n { // n code points take at least n bytes
		return s
	}
	return compare.Shorten(s, n)
}
