package reuse

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
)

// disclaimer is the paragraph every briefing below carries.
const disclaimer = "The views expressed in this briefing are those of its authors and do not necessarily " +
	"reflect the position of the Regional Water Board or of its member councils. Figures are " +
	"provisional until the audited accounts for the year have been published."

// briefings are five notes on different subjects, each a paragraph, the
// disclaimer and a closing paragraph.
var briefings = [][2]string{
	{"Reservoir levels in the northern catchment stood at 71 per cent of capacity at the end of September, " +
		"eight points below the ten-year average for the month. The two upland lakes fell fastest, as the dry " +
		"summer cut inflows while demand from the new housing estates kept rising.",
		"Engineers expect the levels to recover once the autumn rains arrive, but the transfer main from the " +
			"southern works will run at full capacity until December."},
	{"Leakage from the distribution network fell to 94 megalitres a day in the third quarter, the lowest figure " +
		"since monitoring began. Most of the gain came from the pressure management scheme in the older districts " +
		"of the city, where burst mains had been repaired at a rate of nearly forty a week.",
		"The board has asked the network team to publish a street-by-street map of the repairs so that residents " +
			"can report any new losses they notice."},
	{"Complaints about billing rose sharply in August after the move to the new customer system, which sent some " +
		"households two statements for the same period. Call waiting times at the contact centre reached twenty " +
		"minutes on the worst days.",
		"All duplicate statements have now been withdrawn, and customers who paid twice will see the refund on " +
			"their next bill without having to apply for it."},
	{"The drought plan was reviewed in July against the new climate projections, which show longer dry spells in " +
		"late summer and heavier winter storms. The review found that the trigger for a hosepipe ban was set too " +
		"late to protect the smaller reservoirs.",
		"A public consultation on the revised triggers will open in November, with meetings in each district so " +
			"that farmers can explain how restrictions would affect them."},
	{"Fifty-two field staff completed the confined space course this year, and every supervisor now holds the " +
		"updated first aid certificate. The training budget was underspent because two courses were cancelled " +
		"when the college could not provide an instructor.",
		"Next year the board plans to run the courses at its own depot, which will cut travel time and allow " +
			"night-shift workers to attend without losing a day of rest."},
}

// shared is a sentence two of the briefings add right after the disclaimer.
const shared = "Members asked for a full account of the emergency spending on the Carrow pumping station, " +
	"which ran over budget by a third after the contractor found damaged foundations."

// briefingDocs returns the briefings as documents; those whose index is
// in withShared carry the shared sentence in the disclaimer's paragraph.
func briefingDocs(t testing.TB, withShared ...int) []*compare.Document {
	var docs []*compare.Document
	for i, b := range briefings {
		mid := disclaimer
		for _, w := range withShared {
			if w == i {
				mid += " " + shared
			}
		}
		docs = append(docs, mustDoc(t, fmt.Sprintf("b%d.txt", i), b[0]+"\n\n"+mid+"\n\n"+b[1]+"\n"))
	}
	return docs
}

// runAnalyzers runs the analyzers and returns their findings by check ID.
func runAnalyzers(t *testing.T, docs []*compare.Document, as ...*compare.Analyzer) map[string][]compare.Finding {
	t.Helper()
	var found compare.Collector
	if err := compare.Run(context.Background(), as, docs, nil, compare.Budget{}, &found); err != nil {
		t.Fatal(err)
	}
	out := map[string][]compare.Finding{}
	for _, f := range found.Findings {
		out[f.Check.ID] = append(out[f.Check.ID], f)
	}
	return out
}

// A disclaimer in five documents is one group of five places, each the
// disclaimer exactly; the text around it is no boilerplate.
func TestBoilerplateDisclaimer(t *testing.T) {
	docs := briefingDocs(t)
	b, err := FindBoilerplate(context.Background(), docs, BoilerplateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Groups) != 1 || b.Groups[0].Docs != 5 || b.Groups[0].Count != 5 {
		t.Fatalf("groups %+v, want one of 5 places\n%s", b.Groups, b.describe())
	}
	for i, d := range docs {
		spans := b.Spans(i)
		if len(spans) != 1 || d.TextOf(spans[0]) != strings.TrimSuffix(disclaimer, ".") {
			t.Errorf("%s: boilerplate %q", d.Path, b.describe())
		}
	}
	// Two documents are a pair, not a collection; nor is the disclaimer
	// boilerplate of five documents when it must be in six.
	for _, c := range []struct {
		docs []*compare.Document
		opt  BoilerplateOptions
	}{{docs[:2], BoilerplateOptions{}}, {docs, BoilerplateOptions{MinDocs: 6}}, {docs, BoilerplateOptions{MinWords: 50}}} {
		b, err := FindBoilerplate(context.Background(), c.docs, c.opt)
		if err != nil || len(b.Groups) != 0 {
			t.Errorf("%d documents, %+v: groups %+v (%v)", len(c.docs), c.opt, b.Groups, err)
		}
	}
}

