package citations

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/reuse"
)

// Quotation is a quoted passage tied to the note marker right after it.
type Quotation struct {
	Span   compare.Span // the quoted words, without the quote marks, Text coordinates
	Marker *Marker
	Block  bool // a block quotation rather than an inline one
}

// minQuoteWords is the shortest quotation worth checking against a source.
const minQuoteWords = 4

// FindQuotations returns the quotations of a document that a note marker
// follows directly: an inline "…" (typographic quotes are ASCII in Text)
// closed by the marker, optionally after punctuation; a Markdown "> …"
// block or an HTML blockquote that ends with the marker or is followed by
// it.
func FindQuotations(doc *compare.Document, ns *Notes) []Quotation {
	s := doc.Text
	markerAt := map[int]*Marker{}
	for _, m := range ns.Markers {
		markerAt[m.Span.Start] = m
	}
	// the marker that starts within a few punctuation bytes after off
	after := func(off int) *Marker {
		for k := off; k < len(s) && k <= off+3; k++ {
			if m := markerAt[k]; m != nil {
				return m
			}
			if !strings.ContainsRune(".,;:!? ~", rune(s[k])) { // "~": LaTeX's tie before \cite
				break
			}
		}
		return nil
	}
	var out []Quotation
	add := func(q Quotation) {
		if q.Marker != nil && q.Span.End-q.Span.Start <= maxQuoteBytes && hasWords(s[q.Span.Start:q.Span.End], minQuoteWords) {
			out = append(out, q)
		}
	}
	// the marker that ends at a block's end, or one byte before it: the
	// last such in document order, as a walk over the markers finds it
	endAt := make(map[int]int, len(ns.Markers)) // marker end → the last index in ns.Markers
	var sameEnd map[int][]int                   // the earlier ones, for the rare markers that end alike
	for i, m := range ns.Markers {
		if j, ok := endAt[m.Span.End]; ok {
			if sameEnd == nil {
				sameEnd = map[int][]int{}
			}
			sameEnd[m.Span.End] = append(sameEnd[m.Span.End], j)
		}
		endAt[m.Span.End] = i
	}
	endingAt := func(end int, ok func(*Marker) bool) *Marker {
		best := -1
		for _, e := range []int{end - 1, end} {
			i, found := endAt[e]
			if !found {
				continue
			}
			for _, x := range append(sameEnd[e], i) {
				if x > best && ok(ns.Markers[x]) {
					best = x
				}
			}
		}
		if best < 0 {
			return nil
		}
		return ns.Markers[best]
	}
	for _, p := range doc.Paragraphs {
		open := -1
		for i := p.Start; i < p.End; i++ {
			if s[i] != '"' {
				continue
			}
			if open < 0 {
				open = i
				continue
			}
			inner := compare.TrimSpan(s, compare.Span{Start: open + 1, End: i})
			add(Quotation{Span: inner, Marker: after(i + 1)})
			open = -1
		}
	}
	// LaTeX quotations: ``…''
	if doc.Format == "latex" {
		for _, p := range doc.Paragraphs {
			for i := p.Start; i < p.End; {
				k := strings.Index(s[i:p.End], "``")
				if k < 0 {
					break
				}
				open := i + k + 2
				e := strings.Index(s[open:p.End], "''")
				if e < 0 {
					break
				}
				inner := compare.TrimSpan(s, compare.Span{Start: open, End: open + e})
				add(Quotation{Span: inner, Marker: after(open + e + 2)})
				i = open + e + 2
			}
		}
	}
	// Markdown block quotes: runs of lines starting with ">"
	for i := 0; i < len(s); {
		e := lineEnd(s, i)
		if !strings.HasPrefix(strings.TrimLeft(s[i:e], " "), ">") {
			i = e + 1
			continue
		}
		start := i
		end := e
		for end < len(s) {
			n := end + 1
			ne := lineEnd(s, n)
			if n >= len(s) || !strings.HasPrefix(strings.TrimLeft(s[n:ne], " "), ">") {
				break
			}
			end = ne
		}
		sp := compare.TrimSpan(s, compare.Span{Start: start + strings.IndexByte(s[start:], '>') + 1, End: end})
		q := Quotation{Span: sp, Block: true}
		// a marker at the end of the block, or first after it
		if m := endingAt(sp.End, func(*Marker) bool { return true }); m != nil {
			q.Marker = m
			q.Span.End = m.Span.Start
		}
		if q.Marker == nil {
			k := end
			for k < len(s) && isSpace(s[k]) {
				k++
			}
			q.Marker = markerAt[k]
		}
		q.Span = compare.TrimSpan(s, q.Span)
		add(q)
		i = end + 1
	}
	for _, el := range doc.Structure.Quotations() {
		q := Quotation{Span: el.Span, Block: el.Kind == compare.BlockQuotation}
		if m := endingAt(el.Span.End, func(m *Marker) bool { return m.Span.Start >= el.Span.Start }); m != nil {
			q.Marker = m
			q.Span.End = m.Span.Start
		}
		if q.Marker == nil {
			q.Marker = after(el.Span.End)
			if q.Marker == nil {
				k := el.Span.End
				for k < len(s) && isSpace(s[k]) {
					k++
				}
				q.Marker = markerAt[k]
			}
		}
		q.Span = compare.TrimSpan(s, q.Span)
		add(q)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Span.Start < out[j].Span.Start })
	// one quotation per span (an HTML q inside a blockquote, etc.)
	var dedup []Quotation
	for _, q := range out {
		if len(dedup) > 0 && dedup[len(dedup)-1].Span.Overlaps(q.Span) {
			continue
		}
		dedup = append(dedup, q)
	}
	return dedup
}

