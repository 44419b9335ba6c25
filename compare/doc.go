// Package compare is crosscheck's kernel: documents with exact offsets,
// checks and findings, analyzers run over them (Run, with Requires and
// ResultOf, within a Budget), and the sink chain their findings go through.
package compare
