package report

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/seeds"
)

// seedResult runs the stutter check over the embedded seeds, as
// `crosscheck check` does.
func seedResult(t *testing.T) *Result {
	t.Helper()
	docs, err := seeds.Documents()
	if err != nil {
		t.Fatal(err)
	}
	an := []*compare.Analyzer{compare.StutterAnalyzer(compare.StutterOptions{}), compare.InputAnalyzer()}
	var found compare.Collector
	if err := compare.Run(context.Background(), an, docs, nil, compare.Budget{}, &found); err != nil {
		t.Fatal(err)
	}
	fs := found.Findings
	var checks []*compare.Check
	for _, a := range an {
		checks = append(checks, a.Checks...)
	}
	return &Result{Tool: "crosscheck", Version: "0.1.0", Docs: docs, Findings: fs, Checks: checks}
}

func render(t *testing.T, format string, r *Result) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, format, r, Options{}); err != nil {
		t.Fatalf("render %s: %v", format, err)
	}
	return buf.Bytes()
}

// parsed renders res in a JSON format (json, sarif) and decodes it.
func parsed(t *testing.T, format string, res *Result) map[string]any {
	t.Helper()
	var v any
	if err := json.Unmarshal(render(t, format, res), &v); err != nil {
		t.Fatalf("%s output does not parse: %v", format, err)
	}
	return obj(t, v, "$")
}

// obj, arr, str and num read a decoded JSON value, failing the test with
// the path when the shape is wrong.
func obj(t *testing.T, v any, path string) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%s: want an object, got %T", path, v)
	}
	return m
}

func arr(t *testing.T, v any, path string) []any {
	t.Helper()
	a, ok := v.([]any)
	if !ok {
		t.Fatalf("%s: want an array, got %T", path, v)
	}
	return a
}

func str(t *testing.T, m map[string]any, key, path string) string {
	t.Helper()
	s, ok := m[key].(string)
	if !ok || s == "" {
		t.Fatalf("%s.%s: want a non-empty string, got %#v", path, key, m[key])
	}
	return s
}

func num(t *testing.T, m map[string]any, key, path string) int {
	t.Helper()
	f, ok := m[key].(float64)
	if !ok || f != float64(int(f)) {
		t.Fatalf("%s.%s: want an integer, got %#v", path, key, m[key])
	}
	return int(f)
}

// TestJSONContract checks that the JSON output parses and carries every
// field of the contract in DESIGN.md, with the right types and values.
func TestJSONContract(t *testing.T) {
	for name, res := range map[string]*Result{"seeds": seedResult(t), "fixture": fixture(t)} {
		t.Run(name, func(t *testing.T) {
			top := parsed(t, "json", res)
			if str(t, top, "tool", "$") != "crosscheck" || num(t, top, "schema", "$") != SchemaVersion {
				t.Errorf("tool/schema: %v %v", top["tool"], top["schema"])
			}
			str(t, top, "version", "$")
			files := arr(t, top["files"], "$.files")
			if len(files) != len(res.Docs) {
				t.Errorf("files: %d, want %d", len(files), len(res.Docs))
			}
			for _, f := range files {
				fm := obj(t, f, "$.files[]")
				str(t, fm, "path", "$.files[]")
				num(t, fm, "bytes", "$.files[]")
			}
			findings := arr(t, top["findings"], "$.findings")
			if len(findings) != len(res.Findings) {
				t.Fatalf("findings: %d, want %d", len(findings), len(res.Findings))
			}
			sum := map[string]int{}
			for i, fv := range findings {
				p := fmt.Sprintf("$.findings[%d]", i)
				f := obj(t, fv, p)
				want := res.Findings[i]
				if str(t, f, "check", p) != want.Check.ID || f["message"] != want.Message {
					t.Errorf("%s: check %v message %v", p, f["check"], f["message"])
				}
				sev := str(t, f, "severity", p)
				sum[sev]++
				checkLocation(t, f, p, want.Location)
				for _, key := range []string{"excerpt", "fingerprint"} {
					if _, ok := f[key].(string); !ok {
						t.Errorf("%s.%s missing", p, key)
					}
				}
				obj(t, f["details"], p+".details")
				rel := arr(t, f["related"], p+".related")
				if len(rel) != len(want.Related) {
					t.Fatalf("%s.related: %d, want %d", p, len(rel), len(want.Related))
				}
				for k, rv := range rel {
					r := obj(t, rv, p+".related[]")
					if str(t, r, "role", p+".related[]") != want.Related[k].Role {
						t.Errorf("%s.related[%d].role = %v", p, k, r["role"])
					}
					checkLocation(t, r, p+".related[]", want.Related[k].Location)
				}
			}
			s := obj(t, top["summary"], "$.summary")
			if num(t, s, "findings", "$.summary") != len(res.Findings) || num(t, s, "error", "$.summary") != sum["error"] ||
				num(t, s, "warning", "$.summary") != sum["warning"] || num(t, s, "info", "$.summary") != sum["info"] {
				t.Errorf("summary %v, counted %v", s, sum)
			}
		})
	}
}

