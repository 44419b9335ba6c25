package lang

import "sort"

// Closed-class words the shallow parser recognises. Open-class words are
// told apart with WordNet (wordnet.go) and the context.

// Tag is the word class of a word.
type Tag uint8

// The word classes: the closed classes the lexicons list, then the open
// ones.
const (
	TagOther Tag = iota
	TagDet       // a, the, some, each, no (as a determiner it is also a negation cue)
	TagNum       // 11,063, eight, dozen
	TagPron      // we, they, someone, nobody
	TagPrep      // in, on, with, against
	TagCoord     // and, or, but, nor
	TagSub       // that, which, who, while, because
	TagAux       // forms of be, have, do
	TagModal     // may, will, should
	TagNeg       // not, never
	TagNoun
	TagProp // a capitalised name
	TagVerb
	TagAdj
	TagAdv
)

// String names the tag, for dumps.
func (t Tag) String() string {
	return [...]string{"other", "det", "num", "pron", "prep", "coord", "sub", "aux", "modal", "neg",
		"noun", "prop", "verb", "adj", "adv"}[t]
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

var determiners = set("a", "an", "the", "this", "that", "these", "those", "some", "any", "each", "every",
	"all", "both", "several", "many", "few", "another", "no", "such", "either", "neither", "much",
	"my", "your", "his", "her", "its", "our", "their", "whose", "certain", "various", "most", "more")

var pronouns = set("i", "we", "you", "he", "she", "it", "they", "me", "us", "him", "them", "myself",
	"ourselves", "yourself", "himself", "herself", "itself", "themselves", "someone", "somebody",
	"something", "anyone", "anybody", "anything", "everyone", "everybody", "everything", "nobody",
	"nothing", "none", "one", "ones", "other", "others", "each other", "there")

// personalPronouns point back to an earlier subject.
var personalPronouns = set("we", "they", "he", "she", "it", "i", "you")

var prepositions = set("in", "on", "at", "by", "with", "of", "for", "from", "to", "into", "onto", "over",
	"under", "through", "near", "across", "along", "around", "behind", "beside", "besides", "between",
	"against", "among", "amongst", "about", "after", "before", "during", "since", "until", "till",
	"within", "without", "toward", "towards", "upon", "inside", "outside", "beneath", "above", "below",
	"via", "per", "despite", "beyond", "throughout", "amid", "like", "unlike", "off", "out", "up",
	"down", "than", "next", "far", "alongside", "onto", "except", "regarding", "concerning",
	"including", "excluding") // "including Russia, France and India" lists examples, it is no clause

var coordinators = set("and", "or", "but", "nor", "yet")

var subordinators = set("that", "which", "who", "whom", "whose", "where", "when", "while", "whereas",
	"because", "although", "though", "if", "unless", "whether", "as", "so", "once", "since", "whenever", "wherever", "lest")

var auxiliaries = set("be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re",
	"has", "have", "had", "having", "do", "does", "did")

// modals are the modality cues.
var modals = set("may", "might", "can", "could", "will", "would", "shall", "should", "must", "ought", "cannot")

// negators negate the clause they stand in.
var negators = set("not", "never", "no", "none", "nobody", "nothing", "nowhere", "neither", "nor",
	"without", "cannot", "noone")

// contractions maps a negated auxiliary to its positive form.
var contractions = map[string]string{
	"isn't": "is", "aren't": "are", "wasn't": "was", "weren't": "were", "don't": "do",
	"doesn't": "does", "didn't": "did", "hasn't": "has", "haven't": "have", "hadn't": "had",
	"can't": "can", "won't": "will", "wouldn't": "would", "couldn't": "could",
	"shouldn't": "should", "mustn't": "must", "mightn't": "might", "ain't": "is",
}

// functionWords never count as content.
var functionWords = set("also", "very", "just", "only", "even", "still", "too", "then", "there", "here",
	"now", "so", "such", "well", "however", "etc", "i.e", "e.g", "further", "furthermore",
	"other", "same", "own", "respectively", "either", "thus", "hence", "therefore", "meanwhile",
	"all", "both", "each", "every", "any", "some", "many", "much", "more", "most", "less", "least",
	"few", "several", "various", "certain", "way", "time", "times", "total", "kind", "lot",
	"one", "ones", "something", "someone", "somebody", "thing", "things", "being", "make", "made",
	"get", "got", "take", "took", "not", "no", "never", "also", "always", "already", "yet")

// lightWords are content words too general to make a claim specific: a
// clause that matches another only on a verb and these ("create new
// opportunities", "focusing on various tasks") states nothing in common.
var lightWords = set("new", "relevant", "respective", "important", "major", "main", "further", "related",
	"overall", "general", "specific", "particular", "current", "task", "opportunity", "effort", "form",
	"type", "matter", "issue", "aspect", "area", "field", "part", "role", "step", "measure", "activity",
	"action", "level", "basis", "process")

// collectiveNouns head a phrase whose real head follows "of": "a group of kids".
var collectiveNouns = set("group", "groups", "lot", "lots", "couple", "number", "total", "crowd", "bunch",
	"pair", "herd", "flock", "team", "set", "series", "variety", "range", "majority", "kind", "type",
	"sort", "piece", "pieces", "handful", "dozens", "hundreds", "thousands", "millions", "score", "dozen",
	"few", "pack", "bundle",
	// portions and containers: "a slice of bread", "a glass of water"
	"slice", "slices", "cup", "cups", "glass", "bottle", "bowl", "plate", "pile", "stack", "loaf", "bar")

// personWords stand for any person when matching subjects.
var personWords = map[string]string{
	"someone": "person", "somebody": "person", "nobody": "person", "noone": "person", "anyone": "person",
	"anybody": "person", "everyone": "person", "everybody": "person", "people": "person",
	"something": "thing", "nothing": "thing", "anything": "thing", "everything": "thing",
}

// number words and their values.
var numberWords = map[string]float64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
	"forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
	"dozen": 12, "score": 20, "single": 1, "couple": 2, "pair": 2,
}

