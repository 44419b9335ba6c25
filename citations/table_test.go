package citations

import (
	"testing"

	"github.com/crosscheck/crosscheck/compare"
)

// TestEntries: every citation of every note comes out once, in reading
// order, with the work a short form resolves to and the source that
// matches; cross-references are left out.
func TestEntries(t *testing.T) {
	d := mustDoc(t, "notes.md", `Text.[^1] More.[^2] Again.[^3] Then.[^4] Aside.[^5]

[^1]: John Smith, *A History of the Fens* (Cambridge: Fenland Press, 1950), 10.
[^2]: Ibid., 12; Mary Jones, *Drainage and Enclosure* (Ely, 1961), 30.
[^3]: Brown, op. cit., 2.
[^4]: Smith, *History of the Fens*, 15.
[^5]: See Part II, supra.
`)
	src := mustDoc(t, "fens.md", "# A History of the Fens\n\nThe fens were drained in three campaigns.\n")
	lib := NewLibrary([]*compare.Document{src})
	got := Entries(d, lib)
	want := []struct {
		note, kind, ref, target, source string
	}{
		{"1", "full", "John Smith, *A History of the Fens* (Cambridge: Fenland Press, 1950), 10.", "John Smith, A History of the Fens", "fens.md"},
		{"2", "ibid.", "Ibid., 12", "John Smith, A History of the Fens", "fens.md"},
		{"2", "full", "Mary Jones, *Drainage and Enclosure* (Ely, 1961), 30.", "Mary Jones, Drainage and Enclosure", ""},
		{"3", "op. cit.", "Brown, op. cit., 2.", "", ""},
		{"4", "short title", "Smith, *History of the Fens*, 15.", "John Smith, A History of the Fens", "fens.md"},
	}
	if len(got) != len(want) {
		for _, e := range got {
			t.Logf("%s %s %q → %q", e.Note.Label, e.Citation.Kind, d.TextOf(e.Citation.Span), e.Target)
		}
		t.Fatalf("%d entries, want %d", len(got), len(want))
	}
	for i, w := range want {
		e := got[i]
		source := ""
		if e.Source != nil && e.Source.Doc != nil {
			source = e.Source.Doc.Path
		}
		if e.Note.Label != w.note || e.Citation.Kind.String() != w.kind || d.TextOf(e.Citation.Span) != w.ref ||
			e.Target != w.target || source != w.source {
			t.Errorf("entry %d: note %s %s %q → %q (source %q); want note %s %s %q → %q (source %q)", i,
				e.Note.Label, e.Citation.Kind, d.TextOf(e.Citation.Span), e.Target, source, w.note, w.kind, w.ref, w.target, w.source)
		}
	}
	if Entries(mustDoc(t, "plain.txt", "No notes at all.\n"), nil) != nil {
		t.Error("a document without notes has entries")
	}
}
