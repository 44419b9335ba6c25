package citations

import (
	"strings"

	"github.com/crosscheck/crosscheck/compare"
)

// Issue is a problem found while resolving a short form.
type Issue struct {
	Check    *compare.Check
	Citation *Citation
	Msg      string
	Related  []RelatedSpan
	Details  map[string]any
}

// RelatedSpan is another place an issue concerns, Text coordinates.
type RelatedSpan struct {
	Role string
	Span compare.Span
}

// Resolution is what Resolve finds: the works cited and the short forms
// that do not resolve cleanly.
type Resolution struct {
	Works  []*Work
	Issues []Issue
}

// Resolve walks the notes in reading order and resolves each short form
// to a work, per the Chicago Manual of Style (ibid. is the single work of
// the immediately preceding note or citation; op. cit. the earlier full
// citation of the named author; loc. cit. the same work at the same page)
// and the Bluebook (id. is the sole authority of the preceding citation;
// "supra note N" points at note N). Notes must have been parsed with
// ParseReferences.
func Resolve(ns *Notes) *Resolution {
	r := &Resolution{}
	var prev *Note
	lastPage := map[*Work]string{}
	excerptFrom := 0
	for _, iss := range ns.Numbering {
		if iss.Excerpt {
			if v, ok := iss.Details["number"].(int); ok {
				excerptFrom = v
			}
		}
	}
	for _, n := range ns.Ordered() {
		if prev != nil && prev.Run != n.Run {
			prev = nil
		}
		var last *Citation // the citation before, inside this note
		for _, c := range n.Citations {
			switch c.Kind {
			case KindCrossRef:
				continue
			case KindFull, KindShortTitle:
				w := r.findWork(c)
				if w != nil && !c.HasPub {
					c.Kind = KindShortTitle
				} else if w == nil {
					w = &Work{Author: c.Author, Title: c.Title, First: c}
					r.Works = append(r.Works, w)
				}
				c.Work = w
			case KindIbid, KindID:
				r.resolveIbid(ns, c, n, prev, last)
			case KindOpCit, KindSupra, KindLocCit:
				if c.Kind == KindSupra && c.SupraNote != "" {
					r.resolveSupraNote(ns, c, n)
					break
				}
				if c.Kind == KindLocCit && c.Author == "" {
					r.resolveIbid(ns, c, n, prev, last)
				} else {
					r.resolveByName(c, excerptFrom, recentCitations(prev, n, c))
				}
				if c.Kind == KindLocCit && c.Work != nil {
					if was, ok := lastPage[c.Work]; ok && was != "" && c.Page != "" && was != c.Page {
						r.add(Issue{Check: CheckLocCitPage, Citation: c,
							Msg:     "loc. cit. means the same page, but this note gives p. " + c.Page + " and the earlier citation of " + quoteName(c.Work.Name()) + " p. " + was,
							Related: []RelatedSpan{{"earlier", c.Work.First.Span}},
							Details: map[string]any{"page": c.Page, "earlier_page": was}})
					}
				}
			}
			if c.Work != nil && c.Page != "" {
				lastPage[c.Work] = c.Page
			}
			last = c
		}
		prev = n
	}
	return r
}

func (r *Resolution) add(i Issue) { r.Issues = append(r.Issues, i) }

func quoteName(s string) string { return "\"" + compare.Shorten(s, 70) + "\"" }

// findWork returns an earlier work that a citation names again: the same
// author and a title that covers this one's (or no titles at all).
func (r *Resolution) findWork(c *Citation) *Work {
	ca, ct := nameSignature(c.Author), Signature(c.Title)
	for i := len(r.Works) - 1; i >= 0; i-- {
		w := r.Works[i]
		if w.authorSig == nil && w.titleSig == nil {
			w.authorSig, w.titleSig = nameSignature(w.Author), Signature(w.Title)
		}
		switch {
		case len(ca) > 0 && sigNamesMatch(ca, w.authorSig):
			if len(ct) == 0 || len(ct) > 0 && len(w.titleSig) > 0 && (sigTitleCovers(ct, w.titleSig) || sigTitleCovers(w.titleSig, ct)) {
				return w
			}
			if w.Title == "" { // "Eusebius, l. iii." then "Eusebius, Hist. Eccles.": one work
				w.Title, w.titleSig = c.Title, ct
				return w
			}
		case len(ca) == 0 && len(ct) > 0 && sigTitleCovers(ct, w.titleSig):
			return w
		}
	}
	return nil
}

