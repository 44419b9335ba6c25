package index

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/compare"
)

// Findings of earlier runs are stored (see PutResults) in this encoding:
// a flate stream of
//
//	magic "ccr1"
//	documents: count, then each: path, content hash (hex)
//	findings: count, then each:
//	  check ID, severity, message, place
//	  related: count, then each: role, place
//	  details: 0 for none, else count+1, then each: key, kind (0 a string,
//	    1 JSON), value
//	  fix: 0, or 1 then start, end, text
//
// where a count or severity is a uvarint, a string a uvarint length and
// its bytes, and a place the document's number plus one (0: none) as a
// uvarint and the start and end as varints. Details that are not strings
// are kept as the JSON that machine formats write of them.

const resultsMagic = "ccr1"

// maxStored bounds what a stored value may unpack to.
const maxStored = 1 << 30

var errBadResult = errors.New("a stored result is damaged")

// ErrBadResult is the error of a stored value that does not decode.
var ErrBadResult = errBadResult

type resultWriter struct {
	buf  []byte
	docs map[*compare.Document]int
	refs []DocRef
	ref  func(*compare.Document) DocRef
}

func (w *resultWriter) uint(n uint64) { w.buf = binary.AppendUvarint(w.buf, n) }
func (w *resultWriter) int(n int)     { w.buf = binary.AppendVarint(w.buf, int64(n)) }
func (w *resultWriter) str(s string) {
	w.uint(uint64(len(s)))
	w.buf = append(w.buf, s...)
}

func (w *resultWriter) place(l compare.Location) {
	if l.Doc == nil {
		w.uint(0)
	} else {
		i, ok := w.docs[l.Doc]
		if !ok {
			i = len(w.refs)
			w.docs[l.Doc] = i
			w.refs = append(w.refs, w.ref(l.Doc))
		}
		w.uint(uint64(i) + 1)
	}
	w.int(l.Span.Start)
	w.int(l.Span.End)
}

