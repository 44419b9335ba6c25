package lang

import "testing"

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