func noteName(n *Note) string { return "note " + n.Label }

// resolveIbid resolves ibid., id. and a bare loc. cit.: to the citation
// before it in the same note, else to the single work of the immediately
// preceding note.
func (r *Resolution) resolveIbid(ns *Notes, c *Citation, n, prev *Note, last *Citation) {
	form := c.Kind.String()
	if last != nil {
		c.Work = last.Work
		return
	}
	if prev == nil {
		where := "the document"
		if n.Run > 0 {
			where = "its chapter"
		}
		r.add(Issue{Check: CheckIbidOrphan, Citation: c,
			Msg:     form + " in " + noteName(n) + ", the first note of " + where + ", has no preceding note to refer to",
			Details: map[string]any{"form": form, "reason": "first"}})
		return
	}
	pv, nv := labelNumber(prev.Label), labelNumber(n.Label)
	if pv >= 0 && nv > pv+1 && !isSubNote(nv, pv) && n.Syntax.family() == familyNumbered {
		r.add(Issue{Check: CheckIbidOrphan, Citation: c,
			Msg:     form + " in " + noteName(n) + " refers to the note before it, but note " + itoa(nv-1) + " is missing (the preceding note is " + prev.Label + ")",
			Related: []RelatedSpan{{"preceding", prev.Span}},
			Details: map[string]any{"form": form, "reason": "missing", "preceding": prev.Label}})
		return
	}
	works := distinctWorks(prev)
	switch len(works) {
	case 0:
		r.add(Issue{Check: CheckIbidOrphan, Citation: c,
			Msg:     form + " in " + noteName(n) + " refers to " + noteName(prev) + ", which cites no work",
			Related: []RelatedSpan{{"preceding", prev.Span}},
			Details: map[string]any{"form": form, "reason": "no-work", "preceding": prev.Label}})
	case 1:
		c.Work = works[0]
	default:
		names := make([]string, 0, len(works))
		for _, w := range works {
			names = append(names, quoteName(w.Name()))
		}
		if len(names) > 4 {
			names = append(names[:4], "…")
		}
		r.add(Issue{Check: CheckIbidAmbiguous, Citation: c,
			Msg:     form + " in " + noteName(n) + " is ambiguous: " + noteName(prev) + " cites " + itoa(len(works)) + " works (" + strings.Join(names, ", ") + ")",
			Related: []RelatedSpan{{"preceding", prev.Span}},
			Details: map[string]any{"form": form, "works": len(works), "preceding": prev.Label}})
	}
}

// distinctWorks returns the works a note cites, each once, unresolved
// short forms left out.
func distinctWorks(n *Note) []*Work {
	var out []*Work
	seen := map[*Work]bool{}
	for _, c := range n.Citations {
		if c.Work != nil && !seen[c.Work] {
			seen[c.Work] = true
			out = append(out, c.Work)
		}
	}
	return out
}

// resolveByName resolves op. cit., loc. cit. and "Smith, supra" to the
// earlier full citation of the named author (or title).
// recentCitations returns the citations of the preceding note and those
// of n before c, the latest first.
func recentCitations(prev, n *Note, c *Citation) []*Citation {
	var out []*Citation
	for _, x := range n.Citations {
		if x == c {
			break
		}
		out = append([]*Citation{x}, out...)
	}
	if prev != nil {
		for i := len(prev.Citations) - 1; i >= 0; i-- {
			out = append(out, prev.Citations[i])
		}
	}
	return out
}

