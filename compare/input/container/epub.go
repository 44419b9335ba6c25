package container

import (
	"encoding/xml"
	"net/url"
	"strings"

	"github.com/crosscheck/crosscheck/compare"
)

// Member is one content document of an EPUB: its path in the archive and
// its bytes.
type Member struct {
	Name string
	Data []byte
}

// ReadEPUB returns the content documents of an EPUB in reading order:
// META-INF/container.xml names the package document (OPF), whose spine
// lists manifest items. Items that are not (X)HTML are left out; items
// whose path leaves the archive or that are missing are errors, as are
// members encrypted by DRM (META-INF/encryption.xml; obfuscated fonts do
// not matter). Every member is read within the archive's budget.
func ReadEPUB(name string, raw []byte, lim Limits) ([]Member, error) {
	a, err := OpenArchive(name, raw, lim, "EPUB")
	if err != nil {
		return nil, err
	}
	const cont = "META-INF/container.xml"
	if !a.Has(cont) {
		e := inputErr(name, "is not an EPUB (no %s)", cont)
		e.Hint = "check the file, or convert it with an EPUB editor"
		return nil, e
	}
	opf := ""
	err = readXML(a, cont, func(x *xmlStream, t xml.Token) error {
		if se, ok := t.(xml.StartElement); ok && se.Name.Local == "rootfile" && opf == "" {
			mt := attr(se, "media-type")
			if mt == "" || mt == "application/oebps-package+xml" {
				opf = attr(se, "full-path")
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	opfPath, ok := resolve("", opf)
	if !ok || opf == "" || !a.Has(opfPath) {
		return nil, inputErr(name, "EPUB container names no readable package document (%q)", opf)
	}
	type item struct{ href, mediaType string }
	items := map[string]item{}
	var spine []string
	err = readXML(a, opfPath, func(x *xmlStream, t xml.Token) error {
		se, ok := t.(xml.StartElement)
		if !ok {
			return nil
		}
		switch se.Name.Local {
		case "item":
			items[attr(se, "id")] = item{attr(se, "href"), attr(se, "media-type")}
		case "itemref":
			if len(spine) < lim.MaxMembers {
				spine = append(spine, attr(se, "idref"))
			}
		case "metadata":
			return x.skip()
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	encrypted, err := epubEncrypted(a)
	if err != nil {
		return nil, err
	}
	var out []Member
	seen := map[string]bool{}
	for _, id := range spine {
		it, ok := items[id]
		if !ok {
			continue
		}
		if it.mediaType != "" && !strings.Contains(it.mediaType, "html") {
			continue
		}
		href := it.href
		if u, err := url.PathUnescape(href); err == nil {
			href = u
		}
		if i := strings.IndexByte(href, '#'); i >= 0 {
			href = href[:i]
		}
		p, ok := resolve(opfPath, href)
		if !ok {
			return nil, inputErr(name, "EPUB spine item %q points outside the archive", compare.Shorten(it.href, 80))
		}
		if seen[p] {
			continue
		}
		seen[p] = true
		if !a.Has(p) {
			return nil, inputErr(name, "EPUB spine item %s is missing from the archive", compare.Shorten(p, 80))
		}
		if encrypted[p] {
			e := inputErr(name, "EPUB member %s is encrypted (DRM)", p)
			e.Hint = "crosscheck reads only EPUBs without DRM"
			return nil, e
		}
		data, err := a.ReadAll(p)
		if err != nil {
			return nil, err
		}
		out = append(out, Member{Name: p, Data: data})
	}
	if len(out) == 0 {
		return nil, inputErr(name, "EPUB spine lists no (X)HTML content documents")
	}
	return out, nil
}

// epubEncrypted lists the members META-INF/encryption.xml says are encrypted.
func epubEncrypted(a *Archive) (map[string]bool, error) {
	const enc = "META-INF/encryption.xml"
	out := map[string]bool{}
	if !a.Has(enc) {
		return out, nil
	}
	err := readXML(a, enc, func(x *xmlStream, t xml.Token) error {
		if se, ok := t.(xml.StartElement); ok && se.Name.Local == "CipherReference" {
			uri := attr(se, "URI")
			if u, err := url.PathUnescape(uri); err == nil {
				uri = u
			}
			if p, ok := resolve("", uri); ok {
				out[p] = true
			}
		}
		return nil
	})
	return out, err
}
