package input

import (
	"context"
	"errors"
	"fmt"
	"github.com/crosscheck/crosscheck/compare"
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

// LoadOptions say which files to read and how.
type LoadOptions struct {
	Include     []string // globs a walked file must match (base name or slash path), if any
	Exclude     []string // globs that leave a file or directory out
	Lenient     bool     // replace invalid UTF-8 instead of failing
	MaxFileSize int64    // 0 means DefaultMaxFileSize
	// MaxTotalBytes bounds the bytes of all documents of one load
	// (0: no bound beyond each file's).
	MaxTotalBytes int64
	Stdin         io.Reader
	// FS, when set, is read instead of the operating system's files.
	FS fs.FS
	// Loaded, when set, hears of each file read (for progress displays).
	Loaded func(path string, size int64)
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
func Load(ctx context.Context, paths []string, opt LoadOptions) *compare.LoadResult {
	res := &compare.LoadResult{}
	seen := map[string]bool{}
	var total int64
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			res.Errors = append(res.Errors, err)
			return res
		}
		if p == "-" {
			if opt.Stdin == nil {
				res.Errors = append(res.Errors, &compare.InputError{Path: "-", Offset: -1, Msg: "no standard input"})
				continue
			}
			raw, err := readLimited(opt.Stdin, opt.maxSize(), "-")
			if err == nil {
				d, err := Parse("-", raw, Options{Lenient: opt.Lenient})
				addResult(res, d, err)
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
				loadFile(res, opt, p, st, &total)
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
					res.Skipped = append(res.Skipped, compare.Skipped{Path: fp, Reason: "hidden file (name it to read it)"})
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
			loadFile(res, opt, fp, st, &total)
		}
		if len(res.Docs)+len(res.Errors) == before && len(found) == 0 {
			why := "folder holds no text files (" + strings.Join(Extensions(), " ") + ")"
			if len(opt.Include) > 0 {
				why = "folder holds no files matching --include " + strings.Join(opt.Include, ",")
			}
			res.Skipped = append(res.Skipped, compare.Skipped{Path: p, Reason: why})
		}
	}
	return res
}

func addResult(r *compare.LoadResult, d *compare.Document, err error) {
	var skip *compare.SkipError
	switch {
	case errors.As(err, &skip):
		r.Skipped = append(r.Skipped, compare.Skipped{Path: skip.Path, Reason: skip.Reason})
	case err != nil:
		r.Errors = append(r.Errors, err)
	default:
		r.Docs = append(r.Docs, d)
	}
}

func loadFile(r *compare.LoadResult, opt LoadOptions, p string, st fs.FileInfo, total *int64) {
	if opt.Loaded != nil {
		defer opt.Loaded(p, st.Size())
	}
	if !st.Mode().IsRegular() {
		r.Skipped = append(r.Skipped, compare.Skipped{Path: p, Reason: "not a regular file"})
		return
	}
	if st.Size() > opt.maxSize() {
		r.Errors = append(r.Errors, &compare.InputError{Path: p, Offset: -1,
			Msg:  fmt.Sprintf("file is %s, over the %s limit", humanBytes(st.Size()), humanBytes(opt.maxSize())),
			Hint: "split it, or raise the limit with --max-file-size"})
		return
	}
	if opt.MaxTotalBytes > 0 && *total+st.Size() > opt.MaxTotalBytes {
		r.Errors = append(r.Errors, &compare.InputError{Path: p, Offset: -1,
			Msg:  fmt.Sprintf("the files read so far and this one come to over the %s limit for one run", humanBytes(opt.MaxTotalBytes)),
			Hint: "check fewer files at a time, or raise the limit with --max-total-size"})
		return
	}
	raw, err := opt.readFile(p)
	if err != nil {
		r.Errors = append(r.Errors, describeOpenError(p, err))
		return
	}
	*total += int64(len(raw))
	d, err := Parse(filepath.ToSlash(p), raw, Options{Lenient: opt.Lenient})
	addResult(r, d, err)
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
		return nil, &compare.InputError{Path: name, Offset: -1,
			Msg:  fmt.Sprintf("input is over the %s limit", humanBytes(limit)),
			Hint: "split it, or raise the limit with --max-file-size"}
	}
	return raw, nil
}

func describeOpenError(p string, err error) error {
	var ie *compare.InputError
	if errors.As(err, &ie) {
		return err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &compare.InputError{Path: p, Offset: -1, Msg: "no such file or directory", Hint: "check the path", Err: err}
	case errors.Is(err, fs.ErrPermission):
		return &compare.InputError{Path: p, Offset: -1, Msg: "permission denied", Hint: "make the file readable", Err: err}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &compare.InputError{Path: p, Offset: -1, Msg: pe.Err.Error(), Err: err}
	}
	return &compare.InputError{Path: p, Offset: -1, Msg: err.Error(), Err: err}
}

func hasTextExtension(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	for _, e := range Extensions() {
		if ext == e {
			return true
		}
	}
	return false
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

// ReadFile reads one auxiliary file whole (a manifest, a configuration, a
// baseline, a list of pairs): a regular file within the size limit, never
// a device, a pipe or a directory, which could block or never end.
func ReadFile(p string, opt LoadOptions) ([]byte, error) {
	st, err := opt.stat(p)
	if err != nil {
		return nil, describeOpenError(p, err)
	}
	if !st.Mode().IsRegular() {
		what := "not a regular file"
		if st.IsDir() {
			what = "is a directory"
		}
		return nil, &compare.InputError{Path: p, Offset: -1, Msg: what, Hint: "name a regular file"}
	}
	if st.Size() > opt.maxSize() {
		return nil, &compare.InputError{Path: p, Offset: -1,
			Msg:  fmt.Sprintf("file is %s, over the %s limit", humanBytes(st.Size()), humanBytes(opt.maxSize())),
			Hint: "split it, or raise the limit with --max-file-size"}
	}
	return opt.readFile(p)
}

// Loader is the input layer behind compare.Files, for code that prepares
// an analysis without doing I/O itself (the sources library, evaluations).
type Loader struct {
	Options LoadOptions
}

var _ compare.Files = Loader{}

// Load reads the named files and directories with the loader's options.
func (l Loader) Load(ctx context.Context, paths []string) *compare.LoadResult {
	return Load(ctx, paths, l.Options)
}

// Parse makes a document of bytes already read ("" format: by its name).
func (l Loader) Parse(name string, raw []byte, format string) (*compare.Document, error) {
	return Parse(name, raw, Options{Lenient: l.Options.Lenient, Format: format})
}

// ReadFile reads a small auxiliary file within the loader's limits.
func (l Loader) ReadFile(p string) ([]byte, error) { return ReadFile(p, l.Options) }

// Stat describes a path without reading it.
func (l Loader) Stat(p string) (fs.FileInfo, error) { return l.Options.stat(p) }

// ReadDir lists a directory, sorted by name.
func (l Loader) ReadDir(p string) ([]fs.DirEntry, error) {
	if l.Options.FS != nil {
		return fs.ReadDir(l.Options.FS, p)
	}
	return os.ReadDir(p)
}

// Open opens one regular file for streaming (a long list of sentence
// pairs), refusing devices, pipes and directories as ReadFile does.
func Open(p string) (io.ReadCloser, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, describeOpenError(p, err)
	}
	if !st.Mode().IsRegular() {
		return nil, &compare.InputError{Path: p, Offset: -1, Msg: "not a regular file", Hint: "name a regular file"}
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, describeOpenError(p, err)
	}
	return f, nil
}
