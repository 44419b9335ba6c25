package main

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/crosscheck/crosscheck/citations"
	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/index"
)

// The result cache of 'check --index INDEX': the findings of a run are
// stored in the index, keyed by a hash of everything they depend on, so
// that checking the same documents again with the same options replays
// them instead of analysing anything.
//
// What is stored is what the analyzers report, before the sink chain
// (enabled checks, severities, ignore directives, baseline, cap): a
// replay goes through that chain again, so --checks, the configuration's
// severities, a baseline, --format and --fail-on may change between runs
// and the cache still serves, with the report and exit code a fresh run
// would give.
//
// Two kinds of result are kept:
//
//   - the run: every finding, keyed by the build, the command's analyzers,
//     every flag that can change an analysis (config file values
//     included), the sources (--sources, their manifests' metadata and
//     contents), each document's path, format and content hash in order,
//     and the archived documents --against brought in (and those it could
//     not compare). Any change to any of these is a miss.
//   - each document's own analyses: the checks whose findings on a
//     document depend on that document alone (perDocument), keyed by the
//     same build, flags and sources and the one document. When a run
//     misses, these are replayed for the documents whose key is known and
//     run on the others only. Every other analysis (shared passages,
//     repeats across documents, boilerplate, claims, the archive) reads
//     all the documents together and runs again: none of it is reused.
//
// A run's findings are stored only when no analyzer was told that a
// finding would be dropped (Pass.Admits), so a stored run is complete
// whatever the cap; a document's analyses are run without that question
// and are complete by construction.

// perDocument lists the analyzers whose findings on a document, and whose
// results, depend on that document alone (with the options and the
// sources, which are in every key): each reads p.Docs one at a time and
// keeps nothing from one document for the next but caches of pure
// functions (textcheck's lexicon, citations' source anchors).
var perDocument = map[string]bool{
	"text":    true, // textcheck: defects of extraction and layout, document by document
	"stutter": true, // repeated words and phrases inside a document
	"input":   true, // bytes replaced while reading a document
	"cite":    true, // a document's notes and citations, against the sources
	"notes":   true, // cite's requirement: the notes of each document
}

// notAnalysis are the flags that change only what is done with the
// findings (which are shown, how, where, the exit code), not the findings
// the analyzers report: they are left out of the keys. The cap
// (--max-findings) is among them: no analyzer reads it but through
// Pass.Admits, and a run in which that said no is not stored.
var notAnalysis = map[string]bool{
	"format": true, "output": true, "quiet": true, "fail-on": true, "config": true,
	"checks": true, "baseline": true, "index": true, "help": true, "max-findings": true,
}

// resultsFormat is the version of the stored values' encoding.
const resultsFormat = "crosscheck-results-1"

// cacheBuild names the build whose analyzers made a result: the version
// and a hash of the executable, so that any change to the program misses
// (a variable so that tests can change it).
var cacheBuild = sync.OnceValue(func() string {
	id := version
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			h := sha256.New()
			if _, err := io.Copy(h, f); err == nil {
				id += fmt.Sprintf("+%x", h.Sum(nil))
			}
			f.Close()
		}
	}
	return id
})

// resultCacheFlag binds --index on a command whose findings can be cached.
func (a *app) resultCacheFlag(f *pflag.FlagSet) {
	f.StringVar(&a.resultsDSN, "index", "", "keep the findings in this index (a file path or a postgres:// URL) and replay them when the same documents are checked again with the same options")
}

// useResultCache resolves --index for a command and records the values of
// the flags that change its analyses; openResultCache then uses them.
func (a *app) useResultCache(cmd *cobra.Command) error {
	if a.resultsDSN == "" {
		return nil
	}
	where, err := a.indexLocation(cmd, "index", a.resultsDSN)
	if err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "command %s\n", cmd.CommandPath())
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if !notAnalysis[f.Name] {
			fmt.Fprintf(&b, "%s=%q\n", f.Name, f.Value.String())
		}
	})
	a.resultsWhere, a.resultsOptions = where, b.String()
	return nil
}

