package reuse

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/reuse/internal/gram"
)

// CheckAlignPassage reports a passage two documents share.
var CheckAlignPassage = &compare.Check{
	ID:       "align.passage",
	Title:    "Passage shared by two documents",
	Severity: compare.Info,
	Help: `Two documents share a passage: the same words in the same order, perhaps re-wrapped, ` +
		`re-punctuated, re-cased or lightly edited (words inserted, deleted, replaced or swapped). ` +
		`The finding spans the passage in the later document and points at the same passage in the ` +
		`earlier one ("source"); details give the similarity (2 × shared words / words of both ` +
		`spans), the word counts, both spans' offsets and a word diff, shown as [-removed-]{+added+} ` +
		`and, in JSON, as operations with original byte offsets on both sides. Only passages of at least ` +
		`--min-words shared words are reported, so that common phrases do not drown the output. ` +
		`Reported by 'crosscheck align'; 'crosscheck check' reports shared text as repeat.passage instead.`,
}

// CheckRepeatPassage reports a passage found in more than one place.
var CheckRepeatPassage = &compare.Check{
	ID:       "repeat.passage",
	Title:    "Passage repeated inside or across documents",
	Severity: compare.Warning,
	Help: `A sentence, paragraph or longer passage appears again far from its first appearance, in ` +
		`the same document or in another one, verbatim or nearly (case, punctuation, line breaks and a ` +
		`few words may differ), usually after a copy-and-paste. All copies make one finding: it spans ` +
		`the second copy and points at the first ("first") and any others ("copy"). A copy the document ` +
		`marks as a quotation (inside "…", a block quote or <q>) is reported at info. Phrases repeated ` +
		`immediately are repeat.stutter's; common phrases shorter than --min-words are not reported. ` +
		`Delete the extra copies or rewrite them.`,
}

// limitHelp is what align.limit and repeat.limit say of the two ways
// the work is bounded.
const limitHelp = `Either the text is so repetitive (tables of figures, generated or templated ` +
	`sentences, a few words repeated at length) that chance matches between its frequent word ` +
	`sequences would make the work grow out of proportion to its size: to keep time and memory ` +
	`bounded, the word sequences that seed a match (4 words unless --seed-words says otherwise) ` +
	`found more than a certain number of times, which the finding gives, seeded nothing there, so ` +
	`shared text made only of such sequences is not reported while other passages still are; the ` +
	`finding points at the first place skipped. Or a document shares text with more than 64 others ` +
	`(hundreds of documents quoting one text; near-copies are grouped, see align.versions): so ` +
	`that the pairs compared grow with ` +
	`the number of documents and not with its square, two documents are compared only when each ` +
	`is among the 64 that share the most with the other; the finding says how many documents ` +
	`that concerns. Nothing is wrong with the files as such: review their repetitive parts by ` +
	`other means, move generated tables out of the prose, or check fewer versions at once.`

// CheckAlignLimit reports an alignment cut short (see Limit and
// PartnerLimit).
var CheckAlignLimit = &compare.Check{
	ID:       "align.limit",
	Title:    "Alignment cut short on very repetitive text or too many similar documents",
	Severity: compare.Info,
	Help:     `Two documents were not aligned in full, or a document was not aligned with every other one. ` + limitHelp,
}

// CheckRepeatLimit reports a search for repeats cut short (see Limit and
// PartnerLimit).
var CheckRepeatLimit = &compare.Check{
	ID:       "repeat.limit",
	Title:    "Search for repeated passages cut short on very repetitive text or too many similar documents",
	Severity: compare.Info,
	Help: `A document, or the text two documents share, was not searched in full for repeated ` +
		`passages, or a document was not compared with every other one. ` + limitHelp,
}

