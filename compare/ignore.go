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

// IgnoreChecks lists the checks the Directives stage may report.
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

// Directives returns the stage that applies the ignore directives of docs:
// it drops, as they pass, the findings a directive silences (those of a
// check it names that start in the paragraph after it), and on Close
// passes on findings about the directives themselves (no reason, an
// unknown check ID, nothing silenced) before closing next. known lists
// every check ID. The findings it adds come in document order; a Sorted
// stage downstream puts them in place.
func Directives(docs []*Document, known []*Check, next Sink) Sink {
	s := &directiveSink{next: next, known: known, byDoc: map[*Document][]*placedDirective{}}
	for _, d := range docs {
		for _, dir := range FindDirectives(d) {
			p := &placedDirective{Directive: dir, doc: d, raw: d.Orig(dir.Scope)}
			s.byDoc[d] = append(s.byDoc[d], p)
			s.all = append(s.all, p)
		}
	}
	if len(s.all) == 0 {
		return next // nothing to silence or report
	}
	return s
}

// placedDirective is a directive with its document, the original bytes of
// its scope, and whether it has silenced anything.
type placedDirective struct {
	Directive
	doc  *Document
	raw  Span
	used bool
}

type directiveSink struct {
	next  Sink
	known []*Check
	byDoc map[*Document][]*placedDirective
	all   []*placedDirective
}

func (s *directiveSink) Put(f Finding) error {
	silenced := false
	for _, p := range s.byDoc[f.Doc] {
		if f.Span.Start >= p.raw.Start && f.Span.Start < p.raw.End && p.matches(f.Check.ID) {
			p.used = true
			silenced = true
		}
	}
	if silenced {
		return nil
	}
	return s.next.Put(f)
}

func (s *directiveSink) Close() error {
	for _, f := range s.directiveFindings() {
		if err := s.next.Put(f); err != nil {
			Abort(s.next, err)
			return err
		}
	}
	return s.next.Close()
}

func (s *directiveSink) Abort(err error) { Abort(s.next, err) }

// Admits passes the question on (see Admitter): a finding this stage
// silences is reported all the same, so that the directive counts as used.
func (s *directiveSink) Admits(f *Finding) bool { return Admits(s.next, f) }

// directiveFindings judges the directives once every finding has passed.
func (s *directiveSink) directiveFindings() []Finding {
	var out []Finding
	for _, p := range s.all {
		if p.Reason == "" {
			out = append(out, Newf(CheckIgnoreNoReason, p.doc, p.At,
				"crosscheck:ignore %s has no reason; add one after a colon", strings.Join(p.Checks, ",")))
		}
		for _, id := range p.Checks {
			if !knownCheck(id, s.known) {
				out = append(out, Newf(CheckIgnoreUnknown, p.doc, p.At,
					"crosscheck:ignore names %q, which is no check ID or prefix", id))
			}
		}
		if len(p.Checks) == 0 {
			out = append(out, Newf(CheckIgnoreUnknown, p.doc, p.At, "crosscheck:ignore names no check; name one, or 'all'"))
		} else if !p.used {
			out = append(out, Newf(CheckIgnoreUnused, p.doc, p.At,
				"crosscheck:ignore %s silenced nothing in the paragraph after it", strings.Join(p.Checks, ",")))
		}
	}
	return out
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
