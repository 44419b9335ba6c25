package claims

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/compare"
	workunits "github.com/crosscheck/crosscheck/compare/claims/internal/units"
	"github.com/crosscheck/crosscheck/compare/input"
	"github.com/crosscheck/crosscheck/compare/lang"
)

func extractText(t testing.TB, text string) *DocClaims {
	t.Helper()
	d, err := input.Parse("t.txt", []byte(text), input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return Extract(d)
}

func TestQuantities(t *testing.T) {
	inf := math.Inf(1)
	for _, c := range []struct {
		text, span, unit string
		lo, hi           float64
		approx, change   bool
	}{
		{"China has ties with over 150 countries.", "over 150 countries", "country", 150, inf, false, false},
		{"The PLA has sent 11,063 military personnel abroad.", "11,063 military personnel", "personnel", 11063, 11063, false, false},
		{"Trade exceeded 190 billion U.S. dollars.", "exceeded 190 billion U.S. dollars", "dollar", 190e9, inf, false, false},
		{"Trade was up by 116 percent from then.", "up by 116 percent", "percent", 116, 116, false, true},
		{"I have made eight visits to Russia.", "eight visits", "visit", 8, 8, false, false},
		{"China held exercises with a score of countries.", "a score of countries", "country", 18, 22, true, false},
		{"Some 4,000 military personnel came.", "Some 4,000 military personnel", "personnel", 3600, 4400, true, false},
		{"They have visited more than 40 countries.", "more than 40 countries", "country", 40, inf, false, false},
		{"The battle near Chalons [50] cost 40 lives.", "40 lives", "life", 40, 40, false, false},
	} {
		dc := extractText(t, c.text)
		qs := dc.Sentences()[0].Quantities
		if len(qs) != 1 {
			t.Errorf("%q: %d quantities %+v", c.text, len(qs), qs)
			continue
		}
		q := qs[0]
		if q.Text != c.span || q.Unit != c.unit || math.Abs(q.Lo-c.lo) > 1e-6 || q.Hi != c.hi && math.Abs(q.Hi-c.hi) > 1e-6 || q.Approx != c.approx || q.Change != c.change {
			t.Errorf("%q: got %q %s [%g,%g] approx=%v change=%v", c.text, q.Text, q.Unit, q.Lo, q.Hi, q.Approx, q.Change)
		}
		if dc.Doc.TextOf(q.Span) != q.Text {
			t.Errorf("%q: span %v is %q", c.text, q.Span, dc.Doc.TextOf(q.Span))
		}
	}
	over150 := Quantity{Lo: 150, Hi: inf, LoOpen: true}
	if lang.Disjoint(over150, Quantity{Lo: 160, Hi: 160}) {
		t.Error(`"over 150" contradicts "160"`)
	}
	if !lang.Disjoint(over150, Quantity{Lo: 120, Hi: 120}) || !lang.Disjoint(over150, Quantity{Lo: 150, Hi: 150}) {
		t.Error(`"over 150" agrees with 120 or 150`)
	}
}

func TestDates(t *testing.T) {
	for _, c := range []struct {
		text, span, label string
		gran              lang.Granularity
	}{
		{"At the Bishkek Summit in August 2007 the states met.", "August 2007", "2007-08", lang.Month},
		{"Withdrawal was accomplished on 13 June 2002.", "13 June 2002", "2002-06-13", lang.Day},
		{"It enters into force on December 15,2020.", "December 15,2020", "2020-12-15", lang.Day},
		{"It was signed on Dec 15, 2020 by both.", "Dec 15, 2020", "2020-12-15", lang.Day},
		{"Since 1990 the PLA has sent troops.", "1990", "1990", lang.Year},
		{"I was elected President 10 years ago.", "10 years ago", "10 years ago", lang.Year},
		{"Over the past two years, the states signed it.", "the past two years", "the past two years", lang.Period},
	} {
		dc := extractText(t, c.text)
		ds := dc.Sentences()[0].Dates
		if len(ds) != 1 || ds[0].Text != c.span || ds[0].Label() != c.label || ds[0].Gran != c.gran {
			t.Errorf("%q: got %+v", c.text, ds)
		}
	}
	// a stated document date resolves relative dates
	dc := extractText(t, "(Source: China Military Online; issued Dec 15, 2020)\n\nThe Agreement was signed 10 years ago.")
	if !dc.Dated {
		t.Fatal("document date not found")
	}
	ds := dc.Sentences()[len(dc.Sentences())-1].Dates
	if len(ds) != 1 || !ds[0].Anchored || ds[0].Label() != "2010" {
		t.Errorf("anchored: %+v", ds)
	}
	// "August 2007" and "10 August 2007" agree
	a := extractText(t, "It met in August 2007.").Sentences()[0].Dates[0]
	b := extractText(t, "It met on 10 August 2007.").Sentences()[0].Dates[0]
	if !a.Overlaps(b) {
		t.Error("month and day in it do not overlap")
	}
}

func TestEntitiesAndCues(t *testing.T) {
	dc := extractText(t, "China is active in the Shanghai Cooperation Organization (SCO). Relations are non-aligned and we may not target any third party.")
	var linked bool
	for _, e := range dc.Sentences()[0].Entities {
		if e.Text == "Shanghai Cooperation Organization" && e.Acronym == "SCO" && dc.Doc.TextOf(e.Linked) == "SCO" {
			linked = true
		}
	}
	if !linked {
		t.Errorf("expansion not linked: %+v", dc.Sentences()[0].Entities)
	}
	var cues []string
	for _, c := range dc.Sentences()[1].Cues {
		cues = append(cues, c.Kind+":"+dc.Doc.TextOf(c.Span))
	}
	want := []string{"negation:non-", "modality:may", "negation:not"}
	if len(cues) != len(want) {
		t.Fatalf("cues %v, want %v", cues, want)
	}
	for i := range want {
		if cues[i] != want[i] {
			t.Errorf("cue %d: %s, want %s", i, cues[i], want[i])
		}
	}
}

// FuzzExtract checks that extraction never panics and that every span it
// returns lies inside its sentence and on rune boundaries.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"China has ties with over 150 countries since August 2007.",
		"There is no man playing a guitar on stage, and nobody isn't here.",
		"The Shanghai Cooperation Organization (SCO) met on December 15,2020; trade was up by 116 percent 10 years ago.",
		"non- no- - , . ( ) 1,2,3 15,2020 Dec",
		"A hundred and and fifty thousand, three hundred and seventy-five thousand men, the twenty-first, On March 2 and 4 April.",
		"If it is not unlike the rest, is_not it? Type 1 and Voyager 2; not only this.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := input.Parse("f.txt", []byte(s), input.Options{Lenient: true})
		if err != nil {
			return
		}
		dc := Extract(d)
		ok := func(sp compare.Span, in compare.Span) {
			if sp.Start < in.Start || sp.End > in.End || sp.Start > sp.End {
				t.Fatalf("span %v outside %v in %q", sp, in, s)
			}
			if !utf8.ValidString(d.Text[sp.Start:sp.End]) && utf8.ValidString(d.Text) {
				t.Fatalf("span %v splits a rune in %q", sp, s)
			}
		}
		for _, st := range dc.Sentences() {
			for _, q := range st.Quantities {
				ok(q.Span, st.Span)
			}
			for _, x := range st.Dates {
				ok(x.Span, st.Span)
			}
			for _, e := range st.Entities {
				ok(e.Span, st.Span)
			}
			for _, c := range st.Cues {
				ok(c.Span, st.Span)
			}
			for _, c := range st.Clauses {
				ok(c.Span, st.Span)
			}
		}
	})
}