// checkLocation checks a JSON location's fields against the finding's.
func checkLocation(t *testing.T, m map[string]any, p string, l compare.Location) {
	t.Helper()
	if str(t, m, "file", p) != l.Doc.Path {
		t.Errorf("%s.file = %v", p, m["file"])
	}
	if num(t, m, "offset", p) != l.Span.Start || num(t, m, "end_offset", p) != l.Span.End {
		t.Errorf("%s: offsets %v..%v, want %v", p, m["offset"], m["end_offset"], l.Span)
	}
	start, end := l.Doc.Position(l.Span.Start), l.Doc.Position(l.Span.End)
	if num(t, m, "line", p) != start.Line || num(t, m, "column", p) != start.Column ||
		num(t, m, "end_line", p) != end.Line || num(t, m, "end_column", p) != end.Column {
		t.Errorf("%s: position %v:%v-%v:%v, want %v-%v", p, m["line"], m["column"], m["end_line"], m["end_column"], start, end)
	}
	if start.Line < 1 || start.Column < 1 {
		t.Errorf("%s: position %v not 1-based", p, start)
	}
}

// TestJSONSeedStutter pins the seeds' stutter in the JSON output.
func TestJSONSeedStutter(t *testing.T) {
	var out struct {
		Findings []struct {
			Check, File, Excerpt string
			Line, Offset         int
			EndOffset            int `json:"end_offset"`
		}
	}
	if err := json.Unmarshal(render(t, "json", seedResult(t)), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Findings) != 1 {
		t.Fatalf("findings %+v, want the one stutter", out.Findings)
	}
	f := out.Findings[0]
	if f.Check != "repeat.stutter" || f.File != "seeds/001_66c055a39ca13850.txt" || f.Line != 5 ||
		f.Excerpt != "by developing sophisticated weapons systems" || f.EndOffset-f.Offset != len(f.Excerpt) {
		t.Errorf("finding %+v", f)
	}
}

