package citations

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/crosscheck/crosscheck/compare"
)

// Options bind the citation analyzer.
type Options struct {
	// Library holds the sources with their manifest. When nil, the pass's
	// Sources are used, named by their first heading and file name.
	Library *Library
	// DiffTimeout bounds each quotation's word diff (compare.DefaultDiffTimeout when 0).
	DiffTimeout time.Duration
}

// Analyzer checks notes, short forms, sources and quotations. It requires
// NotesAnalyzer, whose notes it judges.
func Analyzer(opt Options) *compare.Analyzer {
	return &compare.Analyzer{
		Name:     "cite",
		Doc:      "Notes and citations: markers and definitions, ibid./op. cit./loc. cit./id./supra, available sources, quotations.",
		Checks:   AllChecks(),
		Requires: []*compare.Analyzer{NotesAnalyzer},
		Run: func(ctx context.Context, p *compare.Pass) (any, error) {
			notes := p.ResultOf[NotesAnalyzer].(*NotesResult)
			lib := opt.Library
			if lib == nil && len(p.Sources) > 0 {
				lib = NewLibrary(p.Sources)
			}
			isSource := map[string]bool{}
			for _, d := range lib.Docs() {
				isSource[d.Path] = true
			}
			idx := &anchorIndexes{}
			for _, d := range p.Docs {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
				if isSource[d.Path] {
					continue
				}
				checkDocument(notes.Of(d), lib, idx, opt, p.Report)
			}
			return nil, nil
		},
	}
}

// checkDocument runs every citation check on one document's notes.
func checkDocument(dn *DocNotes, lib *Library, idx *anchorIndexes, opt Options, report func(compare.Finding)) {
	if dn == nil || dn.Resolution == nil { // neither notes nor markers
		return
	}
	d, ns, res := dn.Doc, dn.Notes, dn.Resolution
	reportNotes(d, ns, report)
	for _, is := range res.Issues {
		f := compare.Newf(is.Check, d, is.Citation.Span, "%s", is.Msg)
		for _, r := range is.Related {
			f.Relate(r.Role, d, r.Span)
		}
		f.Details = is.Details
		report(f)
	}
	if res.Dropped > 0 {
		last := res.Issues[len(res.Issues)-1].Citation.Span
		report(limitFinding(d, compare.Span{Start: last.End, End: last.End}, "issues",
			"%s more problems with short forms (ibid., op. cit., supra) after this point are not listed: the document has over %s",
			count(res.Dropped), count(MaxIssues)))
	}
	haveSources := lib != nil && len(lib.Sources) > 0
	quotes := FindQuotations(d, ns)
	backsQuote := map[*Note]bool{}
	for _, q := range quotes {
		if q.Marker.Note != nil {
			backsQuote[q.Marker.Note] = true
		}
	}
	// sources: each cited work once per document
	type workKey struct {
		w    *Work
		name string
	}
	// With sources, every cited work missing from them is reported once;
	// without, only the first work of each note that backs a quotation,
	// since that quotation cannot be verified.
	matched := map[*Citation]*Source{}
	seen := map[workKey]bool{}
	for _, n := range ns.Ordered() {
		for _, c := range n.Citations {
			if c.Kind == KindCrossRef {
				continue
			}
			name := c.Name()
			if name == "" {
				continue
			}
			src, _ := lib.Match(c)
			matched[c] = src
			k := workKey{c.Work, ""}
			if c.Work == nil {
				k.name = strings.ToLower(name)
			}
			if !haveSources {
				if backsQuote[n] {
					f := compare.Newf(CheckSourceUnavailable, d, c.Span, "the quotation before note %s cannot be verified: %s is not available (give it with --sources)",
						clip(n.Label, 64), quoteName(name))
					f.Details = map[string]any{"work": clip(name, maxQuoted), "note": clip(n.Label, 64)}
					report(f)
				}
				break
			}
			if src != nil || seen[k] {
				continue
			}
			seen[k] = true
			f := compare.Newf(CheckSourceUnavailable, d, c.Span, "cited work not among the sources: %s", quoteName(name))
			f.Details = map[string]any{"work": clip(name, maxQuoted), "note": clip(n.Label, 64)}
			report(f)
		}
	}
	for _, q := range quotes {
		checkQuote(d, q, matched, idx, opt, report)
	}
}

