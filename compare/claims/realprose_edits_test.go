package claims

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input"
	"github.com/crosscheck/crosscheck/compare/lang"
)

// The other half of the real-prose evaluation: recall. Real prose holds
// few contradictions of its own, so some are made: paragraphs of Gibbon
// get one figure, one "was"/"were" or one adjective changed (to a
// different number, a denial, a WordNet antonym), and the changed
// paragraph is compared with the original, as two documents (a passage
// copied with an edit) and inside one (a passage restated). The change
// must be found at warning level; any other contradiction at warning level
// is a false alarm. Changes inside a clause that is not asserted on its own
// (a relative clause: "which were not confirmed") count too: a copy that
// says the opposite is a contradiction wherever it says it.

// proseEdit is one change made to a paragraph.
type proseEdit struct {
	kind          string // number, negation, antonym
	orig, changed string
}

// editAntonyms are adjective pairs WordNet lists as direct antonyms.
var editAntonyms = map[string]string{
	"strong": "weak", "weak": "strong", "rich": "poor", "poor": "rich", "able": "unable", "unable": "able",
	"possible": "impossible", "impossible": "possible", "just": "unjust", "equal": "unequal",
	"happy": "unhappy", "safe": "dangerous", "public": "private", "private": "public", "large": "small", "small": "large",
	"useful": "useless", "useless": "useful", "secure": "insecure", "wise": "foolish", "honest": "dishonest",
	"necessary": "unnecessary", "certain": "uncertain", "successful": "unsuccessful", "active": "inactive",
}

var editNumberWords = map[string]string{
	"two": "seven", "three": "nine", "four": "eleven", "five": "twelve", "six": "fifteen", "seven": "two",
	"eight": "three", "nine": "four", "ten": "thirty", "twelve": "five", "twenty": "eighty", "thirty": "ninety",
	"forty": "seventy", "fifty": "eleven", "sixty": "nine",
}

var (
	editNumberRe   = regexp.MustCompile(`(^|[\s(])(two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|forty|fifty|sixty|\d{2,5})\s+(thousand\s+)?(men|soldiers|ships|years|days|miles|legions|pounds|talents|cities|provinces|months|horse|persons|citizens|senators|feet|troops|vessels|galleys|elephants)\b`)
	editNegationRe = regexp.MustCompile(`\b(was|were)\s+([a-z]+ed)\b`)
	editAntonymRe  = regexp.MustCompile(`\b(was|were|is|are)\s+([a-z]+)\b`)
)

// proseEdits makes up to n changes, one per paragraph, from the paragraphs
// of text: up to n/3 of each kind, the kind with the fewest so far tried
// first.
func proseEdits(text string, n int) []proseEdit {
	var out []proseEdit
	made := map[string]int{}
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if len(out) >= n {
			break
		}
		if len(p) < 300 || len(p) > 3000 || strings.Contains(p, "[Footnote") {
			continue
		}
		try := func(kind string) (proseEdit, bool) {
			switch kind {
			case "number":
				m := editNumberRe.FindStringSubmatchIndex(p)
				if m == nil || strings.HasPrefix(p[m[5]:], "-") || strings.HasSuffix(p[:m[4]], "and ") || strings.HasSuffix(p[:m[4]], "hundred ") {
					return proseEdit{}, false
				}
				w := p[m[4]:m[5]]
				nw := editNumberWords[strings.ToLower(w)]
				if v, err := strconv.Atoi(w); err == nil {
					nw = strconv.Itoa(v*2 + 3)
				}
				return proseEdit{kind, p, p[:m[4]] + nw + p[m[5]:]}, true
			case "negation":
				m := editNegationRe.FindStringSubmatchIndex(p)
				if m == nil {
					return proseEdit{}, false
				}
				return proseEdit{kind, p, p[:m[3]] + " not" + p[m[3]:]}, true
			case "antonym":
				for _, m := range editAntonymRe.FindAllStringSubmatchIndex(p, -1) {
					if a, ok := editAntonyms[p[m[4]:m[5]]]; ok {
						return proseEdit{kind, p, p[:m[4]] + a + p[m[5]:]}, true
					}
				}
			}
			return proseEdit{}, false
		}
		// the kind with the fewest changes so far first
		kinds := []string{"number", "negation", "antonym"}
		sort.SliceStable(kinds, func(i, j int) bool { return made[kinds[i]] < made[kinds[j]] })
		for _, k := range kinds {
			if made[k] >= n/3 {
				continue
			}
			if e, ok := try(k); ok {
				out = append(out, e)
				made[k]++
				break
			}
		}
	}
	return out
}

