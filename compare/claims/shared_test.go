package claims

import (
	"os"
	"path/filepath"
)

// sharedDir returns ../shared beside the checkout, or "".
func sharedDir() string {
	dir, err := filepath.Abs("../../../shared")
	if err != nil {
		return ""
	}
	if _, err := os.Stat(filepath.Join(dir, "corpora")); err != nil {
		return ""
	}
	return dir
}
