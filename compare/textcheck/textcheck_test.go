package textcheck

import (
	"context"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
)

// found returns "check:excerpt" for each text finding of a text, the
// excerpt being the original bytes the finding spans.
func found(t *testing.T, name, text string) []string {
	t.Helper()
	d := parse(t, name, []byte(text))
	var out []string
	for _, f := range run(t, d) {
		out = append(out, f.Check.ID+":"+string(d.Raw[f.Span.Start:f.Span.End]))
	}
	return out
}

func TestChecksFind(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       []string
	}{
		{"case glue", "The member states concluded theTreaty on good relations and signed theARF protocol in due course.",
			[]string{"text.glued-words:theTreaty", "text.glued-words:theARF"}},
		{"sentence glue", "Creating a new situation in military diplomacy which is open and dynamic.China has established ties.",
			[]string{"text.glued-words:dynamic.China"}},
		{"sentence glue after a quote", `He said it was over."The next day was quiet, and nobody spoke of it.`,
			[]string{`text.glued-words:over."The`}},
		{"capital glue", "Posted byThe East Ridge Team in the winter of that year, with nothing else to add.",
			[]string{"text.glued-words:byThe"}},
		{"lexical glue", "They signed the Agreement on Cooperation of Defense Ministriesand the protocol on arms.",
			[]string{"text.glued-words:Ministriesand"}},
		{"pair glue", "He walked ofthe road and into the field where the others were waiting for him.",
			[]string{"text.glued-words:ofthe"}},
		{"comma glue", "They defended their rights,and the court agreed with them after a long hearing.",
			[]string{"text.glued-words:rights,and"}},
		{"date", "The protocol will enter into force on December 15,2020 and run for ten years.",
			[]string{"text.number-space:December 15,2020"}},
		{"year glue", "The office opened in2008 after a long delay caused by the budget.",
			[]string{"text.number-space:in2008"}},
		{"broken paragraph", "China and Russia are firmly committed to safeguarding the\n\nUN-centered international system and the basic norms of relations.\n",
			[]string{"text.broken-paragraph:the\n\nUN"}},
		{"broken paragraph lower case", "In March 2013 I observed that countries are linked with one another. Since then, I\n\nhave proposed the Belt and Road Initiative on different occasions.\n",
			[]string{"text.broken-paragraph:I\n\nhave"}},
		{"fragment", "alliance systems in favour of the new security concept, Jiang sought an alignment.\n\nMore text follows here.\n",
			[]string{"text.fragment:alliance"}},
		{"duplicate heading", "## In Their Own Words\n\n**Forging Ahead**\n\n### In Their Own Words\n\nThe series is dedicated to translations.\n",
			[]string{"text.duplicate-heading:### In Their Own Words"}},
		{"letter-spaced", "C H I N A    A E R O S P A C E\n\nThe institute studies aerospace.\n",
			[]string{"text.letter-spaced:C H I N A    A E R O S P A C E"}},
		{"running head", "The legions were stationed along the frontier and the DECLINE AND FALL OF THE ROMAN EMPIRE 23 emperors kept them there for a century.\n",
			[]string{"text.layout-caps:DECLINE AND FALL OF THE ROMAN EMPIRE 23"}},
		{"mojibake", "The countryâ€™s policy was clear, and the cafÃ© stayed open.",
			[]string{"text.mojibake:â€™", "text.mojibake:Ã©"}},
		{"double mojibake", "The countryÃ¢â‚¬â„¢s policy was clear.",
			[]string{"text.mojibake:Ã¢â‚¬â„¢"}},
		{"soft hyphens", "The devel\u00adop\u00adment of the region went on.",
			[]string{"text.invisible-char:\u00adop\u00ad"}},
		{"zero-width space", "The region\u200b was quiet.",
			[]string{"text.invisible-char:\u200b"}},
		{"replacement", "The r\ufffdgime fell in the spring.",
			[]string{"text.replacement-char:\ufffd"}},
		{"full-width colon", "(Source： China Military Online; issued Dec 15, 2020)",
			[]string{"text.fullwidth:："}},
		{"article", "The ministry set up an spokesperson system and an much greater office.",
			[]string{"text.article:an spokesperson", "text.article:an much"}},
		{"article before a vowel", "It was a outbreak of fever in a enormous camp.",
			[]string{"text.article:a outbreak", "text.article:a enormous"}},
		{"and slip", "The pride of his mother cast a shade on his reign; an by exacting obedience she ruled.",
			[]string{"text.article:an by"}},
		{"adverb hyphen", "The newly-founded office runs jointly-run schools.",
			[]string{"text.adverb-hyphen:newly-founded", "text.adverb-hyphen:jointly-run"}},
		{"compound hyphen", "The draft included treaty based obligations for both sides.",
			[]string{"text.compound-hyphen:treaty based obligations"}},
		{"time possessive", "The US gave notice of withdrawal in six months time.",
			[]string{"text.time-possessive:six months time"}},
		{"unattributed", "Our peoples stood by each other in the fight, which proves that \"a friend in need is a friend indeed.\"\n",
			[]string{`text.unattributed-quote:"a friend in need is a friend indeed."`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := found(t, "t.txt", c.text)
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("%q:\n got %q\nwant %q", c.text, got, c.want)
			}
		})
	}
}