// resultCache is one run's use of the cache.
type resultCache struct {
	a     *app
	ix    *index.Index
	docs  []*compare.Document // of the run, archived ones included
	known map[index.DocRef]*compare.Document
	refs  map[*compare.Document]index.DocRef // each document's, hashed once
	base  []byte                             // the key material every key shares

	runKey  []byte
	run     []compare.Finding // a hit: the findings to replay
	docKeys map[*compare.Document][]byte
	docHits map[*compare.Document][]compare.Finding

	rec     *recordingSink // a miss: the run's findings as they come
	fresh   map[*compare.Document][]compare.Finding
	mixed   map[*compare.Document]bool // whose findings name other documents under review
	isDoc   map[*compare.Document]bool
	freshMu sync.Mutex
	checks  map[string]*compare.Check
	perDoc  bool // the per-document analyses were planned
}

// openResultCache opens --index and looks the run up: the whole run, and
// each document's own analyses. It is nil without --index.
func (a *app) openResultCache(ctx context.Context, docs, sources []*compare.Document, analyzers []*compare.Analyzer, arch *archive) (*resultCache, error) {
	if a.resultsWhere == "" {
		return nil, nil
	}
	ix, err := a.openIndex(ctx, a.resultsWhere, true)
	if err != nil {
		return nil, err
	}
	c := &resultCache{a: a, ix: ix, docs: docs, known: map[index.DocRef]*compare.Document{}, refs: map[*compare.Document]index.DocRef{},
		docKeys: map[*compare.Document][]byte{}, docHits: map[*compare.Document][]compare.Finding{},
		fresh: map[*compare.Document][]compare.Finding{}, mixed: map[*compare.Document]bool{},
		isDoc: map[*compare.Document]bool{}, checks: map[string]*compare.Check{}}
	for _, ch := range allChecks() {
		c.checks[ch.ID] = ch
	}
	for _, d := range docs {
		c.isDoc[d] = true
	}
	for _, d := range append(slices.Clip(docs), sources...) {
		c.known[c.ref(d)] = d
	}
	if a.library != nil {
		for _, d := range a.library.Docs() {
			c.known[c.ref(d)] = d
		}
	}

	base := sha256.New()
	field := func(s string) { // length-prefixed, so that no two lists hash alike
		binary.Write(base, binary.LittleEndian, uint64(len(s)))
		base.Write([]byte(s))
	}
	field(resultsFormat)
	field(cacheBuild())
	field(a.resultsOptions)
	writeSources(field, sources, a.library, c.ref)
	c.base = base.Sum(nil)

	docKey := func(d *compare.Document) []byte {
		h := sha256.New()
		h.Write(c.base)
		h.Write([]byte("document\x00"))
		for _, an := range analyzers {
			if perDocument[an.Name] {
				h.Write([]byte(an.Name + "\x00"))
			}
		}
		r := c.ref(d)
		fmt.Fprintf(h, "%q %q %s", r.Path, d.Format, r.Hash)
		return h.Sum(nil)
	}
	run := sha256.New()
	run.Write(c.base)
	run.Write([]byte("run\x00"))
	for _, an := range analyzers {
		if len(an.Checks) > 0 { // the others report nothing: they run on a hit too
			fmt.Fprintf(run, "%q %d\n", an.Name, len(an.Checks))
		}
	}
	for _, d := range docs {
		r := c.ref(d)
		fmt.Fprintf(run, "%q %q %s\n", r.Path, d.Format, r.Hash)
	}
	if arch != nil {
		for _, s := range arch.stale {
			fmt.Fprintf(run, "stale %q %d %q %q %d\n", s.doc.Path, s.shared, s.path, s.why, s.at.Start)
		}
	}
	c.runKey = run.Sum(nil)

	found, err := ix.Results(ctx, [][]byte{c.runKey})
	if err != nil {
		ix.Close()
		return nil, err
	}
	if v, ok := found[string(c.runKey)]; ok {
		if c.run, err = c.decode(v); err == nil {
			return c, nil
		}
		a.notef("%s: a stored result could not be read (%s); checking again", a.resultsWhere, err)
	}
	keys := make([][]byte, 0, len(docs))
	for _, d := range docs {
		c.docKeys[d] = docKey(d)
		keys = append(keys, c.docKeys[d])
	}
	if found, err = ix.Results(ctx, keys); err != nil {
		ix.Close()
		return nil, err
	}
	for _, d := range docs {
		if v, ok := found[string(c.docKeys[d])]; ok {
			if fs, err := c.decode(v); err == nil {
				c.docHits[d] = fs
			}
		}
	}
	return c, nil
}

