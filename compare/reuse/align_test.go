package reuse

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
)

// The shared passage of the tests below: 46 words of plain prose.
const passage = `The harbour master kept a ledger of every vessel that entered the bay, ` +
	`noting its cargo, its crew and the hour of its arrival. When the storms came in ` +
	`winter he closed the gates at dusk and opened them again only when the wind had fallen.`

const fillerA = `Our town sits where the valley opens to the sea. Markets are held on Tuesdays, ` +
	`and the bakery on the square sells bread until noon. Children walk to the school on the hill. `

const fillerB = `Travellers often ask about the old lighthouse, which has not been lit since the war. ` +
	`Its keeper's cottage is now a small museum of maps and photographs. `

const fillerC = `Rain fell for most of the week, so the fair moved into the church hall, where ` +
	`the brass band played to a crowded room and the raffle raised more than expected. `

const fillerD = `Please return borrowed chairs to the shed behind the garage by the end of the month, ` +
	`and label any boxes you leave there with your name and telephone number. `

func spanText(d *compare.Document, s compare.Span) string {
	return strings.Join(strings.Fields(d.TextOf(s)), " ")
}

func TestAlignPairVerbatim(t *testing.T) {
	a := mustDoc(t, "a.txt", fillerA+passage+" "+fillerB)
	b := mustDoc(t, "b.txt", fillerC+"\n\n"+passage+"\n\nThe end.")
	ps := AlignPair(a, b, Options{})
	if len(ps) != 1 {
		t.Fatalf("got %d passages, want 1: %+v", len(ps), ps)
	}
	p := ps[0]
	want := strings.TrimSuffix(passage, ".")
	if got := spanText(a, p.A); got != want {
		t.Errorf("A span %q\nwant %q", got, want)
	}
	if got := spanText(b, p.B); got != want {
		t.Errorf("B span %q", got)
	}
	if p.Matched != 46 || p.WordsA != 46 || p.WordsB != 46 || p.Similarity != 1 {
		t.Errorf("counts: matched %d words %d/%d similarity %v", p.Matched, p.WordsA, p.WordsB, p.Similarity)
	}
}

// TestAlignPairRobust: re-wrapped lines, changed punctuation and case, and
// light edits (a word inserted, one deleted, one replaced, two swapped) leave
// one passage that covers the whole copy.
func TestAlignPairRobust(t *testing.T) {
	tests := []struct {
		name, copy string
		matched    int
	}{
		{"rewrapped", strings.ReplaceAll(passage, ", ", ",\n   "), 46},
		{"punctuation and case", strings.ToUpper(strings.NewReplacer(",", ";", ".", "!").Replace(passage)), 46},
		{"inserted", strings.Replace(passage, "kept a ledger", "kept a large leather ledger", 1), 46},
		{"deleted", strings.Replace(passage, "its cargo, its crew", "its cargo, crew", 1), 45},
		{"replaced", strings.Replace(passage, "closed the gates", "locked the gates", 1), 45},
		{"swapped", strings.Replace(passage, "its cargo, its crew", "its crew, its cargo", 1), 44},
		{"all at once", strings.NewReplacer("kept a ledger", "kept a big ledger", "closed", "shut",
			"the hour of its arrival", "the hour of arrival", ", ", ",\n").Replace(passage), 44},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := mustDoc(t, "a.txt", fillerA+passage+" "+fillerB)
			b := mustDoc(t, "b.txt", fillerC+tt.copy+" "+fillerD)
			ps := AlignPair(a, b, Options{})
			if len(ps) != 1 {
				t.Fatalf("got %d passages, want 1: %+v", len(ps), ps)
			}
			p := ps[0]
			if !strings.HasPrefix(spanText(a, p.A), "The harbour master") || !strings.HasSuffix(spanText(a, p.A), "had fallen") {
				t.Errorf("A span %q does not cover the passage", spanText(a, p.A))
			}
			if !strings.HasPrefix(strings.ToLower(spanText(b, p.B)), "the harbour master") || !strings.HasSuffix(strings.ToLower(spanText(b, p.B)), "had fallen") {
				t.Errorf("B span %q does not cover the copy", spanText(b, p.B))
			}
			if p.Matched != tt.matched {
				t.Errorf("matched %d, want %d", p.Matched, tt.matched)
			}
			// The word diff agrees with the count of shared words.
			ops := Diff(a, b, p, 0)
			if st := compare.Stats(ops, a, b); st.Equal != p.Matched {
				t.Errorf("diff keeps %d words equal, passage says %d: %s", st.Equal, p.Matched, compare.FormatWordDiff(ops, a, b, 0))
			}
		})
	}
}

