// Package lang holds language resources shared by the analyzers: tokens and
// word classes, the Porter stemmer, lexicons, number and date words, and the
// WordNet tables.
package lang
