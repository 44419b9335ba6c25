// Package view holds what the claims analyzer shows of a sentence: its
// clauses, amounts, dates, names and cues, as plain values.
package view

import (
	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/lang"
)

// Clause is one predication of a sentence: a subject, a verb group and
// what follows it. Claims are compared clause by clause.
type Clause struct {
	Span        compare.Span // Text coordinates
	Subject     compare.Span // empty when the subject is implicit
	VerbGroup   compare.Span // "is not playing", "have also signed", "are"
	Verb        string       // lemma of the main verb; "be" for a copula
	Negated     bool         // the predication is denied
	NegCue      compare.Span // the word that denies it
	Modal       string       // "may", "will", "should", … when the verb group has one
	Existential bool         // "there is/are …"
	Passive     bool
	Copula      bool
	Resolved    bool // the subject is a pronoun read as an earlier subject
	// Asserted is false for a clause that states nothing of its own: a
	// condition, a time or relative clause, a question, a litotes ("not
	// unlike"). Such a clause contradicts only a copy of itself.
	Asserted bool
	// Hedged is set for a claim made less than plainly: a possibility
	// ("may"), an expectation or a report ("is expected to", "according
	// to", "reportedly", what "the ministry said" introduces).
	Hedged bool
}

// VerbGroupOrCue is the negation cue of a negated clause, else its verb group.
func (c *Clause) VerbGroupOrCue() compare.Span {
	if c.Negated && c.NegCue.End > c.NegCue.Start {
		return c.NegCue
	}
	return c.VerbGroup
}

// Sentence is what one sentence of a document claims.
type Sentence struct {
	Index      int          // index in the document's Sentences
	Span       compare.Span // Text coordinates
	Clauses    []Clause
	Quantities []lang.Quantity
	Dates      []lang.Date
	Entities   []lang.Entity
	Cues       []lang.Cue
}
