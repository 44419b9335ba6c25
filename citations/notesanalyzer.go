package citations

import (
	"context"

	"github.com/crosscheck/crosscheck/compare"
)

// DocNotes is what a document's notes say, as far as that can be read
// without the sources: the notes and their markers (FindNotes), their
// references parsed (ParseReferences) and short forms resolved to works
// (Resolve).
type DocNotes struct {
	Doc   *compare.Document
	Notes *Notes
	// Resolution is nil when the document has neither notes nor markers.
	Resolution *Resolution
}

// ReadNotes finds the notes of d, parses their references and resolves
// their short forms.
func ReadNotes(d *compare.Document) *DocNotes {
	dn := &DocNotes{Doc: d, Notes: FindNotes(d)}
	if len(dn.Notes.Markers) > 0 || len(dn.Notes.Notes) > 0 {
		ParseReferences(dn.Notes)
		dn.Resolution = Resolve(dn.Notes)
	}
	return dn
}

// NotesResult is NotesAnalyzer's result: the notes of every document of
// the pass. Those who read it must not change it: several analyzers read
// it at once.
type NotesResult struct {
	byDoc map[*compare.Document]*DocNotes
}

// Of returns the notes of d, or nil when d was not among the documents.
func (r *NotesResult) Of(d *compare.Document) *DocNotes {
	if r == nil {
		return nil
	}
	return r.byDoc[d]
}

// NotesAnalyzer reads the notes of every document (ReadNotes) and returns
// them as a *NotesResult, for the citation analyzer and for reports that
// list citations. It reports nothing.
var NotesAnalyzer = &compare.Analyzer{
	Name: "notes",
	Doc:  "The notes of each document, their references parsed and short forms resolved.",
	Run: func(ctx context.Context, p *compare.Pass) (any, error) {
		r := &NotesResult{byDoc: make(map[*compare.Document]*DocNotes, len(p.Docs))}
		for _, d := range p.Docs {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			r.byDoc[d] = ReadNotes(d)
		}
		return r, nil
	},
}

// Entries lists the citations of the notes in reading order, each with
// the work it resolves to and the source of lib (which may be nil) that
// matches it. Cross-references ("Part II, supra") are not citations of a
// work and are left out.
func (dn *DocNotes) Entries(lib *Library) []Entry {
	if dn == nil || len(dn.Notes.Notes) == 0 {
		return nil
	}
	var out []Entry
	for _, n := range dn.Notes.Ordered() {
		for _, c := range n.Citations {
			if c.Kind == KindCrossRef {
				continue
			}
			e := Entry{Note: n, Citation: c}
			if c.Work != nil {
				e.Target = c.Work.Name()
			}
			if c.Name() != "" {
				e.Source, _ = lib.Match(c)
			}
			out = append(out, e)
		}
	}
	return out
}
