package compare

// Budget is the limits of one run, built once from flags and config and
// carried in every Pass: the input layer reads the byte limits, analyzers
// that spend memory in proportion to something they can bound read what
// concerns them, and the cap stage (Cap) applies the finding limits. A
// zero field means "no limit", except where its comment names a default.
type Budget struct {
	// MaxFileBytes is the largest file the input layer reads.
	MaxFileBytes int64
	// MaxTotalBytes is the most bytes the input layer reads over all files.
	MaxTotalBytes int64
	// MaxFindings is the most findings a run reports: the cap keeps the
	// first MaxFindings in SortFindings' order and counts the rest.
	MaxFindings int
	// MaxMessage is the longest message, in code points; the cap cuts
	// longer ones, marking the cut with "…" (Shorten).
	MaxMessage int
	// MaxExcerpt is the longest excerpt of a span that output quotes, in
	// code points; zero means the renderer's own default.
	MaxExcerpt int
}

// The defaults of DefaultBudget.
const (
	DefaultMaxFileBytes = 256 << 20
	DefaultMaxFindings  = 10000
	DefaultMaxMessage   = 4000
	DefaultMaxExcerpt   = 200
)

// DefaultBudget returns the limits crosscheck runs with unless told
// otherwise: files up to 256 MiB, no limit on the total, 10,000 findings,
// messages of 4,000 code points and excerpts of 200.
func DefaultBudget() Budget {
	return Budget{
		MaxFileBytes: DefaultMaxFileBytes,
		MaxFindings:  DefaultMaxFindings,
		MaxMessage:   DefaultMaxMessage,
		MaxExcerpt:   DefaultMaxExcerpt,
	}
}
