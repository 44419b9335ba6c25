package compare

import (
	"strings"
	"testing"
)

func TestWordDiff(t *testing.T) {
	a := mustDoc(t, "a.txt", "Any attempt to break the balance by developing weapons cannot but spark an arms race.")
	b := mustDoc(t, "b.txt", "Any attempt to break the BALANCE, by developing weapons by developing weapons cannot spark a new arms race.")
	ops := WordDiff(a, Span{0, len(a.Text)}, b, Span{0, len(b.Text)}, 0)
	got := FormatWordDiff(ops, a, b, 0)
	want := "Any attempt to break the BALANCE, by developing weapons {+by developing weapons+} cannot [-but-] spark [-an-] {+a new+} arms race"
	if got != want {
		t.Errorf("diff\n got %s\nwant %s", got, want)
	}
	st := Stats(ops, a, b)
	if st.Deleted != 2 || st.Inserted != 5 || st.Equal != 13 {
		t.Errorf("stats %+v", st)
	}
	// spans point at the right words on both sides
	for _, op := range ops {
		if op.Op == "insert" && b.TextOf(op.B) == "by developing weapons" {
			return
		}
	}
	t.Errorf("no insert span for the repeated phrase: %+v", ops)
}

func TestWordDiffEmptySides(t *testing.T) {
	a := mustDoc(t, "a.txt", "one two three")
	b := mustDoc(t, "b.txt", "")
	ops := WordDiff(a, Span{0, len(a.Text)}, b, Span{0, 0}, 0)
	if len(ops) != 1 || ops[0].Op != "delete" || a.TextOf(ops[0].A) != "one two three" {
		t.Errorf("ops %+v", ops)
	}
}

// A diff of parts of documents hashes only those parts' words, and gives
// the same diff whether or not the documents' key tables are built.
func TestWordDiffKeysOnDemand(t *testing.T) {
	text := "Intro sentence here. China and Russia are permanent members of the Council. Outro."
	a := mustDoc(t, "a.txt", text)
	b := mustDoc(t, "b.txt", "China and Russia are both permanent members of the Council.")
	as := Span{strings.Index(text, "China"), strings.Index(text, " Outro")}
	before := FormatWordDiff(WordDiff(a, as, b, Span{0, len(b.Text)}, 0), a, b, 0)
	if a.keysBuilt.Load() || b.keysBuilt.Load() {
		t.Error("WordDiff built a whole document's key table")
	}
	a.TokenKeys()
	b.TokenKeys()
	after := FormatWordDiff(WordDiff(a, as, b, Span{0, len(b.Text)}, 0), a, b, 0)
	if before != after || !strings.Contains(before, "{+both+}") {
		t.Errorf("diff without tables %q, with %q", before, after)
	}
}

func TestCutMiddleKeepsWords(t *testing.T) {
	s := "Both history and reality show us that peace cannot be achieved through force"
	got := cutMiddle(s, 40)
	if got != "Both history and … through force" {
		t.Errorf("got %q", got)
	}
	if cutMiddle("short text", 40) != "short text" {
		t.Error("short text changed")
	}
}

func TestCutMiddleShort(t *testing.T) {
	got := cutMiddle("the harbour master kept a ledger of every vessel that entered the bay", 30)
	if got != "the harbour … the bay" {
		t.Errorf("cutMiddle = %q", got)
	}
	if got := cutMiddle("short", 30); got != "short" {
		t.Errorf("cutMiddle(short) = %q", got)
	}
}

// TestFormatWordDiffLongEqual: a long equal run shows its two ends, the
// same as when the whole run is collapsed and cut.
func TestFormatWordDiffLongEqual(t *testing.T) {
	long := strings.Repeat("alpha beta gamma délta ", 5000) + "omega"
	a := mustDoc(t, "a.txt", long)
	b := mustDoc(t, "b.txt", long)
	ops := []DiffOp{{Op: "equal", A: Span{0, len(a.Text)}, B: Span{0, len(b.Text)}}}
	got := FormatWordDiff(ops, a, b, 40)
	want := cutMiddle(collapseSpace(long), 40)
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
