// Package input is crosscheck's one way in: it reads paths, directories
// and standard input within size limits, decodes bytes, and turns each
// format into a document through a registry of readers.
package input
