package lang

import (
	"math"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input"
)

// wordsOf tags the words of the first sentence of text.
func wordsOf(t testing.TB, text string) ([]Word, *Lexicon) {
	t.Helper()
	_, ws, lx := taggedSentence(t, text)
	return ws, lx
}

// taggedSentence parses text and tags the words of its first sentence.
func taggedSentence(t testing.TB, text string) (*compare.Document, []Word, *Lexicon) {
	t.Helper()
	d, err := input.Parse("t.txt", []byte(text), input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	lx := NewLexicon(NewLexCache())
	ws := Words(d, d.Sentences[0], nil)
	TagWords(lx, ws, Capitalisation(d))
	return d, ws, lx
}

// A verb that multiplies is a change in per cent, an ordinal after a verb
// of ranking is a rank; an ordinal in a name and a year are no amounts.
func TestMultipliersAndRanks(t *testing.T) {
	inf := math.Inf(1)
	for _, c := range []struct {
		text, span, unit string
		lo, hi           float64
		change           bool
	}{
		{"Exports to the region doubled in 2021.", "doubled", "percent", 100, 100, true},
		{"Grain shipments through the port tripled last year.", "tripled", "percent", 200, 200, true},
		{"Ticket sales halved after the strike.", "halved", "percent", 50, 50, true},
		{"Exports more than doubled in 2021.", "more than doubled", "percent", 100, inf, true},
		{"Exports nearly doubled in 2021.", "nearly doubled", "percent", 90, 100, true},
		{"Sales rose threefold in the spring.", "threefold", "percent", 200, 200, true},
		// a percentage right after a verb of change is the change, as "by" says
		{"Exports rose 150% in 2021.", "150%", "percent", 150, 150, true},
		{"The market grew 5 percent in 2021.", "5 percent", "percent", 5, 5, true},
		{"Unemployment fell to 5% in 2021.", "5%", "percent", 5, 5, false},
		{"The company ranked third in the survey published in 2019.", "third", "rank", 3, 3, false},
		{"The airline came 5th in the annual league table.", "5th", "rank", 5, 5, false},
		{"The firm finished in 21st place among local employers.", "21st place", "rank", 21, 21, false},
	} {
		qs := quantitiesOf(t, c.text)
		if len(qs) != 1 {
			t.Errorf("%q: %d amounts %v, want 1", c.text, len(qs), qs)
			continue
		}
		q := qs[0]
		if q.Text != c.span || q.Unit != c.unit || q.Lo != c.lo || q.Hi != c.hi || q.Change != c.change {
			t.Errorf("%q: %q %s [%v, %v] change %v, want %q %s [%v, %v] change %v", c.text, q.Text, q.Unit, q.Lo, q.Hi, q.Change,
				c.span, c.unit, c.lo, c.hi, c.change)
		}
	}
	for _, text := range []string{
		"Veterans of the Second World War met in the square.",
		"The bakery on 5th Avenue opened a second shop in 2019.",
		"The museum reopened in 2019 after a long renovation.",
		"He ordered a double espresso and a third croissant.",
	} {
		if qs := quantitiesOf(t, text); len(qs) != 0 {
			t.Errorf("%q: amounts %v, want none", text, qs)
		}
	}
}

func TestOrdinalValue(t *testing.T) {
	for w, want := range map[string]float64{"third": 3, "twelfth": 12, "1st": 1, "2nd": 2, "3rd": 3, "11th": 11, "12th": 12,
		"13th": 13, "21st": 21, "102nd": 102, "3th": 0, "11st": 0, "first-class": 0, "rd": 0, "": 0} {
		if got := OrdinalValue(w); got != want {
			t.Errorf("OrdinalValue(%q) = %v, want %v", w, got, want)
		}
	}
}

// The verb of a clause that multiplies or ranks is compared as the change
// or the rank it states.
func TestVerbLemma(t *testing.T) {
	for _, c := range []struct{ text, verb, want string }{
		{"Exports doubled in 2021.", "doubled", "increase"},
		{"Ticket sales halved after the strike.", "halved", "decrease"},
		{"The carrier came fifth in the survey.", "came", "rank"},
		{"The firm finished in 3rd place.", "finished", "rank"},
		{"The firm finished the bridge in May.", "finished", "finish"},
		// reporting verbs of an amount share a lemma: a change or a level
		{"Online sales climbed 2% in 2022.", "climbed", "increase"},
		{"Online sales grew by 8 per cent in 2022.", "grew", "increase"},
		{"Operating profit slipped 3 percent in 2020.", "slipped", "decrease"},
		{"Net lending hit $38 billion in 2015.", "hit", "total"},
		{"Net lending reached 37.1 billion U.S. dollars in 2015.", "reached", "total"},
		{"Export revenue totalled EUR 27.5 billion in 2015.", "totalled", "total"},
		{"Freight traffic expanded 6% last year.", "expanded", "increase"},
		// … but not without an amount, nor before a count of things
		{"A mountain is being climbed by two men.", "climbed", "climb"},
		{"The striker hit the post twice.", "hit", "hit"},
		{"The committee reached a decision in May.", "reached", "reach"},
	} {
		ws, _ := wordsOf(t, c.text)
		for i, w := range ws {
			if w.Lower == c.verb {
				if got := VerbLemma(ws, i); got != c.want {
					t.Errorf("%q: VerbLemma(%s) = %q, want %q", c.text, c.verb, got, c.want)
				}
			}
		}
	}
}

func TestDenialFrame(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"The mayor denied that the council approved the depot.", true},
		{"The mayor denied on Tuesday that the council approved the depot.", true},
		{"The ministry rejected claims that it supports the plan.", true},
		{"The union disputed that the operator cut the drivers.", true},
		{"The ministry rejected the proposal that the union made.", false},
		{"The mayor confirmed that the council approved the depot.", false},
		{"The mayor said that the council approved the depot.", false},
	} {
		ws, _ := wordsOf(t, c.text)
		verb, that := -1, -1
		for i, w := range ws {
			if w.Tag == TagVerb && verb < 0 {
				verb = i
			}
			if w.Lower == "that" && that < 0 {
				that = i
			}
		}
		if got := DenialFrame(ws, verb, that); got != c.want {
			t.Errorf("%q: DenialFrame = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestOrgHead(t *testing.T) {
	for name, want := range map[string]string{
		"Ministry of Finance": "ministry", "European Central Bank": "bank", "Bank of England": "bank",
		"Northern Rail Company": "company", "Harbour Logistics Group": "group", "Ministry": "", "Meridian Foods": "",
		"Fund for Peace": "fund", "Rome": "", "And Senate": "", "Of The Authority": "",
	} {
		if got := OrgHead(name); got != want {
			t.Errorf("OrgHead(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestDefiniteOrg(t *testing.T) {
	for _, c := range []struct {
		text, word string
		want       bool
	}{
		{"Later the ministry said it would wait.", "ministry", true},
		{"The ministry supports the plan.", "ministry", true},
		{"Later the bank holiday was moved.", "bank", false},
		{"Later the ministry of health said so.", "ministry", false},
		{"Later a ministry said so.", "ministry", false},
	} {
		ws, _ := wordsOf(t, c.text)
		for i, w := range ws {
			if w.Lower == c.word {
				if got := DefiniteOrg(ws, i); got != c.want {
					t.Errorf("%q: DefiniteOrg(%s) = %v, want %v", c.text, c.word, got, c.want)
				}
			}
		}
	}
}

// A past participle after the object of a verb describes the object; after
// a verb that takes a clause it is that clause's verb.
func TestReducedRelative(t *testing.T) {
	for _, c := range []struct {
		text, prev, part string
		want             bool
	}{
		{"The council approved the new depot held on 4 May.", "approved", "held", true},
		{"The council approved the plan drawn up by the mayor.", "approved", "drawn", true},
		{"The study found the rates increased in May.", "found", "increased", false},
		{"The mayor said the rates increased in May.", "said", "increased", false},
		{"The council approved the plan and increased the levy.", "approved", "increased", false},
		{"Thailand signed the treaty winning in February.", "signed", "winning", false},
	} {
		ws, lx := wordsOf(t, c.text)
		gs := VerbGroups(lx, ws, nil)
		prev, found := -1, false
		for _, g := range gs {
			if g.Main >= 0 && ws[g.Main].Lower == c.prev {
				prev = g.Main
			}
			if g.Main >= 0 && ws[g.Main].Lower == c.part {
				found = true
				if got := ReducedRelative(lx, ws, g, prev); got != c.want {
					t.Errorf("%q: ReducedRelative(%s) = %v, want %v", c.text, c.part, got, c.want)
				}
			}
		}
		if !found {
			t.Errorf("%q: no verb group for %q", c.text, c.part)
		}
	}
}

// A word after a possessive starts a noun phrase, an "-ing" noun before a
// past tense is a compound's head, and a plain form after a singular noun
// ends a compound: none is a verb.
func TestPossessiveAndCompoundNouns(t *testing.T) {
	for _, c := range []struct {
		text, word string
		want       Tag
	}{
		{"The Ministry of Finance's freight volumes rose 10% in 2018.", "freight", TagNoun},
		{"The Northern Rail Company's export revenue grew 15 percent in 2016.", "export", TagNoun},
		{"Meridian Foods' research spending climbed 11 percent in 2021.", "spending", TagNoun},
		{"Meridian Foods' net lending fell 4 percent in 2019.", "lending", TagNoun},
		{"Atlas Mining's research spending hit £13.2m in 2016.", "spending", TagNoun},
		{"Passenger numbers rose 7 per cent in 2015.", "numbers", TagNoun},
		{"Passenger numbers rose 7 per cent in 2015.", "rose", TagVerb},
		{"Freight traffic on the Danube corridor expanded 6% last year.", "traffic", TagNoun},
		{"Wheat output in the province surged 18 per cent in 2020.", "output", TagNoun},
		{"The ministry's staff export the goods.", "export", TagVerb},
		{"Officials spending public money reported it.", "spending", TagVerb},
		// a plain form after a singular noun a determiner opens: a compound
		{"A man is drinking from a water bottle.", "bottle", TagNoun},
		{"The family is posing by the Christmas tree.", "tree", TagNoun},
		{"A plastic water bottle lay on the kitchen table.", "table", TagNoun},
		// … but not a verb whose past is its plain form, nor after a
		// noun that takes a plural verb, nor after a plural
		{"The storm hit the coast.", "hit", TagVerb},
		{"The government cut taxes in 2020.", "cut", TagVerb},
		{"The bank set rates at 5 percent.", "set", TagVerb},
		{"The police arrive at nine.", "arrive", TagVerb},
		{"The dogs bark at night.", "bark", TagVerb},
	} {
		ws, _ := wordsOf(t, c.text)
		found := false
		for _, w := range ws {
			if w.Lower == c.word {
				found = true
				if w.Tag != c.want {
					t.Errorf("%q: %s tagged %v, want %v", c.text, c.word, w.Tag, c.want)
				}
			}
		}
		if !found {
			t.Errorf("%q: no %q", c.text, c.word)
		}
	}
}