// maxQuoteBytes bounds the quotations checked: a longer stretch between
// quote marks is a stray mark, not a quotation, and comparing it with a
// source costs time in proportion to its length.
const maxQuoteBytes = 64 << 10

// hasWords reports whether s holds at least n words (as strings.Fields
// splits them), reading no further than the nth.
func hasWords(s string, n int) bool {
	in := false
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if !sp && !in {
			n--
			if n <= 0 {
				return true
			}
		}
		in = !sp
	}
	return n <= 0
}

// quoteText is a quotation prepared for comparison: the text with
// bracketed letters folded into their words ("[T]he" → "The") and quotes
// inside stripped, where its ellipses stand and which stretches are
// bracketed insertions.
type quoteText struct {
	doc        *compare.Document
	ellipses   []compare.Span // in doc.Text
	insertions []compare.Span // bracketed insertions, in doc.Text
}

var (
	reEllipsis   = regexp.MustCompile(`\.\s?\.\s?\.|…`)
	reEllipsisAt = regexp.MustCompile(`^(?:\.\s?\.\s?\.|…|\\(?:ldots|dots|textellipsis)\b(?:\{\})?)`)
)

// prepareQuote builds the comparable form of a quotation.
func prepareQuote(text string) *quoteText {
	var b strings.Builder
	qt := &quoteText{}
	closer := -2 // the next "]" at or after i (-1: none; -2: not looked for)
	for i := 0; i < len(text); {
		// a page marker of the quoting document's own edition ("[Pg 12]",
		// "{12}") is pagination, not words of the quotation
		if text[i] == '[' || text[i] == '{' || text[i] == '%' {
			if loc := rePageMarkAt.FindStringIndex(text[i:min(len(text), i+24)]); loc != nil {
				b.WriteByte(' ')
				i += loc[1]
				continue
			}
		}
		// an ellipsis here: asked of a few bytes, not of the rest of the text
		if loc := reEllipsisAt.FindStringIndex(text[i:min(len(text), i+8)]); loc != nil {
			st := b.Len()
			b.WriteString(" … ")
			qt.ellipses = append(qt.ellipses, compare.Span{Start: st, End: b.Len()})
			i += loc[1]
			continue
		}
		if text[i] == '[' {
			if closer == -2 || closer >= 0 && closer < i {
				closer = -1
				if j := strings.IndexByte(text[i:], ']'); j >= 0 {
					closer = i + j
				}
			}
			if j := closer - i; closer >= 0 && j > 0 {
				inner := text[i+1 : i+j]
				// a letter case change glued to its word: "[T]he"
				if len(inner) == 1 && i+j+1 < len(text) && isLetter(text[i+j+1]) {
					b.WriteString(inner)
					i += j + 1
					continue
				}
				if reEllipsis.MatchString(inner) && strings.Trim(inner, ". …") == "" {
					st := b.Len()
					b.WriteString(" … ")
					qt.ellipses = append(qt.ellipses, compare.Span{Start: st, End: b.Len()})
					i += j + 1
					continue
				}
				st := b.Len()
				b.WriteString(inner)
				qt.insertions = append(qt.insertions, compare.Span{Start: st, End: b.Len()})
				i += j + 1
				continue
			}
		}
		b.WriteByte(text[i])
		i++
	}
	qt.doc = compare.NewTextDocument("quotation", b.String())
	return qt
}

