package main

import (
	"os"
	"runtime/debug"

	"github.com/crosscheck/crosscheck/compare"
)

// defaultMemoryBudget is the multiple of its input that every command that
// reviews documents keeps its heap near. The README's bound on peak memory
// (ten times the input, plus a fixed 100 MB) rests on it: check runs every
// analyzer at once, and Go's default pacing would let a heap whose live
// part is five times the input grow to ten before collecting. Measured on
// 6 MB of prose (check -f json): peak 158 MB without the limit, 103 MB with
// it, for a fifth more time.
const defaultMemoryBudget = 7

// claimsMemoryBudget is the claims command's budget. Its live data while
// it compares is near six times the input (the documents 2.7 times,
// their claims 2.3, the candidate index and the comparers' caches the
// rest, measured on the claims scale corpus), and a limit of seven left
// the collector so little room that it ran every few milliseconds: 327
// collections and 11% of the CPU on 20 MB. At seven and a half it runs a
// tenth as often, no slower than with no limit at all, and peak memory
// stays under ten times the input (9.65 times at 10 MB, where the
// program's fixed 20 MB counts; 8.1 at 20 MB).
const claimsMemoryBudget = 7.5

// citeMemoryBudget is the cite command's budget. It holds the documents
// (2.6 times the input for plain text, 4.3 times for text with CRLF line
// ends, which is normalised into a copy with a map back) and little
// else. On 31 copies of Gibbon's first volume (51 MB, CRLF) it peaks at
// 4.8 times the input, in 2.4 s, against 6.6 times at the default.
const citeMemoryBudget = 5

// minMemoryLimit is the least soft limit softMemoryLimit sets: small
// inputs run as Go would run them.
const minMemoryLimit = 64 << 20

// softMemoryLimit asks the Go runtime to keep the heap near budget times
// the size of the input, collecting garbage more often as the heap nears
// it. Go's default pacing lets the heap grow to twice what is live, so a
// command whose live data is seven or eight times its input would peak
// near twenty; with the limit it stays near the budget. The limit is soft
// (never an error: past it the collector only works harder), it is never
// below minMemoryLimit, and a limit set with GOMEMLIMIT wins.
func softMemoryLimit(docs []*compare.Document, budget float64) {
	if budget <= 0 || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	var n int64
	for _, d := range docs {
		n += int64(len(d.Raw))
	}
	debug.SetMemoryLimit(max(int64(budget*float64(n)), minMemoryLimit))
}
