package citations

import (
	"slices"
	"sort"
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
	// Dropped counts the issues found past MaxIssues, not listed.
	Dropped int

	byAuthor, byTitle map[string][]int32 // word key → indexes in Works, ascending
	notes             *noteIndex
	works             map[*Note][]*Work // distinctWorks of notes, see worksOf
	current           *Note             // the note being resolved
}

// lookback bounds how many of the works that share a word with a name
// Resolve compares it with, the latest first: a document cites few works
// by one name, and comparing each citation with every earlier work takes
// time quadratic in the citations.
const lookback = 1024

// Resolve walks the notes in reading order and resolves each short form
// to a work, per the Chicago Manual of Style (ibid. is the single work of
// the immediately preceding note or citation; op. cit. the earlier full
// citation of the named author; loc. cit. the same work at the same page)
// and the Bluebook (id. is the sole authority of the preceding citation;
// "supra note N" points at note N). Notes must have been parsed with
// ParseReferences.
func Resolve(ns *Notes) *Resolution {
	r := &Resolution{byAuthor: map[string][]int32{}, byTitle: map[string][]int32{},
		works: map[*Note][]*Work{}}
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
		r.current = n
		for ci, c := range n.Citations {
			switch c.Kind {
			case KindCrossRef:
				continue
			case KindFull, KindShortTitle:
				w := r.findWork(c)
				if w != nil && !c.HasPub {
					c.Kind = KindShortTitle
				} else if w == nil {
					w = r.newWork(c)
				}
				c.Work = w
			case KindIbid, KindID:
				r.resolveIbid(c, n, prev, last)
			case KindOpCit, KindSupra, KindLocCit:
				if c.Kind == KindSupra && c.SupraNote != "" {
					r.resolveSupraNote(ns, c, n)
					break
				}
				if c.Kind == KindLocCit && c.Author == "" {
					r.resolveIbid(c, n, prev, last)
				} else {
					r.resolveByName(c, excerptFrom, recent{prev, n, ci})
				}
				if c.Kind == KindLocCit && c.Work != nil {
					if was, ok := lastPage[c.Work]; ok && was != "" && c.Page != "" && was != c.Page {
						r.add(Issue{Check: CheckLocCitPage, Citation: c,
							Msg: "loc. cit. means the same page, but this note gives p. " + clip(c.Page, 20) +
								" and the earlier citation of " + quoteName(c.Work.Name()) + " p. " + clip(was, 20),
							Related: []RelatedSpan{{"earlier", c.Work.First.Span}},
							Details: map[string]any{"page": clip(c.Page, 20), "earlier_page": clip(was, 20)}})
					}
				}
			}
			if c.Work != nil && c.Page != "" {
				lastPage[c.Work] = c.Page
			}
			last = c
		}
		r.current = nil
		r.works[n] = distinctWorks(n)
		if !isTextCite(n) {
			// a \cite in the running text is no note: "Ibid." in the next
			// footnote refers to the footnote before
			prev = n
		}
	}
	return r
}

// add records an issue, up to MaxIssues.
func (r *Resolution) add(i Issue) {
	if len(r.Issues) >= MaxIssues {
		r.Dropped++
		return
	}
	r.Issues = append(r.Issues, i)
}

func quoteName(s string) string { return "\"" + compare.Shorten(s, 70) + "\"" }

// newWork records the work a full citation names for the first time.
func (r *Resolution) newWork(c *Citation) *Work {
	w := &Work{Author: c.Author, Title: c.Title, First: c}
	w.authorSig, w.titleSig = nameSignature(w.Author), Signature(w.Title)
	i := int32(len(r.Works))
	r.Works = append(r.Works, w)
	for _, k := range wordKeys(w.authorSig) {
		r.byAuthor[k] = append(r.byAuthor[k], i)
	}
	r.indexTitle(i, w.titleSig)
	return w
}

// indexTitle files work i under the words of its title.
func (r *Resolution) indexTitle(i int32, sig []string) {
	for _, k := range wordKeys(sig) {
		l := r.byTitle[k]
		j := sort.Search(len(l), func(x int) bool { return l[x] >= i })
		if j < len(l) && l[j] == i {
			continue
		}
		l = append(l, 0)
		copy(l[j+1:], l[j:])
		l[j] = i
		r.byTitle[k] = l
	}
}

// wordKey is what two words that match as names or titles share: their
// first three bytes (an abbreviation matches a word it begins, and has
// three letters or more).
func wordKey(w string) string {
	w = strings.TrimSuffix(w, ".")
	return w[:min(3, len(w))]
}

