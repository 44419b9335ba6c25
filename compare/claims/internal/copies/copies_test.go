package copies

import (
	"slices"
	"testing"
)

// Items with equal keys are copies of the first; a nil key is no copy.
func TestFind(t *testing.T) {
	keys := []string{"a", "b", "a", "", "b", "a", "c", ""}
	tb := Find(int32(len(keys)), func(i int32, buf []byte) []byte {
		if keys[i] == "" {
			return nil
		}
		return append(buf[:0], keys[i]...)
	})
	if !slices.Equal(tb.Originals(), []int32{0, 1}) {
		t.Errorf("originals %v, want [0 1]", tb.Originals())
	}
	if !slices.Equal(tb.Of(0), []int32{2, 5}) || !slices.Equal(tb.Of(1), []int32{4}) || tb.Of(6) != nil || tb.Of(2) != nil {
		t.Errorf("copies of 0 %v, of 1 %v, of 6 %v, of 2 %v", tb.Of(0), tb.Of(1), tb.Of(6), tb.Of(2))
	}
	if !tb.IsCopy(5) || tb.IsCopy(7) || tb.Orig(5) != 0 || !tb.HasCopies(3, 1) || tb.HasCopies(6, 7) {
		t.Error("IsCopy, Orig or HasCopies wrong")
	}
	if Find(3, func(i int32, buf []byte) []byte { return append(buf[:0], byte(i)) }) != nil {
		t.Error("a table for items without copies")
	}
}
