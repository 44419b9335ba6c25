// Package pairs remembers a yes-or-no answer per pair of ids in a table
// small enough to stay in the processor's cache: a pair takes the place of
// the one it hashes with.
package pairs

// Bits sets the size of a Cache: 1 << Bits places.
const Bits = 12

// Cache is a table of answers by pair; the zero value is empty. One
// goroutine owns it.
type Cache struct{ slots [1 << Bits]slot }

type slot struct {
	key        uint64
	known, yes bool
}

func (c *Cache) at(a, b uint32) (*slot, uint64) {
	key := uint64(a)<<32 | uint64(b)
	return &c.slots[key*0x9E3779B97F4A7C15>>(64-Bits)], key
}

// Get returns the answer kept for the pair (a, b), and whether there is one.
func (c *Cache) Get(a, b uint32) (yes, ok bool) {
	s, key := c.at(a, b)
	if s.known && s.key == key {
		return s.yes, true
	}
	return false, false
}

// Put keeps the answer for the pair (a, b), in place of another.
func (c *Cache) Put(a, b uint32, yes bool) {
	s, key := c.at(a, b)
	*s = slot{key: key, known: true, yes: yes}
}
