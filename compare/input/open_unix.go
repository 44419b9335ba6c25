//go:build unix

package input

import (
	"os"
	"syscall"
)

// openFlags are the flags every input file is opened with: O_NONBLOCK so
// that opening a named pipe with no writer returns at once instead of
// blocking in open(2) (for regular files it changes nothing), after which
// openRegular's fstat refuses the pipe.
const openFlags = os.O_RDONLY | syscall.O_NONBLOCK
