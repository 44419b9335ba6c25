package lang

import "testing"

func TestStem(t *testing.T) {
	// Expected stems from the Snowball English (Porter2) reference vocabulary.
	for _, c := range []struct{ in, want string }{
		{"consign", "consign"}, {"consigned", "consign"}, {"consigning", "consign"},
		{"consignment", "consign"}, {"consist", "consist"}, {"consisted", "consist"},
		{"consistency", "consist"}, {"consistent", "consist"}, {"consistently", "consist"},
		{"consisting", "consist"}, {"consists", "consist"}, {"consolation", "consol"},
		{"consolations", "consol"}, {"consolatory", "consolatori"}, {"console", "consol"},
		{"consoled", "consol"}, {"consoles", "consol"}, {"consolidate", "consolid"},
		{"consolidated", "consolid"}, {"consolidating", "consolid"}, {"consoling", "consol"},
		{"knack", "knack"}, {"knackeries", "knackeri"}, {"knacks", "knack"},
		{"knag", "knag"}, {"knave", "knave"}, {"knaves", "knave"}, {"knavish", "knavish"},
		{"kneaded", "knead"}, {"kneading", "knead"}, {"knee", "knee"}, {"kneel", "kneel"},
		{"kneeled", "kneel"}, {"kneeling", "kneel"}, {"kneels", "kneel"}, {"knees", "knee"},
		{"knell", "knell"}, {"knelt", "knelt"}, {"knew", "knew"}, {"knick", "knick"},
		{"generous", "generous"}, {"generously", "generous"}, {"communism", "communism"},
		{"cooperation", "cooper"}, {"cooperative", "cooper"}, {"running", "run"},
		{"countries", "countri"}, {"country", "countri"}, {"relations", "relat"},
		{"dying", "die"}, {"skies", "sky"}, {"news", "news"}, {"proceed", "proceed"},
		{"hopping", "hop"}, {"hoped", "hope"}, {"agreed", "agre"}, {"feed", "feed"},
		{"happily", "happili"}, {"sitting", "sit"}, {"a", "a"}, {"Über", "Über"},
	} {
		if got := Stem(c.in); got != c.want {
			t.Errorf("Stem(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