// maxUses is how many uses of one undefined marker its finding lists.
const maxUses = 100

// reportNotes turns what FindNotes found into findings.
func reportNotes(d *compare.Document, ns *Notes, report func(compare.Finding)) {
	if ns.Dropped.At >= 0 {
		report(limitFinding(d, compare.Span{Start: ns.Dropped.At, End: ns.Dropped.At}, "notes",
			"the document holds more note markers, notes or chapter headings than are checked (%s markers, %s notes, %s headings): those from here on are not checked, and markers without notes or notes without markers are not reported (a note past this point may be the one a marker wants)",
			count(ns.Limits.Markers), count(ns.Limits.Notes), count(ns.Limits.Headings)))
	}
	for _, p := range ns.Problems {
		report(compare.Newf(CheckNoteSyntax, d, p.Span, "%s", p.Msg))
	}
	if n := ns.Dropped.Problems; n > 0 {
		last := ns.Problems[len(ns.Problems)-1].Span
		report(limitFinding(d, compare.Span{Start: last.End, End: last.End}, "problems",
			"%s more malformed notes after this point are not listed: the document has over %s", count(n), count(MaxIssues)))
	}
	// past a limit the notes that would pair with the markers kept (or
	// the markers with the notes) may be the ones left out: an endnotes
	// section after the text is cut first, and every marker would look
	// undefined
	undefined, unused := ns.Undefined, ns.Unused
	if ns.Dropped.At >= 0 {
		undefined, unused = nil, nil
	}
	reportUndefined(d, undefined, report)
	for _, n := range unused {
		f := compare.Newf(CheckNoteUnused, d, headSpan(n), "note %s is never referred to by a marker", describeLabel(n.Label, n.Key))
		f.Details = map[string]any{"label": clip(n.Label, 64), "syntax": n.Syntax.String()}
		report(f)
	}
	for _, x := range ns.Duplicates {
		f := compare.Newf(CheckNoteDuplicate, d, headSpan(x.Note), "note %s is defined twice", describeLabel(x.Note.Label, x.Note.Key))
		f.Relate("first", d, headSpan(x.First))
		f.Details = map[string]any{"label": clip(x.Note.Label, 64)}
		report(f)
	}
	for _, iss := range ns.Numbering {
		f := compare.Newf(CheckNumbering, d, iss.Span, "%s", iss.Msg)
		if iss.Excerpt {
			f.Severity = compare.Info
		}
		if iss.Previous.End > 0 {
			f.Relate("previous", d, iss.Previous)
		}
		f.Details = iss.Details
		report(f)
	}
	if n := ns.Dropped.Numbering; n > 0 {
		last := ns.Numbering[len(ns.Numbering)-1].Span
		report(limitFinding(d, compare.Span{Start: last.End, End: last.End}, "numbering",
			"%s more numbering problems after this point are not listed: the document has over %s", count(n), count(MaxIssues)))
	}
	if n := ns.Dropped.Unparsed; n > 0 {
		at := ns.Dropped.UnparsedAt
		report(limitFinding(d, compare.Span{Start: at, End: at}, "citations",
			"the citations of %s notes from here on are not read: the notes hold over %s pieces of text", count(n), count(ns.Limits.Citations)))
	}
}

// reportUndefined reports markers without a note: once per label (per
// chapter for numbered notes), at its first use, with the other uses as
// related places (up to maxUses of them).
func reportUndefined(d *compare.Document, undefined []*Marker, report func(compare.Finding)) {
	type rk struct {
		run int
		key string
	}
	keyOf := func(m *Marker) rk {
		if m.Syntax.family() == familyNumbered {
			return rk{m.Run, m.Key}
		}
		return rk{0, m.Key}
	}
	uses := map[rk][]*Marker{}
	for _, m := range undefined {
		k := keyOf(m)
		uses[k] = append(uses[k], m)
	}
	for _, m := range undefined {
		all := uses[keyOf(m)]
		if all[0] != m {
			continue // reported with its first use
		}
		where := ""
		if m.Run > 0 && m.Syntax.family() == familyNumbered {
			where = " in this chapter"
		}
		details := map[string]any{"label": clip(m.Label, 64), "syntax": m.Syntax.String()}
		msg := "note marker " + describeLabel(m.Label, m.Key) + " has no note" + where
		if n := len(all); n > 1 {
			msg += "; it is used " + count(n) + " times"
			details["uses"] = n
		}
		f := compare.Newf(CheckMarkerUndefined, d, m.Span, "%s", msg)
		for _, o := range all[1:min(len(all), maxUses)] {
			f.Relate("use", d, o.Span)
		}
		f.Details = details
		report(f)
	}
}