// A large document is read in runs of paragraphs, in parallel; the tables
// are the same as reading it in one run.
func TestRunsMatchOneRun(t *testing.T) {
	raw := generatedProse(3*workunits.Bytes, 7)
	d, err := input.Parse("big.txt", raw, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(units(d)); n < 3 {
		t.Fatalf("%d runs, want at least 3", n)
	}
	dcs, err := ExtractAll(context.Background(), []*compare.Document{d})
	if err != nil {
		t.Fatal(err)
	}
	p := newParser(newReader(dcs[0].voc))
	doc := newDocContext(p.r, d)
	whole := oneRun(p, d, doc)
	got := dcs[0]
	if !slices.Equal(got.sents, whole.sents) || !slices.Equal(got.clauses, whole.clauses) ||
		!slices.Equal(got.items, whole.items) || !slices.Equal(got.qtys, whole.qtys) || !slices.Equal(got.dates, whole.dates) {
		t.Errorf("runs: %d sentences, %d clauses, %d items; one run: %d, %d, %d",
			len(got.sents), len(got.clauses), len(got.items), len(whole.sents), len(whole.clauses), len(whole.items))
	}
}

// oneRun reads the claims of d in one run, as the tables of reference.
func oneRun(p *parser, d *compare.Document, doc *docContext) *DocClaims {
	return newAssembler(p.r.Voc, d, doc, 1).add(0, p.parseRun(d, doc, 0, len(d.Sentences)))
}

// A paragraph longer than workunits.MaxBytes is read in runs cut between
// sentences; a pronoun subject at the start of a run stands for the
// subject named last before it, however many runs back, as in one run.
func TestRunsInsideParagraph(t *testing.T) {
	// one paragraph: named subjects with pronouns after them, then a
	// stretch longer than a run where only pronouns are subjects
	var b strings.Builder
	prose := strings.ReplaceAll(string(generatedProse(3*workunits.MaxBytes, 3)), "\n\n", " ")
	prose = strings.ReplaceAll(prose, ". Russia ", ". They ")
	prose = strings.ReplaceAll(prose, ". India ", ". It ")
	b.WriteString(prose)
	b.WriteString("Kazakhstan signed the agreement in May 2001. ")
	for i := 0; b.Len() < 6*workunits.MaxBytes; i++ {
		b.WriteString([]string{"It is not open. ", "They were full in 1990. ", "It is empty. "}[i%3])
	}
	d, err := input.Parse("para.txt", []byte(b.String()), input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Paragraphs) != 1 {
		t.Fatalf("%d paragraphs, want 1", len(d.Paragraphs))
	}
	us := units(d)
	if len(us) < 6 {
		t.Fatalf("%d runs, want at least 6", len(us))
	}
	dcs, err := ExtractAll(context.Background(), []*compare.Document{d})
	if err != nil {
		t.Fatal(err)
	}
	p := newParser(newReader(dcs[0].voc))
	doc := newDocContext(p.r, d)
	whole := oneRun(p, d, doc)
	got := dcs[0]
	// the pronoun starting each run past the named subject stands for it
	for _, u := range us[4:] {
		if c := got.clauses[got.sents[u[0]].clauses]; !c.resolved() {
			t.Errorf("the subject of sentence %d, which starts a run, is not resolved", u[0])
		}
	}
	if !slices.Equal(got.sents, whole.sents) || !slices.Equal(got.clauses, whole.clauses) ||
		!slices.Equal(got.items, whole.items) || !slices.Equal(got.qtys, whole.qtys) || !slices.Equal(got.dates, whole.dates) {
		t.Errorf("runs: %d sentences, %d clauses, %d items; one run: %d, %d, %d",
			len(got.sents), len(got.clauses), len(got.items), len(whole.sents), len(whole.clauses), len(whole.items))
	}
}

// The clause parser on constructions the seeds and SICK need: each clause
// as "text | verb | subject words" (lemmas, in order).
func TestClauses(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"As a permanent member of the UN Security Council, China has consistently supported peacekeeping.", []string{
			"As a permanent member of the UN Security Council | be | china",
			"China has consistently supported peacekeeping | support | china"}},
		{"We are both major countries in the world and permanent members of the UN Security Council.", []string{
			"We are both major countries in the world | be | we",
			"permanent members of the UN Security Council | be | we"}},
		{"The navy held exercises with 14 countries, including Russia, France and India.", []string{
			"The navy held exercises with 14 countries, including Russia, France and India | hold | navy"}},
		{"They held an exercise in Russia, focusing on the task of combating terrorism.", []string{
			"They held an exercise in Russia | hold | they",
			"focusing on the task of combating terrorism | focus | they"}},
		{"Noodles are being boiled in water by a woman.", []string{
			"Noodles are being boiled in water by a woman | boil | woman"}},
		{"A white cat perched on a small wooden cabinet is looking outside the window.", []string{
			"A white cat perched on a small wooden cabinet | perch | white cat",
			"is looking outside the window | look | white cat"}},
		{"We should get creative in our thinking, create new opportunities and inject new impetus.", []string{
			"We should get creative in our thinking | get | we",
			"create new opportunities | create | we",
			"inject new impetus | inject | we"}},
		{"The men are playing soccer.", []string{"The men are playing soccer | play | man"}},
		{"There is no ranger in the park and the gate is open.", []string{
			"There is no ranger in the park | be | ranger",
			"the gate is open | be | gate"}},
	} {
		dc := extractText(t, c.text)
		var got []string
		for si, s := range dc.Sentences() {
			for ci, cl := range s.Clauses {
				sd := sideAt(dc, int(dc.sents[si].clauses)+ci)
				var subj []string
				for _, it := range sd.subj {
					subj = append(subj, dc.voc.Str(it.lemma))
				}
				got = append(got, dc.Doc.TextOf(cl.Span)+" | "+cl.Verb+" | "+strings.Join(subj, " "))
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q:\n got %q\nwant %q", c.text, got, c.want)
		}
	}
}