func TestDiffShowsEdits(t *testing.T) {
	a := mustDoc(t, "a.txt", fillerA+passage)
	b := mustDoc(t, "b.txt", fillerC+strings.NewReplacer("kept a ledger", "kept a leather ledger", "closed", "locked").Replace(passage))
	ps := AlignPair(a, b, Options{})
	if len(ps) != 1 {
		t.Fatalf("got %d passages", len(ps))
	}
	got := compare.FormatWordDiff(Diff(a, b, ps[0], 0), a, b, 0)
	for _, want := range []string{"kept a {+leather+} ledger", "[-closed-] {+locked+}"} {
		if !strings.Contains(got, want) {
			t.Errorf("diff %q lacks %q", got, want)
		}
	}
	// Original byte offsets on both sides.
	for _, op := range DiffDetails(Diff(a, b, ps[0], 0), a, b) {
		if op.Op == "insert" && op.Text == "leather" {
			if w := string(b.Raw[op.BOffset:op.BEnd]); w != "leather" || op.Text != "leather" || op.AOffset != op.AEnd {
				t.Errorf("insert op %+v covers %q", op, w)
			}
		}
		if op.Op == "delete" && string(a.Raw[op.AOffset:op.AEnd]) != "closed" {
			t.Errorf("delete op %+v", op)
		}
	}
}

func TestMaxGapAndMinWords(t *testing.T) {
	first := "The harbour master kept a ledger of every vessel that entered the bay, noting its cargo and its crew."
	second := "When the storms came in winter he closed the gates at dusk and opened them again at dawn."
	gap := " Nothing here resembles anything in the other text at all, not one single word of it. "
	// Far beyond clustering's reach (clusterGapFactor·MaxGap words).
	far := strings.Repeat(" Quite unrelated prose fills this line with words of its own, none borrowed from the other.", 5) + " "
	a := mustDoc(t, "a.txt", first+" "+second)
	b := mustDoc(t, "b.txt", first+gap+second)
	bFar := mustDoc(t, "b.txt", first+far+second)
	if ps := AlignPair(a, bFar, Options{MaxGap: 5}); len(ps) != 2 {
		t.Errorf("max gap 5, 75 words between: %d passages, want 2", len(ps))
	}
	// 17 unrelated words: beyond MaxGap 5, so chaining keeps the two
	// sentences apart, but clustering (within clusterGapFactor·5 words)
	// joins them, their words agreeing.
	if ps := AlignPair(a, b, Options{MaxGap: 5}); len(ps) != 1 || ps[0].Matched != 37 {
		t.Errorf("max gap 5, 17 words between: %+v, want one passage of 37 shared words", ps)
	}
	if ps := AlignPair(a, b, Options{MaxGap: 20, MinSimilarity: 0.4}); len(ps) != 1 {
		t.Errorf("max gap 20: %d passages, want 1", len(ps))
	}
	if ps := AlignPair(a, bFar, Options{MaxGap: 5, MinWords: 19}); len(ps) != 1 || ps[0].Matched != 19 {
		t.Errorf("min words 19: %+v, want only the 19-word passage", ps)
	}
}

