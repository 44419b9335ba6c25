package pdf

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"encoding/ascii85"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/crosscheck/crosscheck/compare"
)

// Limits bound what reading one PDF may cost.
type Limits struct {
	MaxDecoded int64 // bytes decompressed from all streams
	MaxText    int   // bytes of extracted text
	MaxPages   int
}

// LimitsFor returns the limits for a PDF of size bytes: streams decoded
// to at most 20 times the file (at least 8 MiB, at most 512 MiB: content streams deflate about 4:1, images are not decoded), text
// at most 16 times (at least 16 MiB, at most 256 MiB), 100,000 pages.
func LimitsFor(size int) Limits {
	return Limits{
		MaxDecoded: min(512<<20, max(8<<20, int64(size)*20)),
		MaxText:    min(256<<20, max(16<<20, size*16)),
		MaxPages:   100000,
	}
}

type xrefEntry struct {
	inStream bool
	off      int // file offset, or the object stream's number
	idx      int // index in the object stream
}

// file is a parsed PDF: where each object is, and the objects read so far.
type file struct {
	name    string
	data    []byte
	xref    map[int]xrefEntry
	trailer dict
	cache   map[int]any
	loading map[int]bool
	objstms map[int]*objStm
	left    int64 // decompression budget
	lim     Limits
	tooMany bool // more objects than maxObjects
	// work counts the bytes parsed as objects: bounded, so that objects
	// that overlap (each unterminated to the end of the file) cannot make
	// reading quadratic
	work, maxWork int64
}

type objStm struct {
	data []byte
	offs map[int]int // object number → offset in data
}

var errBudget = errors.New("over the decompression budget")

// maxObjects bounds the objects indexed: a book of a thousand pages has
// tens of thousands.
const maxObjects = 1 << 20

func inputErr(name, format string, args ...any) *compare.InputError {
	return &compare.InputError{Path: name, Offset: -1, Msg: fmt.Sprintf(format, args...)}
}

// open indexes the objects of a PDF: from its cross-reference tables or
// streams (following /Prev), or, when those are missing or broken, by
// scanning the file for "N G obj".
func open(name string, data []byte, lim Limits) (*file, error) {
	i := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-"))
	if i < 0 {
		e := inputErr(name, "is not a PDF file (no %%PDF- header)")
		e.Hint = "check the file"
		return nil, e
	}
	f := &file{name: name, data: data, xref: map[int]xrefEntry{}, cache: map[int]any{},
		loading: map[int]bool{}, objstms: map[int]*objStm{}, left: lim.MaxDecoded, lim: lim,
		maxWork: 4*int64(len(data)) + 32<<20}
	if !f.readXref() || f.trailer["Root"] == nil {
		f.xref, f.trailer = map[int]xrefEntry{}, nil
		f.cache = map[int]any{}
		f.tooMany = false
		f.scan()
	}
	if f.tooMany {
		e := inputErr(name, "holds more than %d objects", maxObjects)
		e.Hint = "check where the file came from, or split it"
		return nil, e
	}
	return f, nil
}

// readXref follows startxref and the /Prev chain; false if anything is off.
func (f *file) readXref() bool {
	tail := f.data[max(0, len(f.data)-2048):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return false
	}
	l := &lexer{b: tail, pos: i + len("startxref")}
	o, _, _ := l.object(0)
	off, ok := o.(int)
	seen := map[int]bool{}
	for ok && off > 0 && off < len(f.data) && !seen[off] && len(seen) < 256 {
		seen[off] = true
		tr, good := f.xrefSection(off)
		if !good {
			return false
		}
		if f.trailer == nil {
			f.trailer = tr
		}
		if x, isInt := tr["XRefStm"].(int); isInt && !seen[x] && x > 0 && x < len(f.data) {
			seen[x] = true
			f.xrefSection(x)
		}
		off, ok = tr["Prev"].(int)
	}
	// every entry must point at an object header, or the table is stale
	for num, e := range f.xref {
		if !e.inStream && !f.objectAt(e.off, num) {
			return false
		}
	}
	return f.trailer != nil
}

