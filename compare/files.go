package compare

import (
	"context"
	"io/fs"
)

// Files is how code that prepares an analysis (a sources library, an
// evaluation over a corpus) reads files without doing I/O itself. The
// input layer implements it with its limits and readers; tests may use
// another implementation.
type Files interface {
	// Load reads the named files and directories as documents.
	Load(ctx context.Context, paths []string) *LoadResult
	// Parse makes a document of bytes already read, by the reader for its
	// name ("" format) or for the format named ("text", "html", …).
	Parse(name string, raw []byte, format string) (*Document, error)
	// ReadFile reads a small auxiliary file (a manifest, a list of pairs)
	// whole, within the input limits.
	ReadFile(path string) ([]byte, error)
	// Stat and ReadDir look at paths without reading them.
	Stat(path string) (fs.FileInfo, error)
	ReadDir(path string) ([]fs.DirEntry, error)
}

// Skipped is a file passed over on purpose, with the reason.
type Skipped struct {
	Path   string
	Reason string
}

// LoadResult is what a load read: documents, what it skipped, and the
// input errors that stop a run (missing paths, undecodable files, files
// too large).
type LoadResult struct {
	Docs    []*Document
	Skipped []Skipped
	Errors  []error
}
