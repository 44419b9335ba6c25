package claims

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input"
)

// TestSICKKinds prints, per kind of finding, how often its pairs carry
// each SICK label, and writes every pair with its kind and label to the
// file SICK_KINDS names (a tuning aid, not a check).
func TestSICKKinds(t *testing.T) {
	if os.Getenv("SICK_KINDS") == "" || sharedDir() == "" {
		t.Skip("set SICK_KINDS=file with ../shared present")
	}
	f, err := os.Open(filepath.Join(sharedDir(), "corpora", "sick-train", "SICK_train.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	counts := map[string]map[string]int{}
	out, err := os.Create(os.Getenv("SICK_KINDS"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		p := strings.Split(sc.Text(), "\t")
		da, _ := input.Parse("A", []byte(p[1]), input.Options{})
		db, _ := input.Parse("B", []byte(p[2]), input.Options{})
		dcs, _ := ExtractAll(context.Background(), []*compare.Document{da, db})
		ms, _ := Compare(context.Background(), dcs)
		kind := "none"
		for _, m := range ms {
			if m.Kind != "overlap" {
				kind = m.Kind
			} else if kind == "none" {
				kind = "overlap-" + m.Covers
			}
		}
		gold := p[len(p)-1]
		if counts[kind] == nil {
			counts[kind] = map[string]int{}
		}
		counts[kind][gold]++
		fmt.Fprintf(out, "%s\t%s\t%s\t%s\n", kind, gold, p[1], p[2])
	}
	for k, v := range counts {
		t.Logf("%-16s %v", k, v)
	}
}
