package citations

import (
	"context"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"strings"

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
		linkAcrossDocuments(p.Docs, r)
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

// linkAcrossDocuments pairs the note links that lead from one document
// into another ("endnotes.xhtml#note-3" in a chapter of a folder of XHTML
// files) with the note that id names there: one book of several files is
// checked as one unit. Such a marker is no longer undefined, and the note
// no longer unused; each keeps its own document's notes (a note's spans
// are in its own document's text).
func linkAcrossDocuments(docs []*compare.Document, r *NotesResult) {
	type target struct {
		dn *DocNotes
		n  *Note
	}
	var byKey map[string]target
	index := func() {
		byKey = map[string]target{}
		for _, d := range docs {
			dn := r.byDoc[d]
			if dn == nil {
				continue
			}
			p := filepath.ToSlash(d.Path)
			for _, n := range dn.Notes.Notes {
				if strings.HasPrefix(n.Key, "#") {
					if _, dup := byKey[p+n.Key]; !dup {
						byKey[p+n.Key] = target{dn, n}
					}
				}
			}
		}
	}
	linked := map[*Note]bool{}
	for _, d := range docs {
		dn := r.byDoc[d]
		if dn == nil || len(dn.Notes.Undefined) == 0 {
			continue
		}
		keep := dn.Notes.Undefined[:0]
		for _, m := range dn.Notes.Undefined {
			k, ok := fileKey(d.Path, m.Key)
			if ok && byKey == nil {
				index()
			}
			if t, found := byKey[k]; ok && found && t.n != nil {
				linked[t.n] = true
				continue
			}
			keep = append(keep, m)
		}
		dn.Notes.Undefined = keep
	}
	if len(linked) == 0 {
		return
	}
	for _, d := range docs {
		if dn := r.byDoc[d]; dn != nil {
			dn.Notes.Unused = slices.DeleteFunc(dn.Notes.Unused, func(n *Note) bool { return linked[n] })
		}
	}
}

// fileKey turns a marker's key that names another file ("notes.xhtml#n3",
// relative to the document at docPath) into "path/of/notes.xhtml#n3".
func fileKey(docPath, key string) (string, bool) {
	i := strings.IndexByte(key, '#')
	if i <= 0 || strings.HasPrefix(key, "latex:") {
		return "", false
	}
	file := key[:i]
	if u, err := url.PathUnescape(file); err == nil {
		file = u
	}
	return path.Join(path.Dir(filepath.ToSlash(docPath)), file) + key[i:], true
}