func TestRealProseEdits(t *testing.T) {
	shared := sharedDir()
	if shared == "" {
		t.Skip("no ../shared corpora")
	}
	raw, err := os.ReadFile(filepath.Join(shared, "corpora", "gibbon-vol1", "731.txt"))
	if err != nil {
		t.Skip(err)
	}
	for a, b := range editAntonyms {
		if o, _ := lang.Antonyms(a, b); !o {
			t.Fatalf("%s and %s are no antonyms in WordNet", a, b)
		}
	}
	edits := proseEdits(string(raw), 300)
	type tally struct{ found, total, alarms int }
	results := map[string]*tally{}
	ctx := context.Background()
	for _, e := range edits {
		for _, scope := range []string{"across", "within"} {
			var docs []*compare.Document
			if scope == "across" {
				da, _ := input.Parse("a.txt", []byte(e.orig), input.Options{})
				db, _ := input.Parse("b.txt", []byte(e.changed), input.Options{})
				docs = []*compare.Document{da, db}
			} else {
				d, _ := input.Parse("a.txt", []byte(e.orig+"\n\n"+e.changed), input.Options{})
				docs = []*compare.Document{d}
			}
			dcs, err := ExtractAll(ctx, docs)
			if err != nil {
				t.Fatal(err)
			}
			ms, err := Compare(ctx, dcs)
			if err != nil {
				t.Fatal(err)
			}
			key := e.kind + " " + scope
			if results[key] == nil {
				results[key] = &tally{}
			}
			r := results[key]
			r.total++
			found := false
			for _, f := range Findings(ms, Options{NoOverlap: true}) {
				if f.Severity != compare.Warning {
					continue
				}
				if f.Check.ID == "claims.contradiction."+e.kind && !found {
					found = true
					continue
				}
				r.alarms++
			}
			if found {
				r.found++
			} else if testing.Verbose() && os.Getenv("REALPROSE_MISSES") == e.kind && scope == "across" {
				t.Logf("missed %s: %s", e.kind, changedSentence(e))
			}
		}
	}
	floors := map[string]float64{"number": 0.5, "negation": 0.75, "antonym": 0.5}
	for _, kind := range []string{"number", "negation", "antonym"} {
		for _, scope := range []string{"across", "within"} {
			r := results[kind+" "+scope]
			if r == nil || r.total == 0 {
				t.Errorf("no %s changes made", kind)
				continue
			}
			rec := float64(r.found) / float64(r.total)
			t.Logf("%-8s %-6s found %3d of %3d (recall %.2f), other contradictions at warning %d", kind, scope, r.found, r.total, rec, r.alarms)
			if rec < floors[kind] {
				t.Errorf("%s %s: recall %.2f, want ≥ %.2f", kind, scope, rec, floors[kind])
			}
		}
	}
}

// changedSentence is the sentence of e.changed that holds the change, for
// REALPROSE_MISSES=kind go test -v -run TestRealProseEdits.
func changedSentence(e proseEdit) string {
	i := 0
	for i < len(e.orig) && i < len(e.changed) && e.orig[i] == e.changed[i] {
		i++
	}
	d, err := input.Parse("b.txt", []byte(e.changed), input.Options{})
	if err != nil {
		return ""
	}
	si := d.SentenceAt(d.TextSpan(compare.Span{Start: i, End: i}).Start)
	if si < 0 {
		return ""
	}
	return strings.Join(strings.Fields(d.TextOf(d.Sentences[si])), " ")
}
