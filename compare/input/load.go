package input

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
	"syscall"

	"github.com/crosscheck/crosscheck/compare"
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
	// Avoid, when set, sees each file before it is read: in Load, the whole
	// list (walked folders included) before any file of it is read; in
	// ReadFile, the one file. An error it returns stops the load and is
	// the load's only error. The command line uses it to refuse to read
	// the file a report is about to replace.
	Avoid func(path string, info fs.FileInfo) error
	// SizeHint is the hint given with the error for a file over
	// MaxFileSize; empty means "split it, or raise the limit with
	// --max-file-size".
	SizeHint string
}

func (o LoadOptions) maxSize() int64 {
	if o.MaxFileSize > 0 {
		return o.MaxFileSize
	}
	return DefaultMaxFileSize
}

// Load reads the named files and directories ("-" is standard input).
// Directories are walked recursively for text files; hidden entries,
// symbolic links, special files and binary files are skipped with a note.
// A named path that is not a regular file or a directory (a pipe, a
// device) is an error: reading it could block or never end. Documents
// come back in path order.
//
// Load works in two passes: it first lists every file to read (walking
// the directories), then reads them. Avoid, when set, sees the list before
// anything is read; a cancelled ctx stops either pass between two files.
func Load(ctx context.Context, paths []string, opt LoadOptions) *compare.LoadResult {
	res := &compare.LoadResult{}
	plan, err := opt.list(ctx, paths)
	if err != nil {
		res.Errors = append(res.Errors, err)
		return res
	}
	if opt.Avoid != nil {
		for _, e := range plan {
			if e.info == nil {
				continue
			}
			if err := opt.Avoid(e.path, e.info); err != nil {
				res.Errors = append(res.Errors, err)
				return res
			}
		}
	}
	var total int64
	for _, e := range plan {
		if err := ctx.Err(); err != nil {
			res.Errors = append(res.Errors, err)
			return res
		}
		switch {
		case e.err != nil:
			res.Errors = append(res.Errors, e.err)
		case e.skip != "":
			res.Skipped = append(res.Skipped, compare.Skipped{Path: e.path, Reason: e.skip})
		case e.path == "-" && e.info == nil:
			loadStdin(res, opt)
		default:
			loadFile(res, opt, e.path, e.info, &total)
		}
	}
	return res
}

// planned is one step of a load, in the order of the paths: a file to
// read (info set; "-" without info is standard input), a file skipped
// (skip says why), or an error.
type planned struct {
	path string
	info fs.FileInfo
	skip string
	err  error
}

// list resolves the paths to the files to read, walking directories,
// without reading any file.
func (o LoadOptions) list(ctx context.Context, paths []string) ([]planned, error) {
	var plan []planned
	seen := map[string]bool{}
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if p == "-" {
			plan = append(plan, planned{path: "-"})
			continue
		}
		st, err := o.stat(p)
		if err != nil {
			plan = append(plan, planned{path: p, err: describeOpenError(p, err)})
			continue
		}
		switch {
		case st.IsDir():
			walked, err := o.listDir(ctx, p, seen)
			if err != nil {
				return nil, err
			}
			plan = append(plan, walked...)
		case !st.Mode().IsRegular():
			plan = append(plan, planned{path: p, err: &compare.InputError{Path: p, Offset: -1,
				Msg:  "not a regular file (" + fileKind(st.Mode()) + ")",
				Hint: "name a regular file, or send the text to standard input and name '-'"}})
		case !seen[p]:
			seen[p] = true
			plan = append(plan, planned{path: p, info: st})
		}
	}
	return plan, nil
}

// listDir walks the directory p for the files to read. Symbolic links are
// not followed: a link in a folder under review could point anywhere
// (outside the folder, at a secret, at a file also reached by its own
// name, in a loop); each one a walk would have read is noted instead.
func (o LoadOptions) listDir(ctx context.Context, p string, seen map[string]bool) ([]planned, error) {
	var plan []planned
	var found []planned
	root := p
	if o.FS == nil {
		if st, err := os.Lstat(p); err == nil && st.Mode()&fs.ModeSymlink != 0 {
			root = p + string(filepath.Separator) // a named link to a folder is walked: the walk starts past it
		}
	}
	walkErr := o.walk(root, func(fp string, d fs.DirEntry, err error) error {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if err != nil {
			plan = append(plan, planned{path: fp, err: describeOpenError(fp, err)})
			return nil
		}
		if fp == root {
			return nil
		}
		rel, err := filepath.Rel(root, fp)
		if err != nil {
			rel = fp
		}
		rel = filepath.ToSlash(rel)
		wanted := hasTextExtension(d.Name())
		if len(o.Include) > 0 {
			wanted = matchAny(o.Include, rel, d.Name())
		}
		if strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			if wanted && !matchAny(o.Exclude, rel, d.Name()) { // note only the hidden files that would have been read
				plan = append(plan, planned{path: fp, skip: "hidden file (name it to read it)"})
			}
			return nil
		}
		if matchAny(o.Exclude, rel, d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		switch {
		case d.IsDir():
			return nil
		case d.Type()&fs.ModeSymlink != 0:
			if why := o.symlinkNote(fp, wanted); why != "" {
				plan = append(plan, planned{path: fp, skip: why})
			}
			return nil
		case !d.Type().IsRegular():
			if wanted {
				plan = append(plan, planned{path: fp, skip: "not a regular file (" + fileKind(d.Type()) + ")"})
			}
			return nil
		case !wanted:
			return nil
		}
		found = append(found, planned{path: fp})
		return nil
	})
	if errors.Is(walkErr, context.Canceled) || errors.Is(walkErr, context.DeadlineExceeded) {
		return nil, walkErr
	}
	if walkErr != nil {
		plan = append(plan, planned{path: p, err: describeOpenError(p, walkErr)})
	}
	sort.Slice(found, func(i, j int) bool { return found[i].path < found[j].path })
	for _, e := range found {
		if seen[e.path] {
			continue
		}
		seen[e.path] = true
		st, err := o.lstat(e.path)
		switch {
		case err != nil:
			e.err = describeOpenError(e.path, err)
		case !st.Mode().IsRegular(): // replaced since the walk saw it
			e.skip = "not a regular file (" + fileKind(st.Mode()) + ")"
		default:
			e.info = st
		}
		plan = append(plan, e)
	}
	if len(found) == 0 && !readsOrFails(plan) {
		why := "folder holds no text files (" + strings.Join(Extensions(), " ") + ")"
		if len(o.Include) > 0 {
			why = "folder holds no files matching --include " + strings.Join(o.Include, ",")
		}
		plan = append(plan, planned{path: p, skip: why})
	}
	return plan, nil
}

