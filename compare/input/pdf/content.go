package pdf

import (
	"bytes"
	"math"
)

type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n (m applied first).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// textLine is one line of text on a page as the content stream drew it.
type textLine struct {
	text   []byte
	x0, x1 float64 // left edge and right edge
	y      float64 // baseline
	size   float64 // font size in page units
}

type gstate struct {
	ctm                      matrix
	font                     *font
	size, tc, tw, th, tl, ts float64
}

// interp runs content streams and collects the lines of text they draw.
type interp struct {
	f        *file
	fonts    map[int]*font
	lines    []textLine
	images   int
	glyphs   int
	unmapped int
	forms    map[int]bool
	formData map[int][]byte // decoded forms, by object number
	textLen  int
}

// maxStack bounds the operand stack and the graphics state stack.
const (
	maxOperands = 64
	maxSaved    = 64
	maxFormNest = 8
)

func (in *interp) run(data []byte, res dict, ctm matrix, depth int) {
	g := gstate{ctm: ctm, th: 1, size: 1}
	var saved []gstate
	tm, tlm := identity, identity
	var ops []any
	l := &lexer{b: data}
	fonts, _ := in.f.resolve(res["Font"]).(dict)
	xobjs, _ := in.f.resolve(res["XObject"]).(dict)
	show := func(s string) {
		if g.font == nil {
			g.font = &font{dw: 500}
		}
		// the string's glyphs share the text matrix's linear part: its
		// scale is computed once, and each glyph only moves the origin
		full := tm.mul(g.ctm)
		sx := math.Hypot(full[0], full[1])
		fs := g.size * math.Hypot(full[2], full[3])
		g.font.codes(s, func(code uint32, n int) {
			t := g.font.text(code)
			w0 := g.font.width(code) / 1000
			tx := w0*g.size + g.tc
			if n == 1 && code == 32 {
				tx += g.tw
			}
			tx *= g.th
			// the glyph's origin: (0, rise) in text space, through tm and the CTM
			ux, uy := g.ts*tm[2]+tm[4], g.ts*tm[3]+tm[5]
			x := ux*g.ctm[0] + uy*g.ctm[2] + g.ctm[4]
			y := ux*g.ctm[1] + uy*g.ctm[3] + g.ctm[5]
			in.glyph(t, x, y, x+tx*sx, fs)
			tm[4] += tx * tm[0]
			tm[5] += tx * tm[1]
		})
	}
	nextLine := func() {
		tlm = matrix{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
		tm = tlm
	}
	numArg := func(i int) float64 {
		if i < 0 || i >= len(ops) {
			return 0
		}
		v, _ := num(ops[i])
		return v
	}
	for {
		o, ok, err := l.object(0)
		if err != nil || !ok {
			return
		}
		op, isOp := o.(keyword)
		if !isOp {
			if len(ops) >= maxOperands {
				ops = ops[1:]
			}
			ops = append(ops, o)
			continue
		}
		n := len(ops)
		switch op {
		case "q":
			if len(saved) < maxSaved {
				saved = append(saved, g)
			}
		case "Q":
			if k := len(saved); k > 0 {
				g, saved = saved[k-1], saved[:k-1]
			}
		case "cm":
			if n >= 6 {
				g.ctm = matrix{numArg(n - 6), numArg(n - 5), numArg(n - 4), numArg(n - 3), numArg(n - 2), numArg(n - 1)}.mul(g.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tf":
			if n >= 2 {
				g.size = numArg(n - 1)
				if fn, ok := ops[n-2].(name); ok {
					g.font = in.font(fonts, fn)
				}
			}
		case "Tc":
			g.tc = numArg(n - 1)
		case "Tw":
			g.tw = numArg(n - 1)
		case "Tz":
			g.th = numArg(n-1) / 100
		case "TL":
			g.tl = numArg(n - 1)
		case "Ts":
			g.ts = numArg(n - 1)
		case "Td", "TD":
			if n >= 2 {
				tx, ty := numArg(n-2), numArg(n-1)
				if op == "TD" {
					g.tl = -ty
				}
				tlm = matrix{1, 0, 0, 1, tx, ty}.mul(tlm)
				tm = tlm
			}
		case "Tm":
			if n >= 6 {
				tlm = matrix{numArg(n - 6), numArg(n - 5), numArg(n - 4), numArg(n - 3), numArg(n - 2), numArg(n - 1)}
				tm = tlm
			}
		case "T*":
			nextLine()
		case "Tj":
			if n >= 1 {
				if s, ok := ops[n-1].(string); ok {
					show(s)
				}
			}
		case "'":
			nextLine()
			if n >= 1 {
				if s, ok := ops[n-1].(string); ok {
					show(s)
				}
			}
		case "\"":
			if n >= 3 {
				g.tw, g.tc = numArg(n-3), numArg(n-2)
				nextLine()
				if s, ok := ops[n-1].(string); ok {
					show(s)
				}
			}
		case "TJ":
			if n >= 1 {
				if a, ok := ops[n-1].(array); ok {
					for _, e := range a {
						switch v := e.(type) {
						case string:
							show(v)
						case int, float64:
							adj, _ := num(v)
							tx := -adj / 1000 * g.size * g.th
							tm = matrix{1, 0, 0, 1, tx, 0}.mul(tm)
						}
					}
				}
			}
		case "Do":
			if n >= 1 {
				if xn, ok := ops[n-1].(name); ok {
					in.xobject(xobjs[xn], g.ctm, res, depth)
				}
			}
		case "BI":
			in.images++
			skipInlineImage(l)
		}
		ops = ops[:0]
	}
}

// skipInlineImage moves past an inline image's data: to the "EI" that
// stands alone after its "ID".
func skipInlineImage(l *lexer) {
	i := bytes.Index(l.b[l.pos:], []byte("ID"))
	if i < 0 {
		l.pos = len(l.b)
		return
	}
	p := l.pos + i + 3
	for p < len(l.b) {
		j := bytes.Index(l.b[p:], []byte("EI"))
		if j < 0 {
			l.pos = len(l.b)
			return
		}
		at := p + j
		if at > 0 && isWhite(l.b[at-1]) && (at+2 == len(l.b) || isWhite(l.b[at+2])) {
			l.pos = at + 2
			return
		}
		p = at + 2
	}
	l.pos = len(l.b)
}

func (in *interp) xobject(o any, ctm matrix, parentRes dict, depth int) {
	r, isRef := o.(ref)
	s, ok := in.f.resolve(o).(*stream)
	if !ok {
		return
	}
	switch in.f.resolve(s.dict["Subtype"]) {
	case name("Image"):
		in.images++
	case name("Form"):
		if depth >= maxFormNest || isRef && in.forms[r.num] {
			return
		}
		if isRef {
			in.forms[r.num] = true
			defer delete(in.forms, r.num)
		}
		data, ok := in.formData[r.num]
		if !ok || !isRef {
			d, err := in.f.decode(s)
			if err != nil {
				return
			}
			data = d
			if isRef {
				// a form drawn on every page (a letterhead) is decoded once
				in.formData[r.num] = data
			}
		}
		m := identity
		if a, ok := in.f.resolve(s.dict["Matrix"]).(array); ok && len(a) == 6 {
			for i := range 6 {
				m[i], _ = num(in.f.resolve(a[i]))
			}
		}
		res, ok := in.f.resolve(s.dict["Resources"]).(dict)
		if !ok {
			res = parentRes
		}
		in.run(data, res, m.mul(ctm), depth+1)
	}
}

func (in *interp) font(fonts dict, fn name) *font {
	o := fonts[fn]
	if r, ok := o.(ref); ok {
		if ft, ok := in.fonts[r.num]; ok {
			return ft
		}
		d, _ := in.f.resolve(r).(dict)
		ft := in.f.loadFont(d)
		in.fonts[r.num] = ft
		return ft
	}
	d, _ := in.f.resolve(o).(dict)
	return in.f.loadFont(d)
}

// glyph adds a drawn glyph's text at (x, y), ending at xe, to the lines:
// a glyph off the current baseline, or far back to the left, starts a new
// line; a gap wider than a fifth of the font size is a space.
func (in *interp) glyph(t string, x, y, xe, fs float64) {
	in.glyphs++
	if t == "" {
		in.unmapped++
	}
	fs = math.Abs(fs)
	if fs < 0.1 {
		fs = 0.1
	}
	k := len(in.lines) - 1
	var cur *textLine
	if k >= 0 {
		cur = &in.lines[k]
	}
	if cur == nil || math.Abs(y-cur.y) > 0.5*max(fs, cur.size) || x < cur.x1-2*max(fs, cur.size) || x > cur.x1+20*fs {
		in.lines = append(in.lines, textLine{x0: x, x1: x, y: y, size: fs})
		cur = &in.lines[len(in.lines)-1]
	} else if x-cur.x1 > 0.2*fs && len(cur.text) > 0 && cur.text[len(cur.text)-1] != ' ' && t != " " {
		cur.text = append(cur.text, ' ')
		in.textLen++
	}
	if t == " " && (len(cur.text) == 0 || cur.text[len(cur.text)-1] == ' ') {
		cur.x1 = max(cur.x1, xe)
		return
	}
	cur.text = append(cur.text, t...)
	in.textLen += len(t)
	cur.x1 = max(cur.x1, xe)
	if fs > cur.size && t != " " {
		cur.size = fs
	}
}
