package compare

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSeedSentences pins the sentence boundaries of the seeds where they
// are easy to get wrong: op. cit. and p. in a note, U.S., Dec without a
// point, numbers with commas, a note marker after a quotation, a section
// number before a heading, full stops with the space missing, headings.
func TestSeedSentences(t *testing.T) {
	tests := map[string]struct {
		whole []string // each is exactly one sentence
		not   []string // no sentence is exactly this (a wrong split)
	}{
		"000_9866ff30820a5e9a.txt": {
			whole: []string{
				"XIII. International Security Cooperation",
				"Regional Security Cooperation",
				"China attaches great importance to the ASEAN Regional Forum (ARF).",
				"Since 1990 the PLA has sent 11,063 military personnel/time to participate in 18 UN peacekeeping operations.",
				"Eight lost their lives on duty.",
				"Creating a new situation in military diplomacy which is open, practical and dynamic.",
				"A total of 98 countries have military attaché offices in China.",
				"China is sending an increasing number of military students overseas.",
			},
			not: []string{"XIII."},
		},
		"001_66c055a39ca13850.txt": {
			whole: []string{
				"<sup>35</sup> Full Text of Jiang Zemin Speech at Moscow University, op. cit., p. 3.",
				"Actual US withdrawal from the ABM, was accomplished on 13 June 2002.",
				"---",
			},
			not: []string{"<sup>35</sup> Full Text of Jiang Zemin Speech at Moscow University, op.", "cit., p.", "3."},
		},
		"003_63278fb5faae8c64.txt": {
			whole: []string{
				"## **In Their Own Words:**",
				"### **In Their Own Words**",
				"This translation and publication does not constitute approval by any U.S. Government organization " +
					"of the contents, inferences, findings and conclusions contained therein.",
				"Publication is solely for the exchange and stimulation of ideas.",
				"Russia was the first country I visited after I was elected President 10 years ago.",
				"We have met 40 times on bilateral and international occasions.",
				"China has been Russia's largest trading partner for 13 years running.",
			},
			not: []string{"This translation and publication does not constitute approval by any U.S.", "i.e.,"},
		},
		"004_38d307979455dc30.txt": {
			whole: []string{
				"China, Russia Extend Agreement on Notifications of Launches of Ballistic Missiles and Space Missile Carriers",
				"(Source: China Military Online; issued Dec 15, 2020)",
				"The Agreement will expire on December 16, 2020.",
				"-ends-",
			},
		},
	}
	for name, tt := range tests {
		raw, err := os.ReadFile(filepath.Join("..", "seeds", name))
		if err != nil {
			t.Fatal(err)
		}
		d := mustDoc(t, name, string(raw))
		have := map[string]bool{}
		for _, s := range d.Sentences {
			have[d.TextOf(s)] = true
		}
		for _, w := range tt.whole {
			if !have[w] {
				t.Errorf("%s: no sentence %q", name, w)
			}
		}
		for _, w := range tt.not {
			if have[w] {
				t.Errorf("%s: wrong split gives %q", name, w)
			}
		}
	}
	// the quotation closed by a note marker ends its sentence, marker included
	raw, _ := os.ReadFile(filepath.Join("..", "seeds", "001_66c055a39ca13850.txt"))
	d := mustDoc(t, "001", string(raw))
	var after string
	for i, s := range d.Sentences {
		if strings.HasSuffix(d.TextOf(s), `world peace."<sup>35</sup>`) && i+1 < len(d.Sentences) {
			after = d.TextOf(d.Sentences[i+1])
		}
	}
	if !strings.HasPrefix(after, "On 10 October 2001, the PRC co-sponsored") {
		t.Errorf("after the marked quotation: %q", after)
	}
}
