// Package lang holds language resources shared by the analyzers: tokens and
// word classes, the Porter stemmer, lexicons, number and date words, and the
// WordNet tables.
//
// Over tagged words it reads what a sentence states in so many words:
// dates, amounts, names, negation and modality cues, verb groups and noun
// phrases. It depends on the kernel package compare alone.
package lang
