package claims

import (
	"context"
	"fmt"
	"runtime"
	"slices"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/claims/internal/checks"
	"github.com/crosscheck/crosscheck/compare/claims/internal/coref"
	"github.com/crosscheck/crosscheck/compare/claims/internal/groups"
	"github.com/crosscheck/crosscheck/compare/claims/internal/parallel"
	"github.com/crosscheck/crosscheck/compare/claims/internal/render"
	"github.com/crosscheck/crosscheck/compare/lang"
)

// The checks this package reports (see package checks for their help).
var (
	CheckOverlap  = checks.Overlap  // claims.overlap
	CheckNumber   = checks.Number   // claims.contradiction.number
	CheckDate     = checks.Date     // claims.contradiction.date
	CheckNegation = checks.Negation // claims.contradiction.negation
	CheckAntonym  = checks.Antonym  // claims.contradiction.antonym
)

// Checks lists the checks of the claims analyzer.
var Checks = []*compare.Check{CheckOverlap, CheckNumber, CheckDate, CheckNegation, CheckAntonym, CheckLimit}

// Options tune the claims analyzer.
type Options struct {
	// MinConfidence drops contradictions whose confidence is below it (0..1).
	MinConfidence float64
	// NoOverlap leaves out claims.overlap findings.
	NoOverlap bool
	// Skip gives each document's boilerplate (reuse.BoilerplateAnalyzer): its claims are not compared.
	Skip *compare.Analyzer
}

// Match is a pair of clauses and what comparing them found.
type Match struct {
	A, B ClauseRef
	Verdict
}

// ClauseRef names one clause of a document's claims.
type ClauseRef struct {
	Doc      *DocClaims
	Sentence int // index in Doc.Sentences
	Clause   int // index in the sentence's Clauses
}

func (r ClauseRef) clause() *clause {
	return &r.Doc.clauses[int(r.Doc.sents[r.Sentence].clauses)+r.Clause]
}

// span is the clause's span in Text coordinates.
func (r ClauseRef) span() compare.Span { return r.Doc.abs(r.Sentence, r.clause().span) }

// skipClaims flags the clauses mostly inside the spans of their document.
func skipClaims(dcs []*DocClaims, spans func(doc int) []compare.Span) {
	for i, dc := range dcs {
		ss := spans(i)
		for ci := range dc.clauses {
			c := &dc.clauses[ci]
			for _, s := range ss {
				if cs := dc.abs(int(c.sent), c.span); 2*(min(s.End, cs.End)-max(s.Start, cs.Start)) >= max(1, cs.Len()) {
					c.flags |= fSkipped
				}
			}
		}
	}
}

// ExtractAll extracts the claims of every document, in parallel, and links
// acronyms to expansions written out elsewhere in any of them.
func ExtractAll(ctx context.Context, docs []*compare.Document) ([]*DocClaims, error) {
	voc := newVocab()
	dcs, err := extractAll(ctx, voc, docs)
	voc.DropLex() // comparing needs no word forms
	return dcs, err
}

