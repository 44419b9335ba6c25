package claims

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input"
)

// scaleDocBytes is the size of one document of the scale corpus: the
// corpus grows by more documents, as a folder of reports does.
const scaleDocBytes = 256 << 10

// proseModel writes sentences that read like the texts it was trained on
// (a word bigram chain over the PAN 2013 source texts), and report
// sentences with names, amounts and dates of its own.
type proseModel struct {
	next   map[string][]string // word → the words that follow it in the texts
	starts []string            // words that begin a sentence
	real   []string            // the texts' own sentences, 12 to 60 words
	names  []string            // capitalised words inside sentences
	nouns  []string            // words after "the"
}

var sentenceEnd = regexp.MustCompile(`[.!?]["')\]]?\s+`)

// newProseModel reads the PAN source texts under shared, or returns nil
// when they are absent.
func newProseModel(shared string) (*proseModel, error) {
	dir := filepath.Join(shared, "corpora", "pan13-no-obfuscation", "src")
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil
	}
	m := &proseModel{next: map[string][]string{}}
	for _, e := range ents {
		raw, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		for _, s := range sentenceEnd.Split(string(raw), -1) {
			ws := strings.Fields(s)
			if len(ws) < 6 {
				continue
			}
			if len(ws) <= 60 && len(ws) >= 12 {
				m.real = append(m.real, strings.Join(ws, " ")+".")
			}
			m.starts = append(m.starts, ws[0])
			for i := 0; i+1 < len(ws); i++ {
				m.next[ws[i]] = append(m.next[ws[i]], ws[i+1])
				if w := ws[i+1]; isWord(w) {
					if w[0] >= 'A' && w[0] <= 'Z' && len(w) > 2 {
						m.names = append(m.names, w)
					} else if ws[i] == "the" && w[0] >= 'a' && w[0] <= 'z' && len(w) > 3 {
						m.nouns = append(m.nouns, w)
					}
				}
			}
		}
	}
	if len(m.real) == 0 {
		return nil, fmt.Errorf("no sentences in %s", dir)
	}
	return m, nil
}

