// Package coref links the simplest references within a document to the
// names they stand for: "the ministry" to "the Ministry of Finance"
// written in full before it.
package coref

// Item is what linking reads of one content item: the key of the name it
// is (0 when it is none), or the lower-case word of the institution noun
// "the" makes a reference of ("the ministry": def, 0 when it is none).
type Item struct{ Name, Def uint32 }

// Definites links the definite references of documents (their items in
// the order of their text, read by item) to names: a reference ("the
// ministry") stands for the last name written in full before it in its
// document whose head noun (head gives it, 0 for a name with no
// institution's head) is its word ("the Ministry of Finance"); when its
// document writes no such name, for the one name with that head all the
// documents write, if they write one only, which is weaker (a guess, as a
// pronoun's antecedent is). link is called for every reference linked,
// with the name's key and whether it stands for a name of its own
// document.
func Definites[T any](docs [][]T, item func(*T) Item, head func(name uint32) uint32, link func(it *T, name uint32, own bool)) {
	heads := map[uint32]uint32{} // name → head, read once
	headOf := func(name uint32) uint32 {
		h, ok := heads[name]
		if !ok {
			h = head(name)
			heads[name] = h
		}
		return h
	}
	only := map[uint32]uint32{} // head → the one name with it in all documents, 0 when several
	named := make([]map[uint32]bool, len(docs))
	refs := false
	for d, its := range docs {
		for i := range its {
			x := item(&its[i])
			refs = refs || x.Def != 0
			h := uint32(0)
			if x.Name != 0 {
				h = headOf(x.Name)
			}
			if h == 0 {
				continue
			}
			if named[d] == nil {
				named[d] = map[uint32]bool{}
			}
			named[d][h] = true
			if k, ok := only[h]; !ok || k == x.Name {
				only[h] = x.Name
			} else {
				only[h] = 0
			}
		}
	}
	if !refs || len(only) == 0 {
		return
	}
	for d, its := range docs {
		last := map[uint32]uint32{} // head → the last name with it
		for i := range its {
			switch x := item(&its[i]); {
			case x.Name != 0:
				if h := headOf(x.Name); h != 0 {
					last[h] = x.Name
				}
			case x.Def != 0:
				if k := last[x.Def]; k != 0 {
					link(&its[i], k, true)
				} else if k := only[x.Def]; k != 0 && !named[d][x.Def] {
					link(&its[i], k, false)
				}
			}
		}
	}
}
