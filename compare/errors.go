package compare

import "fmt"

// InputError is a problem with an input file that stops it from being read:
// it names the file and, where it makes sense, the byte offset.
type InputError struct {
	Path   string
	Offset int // byte offset in the file, or -1
	Msg    string
	Hint   string // what the user can do about it
	Err    error  // the underlying error, if any (fs.ErrNotExist, …)
}

// Unwrap returns the underlying error.
func (e *InputError) Unwrap() error { return e.Err }

func (e *InputError) Error() string {
	s := e.Path + ": " + e.Msg
	if e.Offset >= 0 {
		s = fmt.Sprintf("%s: %s at byte %d", e.Path, e.Msg, e.Offset)
	}
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

// SkipError says that a file was passed over on purpose (binary data,
// for instance); it is reported as a note, not as a failure.
type SkipError struct {
	Path   string
	Reason string
}

func (e *SkipError) Error() string { return e.Path + ": skipped: " + e.Reason }
