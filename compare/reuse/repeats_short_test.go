package reuse

import (
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
)

// minutes is a page of committee minutes: formulas that open many
// sentences ("The Committee notes that …"), a short sentence said twice,
// and a heading repeated.
const minutes = `Minutes of the finance committee

The Committee notes that the audit of the depot accounts was finished in March.
The Committee notes that the roof of the north store still needs repair. Members
agreed to defer the decision. Members agreed to defer the decision.

Spending on agency staff

The Committee notes that agency staff cost more than budgeted in every quarter.
The Committee notes that two vacancies were filled in May. Members agreed to defer
the decision.

Spending on agency staff

The treasurer will report again in the autumn.`

func repeatsIn(t *testing.T, opt RepeatOptions, docs ...*compare.Document) []compare.Finding {
	t.Helper()
	got := runAnalyzers(t, docs, RepeatAnalyzer(opt), compare.StutterAnalyzer(compare.StutterOptions{}))
	return append(got["repeat.passage"], got["repeat.stutter"]...)
}

// A whole sentence said twice or more in one document is a repeat from
// ShortRepeatWords words, whatever MinWords says; a sentence sharing only
// its opening formula is not, nor is a heading, nor a sentence shorter.
func TestShortSentenceRepeats(t *testing.T) {
	d := mustDoc(t, "minutes.txt", minutes)
	fs := repeatsIn(t, RepeatOptions{}, d)
	if len(fs) != 1 {
		for _, f := range fs {
			t.Logf("%s %s: %q", f.Check.ID, f.Message, d.Excerpt(f.Span, 0))
		}
		t.Fatalf("%d findings, want one", len(fs))
	}
	f := fs[0]
	if f.Check != CheckRepeatPassage || f.Message != "sentence of 6 words in 3 places in the document" {
		t.Errorf("%s: %s", f.Check.ID, f.Message)
	}
	if got := d.Excerpt(f.Span, 0); got != "Members agreed to defer the decision" || len(f.Related) != 2 {
		t.Errorf("at %q with %d related", got, len(f.Related))
	}

	// Nine words, pasted far apart, with --min-words 12 (the default) and
	// with --min-words 40; a copy across documents is not a short repeat.
	nine := "Residents may collect the new permits from the library."
	text := "Parking\n\n" + nine + " The scheme starts in June and covers the streets around the station and the market. " +
		"Permits cost twenty pounds a year, and carers can apply for a second one free of charge.\n\n" +
		"Questions\n\nThe council will answer questions at the open meeting on the 4th. " + strings.ToUpper(nine[:1]) + nine[1:] + "\n"
	for _, mw := range []int{0, 40} {
		fs := repeatsIn(t, RepeatOptions{Options: Options{MinWords: mw}}, mustDoc(t, "permits.txt", text))
		if len(fs) != 1 || fs[0].Message != "sentence of 9 words repeated from earlier in the document" {
			t.Errorf("--min-words %d: %d findings %v", mw, len(fs), fs)
		}
	}
	other := mustDoc(t, "other.txt", "A note. "+nine+" Nothing else is shared.")
	if fs := repeatsIn(t, RepeatOptions{}, mustDoc(t, "one.txt", "Parking. "+nine+" The end."), other); len(fs) != 0 {
		t.Errorf("a 9-word sentence in two documents: %v", fs)
	}
}

// A sentence repeated back to back is reported once: a sentence end
// between the copies keeps it from the stutter check, so repeats reports
// it; a phrase repeated inside a sentence is the stutter check's alone.
func TestShortRepeatsAndStutters(t *testing.T) {
	d := mustDoc(t, "a.txt", "The depot will close early on Friday. The depot will close early on Friday. "+
		"Staff should use the side gate by the canal by the canal after six.")
	fs := repeatsIn(t, RepeatOptions{}, d)
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.Check.ID+" "+d.Excerpt(f.Span, 0))
	}
	want := []string{"repeat.passage The depot will close early on Friday", "repeat.stutter by the canal"}
	if strings.Join(ids, "|") != strings.Join(want, "|") {
		t.Errorf("findings %q, want %q", ids, want)
	}
}

func TestEndsSentence(t *testing.T) {
	for s, want := range map[string]bool{
		"It rained.": true, `He said "stop!"`: true, "Was it (really?)": true, "Costs rose…": true,
		"Spending on agency staff": false, "Table 3: costs by quarter": false, "*Done.*": true,
	} {
		if got := endsSentence(s); got != want {
			t.Errorf("endsSentence(%q) = %v", s, got)
		}
	}
}

// A short sentence mostly of names, initials and numbers is a reference,
// which notes repeat on purpose: it is no short repeat.
func TestShortRepeatsNotReferences(t *testing.T) {
	d := mustDoc(t, "notes.txt", "The rates were set in 1998. Hale and Moss, Water Law, p. 45. "+
		"The rule was changed twice since then, first for farms and then for mills. Hale and Moss, Water Law, p. 45.")
	if fs := repeatsIn(t, RepeatOptions{}, d); len(fs) != 0 {
		t.Errorf("a repeated reference is reported: %v", fs)
	}
	if mostlyPlain(d, 0, 6) != true || mostlyPlain(d, 6, 13) != false {
		t.Errorf("mostlyPlain: %v %v", mostlyPlain(d, 0, 6), mostlyPlain(d, 6, 13))
	}
}
