package citations

import (
	"context"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/crosscheck/crosscheck/compare"
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

// Library is the set of sources citations are matched against.
type Library struct {
	Sources []*Source
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
func ParseManifestTOML(src string) ([]ManifestEntry, error) {
	var m tomlManifest
	md, err := toml.Decode(src, &m)
	if err != nil {
		return nil, err
	}
	if und := md.Undecoded(); len(und) > 0 {
		keys := make([]string, len(und))
		for i, k := range und {
			keys[i] = k.String()
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

// LoadLibrary reads --sources through files: documents (files or
// directories, in any format the input layer reads) and manifests (*.toml, *.bib, given as files
// or found at the top of a directory). A manifest's file paths are
// relative to the manifest. Errors are input errors that name the file.
func LoadLibrary(ctx context.Context, files compare.Files, paths []string) (*Library, error) {
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
			es, err = ParseManifestTOML(string(raw))
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
				if err := readManifest(filepath.Join(p, e.Name())); err != nil {
					return nil, err
				}
			}
		}
		docPaths = append(docPaths, p)
	}
	// files a manifest names that the walk does not read (other endings)
	have := map[string]bool{}
	var extra []string
	for _, m := range mans {
		for _, e := range m.entries {
			if e.File == "" {
				continue
			}
			fp := filepath.Join(filepath.Dir(m.path), filepath.FromSlash(e.File))
			if _, err := files.Stat(fp); err != nil {
				return nil, &compare.InputError{Path: m.path, Offset: -1,
					Msg:  fmt.Sprintf("source %q names file %q, which cannot be read: %v", nameOf(e), e.File, errors.Unwrap(err)),
					Hint: "file paths in a manifest are relative to the manifest"}
			}
			if !have[fp] {
				have[fp] = true
				extra = append(extra, fp)
			}
		}
	}
	var docs []*compare.Document
	if len(docPaths)+len(extra) > 0 {
		res := files.Load(ctx, append(docPaths, extra...))
		if len(res.Errors) > 0 {
			return nil, res.Errors[0]
		}
		docs = res.Docs
	}
	var entries []ManifestEntry
	fileOf := map[int]string{}
	for _, m := range mans {
		for _, e := range m.entries {
			if e.File != "" {
				fileOf[len(entries)] = filepath.ToSlash(filepath.Join(filepath.Dir(m.path), filepath.FromSlash(e.File)))
			}
			entries = append(entries, e)
		}
	}
	return newLibrary(docs, entries, fileOf), nil
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
	var best *Source
	bestScore := 0.0
	for _, s := range l.Sources {
		score := 0.0
		if s.Key != "" && (strings.EqualFold(title, s.Key) || strings.EqualFold(author, s.Key)) {
			score = 1
		}
		names := append([]string{s.Title, s.Heading, fileWords(s.File)}, s.Aliases...)
		for _, n := range names {
			if n == "" {
				continue
			}
			if title != "" {
				score = max(score, containment(title, n))
			}
			// a title standing in the author's place, or an author-only citation
			if title == "" && author != "" {
				score = max(score, 0.9*containment(author, n))
			}
		}
		if author != "" && s.Author != "" {
			if namesMatch(author, s.Author) {
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

// containment is the share of a's words found in b (abbreviations
// allowed), 0 when fewer than two words (or the only one) match.
func containment(a, b string) float64 {
	as, bs := Signature(a), Signature(b)
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