// objectAt reports whether "num G obj" starts at off.
func (f *file) objectAt(off, num int) bool {
	if off < 0 || off >= len(f.data) {
		return false
	}
	l := &lexer{b: f.data, pos: off}
	n, _, _ := l.object(0)
	g, _, _ := l.object(0)
	k, _, _ := l.object(0)
	ni, ok1 := n.(int)
	_, ok2 := g.(int)
	return ok1 && ok2 && ni == num && k == keyword("obj")
}

// xrefSection reads a table ("xref … trailer <<…>>") or a stream at off.
func (f *file) xrefSection(off int) (dict, bool) {
	l := &lexer{b: f.data, pos: off}
	l.skipSpace()
	if bytes.HasPrefix(f.data[l.pos:], []byte("xref")) {
		l.pos += 4
		for {
			a, _, _ := l.object(0)
			if k, ok := a.(keyword); ok && k == "trailer" {
				t, _, _ := l.object(0)
				d, ok := t.(dict)
				return d, ok
			}
			start, ok1 := a.(int)
			b, _, _ := l.object(0)
			count, ok2 := b.(int)
			if !ok1 || !ok2 || start < 0 || count < 0 || count > len(f.data)/18 {
				return nil, false
			}
			for k := 0; k < count; k++ {
				o1, _, _ := l.object(0)
				_, _, _ = l.object(0)
				t, _, _ := l.object(0)
				o, ok := o1.(int)
				kw, ok3 := t.(keyword)
				if !ok || !ok3 {
					return nil, false
				}
				if len(f.xref) >= maxObjects {
					f.tooMany = true
					return nil, false
				}
				if _, have := f.xref[start+k]; !have && kw == "n" && o > 0 {
					f.xref[start+k] = xrefEntry{off: o}
				}
			}
		}
	}
	// a cross-reference stream
	_, obj, ok := f.parseObjectAt(off)
	s, isStream := obj.(*stream)
	if !ok || !isStream || s.dict["Type"] != name("XRef") {
		return nil, false
	}
	data, err := f.decode(s)
	if err != nil {
		return nil, false
	}
	w, _ := s.dict["W"].(array)
	if len(w) != 3 {
		return nil, false
	}
	var ws [3]int
	total := 0
	for i := range 3 {
		ws[i], _ = w[i].(int)
		if ws[i] < 0 || ws[i] > 8 {
			return nil, false
		}
		total += ws[i]
	}
	if total == 0 {
		return nil, false
	}
	index, _ := s.dict["Index"].(array)
	if index == nil {
		size, _ := s.dict["Size"].(int)
		index = array{0, size}
	}
	pos := 0
	for i := 0; i+1 < len(index); i += 2 {
		start, _ := index[i].(int)
		count, _ := index[i+1].(int)
		for k := 0; k < count && pos+total <= len(data); k++ {
			field := func(j, from int) int {
				v := 0
				for _, c := range data[from : from+ws[j]] {
					v = v<<8 | int(c)
				}
				return v
			}
			typ := 1
			if ws[0] > 0 {
				typ = field(0, pos)
			}
			a, b := field(1, pos+ws[0]), field(2, pos+ws[0]+ws[1])
			pos += total
			num := start + k
			if _, have := f.xref[num]; have {
				continue
			}
			if len(f.xref) >= maxObjects {
				f.tooMany = true
				return nil, false
			}
			switch typ {
			case 1:
				f.xref[num] = xrefEntry{off: a}
			case 2:
				f.xref[num] = xrefEntry{inStream: true, off: a, idx: b}
			}
		}
	}
	return s.dict, true
}