// isWord says whether w is letters only.
func isWord(w string) bool {
	for _, c := range w {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return w != ""
}

// chained writes a sentence of 10 to 40 words from the bigram chain.
func (m *proseModel) chained(r *rand.Rand) string {
	w := m.starts[r.Intn(len(m.starts))]
	ws := []string{w}
	for len(ws) < 40 {
		nx := m.next[w]
		if len(nx) == 0 {
			break
		}
		w = nx[r.Intn(len(nx))]
		ws = append(ws, w)
		if len(ws) >= 10 && r.Intn(8) == 0 {
			break
		}
	}
	return strings.TrimRight(strings.Join(ws, " "), ",;:") + "."
}

var (
	scaleNames   = strings.Fields("China Russia India Thailand Pakistan Kazakhstan Japan France Singapore Indonesia Brazil Kenya Norway Chile Egypt")
	scaleBodies  = strings.Fields("ministry council agency bank office commission authority committee")
	scaleVerbs   = strings.Fields("signed approved supported launched rejected funded reviewed opened")
	scaleObjects = []string{"the trade agreement", "the security treaty", "the budget proposal", "the new rail line",
		"the water project", "the border accord", "the tax reform", "the port expansion", "the health programme"}
	scaleMonths = strings.Fields("January February March April May June July August September October November December")
	scaleUnits  = []string{"per cent", "million dollars", "tonnes", "jobs", "schools", "%"}
)

// report writes a sentence of a report: who did what, with an amount and
// a date. The names and objects come from the texts' own capitalised words
// and nouns, as many as real reports have, so that a larger corpus is not
// the same few events told more often.
func (m *proseModel) report(r *rand.Rand) string {
	name := scaleNames[r.Intn(len(scaleNames))]
	if r.Intn(4) > 0 {
		name = m.names[r.Intn(len(m.names))]
	}
	body := scaleBodies[r.Intn(len(scaleBodies))]
	verb := scaleVerbs[r.Intn(len(scaleVerbs))]
	obj := scaleObjects[r.Intn(len(scaleObjects))]
	if r.Intn(4) > 0 {
		obj = "the " + m.nouns[r.Intn(len(m.nouns))] + " " + m.nouns[r.Intn(len(m.nouns))]
	}
	date := scaleMonths[r.Intn(12)] + " " + strconv.Itoa(1+r.Intn(28)) + ", " + strconv.Itoa(1995+r.Intn(30))
	amount := strconv.Itoa(2+r.Intn(500)) + " " + scaleUnits[r.Intn(len(scaleUnits))]
	switch r.Intn(4) {
	case 0:
		return "The " + body + " of " + name + " " + verb + " " + obj + " on " + date + ", a change worth " + amount + "."
	case 1:
		return "On " + date + ", " + name + "'s " + body + " said that spending on " + obj[4:] + " grew by " + amount + " over the year."
	case 2:
		return "According to the " + body + ", " + name + " has " + verb + " " + obj + " and expects about " + amount + " by " + strconv.Itoa(2000+r.Intn(30)) + "."
	default:
		return name + " " + verb + " " + obj + " in " + scaleMonths[r.Intn(12)] + " " + strconv.Itoa(1995+r.Intn(30)) + " after the " + body + " counted " + amount + "."
	}
}

// fresh writes a sentence of one document's own: four in five from the
// chain, one a report sentence.
func (m *proseModel) fresh(r *rand.Rand) string {
	if r.Intn(5) == 0 {
		return m.report(r)
	}
	return m.chained(r)
}

var firstNumber = regexp.MustCompile(`\b[0-9]+\b`)

// edit changes a shared sentence as a second writer would: another
// number, a negation, or a word left out.
func edit(r *rand.Rand, s string) string {
	switch r.Intn(3) {
	case 0:
		if loc := firstNumber.FindStringIndex(s); loc != nil {
			n, _ := strconv.Atoi(s[loc[0]:loc[1]])
			return s[:loc[0]] + strconv.Itoa(n+1+r.Intn(9)) + s[loc[1]:]
		}
	case 1:
		for _, v := range []string{" is ", " was ", " has ", " will "} {
			if i := strings.Index(s, v); i >= 0 {
				return s[:i] + v + "not " + s[i+len(v):]
			}
		}
	}
	ws := strings.Fields(s)
	if len(ws) > 8 {
		i := 1 + r.Intn(len(ws)-2)
		ws = append(ws[:i], ws[i+1:]...)
	}
	return strings.Join(ws, " ")
}

// scaleCorpus writes about mb megabytes of prose as documents of
// scaleDocBytes, in paragraphs of four to eight sentences. A quarter of
// the sentences come from a pool shared by all documents (one pool
// sentence for every 24 sentences written, so each is used about six
// times, some far more, some once), a tenth of those edited; the rest are
// the document's own. The same mb and seed give the same bytes.
func (m *proseModel) scaleCorpus(mb int, seed int64) [][]byte {
	r := rand.New(rand.NewSource(seed))
	total := mb << 20
	// about 180 bytes a sentence
	pool := make([]string, max(64, total/180/24))
	for i := range pool {
		switch r.Intn(3) {
		case 0:
			pool[i] = m.report(r)
		case 1:
			pool[i] = m.real[r.Intn(len(m.real))]
		default:
			pool[i] = m.chained(r)
		}
	}
	zipf := rand.NewZipf(r, 1.1, 4, uint64(len(pool)-1))
	var docs [][]byte
	for written := 0; written < total; {
		var b strings.Builder
		for b.Len() < min(scaleDocBytes, total-written) {
			n := 4 + r.Intn(5)
			for i := 0; i < n; i++ {
				s := ""
				if r.Intn(4) == 0 {
					// half the draws spread evenly, half Zipf-skewed
					if r.Intn(2) == 0 {
						s = pool[r.Intn(len(pool))]
					} else {
						s = pool[zipf.Uint64()]
					}
					if r.Intn(10) == 0 {
						s = edit(r, s)
					}
				} else {
					s = m.fresh(r)
				}
				if i > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(s)
			}
			b.WriteString("\n\n")
		}
		docs = append(docs, []byte(b.String()))
		written += b.Len()
	}
	return docs
}

// scaleSizes reads CLAIMS_SCALE_MB (a comma list of megabytes), or def.
func scaleSizes(t testing.TB, def ...int) []int {
	v := os.Getenv("CLAIMS_SCALE_MB")
	if v == "" {
		return def
	}
	var out []int
	for _, f := range strings.Split(v, ",") {
		mb, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || mb <= 0 {
			t.Fatalf("CLAIMS_SCALE_MB=%q: want sizes in megabytes, as 10,20,40,80", v)
		}
		out = append(out, mb)
	}
	return out
}

// TestWriteScaleCorpus writes the scale corpus for measuring the command
// as a whole (see the README's Claims section): with
// CLAIMS_SCALE_DIR=dir, one folder dir/NNmb per size of CLAIMS_SCALE_MB
// (default 10,20,40,80).
func TestWriteScaleCorpus(t *testing.T) {
	dir := os.Getenv("CLAIMS_SCALE_DIR")
	if dir == "" {
		t.Skip("set CLAIMS_SCALE_DIR to write the scale corpus")
	}
	m, err := newProseModel(sharedDir())
	if err != nil {
		t.Fatal(err)
	}
	if m == nil {
		t.Skip("no ../shared corpora")
	}
	for _, mb := range scaleSizes(t, 10, 20, 40, 80) {
		sub := filepath.Join(dir, fmt.Sprintf("%02dmb", mb))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		for i, d := range m.scaleCorpus(mb, 1) {
			if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("report%04d.txt", i)), d, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// The corpus shares what it says it shares: sentences of the pool come
// back in several documents, and the same seed gives the same bytes.
func TestScaleCorpusShares(t *testing.T) {
	m, err := newProseModel(sharedDir())
	if err != nil {
		t.Fatal(err)
	}
	if m == nil {
		t.Skip("no ../shared corpora")
	}
	docs := m.scaleCorpus(2, 7)
	again := m.scaleCorpus(2, 7)
	if len(docs) != len(again) || string(docs[len(docs)-1]) != string(again[len(again)-1]) {
		t.Fatal("the same seed gave another corpus")
	}
	total := 0
	seen := map[string]map[int]bool{}
	for i, d := range docs {
		total += len(d)
		for _, s := range sentenceEnd.Split(string(d), -1) {
			if seen[s] == nil {
				seen[s] = map[int]bool{}
			}
			seen[s][i] = true
		}
	}
	if total < 2<<20 || total > 2<<20+scaleDocBytes {
		t.Errorf("%d bytes for 2 MB", total)
	}
	inSeveral := 0
	for _, ds := range seen {
		if len(ds) >= 3 {
			inSeveral++
		}
	}
	if inSeveral < 200 {
		t.Errorf("only %d sentences in three documents or more", inSeveral)
	}
}

// BenchmarkClaimsScale runs the claims analysis (documents parsed, claims
// extracted, compared, findings made) over the scale corpus, at the sizes
// of CLAIMS_SCALE_MB (default 10). Run it with -cpu 1 to compare sizes:
// ns/op over the sizes gives the exponent.
func BenchmarkClaimsScale(b *testing.B) {
	m, err := newProseModel(sharedDir())
	if err != nil {
		b.Fatal(err)
	}
	if m == nil {
		b.Skip("no ../shared corpora")
	}
	for _, mb := range scaleSizes(b, 10) {
		raws := m.scaleCorpus(mb, 1)
		total := 0
		for _, r := range raws {
			total += len(r)
		}
		b.Run(strconv.Itoa(mb)+"MB", func(b *testing.B) {
			b.SetBytes(int64(total))
			for it := 0; it < b.N; it++ {
				docs := make([]*compare.Document, len(raws))
				for i, raw := range raws {
					d, err := input.Parse(fmt.Sprintf("report%04d.txt", i), raw, input.Options{})
					if err != nil {
						b.Fatal(err)
					}
					docs[i] = d
				}
				n := 0
				pass := compare.NewPass(docs, nil, func(compare.Finding) { n++ })
				if _, err := Analyzer(Options{}).Run(context.Background(), pass); err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(n), "findings")
			}
		})
	}
}
