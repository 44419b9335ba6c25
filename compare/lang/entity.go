package lang

import (
	"strings"

	"github.com/crosscheck/crosscheck/compare"
)

// Entity is a name: a run of capitalised words ("Shanghai Cooperation
// Organization") or an acronym ("SCO"). An acronym written next to its
// expansion, either way round, is linked to it.
type Entity struct {
	Span      compare.Span // Text coordinates
	Text      string       // as written, white space collapsed
	Acronym   string       // the acronym of a linked pair, or of the entity itself
	Expansion string       // the expansion of a linked pair
	Linked    compare.Span // the other half of "Expansion (ACR)" or "ACR (Expansion)"
	First     int          // index of its first word
	Last      int          // index of its last word
}

// Key is how the entity is compared: its acronym when it has one, else its
// words in lower case.
func (e Entity) Key() string {
	if e.Acronym != "" {
		return e.Acronym
	}
	return strings.ToLower(e.Text)
}

// nameJoiners may stand inside a name between capitalised words.
var nameJoiners = set("of", "the", "and", "for", "on", "in", "de", "du", "van", "von", "to")

// ReadEntities finds the names among tagged words ws, appending them to out.
func ReadEntities(d *compare.Document, ws []Word, used []bool, out []Entity) []Entity {
	out = out[:0]
	isName := func(i int) bool {
		w := ws[i]
		if used[i] {
			return false // part of a date or an amount
		}
		return w.Tag == TagProp || (w.Cap && i > 0 && !w.Neg && w.Tag != TagDet && w.Tag != TagPron && w.Tag != TagSub && w.Tag != TagCoord && w.Tag != TagPrep && w.Tag != TagAux && w.Tag != TagModal && monthNames[w.Lower] == 0)
	}
	for i := 0; i < len(ws); i++ {
		if !isName(i) || strings.Contains(ws[i].Punct, "(") && IsAcronym(ws[i].Text) && len(out) > 0 && out[len(out)-1].Last == i-1 {
			if !isName(i) {
				continue
			}
		}
		j := i
		for j+1 < len(ws) {
			n := ws[j+1]
			p := n.Punct
			if isName(j+1) && (p == "" || p == "-" || p == "." && len(ws[j].Text) == 1) {
				j++
				continue
			}
			// "Organization of the Islamic Conference": joiners between names
			k := j + 1
			for k < len(ws) && nameJoiners[ws[k].Lower] && ws[k].Punct == "" && !ws[k].Cap {
				k++
			}
			if k > j+1 && k < len(ws) && isName(k) && ws[k].Punct == "" && ws[j+1].Lower != "and" {
				j = k
				continue
			}
			break
		}
		e := Entity{Span: compare.Span{Start: ws[i].Span.Start, End: ws[j].Span.End}, First: i, Last: j}
		e.Text = collapseSpaces(d.Text[e.Span.Start:e.Span.End])
		if dotted := strings.ReplaceAll(e.Text, ".", ""); len(dotted) >= 2 && IsAcronym(dotted) && j-i+1 == len(dotted) {
			e.Acronym = dotted // "U.S."
		} else if i == j && IsAcronym(ws[i].Text) {
			e.Acronym = ws[i].Text
		}
		out = append(out, e)
		i = j
	}
	// link "Expansion (ACR)" and "ACR (Expansion)"
	for k := 0; k+1 < len(out); k++ {
		a, b := &out[k], &out[k+1]
		if b.First != a.Last+1 || !strings.Contains(ws[b.First].Punct, "(") {
			continue
		}
		switch {
		case b.Acronym != "" && a.Acronym == "" && initialsMatch(b.Acronym, a.Text):
			a.Acronym, a.Expansion, a.Linked = b.Acronym, a.Text, b.Span
			b.Expansion, b.Linked = a.Text, a.Span
		case a.Acronym != "" && b.Acronym == "" && initialsMatch(a.Acronym, b.Text):
			b.Acronym, b.Expansion, b.Linked = a.Acronym, b.Text, a.Span
			a.Expansion, a.Linked = b.Text, b.Span
		}
	}
	return out
}

// initialsMatch reports whether the acronym's letters can be read, in
// order, from the expansion: each letter starts a word or continues the
// current one ("UNMONUC" from "United Nations Organization Mission in the
// Congo"), the first letter starting the first word.
func initialsMatch(acr, expansion string) bool {
	words := strings.FieldsFunc(expansion, func(r rune) bool { return r == ' ' || r == '-' || r == '/' })
	if len(words) < 2 || len(acr) < 2 {
		return false
	}
	acr = strings.ToLower(acr)
	var walk func(ai, wi, ci int) bool
	walk = func(ai, wi, ci int) bool {
		if ai == len(acr) {
			return wi >= len(words)-1
		}
		// continue inside the current word
		if wi < len(words) && ci < len(words[wi]) {
			w := strings.ToLower(words[wi])
			for c := ci; c < len(w); c++ {
				if w[c] == acr[ai] && walk(ai+1, wi, c+1) {
					return true
				}
			}
		}
		// start a later word (function words may be skipped)
		for nw := wi + 1; nw < len(words); nw++ {
			w := strings.ToLower(words[nw])
			if w[0] == acr[ai] && walk(ai+1, nw, 1) {
				return true
			}
			if !nameJoiners[w] {
				break
			}
		}
		return false
	}
	w0 := strings.ToLower(words[0])
	return w0[0] == acr[0] && walk(1, 0, 1)
}

// collapseSpaces writes runs of white space as one space; it allocates only
// when there is something to change.
func collapseSpaces(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' ') {
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}