// TestSARIF checks every property the SARIF 2.1.0 schema requires and
// GitHub code scanning reads, on the seeds and on the awkward fixture.
func TestSARIF(t *testing.T) {
	for name, res := range map[string]*Result{"seeds": seedResult(t), "fixture": fixture(t)} {
		t.Run(name, func(t *testing.T) {
			log := parsed(t, "sarif", res)
			if str(t, log, "version", "$") != "2.1.0" {
				t.Errorf("version %v", log["version"])
			}
			if s := str(t, log, "$schema", "$"); !strings.Contains(s, "sarif") || !strings.Contains(s, "2.1.0") {
				t.Errorf("$schema %q", s)
			}
			runs := arr(t, log["runs"], "$.runs")
			if len(runs) != 1 {
				t.Fatalf("runs: %d", len(runs))
			}
			run := obj(t, runs[0], "$.runs[0]")
			if run["columnKind"] != "unicodeCodePoints" {
				t.Errorf("columnKind %v", run["columnKind"])
			}
			driver := obj(t, obj(t, run["tool"], "tool")["driver"], "tool.driver")
			if str(t, driver, "name", "driver") != "crosscheck" {
				t.Errorf("driver name %v", driver["name"])
			}
			str(t, driver, "version", "driver")
			if _, err := url.Parse(str(t, driver, "informationUri", "driver")); err != nil {
				t.Error(err)
			}
			levels := map[string]bool{"none": true, "note": true, "warning": true, "error": true}
			var ruleIDs []string
			for _, rv := range arr(t, driver["rules"], "driver.rules") {
				rule := obj(t, rv, "rule")
				id := str(t, rule, "id", "rule")
				ruleIDs = append(ruleIDs, id)
				for _, k := range []string{"shortDescription", "fullDescription", "help"} {
					str(t, obj(t, rule[k], id+"."+k), "text", id+"."+k)
				}
				if l := str(t, obj(t, rule["defaultConfiguration"], id), "level", id); !levels[l] {
					t.Errorf("rule %s level %q", id, l)
				}
			}
			_, index := rules(res)
			if len(ruleIDs) != len(index) {
				t.Errorf("rules %v", ruleIDs)
			}
			results := arr(t, run["results"], "run.results")
			if len(results) != len(res.Findings) {
				t.Fatalf("results: %d, want %d", len(results), len(res.Findings))
			}
			fingerprints := map[string]bool{}
			for i, rv := range results {
				r := obj(t, rv, "result")
				id := str(t, r, "ruleId", "result")
				ri := num(t, r, "ruleIndex", "result")
				if ri < 0 || ri >= len(ruleIDs) || ruleIDs[ri] != id {
					t.Errorf("result %d: ruleIndex %d does not name %s", i, ri, id)
				}
				if l := str(t, r, "level", "result"); !levels[l] || l == "none" {
					t.Errorf("result %d: level %q", i, l)
				}
				if str(t, obj(t, r["message"], "message"), "text", "message") != res.Findings[i].Message {
					t.Errorf("result %d: message %v", i, r["message"])
				}
				locs := arr(t, r["locations"], "locations")
				if len(locs) != 1 {
					t.Fatalf("result %d: %d locations", i, len(locs))
				}
				checkSARIFLocation(t, obj(t, locs[0], "location"), res.Findings[i].Location)
				fp := obj(t, r["partialFingerprints"], "partialFingerprints")
				h := str(t, fp, FingerprintVersion, "partialFingerprints")
				if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(h) {
					t.Errorf("fingerprint %q", h)
				}
				fingerprints[h] = true
				if res.Findings[i].Related != nil {
					rel := arr(t, r["relatedLocations"], "relatedLocations")
					for k, lv := range rel {
						lm := obj(t, lv, "relatedLocation")
						if num(t, lm, "id", "relatedLocation") < 0 {
							t.Errorf("related id %v", lm["id"])
						}
						want := res.Findings[i].Related[k]
						if str(t, obj(t, lm["message"], "related.message"), "text", "related.message") != want.Role {
							t.Errorf("related message %v", lm["message"])
						}
						checkSARIFLocation(t, lm, want.Location)
					}
				}
			}
			if len(fingerprints) != len(results) {
				t.Errorf("%d distinct fingerprints for %d results", len(fingerprints), len(results))
			}
		})
	}
}

