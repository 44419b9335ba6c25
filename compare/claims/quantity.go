package claims

import "github.com/crosscheck/crosscheck/compare/lang"

// Quantity is an amount a sentence states, as the range of values it
// allows (see lang.Quantity).
type Quantity = lang.Quantity

// qty is a Quantity as the analysis keeps it.
type qty struct {
	span   span32
	lo, hi float64
	unit   uint32 // vocabulary id of the unit; 0 when bare
	flags  uint8
}

const (
	qLoOpen uint8 = 1 << iota
	qHiOpen
	qApprox
	qChange
)

// compactQuantity is q as the tables keep it.
func (p *parser) compactQuantity(q Quantity) qty {
	c := qty{span: sp32(q.Span), lo: q.Lo, hi: q.Hi}
	if q.Unit != "" {
		c.unit = p.r.ID(q.Unit)
	}
	c.flags = flagIf(q.LoOpen, qLoOpen) | flagIf(q.HiOpen, qHiOpen) | flagIf(q.Approx, qApprox) | flagIf(q.Change, qChange)
	return c
}

// quantityView is a kept amount as a Quantity.
func (dc *DocClaims) quantityView(c qty) Quantity {
	q := Quantity{Span: c.span.span(), Lo: c.lo, Hi: c.hi, Unit: dc.voc.Str(c.unit)}
	q.Text = dc.Doc.TextOf(q.Span)
	q.LoOpen, q.HiOpen = c.flags&qLoOpen != 0, c.flags&qHiOpen != 0
	q.Approx, q.Change = c.flags&qApprox != 0, c.flags&qChange != 0
	return q
}
