package compare

import (
	"strings"
	"unicode/utf8"
)

// Note labels and headings, as readers of markup and the text scanners
// of notes both recognise them.

// IsNoteSymbol reports the symbols used as note labels: *, †, ‡, §, …
func IsNoteSymbol(s string) bool {
	switch s {
	case "*", "**", "***", "†", "‡", "§", "‖", "¶", "††", "‡‡":
		return true
	}
	return false
}

// IsNoteLabel accepts 1–5 digits with an optional letter ("12", "12a"),
// and the note symbols.
func IsNoteLabel(l string) bool {
	if IsNoteSymbol(l) {
		return true
	}
	d := 0
	for d < len(l) && l[d] >= '0' && l[d] <= '9' {
		d++
	}
	if d == 0 || d > 5 {
		return false
	}
	return d == len(l) || d == len(l)-1 && l[d] >= 'a' && l[d] <= 'z'
}

var unitsOfMeasure = map[string]bool{"m": true, "km": true, "cm": true, "mm": true, "ft": true, "in": true,
	"mi": true, "yd": true, "s": true, "kg": true, "g": true}

// UnitBefore reports a unit of measure ending at p ("km" in
// "3 km<sup>2</sup>"): a superscript there is an exponent, not a note.
func UnitBefore(s string, p int) bool {
	j := p
	for j > 0 && isASCIILetter(s[j-1]) {
		j--
	}
	return p-j > 0 && unitsOfMeasure[s[j:p]] && (j == 0 || s[j-1] == ' ' || s[j-1] == '/')
}

var notesHeadings = map[string]bool{"notes": true, "footnotes": true, "endnotes": true, "references": true,
	"note": true, "sources": true, "works cited": true, "bibliography": true}

// IsNotesHeading reports a heading line that opens a block of notes
// ("Notes", "## Footnotes", "References:").
func IsNotesHeading(line string) bool {
	t := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), "#"))
	t = strings.Trim(t, "*_:. ")
	if len(t) > 20 || !utf8.ValidString(t) {
		return false
	}
	return notesHeadings[strings.ToLower(t)]
}