var scaleWords = map[string]float64{
	"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
	"hundreds": 1e2, "thousands": 1e3, "millions": 1e6, "billions": 1e9,
}

// ordinals are positions, not amounts.
var ordinalWords = set("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
	"ninth", "tenth", "eleventh", "twelfth", "twentieth", "last")

var monthNames = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
	"oct": 10, "nov": 11, "dec": 12,
}

// units that give a quantity its measure when no noun follows.
var unitWords = map[string]string{
	"percent": "percent", "per": "", "%": "percent", "percentage": "percent",
}

// sortedSet lists a set's words in order.
func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for w := range m {
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}

// linkingVerbs take a complement that describes the subject, as "be" does.
var linkingVerbs = set("remain", "stay", "become", "seem", "appear", "look", "turn", "grow", "keep", "prove", "feel", "sound")

// degreeWords bear on how much, not whether: a negation before one denies a
// degree ("not very good", "not always", "not enough homes").
var degreeWords = set("very", "too", "so", "quite", "all", "always", "entirely", "fully", "completely", "necessarily",
	"much", "many", "widely", "particularly", "especially", "exactly", "enough", "altogether", "wholly", "greatly",
	"often", "generally", "universally", "really", "that", "as", "more", "most", "sufficiently", "highly")

// hypotheticalSubs introduce a clause that states no fact of its own: a
// condition, a time or a relative clause.
var hypotheticalSubs = set("if", "unless", "whether", "when", "whenever", "lest", "which", "who", "whom", "whose", "where", "wherever")

// hedges are the words that make a claim less than a plain statement:
// adverbs of report and likelihood ("reportedly", "probably"), the
// passives of expectation and report before an infinitive ("is expected
// to", "is said to"), and "likely" ("is likely to").
var hedges = set("reportedly", "allegedly", "reputedly", "supposedly", "purportedly", "apparently", "probably",
	"possibly", "perhaps", "presumably", "likely", "unlikely", "expected", "projected", "forecast", "predicted",
	"estimated", "believed", "thought", "rumoured", "rumored", "said", "reported", "alleged", "supposed")

// reportingVerbs are the lemmas of the verbs that report what another
// says or expects: the clause they introduce is reported, not stated.
var reportingVerbs = set("say", "report", "claim", "allege", "estimate", "believe", "suggest", "argue",
	"expect", "predict", "forecast", "think", "tell", "assert", "contend", "insist")

// possibilityModals are the modals that make a claim a possibility or a
// condition rather than a statement.
var possibilityModals = set("may", "might", "could", "would", "should")

// Lookups. Words are lower case.

// IsDeterminer reports a determiner: "the", "some", "no", "their".
func IsDeterminer(w string) bool { return determiners[w] }

// IsPronoun reports a pronoun, including the indefinite ones: "we", "someone", "nothing".
func IsPronoun(w string) bool { return pronouns[w] }

// IsPersonalPronoun reports a personal pronoun that points back to an
// earlier subject: "we", "they", "it".
func IsPersonalPronoun(w string) bool { return personalPronouns[w] }

// IsPreposition reports a preposition: "in", "against", "including".
func IsPreposition(w string) bool { return prepositions[w] }