func checkSARIFLocation(t *testing.T, loc map[string]any, want compare.Location) {
	t.Helper()
	phys := obj(t, loc["physicalLocation"], "physicalLocation")
	uri := str(t, obj(t, phys["artifactLocation"], "artifactLocation"), "uri", "artifactLocation")
	u, err := url.Parse(uri)
	if err != nil {
		t.Fatalf("uri %q: %v", uri, err)
	}
	if u.IsAbs() || strings.Contains(uri, `\`) || u.Path != want.Doc.Path {
		t.Errorf("uri %q is not the relative slash path %q", uri, want.Doc.Path)
	}
	region := obj(t, phys["region"], "region")
	start, end := want.Doc.Position(want.Span.Start), want.Doc.Position(want.Span.End)
	if l := num(t, region, "startLine", "region"); l < 1 || l != start.Line {
		t.Errorf("startLine %d, want %d", l, start.Line)
	}
	if num(t, region, "startColumn", "region") != start.Column || num(t, region, "endLine", "region") != end.Line ||
		num(t, region, "endColumn", "region") != end.Column {
		t.Errorf("region %v, want %v-%v", region, start, end)
	}
	if num(t, region, "byteOffset", "region") != want.Span.Start || num(t, region, "byteLength", "region") != want.Span.Len() {
		t.Errorf("region bytes %v, want %v", region, want.Span)
	}
}

// TestSARIFAbsolutePath: an absolute path becomes a file:// URI.
func TestSARIFAbsolutePath(t *testing.T) {
	for in, want := range map[string]string{
		"/tmp/a b/c#d.txt": "file:///tmp/a%20b/c%23d.txt",
		"docs/a:b.txt":     "docs/a:b.txt",
		"a:b.txt":          "./a:b.txt",
		"seeds/x.txt":      "seeds/x.txt",
		"100%.txt":         "100%25.txt",
	} {
		if got := artifactURI(in); got != want {
			t.Errorf("artifactURI(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestGitHubEscaping: a message and properties holding "%", ":", ","
// and a line break are escaped as the Actions runner expects, and each
// finding stays on one line (the message's own line breaks show as
// escapes, so that no name or quote can pass for a line of the annotation).
func TestGitHubEscaping(t *testing.T) {
	d := fixtureDoc(t, "dir, with: 100%/a.txt", "one two two three\n")
	check := &compare.Check{ID: "x.y", Title: "Odd: title, 50%", Severity: compare.Error}
	f := compare.Newf(check, d, spanOf(t, d, "two", 1), "%s", "100% sure: yes, really\nsecond line\r\nthird")
	res := &Result{Tool: "crosscheck", Version: "0", Docs: []*compare.Document{d}, Findings: []compare.Finding{f}}
	out := string(render(t, "github", res))
	want := "::error file=dir%2C with%3A 100%25/a.txt,line=1,col=9,endLine=1,endColumn=12," +
		`title=x.y%3A Odd%3A title%2C 50%25::100%25 sure: yes, really\x0asecond line\x0d\x0athird` + "\n"
	if !strings.HasPrefix(out, want) {
		t.Errorf("got  %q\nwant %q", out, want)
	}
	if n := strings.Count(out, "\n"); n != 2 { // the command and the summary
		t.Errorf("%d lines: %q", n, out)
	}
	for in, want := range map[string]string{"a%b": "a%25b", "a\rb": `a\x0db`, "a\nb": `a\x0ab`, "%0A": "%250A"} {
		if got := Safe(GitHubData, in); got != want {
			t.Errorf("Safe(GitHubData, %q) = %q, want %q", in, got, want)
		}
	}
	if got := Safe(GitHubProperty, "a:b,c%d"); got != "a%3Ab%2Cc%25d" {
		t.Errorf("Safe(GitHubProperty) = %q", got)
	}
}

// TestFingerprintStable: a fingerprint ignores lines added above and
// re-wrapping, and changes with the check or the words around.
func TestFingerprintStable(t *testing.T) {
	fp := func(text, sub string, c *compare.Check) string {
		d := fixtureDoc(t, "f.txt", text)
		return Fingerprint(compare.Newf(c, d, spanOf(t, d, sub, 0), "m"))
	}
	base := fp("It was the the end of it all.", "the end", compare.CheckStutter)
	same := []string{
		"A new first line.\n\nIt was the the end of it all.",
		"It was the\nthe   end of\nit all.",
		"IT WAS THE THE END OF IT ALL.",
	}
	if got := fp(same[0], "the end", compare.CheckStutter); got != base {
		t.Errorf("line added above changed the fingerprint")
	}
	if got := fp(same[1], "the   end", compare.CheckStutter); got != base {
		t.Errorf("re-wrapping changed the fingerprint")
	}
	if got := fp(same[2], "THE END", compare.CheckStutter); got != base {
		t.Errorf("case changed the fingerprint")
	}
	if got := fp("It was the the end of it all.", "the end", checkNote); got == base {
		t.Errorf("another check, same fingerprint")
	}
	if got := fp("It was the the end of the world.", "the end", compare.CheckStutter); got == base {
		t.Errorf("other words after, same fingerprint")
	}
}