// scan indexes every "N G obj" in the file (the last definition of a
// number wins, as with incremental updates), the objects of object
// streams, and the trailer or cross-reference stream dictionary that
// names the catalog.
func (f *file) scan() {
	data := f.data
	var objs []int
	noEndstream := len(data)
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("obj"))
		if j < 0 {
			break
		}
		at := i + j
		i = at + 3
		if at >= 3 && string(data[at-3:at]) == "end" {
			continue
		}
		// walk back over "N G "
		k := at - 1
		for k >= 0 && isWhite(data[k]) {
			k--
		}
		gEnd := k + 1
		for k >= 0 && data[k] >= '0' && data[k] <= '9' {
			k--
		}
		if k+1 == gEnd {
			continue
		}
		nEnd := k
		for k >= 0 && isWhite(data[k]) {
			k--
		}
		if k == nEnd {
			continue
		}
		nEnd = k + 1
		for k >= 0 && data[k] >= '0' && data[k] <= '9' {
			k--
		}
		if k+1 == nEnd || nEnd-(k+1) > 10 {
			continue
		}
		num, err := strconv.Atoi(string(data[k+1 : nEnd]))
		if err != nil {
			continue
		}
		if len(f.xref) >= maxObjects {
			f.tooMany = true
			return
		}
		f.xref[num] = xrefEntry{off: k + 1}
		// only a catalog, an object stream or a cross-reference stream
		// need reading now: they say so within their first bytes
		if w := data[i:min(len(data), i+512)]; bytes.Contains(w, []byte("Catalog")) || bytes.Contains(w, []byte("ObjStm")) || bytes.Contains(w, []byte("XRef")) {
			objs = append(objs, num)
		}
		// jump over a stream's data so that bytes in it are not taken for objects
		// a stream's dictionary comes within a few KiB of its header
		body := data[i:min(len(data), i+4096)]
		if e := bytes.Index(body, []byte("endobj")); e >= 0 {
			body = body[:e]
		}
		if s := bytes.Index(body, []byte("stream")); s >= 0 && i+s < noEndstream {
			if e := bytes.Index(data[i+s:], []byte("endstream")); e >= 0 {
				i += s + e + len("endstream")
			} else {
				noEndstream = i + s // no search from here on can succeed
			}
		}
	}
	// trailers: the last one that names a catalog
	for i, tries := len(data), 0; i > 0 && tries < 16; tries++ {
		j := bytes.LastIndex(data[:i], []byte("trailer"))
		if j < 0 {
			break
		}
		l := &lexer{b: data, pos: j + len("trailer")}
		if t, _, _ := l.object(0); t != nil {
			if d, ok := t.(dict); ok && d["Root"] != nil {
				f.trailer = d
				break
			}
		}
		i = j
	}
	var catalog int = -1
	for _, num := range objs {
		obj := f.resolve(ref{num, 0})
		switch o := obj.(type) {
		case *stream:
			if o.dict["Type"] == name("XRef") && f.trailer == nil && o.dict["Root"] != nil {
				f.trailer = o.dict
			}
			if o.dict["Type"] == name("ObjStm") {
				f.indexObjStm(num)
			}
		case dict:
			if o["Type"] == name("Catalog") {
				catalog = num
			}
		}
	}
	if f.trailer == nil && catalog >= 0 {
		f.trailer = dict{"Root": ref{catalog, 0}}
	}
}

// indexObjStm registers the objects an object stream holds, where no
// object of the same number stands on its own.
func (f *file) indexObjStm(num int) {
	st := f.loadObjStm(num)
	if st == nil {
		return
	}
	for n := range st.offs {
		if len(f.xref) >= maxObjects {
			f.tooMany = true
			return
		}
		if _, have := f.xref[n]; !have {
			f.xref[n] = xrefEntry{inStream: true, off: num}
		}
	}
}

