package claims

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The long-sentence set: pairs of news, report and policy sentences of
// twenty to forty words, written from templates with varied vocabulary so
// that every label is exact by construction. Each contradiction type
// (number, date, negation, antonym) has its pairs, beside same-event
// paraphrases (the same figure or date written another way) and pairs of
// different events that share words and numbers. The file is kept in
// testdata (longpairs.tsv, id<TAB>A<TAB>B<TAB>kind<TAB>label, which
// `crosscheck eval nli` reads) and must be what the generator writes:
//
//	LONGPAIRS_WRITE=1 go test -run TestLongPairsFile ./compare/claims

const longPairsFile = "testdata/longpairs.tsv"

type longOrg struct{ name, possessive, spokes string }

var longOrgs = []longOrg{
	{"the Ministry of Finance", "the Ministry of Finance's", "a senior treasury official"},
	{"Harbour Logistics Group", "Harbour Logistics Group's", "the company's chief executive"},
	{"the Northern Rail Company", "the Northern Rail Company's", "a spokeswoman for the operator"},
	{"Meridian Foods", "Meridian Foods'", "the group's finance director"},
	{"the Regional Water Board", "the Regional Water Board's", "the board's chair"},
	{"Atlas Mining Corporation", "Atlas Mining Corporation's", "a company spokesman"},
	{"the Department of Transport", "the Department of Transport's", "a department spokesperson"},
	{"Vantor Pharmaceuticals", "Vantor Pharmaceuticals'", "the drugmaker's head of investor relations"},
	{"the Central Statistics Office", "the Central Statistics Office's", "the office's chief economist"},
	{"Solvia Energy", "Solvia Energy's", "the utility's chief financial officer"},
	{"the National Health Service in Wales", "the National Health Service in Wales'", "a health board official"},
	{"Kestrel Airlines", "Kestrel Airlines'", "the carrier's commercial director"},
}

var longMetrics = []string{"export revenue", "operating profit", "passenger numbers", "household energy spending",
	"capital investment", "online sales", "freight volumes", "research spending", "net lending", "wholesale prices"}

var longReasons = []string{"strong demand from Asian buyers", "a mild winter", "lower fuel costs", "new contracts in Scandinavia",
	"a weaker currency", "the reopening of its southern terminal", "higher interest rates", "a one-off tax credit"}

var longRise = []string{"grew", "rose", "increased", "climbed"}

var longWeekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}

var longMonths = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// a percentage or an amount written three ways, and another value
type longValue struct{ a, b, same string }

