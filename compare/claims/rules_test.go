package claims

import (
	"context"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input"
)

// contradictions compares the claims of the given documents (one text
// each) and returns each contradiction as "kind/evidence/severity".
func contradictions(t *testing.T, texts ...string) []string {
	t.Helper()
	var docs []*compare.Document
	for i, text := range texts {
		d, err := input.Parse(string(rune('a'+i))+".txt", []byte(text), input.Options{})
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	dcs, err := ExtractAll(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := Compare(context.Background(), dcs)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range ms {
		if m.Kind != "overlap" {
			out = append(out, m.Kind+"/"+m.Evidence.String()+"/"+m.Severity().String())
		}
	}
	return out
}

// Each rule of the comparison, on a pair of documents (or one document,
// for the rules of claims inside one): what is reported as
// "kind/evidence/severity", or nothing.
func TestContradictionRules(t *testing.T) {
	for _, c := range []struct {
		name  string
		texts []string
		want  string // contradictions joined by ","; "" for none
	}{
		// the same subject: heads alike and modifiers that do not conflict
		{"names apart", []string{"The army of Gaul was drawn up in two lines.", "The Gothic army was drawn up in three lines."}, ""},
		{"names alike", []string{"The army of Gaul was drawn up in two lines.", "The army of Gaul was drawn up in three lines."}, "number/restated/warning"},
		{"place adjective", []string{"Eleven cities of Asia had disputed the honor of the temple.", "Three hundred African cities had disputed the honor of the temple."}, ""},
		{"phrase after the same preposition", []string{"The median income for a household in the county was $33,462.", "The median income for a household in the city was $33,011."}, ""},
		{"of-phrase", []string{"The character of the tribunes was not cruel.", "The character of a reformer was cruel."}, ""},
		{"opposed adjectives", []string{"A white dog is not running in the park.", "A black dog is running in the park."}, ""},
		{"numbers that name", []string{"Type 1 diabetes is not serious.", "Type 2 diabetes is serious."}, ""},

		// numbers: paired first, about one event, with a qualifier's range
		{"figures paired crosswise", []string{"Call the office at 486-2450 for details.", "Call the office at 486-2450 for details."}, ""},
		{"no shared name, not restated", []string{"Fifty thousand men are reported to have been slain in the battle of Naissus.", "Thirty-four thousand men are reported to have been slain."}, ""},
		{"shared name", []string{"Claudius defeated the Goths with fifty thousand men.", "According to the annals of that age, Claudius defeated the Goths with thirty-four thousand men, after a long march."}, "number/anchored/warning"},
		{"other year", []string{"In 2008 the Knox County MLS reported 8 home sales.", "In 2009 the Knox County MLS reported 14 home sales."}, ""},
		{"bare figures, not restated", []string{"Yet the curious reader may consult Daille, l. ii. c. 4.", "The curious reader, who consults the Valesian fragment, p. 713, will accuse me."}, ""},
		{"almost ninety", []string{"The Claudian family reigned almost ninety years over Rome.", "The Claudian family reigned ninety years over Rome."}, ""},
		{"about and some", []string{"Rome sent about 300 ships to Egypt.", "Rome sent some 320 ships to Egypt."}, ""},
		{"compound numeral", []string{"Xerxes led three hundred and seventy-five thousand men into Greece.", "Xerxes led seventy-five thousand men into Greece."}, "number/restated/warning"},
		{"short sentence, word for word", []string{"The fleet had 300 ships.", "The fleet had 320 ships."}, "number/restated/warning"},
		{"list items", []string{"2) Piano This is provided by a visiting private tutor, for all age groups.", "3) Guitar This is provided by a visiting private tutor, for all age groups."}, ""},

		// negation: between claims that align, never from a litotes
		{"litotes", []string{"The tribunes were not unlike the consuls in character.", "The tribunes were unlike the consuls in character, as the historian observes at length."}, ""},
		{"not only", []string{"China not only supports the peacekeeping operations of the UN.", "China supports the peacekeeping operations of the UN."}, ""},
		{"degree", []string{"The soprano trombone has never been widely used in orchestras.", "The soprano trombone has been used in orchestras."}, ""},
		{"condition", []string{"If there is no shelter in the park, evacuate in a vehicle.", "There is a shelter in the park."}, ""},
		{"relative clause", []string{"Applications come from states in which the company is not licensed.", "The company is licensed."}, ""},
		{"question", []string{"So the female dog is not pregnant?", "The female dog is pregnant."}, ""},
		{"existence against a property", []string{"There are no packages available.", "Packages are subject to availability."}, ""},
		{"restated copy of a relative clause", []string{"He provided wise regulations, which were confirmed under the succeeding reigns.", "He provided wise regulations, which were not confirmed under the succeeding reigns."}, "negation/restated/warning"},
		{"no evidence across documents", []string{"Reservations are not required.", "Seating is limited and reservations are required."}, "negation/words/info"},
		{"no one is nobody", []string{"There is no one signing the petition at the council office.", "Someone is signing the petition at the council office."}, "negation/words/info"},
		{"no one, a count elsewhere", []string{"No one of the three ministers signed.", "One minister signed."}, ""},
		{"existential passive, agent as subject", []string{"There is no road being repaired by the city council.", "The road is being repaired by the city council."}, "negation/restated/warning"},

		// antonyms: only between claims alike in all else
		{"converse verbs, other subjects", []string{"They persuaded themselves that a golden age would succeed to an age of iron.", "The golden age of Trajan and the Antonines had been preceded by an age of iron."}, ""},
		{"other objects", []string{"And then, a split second later, I remember.", "I often forget to categorize myself as diabetic, and think of it with surprise."}, ""},
		{"spelling of one word", []string{"Starbucks is a non-political organization.", "Starbucks is a nonpolitical organization."}, ""},
		{"prefix opposite", []string{"Starbucks is a non-political organization.", "Starbucks is a political organization."}, "antonym/restated/warning"},
		{"both words on both sides", []string{"The flag of the legion was black and the field was white.", "The flag of the legion was black and the field was white."}, ""},

		// within one document: more evidence
		{"within, other expectations", []string{"But the expectations of Probus were too often disappointed. The barbarians grew idle. " +
			"The Romans fought the Punic wars at their own expense. Their expectations were not disappointed."}, ""},
		{"within, restated", []string{"The senate was assembled in the temple of Concord by the consuls. Much happened since. " +
			"The senate was not assembled in the temple of Concord by the consuls."}, "negation/restated/warning"},
		{"within, a name only", []string{"After the liberation of Iraq, the Swordsmen returned to Oceana in 2003.\n\n" +
			"The Swordsmen returned to Oceana in 1989, after a long cruise in the Mediterranean."}, "date/anchored/info"},
		{"within, restated date", []string{"The Swordsmen returned to Oceana in 2003.\n\nThe Swordsmen returned to Oceana in 1989."}, "date/restated/warning"},
		{"within, name and number", []string{"On March 2 Kennedy signed Executive Order 10925, which established a commission.\n\n" +
			"On March 6 Kennedy signed Executive Order 10925, which established the commission on equal employment and spelled out its duties."}, "date/identified/warning"},

		// templates: sentences alike but for their figures, next to others alike
		{"census template", []string{"For every 100 females there were 104.4 males. For every 100 females age 18 and over, there were 102.6 males.",
			"For every 100 females there were 95.6 males. For every 100 females age 18 and over, there were 91.7 males."}, ""},
	} {
		got := strings.Join(contradictions(t, c.texts...), ",")
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

// What the parser marks as asserting nothing of its own, or as no denial.
func TestAssertedAndNegated(t *testing.T) {
	for _, c := range []struct {
		text     string
		clause   string // the clause's text starts so
		asserted bool
		negated  bool
	}{
		{"Licinius, whose manners were not unlike his own, seems to have engaged his esteem.", "manners were not unlike", false, true},
		{"The army was not without reason alarmed.", "The army was not without", false, true},
		{"The fleet was not uncommon in those seas.", "The fleet was not uncommon", false, true},
		{"The treasure was not discovered by the guards.", "The treasure was not discovered", true, true},
		{"China not only supports the UN but also funds it.", "China not only supports", true, false},
		{"If there is no shelter, leave at once.", "there is no shelter", false, true},
		{"When the temperature reaches 103 degrees, stop the cooling.", "the temperature reaches", false, false},
		{"So the female is not pregnant?", "the female is not pregnant", false, true},
		{"States in which the company is not licensed are excluded.", "the company is not licensed", false, true},
		{"The road condition is_not very good.", "The road condition is_not very good", true, true},
	} {
		dc := extractText(t, c.text)
		found := false
		for _, s := range dc.Sentences() {
			for _, cl := range s.Clauses {
				if !strings.HasPrefix(dc.Doc.TextOf(cl.Span), c.clause) {
					continue
				}
				found = true
				if cl.Asserted != c.asserted || cl.Negated != c.negated {
					t.Errorf("%q: clause %q asserted %v negated %v, want %v %v", c.text, dc.Doc.TextOf(cl.Span), cl.Asserted, cl.Negated, c.asserted, c.negated)
				}
			}
		}
		if !found {
			var cs []string
			for _, s := range dc.Sentences() {
				for _, cl := range s.Clauses {
					cs = append(cs, dc.Doc.TextOf(cl.Span))
				}
			}
			t.Errorf("%q: no clause %q in %q", c.text, c.clause, cs)
		}
	}
}

// A day without a year is a date, compared only with days without one.
func TestYearlessDates(t *testing.T) {
	for _, c := range []struct{ text, span, label string }{
		{"On March 2 Kennedy signed the order.", "March 2", "--03-02"},
		{"On 4 April, she escorted two tankers.", "4 April", "--04-04"},
		{"It was signed on March 2, 1961.", "March 2, 1961", "1961-03-02"},
	} {
		ds := extractText(t, c.text).Sentences()[0].Dates
		if len(ds) != 1 || ds[0].Text != c.span || ds[0].Label() != c.label {
			t.Errorf("%q: got %+v", c.text, ds)
		}
	}
}