// The repeats analyzer reports the disclaimer once as repeat.boilerplate
// and not as repeat.passage; the sentence two documents add right after it
// is a passage of its own, not run on from the disclaimer; align likewise.
func TestBoilerplateLeftOutOfPassages(t *testing.T) {
	docs := briefingDocs(t, 0, 3)
	rep := RepeatAnalyzer(RepeatOptions{})
	boiler := BoilerplateAnalyzer(BoilerplateFor(Options{}, BoilerplateOptions{}))
	got := runAnalyzers(t, docs, rep, boiler)
	if n := len(got["repeat.boilerplate"]); n != 1 {
		t.Errorf("%d repeat.boilerplate findings, want 1", n)
	}
	ps := got["repeat.passage"]
	if len(ps) != 1 || ps[0].Doc != docs[3] || docs[3].Excerpt(ps[0].Span, 0) != shared[:len(shared)-1] {
		for _, f := range ps {
			t.Logf("%s: %q", f.Doc.Path, f.Doc.Excerpt(f.Span, 0))
		}
		t.Fatalf("%d repeat.passage findings, want the shared sentence alone in b3.txt", len(ps))
	}
	al := runAnalyzers(t, docs, AlignAnalyzer(AlignOptions{}))
	if n := len(al["repeat.boilerplate"]); n != 0 {
		t.Errorf("align alone reports boilerplate (%d)", n)
	}
	ps = al["align.passage"]
	if len(ps) != 1 || docs[3].Excerpt(ps[0].Span, 0) != shared[:len(shared)-1] {
		for _, f := range ps {
			t.Logf("%s: %q", f.Doc.Path, f.Doc.Excerpt(f.Span, 0))
		}
		t.Fatalf("%d align.passage findings, want the shared sentence alone", len(ps))
	}
	if sim := ps[0].Details["similarity"]; sim != 1.0 {
		t.Errorf("similarity %v", sim)
	}
	// Without boilerplate (two documents), the passage is the disclaimer
	// and the sentence together, as the engine aligns them.
	two := runAnalyzers(t, []*compare.Document{docs[0], docs[3]}, AlignAnalyzer(AlignOptions{}))
	if ps := two["align.passage"]; len(ps) != 1 || !strings.HasPrefix(docs[3].Excerpt(ps[0].Span, 0), "The views expressed") {
		t.Errorf("two documents: %d passages", len(ps))
	}
}

