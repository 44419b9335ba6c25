package compare

import (
	"slices"
	"testing"
)

// TestTokenKeysInto: the keys computed into a buffer are TokenKeys', they
// are not kept, and once TokenKeys has built the table it is returned
// shared.
func TestTokenKeysInto(t *testing.T) {
	for _, text := range []string{"", "One word", "The re-\nport says THE report, the Report.", "Überall über ALL"} {
		d := NewTextDocument("a.txt", text)
		buf := make([]uint64, 0, 1)
		got, shared := d.TokenKeysInto(buf)
		if shared {
			t.Errorf("%q: shared before TokenKeys", text)
		}
		if d.keysBuilt.Load() {
			t.Errorf("%q: TokenKeysInto kept the keys", text)
		}
		want := d.TokenKeys()
		if !slices.Equal(got, want) {
			t.Errorf("%q: %v, want %v", text, got, want)
		}
		again, shared := d.TokenKeysInto(nil)
		if !shared || !slices.Equal(again, want) {
			t.Errorf("%q: after TokenKeys: shared %v, %v", text, shared, again)
		}
	}
}