// limitFinding is the finding of check c (repeat.limit or align.limit) for
// a thinned alignment under options opt.
func limitFinding(c *compare.Check, docs []*compare.Document, l PairLimit, opt Options) compare.Finding {
	what, found := "text too repetitive to search in full", "repeats"
	if l.A != l.B {
		other := docs[l.A]
		if other == l.Doc {
			other = docs[l.B]
		}
		what = "text shared with " + docName(other, l.Doc) + " too repetitive to align in full"
		if c == CheckAlignLimit {
			found = "passages"
		}
	}
	f := compare.Newf(c, l.Doc, l.Span, "%s: %d places whose %d-word sequence occurs more than %d times were skipped "+
		"(the usual cap is %d), so %s made only of such sequences are not reported",
		what, l.Skipped, opt.SeedWords, l.MaxOccurrences, opt.MaxOccurrences, found)
	f.Details = map[string]any{
		"skipped_places":  l.Skipped,
		"max_occurrences": l.MaxOccurrences,
	}
	return f
}

// partnerFinding is the one finding of check c (repeat.limit or
// align.limit) for the documents with more partners than were compared
// (ls, at least one, in order): at the first of them, the others related.
func partnerFinding(c *compare.Check, docs []*compare.Document, ls []PartnerLimit) compare.Finding {
	most := 0
	for _, l := range ls {
		most = max(most, l.Partners)
	}
	done := "aligned with"
	if c == CheckRepeatLimit {
		done = "searched for repeats with"
	}
	var f compare.Finding
	first := docs[ls[0].Doc]
	if len(ls) == 1 {
		f = compare.Newf(c, first, firstWord(first), "shares text with %d other documents, too many to compare one by one: %s %d of those that share the most",
			most, done, ls[0].Aligned)
	} else {
		f = compare.Newf(c, first, firstWord(first), "%d documents share text with more than %d others each (up to %d), too many to compare one by one: each was %s at most %d of those that share the most",
			len(ls), maxPartners, most, done, maxPartners)
	}
	for _, l := range ls[1:min(len(ls), maxRelatedLimits)] {
		d := docs[l.Doc]
		f.Relate("also", d, firstWord(d))
	}
	f.Details = map[string]any{
		"documents":    len(ls),
		"max_partners": most,
		"compared":     maxPartners,
	}
	return f
}

// maxRelatedLimits bounds the documents a partner finding relates.
const maxRelatedLimits = 20

// firstWord is the span of d's first word, or the empty span at its start.
func firstWord(d *compare.Document) compare.Span {
	if len(d.Tokens) > 0 {
		return d.Tokens[0].Span()
	}
	return compare.Span{}
}

// AlignOptions configure the align.passage analyzer.
type AlignOptions struct {
	Options
	DiffTimeout time.Duration // bound of one word diff (default compare.DefaultDiffTimeout)
	// Boilerplate says what is boilerplate, which passages stop at (see
	// BoilerplateFor).
	Boilerplate BoilerplateOptions
}

// RepeatOptions configure the repeat.passage analyzer.
type RepeatOptions struct {
	Options
	// StutterWords is the longest phrase repeat.stutter reports; repeats it
	// reports are left to it (default 12, as the stutter check's default).
	StutterWords int
	DiffTimeout  time.Duration
	// Boilerplate says what is boilerplate, which repeats leave out (see
	// BoilerplateFor).
	Boilerplate BoilerplateOptions
}

// DefaultRepeatSimilarity is the least similarity of a repeat.passage: a
// repeat is a copy, verbatim or nearly; looser reuse is align's business.
const DefaultRepeatSimilarity = 0.8

// maxEqualShown is how many characters of an equal run the inline diff
// keeps; maxDiffShown bounds the whole inline diff.
const (
	maxEqualShown = 60
	maxDiffShown  = 1000
)

