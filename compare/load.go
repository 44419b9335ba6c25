package compare

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// DefaultMaxFileSize is the largest file read unless LoadOptions says
// otherwise. A document costs about ten times its size in memory.
const DefaultMaxFileSize = 256 << 20

// TextExtensions are the file endings read when walking a directory.
var TextExtensions = []string{".txt", ".text", ".md", ".markdown", ".mdown", ".html", ".htm", ".xhtml"}

// LoadOptions say which files to read and how.
type LoadOptions struct {
	Include     []string // globs a walked file must match (base name or slash path), if any
	Exclude     []string // globs that leave a file or directory out
	Lenient     bool     // replace invalid UTF-8 instead of failing
	MaxFileSize int64    // 0 means DefaultMaxFileSize
	Stdin       io.Reader
	// FS, when set, is read instead of the operating system's files.
	FS fs.FS
	// Loaded, when set, hears of each file read (for progress displays).
	Loaded func(path string, size int64)
}

// Skipped is a file passed over on purpose, with the reason.
type Skipped struct {
	Path   string
	Reason string
}

// LoadResult is what Load read: documents, what it skipped, and the input
// errors that stop a run (missing paths, undecodable files, files too large).
type LoadResult struct {
	Docs    []*Document
	Skipped []Skipped
	Errors  []error
}

func (o LoadOptions) maxSize() int64 {
	if o.MaxFileSize > 0 {
		return o.MaxFileSize
	}
	return DefaultMaxFileSize
}

// Load reads the named files and directories ("-" is standard input).
// Directories are walked recursively for text files; hidden entries and
// binary files are skipped with a note. Documents come back in path order.
func Load(ctx context.Context, paths []string, opt LoadOptions) *LoadResult {
	res := &LoadResult{}
	seen := map[string]bool{}
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			res.Errors = append(res.Errors, err)
			return res
		}
		if p == "-" {
			if opt.Stdin == nil {
				res.Errors = append(res.Errors, &InputError{Path: "-", Offset: -1, Msg: "no standard input"})
				continue
			}
			raw, err := readLimited(opt.Stdin, opt.maxSize(), "-")
			if err == nil {
				res.add(NewDocument("-", raw, DocOptions{Lenient: opt.Lenient}))
			} else {
				res.Errors = append(res.Errors, err)
			}
			continue
		}
		st, err := opt.stat(p)
		if err != nil {
			res.Errors = append(res.Errors, describeOpenError(p, err))
			continue
		}
		if !st.IsDir() {
			if !seen[p] {
				seen[p] = true
				res.loadFile(opt, p, st)
			}
			continue
		}
		before := len(res.Docs) + len(res.Errors)
		var found []string
		walkErr := opt.walk(p, func(fp string, d fs.DirEntry, err error) error {
			if err != nil {
				res.Errors = append(res.Errors, describeOpenError(fp, err))
				return nil
			}
			rel, err := filepath.Rel(p, fp)
			if err != nil {
				rel = fp
			}
			rel = filepath.ToSlash(rel)
			if fp != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				// note only the hidden files that would have been read
				wanted := hasTextExtension(d.Name())
				if len(opt.Include) > 0 {
					wanted = matchAny(opt.Include, rel, d.Name())
				}
				if wanted {
					res.Skipped = append(res.Skipped, Skipped{fp, "hidden file (name it to read it)"})
				}
				return nil
			}
			if fp != p && matchAny(opt.Exclude, rel, d.Name()) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() || !d.Type().IsRegular() {
				return nil
			}
			if len(opt.Include) > 0 {
				if !matchAny(opt.Include, rel, d.Name()) {
					return nil
				}
			} else if !hasTextExtension(d.Name()) {
				return nil
			}
			found = append(found, fp)
			return nil
		})
		if walkErr != nil {
			res.Errors = append(res.Errors, describeOpenError(p, walkErr))
		}
		sort.Strings(found)
		for _, fp := range found {
			if seen[fp] {
				continue
			}
			seen[fp] = true
			st, err := opt.stat(fp)
			if err != nil {
				res.Errors = append(res.Errors, describeOpenError(fp, err))
				continue
			}
			res.loadFile(opt, fp, st)
		}
		if len(res.Docs)+len(res.Errors) == before && len(found) == 0 {
			why := "folder holds no text files (" + strings.Join(TextExtensions, " ") + ")"
			if len(opt.Include) > 0 {
				why = "folder holds no files matching --include " + strings.Join(opt.Include, ",")
			}
			res.Skipped = append(res.Skipped, Skipped{p, why})
		}
	}
	return res
}