// A "sentence" past lang.MaxSentenceWords words or lang.MaxSentenceBytes bytes (a
// table run together) is read up to the limit; nothing breaks after it.
func TestLongSentence(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 3*lang.MaxSentenceBytes; i++ {
		b.WriteString("China signed the agreement with 150 countries in August 2007 and ")
	}
	b.WriteString("the end.\n\nChina signed the agreement with 150 countries in August 2007.")
	d, err := input.Parse("long.txt", []byte(b.String()), input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dcs, err := ExtractAll(context.Background(), []*compare.Document{d})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range dcs[0].Sentences() {
		for _, c := range s.Clauses {
			if !s.Span.Contains(c.Span) || c.Span.End-s.Span.Start > lang.MaxSentenceBytes {
				t.Fatalf("clause %v outside the read part of sentence %v", c.Span, s.Span)
			}
		}
	}
	ms, err := Compare(context.Background(), dcs)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 {
		t.Error("the short sentence matches nothing in the long one")
	}
}

// An item's word index leaves room for the bits of what the word is, and
// a preposition's number for the head bit.
func TestItemBits(t *testing.T) {
	if lang.MaxSentenceWords > itemWordMask+1 {
		t.Errorf("lang.MaxSentenceWords %d does not fit item.at's %d bits of index", lang.MaxSentenceWords, 12)
	}
	if len(prepList) >= itemHead {
		t.Errorf("%d prepositions do not fit item.pf beside itemHead", len(prepList))
	}
}

// A claim made less than plainly is hedged: a possibility, an expectation,
// a report ("according to", "reportedly", what "said" introduces); a plain
// statement, a firm modal or an announcement is not.
func TestHedgedClauses(t *testing.T) {
	for _, c := range []struct {
		text string
		want []bool // by clause
	}{
		{"Exports rose 3% in 2022.", []bool{false}},
		{"Exports will rise 3% in 2022.", []bool{false}},
		{"Exports may rise 9% in 2022.", []bool{true}},
		{"Exports could rise by 3% in 2022.", []bool{true}},
		{"Exports are expected to rise 8% in 2022.", []bool{true}},
		{"Exports reportedly rose 6% in 2021.", []bool{true}},
		{"According to the ministry, exports rose 7% in 2021.", []bool{true, true}},
		{"The ministry said that exports rose 5% in 2021.", []bool{true, true}},
		{"Exports rose 4% in 2022, the agency said.", []bool{true, true}},
		{"The ministry announced that exports rose 5% in 2021.", []bool{false, false}},
	} {
		ss := extractText(t, c.text).Sentences()
		if len(ss) != 1 {
			t.Fatalf("%q: %d sentences", c.text, len(ss))
		}
		var got []bool
		for _, cl := range ss[0].Clauses {
			got = append(got, cl.Hedged)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: hedged %v, want %v", c.text, got, c.want)
		}
	}
}
