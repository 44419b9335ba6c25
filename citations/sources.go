package citations

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/BurntSushi/toml"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/tomlguard"
)

// Source is one available source: a document and what names it.
type Source struct {
	Key     string
	Title   string
	Author  string
	Aliases []string
	File    string            // the file as the manifest names it
	Doc     *compare.Document // nil when the manifest names no file
	Heading string            // the document's first heading or line
}

// Library is the set of sources citations are matched against. Its
// Sources must not change once it has matched a citation: it indexes
// them then.
type Library struct {
	Sources []*Source

	once sync.Once
	ix   *libraryIndex
}

// ManifestEntry is one entry of a sources manifest (sources.toml or a
// BibTeX file).
type ManifestEntry struct {
	Key     string   `toml:"key"`
	Title   string   `toml:"title"`
	Author  string   `toml:"author"`
	File    string   `toml:"file"`
	Aliases []string `toml:"aliases"`
	Year    int      `toml:"year"`
	URL     string   `toml:"url"`
}

type tomlManifest struct {
	Source []ManifestEntry `toml:"source"`
}

// ParseManifestTOML reads a sources.toml:
//
//	[[source]]
//	key = "jiang2001"
//	title = "Full Text of Jiang Zemin Speech at Moscow University"
//	author = "Jiang Zemin"
//	file = "jiang-moscow.txt"
//	aliases = ["Jiang, Moscow speech"]
//
// Unknown keys are errors, so a misspelt "titel" does not pass silently.
// A text larger or more deeply nested than compare/tomlguard allows is
// refused before the TOML parser sees it.
func ParseManifestTOML(src string) ([]ManifestEntry, error) {
	return parseManifestTOML([]byte(src))
}

// parseManifestTOML is ParseManifestTOML on the bytes read.
func parseManifestTOML(raw []byte) ([]ManifestEntry, error) {
	if err := tomlguard.Check(raw); err != nil {
		return nil, err
	}
	var m tomlManifest
	md, err := toml.Decode(string(raw), &m)
	if err != nil {
		return nil, errors.New(clip(err.Error(), 300))
	}
	if und := md.Undecoded(); len(und) > 0 {
		keys := make([]string, 0, min(len(und), 6))
		for i, k := range und {
			if i == 5 {
				keys = append(keys, "and "+count(len(und)-5)+" more")
				break
			}
			keys = append(keys, clip(k.String(), 60))
		}
		return nil, fmt.Errorf("unknown key %s (known: key, title, author, file, aliases, year, url in [[source]] tables)", strings.Join(keys, ", "))
	}
	for i, e := range m.Source {
		if e.Title == "" && e.Key == "" && e.File == "" {
			return nil, fmt.Errorf("source %d has no key, title or file", i+1)
		}
	}
	return m.Source, nil
}

// ParseManifestBibTeX reads BibTeX entries as manifest entries; the
// "file" field names the source's file.
func ParseManifestBibTeX(src string) ([]ManifestEntry, error) {
	bib, err := ParseBibTeX(src)
	if err != nil {
		return nil, err
	}
	var out []ManifestEntry
	for _, b := range bib {
		e := ManifestEntry{Key: b.Key, Title: b.Fields["title"], Author: b.Fields["author"], URL: b.Fields["url"]}
		if sh := b.Fields["shorttitle"]; sh != "" {
			e.Aliases = append(e.Aliases, sh)
		}
		if fs := bibFiles(b.Fields["file"]); len(fs) > 0 {
			e.File = fs[0]
		}
		out = append(out, e)
	}
	return out, nil
}

// IsManifest reports file names read as manifests rather than sources.
func IsManifest(name string) bool {
	base := strings.ToLower(path.Base(filepath.ToSlash(name)))
	return strings.HasSuffix(base, ".toml") || strings.HasSuffix(base, ".bib")
}

