//go:build !unix

package input

import "os"

// openFlags are the flags every input file is opened with.
const openFlags = os.O_RDONLY
