// Package checks defines the checks the claims analyzer reports, with
// their help.
package checks

import (
	"fmt"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/claims/internal/candidates"
)

// MaxContradictions is the most contradictions reported against one
// clause (as the second of the pair). Real prose has at most three (all of
// pan13 and Gibbon read together); a text that says one thing and its
// opposite hundreds of times ("The rink is full. The rink is empty. …")
// would otherwise make a finding of every pair.
const MaxContradictions = 8

// The checks of the claims analyzer.
var (
	Overlap = &compare.Check{
		ID:       "claims.overlap",
		Title:    "The same claim is made in several places",
		Severity: compare.Info,
		Help: `Several sentences, in one document or across documents, claim the same thing: they ` +
			`share the subject and the predicate (the same verb or a WordNet synonym, the same object or ` +
			`complement), not just a topic word. One finding is reported per group of matching claims, at ` +
			`the first, with every other place related and a word diff of each against the first ` +
			`([-only in the first-] {+only in the other+}). Useful to keep figures and wording in step ` +
			`when a claim is repeated, or to spot a passage said twice.`,
	}
	Number = &compare.Check{
		ID:       "claims.contradiction.number",
		Title:    "Two claims give amounts that cannot both hold",
		Severity: compare.Warning,
		Help: `Two claims about the same subject and predicate state amounts of the same measure whose ` +
			`ranges do not meet: "98 countries" against "109 countries". Qualifiers make ranges, and a ` +
			`qualified figure meets the plain one ("over 150" and "150", "almost ninety years" and "ninety ` +
			`years" can both be said), so only ranges apart contradict; units and scale words are compared ` +
			`("190 billion dollars" is not "190 million dollars"). A verb that multiplies states a change in ` +
			`per cent ("doubled" is a rise of 100%, "halved" a fall of 50%, "more than doubled" at least 100%, so ` +
			`it allows "tripled"), and an ordinal after a verb of ranking states a rank ("ranked third", "came ` +
			`5th", "finished in second place"); an ordinal in a name ("the Second World War", "Fifth Avenue") ` +
			`and a year ("in 2019") are no amounts. The figures of the two claims are paired ` +
			`first, equal with equal, and a number that names ("Type 1", "page 713") is no amount. Numbers ` +
			`give many false alarms unless both claims are about the same event, so one is reported only ` +
			`when the sentences are the same but for the figure (a passage restated or copied with a ` +
			`change), or when the claims share a name, speak of the same time and each sentence states ` +
			`that one figure. ` + EvidenceHelp,
	}
	Date = &compare.Check{
		ID:       "claims.contradiction.date",
		Title:    "Two claims date the same event differently",
		Severity: compare.Warning,
		Help: `Two claims about the same event (the same subject, verb and object, the same sentence ` +
			`restated or a shared name) give dates that cannot both hold at the granularity they are ` +
			`stated: "August 2007" and "10 August 2007" agree, "August 2007" and "July 2007" do not; a day ` +
			`without a year ("March 2") is compared only with another. Relative dates ("10 years ago", ` +
			`"the past two years") are resolved against the document's own date when it states one ` +
			`("issued Dec 15, 2020") and are otherwise never compared. Periods and "since"/"until" dates ` +
			`are compared only with their own kind, and claims whose amounts differ too are a series ` +
			`("in 2008 … 8 sales", "in 2009 … 14 sales"), not one event dated twice. ` + EvidenceHelp,
	}
	Negation = &compare.Check{
		ID:       "claims.contradiction.negation",
		Title:    "One claim denies what another states",
		Severity: compare.Warning,
		Help: `A claim states a predicate that another, about the same subject, denies with not, never, ` +
			`no, nobody or none: "a deer is jumping over the fence" against "a deer isn't jumping over the ` +
			`fence". The denied claim must be no more specific than the stated one: "there is no man ` +
			`playing a guitar" denies "a bald man is playing a guitar on stage", but "two young women are ` +
			`not sparring" does not deny "two women are sparring". A litotes denies nothing ("not unlike ` +
			`his own", "not without reason", "not uncommon"), nor does "not only"; a reported denial denies ` +
			`the clause it introduces ("the mayor denied that the council approved the depot", "rejected ` +
			`claims that", "disputed that"), as the one who denies tells it, while "did not deny that" leaves ` +
			`it open and contradicts nothing; "not very good" and ` +
			`"never widely used" deny a degree, not the predicate; a condition, a time or relative clause ` +
			`and a question assert nothing of their own and contradict only a copy of themselves changed. ` +
			`Claims with different modality ("may not" against "is") are not compared. ` + EvidenceHelp,
	}
	Antonym = &compare.Check{
		ID:       "claims.contradiction.antonym",
		Title:    "Two claims say opposite things about the same subject",
		Severity: compare.Warning,
		Help: `Two claims alike in all else have predicates, complements or modifiers in the same place ` +
			`that WordNet lists as antonyms: "the rink is empty" against "the rink is full", "near the ` +
			`barrel" against "far from the barrel", "sitting" against "standing". The subjects must be the ` +
			`same words and the objects the same: "a golden age would succeed to an age of iron" does not ` +
			`oppose "the golden age of Trajan had been preceded by an age of iron". Direct antonyms (an ` +
			`antonym pointer between the two words) get a higher confidence than indirect ones ("huge", ` +
			`similar to "large", against "small"). A claim and its negated antonym are not reported. ` +
			EvidenceHelp,
	}
)