// ref names d as stored findings do, hashing it once.
func (c *resultCache) ref(d *compare.Document) index.DocRef {
	r, ok := c.refs[d]
	if !ok {
		r = index.RefOf(d)
		c.refs[d] = r
	}
	return r
}

// decode unpacks stored findings, their documents resolved among those of
// the run and the sources.
func (c *resultCache) decode(v []byte) ([]compare.Finding, error) {
	return index.DecodeFindings(v, func(r index.DocRef) *compare.Document { return c.known[r] }, c.checks)
}

// writeSources adds what the citation checks match against to a key.
func writeSources(field func(string), sources []*compare.Document, lib *citations.Library, ref func(*compare.Document) index.DocRef) {
	for _, d := range sources {
		r := ref(d)
		field(fmt.Sprintf("source %q %q %s", r.Path, d.Format, r.Hash))
	}
	if lib == nil {
		return
	}
	for _, s := range lib.Sources {
		doc := ""
		if s.Doc != nil {
			r := ref(s.Doc)
			doc = fmt.Sprintf("%q %q %s", r.Path, s.Doc.Format, r.Hash)
		}
		field(fmt.Sprintf("library %q %q %q %q %q %q %s", s.Key, s.Title, s.Author, s.Aliases, s.File, s.Heading, doc))
	}
}

// plan returns the analyzers to run and the sink they report into. On a
// hit, the run's findings are replayed by one analyzer (analyzers that
// list no checks, which run for what they compute, still run); on a miss,
// the documents' own analyses are replayed where known and run on the
// other documents only, and everything reported is recorded.
func (c *resultCache) plan(analyzers []*compare.Analyzer, sink compare.Sink) ([]*compare.Analyzer, compare.Sink) {
	if c == nil {
		return analyzers, sink
	}
	if c.run != nil {
		out := []*compare.Analyzer{c.replay(c.run)}
		for _, an := range analyzers {
			if len(an.Checks) == 0 {
				out = append(out, an)
			}
		}
		c.a.notef("the documents and options are those of a run stored in %s: its findings are replayed", c.a.resultsWhere)
		return out, sink
	}
	c.rec = &recordingSink{next: sink}
	required := map[*compare.Analyzer]bool{}
	var mark func(an *compare.Analyzer)
	mark = func(an *compare.Analyzer) {
		for _, r := range an.Requires {
			required[r] = true
			mark(r)
		}
	}
	for _, an := range analyzers {
		mark(an)
	}
	var own, rest []*compare.Analyzer
	for _, an := range analyzers {
		if perDocument[an.Name] && !required[an] && requiresOnlyPerDocument(an) {
			own = append(own, an)
		} else {
			rest = append(rest, an)
		}
	}
	if len(own) == 0 {
		return analyzers, c.rec
	}
	c.perDoc = true
	var todo []*compare.Document
	for _, d := range c.docs {
		if _, ok := c.docHits[d]; !ok {
			todo = append(todo, d)
		}
	}
	if n := len(c.docs) - len(todo); n > 0 {
		c.a.notef("%d of %d documents are unchanged since a run stored in %s: their own checks (%s) are replayed; the checks across documents run again",
			n, len(c.docs), c.a.resultsWhere, analyzerNames(own))
	}
	return append(rest, c.ownAnalyses(own, todo)), c.rec
}

func requiresOnlyPerDocument(an *compare.Analyzer) bool {
	for _, r := range an.Requires {
		if !perDocument[r.Name] || !requiresOnlyPerDocument(r) {
			return false
		}
	}
	return true
}

func analyzerNames(as []*compare.Analyzer) string {
	names := make([]string, len(as))
	for i, an := range as {
		names[i] = an.Name
	}
	return strings.Join(names, ", ")
}

