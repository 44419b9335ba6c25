package lang

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/crosscheck/crosscheck/compare"
)

// Granularity is how precisely a date is stated.
type Granularity uint8

// The granularities, finest first.
const (
	Day Granularity = iota
	Month
	Year
	Decade
	Period // a stretch of time: "the past two years"
)

// String names the granularity: "day", "month", "year", "decade", "period".
func (g Granularity) String() string {
	return [...]string{"day", "month", "year", "decade", "period"}[g]
}

// Date is a point or period in time a sentence states, as the interval of
// days [From, To) it covers: "August 2007" is the 31 days of that month.
// A relative date ("10 years ago") is resolved against the document's own
// date when the document states one; otherwise Relative is set and the
// interval is empty.
type Date struct {
	Span     compare.Span // Text coordinates
	Text     string
	From, To int // days since 1970-01-01, To excluded
	Gran     Granularity
	Relative bool   // relative and not resolved: "the past two years" in an undated text
	Anchored bool   // resolved against the document date
	Yearless bool   // a day of a month with no year ("March 2"): From and To fall in the leap year 2000
	Offset   int    // for relative dates: years back (10 for "10 years ago")
	Prep     string // the preposition that introduces it: "in", "on", "since", "until"
	first    int    // index of its first word
}

// yearlessYear holds the days of dates stated without a year: a leap year,
// so that "February 29" is a day too.
const yearlessYear = 2000

// Overlaps reports whether the two dates can refer to the same time.
func (a Date) Overlaps(b Date) bool { return a.From < b.To && b.From < a.To }

// Label writes the resolved interval: "2007-08", "2007-08-10", "2007".
func (a Date) Label() string {
	if a.Relative {
		return a.Text
	}
	t := time.Unix(int64(a.From)*86400, 0).UTC()
	if a.Yearless {
		return t.Format("--01-02")
	}
	switch a.Gran {
	case Day:
		return t.Format("2006-01-02")
	case Month:
		return t.Format("2006-01")
	case Year:
		return t.Format("2006")
	}
	e := time.Unix(int64(a.To-1)*86400, 0).UTC()
	return fmt.Sprintf("%s..%s", t.Format("2006-01-02"), e.Format("2006-01-02"))
}

func days(y, m, d int) int {
	return int(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func dayDate(y, m, d int) (int, int) { return days(y, m, d), days(y, m, d+1) }

func monthDate(y, m int) (int, int) { return days(y, m, 1), days(y, m+1, 1) }

func yearDate(y int) (int, int) { return days(y, 1, 1), days(y+1, 1, 1) }

func yearOf(w Word) (int, bool) {
	if len(w.Lower) != 4 || !AllDigits(w.Lower) {
		return 0, false
	}
	y, _ := strconv.Atoi(w.Lower)
	return y, y >= 1000 && y <= 2200
}

func dayOf(w Word) (int, bool) {
	l := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(w.Lower, "th"), "st"), "nd"), "rd")
	if len(l) == 0 || len(l) > 2 || !AllDigits(l) {
		return 0, false
	}
	d, _ := strconv.Atoi(l)
	return d, d >= 1 && d <= 31
}

func monthOf(w Word) (int, bool) {
	m := monthNames[w.Lower]
	if m == 0 || !w.Cap {
		return 0, false
	}
	if len(w.Lower) <= 4 && w.Lower != "june" && w.Lower != "july" && w.Lower != "may" {
		return m, true // abbreviation, "Dec" or "Dec."
	}
	return m, true
}

// Anchor is a document's own date, against which "10 years ago" resolves.
type Anchor struct {
	OK   bool // the document states its date
	Year int
	Day  int // days since 1970-01-01
}

