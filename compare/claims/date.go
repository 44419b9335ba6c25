package claims

import "github.com/crosscheck/crosscheck/compare/lang"

// Date is a point or period in time a sentence states (see lang.Date).
type Date = lang.Date

// date is a Date as the analysis keeps it.
type date struct {
	span     span32
	from, to int32 // days since 1970-01-01, to excluded
	offset   int32
	gran     lang.Granularity
	flags    uint8
	prep     uint8 // 1 + index in prepList; 0 for none
}

const (
	dRelative uint8 = 1 << iota
	dAnchored
	dYearless
)

// compactDate is d as the tables keep it.
func compactDate(d Date) date {
	return date{span: sp32(d.Span), from: int32(d.From), to: int32(d.To), offset: int32(d.Offset), gran: d.Gran,
		prep: prepOf(d.Prep), flags: flagIf(d.Relative, dRelative) | flagIf(d.Anchored, dAnchored) | flagIf(d.Yearless, dYearless)}
}

// flagIf is flag when on is set, else 0.
func flagIf(on bool, flag uint8) uint8 {
	if on {
		return flag
	}
	return 0
}

// dateView is a kept date as a Date.
func (dc *DocClaims) dateView(c date) Date {
	d := Date{Span: c.span.span(), From: int(c.from), To: int(c.to), Offset: int(c.offset), Gran: c.gran, Prep: prepName(c.prep)}
	d.Text = dc.Doc.TextOf(d.Span)
	d.Relative, d.Anchored = c.flags&dRelative != 0, c.flags&dAnchored != 0
	d.Yearless = c.flags&dYearless != 0

	return d
}

func (c date) relative() bool { return c.flags&dRelative != 0 }
func (c date) anchored() bool { return c.flags&dAnchored != 0 }
func (c date) yearless() bool { return c.flags&dYearless != 0 }

// overlaps reports whether the two dates can refer to the same time.
func (c date) overlaps(o date) bool { return c.from < o.to && o.from < c.to }
