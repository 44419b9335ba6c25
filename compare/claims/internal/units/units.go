// Package units splits a document's sentences into the units of work the
// claims analyzer reads in parallel.
package units

import "github.com/crosscheck/crosscheck/compare"

// Bytes is about how much text one unit of work reads.
const Bytes = 256 << 10

// MaxBytes is the most text one unit of work reads when a paragraph is
// longer: such a paragraph is cut between sentences.
const MaxBytes = 2 * Bytes

// Of splits a document's sentences into runs [start, end) of about Bytes
// each, which can be read apart, in parallel: at the first paragraph
// boundary past Bytes, or in a paragraph longer than MaxBytes at the
// sentence that reaches it (the caller then resolves the pronouns at the
// start of the run, which stand for a subject named in the runs before).
func Of(d *compare.Document) [][2]int {
	var out [][2]int
	start, para := 0, -1
	for si, span := range d.Sentences {
		p := d.ParagraphAt(span.Start)
		size := span.Start - d.Sentences[start].Start
		if si > start && (p != para && size >= Bytes || size >= MaxBytes) {
			out = append(out, [2]int{start, si})
			start = si
		}
		para = p
	}
	if start < len(d.Sentences) || len(out) == 0 {
		out = append(out, [2]int{start, len(d.Sentences)})
	}
	return out
}
