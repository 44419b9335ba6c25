package claims

import (
	"context"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/seeds"
)

// What the seed documents claim in common, as crosscheck claims reports it:
// each finding's file and original text, and the other places' (the issue
// asks for the new security concept in 000 and 001, "not directed against
// any third party" in 000 and "not targeting any third party" in 003, and
// permanent membership of the UN Security Council in 000 and 003). Nothing
// else is reported: no list of country names, no bare verb phrase with a
// generic object, no contradiction.
var seedClaims = []struct {
	file, text string
	related    []string // "file: text"
}{
	{"000_9866ff30820a5e9a.txt", "enhancing political mutual trust",
		[]string{"003_63278fb5faae8c64.txt: we increase mutual trust"}},
	{"000_9866ff30820a5e9a.txt", "the new security concept is based on the diversity and common interests of the Asia-Pacific region, " +
		"and accords with the inherent law and requirements of the region's pursuit of peace, development, progress and prosperity",
		[]string{"001_66c055a39ca13850.txt: alliance systems in favour of “the new security concept with mutual trust, " +
			"mutual benefit equality and cooperation as its core"}},
	{"000_9866ff30820a5e9a.txt", "As a permanent member of the UN Security Council",
		[]string{"003_63278fb5faae8c64.txt: permanent members of the UN Security Council"}},
	{"000_9866ff30820a5e9a.txt", "not directed against any third party",
		[]string{"003_63278fb5faae8c64.txt: not targeting any third party in developing our ties"}},
}

func TestSeedClaims(t *testing.T) {
	docs, err := seeds.Documents()
	if err != nil {
		t.Fatal(err)
	}
	var found compare.Collector
	err = compare.Run(context.Background(), []*compare.Analyzer{Analyzer(Options{})}, docs, nil, compare.Budget{}, &found)
	if err != nil {
		t.Fatal(err)
	}
	fs := found.Findings
	orig := func(l compare.Location) string {
		return string(l.Doc.Raw[l.Span.Start:l.Span.End])
	}
	if len(fs) != len(seedClaims) {
		for _, f := range fs {
			t.Logf("%s %s %q", f.Check.ID, path.Base(f.Doc.Path), orig(f.Location))
		}
		t.Fatalf("%d findings, want %d", len(fs), len(seedClaims))
	}
	for i, f := range fs {
		want := seedClaims[i]
		if f.Check != CheckOverlap || path.Base(f.Doc.Path) != want.file || orig(f.Location) != want.text {
			t.Errorf("finding %d: %s %s %q, want overlap %s %q", i, f.Check.ID, path.Base(f.Doc.Path), orig(f.Location), want.file, want.text)
			continue
		}
		var related []string
		for _, r := range f.Related {
			related = append(related, path.Base(r.Doc.Path)+": "+orig(r.Location))
		}
		if !slices.Equal(related, want.related) {
			t.Errorf("finding %d (%q): related %q, want %q", i, want.text, related, want.related)
		}
		if d, _ := f.Details["word_diff"].(string); !strings.Contains(d, "{+") && !strings.Contains(d, "[-") {
			t.Errorf("finding %d: no word diff in %v", i, f.Details)
		}
	}
}
