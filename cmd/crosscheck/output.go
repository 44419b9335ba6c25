package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// output is where a report goes: standard output, buffered; a temporary
// file beside --output, put in its place on commit; or, when --output
// names a device or a pipe (/dev/null, a FIFO), that file itself. Until
// commit nothing reaches a file: a run that fails or is cancelled leaves
// no partial report and whatever --output named before.
//
// Every write checks the run's context first: a renderer busy writing a
// long report stops at its next write (the buffer's) once the run is
// cancelled.
type output struct {
	w      *bufio.Writer
	file   *atomicFile // nil for standard output and devices
	device *os.File    // --output names a device or a pipe
}

// openOutput opens --output, or standard output when it is empty or "-".
func (a *app) openOutput(ctx context.Context) (*output, error) {
	return openOutputAt(ctx, a.output, a.stdout)
}

func openOutputAt(ctx context.Context, path string, stdout io.Writer) (*output, error) {
	if path == "" || path == "-" {
		return &output{w: bufio.NewWriterSize(ctxWriter{ctx, stdout}, 64<<10)}, nil
	}
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() && !st.IsDir() {
		// renaming a file over /dev/null would replace the device itself
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return nil, fmt.Errorf("cannot write %s: %v", path, pathErrorCause(err))
		}
		return &output{w: bufio.NewWriterSize(ctxWriter{ctx, f}, 64<<10), device: f}, nil
	}
	f, err := createAtomic(path)
	if err != nil {
		return nil, err
	}
	return &output{w: bufio.NewWriterSize(ctxWriter{ctx, f.f}, 64<<10), file: f}, nil
}

// commit makes the report visible.
func (o *output) commit() error {
	switch {
	case o.file != nil:
		if err := o.w.Flush(); err != nil {
			return fmt.Errorf("cannot write %s: %v", o.file.path, pathErrorCause(err))
		}
		return o.file.commit()
	case o.device != nil:
		err := o.w.Flush()
		if cerr := o.device.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("cannot write %s: %v", o.device.Name(), pathErrorCause(err))
		}
		return nil
	}
	return o.w.Flush()
}

// discard drops a report not committed.
func (o *output) discard() {
	if o.file != nil {
		o.file.discard()
	}
	if o.device != nil {
		o.device.Close()
	}
}

// printTo runs a command whose result is text for standard output or
// --output: print writes it to w, which reaches a file only when print
// succeeds and the run was not cancelled.
func (a *app) printTo(ctx context.Context, print func(ctx context.Context, w io.Writer) error) error {
	if err := checkOutputPath("--output", a.output); err != nil {
		return err
	}
	out, err := a.openOutput(ctx)
	if err != nil {
		return err
	}
	defer out.discard() // a no-op once committed
	if err := print(ctx, out.w); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return out.commit()
}

// ctxWriter fails every write once its context is done.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// checkOutputPath says, before any work is done, when an output file
// cannot be written: its folder is missing or it names a folder. flag
// names it in messages ("--output", or "" for an argument).
func checkOutputPath(flag, p string) error {
	if p == "" || p == "-" {
		return nil
	}
	name := p
	if flag != "" {
		name = flag + " " + p
	}
	if st, err := os.Stat(p); err == nil && st.IsDir() {
		return fmt.Errorf("%s is a folder; name a file to write the report to", name)
	}
	dir := filepath.Dir(p)
	st, err := os.Stat(dir)
	switch {
	case err != nil:
		return fmt.Errorf("%s: folder %s does not exist; create it or write somewhere else", name, dir)
	case !st.IsDir():
		return fmt.Errorf("%s: %s is not a folder; write somewhere else", name, dir)
	}
	return nil
}

// outputGuard knows the files a command is about to write (--output,
// baseline write's FILE, eval nli's --predictions) and refuses to read
// any of them as an input: the report would replace what it reports on.
// Files are compared by device and inode (os.SameFile), so another name,
// a symbolic or hard link, or a folder walk does not hide one.
type outputGuard struct {
	targets []guardedOutput
}

type guardedOutput struct {
	flag, path string
	info       fs.FileInfo
}

// add records the output path, given by flag ("--output", or "" for an
// argument). A path that does not exist yet cannot be an input; one that
// is a device or a pipe is written in place, never read (the input layer
// refuses them).
func (g *outputGuard) add(flag, path string) {
	if path == "" || path == "-" {
		return
	}
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() {
		return
	}
	g.targets = append(g.targets, guardedOutput{flag: flag, path: path, info: st})
}

// avoider returns the check the input layer runs on each file before
// reading it; what says what the files are ("an input document").
func (g *outputGuard) avoider(what string) func(string, fs.FileInfo) error {
	if g == nil || len(g.targets) == 0 {
		return nil
	}
	return func(p string, st fs.FileInfo) error { return g.refuse(what, p, st) }
}

