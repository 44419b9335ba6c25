package lang

import (
	"strings"
	"testing"
)

// A WordRelater, which reads the synsets above each word once, relates
// words as SenseRelater does pair by pair, and finds what WordNet says of
// kinds and antonyms.
func TestWordRelaterAgreesWithSenseRelater(t *testing.T) {
	words := strings.Fields(`dog animal cat mammal puppy car vehicle truck man person woman child
		boy run move walk jog rise fall climb drop approve reject support oppose build make
		house building home city town river stream water liquid big large small tiny good bad
		quickly slowly eat consume drink tree plant oak flower rose guitar instrument play
		minister official ministry agency bank money dollar currency percent increase decline
		zzqx xyzzy`)
	ids := map[string]uint32{}
	for i, w := range words {
		ids[w] = uint32(i)
	}
	r := NewWordRelater(len(words), func(id uint32) string { return words[id] })
	var k SenseRelater
	related := 0
	for round := 0; round < 2; round++ { // the second round from the table
		for _, a := range words {
			for _, b := range words {
				if a == b {
					continue
				}
				for _, pos := range []byte{'n', 'v', 'a', 'r'} {
					sa, sb := ReadWordSenses(a), ReadWordSenses(b)
					want := Unrelated
					if o, _ := Antonyms(a, b); !(o && sa.Antonyms && sb.Antonyms) {
						want = k.Relate(&sa, &sb, pos)
					}
					how, opposed, _ := r.Relate(ids[a], ids[b], pos)
					if opposed {
						how = Unrelated
					}
					if how != want {
						t.Fatalf("%s/%s as %c: %v, SenseRelater says %v", a, b, pos, how, want)
					}
					if how != Unrelated && round == 0 {
						related++
					}
				}
			}
		}
	}
	if related < 20 {
		t.Errorf("only %d related pairs: the test relates too little", related)
	}
	for _, c := range []struct {
		a, b string
		pos  byte
		how  Relation
	}{
		{"dog", "animal", 'n', Narrower},
		{"animal", "dog", 'n', Broader},
		{"puppy", "dog", 'n', Narrower},
	} {
		if how, _, _ := r.Relate(ids[c.a], ids[c.b], c.pos); how != c.how {
			t.Errorf("%s/%s: %v, want %v", c.a, c.b, how, c.how)
		}
	}
	if _, opposed, _ := r.Relate(ids["rise"], ids["fall"], 'v'); !opposed {
		t.Error("rise/fall not opposed")
	}
}

// TestWordTableShared: relaters on several goroutines sharing one table
// relate words as a relater with a table of its own does.
func TestWordTableShared(t *testing.T) {
	words := []string{"big", "large", "small", "dog", "animal", "cat", "rise", "fall", "increase", "city", "town"}
	word := func(id uint32) string { return words[id] }
	alone := NewWordRelater(len(words), word)
	table := NewWordTable(len(words), word)
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func() {
			defer func() { done <- true }()
			r := table.Relater()
			for a := range uint32(len(words)) {
				for b := range uint32(len(words)) {
					for _, pos := range []byte{0, 'n', 'v', 'a'} {
						h1, o1, d1 := r.Relate(a, b, pos)
						h2, o2, d2 := NewWordRelater(len(words), word).Relate(a, b, pos)
						if h1 != h2 || o1 != o2 || d1 != d2 {
							t.Errorf("%s/%s %c: shared %v %v %v, alone %v %v %v", words[a], words[b], pos, h1, o1, d1, h2, o2, d2)
						}
					}
				}
			}
		}()
	}
	for range 4 {
		<-done
	}
	if h, _, _ := alone.Relate(3, 4, 'n'); h != Narrower {
		t.Errorf("dog/animal: %v, want Narrower", h)
	}
}
