package citations

import "github.com/crosscheck/crosscheck/compare"

// Entry is one citation of a note, as a table of a document's references
// shows it: the citation, the work it resolves to and the source that
// matches that work.
type Entry struct {
	Note     *Note
	Citation *Citation
	// Target names the work the citation resolves to (for a short form, the
	// work of the earlier full citation); "" when it resolves to none.
	Target string
	// Source is the available source matching the work; nil when none does
	// or no sources were given.
	Source *Source
}

// Entries lists the citations of a document's notes in reading order,
// each resolved as the citation analyzer resolves it (Chicago and
// Bluebook short forms) and matched against lib, which may be nil.
// Cross-references ("Part II, supra") are not citations of a work and are
// left out.
func Entries(d *compare.Document, lib *Library) []Entry {
	return ReadNotes(d).Entries(lib)
}