// wordKeys returns the distinct keys of the words of a signature.
func wordKeys(sig []string) []string {
	var out []string
	for _, w := range sig {
		k := wordKey(w)
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// candidates returns the indexes of the works filed under the keys of
// sig's words, ascending, at most lookback of each key, the latest.
func candidates(index map[string][]int32, sig []string) []int32 {
	var out []int32
	for _, k := range wordKeys(sig) {
		l := index[k]
		out = append(out, l[max(0, len(l)-lookback):]...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// findWork returns an earlier work that a citation names again: the same
// author and a title that covers this one's (or no titles at all).
func (r *Resolution) findWork(c *Citation) *Work {
	ca, ct := nameSignature(c.Author), Signature(c.Title)
	switch {
	case len(ca) > 0:
		// only a work whose author shares a word with this one can match
		cands := candidates(r.byAuthor, ca)
		for x := len(cands) - 1; x >= 0; x-- {
			i := cands[x]
			w := r.Works[i]
			if !sigNamesMatch(ca, w.authorSig) {
				continue
			}
			if len(ct) == 0 || len(w.titleSig) > 0 && (sigTitleCovers(ct, w.titleSig) || sigTitleCovers(w.titleSig, ct)) {
				return w
			}
			if w.Title == "" { // "Eusebius, l. iii." then "Eusebius, Hist. Eccles.": one work
				w.Title, w.titleSig = c.Title, ct
				r.indexTitle(i, ct)
				return w
			}
		}
	case len(ct) > 0:
		cands := candidates(r.byTitle, ct[:1])
		for x := len(cands) - 1; x >= 0; x-- {
			if w := r.Works[cands[x]]; sigTitleCovers(ct, w.titleSig) {
				return w
			}
		}
	}
	return nil
}

func noteName(n *Note) string {
	if isTextCite(n) {
		return `the \cite command`
	}
	return "note " + clip(n.Label, 64)
}

// isTextCite reports whether n is a LaTeX citation command in the running
// text (\cite{key} outside a footnote) rather than a note.
func isTextCite(n *Note) bool { return strings.HasPrefix(n.Key, "latex-cite:") }

// resolveIbid resolves ibid., id. and a bare loc. cit.: to the citation
// before it in the same note, else to the single work of the immediately
// preceding note.
func (r *Resolution) resolveIbid(c *Citation, n, prev *Note, last *Citation) {
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
			Msg:     form + " in " + noteName(n) + " refers to the note before it, but note " + itoa(nv-1) + " is missing (the preceding note is " + clip(prev.Label, 64) + ")",
			Related: []RelatedSpan{{"preceding", prev.Span}},
			Details: map[string]any{"form": form, "reason": "missing", "preceding": clip(prev.Label, 64)}})
		return
	}
	works := r.worksOf(prev)
	switch len(works) {
	case 0:
		r.add(Issue{Check: CheckIbidOrphan, Citation: c,
			Msg:     form + " in " + noteName(n) + " refers to " + noteName(prev) + ", which cites no work",
			Related: []RelatedSpan{{"preceding", prev.Span}},
			Details: map[string]any{"form": form, "reason": "no-work", "preceding": clip(prev.Label, 64)}})
	case 1:
		c.Work = works[0]
	default:
		names := workNames(works, 4)
		r.add(Issue{Check: CheckIbidAmbiguous, Citation: c,
			Msg:     form + " in " + noteName(n) + " is ambiguous: " + noteName(prev) + " cites " + itoa(len(works)) + " works (" + strings.Join(names, ", ") + ")",
			Related: []RelatedSpan{{"preceding", prev.Span}},
			Details: map[string]any{"form": form, "works": len(works), "preceding": clip(prev.Label, 64)}})
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

// worksOf is distinctWorks, computed once per note: a note's citations
// are given their works only while Resolve is at that note, which it
// reads live.
func (r *Resolution) worksOf(n *Note) []*Work {
	if n == r.current {
		return distinctWorks(n)
	}
	ws, ok := r.works[n]
	if !ok {
		ws = distinctWorks(n)
		r.works[n] = ws
	}
	return ws
}

// workNames quotes the names of works, at most max of them and "…".
func workNames(works []*Work, max int) []string {
	names := make([]string, 0, min(len(works), max+1))
	for _, w := range works {
		if len(names) == max {
			names = append(names, "…")
			break
		}
		names = append(names, quoteName(w.Name()))
	}
	return names
}

// recent is where a short form stands: the citation at index at of note
// n, after note prev.
type recent struct {
	prev, n *Note
	at      int
}

// maxRecent bounds how many recent citations loc. cit. looks back over.
const maxRecent = 1024

// latestOf returns the work of the latest of the citations before the
// short form (those of its note before it, the latest first, then those
// of the preceding note) that is among cands, or nil.
func (rc recent) latestOf(cands []*Work) *Work {
	in := func(w *Work) bool { return w != nil && slices.Contains(cands, w) }
	if len(cands) > 8 {
		set := make(map[*Work]bool, len(cands))
		for _, w := range cands {
			set[w] = true
		}
		in = func(w *Work) bool { return set[w] }
	}
	seen := 0
	for i := rc.at - 1; i >= 0 && seen < maxRecent; i, seen = i-1, seen+1 {
		if w := rc.n.Citations[i].Work; in(w) {
			return w
		}
	}
	if rc.prev != nil {
		for i := len(rc.prev.Citations) - 1; i >= 0 && seen < maxRecent; i, seen = i-1, seen+1 {
			if w := rc.prev.Citations[i].Work; in(w) {
				return w
			}
		}
	}
	return nil
}

// resolveByName resolves op. cit., loc. cit. and "Smith, supra" to the
// earlier full citation of the named author (or title).
func (r *Resolution) resolveByName(c *Citation, excerptFrom int, rc recent) {
	form := c.Kind.String()
	name := c.Author
	var cands []*Work
	if name != "" {
		cands = r.byName(name)
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
			Details: map[string]any{"form": form, "name": clip(name, maxQuoted)}})
	case len(cands) == 1:
		c.Work = cands[0]
	case c.Kind == KindLocCit && rc.latestOf(cands) != nil:
		// loc. cit. is "the place cited": the latest citation of the
		// author, in this note or the one before, is meant
		c.Work = rc.latestOf(cands)
	default:
		rel := make([]RelatedSpan, 0, min(len(cands), maxRelated))
		for _, w := range cands[:min(len(cands), maxRelated)] {
			rel = append(rel, RelatedSpan{"candidate", w.First.Span})
		}
		r.add(Issue{Check: CheckOpCitAmbiguous, Citation: c,
			Msg: form + " for " + quoteName(name) + " is ambiguous: " + itoa(len(cands)) + " works by that name are cited (" +
				strings.Join(workNames(cands, maxRelated), ", ") + ")",
			Related: rel, Details: map[string]any{"form": form, "name": clip(name, maxQuoted), "works": len(cands)}})
	}
}

// maxRelated bounds the works an ambiguous short form lists.
const maxRelated = 10

// byName returns the works a short form's name names: those of an author
// of that name, else those whose title covers it ("Full Text of …
// Speech, op. cit.": a title in the author's place), in citation order.
func (r *Resolution) byName(name string) []*Work {
	var out []*Work
	ns := nameSignature(name)
	for _, i := range candidates(r.byAuthor, ns) {
		if w := r.Works[i]; w.Author != "" && sigNamesMatch(ns, w.authorSig) {
			out = append(out, w)
		}
	}
	if len(out) > 0 {
		return out
	}
	ts := Signature(name)
	if len(ts) == 0 {
		return nil
	}
	for _, i := range candidates(r.byTitle, ts[:1]) {
		if w := r.Works[i]; w.Title != "" && sigTitleCovers(ts, w.titleSig) {
			out = append(out, w)
		}
	}
	return out
}

// resolveSupraNote checks "Smith, supra note 12": note 12 must exist and
// cite a work by Smith.
func (r *Resolution) resolveSupraNote(ns *Notes, c *Citation, n *Note) {
	if r.notes == nil {
		r.notes = newNoteIndex(ns)
	}
	target := r.notes.byLabel(n.Run, c.SupraNote)
	note := clip(c.SupraNote, 20)
	if target == nil {
		r.add(Issue{Check: CheckSupraTarget, Citation: c,
			Msg:     "supra note " + note + " points at a note that does not exist",
			Details: map[string]any{"note": note}})
		return
	}
	works := r.worksOf(target)
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
	msg := "supra note " + note + " should cite " + quoteName(c.Author) + ", but note " + note
	if len(works) == 0 {
		msg += " cites no work"
	} else {
		msg += " cites " + strings.Join(workNames(works, maxRelated), ", ")
	}
	r.add(Issue{Check: CheckSupraTarget, Citation: c, Msg: msg,
		Related: []RelatedSpan{{"target", target.Span}},
		Details: map[string]any{"note": note, "name": clip(c.Author, maxQuoted)}})
}

// noteIndex finds notes by label as Notes.NoteByLabel does, in constant
// time.
type noteIndex struct {
	numbered map[runLabel]*Note // the first numbered note of each label in each run
	any      map[string]*Note   // the first note of each label
}

type runLabel struct {
	run   int
	label string
}

func newNoteIndex(ns *Notes) *noteIndex {
	ix := &noteIndex{numbered: map[runLabel]*Note{}, any: map[string]*Note{}}
	for _, n := range ns.Notes {
		if k := (runLabel{n.Run, n.Label}); n.Syntax.family() == familyNumbered && ix.numbered[k] == nil {
			ix.numbered[k] = n
		}
		if ix.any[n.Label] == nil {
			ix.any[n.Label] = n
		}
	}
	return ix
}

// byLabel returns the first definition labelled label in run, or else the
// first labelled label anywhere, or nil.
func (ix *noteIndex) byLabel(run int, label string) *Note {
	if n := ix.numbered[runLabel{run, label}]; n != nil {
		return n
	}
	return ix.any[label]
}