// IsCoordinator reports a coordinating conjunction: "and", "or", "but".
func IsCoordinator(w string) bool { return coordinators[w] }

// IsSubordinator reports a subordinating conjunction or relative word:
// "that", "which", "because".
func IsSubordinator(w string) bool { return subordinators[w] }

// IsAuxiliary reports a form of "be", "have" or "do".
func IsAuxiliary(w string) bool { return auxiliaries[w] }

// IsModal reports a modal verb: "may", "should", "cannot".
func IsModal(w string) bool { return modals[w] }

// IsNegator reports a word that negates the clause it stands in: "not",
// "never", "nobody", "without".
func IsNegator(w string) bool { return negators[w] }

// Contraction returns the positive form of a negated auxiliary ("isn't" →
// "is"), and whether w is one.
func Contraction(w string) (string, bool) {
	base, ok := contractions[w]
	return base, ok
}

// IsFunctionWord reports a word that never counts as content: "also",
// "very", "thing".
func IsFunctionWord(w string) bool { return functionWords[w] }

// IsLightWord reports a content word too general to make a claim
// specific: "new", "task", "effort".
func IsLightWord(w string) bool { return lightWords[w] }

// IsCollectiveNoun reports a noun that heads a phrase whose real head
// follows "of": "a group of kids", "a slice of bread".
func IsCollectiveNoun(w string) bool { return collectiveNouns[w] }

// IsMomentary reports a posture or a coming and going ("sit", "stand",
// "arrive", "leave", "inside"): one person takes and leaves it within
// moments, so that "sitting" and "standing" said of one of them are
// often both true, at two times.
func IsMomentary(w string) bool { return momentary[w] }

var momentary = set("sit", "stand", "lie", "kneel", "crouch", "squat", "arrive", "leave", "enter", "exit",
	"come", "go", "inside", "outside")

// PersonWord returns "person" or "thing" for a word that stands for any
// person or thing ("someone", "nothing"), or "".
func PersonWord(w string) string { return personWords[w] }

// NumberWord returns the value of a number word ("eight", "dozen",
// "pair"), or 0.
func NumberWord(w string) float64 { return numberWords[w] }

// ScaleWord returns the value of a scale word ("hundred", "millions"), or 0.
func ScaleWord(w string) float64 { return scaleWords[w] }

// IsOrdinal reports an ordinal word: "first", "twentieth", "last".
func IsOrdinal(w string) bool { return ordinalWords[w] }

// MonthNumber returns the number (1 to 12) of a month name or its abbreviation
// ("march", "sept"), or 0.
func MonthNumber(w string) int { return monthNames[w] }

// IsLinkingVerb reports a verb (lemma) that takes an adjective as its
// complement: "remain", "seem".
func IsLinkingVerb(w string) bool { return linkingVerbs[w] }

// IsDegreeWord reports a word that bears on a degree: "very", "always",
// "enough".
func IsDegreeWord(w string) bool { return degreeWords[w] }

// IsHedge reports a word that makes a claim less than a plain statement:
// "reportedly", "probably", "expected" (in "is expected to").
func IsHedge(w string) bool { return hedges[w] }

// IsReportingVerb reports the lemma of a verb that reports what another
// says or expects: "say", "claim", "expect".
func IsReportingVerb(lemma string) bool { return reportingVerbs[lemma] }

// IsPossibilityModal reports a modal that makes a claim a possibility:
// "may", "might", "could", "would", "should".
func IsPossibilityModal(w string) bool { return possibilityModals[w] }

// ReportsHedged reports a sentence that hedges all it says: "according
// to", or an adverb of report or likelihood ("reportedly", "probably").
func ReportsHedged(ws []Word) bool {
	for i, w := range ws {
		if w.Lower == "according" && i+1 < len(ws) && ws[i+1].Lower == "to" || w.Tag == TagAdv && hedges[w.Lower] {
			return true
		}
	}
	return false
}

// HedgeWithin reports a hedge among the words that start in the span
// [start, end) of Text: "expected" in "are expected to rise".
func HedgeWithin(ws []Word, start, end int) bool {
	for _, w := range ws {
		if w.Span.Start >= start && w.Span.Start < end && hedges[w.Lower] {
			return true
		}
	}
	return false
}

// IsHypotheticalSub reports a subordinator that introduces a clause
// stating no fact of its own: "if", "when", "which".
func IsHypotheticalSub(w string) bool { return hypotheticalSubs[w] }

// Modals lists the modal verbs in order.
func Modals() []string { return sortedSet(modals) }

// Prepositions lists the prepositions in order.
func Prepositions() []string { return sortedSet(prepositions) }
