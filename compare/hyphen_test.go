package compare

import (
	"strings"
	"testing"
)

// words returns the words of d's tokens as WordText gives them.
func words(d *Document) []string {
	out := make([]string, len(d.Tokens))
	for i := range d.Tokens {
		out[i] = d.WordText(i)
	}
	return out
}

func TestLineBreakHyphenTokens(t *testing.T) {
	for _, c := range []struct {
		text string
		want string // words joined by "|"
	}{
		{"the re-\nport says", "the|report|says"},
		{"the re- \n    port says", "the|report|says"},
		{"the re-\r\n\tport says", "the|report|says"},
		{"the re\u00AD\nport says", "the|report|says"},
		{"the re\u00ADport says", "the|report|says"},
		{"hyper-\ncon-\nnected", "hyperconnected"},
		{"Rap-\nporteur", "Rapporteur"},
		{"Anglo-\nSaxon law", "Anglo|Saxon|law"},           // a capital after the break: a compound
		{"an X-\nray and e-\nmail", "an|X|ray|and|e|mail"}, // one letter before: a compound
		{"COVID-\n19 cases", "COVID|19|cases"},
		{"UN-\nled talks", "UN|led|talks"},
		{"the re-\n\nport", "the|re|port"}, // a blank line ends the paragraph
		{"the re-\n- port", "the|re|port"}, // a list item, not the rest of a word
		{"the re- port", "the|re|port"},    // no line break
		{"a well-known and well-\nknown fact", "a|well|known|and|well|known|fact"},
		{"a well-\nknown fact, well-known", "a|well|known|fact|well|known"},
		{"a well-\nknown fact", "a|wellknown|fact"}, // no evidence: taken for a break
		{"étu-\ndiant et étu-\ndes", "étudiant|et|études"},
	} {
		d := NewTextDocument("a.txt", c.text)
		if got := strings.Join(words(d), "|"); got != c.want {
			t.Errorf("%q: words %s, want %s", c.text, got, c.want)
		}
	}
}

// A joined token covers the original bytes of both halves, and has the key
// of the whole word, so that it compares equal with it.
func TestLineBreakHyphenSpansAndKeys(t *testing.T) {
	raw := "The annual re\u00AD\n  port and the re-\nview."
	d := NewTextDocument("a.txt", raw)
	plain := NewTextDocument("b.txt", "The annual report and the review.")
	if got, want := len(d.Tokens), len(plain.Tokens); got != want {
		t.Fatalf("%d tokens, want %d: %q", got, want, words(d))
	}
	ka, kb := d.TokenKeys(), plain.TokenKeys()
	for i := range ka {
		if ka[i] != kb[i] {
			t.Errorf("token %d: %q and %q have different keys", i, d.TextOf(d.Tokens[i].Span()), plain.TextOf(plain.Tokens[i].Span()))
		}
	}
	if got := d.tokenKeysIn(2, 3)[0]; got != WordKey("report") {
		t.Errorf("tokenKeysIn gives %x, want the key of \"report\"", got)
	}
	o := d.Orig(d.Tokens[2].Span())
	if got := raw[o.Start:o.End]; got != "re\u00AD\n  port" {
		t.Errorf("token 2 covers %q of the original", got)
	}
	if got := d.Word(5); got != "review" {
		t.Errorf("Word(5) = %q", got)
	}
	ops := WordDiff(d, Span{0, len(d.Text)}, plain, Span{0, len(plain.Text)}, 0)
	if len(ops) != 1 || ops[0].Op != "equal" {
		t.Errorf("word diff %q, want one equal run", FormatWordDiff(ops, d, plain, 0))
	}
}