func TestChecksLeaveAlone(t *testing.T) {
	for _, c := range []struct{ name, text string }{
		{"brands", "She bought an iPhone on eBay, a PlayStation and a copy of PowerPoint at McDonald's in the mall."},
		{"names", "General MacArthur met LeBron and DeVito; McCain and O'Brien came later with FitzGerald."},
		{"abbreviations", "Some states (e.g.China) agree, i.e.Russia too; J.R.R.Tolkien and U.S.Army were mentioned."},
		{"honorifics", "They met Mr.Smith and Dr.Jones at St.Paul in the evening."},
		{"urls and mail", "See https://example.com/theTreaty or www.Example.Org, write to john.Smith@example.com today."},
		{"domains and files", "The site example.com hosts Report.Docx and README.md for the users."},
		{"code", "Call `getElementById` or `toString`, or set `isEmpty` before the loop runs.\n\n```\nvar theValue = parseFloat(x); obj.theName = 1;\n```\n"},
		{"code line", "objDropDown.selectedIndex = 1; binMatch = true; stock_level = arrStock [i][2] }"},
		{"chemistry", "Table salt is NaCl, water is H2O and the gas is CO2 in this reaction."},
		{"numbers", "It cost 1,000 dollars, rose 3.5 percent, and version 1.2.3 shipped on 1,250 machines."},
		{"dates", "It was signed on December 15, 2020 and expired on 16 December 2030."},
		{"paragraphs", "The first paragraph ends here.\n\nthe second starts in lower case after a full stop.\n"},
		{"headings and lists", "Regional Security Cooperation\n\nthe text.\n\n- item one without a stop\n\n- item two\n"},
		{"verse", "Tiger, tiger, burning bright\nIn the forests of the night\n\nwhat immortal hand or eye\nCould frame thy fearful symmetry\n"},
		{"repeated section names far apart", "## Notes\n\n" + strings.Repeat("Some words of text here. ", 40) + "\n\n## Notes\n\nMore.\n"},
		{"spaced initials", "The letters A B C are the first three of the alphabet."},
		{"capitals for emphasis", "It was REALLY VERY HARD INDEED to climb the hill that day."},
		{"latin", "Ego facilius crediderim, naturam margaritis deesse quam nobis avaritiam, fortasse portare notis."},
		{"words that are compounds", "The policymakers and weathercasters used screensavers and papillomaviruses data."},
		{"a and an", "It was a union of a European and a one-off; an hour, an honest man, an MP, a university."},
		{"letters", "If a is greater than b, then a and b differ; see (a) and (b)."},
		{"no hyphen wanted", "An early-warning system, a family-owned shop and a daily-use item."},
		{"based on", "The decision was based on the treaty; a report based largely on rumour."},
		{"time", "It took six months to build, and two years' time is enough."},
		{"attributed quotes", "He said, \"We will come back to this matter next year.\" Smith wrote that \"the plan is sound and ready.\"[12]\n"},
		{"curly everywhere", "The \u201cseries\u201d is China\u2019s and Russia\u2019s work: \u201cwe agree.\u201d"},
		{"chinese", "中国：北京（首都）。"},
		{"joiner in emoji", "A family \U0001F468\u200D\U0001F469 smiled."},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := found(t, "t.md", c.text); len(got) > 0 {
				t.Errorf("%q: want nothing, got %q", c.text, got)
			}
		})
	}
}

