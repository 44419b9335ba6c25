package claims

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input"
)

// Seed passages with one thing changed: every change must be found with
// the right check, and paraphrases must not be flagged as contradictions.
var perturbed = []struct {
	name, a, b string
	want       string // check kind, or "" for no contradiction
}{
	{"number", "Since 1990 the PLA has sent 11,063 military personnel to participate in 18 UN peacekeeping operations.",
		"Since 1990 the PLA has sent 12,063 military personnel to participate in 18 UN peacekeeping operations.", "number"},
	{"number words", "Over the past decade, I have made eight visits to Russia.",
		"Over the past decade, I have made five visits to Russia.", "number"},
	{"number range", "China has established military ties with over 150 countries.",
		"China has established military ties with 120 countries.", "number"},
	{"date", "The Agreement was signed by the two sides on October 13, 2009.",
		"The Agreement was signed by the two sides on October 13, 2010.", "date"},
	{"date month", "China hosted the First China-ASEAN Dialogue between Senior Defense Scholars in March 2008.",
		"China hosted the First China-ASEAN Dialogue between Senior Defense Scholars in May 2008.", "date"},
	{"negation", "The bilateral relationship has grown more mature and resilient.",
		"The bilateral relationship has not grown more mature and resilient.", "negation"},
	{"negation never", "China has consistently supported the peacekeeping operations of the UN.",
		"China has never supported the peacekeeping operations of the UN.", "negation"},
	{"antonym", "The channels of communication between the defense sectors of China and European countries remain open.",
		"The channels of communication between the defense sectors of China and European countries remain closed.", "antonym"},
	{"antonym complement", "The historical trend of peace, development and win-win cooperation is stoppable.",
		"The historical trend of peace, development and win-win cooperation is unstoppable.", "antonym"},

	// paraphrases and compatible statements: no contradiction
	{"granularity", "The Agreement was signed by the two sides in October 2009.",
		"The Agreement was signed by the two sides on October 13, 2009.", ""},
	{"range holds", "China has established military ties with over 150 countries.",
		"China has established military ties with 160 countries.", ""},
	{"paraphrase", "Both countries uphold an independent foreign policy.",
		"The two countries uphold an independent foreign policy.", ""},
	{"other event", "The Protocol was signed by the two sides on December 15, 2020.",
		"The Agreement was signed by the two sides on October 13, 2009.", ""},
	{"other subject", "In July 2007 China and Thailand conducted joint counter-terrorism training.",
		"In December 2007 armies of China and India staged joint counter-terrorism training exercises.", ""},
	{"roles differ", "China has military attaché offices in 109 countries.",
		"A total of 98 countries have military attaché offices in China.", ""},
	{"synonym verb", "The Chinese Navy has held joint maritime exercises with the navies of 14 countries.",
		"The Chinese Navy has conducted joint maritime exercises with the navies of 14 countries.", ""},
}

func compareTexts(t *testing.T, a, b string) []Match {
	t.Helper()
	da, err := input.Parse("a.txt", []byte(a), input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db, err := input.Parse("b.txt", []byte(b), input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return compareDocs(t, da, db)
}

// compareDocs extracts and compares the claims of two documents.
func compareDocs(t *testing.T, da, db *compare.Document) []Match {
	t.Helper()
	dcs, err := ExtractAll(context.Background(), []*compare.Document{da, db})
	if err != nil {
		t.Fatal(err)
	}
	ms, err := Compare(context.Background(), dcs)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

func TestPerturbedSeeds(t *testing.T) {
	found, flagged := 0, 0
	changes, paraphrases := 0, 0
	for _, c := range perturbed {
		ms := compareTexts(t, c.a, c.b)
		var kinds []string
		for _, m := range ms {
			if m.Kind != "overlap" {
				kinds = append(kinds, m.Kind)
			}
		}
		got := strings.Join(kinds, ",")
		if c.want != "" {
			changes++
			if got == c.want {
				found++
			} else {
				t.Errorf("%s: got %q, want %q", c.name, got, c.want)
			}
		} else {
			paraphrases++
			if got != "" {
				flagged++
				t.Errorf("%s: flagged %q", c.name, got)
			}
		}
	}
	t.Logf("changes found %d/%d, paraphrases flagged %d/%d", found, changes, flagged, paraphrases)
}

// The paraphrase of a claim is an overlap, with the word diff.
func TestOverlapGroup(t *testing.T) {
	ms := compareTexts(t, "China and Russia are permanent members of the UN Security Council.",
		"China and Russia are both permanent members of the UN Security Council.")
	fs := Findings(ms, Options{})
	if len(fs) != 1 || fs[0].Check != CheckOverlap || len(fs[0].Related) != 1 {
		t.Fatalf("findings %+v", fs)
	}
	if d, _ := fs[0].Details["word_diff"].(string); !strings.Contains(d, "{+both+}") {
		t.Errorf("no word diff in %v", fs[0].Details)
	}
}

func TestMinConfidence(t *testing.T) {
	ms := compareTexts(t, "Over the past decade, I have made eight visits to Russia.", "Over the past decade, I have made five visits to Russia.")
	if fs := Findings(ms, Options{}); len(fs) != 1 || fs[0].Check != CheckNumber {
		t.Fatalf("findings %+v", fs)
	}
	for _, f := range Findings(ms, Options{MinConfidence: 0.99}) {
		if f.Check != CheckOverlap {
			t.Errorf("--min-confidence 0.99 kept %s", f.Check.ID)
		}
	}
}

// FuzzComparePair checks that comparing two texts never panics and that
// every finding and related place lies inside its document, on rune
// boundaries of the original bytes.
func FuzzComparePair(f *testing.F) {
	for _, c := range perturbed[:4] {
		f.Add(c.a, c.b)
	}
	f.Add("Noodles are being boiled in water by a woman.", "A woman is boiling noodles in water.")
	f.Add("As a permanent member of the UN Security Council, China has acted.", "We are both major countries and permanent members of the UN Security Council.")
	f.Fuzz(func(t *testing.T, a, b string) {
		da, err := input.Parse("a.txt", []byte(a), input.Options{Lenient: true})
		if err != nil {
			return
		}
		db, err := input.Parse("b.txt", []byte(b), input.Options{Lenient: true})
		if err != nil {
			return
		}
		ms := compareDocs(t, da, db)
		ok := func(l compare.Location) {
			raw := l.Doc.Raw
			if l.Span.Start < 0 || l.Span.End > len(raw) || l.Span.Start > l.Span.End {
				t.Fatalf("span %v outside %d bytes", l.Span, len(raw))
			}
			if utf8.Valid(raw) && !utf8.Valid(raw[l.Span.Start:l.Span.End]) {
				t.Fatalf("span %v splits a rune of %q", l.Span, raw)
			}
		}
		for _, fd := range Findings(ms, Options{}) {
			ok(fd.Location)
			for _, r := range fd.Related {
				ok(r.Location)
			}
		}
	})
}