func extractAll(ctx context.Context, voc *vocab, docs []*compare.Document) ([]*DocClaims, error) {
	out := make([]*DocClaims, len(docs))
	workers := runtime.GOMAXPROCS(0)
	parsers := make([]*parser, workers)
	for w := range parsers {
		parsers[w] = newParser(newReader(voc))
	}
	// First what each document needs known of all of it, then runs of
	// paragraphs of every document in parallel (a single large file is
	// read by all workers), joined in order as they are read.
	type work struct {
		doc *docContext
		asm *assembler
		n   int // runs
	}
	ws := make([]work, len(docs))
	type unit struct{ doc, s0, s1, part int }
	var us []unit
	for i, d := range docs {
		du := units(d)
		for k, u := range du {
			us = append(us, unit{i, u[0], u[1], k})
		}
		ws[i].n = len(du)
	}
	parallel.ForEach(ctx, len(docs), workers, func(w, i int) {
		ws[i].doc = newDocContext(parsers[w].r, docs[i])
		ws[i].asm = newAssembler(voc, docs[i], ws[i].doc, ws[i].n)
	})
	parallel.ForEach(ctx, len(us), workers, func(w, k int) {
		u := us[k]
		wk := &ws[u.doc]
		if dc := wk.asm.add(u.part, parsers[w].parseRun(docs[u.doc], wk.doc, u.s0, u.s1)); dc != nil {
			out[u.doc] = dc
			wk.asm = nil
		}
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	linkAcronyms(voc, out)
	linkDefinites(voc, out)
	return out, nil
}

// linkDefinites gives "the ministry" (itemDef) the key of the name it
// stands for (see coref.Definites): a name of its own document as a name
// of its own, else a name another writes as a pronoun's antecedent is (at
// -1: it is no evidence).
func linkDefinites(voc *vocab, dcs []*DocClaims) {
	docs := make([][]item, len(dcs))
	for d, dc := range dcs {
		docs[d] = dc.items
	}
	coref.Definites(docs, func(it *item) coref.Item {
		switch {
		case it.pos == 'p' && it.pf&itemDef == 0:
			return coref.Item{Name: it.lemma}
		case it.pos == 'n' && it.pf&itemDef != 0:
			return coref.Item{Def: voc.Word(it.lemma).Lower}
		}
		return coref.Item{}
	}, func(name uint32) uint32 { return voc.Lookup(lang.OrgHead(voc.Str(name))) }, func(it *item, name uint32, own bool) {
		it.lemma, it.pos = name, 'p'
		if !own {
			it.at = -1
		}
	})
}

// linkAcronyms gives a name written out in full the key of the acronym
// another place links to it: "Shanghai Cooperation Organization" is "SCO"
// wherever the pair "Shanghai Cooperation Organization (SCO)" appears once.
func linkAcronyms(voc *vocab, dcs []*DocClaims) {
	acr := map[uint32]uint32{} // lower-case expansion → acronym
	for _, dc := range dcs {
		for _, p := range dc.acr {
			acr[p.expansion] = p.acronym
		}
	}
	if len(acr) == 0 {
		return
	}
	for _, dc := range dcs {
		for i := range dc.items {
			it := &dc.items[i]
			if it.pos == 'p' {
				if a, ok := acr[voc.Word(it.lemma).Lower]; ok {
					it.lemma = a
				}
			}
		}
	}
}

// Compare finds the pairs of clauses that make the same claim or
// contradict each other, among candidates from an inverted index. The
// documents' claims must come from one call of ExtractAll. Every pair is
// returned, with no bound on contradictions per clause; candidates are
// bounded as the analyzer's are (candidates.MaxPhraseWalk), without a
// count. The analyzer itself keeps overlaps as groups (see analyze), which
// is what makes large inputs affordable.
func Compare(ctx context.Context, dcs []*DocClaims) ([]Match, error) {
	x, err := candidateIndex(dcs, false)
	if x == nil {
		return nil, err
	}
	// each chunk's matches are kept apart so that the result is in the
	// same order every time
	chunks := make([][]Match, x.chunks())
	_, err = x.scan(ctx, func(_ *comparer, _ int, ch int, _, _ int32, m *Match) {
		if m.Kind == "" {
			return
		}
		chunks[ch] = append(chunks[ch], *m)
	}, nil)
	if err != nil {
		return nil, err
	}
	var out []Match
	for _, c := range chunks {
		out = append(out, c...)
	}
	return out, nil
}

// candidateIndex builds the candidate index of the documents' claims, or returns
// nil when there are none; with copies set, copies of a clause are indexed
// as their original (see findCopies).
func candidateIndex(dcs []*DocClaims, copies bool) (*index, error) {
	if len(dcs) == 0 {
		return nil, nil
	}
	voc := dcs[0].voc
	for _, dc := range dcs[1:] {
		if dc.voc != voc {
			return nil, fmt.Errorf("claims.Compare: documents extracted separately; use ExtractAll")
		}
	}
	return buildIndex(dcs, voc, copies), nil
}

// scanChunk is how many clauses, in clause-number order, one unit of the
// comparison's parallel work takes.
const scanChunk = 2048

// chunks is the number of units of work of scan.
func (x *index) chunks() int { return (int(x.total()) + scanChunk - 1) / scanChunk }

// total is the number of clauses of all documents.
func (x *index) total() int32 { return x.base[len(x.base)-1] }

// scan compares every clause b with its candidates a < b, in chunks of
// clauses on parallel workers (a > b for an original with copies, see
// index.candidates), and calls found(k, worker, chunk, a, b, m)
// for every pair that matches (and, when the index has copies, every pair
// with copies whose verdict rested on where the clauses are), with k the
// worker's comparer; m is valid
// for the call only. Calls for one chunk come from one goroutine, in order
// of b then a. When the bound on candidates (maxPhraseWalk) leaves clauses
// out, cut (when not nil) is called with b and how many, from the worker,
// after b's matches, and again for each copy of b. A copy (when the index
// has them) is neither b nor a: its original stands for it.
//
// It returns a comparer its workers used, for the caller to compare again.
func (x *index) scan(ctx context.Context, found func(k *comparer, w, ch int, a, b int32, m *Match), cut func(b int32, n int)) (*comparer, error) {
	total := x.total()
	workers := runtime.GOMAXPROCS(0)
	finders := make([]*candidateFinder, workers)
	comparers := make([]*comparer, workers)
	matches := make([]Match, workers) // found's argument, one per worker: no allocation per match
	parallel.ForEach(ctx, x.chunks(), workers, func(w, ch int) {
		if finders[w] == nil {
			finders[w], comparers[w] = x.newCandidateFinder(), newComparer(x, x.voc)
		}
		f, k := finders[w], comparers[w]
		for b := int32(ch * scanChunk); b < min(total, int32((ch+1)*scanChunk)); b++ {
			if x.copies.IsCopy(b) {
				continue
			}
			db, kb := x.clauseAt(b)
			B := sideAt(x.docs[db], kb)
			x.candidates(f, b, func(a int32) {
				// (a > b when b is an original that stands for a later copy:
				// a is compared with it as with that copy, a first)
				if !k.mayMatch(a, b) {
					return
				}
				// a pair with copies whose verdict rested on where they
				// are is compared again as each pair of copies (see analyze)
				if m := k.match(a, b, B); m.Kind != "" || k.contextDecided && x.copies.HasCopies(a, b) {
					matches[w] = m
					found(k, w, ch, a, b, &matches[w])
				}
			})
			if f.Cut > 0 && cut != nil {
				cut(b, f.Cut)
				for _, c := range x.copies.Of(b) {
					cut(c, f.Cut)
				}
			}
		}
	})
	for _, k := range comparers {
		if k != nil {
			return k, ctx.Err()
		}
	}
	return newComparer(x, x.voc), ctx.Err()
}

// match compares clause a (a clause number) with clause b, whose side is B.
func (k *comparer) match(a, b int32, B side) Match {
	k.contextDecided = false
	da, ka := k.x.clauseAt(a)
	A := sideAt(k.x.docs[da], ka)
	v := k.compareClauses(A, B)
	if v.Kind == "" {
		return Match{}
	}
	v.Confidence = checks.Weigh(v.Kind, v.Confidence, v.Evidence)
	if v.Kind != "overlap" && (A.c.hedged() || B.c.hedged()) {
		v.Confidence -= checks.HedgePenalty
		v.Hedged = true
	}
	return Match{A: ClauseRef{A.dc, A.si, A.ci()}, B: ClauseRef{B.dc, B.si, B.ci()}, Verdict: v}
}

// Analyzer returns the claims analyzer bound to opt.
func Analyzer(opt Options) *compare.Analyzer {
	return &compare.Analyzer{
		Name:     "claims",
		Doc:      "Claims made in several places, and claims that contradict on a number, a date, a negation or an antonym.",
		Checks:   Checks,
		Requires: slices.DeleteFunc([]*compare.Analyzer{opt.Skip}, func(a *compare.Analyzer) bool { return a == nil }),
		Run: func(ctx context.Context, p *compare.Pass) (any, error) {
			dcs, err := ExtractAll(ctx, p.Docs)
			if err != nil {
				return nil, err
			}
			if sk, ok := p.ResultOf[opt.Skip].(interface{ Spans(int) []compare.Span }); ok {
				skipClaims(dcs, sk.Spans)
			}
			return nil, analyze(ctx, dcs, opt, p.Report)
		},
	}
}

// Findings turns matches into findings: one per contradiction, and one
// per group of clauses that make the same claim.
func Findings(ms []Match, opt Options) []compare.Finding {
	var out []compare.Finding
	ids := map[ClauseRef]int32{} // clauses in overlaps, numbered as met
	var refs []ClauseRef
	docs := map[*DocClaims]int{}
	var docOf []int
	id := func(r ClauseRef) int32 {
		if i, ok := ids[r]; ok {
			return i
		}
		if _, ok := docs[r.Doc]; !ok {
			docs[r.Doc] = len(docs)
		}
		ids[r] = int32(len(refs))
		refs = append(refs, r)
		docOf = append(docOf, docs[r.Doc])
		return ids[r]
	}
	var pairs []groups.Pair
	for i, m := range ms {
		switch {
		case m.Kind == "overlap" && !opt.NoOverlap:
			pairs = append(pairs, groups.Pair{A: id(m.A), B: id(m.B), Score: m.Score, Key: uint64(i)})
		case m.Kind != "overlap" && m.Confidence >= opt.MinConfidence:
			out = append(out, contradictionFinding(m))
		}
	}
	g := groups.New(len(refs), len(docs), func(c int32) int { return docOf[c] })
	g.Join(pairs)
	order := g.SetOrder()
	rank := make(map[*DocClaims]int, len(docs))
	for dc, d := range docs {
		rank[dc] = order[d]
	}
	_ = g.Each(func(members []int32, best float64) error {
		group := make([]ClauseRef, len(members))
		for i, c := range members {
			group[i] = refs[c]
		}
		sortRefs(group, rank)
		out = append(out, groupFinding(group, best))
		return nil
	})
	return out
}

// contradictionFinding reports a contradiction at its second claim.
func contradictionFinding(m Match) compare.Finding {
	return render.Contradiction{Kind: m.Kind, A: m.A.place(), B: m.B.place(), ValueA: m.ValueA, ValueB: m.ValueB,
		SpanA: m.SpanA, SpanB: m.SpanB, Confidence: m.Confidence, Evidence: m.Evidence.String(), Hedged: m.Hedged,
		Severity: m.Severity()}.Finding()
}

// groupFinding reports a group of clauses that make the same claim, at
// the first of refs (which are in order), with best the highest score of
// a pair of them.
func groupFinding(refs []ClauseRef, best float64) compare.Finding {
	ps := make([]render.Place, len(refs))
	for i, r := range refs {
		ps[i] = r.place()
	}
	return render.Group(ps, best)
}

// place is the clause's document and span.
func (r ClauseRef) place() render.Place { return render.Place{Doc: r.Doc.Doc, Span: r.span()} }

// Severity is the severity a contradiction is reported at: warning when
// it rests on enough evidence, info otherwise. Across documents a shared
// name is enough; within one document, where the same words and names
// come back for many armies, cities and years, it takes a claim restated
// with a change or a thing identified by name and number ("Executive
// Order 10925"): on the labelled real prose, pairs inside one document
// anchored by a name alone were different events (a squadron's several
// homecomings to one base).
func (m Match) Severity() compare.Severity {
	if m.Kind == "overlap" {
		return CheckOverlap.Severity
	}
	need := checks.EvidenceAnchored
	if m.A.Doc == m.B.Doc {
		need = checks.EvidenceIdentified
	}
	if m.Evidence >= need {
		return checks.Of(m.Kind).Severity
	}
	return compare.Info
}