// TestStopWordsDoNotSeed: texts that share only a run of function words
// share no passage; the same run with two content words in it is found.
func TestStopWordsDoNotSeed(t *testing.T) {
	run := "and it was all of them that we were to be in the"
	a := mustDoc(t, "a.txt", "Copper prices climbed, "+run+" harvest festival ended.")
	b := mustDoc(t, "b.txt", "Fishermen mended nets "+run+" quiet evening passed.")
	if ps := AlignPair(a, b, Options{MinWords: 4}); len(ps) != 0 {
		t.Errorf("a stop-word run seeded %q", spanText(a, ps[0].A))
	}
	a = mustDoc(t, "a.txt", "Copper prices climbed, "+run+" harvest festival ended.")
	b = mustDoc(t, "b.txt", "Fishermen mended nets "+run+" harvest festival. Then the quiet evening passed.")
	ps := AlignPair(a, b, Options{MinWords: 4})
	if len(ps) != 1 || spanText(a, ps[0].A) != run+" harvest festival" {
		t.Errorf("want the run with its content words: %+v", ps)
	}
}

// TestBoilerplateAcrossDocuments: a sentence found in many documents does
// not make every pair of them a candidate, but a passage two share is found.
func TestBoilerplateAcrossDocuments(t *testing.T) {
	boiler := "This report was prepared by the planning office of the regional council for public distribution."
	var docs []*compare.Document
	for i := 0; i < 12; i++ {
		text := fmt.Sprintf("Report number %d about district %d. ", i, i*7) + boiler + " " + distinct(i)
		if i == 3 || i == 9 {
			text += " " + passage
		}
		docs = append(docs, mustDoc(t, fmt.Sprintf("d%02d.txt", i), text))
	}
	pairs, err := Align(context.Background(), docs, Options{MaxDocs: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(pairs) != 1 || pairs[0].A != 3 || pairs[0].B != 9 || len(pairs[0].Passages) != 1 {
		t.Fatalf("pairs %+v, want only 3-9 with the shared passage", pairs)
	}
	if got := spanText(docs[3], pairs[0].Passages[0].A); !strings.HasPrefix(got, "The harbour master") {
		t.Errorf("passage %q", got)
	}
	// Without the boilerplate filter, every pair shares the sentence.
	pairs, _ = Align(context.Background(), docs, Options{MaxDocs: 100})
	if len(pairs) != 66 {
		t.Errorf("%d pairs without a boilerplate limit, want 66", len(pairs))
	}
}

// distinct returns prose unlike that of other values of i.
func distinct(i int) string {
	words := strings.Fields("amber basalt cedar dolphin ember falcon granite heron iris jasper kestrel lantern meadow nickel orchid pepper quartz raven saffron thistle umber violet walnut yarrow zephyr")
	var b strings.Builder
	for k := 0; k < 30; k++ {
		b.WriteString(words[(i*31+k*k*7+k)%len(words)])
		b.WriteByte(' ')
	}
	return b.String()
}

func TestAlignMatchesAlignPair(t *testing.T) {
	docs := []*compare.Document{
		mustDoc(t, "a.txt", fillerA+passage),
		mustDoc(t, "b.txt", fillerB),
		mustDoc(t, "c.txt", fillerC+strings.Replace(passage, "closed", "shut", 1)),
	}
	pairs, err := Align(context.Background(), docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pairs) != 1 || pairs[0].A != 0 || pairs[0].B != 2 {
		t.Fatalf("pairs %+v", pairs)
	}
	want := AlignPair(docs[0], docs[2], Options{})
	if fmt.Sprint(pairs[0].Passages) != fmt.Sprint(want) {
		t.Errorf("Align %+v\nAlignPair %+v", pairs[0].Passages, want)
	}
}

// TestShortQuotation: a quotation of a dozen words, lightly misquoted, is
// found inside a long source with QuoteOptions.
func TestShortQuotation(t *testing.T) {
	var src strings.Builder
	for i := 0; i < 40; i++ {
		src.WriteString(distinct(i) + ". ")
	}
	src.WriteString(passage + " ")
	for i := 40; i < 80; i++ {
		src.WriteString(distinct(i) + ". ")
	}
	source := mustDoc(t, "source.txt", src.String())
	quoting := mustDoc(t, "essay.txt", `As the chronicle says, "when the storms came in winter he shut the gates at dusk", and so on.`)
	i := strings.Index(quoting.Text, "when")
	j := strings.Index(quoting.Text, "dusk") + 4
	ps := AlignRegions(quoting, compare.Span{Start: i, End: j}, source, compare.Span{Start: 0, End: len(source.Text)}, QuoteOptions())
	if len(ps) != 1 {
		t.Fatalf("got %d passages: %+v", len(ps), ps)
	}
	if got := spanText(source, ps[0].B); got != "When the storms came in winter he closed the gates at dusk" {
		t.Errorf("source span %q", got)
	}
	if got := compare.FormatWordDiff(Diff(quoting, source, ps[0], 0), quoting, source, 0); !strings.Contains(got, "[-shut-] {+closed+}") {
		t.Errorf("diff %q", got)
	}
}

func TestSelfAlign(t *testing.T) {
	d := mustDoc(t, "d.txt", passage+"\n\n"+fillerA+"\n\n"+fillerC+"\n\n"+passage)
	ps := SelfAlign(d, Options{})
	if len(ps) != 1 {
		t.Fatalf("got %d passages: %+v", len(ps), ps)
	}
	p := ps[0]
	if p.A.End > p.B.Start {
		t.Errorf("copies overlap: %+v", p)
	}
	if spanText(d, p.A) != spanText(d, p.B) || !strings.HasPrefix(spanText(d, p.B), "The harbour master") {
		t.Errorf("copies %q / %q", spanText(d, p.A), spanText(d, p.B))
	}
	// Three copies in a row: each pair of neighbours, none overlapping itself.
	x := "The cartographer drew every coastline twice before inking the final version of the chart."
	d = mustDoc(t, "x.txt", x+" "+x+" "+x)
	for _, p := range SelfAlign(d, Options{}) {
		if p.A.End > p.B.Start {
			t.Errorf("self overlap %+v", p)
		}
	}
}

// TestAdversarialBounded: inputs that would make naive alignment quadratic.
func TestAdversarialBounded(t *testing.T) {
	one := "The same sentence is written here again and again without end. "
	d := mustDoc(t, "rep.txt", strings.Repeat(one, 3000))
	_ = SelfAlign(d, Options{}) // must return; the benchmark measures how fast
	long := mustDoc(t, "line.txt", strings.Repeat("word ", 20000)+passage)
	_ = AlignPair(long, long, Options{})
}

func TestQuotedAndKind(t *testing.T) {
	d := mustDoc(t, "q.md", "Plain sentence here. Then \"a quoted sentence here\" ends.\n\n> A block quoted line\n> and its second line.\n\nLast paragraph.")
	at := func(s string) compare.Span {
		i := strings.Index(d.Text, s)
		return compare.Span{Start: i, End: i + len(s)}
	}
	tests := []struct {
		s      string
		quoted bool
		kind   string
	}{
		{"Plain sentence here", false, "sentence"},
		{"a quoted sentence here", true, "passage"},
		{"A block quoted line\n> and its second line", true, "paragraph"},
		{"Last paragraph", false, "paragraph"},
	}
	for _, tt := range tests {
		if got := Quoted(d, at(tt.s)); got != tt.quoted {
			t.Errorf("Quoted(%q) = %v", tt.s, got)
		}
		if got := Kind(d, at(tt.s)); got != tt.kind {
			t.Errorf("Kind(%q) = %s, want %s", tt.s, got, tt.kind)
		}
	}
	h := mustDoc(t, "q.html", "<p>Intro.</p><blockquote><p>Quoted in a block.</p></blockquote><p>Said <q>inline words</q> here.</p>")
	for _, s := range []string{"Quoted in a block", "inline words"} {
		i := strings.Index(h.Text, s)
		if !Quoted(h, compare.Span{Start: i, End: i + len(s)}) {
			t.Errorf("HTML %q not quoted", s)
		}
	}
}