// Alignment is AlignmentAnalyzer's result: the passages every pair of the
// pass's documents shares (Align), with Pair.A and Pair.B indices into the
// pass's Docs. Those who read it must not change it.
type Alignment struct {
	Options Options // the options the documents were aligned with
	Pairs   []Pair
	// Limits lists the pairs whose alignment was thinned on very
	// repetitive text (see Limit), in the order of Pairs.
	Limits []PairLimit
	// Partners lists the documents that share text with more others than
	// they were aligned with (see PartnerLimit), in order.
	Partners []PartnerLimit
	// Groups lists the groups of near-copies (see VersionGroup): each
	// member was aligned with its representative only, and that pair is
	// among Pairs.
	Groups []VersionGroup

	docs []*compare.Document
	skip *gram.Filter // the collection's boilerplate fingerprints; nil when none
}

// Boilerplate returns the stretches of Docs[i] made of phrases found in
// more than Options.MaxDocs of the documents (phrases common to the
// collection, which seed no passage), as Text spans in order, merged where
// they overlap. It is computed when asked; nil when the collection has no
// such phrase.
func (a *Alignment) Boilerplate(i int) []compare.Span {
	if a.skip == nil {
		return nil
	}
	d := a.docs[i]
	keys := d.TokenKeys()
	k := a.Options.SeedWords
	all := gram.Grams(keys, 0, len(keys), k, nil, nil)
	kept := gram.Grams(keys, 0, len(keys), k, a.skip, nil)
	var out []compare.Span
	for t := range all {
		if all[t] == 0 || kept[t] != 0 {
			continue
		}
		s := compare.Span{Start: d.Tokens[t].Start(), End: d.Tokens[t+k-1].End()}
		if n := len(out); n > 0 && s.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}

// alignmentAnalyzers holds one AlignmentAnalyzer per set of options.
var alignmentAnalyzers sync.Map // Options (with defaults) → *compare.Analyzer

// AlignmentAnalyzer returns the analyzer that aligns every pair of the
// documents (Align) under opt and returns the passages as an *Alignment,
// for align.passage and for reports that show what pairs share, with the
// collection's boilerplate (Alignment.Boilerplate). It
// reports nothing. For equal options it returns the same analyzer, so that
// everything requiring the alignment under those options shares one run.
func AlignmentAnalyzer(opt Options) *compare.Analyzer {
	opt = opt.withDefaults()
	if a, ok := alignmentAnalyzers.Load(opt); ok {
		return a.(*compare.Analyzer)
	}
	a, _ := alignmentAnalyzers.LoadOrStore(opt, &compare.Analyzer{
		Name: "alignment",
		Doc:  "The passages any two of the documents share.",
		Run: func(ctx context.Context, p *compare.Pass) (any, error) {
			al, err := alignAll(ctx, p.Docs, opt)
			if err != nil {
				return nil, err
			}
			return &Alignment{Options: opt, Pairs: al.pairs, Limits: al.limits, Partners: al.partners, Groups: al.groups, docs: p.Docs, skip: al.skip}, nil
		},
	})
	return a.(*compare.Analyzer)
}

// AlignAnalyzer reports the passages any two of the documents share, one
// align.passage finding per passage with its word diff, and each group of
// near-copies as one align.versions finding. It requires the
// AlignmentAnalyzer of its options.
func AlignAnalyzer(opt AlignOptions) *compare.Analyzer {
	alignment := AlignmentAnalyzer(opt.Options)
	boiler := BoilerplateAnalyzer(BoilerplateFor(opt.Options, opt.Boilerplate))
	return &compare.Analyzer{
		Name:     "align",
		Doc:      "Passages shared by two documents, with word diffs.",
		Checks:   []*compare.Check{CheckAlignPassage, CheckAlignVersions, CheckAlignLimit},
		Requires: []*compare.Analyzer{alignment, boiler},
		Run: func(ctx context.Context, p *compare.Pass) (any, error) {
			al := p.ResultOf[alignment].(*Alignment)
			bp := p.ResultOf[boiler].(*Boilerplate)
			if len(al.Partners) > 0 {
				p.Report(partnerFinding(CheckAlignLimit, p.Docs, al.Partners))
			}
			for _, l := range al.Limits {
				p.Report(limitFinding(CheckAlignLimit, p.Docs, l, al.Options))
			}
			versionPair := reportVersions(ctx, p, al.Pairs, al.Groups, opt.DiffTimeout)
			for _, pr := range al.Pairs {
				if versionPair(pr) {
					continue // in the group's align.versions finding
				}
				a, b := p.Docs[pr.A], p.Docs[pr.B]
				var pieces []Passage
				for _, whole := range pr.Passages {
					pieces = append(pieces, bp.cut(pr.A, pr.B, whole, al.Options)...)
				}
				for _, g := range samePlace(pieces) {
					if err := ctx.Err(); err != nil {
						return nil, err
					}
					p.Report(alignFinding(a, b, g[0], g[1:], opt.DiffTimeout, p.Admits))
				}
			}
			return nil, nil
		},
	}
}

// alignFinding is the align.passage finding of passage ps of documents a
// and b, with also the passages pairing the same text of b with other
// places of a; its word diff and details are left out when admit says the
// finding will be dropped (Pass.Admits).
func alignFinding(a, b *compare.Document, ps Passage, also []Passage, timeout time.Duration, admit func(*compare.Finding) bool) compare.Finding {
	f := compare.Newf(CheckAlignPassage, b, ps.B, "shares %d words with %s%s",
		ps.Matched, docName(a, b), similarityNote(ps.Similarity))
	f.Relate("source", a, ps.A)
	if len(also) > 0 {
		places := "places"
		if len(also) == 1 {
			places = "place"
		}
		f.Message += fmt.Sprintf("; %s holds it at %d more %s", docName(a, b), len(also), places)
		for _, o := range also {
			f.Relate("also", a, o.A)
		}
	}
	if !admit(&f) {
		return f
	}
	ops := Diff(a, b, ps, timeout)
	oa, ob := a.Orig(ps.A), b.Orig(ps.B)
	f.Details = map[string]any{
		"similarity":   round3(ps.Similarity),
		"shared_words": ps.Matched,
		"words_a":      ps.WordsA,
		"words_b":      ps.WordsB,
		"a":            spanDetail(a, oa),
		"b":            spanDetail(b, ob),
		"word_diff":    compare.Shorten(compare.FormatWordDiff(ops, a, b, maxEqualShown), maxDiffShown),
		"diff":         DiffDetails(ops, a, b),
	}
	return f
}

// RepeatAnalyzer reports passages repeated inside a document or across
// documents, one repeat.passage finding per passage however many copies.
func RepeatAnalyzer(opt RepeatOptions) *compare.Analyzer {
	if opt.MinSimilarity <= 0 {
		opt.MinSimilarity = DefaultRepeatSimilarity
	}
	if opt.StutterWords <= 0 {
		opt.StutterWords = 12
	}
	boiler := BoilerplateAnalyzer(BoilerplateFor(opt.Options, opt.Boilerplate))
	return &compare.Analyzer{
		Name:     "repeats",
		Doc:      "Passages repeated inside a document or across documents.",
		Checks:   []*compare.Check{CheckRepeatPassage, CheckRepeatLimit},
		Requires: []*compare.Analyzer{boiler},
		Run: func(ctx context.Context, p *compare.Pass) (any, error) {
			bp := p.ResultOf[boiler].(*Boilerplate)
			reps, limits, err := findRepeatsOutside(ctx, p.Docs, opt.Options, opt.StutterWords, bp)
			if err != nil {
				return nil, err
			}
			if len(limits.partners) > 0 {
				p.Report(partnerFinding(CheckRepeatLimit, p.Docs, limits.partners))
			}
			for _, l := range limits.thinned {
				p.Report(limitFinding(CheckRepeatLimit, p.Docs, l, opt.Options.withDefaults()))
			}
			for i, r := range reps {
				if i%256 == 0 && ctx.Err() != nil {
					return nil, ctx.Err()
				}
				p.Report(repeatFinding(p.Docs, r, opt.DiffTimeout))
			}
			return nil, nil
		},
	}
}

func repeatFinding(docs []*compare.Document, r Repeat, timeout time.Duration) compare.Finding {
	first, this := r.Places[0], r.Places[1]
	fd, td := docs[first.Doc], docs[this.Doc]
	kind := Kind(td, this.Span)
	// where the other copies are goes in Related; the message says only
	// whether they are in this document or which others
	var others []string
	for _, pl := range r.Places {
		if name := docName(docs[pl.Doc], td); pl.Doc != this.Doc && !slices.Contains(others, name) {
			others = append(others, name)
		}
	}
	if len(others) > 2 {
		others = append(others[:2], fmt.Sprintf("+%d more", len(others)-2))
	}
	var where string
	switch {
	case r.Count == 2 && first.Doc == this.Doc:
		where = "repeated from earlier in the document"
	case r.Count == 2:
		where = "also in " + others[0]
	case len(others) == 0:
		where = fmt.Sprintf("in %d places in the document", r.Count)
	default:
		where = fmt.Sprintf("in %d places, also in %s", r.Count, strings.Join(others, ", "))
	}
	quoted := true
	for _, pl := range r.Places[1:] {
		if !Quoted(docs[pl.Doc], pl.Span) {
			quoted = false
			break
		}
	}
	f := compare.Newf(CheckRepeatPassage, td, this.Span, "%s of %d words %s%s",
		kind, this.Words, where, similarityNote(r.Similarity))
	if quoted {
		f.Severity = compare.Info
		f.Message += " (quoted)"
	}
	f.Relate("first", fd, first.Span)
	for _, pl := range r.Places[2:] {
		f.Relate("copy", docs[pl.Doc], pl.Span)
	}
	f.Details = map[string]any{
		"kind":       kind,
		"words":      this.Words,
		"places":     r.Count,
		"similarity": round3(r.Similarity),
		"quoted":     quoted,
	}
	if r.LinkOK && r.Similarity < 1 {
		ops := Diff(fd, td, r.Link, timeout)
		f.Details["word_diff"] = compare.Shorten(compare.FormatWordDiff(ops, fd, td, maxEqualShown), maxDiffShown)
		f.Details["diff"] = DiffDetails(ops, fd, td)
	}
	return f
}

// docName names another document in a message: its file name, or its
// whole path when the file name is the same as that of the finding's own
// document (where exactly goes in the finding's Related places).
func docName(d, this *compare.Document) string {
	name := filepath.Base(d.Path)
	if name == filepath.Base(this.Path) {
		return d.Path
	}
	return name
}

// similarityNote is ", 93% similar" for an edited copy, "" for a verbatim one.
func similarityNote(sim float64) string {
	if sim >= 0.9995 {
		return ""
	}
	return fmt.Sprintf(", %d%% similar", min(99, int(math.Round(sim*100))))
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// spanDetail is a span of original bytes for machine output.
func spanDetail(d *compare.Document, s compare.Span) map[string]any {
	return map[string]any{"file": d.Path, "offset": s.Start, "end_offset": s.End}
}

// samePlace groups passages that pair mostly the same text of B with
// several places of A (a source that says the same thing more than once):
// one finding says where B's text is and lists every place of A, instead
// of one finding each at nearly the same place. Each group comes with the
// passage sharing the most words first; groups are in order of B.
func samePlace(ps []Passage) [][]Passage {
	slices.SortStableFunc(ps, func(x, y Passage) int {
		if x.B.Start != y.B.Start {
			return x.B.Start - y.B.Start
		}
		return y.Matched - x.Matched
	})
	var out [][]Passage
	for _, p := range ps {
		if n := len(out); n > 0 && mostlyOverlap(out[n-1][0].B, p.B) {
			out[n-1] = append(out[n-1], p)
			continue
		}
		out = append(out, []Passage{p})
	}
	for _, g := range out {
		best := 0
		for i, p := range g {
			if p.Matched > g[best].Matched {
				best = i
			}
		}
		g[0], g[best] = g[best], g[0]
	}
	return out
}
