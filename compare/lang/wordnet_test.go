package lang

import (
	"strings"
	"testing"
)

func TestWordNet(t *testing.T) {
	for _, c := range []struct {
		a, b            string
		opposed, direct bool
	}{
		{"empty", "full", true, true},
		{"near", "far", true, true},
		{"sit", "stand", true, true},
		{"huge", "small", true, false},
		{"man", "guitar", false, false},
	} {
		o, d := Antonyms(c.a, c.b)
		if o != c.opposed || d != c.direct {
			t.Errorf("Antonyms(%s, %s) = %v %v", c.a, c.b, o, d)
		}
	}
	for _, c := range []struct {
		pos  byte
		a, b string
		want Relation
	}{
		{'v', "target", "direct", Same},
		{'n', "kid", "child", Same},
		{'n', "man", "person", Narrower},
		{'n', "person", "man", Broader},
		{'n', "dog", "cat", Unrelated},
	} {
		if got := Relate(c.pos, c.a, c.b); got != c.want {
			t.Errorf("Relate(%c, %s, %s) = %v, want %v", c.pos, c.a, c.b, got, c.want)
		}
	}
	for _, c := range []struct {
		pos     byte
		w, want string
	}{
		{'n', "men", "man"}, {'n', "children", "child"}, {'v', "sitting", "sit"},
		{'v', "ran", "run"}, {'v', "playing", "play"}, {'n', "countries", "country"},
		{'v', "riding", "ride"}, {'a', "bigger", "big"},
	} {
		if got := LemmaOf(c.pos, c.w); got != c.want {
			t.Errorf("LemmaOf(%c, %s) = %q, want %q", c.pos, c.w, got, c.want)
		}
	}
}

// TestAntonymsEveryLine: every pair of the table, and of newsAntonyms, is
// found both ways with its directness, by Antonyms and by a relater
// holding the first word's block; a word against itself and a pair the
// table lacks are not.
func TestAntonymsEveryLine(t *testing.T) {
	n := 0
	for line := range strings.Lines(wordnetAntonyms) {
		line = strings.TrimSuffix(line, "\n")
		f := strings.Fields(line)
		n++
		for _, p := range [][2]string{{f[0], f[1]}, {f[1], f[0]}} {
			if o, d := Antonyms(p[0], p[1]); !o || d != (f[2] == "d") {
				t.Errorf("%q: Antonyms(%q, %q) = %v, %v", line, p[0], p[1], o, d)
			}
		}
		if o, _ := antonymsIn(antonymBlock(f[0]), f[0], f[1]+"#"); o {
			t.Errorf("%q: %q opposed to %q", line, f[0], f[1]+"#")
		}
	}
	if n < 20000 {
		t.Fatalf("%d lines", n)
	}
	for p := range newsAntonyms {
		a, b, _ := strings.Cut(p, " ")
		if o, d := Antonyms(b, a); !o || !d {
			t.Errorf("news pair %q: %v, %v", p, o, d)
		}
	}
	if o, _ := Antonyms("good", "good"); o {
		t.Error("good opposed to itself")
	}
}
