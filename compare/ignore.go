package compare

import (
	"regexp"
	"strings"
)

// Ignore directives let a document silence a finding where it is deliberate:
//
//	<!-- crosscheck:ignore repeat.stutter: quoted verbatim from the source -->
//	% crosscheck:ignore claims.overlap, repeat.passage: the summary repeats the abstract
//
// The first form works in Markdown, HTML and plain text; the second on a line
// of its own in plain text. A directive applies to the paragraph that follows
// it; its IDs are check IDs or prefixes ("cite" covers every cite.* check, "all"
// every check). The reason after the colon is required, as in staticcheck's
// //lint:ignore: a directive without one is itself reported.

// The checks that judge directives themselves.
var (
	CheckIgnoreNoReason = &Check{
		ID:       "ignore.missing-reason",
		Title:    "Ignore directive without a reason",
		Severity: Warning,
		Help: `A crosscheck:ignore directive must say why the finding is deliberate, after a colon: ` +
			`"<!-- crosscheck:ignore repeat.stutter: quoted verbatim from the source -->". The directive ` +
			`still applies; add the reason so the next editor knows why.`,
	}
	CheckIgnoreUnknown = &Check{
		ID:       "ignore.unknown-check",
		Title:    "Ignore directive names no known check",
		Severity: Warning,
		Help: `A crosscheck:ignore directive names a check ID (or prefix) that no check has, often a ` +
			`typo. 'crosscheck explain' lists the IDs.`,
	}
	CheckIgnoreUnused = &Check{
		ID:       "ignore.unused",
		Title:    "Ignore directive matched no finding",
		Severity: Info,
		Help: `A crosscheck:ignore directive silenced nothing in the paragraph after it: the text was ` +
			`fixed, or the directive is in the wrong place. Remove it or move it right above the paragraph.`,
	}
)

// IgnoreChecks lists the checks ApplyDirectives may report.
var IgnoreChecks = []*Check{CheckIgnoreNoReason, CheckIgnoreUnknown, CheckIgnoreUnused}

// Directive is one crosscheck:ignore directive in a document.
type Directive struct {
	Checks []string // check IDs or prefixes; "all" matches every check
	Reason string
	At     Span // the directive, Text coordinates
	Scope  Span // the paragraph it applies to, Text coordinates
}

var directiveRE = regexp.MustCompile(`crosscheck:ignore\b[ \t]*([^:\n]*?)[ \t]*(?::[ \t]*([^\n]*?))?[ \t]*(?:-->|\n|$)`)

// FindDirectives returns the ignore directives of d, in order.
func FindDirectives(d *Document) []Directive {
	var out []Directive
	add := func(at Span, body string) {
		m := directiveRE.FindStringSubmatch(body)
		if m == nil {
			return
		}
		ids := strings.FieldsFunc(m[1], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
		out = append(out, Directive{Checks: ids, Reason: strings.TrimSpace(m[2]), At: at, Scope: d.scopeAfter(at.End)})
	}
	if d.Structure.Markup {
		for _, c := range d.Structure.Comments {
			if strings.Contains(c.Text, "crosscheck:ignore") {
				add(c.Span, c.Text)
			}
		}
		return out
	}
	text := d.Text
	for off := 0; ; {
		i := strings.Index(text[off:], "crosscheck:ignore")
		if i < 0 {
			break
		}
		i += off
		lineStart := strings.LastIndexByte(text[:i], '\n') + 1
		lineEnd := strings.IndexByte(text[i:], '\n')
		if lineEnd < 0 {
			lineEnd = len(text)
		} else {
			lineEnd += i
		}
		prefix := strings.TrimSpace(text[lineStart:i])
		switch {
		case strings.HasSuffix(prefix, "<!--"):
			start := lineStart + strings.LastIndex(text[lineStart:i], "<!--")
			end := strings.Index(text[i:], "-->")
			if end < 0 {
				end = lineEnd
			} else {
				end += i + 3
			}
			add(Span{start, end}, text[i:end])
			off = end
		case prefix == "%":
			add(Span{lineStart, lineEnd}, text[i:lineEnd])
			off = lineEnd
		default:
			off = i + len("crosscheck:ignore")
		}
	}
	return out
}

// scopeAfter returns the paragraph text that follows off: from off to the end
// of the paragraph holding the next non-space character.
func (d *Document) scopeAfter(off int) Span {
	i := off
	for i < len(d.Text) && isSpaceByte(d.Text[i]) {
		i++
	}
	p := d.ParagraphAt(i)
	if p < 0 {
		return Span{i, i}
	}
	return Span{i, d.Paragraphs[p].End}
}

func (dir Directive) matches(id string) bool {
	for _, c := range dir.Checks {
		if c == "all" || c == id || strings.HasPrefix(id, c+".") {
			return true
		}
	}
	return false
}

// ApplyDirectives drops the findings that directives in their documents
// silence and adds findings about the directives themselves: no reason, an
// unknown check ID, or nothing silenced. known lists every check ID.
func ApplyDirectives(docs []*Document, findings []Finding, known []*Check) []Finding {
	type placed struct {
		Directive
		doc  *Document
		raw  Span
		used bool
	}
	byDoc := map[*Document][]*placed{}
	var all []*placed
	for _, d := range docs {
		for _, dir := range FindDirectives(d) {
			p := &placed{Directive: dir, doc: d, raw: d.Orig(dir.Scope)}
			byDoc[d] = append(byDoc[d], p)
			all = append(all, p)
		}
	}
	if len(all) == 0 {
		return findings
	}
	kept := findings[:0:0]
	for _, f := range findings {
		silenced := false
		for _, p := range byDoc[f.Doc] {
			if f.Span.Start >= p.raw.Start && f.Span.Start < p.raw.End && p.matches(f.Check.ID) {
				p.used = true
				silenced = true
			}
		}
		if !silenced {
			kept = append(kept, f)
		}
	}
	for _, p := range all {
		if p.Reason == "" {
			kept = append(kept, Newf(CheckIgnoreNoReason, p.doc, p.At,
				"crosscheck:ignore %s has no reason; add one after a colon", strings.Join(p.Checks, ",")))
		}
		for _, id := range p.Checks {
			if !knownCheck(id, known) {
				kept = append(kept, Newf(CheckIgnoreUnknown, p.doc, p.At,
					"crosscheck:ignore names %q, which is no check ID or prefix", id))
			}
		}
		if len(p.Checks) == 0 {
			kept = append(kept, Newf(CheckIgnoreUnknown, p.doc, p.At, "crosscheck:ignore names no check; name one, or 'all'"))
		} else if !p.used {
			kept = append(kept, Newf(CheckIgnoreUnused, p.doc, p.At,
				"crosscheck:ignore %s silenced nothing in the paragraph after it", strings.Join(p.Checks, ",")))
		}
	}
	SortFindings(kept)
	return kept
}

func knownCheck(id string, known []*Check) bool {
	if id == "all" {
		return true
	}
	for _, c := range known {
		if c.ID == id || strings.HasPrefix(c.ID, id+".") {
			return true
		}
	}
	return false
}