// Near copies of one text are versions, not boilerplate: a folder of
// drafts counts as one document, and what only the drafts share is left to
// align. A paragraph the drafts share with four other documents is in five
// documents out of five, and boilerplate wherever it is.
func TestBoilerplateNotVersions(t *testing.T) {
	var docs []*compare.Document
	for i := 0; i < 6; i++ {
		text := briefings[0][0] + "\n\n" + briefings[1][0] + "\n\n" + briefings[2][0] + fmt.Sprintf(" Draft %d.", i)
		docs = append(docs, mustDoc(t, fmt.Sprintf("v%d.txt", i), text))
	}
	for i := 0; i < 4; i++ {
		docs = append(docs, mustDoc(t, fmt.Sprintf("o%d.txt", i), briefings[3+i%2][1]+fmt.Sprintf(" Note %d.\n\n", i)+briefings[1][0]))
	}
	b, err := FindBoilerplate(context.Background(), docs, BoilerplateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 6; i++ {
		for _, s := range b.Spans(i) {
			if got := docs[i].TextOf(s); !strings.Contains(briefings[1][0], strings.TrimSpace(got)) {
				t.Errorf("version %d: %q is boilerplate, only the paragraph all share should be", i, got)
			}
		}
	}
	if len(b.Groups) != 1 || b.Groups[0].Docs != 10 {
		t.Errorf("groups %+v, want the paragraph in all ten\n%s", b.Groups, b.describe())
	}
	// Without the four others, the drafts alone hold no boilerplate.
	if b, err := FindBoilerplate(context.Background(), docs[:6], BoilerplateOptions{}); err != nil || len(b.Groups) != 0 {
		t.Errorf("drafts alone: %v %s", err, b.describe())
	}
}

// Marked text is boilerplate wherever it is, in one document or many,
// whatever its case and line breaks; found common as well, it is one group.
func TestBoilerplateMarked(t *testing.T) {
	docs := briefingDocs(t)
	docs = append(docs[:2], mustDoc(t, "m.txt", "Confidential:\nprepared for the BOARD only.\n\nThe meeting opened at ten."))
	b, err := FindBoilerplate(context.Background(), docs, BoilerplateOptions{
		Marked: []string{"confidential: prepared for the board only", disclaimer}})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Groups) != 2 {
		t.Fatalf("groups %+v\n%s", b.Groups, b.describe())
	}
	for _, g := range b.Groups {
		if !g.Marked {
			t.Errorf("group %+v is not marked", g)
		}
	}
	if s := b.Spans(2); len(s) != 1 || docs[2].TextOf(s[0]) != "Confidential:\nprepared for the BOARD only" {
		t.Errorf("m.txt: %s", b.describe())
	}
	f := boilerplateFinding(docs, b.Groups[0])
	if f.Check != CheckRepeatBoilerplate || f.Severity != compare.Info || len(f.Related) != 1 {
		t.Errorf("finding %+v", f)
	}
}

// Cutting a passage at boilerplate keeps its pieces on each side as
// passages of their own, with their counts, and drops pieces too short.
func TestBoilerplateCut(t *testing.T) {
	docs := briefingDocs(t, 0, 3)
	b, err := FindBoilerplate(context.Background(), docs, BoilerplateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ps := AlignPair(docs[0], docs[3], Options{})
	if len(ps) != 1 {
		t.Fatalf("%d passages", len(ps))
	}
	opt := Options{}.withDefaults()
	cut := b.cut(0, 3, ps[0], opt)
	if len(cut) != 1 {
		t.Fatalf("%d pieces", len(cut))
	}
	q := cut[0]
	n := len(strings.Fields(shared))
	if q.Matched != n || q.WordsA != n || q.WordsB != n || q.Similarity != 1 {
		t.Errorf("piece %+v, want %d words", q, n)
	}
	if ops := Diff(docs[0], docs[3], q, 0); len(ops) != 1 || ops[0].Op != "equal" {
		t.Errorf("diff %+v", ops)
	}
	opt.MinWords = n + 1
	if cut := b.cut(0, 3, ps[0], opt); len(cut) != 0 {
		t.Errorf("a piece shorter than MinWords is kept: %+v", cut)
	}
	var none *Boilerplate
	if cut := none.cut(0, 3, ps[0], opt); len(cut) != 1 || cut[0].A != ps[0].A {
		t.Errorf("no boilerplate cuts: %+v", cut)
	}
}

// BenchmarkFindBoilerplate measures the boilerplate pass over the shared
// PAN texts (every suspicious and source document at once), which have
// none: its cost on ordinary input.
func BenchmarkFindBoilerplate(b *testing.B) {
	dir := sharedDir()
	if dir == "" {
		b.Skip("no shared corpora")
	}
	var docs []*compare.Document
	size := 0
	for _, sub := range []string{"susp", "src"} {
		files, _ := filepath.Glob(filepath.Join(dir, "corpora", "pan13-no-obfuscation", sub, "*.txt"))
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			d := mustDoc(b, f, string(raw))
			d.TokenKeys()
			docs = append(docs, d)
			size += len(raw)
		}
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for range b.N {
		if _, err := FindBoilerplate(context.Background(), docs, BoilerplateOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// describe lists the boilerplate of each document for tests and debugging.
func (b *Boilerplate) describe() string {
	var sb strings.Builder
	for i, d := range b.docs {
		for _, s := range b.Spans(i) {
			fmt.Fprintf(&sb, "%s: %q\n", d.Path, d.TextOf(s))
		}
	}
	return sb.String()
}
