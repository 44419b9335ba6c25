package container

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/crosscheck/crosscheck/compare"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// xmlStream reads one member's XML token by token, counting depth itself
// (encoding/xml keeps a stack entry per open element, so a member of a
// million nested elements would otherwise cost memory in proportion) and
// skipping subtrees through the same count. encoding/xml expands no
// external entities and, in strict mode, refuses undeclared ones.
type xmlStream struct {
	d        *xml.Decoder
	depth    int
	maxDepth int
	a        *Archive
	member   string
}

func newXMLStream(a *Archive, member string, r io.Reader) *xmlStream {
	d := xml.NewDecoder(r)
	d.Strict = true
	d.CharsetReader = charsetReader
	return &xmlStream{d: d, maxDepth: a.lim.MaxDepth, a: a, member: member}
}

func charsetReader(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "utf-16", "utf-16le", "utf-16be":
		return unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder().Reader(in), nil
	case "iso-8859-1", "latin1", "latin-1":
		return charmap.ISO8859_1.NewDecoder().Reader(in), nil
	case "windows-1252", "cp1252":
		return charmap.Windows1252.NewDecoder().Reader(in), nil
	}
	return nil, fmt.Errorf("unsupported encoding %q", label)
}

// next returns the next token; io.EOF at the end of the member.
func (x *xmlStream) next() (xml.Token, error) {
	t, err := x.d.Token()
	if err != nil {
		if err == io.EOF {
			return nil, io.EOF
		}
		return nil, x.fail(err)
	}
	switch t.(type) {
	case xml.StartElement:
		x.depth++
		if x.depth > x.maxDepth {
			return nil, inputErr(x.a.Name, "member %s nests XML elements more than %d deep", x.member, x.maxDepth)
		}
	case xml.EndElement:
		x.depth--
	}
	return t, nil
}

func (x *xmlStream) fail(err error) error {
	var ie *compare.InputError
	if errors.As(err, &ie) {
		return ie
	}
	if errors.Is(err, errOverBudget) {
		return x.a.overBudget(x.member)
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		e := inputErr(x.a.Name, "member %s is not well-formed XML (line %d: %s)", x.member, se.Line, se.Msg)
		e.Hint = "open it in its editor and save it again"
		return e
	}
	return inputErr(x.a.Name, "cannot read member %s (%v)", x.member, err)
}

// skip reads past the end of the element whose start was just read.
func (x *xmlStream) skip() error {
	target := x.depth - 1
	for x.depth > target {
		if _, err := x.next(); err != nil {
			if err == io.EOF {
				return x.fail(io.ErrUnexpectedEOF)
			}
			return err
		}
	}
	return nil
}

// text returns the character data up to the end of the element whose
// start was just read, skipping any child elements.
func (x *xmlStream) text(dst []byte) ([]byte, error) {
	target := x.depth - 1
	for x.depth > target {
		t, err := x.next()
		if err != nil {
			if err == io.EOF {
				return dst, x.fail(io.ErrUnexpectedEOF)
			}
			return dst, err
		}
		if cd, ok := t.(xml.CharData); ok && x.depth == target+1 {
			dst = append(dst, cd...)
		}
	}
	return dst, nil
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// attrNS returns the attribute of that namespace and local name.
func attrNS(se xml.StartElement, space, local string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == local && a.Name.Space == space {
			return a.Value, true
		}
	}
	return "", false
}

// readXML runs fn over every token of a member.
func readXML(a *Archive, member string, fn func(x *xmlStream, t xml.Token) error) error {
	rc, err := a.Open(member)
	if err != nil {
		return err
	}
	defer rc.Close()
	x := newXMLStream(a, member, rc)
	for {
		t, err := x.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(x, t); err != nil {
			return err
		}
	}
}