func longPercent(r *rand.Rand) (longValue, longValue) {
	v := 2 + r.IntN(15)
	w := v + 2 + r.IntN(6)
	words := []string{"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
	forms := func(x int) []string {
		f := []string{fmt.Sprintf("%d%%", x), fmt.Sprintf("%d per cent", x), fmt.Sprintf("%d percent", x)}
		if x < len(words) {
			f = append(f, words[x]+" percent")
		}
		return f
	}
	fv, fw := forms(v), forms(w)
	return longValue{fv[r.IntN(len(fv))], fv[r.IntN(len(fv))], fv[r.IntN(len(fv))]}, longValue{fw[r.IntN(len(fw))], fw[r.IntN(len(fw))], ""}
}

func longMoney(r *rand.Rand) (longValue, longValue) {
	whole := 2 + r.IntN(40)
	tenth := 1 + r.IntN(9)
	other := whole + 1 + r.IntN(5)
	sym := []struct{ sym, code, name string }{{"$", "US$", "U.S. dollars"}, {"€", "EUR ", "euros"}, {"£", "GBP ", "pounds"}}[r.IntN(3)]
	scale := []struct{ short, long string }{{"m", "million"}, {"bn", "billion"}}[r.IntN(2)]
	v := fmt.Sprintf("%d.%d", whole, tenth)
	forms := []string{sym.sym + v + scale.short, sym.code + v + " " + scale.long, v + " " + scale.long + " " + sym.name}
	return longValue{forms[r.IntN(3)], forms[r.IntN(3)], forms[r.IntN(3)]},
		longValue{fmt.Sprintf("%s%d %s", sym.sym, other, scale.long), fmt.Sprintf("%s%d%s", sym.sym, other, scale.short), ""}
}

type longPair struct{ a, b, kind, label string }

func capFirst(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// longPairs writes the set.
func longPairs() []longPair {
	r := rand.New(rand.NewPCG(12, 2024))
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	var out []longPair
	add := func(a, b, kind, label string) { out = append(out, longPair{a, b, kind, label}) }
	moneyMetrics := []string{"export revenue", "operating profit", "capital investment", "research spending", "net lending", "online sales"}
	for n := 0; n < 75; n++ {
		o, m, year := longOrgs[r.IntN(len(longOrgs))], pick(longMetrics), 2015+r.IntN(9)
		v, w := longPercent(r)
		verb := pick(longRise)
		rise := longRise
		if r.IntN(2) == 0 {
			// an amount: a level reached, of a metric counted in money
			v, w = longMoney(r)
			m = pick(moneyMetrics)
			rise = []string{"reached", "totalled", "hit"}
			verb = pick(rise)
		}
		reason := pick(longReasons)
		// number: the same metric of the same body in the same year, two values
		a := fmt.Sprintf("%s %s %s %s in %d, %s said on %s, pointing to %s and a steady order book.",
			capFirst(o.possessive), m, verb, v.a, year, o.spokes, pick(longWeekdays), reason)
		b := fmt.Sprintf("According to its annual report, %s %s %s %s in %d, a result the board attributed largely to %s.",
			o.possessive, m, pick(rise), w.a, year, pick(longReasons))
		add(a, b, "number", "CONTRADICTION")
		// paraphrase: the same value written another way
		b2 := fmt.Sprintf("According to its annual report, %s %s %s %s in %d, a result the board attributed largely to %s.",
			o.possessive, m, verb, v.b, year, reason)
		add(a, b2, "paraphrase", "ENTAILMENT")
		// different events: another year, or another body, with the other value
		o2 := longOrgs[(r.IntN(len(longOrgs)-1)+1+indexOrg(o))%len(longOrgs)]
		b3 := fmt.Sprintf("%s %s %s %s in %d, %s told analysts on a call after the results were published.",
			capFirst(o2.possessive), m, verb, w.a, year, o2.spokes)
		add(a, b3, "different", "NEUTRAL")
		b4 := fmt.Sprintf("%s %s %s %s in %d, %s said, after a weak year in which %s held back trading.",
			capFirst(o.possessive), m, verb, w.b, year+1+r.IntN(3), o.spokes, pick(longReasons))
		add(a, b4, "different", "NEUTRAL")
	}
	deals := []string{"a supply agreement", "a joint venture", "a ten-year lease", "a licensing deal", "a framework contract", "a merger agreement"}
	partners := []string{"Eastline Transport", "the port authority of Rotterdam", "Nordvik Shipping", "the University of Leeds", "Castell Engineering", "the city of Valencia"}
	dateOf := func(day, month, year int, style int) string {
		if style == 0 {
			return fmt.Sprintf("%s %d, %d", longMonths[month], day, year)
		}
		return fmt.Sprintf("%d %s %d", day, longMonths[month], year)
	}
	for n := 0; n < 70; n++ {
		o, deal, partner := longOrgs[r.IntN(len(longOrgs))], pick(deals), pick(partners)
		day, month, year := 1+r.IntN(27), r.IntN(12), 2012+r.IntN(11)
		day2, month2 := day, (month+1+r.IntN(10))%12
		if r.IntN(2) == 0 {
			day2, month2 = (day+3+r.IntN(20))%28+1, month
		}
		a := fmt.Sprintf("%s signed %s with %s on %s, ending more than a year of negotiations over pricing and the length of the term.",
			capFirst(o.name), deal, partner, dateOf(day, month, year, r.IntN(2)))
		b := fmt.Sprintf("After long talks over pricing, %s signed %s with %s on %s, the two sides confirmed in a joint statement.",
			o.name, deal, partner, dateOf(day2, month2, year, r.IntN(2)))
		add(a, b, "date", "CONTRADICTION")
		b2 := fmt.Sprintf("After long talks over pricing, %s signed %s with %s on %s, the two sides confirmed in a joint statement.",
			o.name, deal, partner, dateOf(day, month, year, 1-strings.Count(a, ",")%2))
		add(a, b2, "paraphrase", "ENTAILMENT")
		o2 := longOrgs[(indexOrg(o)+1+r.IntN(len(longOrgs)-1))%len(longOrgs)]
		deal2 := deals[(indexOf2(deals, deal)+1+r.IntN(len(deals)-1))%len(deals)]
		b3 := fmt.Sprintf("%s signed %s with %s on %s, ending more than a year of negotiations over pricing and the length of the term.",
			capFirst(o2.name), deal2, partner, dateOf(day2, month2, year, r.IntN(2)))
		add(a, b3, "different", "NEUTRAL")
	}
	policies := []string{"cap municipal borrowing at four per cent of annual revenue", "raise the state pension age to sixty-eight by 2035",
		"extend the tram network to the northern suburbs", "ban single-use plastic packaging in public buildings",
		"merge the two regional planning authorities", "introduce a levy on vacant commercial property"}
	deny := []string{"does not support %s", "has never supported %s", "no longer supports %s", "did not back %s",
		"failed to approve %s", "refused to endorse %s"}
	affirm := []string{"supports %s", "supported %s", "supports %s", "backed %s", "approved %s", "endorsed %s"}
	for n := 0; n < 72; n++ {
		o, pol := longOrgs[r.IntN(len(longOrgs))], pick(policies)
		k := r.IntN(len(deny))
		plan := "the proposal to " + pol
		a := fmt.Sprintf("%s %s, %s told reporters after a meeting with regional leaders on %s.",
			capFirst(o.name), fmt.Sprintf(affirm[k], plan), o.spokes, pick(longWeekdays))
		b := fmt.Sprintf("%s %s, %s told reporters after a meeting with regional leaders on %s.",
			capFirst(o.name), fmt.Sprintf(deny[k], plan), o.spokes, pick(longWeekdays))
		if r.IntN(2) == 0 {
			b = fmt.Sprintf("Despite weeks of lobbying by council leaders, %s %s, according to minutes of the meeting seen by this newspaper.",
				o.name, fmt.Sprintf(deny[k], plan))
		}
		add(a, b, "negation", "CONTRADICTION")
		// another body denies it: different events
		o2 := longOrgs[(indexOrg(o)+1+r.IntN(len(longOrgs)-1))%len(longOrgs)]
		b2 := fmt.Sprintf("%s %s, %s told reporters after a meeting with regional leaders on %s.",
			capFirst(o2.name), fmt.Sprintf(deny[k], plan), o2.spokes, pick(longWeekdays))
		add(a, b2, "different", "NEUTRAL")
	}
	type opp struct{ a, b, obj string }
	opps := []opp{
		{"approved", "rejected", "the revised budget for the coming financial year"},
		{"accepted", "rejected", "the takeover offer from its largest shareholder"},
		{"won", "lost", "the contract to operate the regional bus network"},
		{"rose", "fell", ""},
		{"increased", "decreased", ""},
		{"opened", "closed", "its distribution centre near the airport"},
		{"raised", "lowered", "its forecast for full-year earnings"},
		{"expanded", "contracted", "its workforce in the northern region"},
	}
	for n := 0; n < 72; n++ {
		o, p := longOrgs[r.IntN(len(longOrgs))], opps[r.IntN(len(opps))]
		x, y := p.a, p.b
		if r.IntN(3) == 0 {
			x, y = y, x
		}
		var a, b, c string
		if p.obj == "" {
			m := pick(longMetrics)
			a = fmt.Sprintf("%s %s %s sharply in the third quarter, %s said on %s, as %s changed the picture for the sector.",
				capFirst(o.possessive), m, x, o.spokes, pick(longWeekdays), pick(longReasons))
			b = fmt.Sprintf("In its quarterly statement the board said that %s %s %s sharply in the third quarter, despite %s.",
				o.possessive, m, y, pick(longReasons))
			m2 := longMetrics[(indexOf2(longMetrics, m)+1+r.IntN(len(longMetrics)-1))%len(longMetrics)]
			c = fmt.Sprintf("In its quarterly statement the board said that %s %s %s sharply in the third quarter, despite %s.",
				o.possessive, m2, y, pick(longReasons))
		} else {
			a = fmt.Sprintf("At a meeting on %s the board of %s %s %s, %s said in a statement to the stock exchange.",
				pick(longWeekdays), o.name, x, p.obj, o.spokes)
			b = fmt.Sprintf("The board of %s %s %s after a long debate, two people familiar with the discussions said.",
				o.name, y, p.obj)
			o2 := longOrgs[(indexOrg(o)+1+r.IntN(len(longOrgs)-1))%len(longOrgs)]
			c = fmt.Sprintf("The board of %s %s %s after a long debate, two people familiar with the discussions said.",
				o2.name, y, p.obj)
		}
		add(a, b, "antonym", "CONTRADICTION")
		add(a, c, "different", "NEUTRAL")
	}
	return append(out, longPairsReported()...)
}

// longPairsReported writes the pairs of denials reported ("denied
// that"), of amounts stated as multipliers ("doubled") and of ranks
// ("ranked third"), each with near misses that must not be read as
// contradictions: the same denial twice, a statement and a denial of
// different things, "did not deny"; a multiplier and a compatible one
// ("more than doubled", "tripled") or the same change written another way,
// another year; the same rank written another way, another year or
// another survey, an ordinal in a name. They have a random source of
// their own, so that the pairs before them stay as they were.
func longPairsReported() []longPair {
	r := rand.New(rand.NewPCG(12, 2025))
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	var out []longPair
	add := func(a, b, kind, label string) { out = append(out, longPair{a, b, kind, label}) }
	other := func(o longOrg) longOrg { return longOrgs[(indexOrg(o)+1+r.IntN(len(longOrgs)-1))%len(longOrgs)] }
	plans := []string{"the plan to close the night ferry to the islands", "the proposal to raise the tourist levy in coastal towns",
		"the bid to move its head office to Glasgow", "the scheme to pay suppliers within fifteen days",
		"the proposal to sell the old rail depot to a housing developer", "the plan to merge its two call centres"}
	projects := []string{"the new bus depot on the ring road", "the sale of the old swimming baths", "a second cycle bridge over the river",
		"the closure of the central library on Sundays", "a rent freeze for council tenants"}
	cities := []string{"Leeds", "Norwich", "Cardiff", "Aberdeen", "Plymouth", "Derby"}
	denyVerbs := []string{"denied that", "disputed that", "rejected claims that", "denied reports that"}
	for n := 0; n < 24; n++ {
		o, plan, day := longOrgs[r.IntN(len(longOrgs))], pick(plans), pick(longWeekdays)
		a := fmt.Sprintf("%s supports %s, %s told reporters on %s after a meeting with the unions.", capFirst(o.name), plan, o.spokes, day)
		b := fmt.Sprintf("In a statement released on %s, %s %s it supports %s, calling the reports premature.", pick(longWeekdays), o.name, pick(denyVerbs), plan)
		add(a, b, "negation", "CONTRADICTION")
		city, project, month := pick(cities), pick(projects), pick(longMonths)
		a = fmt.Sprintf("The mayor of %s confirmed that the council approved %s at a closed session in %s, according to the minutes.", city, project, month)
		b = fmt.Sprintf("The mayor of %s denied that the council approved %s at a closed session in %s, according to the minutes.", city, project, month)
		add(a, b, "negation", "CONTRADICTION")
		// the same denial twice; a statement and a denial of different
		// things; a denial not made
		b = fmt.Sprintf("Speaking on %s, %s %s it supports %s, as several newspapers had reported.", day, o.name, pick(denyVerbs), plan)
		a = fmt.Sprintf("%s denied that it supports %s, %s told reporters on %s after a meeting with the unions.", capFirst(o.name), plan, o.spokes, day)
		add(a, b, "paraphrase", "ENTAILMENT")
		project2 := projects[(indexOf2(projects, project)+1+r.IntN(len(projects)-1))%len(projects)]
		a = fmt.Sprintf("The mayor of %s said that the council approved %s at a closed session in %s, according to the minutes.", city, project, month)
		b = fmt.Sprintf("The mayor of %s denied that the council approved %s at a closed session in %s, according to the minutes.", city, project2, month)
		add(a, b, "near-miss", "NEUTRAL")
		a = fmt.Sprintf("The mayor of %s did not deny that the council approved %s at a closed session in %s, according to the minutes.", city, project, month)
		b = fmt.Sprintf("The council of %s approved %s at a closed session in %s, according to the minutes.", city, project, month)
		add(a, b, "near-miss", "NEUTRAL")
	}
	mult := []string{"doubled", "tripled", "quadrupled", "halved"}
	same := map[string][]string{"doubled": {"rose 100%", "increased by 100 per cent", "rose twofold"},
		"tripled": {"rose 200%", "increased threefold", "rose by 200 per cent"}, "quadrupled": {"rose 300%", "increased fourfold"},
		"halved": {"fell 50%", "fell by 50 per cent"}}
	for n := 0; n < 24; n++ {
		o, m, year := longOrgs[r.IntN(len(longOrgs))], pick(longMetrics), 2014+r.IntN(9)
		k := r.IntN(len(mult))
		x, y := mult[k], mult[(k+1+r.IntN(len(mult)-1))%len(mult)]
		if r.IntN(4) == 0 && x == "doubled" {
			x = "nearly doubled"
		}
		reason := pick(longReasons)
		a := fmt.Sprintf("%s %s %s in %d, %s said on %s, pointing to %s.", capFirst(o.possessive), m, x, year, o.spokes, pick(longWeekdays), reason)
		b := fmt.Sprintf("According to its annual report, %s %s %s in %d, a change the board put down to %s.", o.possessive, m, y, year, pick(longReasons))
		add(a, b, "number", "CONTRADICTION")
		// a compatible amount, the same change written another way, another year
		a = fmt.Sprintf("%s %s more than doubled in %d, %s said on %s, pointing to %s.", capFirst(o.possessive), m, year, o.spokes, pick(longWeekdays), reason)
		b = fmt.Sprintf("According to its annual report, %s %s %s in %d, a change the board put down to %s.", o.possessive, m, pick([]string{"tripled", "quadrupled"}), year, reason)
		add(a, b, "near-miss", "NEUTRAL")
		z := mult[r.IntN(len(mult))]
		a = fmt.Sprintf("%s %s %s in %d, %s said on %s, pointing to %s.", capFirst(o.possessive), m, z, year, o.spokes, pick(longWeekdays), reason)
		b = fmt.Sprintf("According to its annual report, %s %s %s in %d, a change the board put down to %s.", o.possessive, m, pick(same[z]), year, reason)
		add(a, b, "paraphrase", "ENTAILMENT")
		w := mult[(indexOf2(mult, z)+1+r.IntN(len(mult)-1))%len(mult)]
		b = fmt.Sprintf("According to its annual report, %s %s %s in %d, a change the board put down to %s.", o.possessive, m, w, year+1+r.IntN(3), pick(longReasons))
		add(a, b, "near-miss", "NEUTRAL")
	}
	ordinals := []struct{ word, fig string }{{"first", "1st"}, {"second", "2nd"}, {"third", "3rd"}, {"fourth", "4th"}, {"fifth", "5th"},
		{"sixth", "6th"}, {"seventh", "7th"}, {"eighth", "8th"}, {"ninth", "9th"}, {"tenth", "10th"}, {"twelfth", "12th"}}
	surveys := []longSurvey{
		{"national survey of regional carriers", "the transport regulator"}, {"annual league table of city employers", "the chamber of commerce"},
		{"customer satisfaction index for utilities", "the consumer council"}, {"ranking of green businesses", "an environmental charity"},
		{"yearly review of hospital trusts", "the health inspectorate"}}
	rankForm := func(o string) string {
		switch r.IntN(4) {
		case 0:
			return "ranked " + o
		case 1:
			return "came " + o
		case 2:
			return "finished " + o
		}
		return "was ranked " + o
	}
	for n := 0; n < 24; n++ {
		o, sv, year := longOrgs[r.IntN(len(longOrgs))], surveys[r.IntN(len(surveys))], 2012+r.IntN(11)
		k := r.IntN(len(ordinals))
		p, q := ordinals[k], ordinals[(k+1+r.IntN(len(ordinals)-1))%len(ordinals)]
		a := fmt.Sprintf("%s %s in the %s published by %s in %d, ahead of most of its rivals.", capFirst(o.name), rankForm(p.word), sv.survey, sv.by, year)
		b := fmt.Sprintf("In %d %s %s in the %s published by %s, its annual report says.", year, o.name, rankForm(pick([]string{q.word, q.fig})), sv.survey, sv.by)
		add(a, b, "number", "CONTRADICTION")
		// the same rank written in figures; another year; another survey
		b = fmt.Sprintf("In %d %s %s in the %s published by %s, its annual report says.", year, o.name, rankForm(p.fig), sv.survey, sv.by)
		add(a, b, "paraphrase", "ENTAILMENT")
		b = fmt.Sprintf("In %d %s %s in the %s published by %s, its annual report says.", year+1+r.IntN(3), o.name, rankForm(q.word), sv.survey, sv.by)
		add(a, b, "near-miss", "NEUTRAL")
		sv2 := surveys[(r.IntN(len(surveys)-1)+1+slices.Index(surveys, sv))%len(surveys)]
		b = fmt.Sprintf("In %d %s %s in the %s published by %s, its annual report says.", year, o.name, rankForm(q.word), sv2.survey, sv2.by)
		add(a, b, "near-miss", "NEUTRAL")
		// an ordinal in a name is no rank
		o2 := other(o)
		w1, w2 := "Second", "First"
		if r.IntN(2) == 0 {
			w1, w2 = w2, w1
		}
		a = fmt.Sprintf("%s opened a museum of the %s World War in %s, %s said at the ceremony.", capFirst(o.name), w1, pick(cities), o.spokes)
		b = fmt.Sprintf("%s opened a museum of the %s World War in %s, %s said at the ceremony.", capFirst(o2.name), w2, pick(cities), o2.spokes)
		add(a, b, "near-miss", "NEUTRAL")
	}
	return out
}

// longSurvey is a survey that ranks, and who publishes it.
type longSurvey struct{ survey, by string }

func indexOrg(o longOrg) int {
	for i, x := range longOrgs {
		if x == o {
			return i
		}
	}
	return 0
}

func indexOf2(xs []string, s string) int {
	for i, x := range xs {
		if x == s {
			return i
		}
	}
	return 0
}

func longPairsTSV() []byte {
	var b bytes.Buffer
	b.WriteString("id\tsentence_A\tsentence_B\tkind\tlabel\n")
	for i, p := range longPairs() {
		fmt.Fprintf(&b, "%d\t%s\t%s\t%s\t%s\n", i+1, p.a, p.b, p.kind, p.label)
	}
	return b.Bytes()
}

// TestLongPairsFile: the file in testdata is what the generator writes.
func TestLongPairsFile(t *testing.T) {
	want := longPairsTSV()
	if os.Getenv("LONGPAIRS_WRITE") != "" {
		if err := os.WriteFile(filepath.FromSlash(longPairsFile), want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(filepath.FromSlash(longPairsFile))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is not what the generator writes: LONGPAIRS_WRITE=1 go test -run TestLongPairsFile", longPairsFile)
	}
	if n := bytes.Count(got, []byte("\n")) - 1; n < 400 {
		t.Fatalf("%d pairs, want ≥ 400", n)
	}
}