// ReadDates finds dates among tagged words ws, marking their words in used, and
// appends them to out.
func ReadDates(d *compare.Document, ws []Word, used []bool, at Anchor, out []Date) []Date {
	add := func(first, last int, from, to int, g Granularity) *Date {
		dt := Date{Span: compare.Span{Start: ws[first].Span.Start, End: ws[last].Span.End}, From: from, To: to, Gran: g, first: first}
		dt.Text = d.Text[dt.Span.Start:dt.Span.End]
		if first > 0 && ws[first-1].Tag == TagPrep {
			dt.Prep = ws[first-1].Lower
		}
		out = append(out, dt)
		for k := first; k <= last; k++ {
			used[k] = true
		}
		return &out[len(out)-1]
	}
	// yearless adds "March 2" (or "2 March"): a day of a month, no year
	yearless := func(first, last, m, dd int) {
		f, t := dayDate(yearlessYear, m, dd)
		add(first, last, f, t, Day).Yearless = true
	}
	for i := 0; i < len(ws); i++ {
		if used[i] {
			continue
		}
		w := ws[i]
		if m, ok := monthOf(w); ok && !(w.Lower == "may" && i == 0) && !(w.Lower == "march" && !w.Cap) {
			// Month Day, Year | Month Day Year | Month Year | Month Day
			if i+2 < len(ws) {
				if dd, ok := dayOf(ws[i+1]); ok {
					if y, ok := yearOf(ws[i+2]); ok {
						f, t := dayDate(y, m, dd)
						add(i, i+2, f, t, Day)
						i += 2
						continue
					}
				}
			}
			if i+1 < len(ws) {
				if y, ok := yearOf(ws[i+1]); ok {
					f, t := monthDate(y, m)
					add(i, i+1, f, t, Month)
					i++
					continue
				}
			}
			// "On March 2 Kennedy signed": a day with no year
			if i+1 < len(ws) && ws[i+1].Punct == "" {
				if dd, ok := dayOf(ws[i+1]); ok && !(i+2 < len(ws) && ws[i+2].Punct == "" && ws[i+2].Tag == TagNum) {
					yearless(i, i+1, m, dd)
					i++
					continue
				}
			}
			// "January and November 2007": the year comes with the last month
			if i+3 < len(ws) && ws[i+1].Lower == "and" {
				if m2, ok := monthOf(ws[i+2]); ok && m2 > 0 {
					if y, ok := yearOf(ws[i+3]); ok {
						f, t := monthDate(y, m)
						add(i, i, f, t, Month)
						continue
					}
				}
			}
			continue
		}
		if dd, ok := dayOf(w); ok && i+1 < len(ws) {
			if m, ok := monthOf(ws[i+1]); ok && ws[i+1].Punct == "" && !(ws[i+1].Lower == "may" && (i+2 >= len(ws) || ws[i+2].Tag == TagVerb || ws[i+2].Tag == TagAux)) {
				if i+2 < len(ws) {
					if y, ok := yearOf(ws[i+2]); ok {
						f, t := dayDate(y, m, dd)
						add(i, i+2, f, t, Day)
						i += 2
						continue
					}
				}
				// "On 4 April, she escorted": a day with no year
				if !(i+2 < len(ws) && ws[i+2].Tag == TagNum && ws[i+2].Punct == "") {
					yearless(i, i+1, m, dd)
					i++
					continue
				}
			}
		}
		if y, ok := yearOf(w); ok && w.Punct != "-" && !(i > 0 && ws[i-1].Punct == "" && ws[i-1].Tag == TagProp && w.Punct == "-") {
			// a bare year needs a preposition or article before it, or to end the clause
			if i > 0 && (ws[i-1].Tag == TagPrep || ws[i-1].Tag == TagDet || ws[i-1].Lower == "and") || i == 0 {
				f, t := yearDate(y)
				add(i, i, f, t, Year)
				continue
			}
		}
		// "the 1990s"
		if len(w.Lower) == 5 && strings.HasSuffix(w.Lower, "0s") && AllDigits(w.Lower[:4]) {
			y, _ := strconv.Atoi(w.Lower[:4])
			add(i, i, days(y, 1, 1), days(y+10, 1, 1), Decade)
			continue
		}
		// relative: "10 years ago", "last year", "the past two years", "the past decade"
		if rel, first, last, ok := relativeAt(ws, i); ok {
			dt := Date{Relative: true, Offset: rel.years, Gran: rel.gran}
			if at.OK {
				dt.Relative, dt.Anchored = false, true
				switch rel.kind {
				case 'a': // ago, last year: that year
					dt.From, dt.To = yearDate(at.Year - rel.years)
					dt.Gran = Year
				case 'p': // the past N years: up to the anchor
					dt.From, dt.To = days(at.Year-rel.years, 1, 1)+(at.Day-days(at.Year, 1, 1)), at.Day+1
					dt.Gran = Period
				}
			}
			dt.Span = compare.Span{Start: ws[first].Span.Start, End: ws[last].Span.End}
			dt.Text = d.Text[dt.Span.Start:dt.Span.End]
			dt.first = first
			if first > 0 && ws[first-1].Tag == TagPrep {
				dt.Prep = ws[first-1].Lower
			}
			out = append(out, dt)
			for k := first; k <= last; k++ {
				used[k] = true
			}
			i = last
		}
	}
	return out
}

