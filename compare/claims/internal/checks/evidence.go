package checks

// Evidence says what a contradiction between two claims rests on.
type Evidence uint8

const (
	// EvidenceWords: the claims share subject and predicate words, nothing more.
	EvidenceWords Evidence = iota
	// EvidenceAnchored: they also share a name outside the conflicting
	// values ("Kennedy", "the UN"), which ties them to one thing or event.
	EvidenceAnchored
	// EvidenceEvent: they state one event: the same subject (two content
	// words or more, word for word), the same predicate and arguments, at
	// the same date ("the market for heat pumps grew 5% in 2021").
	EvidenceEvent
	// EvidenceIdentified: they share a name and a number that names one
	// thing ("Executive Order 10925", "Regulation No 882"): an event done
	// to an identified thing happens once.
	EvidenceIdentified
	// EvidenceRestated: they say the same, word for word or nearly, but for
	// the conflicting words: a passage restated or copied with a change.
	EvidenceRestated
)

// String names the evidence: "words", "anchored", "event", "identified", "restated".
func (e Evidence) String() string {
	return [...]string{"words", "anchored", "event", "identified", "restated"}[e]
}

// HedgePenalty is what a contradiction loses in confidence when one of its
// claims is hedged (a possibility, an expectation, a report): the two may
// not both be the writers' own statements.
const HedgePenalty = 0.15

// Weigh is the confidence of a finding of kind ("overlap", "number", …)
// that the comparison gave conf, given what it rests on: a claim
// restated with a change is as sure as the comparison says, a shared
// name a little less, shared words alone much less. An overlap keeps
// its score.
func Weigh(kind string, conf float64, ev Evidence) float64 {
	if kind == "overlap" {
		return conf
	}
	switch ev {
	case EvidenceAnchored, EvidenceIdentified:
		return conf - 0.05
	case EvidenceEvent:
		return conf - 0.1 // one subject, predicate and date, but no name shared
	case EvidenceWords:
		return conf - 0.2
	}
	return conf
}