// LibraryOptions change how LoadLibrary reads sources.
type LibraryOptions struct {
	// AllowOutside lets a manifest name files outside the folder that
	// holds it. Otherwise a file is read only when its path, all symbolic
	// links followed, lies inside that folder (all links followed too):
	// sources.toml and BibTeX files come with the documents checked, and
	// a "../../etc/passwd" in one must not be read.
	AllowOutside bool
	// Flag names the command-line flag that sets AllowOutside, for the
	// message that refuses a file outside.
	Flag string
}

// LoadLibrary reads --sources through files: documents (files or
// directories, in any format the input layer reads) and manifests (*.toml, *.bib, given as files
// or found at the top of a directory). A manifest's file paths are
// relative to the manifest, and must lie inside its folder unless
// opt.AllowOutside. Errors are input errors that name the file.
func LoadLibrary(ctx context.Context, files compare.Files, paths []string, opt LibraryOptions) (*Library, error) {
	type man struct {
		path    string
		entries []ManifestEntry
	}
	var mans []man
	var docPaths []string
	readManifest := func(p string) error {
		raw, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		var es []ManifestEntry
		if strings.HasSuffix(strings.ToLower(p), ".bib") {
			es, err = ParseManifestBibTeX(string(raw))
		} else {
			es, err = parseManifestTOML(raw)
		}
		if err != nil {
			return &compare.InputError{Path: p, Offset: -1, Msg: "bad sources manifest: " + err.Error(),
				Hint: "see 'crosscheck cite --help' for the manifest format"}
		}
		mans = append(mans, man{p, es})
		return nil
	}
	for _, p := range paths {
		st, err := files.Stat(p)
		if err != nil {
			return nil, &compare.InputError{Path: p, Offset: -1, Msg: "cannot read sources: " + err.Error()}
		}
		if !st.IsDir() {
			if IsManifest(p) {
				if err := readManifest(p); err != nil {
					return nil, err
				}
				continue
			}
			docPaths = append(docPaths, p)
			continue
		}
		ents, err := files.ReadDir(p)
		if err != nil {
			return nil, &compare.InputError{Path: p, Offset: -1, Msg: err.Error()}
		}
		for _, e := range ents {
			if !e.IsDir() && IsManifest(e.Name()) {
				mp := filepath.Join(p, e.Name())
				// a manifest found in a folder is a file of that folder: a
				// link named sources.toml that points elsewhere is not read
				if !opt.AllowOutside && placeIn(files, p, mp) != placeInside {
					return nil, &compare.InputError{Path: mp, Offset: -1,
						Msg:  "the manifest links to a file outside the folder " + p + "; it is not read",
						Hint: opt.outsideHint("replace the link by the file")}
				}
				if err := readManifest(mp); err != nil {
					return nil, err
				}
			}
		}
		docPaths = append(docPaths, p)
	}
	// files a manifest names that the walk does not read (other endings)
	have := map[string]bool{}
	var extra []string
	fileOf := map[int]string{}
	var entries []ManifestEntry
	for _, m := range mans {
		dir := filepath.Dir(m.path)
		for _, e := range m.entries {
			if len(e.Aliases) > MaxAliases {
				return nil, &compare.InputError{Path: m.path, Offset: -1,
					Msg:  fmt.Sprintf("source %q has %s aliases, more than the %d read", clip(nameOf(e), maxQuoted), count(len(e.Aliases)), MaxAliases),
					Hint: "give each source the few names the documents cite it by"}
			}
			if e.File == "" {
				entries = append(entries, e)
				continue
			}
			fp := manifestPath(dir, e.File)
			if place := placeIn(files, dir, fp); !opt.AllowOutside && place != placeInside {
				where := "is outside"
				if place == placeLinkedOut {
					where = "links to a file outside"
				}
				return nil, &compare.InputError{Path: m.path, Offset: -1,
					Msg: fmt.Sprintf("source %q names file %q, which %s the folder %s that holds the manifest; it is not read",
						clip(nameOf(e), maxQuoted), clip(e.File, maxQuoted), where, dir),
					Hint: opt.outsideHint("move the file into that folder")}
			}
			if _, err := files.Stat(fp); err != nil {
				return nil, &compare.InputError{Path: m.path, Offset: -1,
					Msg: fmt.Sprintf("source %q names file %q, which cannot be read: %v",
						clip(nameOf(e), maxQuoted), clip(e.File, maxQuoted), errors.Unwrap(err)),
					Hint: "file paths in a manifest are relative to the manifest"}
			}
			if !have[fp] {
				have[fp] = true
				extra = append(extra, fp)
			}
			fileOf[len(entries)] = filepath.ToSlash(fp)
			entries = append(entries, e)
		}
	}
	if len(entries) > MaxSources {
		return nil, &compare.InputError{Path: mans[len(mans)-1].path, Offset: -1,
			Msg:  fmt.Sprintf("the manifests name %s sources, more than the %s read", count(len(entries)), count(MaxSources)),
			Hint: "name only the sources the documents cite"}
	}
	var docs []*compare.Document
	if len(docPaths)+len(extra) > 0 {
		res := files.Load(ctx, append(docPaths, extra...))
		if len(res.Errors) > 0 {
			return nil, res.Errors[0]
		}
		docs = res.Docs
	}
	return newLibrary(docs, entries, fileOf), nil
}