// TestFindingsAtOriginalBytes checks that findings and fixes point at the
// original bytes when normalisation changed the text before them (curly
// quotes, CRLF line ends, a BOM, UTF-16).
func TestFindingsAtOriginalBytes(t *testing.T) {
	text := "\ufeffThe \u201cnew\u201d era\u2019s start.\r\nThey concluded theTreaty in the\u00a0end.\r\n"
	for _, enc := range []string{"utf-8", "utf-16le"} {
		raw := []byte(text)
		if enc == "utf-16le" {
			raw = utf16le(text)
		}
		d := parse(t, "t.txt", raw)
		fs := run(t, d)
		if len(fs) != 1 || fs[0].Check != CheckGluedWords {
			t.Fatalf("%s: want one glued-words finding, got %v", enc, fs)
		}
		f := fs[0]
		if got := d.Position(f.Span.Start); got.Line != 2 || got.Column != 16 {
			t.Errorf("%s: finding at %d:%d, want 2:16", enc, got.Line, got.Column)
		}
		if enc == "utf-8" {
			if got := string(d.Raw[f.Span.Start:f.Span.End]); got != "theTreaty" {
				t.Errorf("finding spans %q", got)
			}
			if f.Fix == nil || string(d.Raw[f.Fix.Span.Start:f.Fix.Span.End]) != "eT" || f.Fix.Text != "e T" {
				t.Errorf("fix %+v", f.Fix)
			}
		} else if f.Fix != nil {
			t.Errorf("utf-16: no fix by byte offsets expected, got %+v", f.Fix)
		}
	}
}

func utf16le(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, r := range strings.TrimPrefix(s, "\ufeff") {
		if r >= 0x10000 {
			r -= 0x10000
			hi, lo := 0xD800+(r>>10), 0xDC00+(r&0x3FF)
			out = append(out, byte(hi), byte(hi>>8), byte(lo), byte(lo>>8))
			continue
		}
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}

// TestFixesApply applies every fix to the seeds and checks that the text
// checks find nothing more of what they fixed.
func TestFixesApply(t *testing.T) {
	text := "They concluded theTreaty and theAgreement. It was dynamic.China has ties.\n" +
		"It will expire on December 15,2020, and an spokesperson agreed.\n" +
		"The countryâ€™s newly-founded office.\n"
	d := parse(t, "t.txt", []byte(text))
	fs := run(t, d)
	var fixes []compare.Fix
	for _, f := range fs {
		if f.Fix == nil {
			t.Errorf("%s: no fix", describe(f))
			continue
		}
		fixes = append(fixes, *f.Fix)
	}
	fixed := applyFixes(string(d.Raw), fixes)
	want := "They concluded the Treaty and the Agreement. It was dynamic. China has ties.\n" +
		"It will expire on December 15, 2020, and a spokesperson agreed.\n" +
		"The country’s newly founded office.\n"
	if fixed != want {
		t.Errorf("fixed:\n%s\nwant:\n%s", fixed, want)
	}
	if again := run(t, parse(t, "t.txt", []byte(fixed))); len(again) != 0 {
		t.Errorf("after the fixes: %v", again)
	}
}

// applyFixes applies non-overlapping fixes to s.
func applyFixes(s string, fixes []compare.Fix) string {
	var b strings.Builder
	at := 0
	for _, f := range fixes {
		if f.Span.Start < at {
			continue
		}
		b.WriteString(s[at:f.Span.Start])
		b.WriteString(f.Text)
		at = f.Span.End
	}
	b.WriteString(s[at:])
	return b.String()
}

// TestPerCheckLimit checks that a document full of one defect yields at
// most MaxPerCheck findings and one that counts the rest.
func TestPerCheckLimit(t *testing.T) {
	text := "Words: " + strings.Repeat("word\u00ad ", 50)
	d := parse(t, "t.txt", []byte(text))
	var fs []compare.Finding
	if err := Check(context.Background(), d, Options{MaxPerCheck: 10}, func(f compare.Finding) { fs = append(fs, f) }); err != nil {
		t.Fatal(err)
	}
	if len(fs) != 11 || !strings.Contains(fs[10].Message, "40 more findings") {
		t.Fatalf("got %d findings, last %q", len(fs), fs[len(fs)-1].Message)
	}
}

// TestHTML checks the text checks on a document with markup: headings
// come from the markup (the title repeated as the first heading is no
// defect), findings and fixes point into the HTML source.
func TestHTML(t *testing.T) {
	src := `<html><head><title>In Their Own Words</title></head><body>
<h1>In Their Own Words</h1>
<p>Forging ahead to open a new chapter.</p>
<h2>In Their Own Words</h2>
<p>The member states concluded theTreaty on good relations and stood by the</p>
<p>principles of the charter, which says nothing of &shy;hyphens.</p>
</body></html>
`
	got := found(t, "t.html", src)
	want := []string{"text.duplicate-heading:In Their Own Words", "text.glued-words:theTreaty", "text.broken-paragraph:the</p>\n<p>principles"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q\nwant %q", got, want)
	}
	d := parse(t, "t.html", []byte(src))
	for _, f := range run(t, d) {
		if f.Check == CheckDuplicateHeading && d.Position(f.Span.Start).Line != 4 {
			t.Errorf("duplicate heading at line %d, want 4", d.Position(f.Span.Start).Line)
		}
		if f.Check == CheckBrokenParagraph && f.Fix != nil {
			t.Errorf("a fix across markup: %+v", f.Fix)
		}
	}
}
