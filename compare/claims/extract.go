// Package claims finds what documents claim — amounts, dates, names,
// negations and modality, sentence by sentence — and reports claims that
// several places make in common and claims that contradict each other on a
// number, a date, a negation or an antonym.
package claims

import (
	"strings"

	"github.com/crosscheck/crosscheck/compare"
)

// Cue is a word that changes what a sentence claims: a negation ("not",
// "never", "without", "non-") or a modal ("may", "will", "should").
type Cue struct {
	Span compare.Span // Text coordinates of the cue itself
	Kind string       // "negation" or "modality"
	Word string       // the cue in lower case
}

// Sentence is what one sentence of a document claims.
type Sentence struct {
	Index      int          // index in the document's Sentences
	Span       compare.Span // Text coordinates
	Clauses    []Clause
	Quantities []Quantity
	Dates      []Date
	Entities   []Entity
	Cues       []Cue
}

// DocClaims is what a document claims, sentence by sentence.
type DocClaims struct {
	Doc       *compare.Document
	Sentences []Sentence
	// Dated is set when the document states its own date ("issued Dec 15,
	// 2020"); relative dates are then resolved against it.
	Dated bool
}

// Extract reads the claims of every sentence of d.
func Extract(d *compare.Document) *DocClaims {
	dc := &DocClaims{Doc: d, Sentences: make([]Sentence, 0, len(d.Sentences))}
	at := documentAnchor(d)
	dc.Dated = at.ok
	var lastSubj []item
	lastPara := -1
	in := interner{}
	caps := capitalisation(d)
	for si, span := range d.Sentences {
		s := extractSentence(d, si, span, at, in, caps)
		if p := d.ParagraphAt(span.Start); p != lastPara {
			lastPara = p
			lastSubj = nil
		}
		// a pronoun subject ("we", "they", "it") reads as the last named subject
		for ci := range s.Clauses {
			c := &s.Clauses[ci]
			if len(c.subj) == 1 && c.subj[0].pos == 'x' {
				if lastSubj != nil && (c.subj[0].lemma != "it" || len(lastSubj) == 1) {
					c.subj = borrow(lastSubj)
					c.Resolved = true
				}
				continue
			}
			if len(c.subj) > 0 && !c.Resolved {
				lastSubj = c.subj
			}
		}
		dc.Sentences = append(dc.Sentences, s)
	}
	return dc
}

// borrow copies items of another sentence, detached from its words.
func borrow(its []item) []item {
	out := make([]item, len(its))
	for i, it := range its {
		it.word = -1
		out[i] = it
	}
	return out
}

// interner shares one copy of each lemma string.
type interner map[string]string

func (in interner) get(s string) string {
	if v, ok := in[s]; ok {
		return v
	}
	s = strings.Clone(s)
	in[s] = s
	return s
}

func extractSentence(d *compare.Document, si int, span compare.Span, at anchor, in interner, caps capStats) Sentence {
	ws := sentenceWords(d, span)
	tagWordsWith(ws, caps)
	for i := range ws {
		ws[i].lemma = in.get(ws[i].lemma)
	}
	s := Sentence{Index: si, Span: span}
	used := make([]bool, len(ws))
	s.Dates = extractDates(d, ws, used, at)
	s.Quantities = extractQuantities(d, ws, used)
	s.Entities = extractEntities(d, ws, used)
	s.Clauses = parseClauses(ws, s.Entities)
	for i, w := range ws {
		switch {
		case w.neg:
			end := w.negEnd
			if end <= w.span.Start {
				end = w.span.End
			}
			s.Cues = append(s.Cues, Cue{Span: compare.Span{Start: w.span.Start, End: end}, Kind: "negation", Word: strings.ToLower(d.Text[w.span.Start:end])})
		case negators[w.lower] && !(w.lower == "no" && i+1 < len(ws) && ws[i+1].lower == "longer" && false):
			s.Cues = append(s.Cues, Cue{Span: w.span, Kind: "negation", Word: w.lower})
		case w.tag == tagModal:
			s.Cues = append(s.Cues, Cue{Span: w.span, Kind: "modality", Word: w.lower})
		}
	}
	return s
}

// capitalisation counts how the document writes each word inside sentences.
func capitalisation(d *compare.Document) capStats {
	caps := capStats{}
	si := 0
	for ti, t := range d.Tokens {
		for si < len(d.Sentences) && d.Sentences[si].End <= t.Start {
			si++
		}
		if si < len(d.Sentences) && d.Sentences[si].Start == t.Start || ti == 0 {
			continue
		}
		w := d.Text[t.Start:t.End]
		c := w[0]
		if c >= 'A' && c <= 'Z' {
			l := strings.ToLower(w)
			v := caps[l]
			v[0]++
			caps[l] = v
		} else if c >= 'a' && c <= 'z' {
			if v, ok := caps[w]; ok || len(caps) < 1<<20 {
				v[1]++
				caps[w] = v
			}
		}
	}
	return caps
}