// sourceWords counts the quotation's tokens [i, j) outside bracketed
// insertions.
func (qt *quoteText) sourceWords(i, j int) int {
	n := 0
	for k := i; k < j; k++ {
		st := qt.doc.Tokens[k].Start()
		x := sort.Search(len(qt.insertions), func(m int) bool { return qt.insertions[m].End > st })
		if x == len(qt.insertions) || qt.insertions[x].Start > st {
			n++
		}
	}
	return n
}

// sourceIndex holds what quotation checks need of one source document,
// found once: where its pages start.
type sourceIndex struct {
	once  sync.Once
	pages []pageMark
}

type pageMark struct {
	off, end int // the marker in Text (empty for a form feed); the page starts at off
	page     string
}

// anchorIndexes caches indexes per source for one run of the analyzer.
type anchorIndexes struct {
	mu sync.Mutex
	m  map[*compare.Document]*sourceIndex
}

func (a *anchorIndexes) get(d *compare.Document) *sourceIndex {
	a.mu.Lock()
	if a.m == nil {
		a.m = map[*compare.Document]*sourceIndex{}
	}
	ix := a.m[d]
	if ix == nil {
		ix = &sourceIndex{}
		a.m[d] = ix
	}
	a.mu.Unlock()
	ix.once.Do(func() {
		ix.pages = findPages(d.Text)
	})
	return ix
}

// locateQuote finds where in the source a quotation comes from, with the
// passage-alignment engine (compare/reuse) tuned for short passages: the
// passages it finds between the quotation's tokens [from, to) and the
// source are taken around the one with the most shared words, and the
// source span is widened by the quotation words outside them, so that a
// changed first or last word shows in the diff. ok is false when the
// quotation shares too few words with the source.
func locateQuote(qt *quoteText, from, to int, src *compare.Document, pages []pageMark) (compare.Span, bool) {
	q := qt.doc
	n := to - from
	if n < 3 || len(src.Tokens) == 0 {
		return compare.Span{}, false
	}
	qs := compare.Span{Start: q.Tokens[from].Start(), End: q.Tokens[to-1].End()}
	ps := reuse.AlignRegions(q, qs, src, compare.Span{Start: 0, End: len(src.Text)}, reuse.QuoteOptions())
	best := -1
	for i, p := range ps {
		if best < 0 || p.Matched > ps[best].Matched {
			best = i
		}
	}
	if best < 0 {
		// a short quotation of common words ("it was present at its own
		// making") leaves the alignment's fingerprints nothing to seed
		// on: look for its words in order
		return exactWords(q, from, to, src, pages)
	}
	// the passages near the best one in the source belong to the same
	// quotation (a reordered or heavily edited stretch splits it)
	b := ps[best]
	lo, hi := b.B.Start, b.B.End
	qlo, qhi := b.A.Start, b.A.End
	matched := 0
	window := n * 8 // bytes, about a word's worth each side per quotation word
	for _, p := range ps {
		if p.B.End < b.B.Start-window || p.B.Start > b.B.End+window {
			continue
		}
		matched += p.Matched
		lo, hi = min(lo, p.B.Start), max(hi, p.B.End)
		qlo, qhi = min(qlo, p.A.Start), max(qhi, p.A.End)
	}
	if matched < max(3, n/5) {
		return compare.Span{}, false
	}
	// quotation words before the match and after it, but for words
	// inserted in brackets, which the source does not have
	before := qt.sourceWords(from, q.TokenAt(qlo))
	after := qt.sourceWords(q.TokenAt(qhi), to)
	start := stepWords(src, pages, src.TokenAt(lo), -before) // first source word
	end := stepWords(src, pages, src.TokenAt(hi), after)     // one past the last
	if end <= start {
		return compare.Span{}, false
	}
	return compare.Span{Start: src.Tokens[start].Start(), End: src.Tokens[end-1].End()}, true
}

// pageMarkPattern matches the page markers editions print in their text:
// "%%page 12%%", "[p. 12]", "[Pg 12]" and "[Page xii]" (Project Gutenberg
// sets the printed book's pages so), and "{12}" (older Gutenberg texts).
const pageMarkPattern = `%%page\s+([0-9]+|[ivxlcdm]+)%%|\[(?:[Pp]\.|[Pp]g\.?|[Pp]age)\s*([0-9]+|[ivxlcdmIVXLCDM]+)\]|\{([0-9]+|[ivxlcdm]+)\}`

