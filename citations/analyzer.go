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
						n.Label, quoteName(name))
					f.Details = map[string]any{"work": name, "note": n.Label}
					report(f)
				}
				break
			}
			if src != nil || seen[k] {
				continue
			}
			seen[k] = true
			f := compare.Newf(CheckSourceUnavailable, d, c.Span, "cited work not among the sources: %s", quoteName(name))
			f.Details = map[string]any{"work": name, "note": n.Label}
			report(f)
		}
	}
	for _, q := range quotes {
		checkQuote(d, q, matched, idx, opt, report)
	}
}

// reportNotes turns what FindNotes found into findings.
func reportNotes(d *compare.Document, ns *Notes, report func(compare.Finding)) {
	for _, p := range ns.Problems {
		report(compare.Newf(CheckNoteSyntax, d, p.Span, "%s", p.Msg))
	}
	for _, m := range ns.Undefined {
		where := ""
		if m.Run > 0 && m.Syntax.family() == familyNumbered {
			where = " in this chapter"
		}
		f := compare.Newf(CheckMarkerUndefined, d, m.Span, "note marker %s has no note%s", describeLabel(m.Label, m.Key), where)
		f.Details = map[string]any{"label": m.Label, "syntax": m.Syntax.String()}
		report(f)
	}
	for _, n := range ns.Unused {
		f := compare.Newf(CheckNoteUnused, d, headSpan(n), "note %s is never referred to by a marker", describeLabel(n.Label, n.Key))
		f.Details = map[string]any{"label": n.Label, "syntax": n.Syntax.String()}
		report(f)
	}
	for _, x := range ns.Duplicates {
		f := compare.Newf(CheckNoteDuplicate, d, headSpan(x.Note), "note %s is defined twice", describeLabel(x.Note.Label, x.Note.Key))
		f.Relate("first", d, headSpan(x.First))
		f.Details = map[string]any{"label": x.Note.Label}
		report(f)
	}
	for _, iss := range ns.Numbering {
		f := compare.Newf(CheckNumbering, d, iss.Span, "%s", iss.Msg)
		if iss.Excerpt {
			f.Severity = compare.Info
		}
		f.Details = iss.Details
		report(f)
	}
}

func describeLabel(label, key string) string {
	if strings.HasPrefix(key, "#") && key[1:] != label {
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
	if !r.Found {
		if r.Mismatch {
			f := compare.Newf(CheckQuoteMismatch, d, q.Span, "quotation not found in the source %s cited in note %s", name, n.Label)
			f.Details = map[string]any{"source": name, "note": n.Label, "found": false}
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
		f.Details = map[string]any{"source": name, "note": n.Label, "missing": r.Missing, "added": r.Added,
			"reordered": r.Reorder, "word_diff": r.Diff}
		report(f)
	}
	if r.Pages && c.Page != "" && r.Page != "" && !pageInRange(r.Page, c.Page, c.PageEnd) {
		f := compare.Newf(CheckQuotePage, d, c.Span, "note %s cites p. %s, but the quoted passage is on p. %s of %s",
			n.Label, c.Page, r.Page, name)
		f.Related = append(f.Related, compare.Related{Role: "source", Location: src.Doc.Loc(r.Region)})
		f.Details = map[string]any{"cited_page": c.Page, "page": r.Page, "source": name}
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
