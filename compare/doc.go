// Package compare turns files into documents with exact offsets and finds
// what documents share, repeat and claim.
package compare