var (
	rePageMark   = regexp.MustCompile(pageMarkPattern)
	rePageMarkAt = regexp.MustCompile(`^(?:` + pageMarkPattern + `)`)
	reCiteRange  = regexp.MustCompile(`^[0-9]+$`)
)

// findPages returns where pages start in a source: after each form feed
// (page 2, 3, …) and at each page marker (pageMarkPattern). None when the
// source marks no pages.
func findPages(s string) []pageMark {
	var out []pageMark
	ff := 1
	if strings.IndexByte(s, '\f') >= 0 {
		out = append(out, pageMark{0, 0, "1"})
		for i := 0; i < len(s); i++ {
			if s[i] == '\f' {
				ff++
				out = append(out, pageMark{i + 1, i + 1, strconv.Itoa(ff)})
			}
		}
	}
	for _, m := range rePageMark.FindAllStringSubmatchIndex(s, -1) {
		for g := 2; g+1 < len(m); g += 2 {
			if m[g] >= 0 {
				out = append(out, pageMark{m[0], m[1], strings.ToLower(s[m[g]:m[g+1]])})
				break
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].off < out[j].off })
	return out
}

// inPageMark reports whether Text offset off lies inside a page marker.
func inPageMark(pages []pageMark, off int) bool {
	i := sort.Search(len(pages), func(k int) bool { return pages[k].off > off }) - 1
	return i >= 0 && off < pages[i].end
}

// withoutPageMarks splits a delete step of a word diff around the source's
// page markers: the words of a marker are pagination, not words the
// quotation left out. Other steps pass unchanged.
func withoutPageMarks(op compare.DiffOp, src *compare.Document, pages []pageMark) []compare.DiffOp {
	if op.Op != "delete" || len(pages) == 0 {
		return []compare.DiffOp{op}
	}
	var out []compare.DiffOp
	i, j := src.TokensIn(op.A)
	run := -1 // first token of the current run of words outside markers
	flush := func(end int) {
		if run >= 0 {
			out = append(out, compare.DiffOp{Op: "delete", A: compare.Span{Start: src.Tokens[run].Start(), End: src.Tokens[end-1].End()}, B: op.B})
			run = -1
		}
	}
	for k := i; k < j; k++ {
		if inPageMark(pages, src.Tokens[k].Start()) {
			flush(k)
		} else if run < 0 {
			run = k
		}
	}
	flush(j)
	return out
}

// stepWords moves a token boundary t by n words (back when n < 0),
// not counting the words of page markers, and stops at the document's
// ends: t is the index of a range's first token going back, one past its
// last going forward.
func stepWords(src *compare.Document, pages []pageMark, t, n int) int {
	back := n < 0
	if back {
		n = -n
	}
	for n > 0 {
		var w int // the word the step takes in
		if back {
			if t == 0 {
				break
			}
			t--
			w = t
		} else {
			if t >= len(src.Tokens) {
				break
			}
			w = t
			t++
		}
		if !inPageMark(pages, src.Tokens[w].Start()) {
			n--
		}
	}
	return t
}

// pageAt returns the page holding offset off, or "". Text before a
// first marker "page N" is on page N-1.
func pageAt(pages []pageMark, off int) string {
	i := sort.Search(len(pages), func(k int) bool { return pages[k].off > off }) - 1
	if i < 0 {
		if len(pages) > 0 {
			if n, err := strconv.Atoi(pages[0].page); err == nil && n > 1 {
				return strconv.Itoa(n - 1)
			}
		}
		return ""
	}
	return pages[i].page
}

// wordsOf returns the words of the tokens inside span s of d, lower case,
// a word hyphenated at a line end whole.
func wordsOf(d *compare.Document, s compare.Span) []string {
	i, j := d.TokensIn(s)
	out := make([]string, 0, j-i)
	for k := i; k < j; k++ {
		out = append(out, d.Word(k))
	}
	return out
}

