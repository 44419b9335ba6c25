package tomlguard

import (
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestCheck(t *testing.T) {
	deep := func(n int) string {
		return "a = " + strings.Repeat("{b=", n) + "1" + strings.Repeat("}", n) + "\n"
	}
	tests := []struct {
		name string
		text string
		line int // 0: accepted
	}{
		{"empty", "", 0},
		{"config", "[check]\nformat = \"json\"\nexclude = [\"a/**\", \"b\"]\n", 0},
		{"nested at the limit", deep(MaxDepth), 0},
		{"nested past the limit", deep(MaxDepth + 1), 1},
		{"arrays past the limit", "x = 1\ny = " + strings.Repeat("[", 40) + strings.Repeat("]", 40), 2},
		{"brackets in strings do not count", "a = \"" + strings.Repeat("{", 100) + "\"\nb = '" + strings.Repeat("[", 100) + "'\n", 0},
		{"brackets in comments do not count", "# " + strings.Repeat("{", 100) + "\na = 1\n", 0},
		{"multi-line string", "a = \"\"\"\n" + strings.Repeat("{", 100) + "\n\"\"\"\nb = " + strings.Repeat("[", 40), 4},
		{"escaped quote", `a = "x\"{{{{"` + "\nb = 1\n", 0},
		{"unterminated string", "a = \"{{{\nb = " + strings.Repeat("{c=", 40), 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Check([]byte(tt.text))
			if tt.line == 0 {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("accepted, want refusal at line %d", tt.line)
			}
			if e.Line != tt.line {
				t.Fatalf("refused at line %d, want %d: %v", e.Line, tt.line, e)
			}
		})
	}
}

func TestCheckSize(t *testing.T) {
	if err := CheckLimits(make([]byte, 11), 10, 5); err == nil {
		t.Fatal("an 11-byte text passed a 10-byte limit")
	}
}

// TestAcceptedParses makes sure that what Check lets through at the depth
// limit is parsed by the TOML library in bounded time and memory.
func TestAcceptedParses(t *testing.T) {
	text := "a = " + strings.Repeat("{b=", MaxDepth) + "1" + strings.Repeat("}", MaxDepth) + "\n"
	var v map[string]any
	if _, err := toml.Decode(text, &v); err != nil {
		t.Fatal(err)
	}
}

// FuzzCheck: Check never panics, and what it accepts the TOML library
// parses (or refuses) without panicking; a seed that nests grows with n.
func FuzzCheck(f *testing.F) {
	f.Add([]byte("a = {b = [1, {c = 2}]}\n"), 3)
	f.Add([]byte("a = \"\"\"x\n{\"\"\"\n"), 50)
	f.Fuzz(func(t *testing.T, raw []byte, n int) {
		if n < 0 || n > 200 {
			n %= 200
			if n < 0 {
				n = -n
			}
		}
		text := append([]byte("k = "+strings.Repeat("{a=", n)), raw...)
		text = append(text, strings.Repeat("}", n)...)
		if Check(text) != nil {
			return
		}
		var v map[string]any
		_, _ = toml.Decode(string(text), &v)
	})
}
