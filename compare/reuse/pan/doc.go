// Package pan evaluates the text alignment of package reuse as the PAN
// plagiarism-detection tasks do (Potthast et al. 2010; PAN 2013 text
// alignment): it reads and writes PAN's XML of plagiarism cases, aligns
// the pairs of a PAN corpus with reuse.AlignPair and converts the
// passages to cases with offsets in characters of the original files, and
// scores detections against truth (precision, recall, granularity,
// plagdet).
//
// Its tests hold a generator of labelled reuse (passages spliced into
// other text, verbatim or edited, with exact truth) and write the
// generated corpora that 'crosscheck eval pan' scores.
package pan