// pagesMeet reports whether the pages a passage runs over, first to last,
// meet the pages a note cites, from to to (to may be ""): a quotation
// that runs over a page break may be cited by either page.
func pagesMeet(first, last, from, to string) bool {
	if pageInRange(first, from, to) || pageInRange(last, from, to) {
		return true
	}
	// the cited page between the first and the last
	if !reCiteRange.MatchString(first) || !reCiteRange.MatchString(last) || !reCiteRange.MatchString(from) {
		return false
	}
	a, _ := strconv.Atoi(first)
	b, _ := strconv.Atoi(last)
	c, _ := strconv.Atoi(from)
	return c >= a && c <= b
}

// pageInRange reports whether page p lies in [from, to] (to may be "").
func pageInRange(p, from, to string) bool {
	if p == from {
		return true
	}
	if to == "" || !reCiteRange.MatchString(p) || !reCiteRange.MatchString(from) || !reCiteRange.MatchString(to) {
		return false
	}
	a, _ := strconv.Atoi(from)
	b, _ := strconv.Atoi(to)
	v, _ := strconv.Atoi(p)
	if b < a { // "pp. 123–7"
		b, _ = strconv.Atoi(from[:max(0, len(from)-len(to))] + to)
	}
	return v >= a && v <= b
}

// QuoteCheck is the outcome of comparing one quotation with its source.
type QuoteCheck struct {
	Found    bool
	Region   compare.Span // in the source's Text
	Diff     string       // word diff, source [-…-] and quotation {+…+}
	Missing  int          // source words left out (not at an ellipsis)
	Added    int          // quotation words not in the source (not bracketed)
	Reorder  bool         // the same words, in another order
	Page     string       // the source page the passage starts on, if marked
	PageEnd  string       // and the page it ends on
	Pages    bool         // the source marks pages
	Mismatch bool
}

// CompareQuote compares a quotation's text with a source document.
func CompareQuote(text string, src *compare.Document, ix *sourceIndex, timeout time.Duration) QuoteCheck {
	var r QuoteCheck
	qt := prepareQuote(text)
	if qt == nil || len(qt.doc.Tokens) < minQuoteWords-1 {
		return r
	}
	// each stretch between ellipses is located on its own (an omission
	// moves the rest of the quotation along the source), and the region
	// runs from the first stretch found to the last
	cuts := make([]int, 0, len(qt.ellipses)+1)
	for _, e := range qt.ellipses {
		cuts = append(cuts, qt.doc.TokenAt(e.Start))
	}
	cuts = append(cuts, len(qt.doc.Tokens))
	type stretch struct {
		from, to int // quotation tokens
		at       compare.Span
		found    bool
	}
	parts := make([]stretch, 0, len(cuts))
	region, ok := compare.Span{}, false
	from := 0
	for _, to := range cuts {
		st := stretch{from: from, to: to}
		if to-from >= 3 {
			if sp, found := locateQuote(qt, from, to, src, ix.pages); found && (!ok || sp.Start >= region.Start) {
				if !ok {
					region = sp
				}
				region.End = max(region.End, sp.End)
				ok = true
				st.at, st.found = sp, true
			}
		}
		if to > from {
			parts = append(parts, st)
		}
		from = to
	}
	if !ok {
		r.Mismatch = true
		return r
	}
	// a stretch the alignment missed (a changed word in a few words
	// leaves it nothing to seed on) is looked for word by word next to
	// the stretches found, so that the diff shows the changed word and
	// not the whole stretch as added
	for i := range parts {
		if parts[i].found {
			continue
		}
		lo, hi := -1, -1 // source tokens the stretch may lie in
		for k := i - 1; k >= 0; k-- {
			if parts[k].found {
				lo = src.TokenAt(parts[k].at.End)
				break
			}
		}
		for k := i + 1; k < len(parts); k++ {
			if parts[k].found {
				hi = src.TokenAt(parts[k].at.Start)
				break
			}
		}
		n := parts[i].to - parts[i].from
		switch {
		case lo < 0 && hi < 0:
			continue
		case lo < 0:
			lo = max(0, hi-n-nearbyWords)
		case hi < 0:
			hi = min(len(src.Tokens), lo+n+nearbyWords)
		}
		if sp, found := nearWords(qt.doc, parts[i].from, parts[i].to, src, lo, hi); found {
			parts[i].at, parts[i].found = sp, true
			region.Start, region.End = min(region.Start, sp.Start), max(region.End, sp.End)
		}
	}
	r.Found = true
	r.Region = region
	r.Pages = len(ix.pages) > 0
	r.Page = pageAt(ix.pages, region.Start)
	r.PageEnd = pageAt(ix.pages, region.End-1)
	if !r.Pages && src.Locator != nil {
		// a reader that knows pages (PDF) names them in its locations
		r.Page = src.Where(src.Orig(compare.Span{Start: region.Start, End: region.Start})).Page
		r.PageEnd = src.Where(src.Orig(compare.Span{Start: region.End - 1, End: region.End - 1})).Page
		r.Pages = r.Page != ""
	}
	ops := compare.WordDiff(src, region, qt.doc, compare.Span{Start: 0, End: len(qt.doc.Text)}, timeout)
	// the spans are in order and do not overlap: only the last that starts
	// at or before off can hold it
	inAny := func(sps []compare.Span, off int) bool {
		i := sort.Search(len(sps), func(k int) bool { return sps[k].Start > off }) - 1
		return i >= 0 && off <= sps[i].End
	}
	// a delete (source words left out) at an ellipsis or at a bracketed
	// insertion that replaces them, and an insert inside brackets, are
	// intended; only the ellipses either side of off can be next to it
	atEllipsis := func(off int) bool {
		es := qt.ellipses
		i := sort.Search(len(es), func(k int) bool { return es[k].Start > off })
		if i > 0 && (off < es[i-1].End || strings.TrimSpace(qt.doc.Text[es[i-1].End:off]) == "") {
			return true // inside the ellipsis before, or only space from it
		}
		return i < len(es) && strings.TrimSpace(qt.doc.Text[off:es[i].Start]) == ""
	}
	var kept []compare.DiffOp
	var delWords, insWords []string
	for _, whole := range ops {
		for _, op := range withoutPageMarks(whole, src, ix.pages) {
			switch op.Op {
			case "delete":
				if atEllipsis(op.B.Start) || inAny(qt.insertions, op.B.Start) {
					continue
				}
				w := wordsOf(src, op.A)
				r.Missing += len(w)
				delWords = append(delWords, w...)
			case "insert":
				if inAny(qt.insertions, op.B.Start) {
					continue
				}
				w := wordsOf(qt.doc, op.B)
				r.Added += len(w)
				insWords = append(insWords, w...)
			}
			kept = append(kept, op)
		}
	}
	r.Mismatch = r.Missing+r.Added > 0
	if r.Mismatch {
		sort.Strings(delWords)
		sort.Strings(insWords)
		r.Reorder = len(delWords) > 0 && strings.Join(delWords, " ") == strings.Join(insWords, " ")
		r.Diff = compare.FormatWordDiff(kept, src, qt.doc, 60)
	}
	return r
}