// Limits of a library: a citation is compared with the names of each
// source that shares a word with it, so their number and length bound
// the time matching takes.
const (
	// MaxSources is the most sources the manifests of one library name.
	MaxSources = 20_000
	// MaxAliases is the most aliases one source may have.
	MaxAliases = 100
	// maxNameWords is the most words of a source's name (title, heading,
	// alias, author) that matching reads.
	maxNameWords = 256
)

// manifestPath is where a manifest in dir that names file means: file
// relative to dir, or file itself when it is absolute.
func manifestPath(dir, file string) string {
	f := filepath.FromSlash(file)
	if filepath.IsAbs(f) || strings.HasPrefix(file, "/") {
		return filepath.Clean(f)
	}
	return filepath.Join(dir, f)
}

// outsideHint says what to do about a file outside the sources folder.
func (o LibraryOptions) outsideHint(fix string) string {
	if o.Flag != "" {
		return fix + ", or pass " + o.Flag + " to read files outside it"
	}
	return fix + ", or allow files outside it explicitly"
}

// symlinkResolver is a compare.Files that resolves symbolic links itself
// (one backed by something other than the operating system's files).
type symlinkResolver interface {
	EvalSymlinks(path string) (string, error)
}

// place is where a path lies with regard to a folder.
type place int

const (
	placeInside    place = iota
	placeOutside         // by its name: "..", or an absolute path elsewhere
	placeLinkedOut       // inside by its name, outside once links are followed
)

// placeIn says whether path p lies inside folder dir, both taken with
// every symbolic link followed. A path that cannot be resolved (it does
// not exist) is judged by its name alone, and the read that follows
// reports it.
func placeIn(files compare.Files, dir, p string) place {
	if !within(dir, p) {
		return placeOutside // by name: no link may bring it back in
	}
	eval := filepath.EvalSymlinks
	if r, ok := files.(symlinkResolver); ok {
		eval = r.EvalSymlinks
	}
	d, err := eval(dir)
	if err != nil {
		return placeInside
	}
	q, err := eval(p)
	if err != nil {
		return placeInside
	}
	if !within(d, q) {
		return placeLinkedOut
	}
	return placeInside
}