// readsOrFails reports whether a plan reads a file or holds an error.
func readsOrFails(plan []planned) bool {
	for _, e := range plan {
		if e.info != nil || e.err != nil {
			return true
		}
	}
	return false
}

// symlinkNote says why a walk passes over the symbolic link fp, or ""
// when the link would not have been read anyway (its name is not one a
// walk reads and it does not lead to a folder).
func (o LoadOptions) symlinkNote(fp string, wanted bool) string {
	const how = "name it to read it"
	st, err := o.stat(fp)
	switch {
	case err != nil && errors.Is(err, syscall.ELOOP):
		return "symbolic link in a loop, not followed"
	case err != nil:
		if !wanted {
			return ""
		}
		return "symbolic link to nothing, not followed"
	case st.IsDir():
		return "symbolic link to a folder, not followed (" + how + ")"
	case wanted:
		return "symbolic link, not followed (" + how + ")"
	}
	return ""
}

// fileKind names a kind of file that is not regular, for messages.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeIrregular != 0:
		return "an irregular file"
	}
	return "a " + m.Type().String()
}

// loadStdin reads standard input as the document "-".
func loadStdin(res *compare.LoadResult, opt LoadOptions) {
	if opt.Stdin == nil {
		res.Errors = append(res.Errors, &compare.InputError{Path: "-", Offset: -1, Msg: "no standard input"})
		return
	}
	raw, err := readLimited(opt.Stdin, opt.maxSize(), "-")
	if err != nil {
		res.Errors = append(res.Errors, err)
		return
	}
	d, err := Parse("-", raw, Options{Lenient: opt.Lenient})
	addResult(res, d, err)
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
	if st.Size() > opt.maxSize() {
		r.Errors = append(r.Errors, opt.tooLarge(p, st.Size()))
		return
	}
	if opt.MaxTotalBytes > 0 && *total+st.Size() > opt.MaxTotalBytes {
		r.Errors = append(r.Errors, &compare.InputError{Path: p, Offset: -1,
			Msg:  fmt.Sprintf("the files read so far and this one come to over the %s limit for one run", HumanBytes(opt.MaxTotalBytes)),
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
	f, st, err := openRegular(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// read straight into a buffer of the file's size (plus one byte, to see
	// a file that grew) instead of growing one: no copies, no slack
	size := st.Size()
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

// openRegular opens the file p for reading if it is a regular file, and
// returns it with what fstat says of it. The check is made on the open
// file, not on the name, and the open itself does not wait: a named pipe
// put where a file was (or named as one) is refused, never waited on.
func openRegular(p string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenFile(p, openFlags, 0)
	if err != nil {
		return nil, nil, describeOpenError(p, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, describeOpenError(p, err)
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, nil, notRegular(p, st.Mode())
	}
	return f, st, nil
}

// notRegular is the error for a path that names something other than a
// regular file or a directory.
func notRegular(p string, m fs.FileMode) error {
	msg, hint := "not a regular file ("+fileKind(m)+")", "name a regular file"
	if m.IsDir() {
		msg = "is a directory"
	}
	return &compare.InputError{Path: p, Offset: -1, Msg: msg, Hint: hint}
}

func (o LoadOptions) lstat(p string) (fs.FileInfo, error) {
	if o.FS != nil {
		return fs.Stat(o.FS, p)
	}
	return os.Lstat(p)
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
			Msg:  fmt.Sprintf("input is over the %s limit", HumanBytes(limit)),
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

// HumanBytes writes a size as people read it: "256.0 MiB", "12 bytes".
func HumanBytes(n int64) string {
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
		return nil, notRegular(p, st.Mode())
	}
	if opt.Avoid != nil {
		if err := opt.Avoid(p, st); err != nil {
			return nil, err
		}
	}
	if st.Size() > opt.maxSize() {
		return nil, opt.tooLarge(p, st.Size())
	}
	return opt.readFile(p)
}

// tooLarge is the error for a file of size bytes, over the limit.
func (o LoadOptions) tooLarge(p string, size int64) error {
	hint := o.SizeHint
	if hint == "" {
		hint = "split it, or raise the limit with --max-file-size"
	}
	return &compare.InputError{Path: p, Offset: -1,
		Msg:  fmt.Sprintf("file is %s, over the %s limit", HumanBytes(size), HumanBytes(o.maxSize())),
		Hint: hint}
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
	f, _, err := openRegular(p)
	if err != nil {
		return nil, err
	}
	return f, nil
}
