package claims

import words "github.com/crosscheck/crosscheck/compare/claims/internal/vocab"

// The vocabulary of an analysis (package vocab), under the names the
// package uses.
type (
	vocab     = words.Vocab
	vocabWord = words.Word
	reader    = words.Reader
)

var (
	newVocab  = words.New
	newReader = words.NewReader
)
