package claims

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
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
	return out
}

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

// TestLongPairs measures the comparison on the long-sentence set against
// the targets: contradiction precision ≥ 0.70 and recall ≥ 0.40,
// each type's recall ≥ 0.30.
func TestLongPairs(t *testing.T) {
	f, err := os.Open(filepath.FromSlash(longPairsFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := EvalNLI(context.Background(), f, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, rc := res.PR(PairContradiction, "CONTRADICTION")
	t.Logf("contradiction P %.3f R %.3f", p, rc)
	if p < 0.70 || rc < 0.40 {
		t.Errorf("contradiction precision %.3f recall %.3f, want ≥ 0.70 and ≥ 0.40", p, rc)
	}
	for _, kind := range []string{"number", "date", "negation", "antonym"} {
		r := res.KindRecall(kind)
		t.Logf("%-9s recall %.3f", kind, r)
		if r < 0.30 {
			t.Errorf("%s: recall %.3f, want ≥ 0.30", kind, r)
		}
	}
}
