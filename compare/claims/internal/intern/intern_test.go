package intern

import (
	"strconv"
	"testing"
)

// Ids are given in order, found again, and values stay where they are as
// the table grows past chunks and rehashes.
func TestTable(t *testing.T) {
	var tb Table[int]
	first, _ := tb.Add("w0", 0)
	p := tb.Value(first)
	const n = 3 << chunkBits
	for i := 1; i < n; i++ {
		id, isNew := tb.Add("w"+strconv.Itoa(i), i)
		if !isNew || id != uint32(i) {
			t.Fatalf("Add(w%d) = %d, %v", i, id, isNew)
		}
	}
	if id, isNew := tb.Add("w7", -1); isNew || id != 7 {
		t.Errorf("Add(w7) again = %d, %v", id, isNew)
	}
	for i := 0; i < n; i++ {
		s := "w" + strconv.Itoa(i)
		if id, ok := tb.Find(s); !ok || id != uint32(i) || tb.String(id) != s || *tb.Value(id) != i {
			t.Fatalf("Find(%s) = %d, %v", s, id, ok)
		}
	}
	if _, ok := tb.Find("nowhere"); ok {
		t.Error("found a string never added")
	}
	if p != tb.Value(first) || tb.Len() != n {
		t.Errorf("value moved, or %d ids for %d strings", tb.Len(), n)
	}
	if 4*tb.Len() > 3*len(tb.slots) {
		t.Errorf("%d ids in %d places: more than three quarters full", tb.Len(), len(tb.slots))
	}
}