func (r *Resolution) resolveByName(c *Citation, excerptFrom int, recent []*Citation) {
	form := c.Kind.String()
	name := c.Author
	var cands []*Work
	for _, w := range r.Works {
		if name != "" && w.Author != "" && namesMatch(name, w.Author) {
			cands = append(cands, w)
		}
	}
	if len(cands) == 0 { // "Full Text of … Speech, op. cit.": a title in the author's place
		for _, w := range r.Works {
			if name != "" && w.Title != "" && titleCovers(name, w.Title) {
				cands = append(cands, w)
			}
		}
	}
	switch {
	case name == "":
		r.add(Issue{Check: CheckOpCitUnresolved, Citation: c,
			Msg:     form + " names no author or title, so it cannot be resolved",
			Details: map[string]any{"form": form}})
	case len(cands) == 0:
		msg := form + " refers to an earlier full citation of " + quoteName(name) + ", but there is none in this document"
		if excerptFrom > 1 {
			msg += " (notes 1–" + itoa(excerptFrom-1) + " are not in it)"
		}
		r.add(Issue{Check: CheckOpCitUnresolved, Citation: c, Msg: msg,
			Details: map[string]any{"form": form, "name": name}})
	case len(cands) == 1:
		c.Work = cands[0]
	case c.Kind == KindLocCit && recentOf(recent, cands) != nil:
		// loc. cit. is "the place cited": the latest citation of the
		// author, in this note or the one before, is meant
		c.Work = recentOf(recent, cands)
	default:
		names := make([]string, 0, len(cands))
		for _, w := range cands {
			names = append(names, quoteName(w.Name()))
		}
		rel := make([]RelatedSpan, 0, len(cands))
		for _, w := range cands {
			rel = append(rel, RelatedSpan{"candidate", w.First.Span})
		}
		r.add(Issue{Check: CheckOpCitAmbiguous, Citation: c,
			Msg:     form + " for " + quoteName(name) + " is ambiguous: " + itoa(len(cands)) + " works by that name are cited (" + strings.Join(names, ", ") + ")",
			Related: rel, Details: map[string]any{"form": form, "name": name, "works": len(cands)}})
	}
}

// recentOf returns the first work of recent that is among cands, or nil.
func recentOf(recent []*Citation, cands []*Work) *Work {
	for _, c := range recent {
		for _, w := range cands {
			if c.Work == w {
				return w
			}
		}
	}
	return nil
}

// resolveSupraNote checks "Smith, supra note 12": note 12 must exist and
// cite a work by Smith.
func (r *Resolution) resolveSupraNote(ns *Notes, c *Citation, n *Note) {
	target := ns.NoteByLabel(n.Run, c.SupraNote)
	if target == nil {
		r.add(Issue{Check: CheckSupraTarget, Citation: c,
			Msg:     "supra note " + c.SupraNote + " points at a note that does not exist",
			Details: map[string]any{"note": c.SupraNote}})
		return
	}
	works := distinctWorks(target)
	if c.Author == "" {
		if len(works) == 1 {
			c.Work = works[0]
		}
		return
	}
	for _, w := range works {
		if w.Author != "" && namesMatch(c.Author, w.Author) || w.Title != "" && titleCovers(c.Author, w.Title) {
			c.Work = w
			return
		}
	}
	msg := "supra note " + c.SupraNote + " should cite " + quoteName(c.Author) + ", but note " + c.SupraNote
	if len(works) == 0 {
		msg += " cites no work"
	} else {
		names := make([]string, 0, len(works))
		for _, w := range works {
			names = append(names, quoteName(w.Name()))
		}
		msg += " cites " + strings.Join(names, ", ")
	}
	r.add(Issue{Check: CheckSupraTarget, Citation: c, Msg: msg,
		Related: []RelatedSpan{{"target", target.Span}},
		Details: map[string]any{"note": c.SupraNote, "name": c.Author}})
}
