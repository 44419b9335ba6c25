package main

import (
	"errors"
	"strings"

	"github.com/crosscheck/crosscheck/cmd/crosscheck/report"
	"github.com/crosscheck/crosscheck/compare"
)

// Everything crosscheck writes on standard error that holds a file name,
// a document's text or an error (which may quote either) goes through
// report.Safe(report.Terminal, …): one line per note or error, no
// character that drives the terminal, no workflow command for a CI log,
// two names never alike. What an error quotes from the input is first cut
// by report.Clip; a file name is never cut.

// errorText is err as text for standard error. An input error keeps its
// file name whole and has its message and hint clipped; any other error
// is clipped whole (Clip cuts quotes and overlong runs, never a file name
// of sane length).
func errorText(err error) string {
	text := strings.TrimSpace(err.Error())
	var ie *compare.InputError
	if errors.As(err, &ie) {
		if whole := ie.Error(); strings.Contains(text, whole) {
			c := *ie
			c.Msg, c.Hint = report.Clip(c.Msg), report.Clip(c.Hint)
			return report.Safe(report.Terminal, strings.Replace(text, whole, c.Error(), 1))
		}
	}
	return report.Safe(report.Terminal, report.Clip(text))
}
