package container

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/crosscheck/crosscheck/compare"
)

// Limits bound what reading one archive may cost.
type Limits struct {
	// MaxUncompressed bounds the bytes decompressed from all members read.
	MaxUncompressed int64
	// MaxMembers bounds the entries of the archive's directory.
	MaxMembers int
	// MaxText bounds the bytes of extracted text.
	MaxText int
	// MaxDepth bounds the nesting of XML elements.
	MaxDepth int
}

// Absolute caps, whatever the archive's size.
const (
	absMaxUncompressed = 512 << 20
	minMaxUncompressed = 8 << 20
	uncompressedRatio  = 100 // a text-only archive deflates at most ~20:1; a bomb at ~1000:1
	absMaxText         = 256 << 20
	minMaxText         = 16 << 20
	textRatio          = 16
	defaultMaxMembers  = 20000
	defaultMaxDepth    = 256
)

// LimitsFor returns the limits for an archive of size bytes: decompressed
// bytes at most 100 times the archive (at least 8 MiB, at most 512 MiB),
// text at most 16 times (at least 16 MiB, at most 256 MiB), 20,000
// entries, and XML nested at most 256 deep.
func LimitsFor(size int) Limits {
	return Limits{
		MaxUncompressed: min(absMaxUncompressed, max(minMaxUncompressed, int64(size)*uncompressedRatio)),
		MaxMembers:      defaultMaxMembers,
		MaxText:         min(absMaxText, max(minMaxText, size*textRatio)),
		MaxDepth:        defaultMaxDepth,
	}
}

// Archive is a zip archive read within Limits: members are decompressed
// on demand, and the bytes decompressed from all of them are counted
// against one budget.
type Archive struct {
	Name   string // the file's name, for messages
	lim    Limits
	left   int64 // decompressed bytes still allowed
	files  map[string]*zip.File
	reader *zip.Reader
}

// errOverBudget stops a decompression that goes past the budget.
var errOverBudget = errors.New("over the decompression budget")

func inputErr(name, format string, args ...any) *compare.InputError {
	return &compare.InputError{Path: name, Offset: -1, Msg: fmt.Sprintf(format, args...)}
}

// OpenArchive checks raw's zip directory and indexes its members. It
// refuses archives with more entries than lim allows (before reading the
// directory, from its end record), members whose names climb out of the
// archive ("..", absolute paths), and encrypted members.
func OpenArchive(name string, raw []byte, lim Limits, format string) (*Archive, error) {
	if bytes.HasPrefix(raw, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}) {
		e := inputErr(name, "is a password-protected (encrypted) or legacy binary Office file, not a %s archive", format)
		e.Hint = "save an unprotected copy in " + format + " format"
		return nil, e
	}
	if n, ok := directoryEntries(raw); ok && n > lim.MaxMembers {
		return nil, inputErr(name, "zip directory lists %d entries, over the limit of %d", n, lim.MaxMembers)
	}
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		e := inputErr(name, "is not a readable %s file (zip: %v)", format, err)
		e.Hint = "open it in its editor and save it again"
		return nil, e
	}
	if len(zr.File) > lim.MaxMembers {
		return nil, inputErr(name, "zip holds %d entries, over the limit of %d", len(zr.File), lim.MaxMembers)
	}
	a := &Archive{Name: name, lim: lim, left: lim.MaxUncompressed, files: make(map[string]*zip.File, len(zr.File)), reader: zr}
	for _, f := range zr.File {
		if unsafeMemberName(f.Name) {
			return nil, inputErr(name, "zip member %q has a path outside the archive", compare.Shorten(f.Name, 80))
		}
		if _, dup := a.files[f.Name]; !dup {
			a.files[f.Name] = f
		}
	}
	return a, nil
}

// directoryEntries reads the entry count of the end-of-central-directory
// record, when the archive has one that is not zip64.
func directoryEntries(raw []byte) (int, bool) {
	const eocdLen = 22
	lo := max(0, len(raw)-eocdLen-0xFFFF)
	for i := len(raw) - eocdLen; i >= lo; i-- {
		if raw[i] == 'P' && binary.LittleEndian.Uint32(raw[i:]) == 0x06054b50 {
			n := int(binary.LittleEndian.Uint16(raw[i+10:]))
			if n == 0xFFFF {
				return 0, false
			}
			return n, true
		}
	}
	return 0, false
}

func unsafeMemberName(n string) bool {
	if strings.HasPrefix(n, "/") || strings.Contains(n, "\\") || strings.ContainsRune(n, 0) || len(n) > 1 && n[1] == ':' {
		return true
	}
	for _, part := range strings.Split(n, "/") {
		if part == ".." {
			return true
		}
	}
	return false
}

// Has reports whether the archive holds a member of that name.
func (a *Archive) Has(member string) bool { _, ok := a.files[member]; return ok }

// Open returns a reader of a member's decompressed bytes that fails once
// the archive's budget is spent.
func (a *Archive) Open(member string) (io.ReadCloser, error) {
	f, ok := a.files[member]
	if !ok {
		return nil, inputErr(a.Name, "has no member %s", member)
	}
	if f.Flags&1 != 0 {
		e := inputErr(a.Name, "member %s is encrypted", member)
		e.Hint = "save an unprotected copy"
		return nil, e
	}
	if f.UncompressedSize64 > uint64(a.left) {
		return nil, a.overBudget(member)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, inputErr(a.Name, "cannot read member %s (zip: %v)", member, err)
	}
	return &budgetReader{rc: rc, a: a, member: member}, nil
}

func (a *Archive) overBudget(member string) *compare.InputError {
	e := inputErr(a.Name, "member %s decompresses to more than the %d MiB allowed for this file (a zip bomb?)", member, a.lim.MaxUncompressed>>20)
	e.Hint = "check where the file came from"
	return e
}

// ReadAll returns a member's decompressed bytes within the budget.
func (a *Archive) ReadAll(member string) ([]byte, error) {
	rc, err := a.Open(member)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		return nil, a.readErr(member, err)
	}
	return b, nil
}

func (a *Archive) readErr(member string, err error) error {
	var ie *compare.InputError
	if errors.As(err, &ie) {
		return ie
	}
	if errors.Is(err, errOverBudget) {
		return a.overBudget(member)
	}
	return inputErr(a.Name, "cannot read member %s (%v)", member, err)
}

type budgetReader struct {
	rc     io.ReadCloser
	a      *Archive
	member string
}

func (r *budgetReader) Read(p []byte) (int, error) {
	if r.a.left <= 0 {
		return 0, errOverBudget
	}
	if int64(len(p)) > r.a.left {
		p = p[:r.a.left+1]
	}
	n, err := r.rc.Read(p)
	r.a.left -= int64(n)
	if r.a.left < 0 {
		return n, errOverBudget
	}
	return n, err
}

func (r *budgetReader) Close() error { return r.rc.Close() }

// resolve joins a relative reference (an OPF href, a link) to the folder
// of the member it appears in; ok is false when it leaves the archive.
func resolve(base, ref string) (string, bool) {
	if strings.Contains(ref, "://") || strings.HasPrefix(ref, "/") {
		return "", false
	}
	p := path.Join(path.Dir(base), ref)
	if p == ".." || strings.HasPrefix(p, "../") {
		return "", false
	}
	return p, true
}
