package textcheck

import (
	"context"
	"fmt"

	"github.com/crosscheck/crosscheck/compare"
)

// Options tune the text checks.
type Options struct {
	// MaxPerCheck is the most findings one check reports in one document
	// (default 200); the rest are counted in one last finding, so that a
	// file of ten million soft hyphens yields a readable report.
	MaxPerCheck int
}

// DefaultMaxPerCheck is MaxPerCheck when Options leave it zero.
const DefaultMaxPerCheck = 200

// Analyzer returns the analyzer of the text.* checks.
func Analyzer(opt Options) *compare.Analyzer {
	if opt.MaxPerCheck <= 0 {
		opt.MaxPerCheck = DefaultMaxPerCheck
	}
	return &compare.Analyzer{
		Name:   "text",
		Doc:    "Defects that conversions, layout and pasting leave in text.",
		Checks: Checks,
		Run: func(ctx context.Context, p *compare.Pass) (any, error) {
			lex := newLexicon() // words recur from document to document
			for _, d := range p.Docs {
				if err := check(ctx, d, opt, lex, p.Report); err != nil {
					return nil, err
				}
			}
			return nil, nil
		},
	}
}

// detectors run in this order over each document; each reads the shared
// per-document state and reports through it.
var detectors = []func(*docCheck){
	findGlued,
	findNumberSpace,
	findBrokenParagraphs,
	findDuplicateHeadings,
	findLetterSpaced,
	findLayoutCaps,
	findMojibake,
	findInvisible,
	findReplacement,
	findFullwidth,
	findArticles,
	findHyphenation,
	findTimePossessive,
	findQuoteStyle,
	findUnattributedQuotes,
}

// Check runs every text check over d and hands each finding to report.
func Check(ctx context.Context, d *compare.Document, opt Options, report func(compare.Finding)) error {
	return check(ctx, d, opt, newLexicon(), report)
}

func check(ctx context.Context, d *compare.Document, opt Options, lex *lexicon, report func(compare.Finding)) error {
	if opt.MaxPerCheck <= 0 {
		opt.MaxPerCheck = DefaultMaxPerCheck
	}
	c := newDocCheck(d, opt, report)
	c.lex = lex
	for _, det := range detectors {
		if err := ctx.Err(); err != nil {
			return err
		}
		det(c)
	}
	c.flush()
	return nil
}

// overflow counts the findings of one check past the per-document limit.
type overflow struct {
	n     int
	first compare.Location
}

// full reports whether check chk has reached its limit in this document:
// what it would report now is only counted, so detectors skip building
// messages and fixes for it.
func (c *docCheck) full(chk *compare.Check) bool { return c.counts[chk] >= c.max }

// count counts a finding of chk at a span of Text without building it,
// and reports true, when chk has reached its limit in this document.
func (c *docCheck) count(chk *compare.Check, s compare.Span) bool {
	if !c.full(chk) {
		return false
	}
	f := compare.Finding{Check: chk}
	if c.over[chk] == nil {
		f.Location = c.d.Loc(s)
	}
	c.put(f)
	return true
}

// put reports f unless its check has reached the per-document limit.
func (c *docCheck) put(f compare.Finding) {
	c.skipping = false
	n := c.counts[f.Check] + 1
	c.counts[f.Check] = n
	if n <= c.max {
		c.report(f)
		return
	}
	o := c.over[f.Check]
	if o == nil {
		o = &overflow{first: f.Location}
		c.over[f.Check] = o
	}
	o.n++
}

// flush reports, for each check over its limit, one finding that counts
// what was left out, at the first place left out.
func (c *docCheck) flush() {
	for _, chk := range Checks {
		o := c.over[chk]
		if o == nil {
			continue
		}
		c.report(compare.Finding{Check: chk, Severity: chk.Severity, Location: o.first,
			Message: fmt.Sprintf("%d more findings of %s in this file from here on are not listed; fix the cause (the tool or setting that made the text) and check again", o.n, chk.ID)})
	}
}

// at builds a finding of check chk at a span of Text. Past the check's
// limit it builds only what put needs to count it (the place, the first
// time), and the fix that follows is skipped.
func (c *docCheck) at(chk *compare.Check, s compare.Span, format string, args ...any) compare.Finding {
	if c.full(chk) {
		c.skipping = true
		f := compare.Finding{Check: chk, Severity: chk.Severity}
		if c.over[chk] == nil {
			f.Location = c.d.Loc(s)
		}
		return f
	}
	return compare.Newf(chk, c.d, s, format, args...)
}