type relative struct {
	years int
	kind  byte // 'a' a point back in time, 'p' a period up to now
	gran  Granularity
}

func countAt(ws []Word, i int) (int, bool) {
	if i >= len(ws) {
		return 0, false
	}
	l := ws[i].Lower
	if v, ok := numberWords[l]; ok && v > 0 {
		return int(v), true
	}
	if AllDigits(l) && len(l) <= 3 {
		n, _ := strconv.Atoi(l)
		return n, true
	}
	return 0, false
}

// relativeAt reads a relative date starting at word i.
func relativeAt(ws []Word, i int) (relative, int, int, bool) {
	l := ws[i].Lower
	next := func(k int) string {
		if k < len(ws) {
			return ws[k].Lower
		}
		return ""
	}
	switch {
	case (l == "last" || l == "this" || l == "next") && next(i+1) == "year":
		y := map[string]int{"last": 1, "this": 0, "next": -1}[l]
		return relative{years: y, kind: 'a', gran: Year}, i, i + 1, true
	case l == "past" || l == "last":
		// "the past two years", "the past decade", "the past 70 years"
		first := i
		if i > 0 && ws[i-1].Lower == "the" {
			first = i - 1
		}
		if next(i+1) == "decade" {
			return relative{years: 10, kind: 'p', gran: Period}, first, i + 1, true
		}
		if n, ok := countAt(ws, i+1); ok && (next(i+2) == "years" || next(i+2) == "year") {
			return relative{years: n, kind: 'p', gran: Period}, first, i + 2, true
		}
	default:
		if n, ok := countAt(ws, i); ok && (next(i+1) == "years" || next(i+1) == "year") && next(i+2) == "ago" {
			return relative{years: n, kind: 'a', gran: Year}, i, i + 2, true
		}
	}
	return relative{}, 0, 0, false
}

// DocumentAnchor finds the date a document states for itself: a full date
// after "issued", "published", "dated", "posted", "released" or "updated"
// in its first sentences.
func DocumentAnchor(r *Lexicon, d *compare.Document) Anchor {
	var ws []Word
	var used []bool
	for si, s := range d.Sentences {
		if si >= 8 {
			break
		}
		ws = Words(d, s, ws)
		TagWords(r, ws, nil)
		for i, w := range ws {
			switch w.Lower {
			case "issued", "published", "dated", "posted", "released", "updated":
			default:
				continue
			}
			k := min(len(ws), i+6)
			used = ResetBools(used, len(ws))
			for _, dt := range ReadDates(d, ws[:k], used, Anchor{}, nil) {
				if dt.Gran == Day && dt.first > i && dt.first <= i+2 {
					t := time.Unix(int64(dt.From)*86400, 0).UTC()
					return Anchor{OK: true, Year: t.Year(), Day: dt.From}
				}
			}
		}
	}
	return Anchor{}
}

// ResetBools returns b resized to n and cleared: the marks of used words
// that ReadDates, ReadQuantities and ReadEntities take.
func ResetBools(b []bool, n int) []bool {
	if cap(b) < n {
		return make([]bool, n)
	}
	b = b[:n]
	clear(b)
	return b
}

// PrepClass sorts the prepositions that introduce a date: "since" for a
// start ("since", "from", "after"), "until" for an end ("until", "by",
// "before"), "at" for the rest.
func PrepClass(p string) string {
	switch p {
	case "since", "from", "after":
		return "since"
	case "until", "till", "by", "before":
		return "until"
	}
	return "at"
}