// replay is an analyzer that reports stored findings.
func (c *resultCache) replay(fs []compare.Finding) *compare.Analyzer {
	return &compare.Analyzer{
		Name: "stored",
		Doc:  "Findings of an earlier run of the same documents and options, from the index.",
		Run: func(ctx context.Context, p *compare.Pass) (any, error) {
			for _, f := range fs {
				p.Report(f)
			}
			return nil, ctx.Err()
		},
	}
}

// ownAnalyses is one analyzer in place of the per-document ones: it
// replays what is stored for each document it can, and runs them (with
// their requirements) on the documents in todo, keeping what each
// reports about each document.
func (c *resultCache) ownAnalyses(own []*compare.Analyzer, todo []*compare.Document) *compare.Analyzer {
	var checks []*compare.Check
	for _, an := range own {
		checks = append(checks, an.Checks...)
	}
	return &compare.Analyzer{
		Name:   "documents",
		Doc:    "Each document's own checks (" + analyzerNames(own) + "), replayed from the index where the document is unchanged.",
		Checks: checks,
		Run: func(ctx context.Context, p *compare.Pass) (any, error) {
			for _, d := range c.docs {
				for _, f := range c.docHits[d] {
					p.Report(f)
				}
			}
			if len(todo) == 0 {
				return nil, nil
			}
			for _, d := range todo {
				c.fresh[d] = nil // a document with no findings is stored too
			}
			var found compare.Collector
			if err := compare.Run(ctx, own, todo, p.Sources, p.Budget, &found); err != nil {
				return nil, err
			}
			c.freshMu.Lock()
			defer c.freshMu.Unlock()
			for _, f := range found.Findings {
				if _, ok := c.fresh[f.Doc]; ok {
					c.fresh[f.Doc] = append(c.fresh[f.Doc], f)
					for _, r := range f.Related {
						if r.Doc != nil && r.Doc != f.Doc && c.isDoc[r.Doc] {
							c.mixed[f.Doc] = true // names another document under review: not its own
						}
					}
				}
				p.Report(f)
			}
			return nil, nil
		},
	}
}

// close closes the index.
func (c *resultCache) close() {
	if c != nil {
		c.ix.Close()
	}
}

// store writes what the run found, once it has succeeded. A result that
// cannot be written costs the next run time, not this one its report:
// it is a note.
func (c *resultCache) store(ctx context.Context) {
	if c == nil {
		return
	}
	var put []index.Result
	var used [][]byte
	if c.run != nil {
		used = append(used, c.runKey)
	} else if c.rec != nil && !c.rec.degraded {
		if v, err := index.EncodeFindings(c.rec.found, c.ref); err == nil {
			put = append(put, index.Result{Key: c.runKey, Kind: index.ResultRun, Data: v})
		}
	}
	if c.perDoc {
		for _, d := range c.docs {
			if _, hit := c.docHits[d]; hit {
				used = append(used, c.docKeys[d])
				continue
			}
			fs, ok := c.fresh[d]
			if !ok || c.mixed[d] {
				continue
			}
			if v, err := index.EncodeFindings(fs, c.ref); err == nil {
				put = append(put, index.Result{Key: c.docKeys[d], Kind: index.ResultDoc, Data: v})
			}
		}
	}
	if len(put) == 0 && len(used) == 0 {
		return
	}
	if err := c.ix.PutResults(ctx, put, used); err != nil {
		c.a.notef("the findings could not be kept in %s for the next run: %s", c.a.resultsWhere, errorText(err))
	}
}

// recordingSink keeps a copy of every finding on its way to next, and
// notes whether an analyzer was told one would be dropped (then the
// findings it reported may lack details, and are not stored).
type recordingSink struct {
	next     compare.Sink
	found    []compare.Finding
	degraded bool
}

func (s *recordingSink) Put(f compare.Finding) error {
	s.found = append(s.found, f)
	return s.next.Put(f)
}

func (s *recordingSink) Close() error { return s.next.Close() }

func (s *recordingSink) Abort(err error) { compare.Abort(s.next, err) }

// Admits passes the question on, and remembers a no.
func (s *recordingSink) Admits(f *compare.Finding) bool {
	ok := compare.Admits(s.next, f)
	if !ok {
		s.degraded = true
	}
	return ok
}