func (r *LoadResult) add(d *Document, err error) {
	var skip *SkipError
	switch {
	case errors.As(err, &skip):
		r.Skipped = append(r.Skipped, Skipped{skip.Path, skip.Reason})
	case err != nil:
		r.Errors = append(r.Errors, err)
	default:
		r.Docs = append(r.Docs, d)
	}
}

func (r *LoadResult) loadFile(opt LoadOptions, p string, st fs.FileInfo) {
	if opt.Loaded != nil {
		defer opt.Loaded(p, st.Size())
	}
	if !st.Mode().IsRegular() {
		r.Skipped = append(r.Skipped, Skipped{p, "not a regular file"})
		return
	}
	if st.Size() > opt.maxSize() {
		r.Errors = append(r.Errors, &InputError{Path: p, Offset: -1,
			Msg:  fmt.Sprintf("file is %s, over the %s limit", humanBytes(st.Size()), humanBytes(opt.maxSize())),
			Hint: "split it, or raise the limit with --max-file-size"})
		return
	}
	raw, err := opt.readFile(p)
	if err != nil {
		r.Errors = append(r.Errors, describeOpenError(p, err))
		return
	}
	r.add(NewDocument(filepath.ToSlash(p), raw, DocOptions{Lenient: opt.Lenient}))
}

func (o LoadOptions) stat(p string) (fs.FileInfo, error) {
	if o.FS != nil {
		return fs.Stat(o.FS, p)
	}
	return os.Stat(p)
}

func (o LoadOptions) readFile(p string) ([]byte, error) {
	if o.FS != nil {
		return fs.ReadFile(o.FS, p)
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// read straight into a buffer of the file's size (plus one byte, to see
	// a file that grew) instead of growing one: no copies, no slack
	size := int64(0)
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	if size <= 0 || size > o.maxSize() {
		return readLimited(f, o.maxSize(), p)
	}
	raw := make([]byte, size+1)
	n, err := io.ReadFull(f, raw)
	switch {
	case err == io.ErrUnexpectedEOF || err == io.EOF: // the whole file (or less, if it shrank)
		return raw[:n:n], nil
	case err != nil:
		return nil, describeOpenError(p, err)
	}
	// the file grew while we read it: read on, within the limit
	rest, err := readLimited(f, o.maxSize()-int64(n), p)
	if err != nil {
		return nil, err
	}
	return append(raw, rest...), nil
}

func (o LoadOptions) walk(root string, fn fs.WalkDirFunc) error {
	if o.FS != nil {
		return fs.WalkDir(o.FS, root, fn)
	}
	return filepath.WalkDir(root, fn)
}

func readLimited(r io.Reader, limit int64, name string) ([]byte, error) {
	raw, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, describeOpenError(name, err)
	}
	if int64(len(raw)) > limit {
		return nil, &InputError{Path: name, Offset: -1,
			Msg:  fmt.Sprintf("input is over the %s limit", humanBytes(limit)),
			Hint: "split it, or raise the limit with --max-file-size"}
	}
	return raw, nil
}

func describeOpenError(p string, err error) error {
	var ie *InputError
	if errors.As(err, &ie) {
		return err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &InputError{Path: p, Offset: -1, Msg: "no such file or directory", Hint: "check the path"}
	case errors.Is(err, fs.ErrPermission):
		return &InputError{Path: p, Offset: -1, Msg: "permission denied", Hint: "make the file readable"}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &InputError{Path: p, Offset: -1, Msg: pe.Err.Error()}
	}
	return &InputError{Path: p, Offset: -1, Msg: err.Error()}
}

func hasTextExtension(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	for _, e := range TextExtensions {
		if ext == e {
			return true
		}
	}
	return false
}

// matchAny reports whether rel (a slash path) or base matches any glob.
// A glob with a slash matches the path; "**/" matches any number of folders.
func matchAny(globs []string, rel, base string) bool {
	for _, g := range globs {
		if strings.Contains(g, "/") {
			if globMatch(g, rel) {
				return true
			}
			continue
		}
		if ok, _ := path.Match(g, base); ok {
			return true
		}
	}
	return false
}

func globMatch(g, p string) bool {
	if !strings.Contains(g, "**") {
		ok, _ := path.Match(g, p)
		return ok
	}
	gp := strings.Split(g, "/")
	pp := strings.Split(p, "/")
	var rec func(i, j int) bool
	rec = func(i, j int) bool {
		if i == len(gp) {
			return j == len(pp)
		}
		if gp[i] == "**" {
			for k := j; k <= len(pp); k++ {
				if rec(i+1, k) {
					return true
				}
			}
			return false
		}
		if j == len(pp) {
			return false
		}
		if ok, _ := path.Match(gp[i], pp[j]); !ok {
			return false
		}
		return rec(i+1, j+1)
	}
	return rec(0, 0)
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