func (f *file) loadObjStm(num int) *objStm {
	if st, ok := f.objstms[num]; ok {
		return st
	}
	f.objstms[num] = nil // a stream that holds itself finds nothing
	s, ok := f.resolve(ref{num, 0}).(*stream)
	if !ok {
		return nil
	}
	data, err := f.decode(s)
	if err != nil {
		return nil
	}
	n, _ := s.dict["N"].(int)
	first, _ := s.dict["First"].(int)
	if n < 0 || first < 0 || first > len(data) {
		return nil
	}
	st := &objStm{data: data, offs: map[int]int{}}
	l := &lexer{b: data[:first]}
	for range min(n, len(data)/2+1) {
		a, _, _ := l.object(0)
		b, _, _ := l.object(0)
		on, ok1 := a.(int)
		oo, ok2 := b.(int)
		if !ok1 || !ok2 {
			break
		}
		if first+oo >= 0 && first+oo < len(data) {
			st.offs[on] = first + oo
		}
	}
	f.objstms[num] = st
	return st
}

// resolve follows references to an object; a missing object, or one
// that refers back to itself while being read, is nil.
func (f *file) resolve(o any) any {
	for range 32 {
		r, ok := o.(ref)
		if !ok {
			return o
		}
		o = f.load(r.num)
	}
	return nil
}

func (f *file) load(num int) any {
	if o, ok := f.cache[num]; ok {
		return o
	}
	if f.loading[num] {
		return nil
	}
	e, ok := f.xref[num]
	if !ok || f.work > f.maxWork {
		return nil
	}
	f.loading[num] = true
	defer delete(f.loading, num)
	var obj any
	if e.inStream {
		if st := f.loadObjStm(e.off); st != nil {
			if off, ok := st.offs[num]; ok {
				l := &lexer{b: st.data, pos: off}
				obj, _, _ = l.value(0)
				f.work += int64(l.pos - off)
			}
		}
	} else {
		_, obj, _ = f.parseObjectAt(e.off)
	}
	f.cache[num] = obj
	return obj
}

// parseObjectAt reads "N G obj … endobj" at off, with a stream's data.
func (f *file) parseObjectAt(off int) (int, any, bool) {
	if off < 0 || off >= len(f.data) {
		return 0, nil, false
	}
	l := &lexer{b: f.data, pos: off}
	defer func() { f.work += int64(l.pos - off) }()
	n, _, _ := l.object(0)
	_, _, _ = l.object(0)
	kw, _, _ := l.object(0)
	num, ok := n.(int)
	if !ok || kw != keyword("obj") {
		return 0, nil, false
	}
	obj, _, err := l.value(0)
	if err != nil {
		return num, nil, false
	}
	d, isDict := obj.(dict)
	if !isDict {
		return num, obj, true
	}
	save := l.pos
	k, _, _ := l.object(0)
	if k != keyword("stream") {
		l.pos = save
		return num, d, true
	}
	// the data starts after the end of line that follows "stream"
	p := l.pos
	if p < len(f.data) && f.data[p] == '\r' {
		p++
	}
	if p < len(f.data) && f.data[p] == '\n' {
		p++
	}
	length := -1
	switch v := d["Length"].(type) {
	case int:
		length = v
	case ref:
		if v.num != num {
			if li, ok := f.resolve(v).(int); ok {
				length = li
			}
		}
	}
	end := p + length
	if length < 0 || end > len(f.data) || !bytes.HasPrefix(bytes.TrimLeft(f.data[end:min(len(f.data), end+32)], "\r\n \t"), []byte("endstream")) {
		e := bytes.Index(f.data[p:], []byte("endstream"))
		if e >= 0 {
			f.work += int64(e)
		} else {
			f.work += int64(len(f.data) - p)
		}
		if e < 0 {
			end = len(f.data)
		} else {
			end = p + e
			for end > p && (f.data[end-1] == '\n' || f.data[end-1] == '\r') {
				end--
			}
		}
	}
	return num, &stream{dict: d, data: f.data[p:end]}, true
}