// nearbyWords is how far from a located stretch of a quotation the
// source is searched for a neighbouring stretch the alignment missed.
const nearbyWords = 200

// nearWords finds the quotation's words from..to among source tokens
// [lo, hi): the run of as many source words that agrees with them in the
// most places, if at least half of them and two.
func nearWords(q *compare.Document, from, to int, src *compare.Document, lo, hi int) (compare.Span, bool) {
	n := to - from
	if n <= 0 || hi-lo < n {
		return compare.Span{}, false
	}
	sk, qk := src.TokenKeys(), q.TokenKeys()
	best, at := 0, -1
	for i := lo; i+n <= hi; i++ {
		same := 0
		for k := 0; k < n; k++ {
			if sk[i+k] == qk[from+k] {
				same++
			}
		}
		if same > best {
			best, at = same, i
		}
	}
	if at < 0 || best < 2 || 2*best < n {
		return compare.Span{}, false
	}
	return compare.Span{Start: src.Tokens[at].Start(), End: src.Tokens[at+n-1].End()}, true
}

// exactWords finds the quotation's words from..to, in order and case
// folded, as consecutive words of the source (a word hyphenated at a line
// end is one word; the words of page markers are skipped).
func exactWords(q *compare.Document, from, to int, src *compare.Document, pages []pageMark) (compare.Span, bool) {
	sk, qk := src.TokenKeys(), q.TokenKeys()
	n := to - from
	for i := range src.Tokens {
		if sk[i] != qk[from] {
			continue
		}
		k, t := 0, i
		for k < n && t < len(src.Tokens) {
			if k > 0 && inPageMark(pages, src.Tokens[t].Start()) {
				t++
				continue
			}
			if sk[t] != qk[from+k] {
				break
			}
			k, t = k+1, t+1
		}
		if k == n {
			return compare.Span{Start: src.Tokens[i].Start(), End: src.Tokens[t-1].End()}, true
		}
	}
	return compare.Span{}, false
}
