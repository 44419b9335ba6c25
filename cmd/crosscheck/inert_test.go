package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"html"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/crosscheck/crosscheck/cmd/crosscheck/report"
)

// hostilePieces are what hostile documents hold and every format must show
// as text: an element that would run, an attribute breaker, an element
// with a handler.
var hostilePieces = []string{`<script>alert(1)</script>`, `" onmouseover="`, `<img src=x onerror=alert(1)>`}

// hostileTags are the pieces that open elements.
var hostileTags = []string{`<script>alert(1)</script>`, `<img src=x onerror=alert(1)>`}

// formatKinds says how each format keeps document text inert, and so what
// cmdInert checks. A format added to report.Formats without a kind here
// fails the inert script: say how it escapes before shipping it.
var formatKinds = map[string]string{
	"html":     "html",     // entities: no raw markup from documents at all
	"markdown": "markdown", // raw markup only inside code spans or blocks
	"json":     "json",     // valid JSON; < > & escaped as \u003c …
	"sarif":    "json",
	"rdjsonl":  "jsonl", // one JSON object a line
	"csv":      "csv",   // parses as CSV
	"text":     "plain", // text for terminals and grep: text as it is
	"table":    "plain",
	"github":   "plain",
}

// cmdInert runs `crosscheck ARGS --format F --fail-on none` for every format
// F of report.Formats and checks the output keeps the hostile pieces of the
// documents inert. Formats that this build cannot render yet (an "unknown
// format" error) are logged and passed over.
func cmdInert(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! inert")
	}
	if len(args) == 0 {
		ts.Fatalf("usage: inert crosscheck-args…")
	}
	for _, f := range report.Formats {
		kind, ok := formatKinds[f]
		if !ok {
			ts.Fatalf("format %s: no inert rule; add it to formatKinds in inert_test.go", f)
		}
		err := ts.Exec("crosscheck", append(append([]string{}, args...), "--format", f, "--fail-on", "none")...)
		out, stderr := ts.ReadFile("stdout"), ts.ReadFile("stderr")
		if err != nil {
			if strings.Contains(stderr, `unknown format "`+f+`"`) {
				ts.Logf("format %s: not rendered by this build; passed over", f)
				continue
			}
			ts.Fatalf("format %s: %v\n%s", f, err, stderr)
		}
		if !utf8.ValidString(out) {
			ts.Fatalf("format %s: output is not UTF-8", f)
		}
		if msg := inertProblem(kind, out); msg != "" {
			ts.Fatalf("format %s: %s", f, msg)
		}
		ts.Logf("format %s (%s): %d bytes, inert", f, kind, len(out))
	}
}

var (
	reDataBody = regexp.MustCompile(`data-body="([^"]*)"`)
	reFence    = regexp.MustCompile("(?ms)^ {0,3}(```+|~~~+).*?^ {0,3}(```+|~~~+)[ \t]*$")
	reCodeSpan = regexp.MustCompile("(`+)[^`]*?(`+)")
)

// inertProblem says what is wrong with out for a format of the given kind,
// or "" when the hostile pieces are inert in it.
func inertProblem(kind, out string) string {
	switch kind {
	case "html":
		// Closed sections carry their HTML in data-body attributes, which
		// the script inserts: check the page and that HTML both.
		for _, m := range reDataBody.FindAllStringSubmatch(out, -1) {
			out += "\n" + html.UnescapeString(m[1])
		}
		for _, p := range hostilePieces {
			if strings.Contains(out, p) {
				return "raw " + p + " in the HTML"
			}
		}
		if n := strings.Count(strings.ToLower(out), "<script"); n != 1 {
			return "the HTML holds " + itoa(n) + " script elements, want only its own"
		}
		if !strings.Contains(out, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			return "the hostile text is not shown, escaped, in the HTML"
		}
	case "markdown":
		// Once no tag can open, an attribute breaker is only text.
		text := reCodeSpan.ReplaceAllString(reFence.ReplaceAllString(out, ""), "")
		for _, p := range hostileTags {
			if strings.Contains(text, p) {
				return "raw " + p + " outside code in the Markdown"
			}
		}
	case "json":
		var v any
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			return "not JSON: " + err.Error()
		}
		for _, p := range hostilePieces {
			if strings.Contains(out, p) {
				return "raw " + p + " in the JSON (escape <, > and &)"
			}
		}
		b, _ := json.Marshal(v)
		if !bytes.Contains(b, []byte(`onmouseover`)) {
			return "the hostile text is missing from the JSON"
		}
	case "jsonl":
		for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			var v any
			if err := json.Unmarshal([]byte(line), &v); err != nil && line != "" {
				return "line " + itoa(i+1) + " is not JSON: " + err.Error()
			}
		}
		for _, p := range hostilePieces {
			if strings.Contains(out, p) {
				return "raw " + p + " in the JSON lines (escape <, > and &)"
			}
		}
	case "csv":
		r := csv.NewReader(strings.NewReader(out))
		r.FieldsPerRecord = -1
		if _, err := r.ReadAll(); err != nil {
			return "not CSV: " + err.Error()
		}
	case "plain":
		// Text for terminals and grep shows document text as it is.
	}
	return ""
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
