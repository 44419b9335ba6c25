// Package seeds embeds crosscheck's founding corpus, the documents that
// `crosscheck check` reviews when it is given no paths.
package seeds

import (
	"embed"
	"io/fs"
	"sort"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input"
)

//go:embed *.txt
var files embed.FS

// FS returns the embedded seed files.
func FS() fs.FS { return files }

// Names returns the seed file names in order.
func Names() []string {
	entries, _ := files.ReadDir(".")
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

// Documents returns the seeds as documents, named "seeds/NAME".
func Documents() ([]*compare.Document, error) {
	var docs []*compare.Document
	for _, name := range Names() {
		raw, err := files.ReadFile(name)
		if err != nil {
			return nil, err
		}
		d, err := input.Parse("seeds/"+name, raw, input.Options{})
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}