func (g *outputGuard) refuse(what, p string, st fs.FileInfo) error {
	for _, t := range g.targets {
		if !os.SameFile(t.info, st) {
			continue
		}
		name := t.path
		if t.flag != "" {
			name = t.flag + " " + t.path
		}
		same := ""
		if filepath.Clean(p) != filepath.Clean(t.path) {
			same = " (the same file by another name or link)"
		}
		return usagef("%s would replace %s %s%s; write the report to another file", name, what, p, same)
	}
	return nil
}

// check refuses the path p, about to be read as what, if it is one of
// the outputs. A path that cannot be statted is left to its reader.
func (g *outputGuard) check(what, p string) error {
	if g == nil || len(g.targets) == 0 || p == "" || p == "-" {
		return nil
	}
	st, err := os.Stat(p)
	if err != nil {
		return nil
	}
	return g.refuse(what, p, st)
}

// checkStdin refuses standard input ("-" among the paths) when it was
// redirected from one of the outputs.
func (g *outputGuard) checkStdin(stdin io.Reader, paths []string) error {
	f, ok := stdin.(*os.File)
	if g == nil || len(g.targets) == 0 || !ok {
		return nil
	}
	for _, p := range paths {
		if p != "-" {
			continue
		}
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			return g.refuse("standard input, read from", "-", st)
		}
	}
	return nil
}

// writeFileAtomic writes through a temporary file in the same folder and
// puts it in place, so readers never see half a file and a failed write
// leaves whatever was there before.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	f, err := createAtomic(path)
	if err != nil {
		return err
	}
	defer f.discard() // a no-op once committed
	w := bufio.NewWriterSize(f.f, 64<<10)
	if err := write(w); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("cannot write %s: %v", path, pathErrorCause(err))
	}
	return f.commit()
}

// atomicFile is a file being written in the folder of path, that commit
// puts in place of path. Where the system allows (Linux: O_TMPFILE), it
// has no name until commit, so a process killed by SIGKILL leaves
// nothing behind; elsewhere it is a hidden ".NAME.tmp…" file that
// discard, or the signal handler, removes.
type atomicFile struct {
	path      string
	f         *os.File
	named     string // the temporary's name; "" while it has none
	committed bool
}

// tryUnnamed says whether createAtomic tries an unnamed file first (tests
// turn it off to exercise the named one).
var tryUnnamed = true

func createAtomic(path string) (*atomicFile, error) {
	dir := filepath.Dir(path)
	if tryUnnamed {
		if f, err := createUnnamed(dir); err == nil {
			return &atomicFile{path: path, f: f}, nil
		}
	}
	tmp, err := os.CreateTemp(dir, tempPattern(path))
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %v", path, pathErrorCause(err))
	}
	temps.add(tmp.Name())
	return &atomicFile{path: path, f: tmp, named: tmp.Name()}, nil
}

// tempPattern is the name of the temporaries beside path, for CreateTemp.
func tempPattern(path string) string { return "." + filepath.Base(path) + ".tmp*" }

// commit syncs the file, gives it a name if it has none, and renames it
// into place.
func (a *atomicFile) commit() error {
	fail := func(err error) error { return fmt.Errorf("cannot write %s: %v", a.path, pathErrorCause(err)) }
	if err := a.f.Chmod(0o644); err != nil {
		return fail(err)
	}
	if err := a.f.Sync(); err != nil {
		return fail(err)
	}
	if a.named == "" {
		name, err := linkUnnamed(a.f, a.path)
		if err != nil {
			return fail(err)
		}
		a.named = name
		temps.add(name)
	}
	if err := a.f.Close(); err != nil {
		return fail(err)
	}
	if err := os.Rename(a.named, a.path); err != nil {
		return fail(err)
	}
	temps.remove(a.named)
	a.committed = true
	return nil
}

// discard removes the temporary file unless it was committed.
func (a *atomicFile) discard() {
	if a.committed {
		return
	}
	a.f.Close()
	if a.named != "" {
		os.Remove(a.named)
		temps.remove(a.named)
	}
}

// tempFiles are the named temporary files of this process, for the
// signal handler to remove when it ends a run that does not stop.
type tempFiles struct {
	mu    sync.Mutex
	names map[string]bool
}

var temps tempFiles

func (t *tempFiles) add(name string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.names == nil {
		t.names = map[string]bool{}
	}
	t.names[name] = true
}

func (t *tempFiles) remove(name string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.names, name)
}

// removeAll removes every temporary file still named.
func (t *tempFiles) removeAll() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for name := range t.names {
		os.Remove(name)
	}
	t.names = nil
}

// pathErrorCause drops the temporary file's name from an error: the user
// named the output, not the temporary file.
func pathErrorCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