// EncodeFindings packs findings, naming their documents with ref (RefOf
// when nil). It refuses text that is not UTF-8: JSON would not write it
// back the same.
func EncodeFindings(fs []compare.Finding, ref func(*compare.Document) DocRef) ([]byte, error) {
	if ref == nil {
		ref = RefOf
	}
	w := &resultWriter{docs: map[*compare.Document]int{}, ref: ref}
	w.uint(uint64(len(fs)))
	for _, f := range fs {
		if !utf8.ValidString(f.Message) || (f.Fix != nil && !utf8.ValidString(f.Fix.Text)) {
			return nil, errors.New("a finding's text is not UTF-8")
		}
		w.str(f.Check.ID)
		w.uint(uint64(f.Severity))
		w.str(f.Message)
		w.place(f.Location)
		w.uint(uint64(len(f.Related)))
		for _, r := range f.Related {
			if !utf8.ValidString(r.Role) {
				return nil, errors.New("a finding's text is not UTF-8")
			}
			w.str(r.Role)
			w.place(r.Location)
		}
		if f.Details == nil {
			w.uint(0)
		} else {
			w.uint(uint64(len(f.Details)) + 1)
			for k, v := range f.Details {
				w.str(k)
				if s, ok := v.(string); ok {
					if !utf8.ValidString(s) {
						return nil, errors.New("a finding's details are not UTF-8")
					}
					w.uint(0)
					w.str(s)
					continue
				}
				raw, err := marshalUnescaped(v)
				if err != nil {
					return nil, err
				}
				w.uint(1)
				w.str(string(raw))
			}
		}
		if f.Fix == nil {
			w.uint(0)
		} else {
			w.uint(1)
			w.int(f.Fix.Span.Start)
			w.int(f.Fix.Span.End)
			w.str(f.Fix.Text)
		}
	}
	head := &resultWriter{buf: []byte(resultsMagic)}
	head.uint(uint64(len(w.refs)))
	for _, r := range w.refs {
		head.str(r.Path)
		head.str(r.Hash)
	}
	var out bytes.Buffer
	zw := flateWriters.Get().(*flate.Writer)
	defer flateWriters.Put(zw)
	zw.Reset(&out)
	zw.Write(head.buf)
	zw.Write(w.buf)
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// flateWriters and flateReaders are reused: a run stores one value per
// document, and a compressor holds about a megabyte of tables.
var (
	flateWriters = sync.Pool{New: func() any {
		w, _ := flate.NewWriter(nil, flate.BestSpeed)
		return w
	}}
	flateReaders sync.Pool
)

// DocRef names a document in stored findings: its path and the hex
// SHA-256 of its bytes.
type DocRef struct {
	Path string
	Hash string
}

// RefOf names d.
func RefOf(d *compare.Document) DocRef {
	sum := sha256.Sum256(d.Raw)
	return DocRef{d.Path, hex.EncodeToString(sum[:])}
}

// marshalUnescaped is json.Marshal without HTML escaping, so that a
// renderer that escapes, and one that does not, write what they would
// have written of the original value.
func marshalUnescaped(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

type resultReader struct {
	b   []byte
	err error
}

func (r *resultReader) uint() uint64 {
	if r.err != nil {
		return 0
	}
	n, k := binary.Uvarint(r.b)
	if k <= 0 {
		r.err = errBadResult
		return 0
	}
	r.b = r.b[k:]
	return n
}

func (r *resultReader) int() int {
	if r.err != nil {
		return 0
	}
	n, k := binary.Varint(r.b)
	if k <= 0 || n < -1<<40 || n > 1<<40 {
		r.err = errBadResult
		return 0
	}
	r.b = r.b[k:]
	return int(n)
}

// count reads a count of items of at least min bytes each.
func (r *resultReader) count(min int) int {
	n := r.uint()
	if n > uint64(len(r.b)/min) {
		r.err = errBadResult
		return 0
	}
	return int(n)
}

func (r *resultReader) str() string {
	n := r.uint()
	if r.err != nil || n > uint64(len(r.b)) {
		r.err = errBadResult
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

// DecodeFindings unpacks what EncodeFindings packed, resolving documents
// through doc and checks through checks: a document or check it cannot
// resolve, or a place outside its document, makes the value unusable.
func DecodeFindings(v []byte, doc func(DocRef) *compare.Document, checks map[string]*compare.Check) ([]compare.Finding, error) {
	var zr io.ReadCloser
	if r, ok := flateReaders.Get().(io.ReadCloser); ok && r.(flate.Resetter).Reset(bytes.NewReader(v), nil) == nil {
		zr = r
	} else {
		zr = flate.NewReader(bytes.NewReader(v))
	}
	raw, err := io.ReadAll(io.LimitReader(zr, maxStored))
	flateReaders.Put(zr)
	if err != nil {
		return nil, errBadResult
	}
	return parseFindings(raw, doc, checks)
}

// parseFindings reads the inflated encoding.
func parseFindings(raw []byte, doc func(DocRef) *compare.Document, checks map[string]*compare.Check) ([]compare.Finding, error) {
	if !bytes.HasPrefix(raw, []byte(resultsMagic)) {
		return nil, errBadResult
	}
	r := &resultReader{b: raw[len(resultsMagic):]}
	docs := make([]*compare.Document, r.count(2))
	for i := range docs {
		ref := DocRef{Path: r.str(), Hash: r.str()}
		if r.err != nil {
			return nil, r.err
		}
		if docs[i] = doc(ref); docs[i] == nil {
			return nil, fmt.Errorf("a document it names (%s) is not in this run", ref.Path)
		}
	}
	place := func() compare.Location {
		d := r.uint()
		start, end := r.int(), r.int()
		switch {
		case r.err != nil:
			return compare.Location{}
		case d == 0:
			return compare.Location{Span: compare.Span{Start: start, End: end}}
		case d > uint64(len(docs)) || start < 0 || end < start || end > len(docs[d-1].Raw):
			r.err = errBadResult
			return compare.Location{}
		}
		return compare.Location{Doc: docs[d-1], Span: compare.Span{Start: start, End: end}}
	}
	fs := make([]compare.Finding, r.count(6))
	for i := range fs {
		f := &fs[i]
		id := r.str()
		if f.Check = checks[id]; f.Check == nil && r.err == nil {
			return nil, fmt.Errorf("no check %q", id)
		}
		sev := r.uint()
		if sev > uint64(compare.Error) {
			r.err = errBadResult
		}
		f.Severity = compare.Severity(sev)
		f.Message = r.str()
		f.Location = place()
		if n := r.count(4); n > 0 {
			f.Related = make([]compare.Related, n)
			for j := range f.Related {
				f.Related[j].Role = r.str()
				f.Related[j].Location = place()
			}
		}
		if n := r.uint(); n > 0 {
			if n-1 > uint64(len(r.b)/3) {
				return nil, errBadResult
			}
			f.Details = make(map[string]any, n-1)
			for j := uint64(0); j < n-1 && r.err == nil; j++ {
				k := r.str()
				switch r.uint() {
				case 0:
					f.Details[k] = r.str()
				case 1:
					js := []byte(r.str())
					if r.err == nil && !json.Valid(js) {
						r.err = errBadResult
					}
					f.Details[k] = json.RawMessage(js)
				default:
					r.err = errBadResult
				}
			}
		}
		switch r.uint() {
		case 0:
		case 1:
			f.Fix = &compare.Fix{Span: compare.Span{Start: r.int(), End: r.int()}, Text: r.str()}
		default:
			r.err = errBadResult
		}
		if r.err != nil {
			return nil, r.err
		}
		if f.Location.Doc == nil {
			return nil, errBadResult // every finding is somewhere
		}
		if x := f.Fix; x != nil && (x.Span.Start < 0 || x.Span.End < x.Span.Start || x.Span.End > len(f.Doc.Raw)) {
			return nil, errBadResult
		}
	}
	if r.err == nil && len(r.b) > 0 {
		r.err = errBadResult
	}
	return fs, r.err
}