// decode returns a stream's decoded bytes, within the decompression
// budget. Filters that hold images (DCT, JPX, CCITT, JBIG2) and LZW are
// not decoded: their streams carry no text.
func (f *file) decode(s *stream) ([]byte, error) {
	data := s.data
	filters := []any{}
	params := []any{}
	switch v := f.resolve(s.dict["Filter"]).(type) {
	case name:
		filters = append(filters, v)
		params = append(params, f.resolve(s.dict["DecodeParms"]))
	case array:
		filters = v
		if p, ok := f.resolve(s.dict["DecodeParms"]).(array); ok {
			params = p
		}
	}
	for i, fl := range filters {
		var p dict
		if i < len(params) {
			p, _ = f.resolve(params[i]).(dict)
		}
		var err error
		switch f.resolve(fl) {
		case name("FlateDecode"), name("Fl"):
			data, err = f.inflate(data)
			if err == nil {
				data, err = predict(data, p)
			}
		case name("ASCIIHexDecode"), name("AHx"):
			l := &lexer{b: data}
			data = []byte(l.hex())
		case name("ASCII85Decode"), name("A85"):
			data, err = decode85(data)
		case name("RunLengthDecode"), name("RL"):
			data, err = f.runLength(data)
		default:
			return nil, errors.New("unsupported filter")
		}
		if err != nil {
			return nil, err
		}
	}
	return data, nil
}

// inflate decompresses zlib (or bare deflate) data; a stream cut short
// keeps what was decompressed before the break, as viewers do.
func (f *file) inflate(data []byte) ([]byte, error) {
	var r io.Reader
	if zr, err := zlib.NewReader(bytes.NewReader(data)); err == nil {
		r = zr
	} else {
		r = flate.NewReader(bytes.NewReader(data))
	}
	var out bytes.Buffer
	n, err := io.Copy(&out, io.LimitReader(r, f.left+1))
	f.left -= n
	if f.left < 0 {
		return nil, errBudget
	}
	if err != nil && out.Len() == 0 {
		return nil, err
	}
	return out.Bytes(), nil
}

func (f *file) runLength(data []byte) ([]byte, error) {
	var out []byte
	for i := 0; i < len(data); {
		n := int(data[i])
		i++
		switch {
		case n == 128:
			return out, nil
		case n < 128:
			end := min(len(data), i+n+1)
			out = append(out, data[i:end]...)
			i = end
		default:
			if i < len(data) {
				out = append(out, bytes.Repeat(data[i:i+1], 257-n)...)
				i++
			}
		}
		if int64(len(out)) > f.left {
			return nil, errBudget
		}
	}
	f.left -= int64(len(out))
	return out, nil
}

func decode85(data []byte) ([]byte, error) {
	data = bytes.TrimPrefix(bytes.TrimSpace(data), []byte("<~"))
	if i := bytes.Index(data, []byte("~>")); i >= 0 {
		data = data[:i]
	}
	out := make([]byte, len(data))
	n, _, err := ascii85.Decode(out, data, true)
	return out[:n], err
}

// predict undoes PNG predictors (Predictor ≥ 10), which cross-reference
// and object streams use.
func predict(data []byte, p dict) ([]byte, error) {
	pred, _ := p["Predictor"].(int)
	if pred < 10 {
		return data, nil
	}
	cols, _ := p["Columns"].(int)
	colors, _ := p["Colors"].(int)
	bpc, _ := p["BitsPerComponent"].(int)
	cols, colors, bpc = max(cols, 1), max(colors, 1), max(bpc, 8)
	if cols > 1<<20 || colors > 64 || bpc > 16 {
		return nil, errSyntax
	}
	bpp := max(1, colors*bpc/8)
	row := (cols*colors*bpc + 7) / 8
	out := make([]byte, 0, len(data))
	prev := make([]byte, row)
	for i := 0; i+1+row <= len(data); i += row + 1 {
		typ := data[i]
		cur := append([]byte(nil), data[i+1:i+1+row]...)
		for k := range cur {
			var a, b, c byte
			if k >= bpp {
				a = cur[k-bpp]
				c = prev[k-bpp]
			}
			b = prev[k]
			switch typ {
			case 1:
				cur[k] += a
			case 2:
				cur[k] += b
			case 3:
				cur[k] += byte((int(a) + int(b)) / 2)
			case 4:
				cur[k] += paeth(a, b, c)
			}
		}
		out = append(out, cur...)
		prev = cur
	}
	return out, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