// limitFinding says what a limit left out.
func limitFinding(d *compare.Document, at compare.Span, what, format string, args ...any) compare.Finding {
	f := compare.Newf(CheckNoteLimit, d, at, format, args...)
	f.Details = map[string]any{"limit": what}
	return f
}

// count writes n with thousands separators: 2,500,000.
func count(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func describeLabel(label, key string) string {
	label, key = clip(label, 64), clip(key, 66)
	if strings.HasPrefix(key, "#") && key[1:] != label || strings.Contains(key, "#") && !strings.HasPrefix(key, "#") {
		return label + " (" + key + ")"
	}
	if strings.HasPrefix(key, "^") {
		return "[^" + label + "]"
	}
	return label
}

// headSpan is the start of a definition: up to the start of its text, at
// most one line, so findings point at the label.
func headSpan(n *Note) compare.Span {
	end := n.Body.Start
	if end <= n.Span.Start || end > n.Span.End {
		end = n.Span.End
	}
	return compare.Span{Start: n.Span.Start, End: end}
}

// checkQuote compares a quotation with the source its note cites.
func checkQuote(d *compare.Document, q Quotation, matched map[*Citation]*Source, idx *anchorIndexes, opt Options, report func(compare.Finding)) {
	n := q.Marker.Note
	if n == nil {
		return
	}
	var c *Citation
	var src *Source
	for _, x := range n.Citations {
		if s := matched[x]; s != nil && s.Doc != nil {
			c, src = x, s
			break
		}
	}
	if src == nil {
		return
	}
	ix := idx.get(src.Doc)
	r := CompareQuote(d.TextOf(q.Span), src.Doc, ix, opt.DiffTimeout)
	name := src.Doc.Path
	label := clip(n.Label, 64)
	if !r.Found {
		if r.Mismatch {
			f := compare.Newf(CheckQuoteMismatch, d, q.Span, "quotation not found in the source %s cited in %s", name, noteName(n))
			f.Details = map[string]any{"source": name, "note": label, "found": false}
			report(f)
		}
		return
	}
	if r.Mismatch {
		what := "differs from"
		if r.Reorder {
			what = "reorders the words of"
		}
		f := compare.Newf(CheckQuoteMismatch, d, q.Span, "quotation %s the source %s: %s missing, %s added",
			what, name, words(r.Missing), words(r.Added))
		f.Related = append(f.Related, compare.Related{Role: "source", Location: src.Doc.Loc(r.Region)})
		// word_diff is what the table, Markdown and GitHub formats show
		f.Details = map[string]any{"source": name, "note": label, "missing": r.Missing, "added": r.Added,
			"reordered": r.Reorder, "word_diff": clip(r.Diff, maxDiff)}
		report(f)
	}
	if r.Pages && c.Page != "" && r.Page != "" && !pagesMeet(r.Page, r.PageEnd, c.Page, c.PageEnd) {
		f := compare.Newf(CheckQuotePage, d, c.Span, "%s cites p. %s, but the quoted passage is on p. %s of %s",
			noteName(n), clip(c.Page, 20), clip(r.Page, 20), name)
		f.Related = append(f.Related, compare.Related{Role: "source", Location: src.Doc.Loc(r.Region)})
		f.Details = map[string]any{"cited_page": clip(c.Page, 20), "page": clip(r.Page, 20), "source": name}
		report(f)
	}
}

// words says "1 word", "5 words".
func words(n int) string {
	if n == 1 {
		return "1 word"
	}
	return strconv.Itoa(n) + " words"
}
