package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// positionInMessage finds what a finding message must not carry: a line
// number, a line:column or path:line:col, an offset. Places belong in a
// finding's Related, which every format shows.
var positionInMessage = regexp.MustCompile(`\bline \d+|\d+:\d+|\boffset \d+|\bbytes? \d+`)

// quotedInMessage matches the excerpts a message quotes from the documents
// ("…" as Go's %q writes it, and typographic “…”), whose text may hold
// anything, "10:30" or "John 3:16" included.
var quotedInMessage = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|“[^”]*”`)

// messageCorpus is a small set of documents that gives the findings whose
// messages used to name places: a paragraph repeated inside a document, a
// sentence shared by three documents, the same claim in two documents and
// a figure that contradicts another document's.
var messageCorpus = map[string]string{
	"a.md": `# The river crossing

The old ferry ran for ninety years before the town council voted to replace it with a bridge of steel and stone across the narrow part of the river.

The harbour master kept a ledger of every vessel that entered the bay, noting its cargo, its crew and the hour of its arrival at the quay.

The bridge carries 40,000 vehicles a day. The river rises in the northern hills and reaches the sea after a journey of three hundred miles through farmland.

Work began in the spring, and the engineers finished the piers before the first floods of autumn.

The harbour master kept a ledger of every vessel that entered the bay, noting its cargo, its crew and the hour of its arrival at the quay.
`,
	"b.txt": `Notes on the crossing

The old ferry ran for almost ninety years before the town council voted to replace it with a bridge of steel and concrete across the narrow part of the river.

Today the bridge carries 60,000 vehicles a day.

Maps are sold at the station. The river rises in the northern hills and reaches the sea after a journey of three hundred miles through farmland.
`,
	"c.txt": `Geography lesson, week four.

Pupils drew the valley from memory. The river rises in the northern hills and reaches the sea after a journey of three hundred miles through farmland, the teacher read aloud.
`,
}

type messageFinding struct {
	Check   string `json:"check"`
	File    string `json:"file"`
	Line    int    `json:"line"`
	Message string `json:"message"`
	Related []struct {
		Role string `json:"role"`
	} `json:"related"`
}

// findingsOf runs crosscheck with args (in dir, when not "") and returns
// the findings of its JSON report.
func findingsOf(t *testing.T, dir string, args ...string) []messageFinding {
	t.Helper()
	if dir != "" {
		t.Chdir(dir)
	}
	var stdout, stderr bytes.Buffer
	args = append(append([]string{}, args...), "--format", "json", "--quiet", "--fail-on", "none")
	if code := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("crosscheck %s: exit %d: %s", strings.Join(args, " "), code, stderr.String())
	}
	var rep struct{ Findings []messageFinding }
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("crosscheck %s: %v", strings.Join(args, " "), err)
	}
	return rep.Findings
}

// TestMessagesNameNoPositions fails when a finding message carries a
// position (a line, line:column, path:line:col or an offset) outside the
// text it quotes: a message says what is wrong, Related says where else.
func TestMessagesNameNoPositions(t *testing.T) {
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	gen := t.TempDir()
	for name, text := range messageCorpus {
		if err := os.WriteFile(filepath.Join(gen, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	runs := []struct {
		name string
		dir  string
		args []string
		want []string // checks the run must report, so that it tests something
	}{
		{"seeds", "", []string{"check"}, []string{"repeat.passage", "claims.overlap", "repeat.stutter"}},
		{"cite fixtures", repo, []string{"check", "--sources", "testdata/cite/sources", "testdata/cite/fixtures"},
			[]string{"cite.quote-mismatch", "cite.note-duplicate", "cite.quote-page"}},
		{"generated", gen, []string{"check", "a.md", "b.txt", "c.txt"},
			[]string{"repeat.passage", "claims.overlap", "claims.contradiction.number"}},
		{"generated align", gen, []string{"align", "a.md", "b.txt", "c.txt"}, []string{"align.passage"}},
	}
	for _, r := range runs {
		t.Run(r.name, func(t *testing.T) {
			seen := map[string]bool{}
			for _, f := range findingsOf(t, r.dir, r.args...) {
				seen[f.Check] = true
				bare := quotedInMessage.ReplaceAllString(f.Message, `""`)
				if m := positionInMessage.FindString(bare); m != "" {
					t.Errorf("%s:%d: %s: message names a position (%q): %s", f.File, f.Line, f.Check, m, f.Message)
				}
			}
			for _, c := range r.want {
				if !seen[c] {
					t.Errorf("no %s finding", c)
				}
			}
		})
	}
}

// TestRepeatedPassageMessages checks, on the generated documents, that the
// places the messages no longer name are the findings' related places.
func TestRepeatedPassageMessages(t *testing.T) {
	gen := t.TempDir()
	for name, text := range messageCorpus {
		if err := os.WriteFile(filepath.Join(gen, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]string{
		"paragraph of 27 words repeated from earlier in the document":                         "first",
		"sentence of 20 words in 3 places, also in a.md, c.txt":                               "first copy",
		`amounts differ: "60,000 vehicles" here, "40,000 vehicles" in a.md (confidence 0.85)`: "contradicted claim value value here",
	}
	got := map[string]string{}
	for _, f := range findingsOf(t, gen, "check", "a.md", "b.txt", "c.txt") {
		var roles []string
		for _, r := range f.Related {
			roles = append(roles, r.Role)
		}
		got[f.Message] = strings.Join(roles, " ")
	}
	for msg, roles := range want {
		if g, ok := got[msg]; !ok {
			t.Errorf("no finding says %q; messages: %q", msg, keys(got))
		} else if g != roles {
			t.Errorf("%q: related roles %q, want %q", msg, g, roles)
		}
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestPositionInMessage pins what the check above counts as a position, and
// that text a message quotes is left out.
func TestPositionInMessage(t *testing.T) {
	for msg, want := range map[string]bool{
		`passage of 29 words repeated from line 5`:                          true,
		`same claim in 2 places (also seeds/003.txt:26:150): "x"`:           true,
		`amounts differ: "five" here, "eight" at a.txt:1:35`:                true,
		`binary data at offset 120`:                                         true,
		`same claim in 2 places: "the train left at 10:30 as in John 3:16"`: false,
		`quotation differs: “see line 4, 12:3”`:                             false,
		`amounts differ: "\"5:2\" votes" here, "6:1" in a.txt`:              false,
		`note 35 cites p. 12, but the quoted passage is on p. 14`:           false,
		`numbering starts at 35: notes 1–34 are not in this document`:       false,
	} {
		bare := quotedInMessage.ReplaceAllString(msg, `""`)
		if got := positionInMessage.MatchString(bare); got != want {
			t.Errorf("%s: position %v, want %v", msg, got, want)
		}
	}
}