// within reports whether path p lies in folder dir, by their names.
func within(dir, p string) bool {
	ad, err1 := filepath.Abs(dir)
	ap, err2 := filepath.Abs(p)
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(ad, ap)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

func nameOf(e ManifestEntry) string {
	if e.Key != "" {
		return e.Key
	}
	return e.Title
}

// NewLibrary builds a library from source documents alone: each is named
// by its first heading and its file name.
func NewLibrary(docs []*compare.Document) *Library { return newLibrary(docs, nil, nil) }

func newLibrary(docs []*compare.Document, entries []ManifestEntry, files map[int]string) *Library {
	lib := &Library{}
	byPath := map[string]*compare.Document{}
	for _, d := range docs {
		byPath[path.Clean(d.Path)] = d
	}
	used := map[*compare.Document]bool{}
	for i, e := range entries {
		s := &Source{Key: e.Key, Title: e.Title, Author: e.Author, Aliases: e.Aliases, File: e.File}
		if f, ok := files[i]; ok {
			s.Doc = byPath[path.Clean(f)]
		}
		if s.Doc != nil {
			used[s.Doc] = true
			s.Heading = firstHeading(s.Doc)
		}
		lib.Sources = append(lib.Sources, s)
	}
	for _, d := range docs {
		if used[d] {
			continue
		}
		lib.Sources = append(lib.Sources, &Source{Doc: d, File: d.Path, Heading: firstHeading(d)})
	}
	return lib
}

// firstHeading returns a document's first heading (HTML h1–h3, a
// Markdown "#" line) or else its first non-blank line.
func firstHeading(d *compare.Document) string {
	for _, b := range d.Structure.Blocks {
		if b.Kind == compare.BlockHeading && b.Level <= 2 || b.Kind == compare.BlockTitle {
			return strings.TrimSpace(d.TextOf(b.Span))
		}
	}
	for _, line := range strings.SplitN(d.Text, "\n", 40) {
		t := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), "#"))
		if t != "" {
			return compare.Shorten(t, 200)
		}
	}
	return ""
}

// Match returns the source a citation names and how well it matches
// (0–1), or nil. A manifest key named in the citation matches outright;
// otherwise the words of the cited title (or of the name that stands for
// it) must mostly occur in a source's title, aliases, first heading or
// file name, and a cited author must agree with the source's.
func (l *Library) Match(c *Citation) (*Source, float64) {
	if l == nil {
		return nil, 0
	}
	author, title := c.Author, c.Title
	if c.Work != nil {
		author, title = c.Work.Author, c.Work.Title
	}
	if c.Work == nil && c.Kind != KindFull && c.Kind != KindShortTitle {
		title = c.Author // op. cit. names the work by whatever stands before it
		author = ""
	}
	return l.MatchName(author, title)
}

// MatchName matches an author and a title (either may be empty).
func (l *Library) MatchName(author, title string) (*Source, float64) {
	if l == nil {
		return nil, 0
	}
	l.once.Do(func() { l.ix = newLibraryIndex(l.Sources) })
	ix := l.ix
	ts, as := Signature(title), Signature(author)
	ans := nameSignature(author)
	var best *Source
	bestScore := 0.0
	for _, i := range ix.candidates(author, title, ts, as, ans) {
		s, si := l.Sources[i], &ix.sigs[i]
		score := 0.0
		if s.Key != "" && (strings.EqualFold(title, s.Key) || strings.EqualFold(author, s.Key)) {
			score = 1
		}
		for _, n := range si.names {
			if title != "" {
				score = max(score, containmentSig(ts, n))
			}
			// a title standing in the author's place, or an author-only citation
			if title == "" && author != "" {
				score = max(score, 0.9*containmentSig(as, n))
			}
		}
		if author != "" && s.Author != "" {
			if sigNamesMatch(ans, si.author) {
				if title == "" {
					score = max(score, 0.8)
				} else {
					score = min(1, score+0.2)
				}
			} else if score < 1 {
				score *= 0.5 // a different author: only a near-exact title survives
			}
		}
		if score > bestScore {
			best, bestScore = s, score
		}
	}
	if bestScore < 0.6 {
		return nil, bestScore
	}
	return best, bestScore
}

// libraryIndex holds the word signatures of a library's sources, and
// files the sources under their keys and the keys of their words: only a
// source that shares a word (or its key) with a citation can match it,
// so a citation is compared with those alone.
type libraryIndex struct {
	sigs   []sourceSigs
	byKey  map[string][]int32 // folded manifest key → sources
	byWord map[string][]int32 // wordKey → sources, ascending
}

// sourceSigs are the signatures of what names a source: its title,
// heading, file name and aliases (those not empty), and its author.
type sourceSigs struct {
	names  [][]string
	author []string
}

