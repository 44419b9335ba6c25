package pairs

import "testing"

// A pair's answer is kept until a pair of the same place takes it; pairs
// differ by order.
func TestCache(t *testing.T) {
	var c Cache
	if _, ok := c.Get(1, 2); ok {
		t.Fatal("an empty cache has an answer")
	}
	c.Put(1, 2, true)
	c.Put(2, 1, false)
	if yes, ok := c.Get(1, 2); !ok || !yes {
		t.Errorf("(1, 2): %v %v", yes, ok)
	}
	if yes, ok := c.Get(2, 1); !ok || yes {
		t.Errorf("(2, 1): %v %v", yes, ok)
	}
	if _, ok := c.Get(0, 0); ok {
		t.Error("(0, 0) was never put")
	}
	// a full table still answers for what it holds last
	for i := uint32(0); i < 4<<Bits; i++ {
		c.Put(i, i+1, i%2 == 0)
		if yes, ok := c.Get(i, i+1); !ok || yes != (i%2 == 0) {
			t.Fatalf("(%d, %d): %v %v", i, i+1, yes, ok)
		}
	}
}