// EvidenceHelp ends the help of every contradiction check: what sets its
// severity.
const EvidenceHelp = `The severity says what the contradiction rests on (details.evidence): warning ` +
	`between documents when the claims share a name (anchored), give an amount to the same subject ` +
	`of two words or more, word for word, with the same predicate and date ("the market for heat pumps ` +
	`grew 5% in 2021", event), or one restates the other with the change (restated); inside one document, where the same words come back for many armies, cities ` +
	`and years, only a restatement or a thing named with its number ("Executive Order 10925", ` +
	`identified) makes a warning. Claims alike in words only are reported as info, with a lower ` +
	`confidence. A hedged claim (a possibility, "may", "could"; an expectation, "is expected to"; a ` +
	`report, "according to", "reportedly", what "the ministry said" introduces) lowers the confidence ` +
	`by 0.15 (details.hedged); --min-confidence leaves out what is below it.`

// Limit says where the analyzer's bounds left comparisons out, so
// that no cut is silent.
var Limit = &compare.Check{
	ID:       "claims.limit",
	Title:    "Some claims were not all compared: the text repeats them too often",
	Severity: compare.Info,
	Help: `The claims analyzer bounds its work per claim so that a large or repetitive text ` +
		`takes time and memory in proportion to its size: a claim is reported as contradicted ` +
		`by at most ` + fmt.Sprint(MaxContradictions) + ` others, and a verbless fragment is compared ` +
		`with at most the first ` + fmt.Sprint(candidates.MaxPhraseWalk) + ` claims that share a run of its words. ` +
		`Real prose stays far below both; a generated or templated text ("The rink is full. The ` +
		`rink is empty." hundreds of times) reaches them. One finding per document, at the first ` +
		`claim concerned, counts what was left out (details.contradictions_left_out, ` +
		`details.pairs_not_compared); the findings reported are then a sample of what the text ` +
		`repeats. Remove or shorten the repeated passages to see every finding.`,
}

// Of returns the check that reports a verdict of kind ("number", "date",
// "negation", "antonym"; anything else is an overlap).
func Of(kind string) *compare.Check {
	switch kind {
	case "number":
		return Number
	case "date":
		return Date
	case "negation":
		return Negation
	case "antonym":
		return Antonym
	}
	return Overlap
}

// Label says what a contradiction of kind is, for a message: "amounts
// differ", "dates differ", …
func Label(kind string) string {
	switch kind {
	case "number":
		return "amounts differ"
	case "date":
		return "dates differ"
	case "negation":
		return "one denies the other"
	case "antonym":
		return "opposite words"
	}
	return kind
}