// sourceBudget bounds how many sources one citation is compared with
// (besides those its key names) in a library of more sources than that.
const sourceBudget = 512

func newLibraryIndex(sources []*Source) *libraryIndex {
	ix := &libraryIndex{sigs: make([]sourceSigs, len(sources)), byKey: map[string][]int32{}, byWord: map[string][]int32{}}
	for i, s := range sources {
		si := &ix.sigs[i]
		for _, n := range append([]string{s.Title, s.Heading, fileWords(s.File)}, s.Aliases...) {
			if n != "" {
				sig := Signature(n)
				si.names = append(si.names, sig[:min(len(sig), maxNameWords)])
			}
		}
		si.author = nameSignature(s.Author)
		si.author = si.author[:min(len(si.author), maxNameWords)]
		var keys []string
		for _, sig := range append(si.names, si.author) {
			for _, k := range wordKeys(sig) {
				if !slices.Contains(keys, k) {
					keys = append(keys, k)
				}
			}
		}
		for _, k := range keys {
			ix.byWord[k] = append(ix.byWord[k], int32(i))
		}
		if s.Key != "" {
			k := foldKey(s.Key)
			ix.byKey[k] = append(ix.byKey[k], int32(i))
		}
	}
	return ix
}

// candidates returns, ascending, the sources that may match a citation of
// author and title (ts, as and ans their signatures): those whose key is
// either, and those that share a word with either: all of them in a
// library of at most sourceBudget sources, else at most sourceBudget, the
// words shared by fewest sources first.
func (ix *libraryIndex) candidates(author, title string, ts, as, ans []string) []int32 {
	var out []int32
	for _, k := range []string{title, author} {
		if k != "" {
			out = append(out, ix.byKey[foldKey(k)]...)
		}
	}
	var lists [][]int32
	for _, sig := range [][]string{ts, as, ans} {
		for _, k := range wordKeys(sig) {
			if l := ix.byWord[k]; len(l) > 0 {
				lists = append(lists, l)
			}
		}
	}
	// a source that matches shares most of the citation's words, so the
	// rarer ones find it; the commonest (of a library whose every title
	// has "History") are read only as far as the budget goes
	budget := math.MaxInt // a library of few sources is read whole
	if len(ix.sigs) > sourceBudget {
		budget = sourceBudget
		slices.SortStableFunc(lists, func(a, b []int32) int { return len(a) - len(b) })
	}
	for _, l := range lists {
		out = append(out, l[:min(len(l), max(0, budget-len(out)))]...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// foldKey maps each letter of s to the smallest of the letters it equals
// under simple case folding, so that two strings are strings.EqualFold
// exactly when their foldKeys are equal.
func foldKey(s string) string {
	return strings.Map(func(r rune) rune {
		m := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			m = min(m, f)
		}
		return m
	}, s)
}

// containmentSig is containment on signatures.
func containmentSig(as, bs []string) float64 {
	if len(as) == 0 {
		return 0
	}
	n := 0
	for _, x := range as {
		for _, y := range bs {
			if x == y || len(x) >= 4 && strings.HasPrefix(y, x) {
				n++
				break
			}
		}
	}
	if n < 2 && n < len(as) {
		return 0
	}
	return float64(n) / float64(len(as))
}

// containment is the share of a's words found in b (abbreviations
// allowed), 0 when fewer than two words (or the only one) match.
func containment(a, b string) float64 { return containmentSig(Signature(a), Signature(b)) }

func fileWords(p string) string {
	base := path.Base(filepath.ToSlash(p))
	base = strings.TrimSuffix(base, path.Ext(base))
	return strings.NewReplacer("-", " ", "_", " ", ".", " ").Replace(base)
}

// Docs returns the library's documents in a stable order.
func (l *Library) Docs() []*compare.Document {
	if l == nil {
		return nil
	}
	var out []*compare.Document
	for _, s := range l.Sources {
		if s.Doc != nil {
			out = append(out, s.Doc)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}
