package report

import (
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/compare"
)

// The HTML report is one self-contained file: the CSS and the script are
// inlined, nothing is fetched, and a Content-Security-Policy allows only
// that CSS and that script (by hash), so that even text that escaped
// escaping could not run. Every piece of document text goes through
// html/template or template.HTMLEscapeString.
//
// It is usable at 100 documents and thousands of findings: the body of
// each document, pair view and claim is rendered by the same template but
// carried, escaped once more, in a data-body attribute of its <details>;
// the script inserts it when the <details> opens or a link leads into it.
// The findings list shows one page at a time, the other rows waiting in an
// attribute the same way.

//go:embed html_assets
var htmlAssets embed.FS

var htmlTmpl = template.Must(template.New("report.html.tmpl").Funcs(template.FuncMap{
	"inc":    func(i int) int { return i + 1 },
	"plural": countOf,
}).ParseFS(htmlAssets, "html_assets/report.html.tmpl"))

var htmlCSS, htmlJS = mustAsset("html_assets/report.css"), mustAsset("html_assets/report.js")

func mustAsset(name string) string {
	b, err := htmlAssets.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// Display limits: past them a view shows the ends of a text with a cut in
// the middle, so one huge passage cannot make the report unreadable.
const (
	maxSideBytes     = 8000 // one side of a side-by-side view
	maxMessageRunes  = 600  // a finding's message in lists
	maxTitleRunes    = 200  // tooltips
	heatMapMaxPixels = 640  // the heat map's width
	maxOpenClaims    = 30   // more claims than this start closed
	fullMatrixDocs   = 30   // more documents than this: the heat map draws one triangle
)

type htmlView struct {
	Tool, Version string
	CSS           template.CSS
	JS            template.JS
	CSP           string
	Summary       Summary
	Docs          []htmlDoc
	Skipped       []compare.Skipped
	Checks        []htmlCheckRow
	Heat          htmlHeat
	Pairs         []htmlPair
	Claims        []htmlClaim
	Citations     []htmlCitation
	Quotations    []htmlSideBySide // quotations set beside their sources
	FirstPage     []htmlFindingRow // the findings list's first page, in the table
	MoreRows      string           // the other rows' HTML, which the script pages through
	MoreCount     int
	CheckIDs      []string
	PageSize      int
	ClaimsOpen    bool // few enough claims to show them all at once
}

type htmlDoc struct {
	Index, Num     int
	Path, Format   string
	Lines, Bytes   int
	Findings       int
	Error, Warning int
	Info           int
	Text           template.HTML // the text with its findings marked
	Body           string        // Text in its <pre>, for the data-body attribute
	Encoding       string
}

type htmlCheckRow struct {
	ID, Title            string
	Severity             string
	Error, Warning, Info int
	Total                int
}

type htmlHeat struct {
	Size, Cell  int
	Span, End   int // the grid's side, and where it ends
	Cells       []htmlCell
	Labels      []htmlLabel
	Grid        []int // offsets of grid lines
	LegendStops []htmlLegendStop
	Pairs       int // pairs drawn
}

type htmlCell struct {
	X, Y, W int
	Fill    string
	Href    string
	Title   string
	Dot     bool // findings link the pair
	DotX    int
	DotY    int
	DotR    int
}

type htmlLabel struct {
	X, Y     int
	Text     string
	Title    string
	Vertical bool
}

type htmlLegendStop struct {
	X    int
	Fill string
	Text string
}

type htmlPair struct {
	ID          string
	A, B        htmlDocRef
	Self        bool
	Coverage    float64
	SharedWords int
	Passages    []htmlSideBySide
	Linked      []htmlSideBySide
	Summary     string
	Body        string // the rendered passages and linked findings
}

type htmlDocRef struct {
	Num  int
	Path string
	Href string
}

type htmlSideBySide struct {
	Heading     string
	Href        string // the finding it belongs to, if any
	Check       string
	Severity    string
	Left, Right htmlSide
	NoDiff      bool
}

type htmlSide struct {
	Where string
	Href  string
	Text  template.HTML
}

type htmlClaim struct {
	Index    int
	Href     string
	Check    string
	Severity string
	Message  string
	Where    string
	Blocks   []htmlSideBySide
	Body     string // the rendered blocks
}

type htmlCitation struct {
	Doc       htmlDocRef
	Note      string
	Href      string
	Where     string
	Kind      string
	Reference string
	Target    string
	Source    string
	Checks    []htmlCheckLink
}

type htmlCheckLink struct {
	ID, Href string
}

type htmlFindingRow struct {
	Index    int
	Severity string
	Check    string
	Doc      int
	Where    string
	Message  string
}

// htmlSink keeps the findings and renders the page on Close: it is one
// document, whose parts (the findings table, the documents marked up with
// them, the pairs) all depend on every finding.
type htmlSink struct {
	*base
	w        io.Writer
	findings []compare.Finding
}

func newHTML(w io.Writer, b *base) compare.Sink { return &htmlSink{base: b, w: w} }

func (s *htmlSink) Put(f compare.Finding) error {
	s.counts.Add(&f)
	s.findings = append(s.findings, f)
	return nil
}

func (s *htmlSink) Close() error {
	if s.aborted {
		return nil
	}
	r := &Result{Tool: s.head.Tool, Version: s.head.Version, Docs: s.head.Docs, Skipped: s.head.Skipped,
		Findings: s.findings, Checks: s.head.Checks}
	if s.opt.Extras != nil {
		x, err := s.opt.Extras(s.findings)
		if err != nil {
			return err
		}
		r.Pairs, r.Comparisons, r.Citations = x.Pairs, x.Comparisons, x.Citations
	}
	return writeHTML(s.w, r, s.opt)
}

// writeHTML renders the report. It reads the result and never analyses:
// pairs, comparisons and citations come computed in r.
func writeHTML(w io.Writer, r *Result, _ Options) error {
	v := &htmlView{Tool: r.Tool, Version: r.Version, CSS: template.CSS(htmlCSS), JS: template.JS(htmlJS),
		Summary: r.Summary(), Skipped: r.Skipped, PageSize: 200}
	v.CSP = "default-src 'none'; img-src data:; style-src " + cspHash(htmlCSS) + "; script-src " + cspHash(htmlJS) +
		"; base-uri 'none'; form-action 'none'"
	docIndex := make(map[*compare.Document]int, len(r.Docs))
	for i, d := range r.Docs {
		docIndex[d] = i
	}
	rc := &renderCtx{r: r, docIndex: docIndex}
	var err error
	v.Checks, v.CheckIDs = checkRows(r)
	rows := rc.findingRows()
	v.FirstPage = rows[:min(len(rows), v.PageSize)]
	if more := rows[len(v.FirstPage):]; len(more) > 0 {
		v.MoreCount = len(more)
		if v.MoreRows, err = renderPart("rows", more); err != nil {
			return err
		}
	}
	v.Docs = rc.docs()
	v.Pairs = rc.pairs()
	v.Heat = rc.heat(v.Pairs)
	v.Claims = rc.claims()
	v.ClaimsOpen = len(v.Claims) <= maxOpenClaims
	for i := range v.Docs {
		if v.Docs[i].Body, err = renderPart("docbody", v.Docs[i].Text); err != nil {
			return err
		}
	}
	for i := range v.Pairs {
		if v.Pairs[i].Body, err = renderPart("pairbody", &v.Pairs[i]); err != nil {
			return err
		}
	}
	for i := range v.Claims {
		if v.Claims[i].Body, err = renderPart("claimbody", &v.Claims[i]); err != nil {
			return err
		}
	}
	v.Citations = rc.citations()
	v.Quotations = rc.quotations()
	hw := &htmlWriter{w: w}
	if err := htmlTmpl.Execute(hw, v); err != nil {
		return err
	}
	return hw.Flush()
}

// renderPart renders one of the template's parts to a string: the body of
// a closed section, which the page carries in a data-body attribute
// (escaped once more there) and the script inserts when the section opens.
// An attribute costs the browser next to nothing to parse, where the same
// markup as elements, even inside <template>, costs seconds at scale.
func renderPart(name string, data any) (string, error) {
	var b strings.Builder
	if err := htmlTmpl.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	return b.String(), nil
}

func cspHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(h[:]) + "'"
}

type renderCtx struct {
	r        *Result
	docIndex map[*compare.Document]int
}

func (rc *renderCtx) where(l compare.Location) string {
	p := l.Doc.Position(l.Span.Start)
	return fmt.Sprintf("%s:%d:%d", l.Doc.Path, p.Line, p.Column)
}

func (rc *renderCtx) docRef(i int) htmlDocRef {
	return htmlDocRef{Num: i + 1, Path: rc.r.Docs[i].Path, Href: "#d" + strconv.Itoa(i)}
}

func checkRows(r *Result) ([]htmlCheckRow, []string) {
	rows := map[string]*htmlCheckRow{}
	for _, f := range r.Findings {
		row := rows[f.Check.ID]
		if row == nil {
			row = &htmlCheckRow{ID: f.Check.ID, Title: f.Check.Title, Severity: f.Check.Severity.String()}
			rows[f.Check.ID] = row
		}
		switch f.Severity {
		case compare.Error:
			row.Error++
		case compare.Warning:
			row.Warning++
		default:
			row.Info++
		}
		row.Total++
	}
	out := make([]htmlCheckRow, 0, len(rows))
	ids := make([]string, 0, len(rows))
	for _, row := range rows {
		out = append(out, *row)
		ids = append(ids, row.ID)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	sort.Strings(ids)
	return out, ids
}

func (rc *renderCtx) findingRows() []htmlFindingRow {
	out := make([]htmlFindingRow, len(rc.r.Findings))
	for i, f := range rc.r.Findings {
		out[i] = htmlFindingRow{Index: i, Severity: f.Severity.String(), Check: f.Check.ID,
			Doc: rc.docIndex[f.Doc], Where: rc.where(f.Location), Message: compare.Shorten(f.Message, maxMessageRunes) + relatedInline(f)}
	}
	return out
}

// mark is a highlighted span of a document's Text in a rendered view.
type mark struct {
	span  compare.Span // Text coordinates
	class string       // CSS class tokens it adds to the text it covers
	// an anchor placed where the mark starts
	anchorID, anchorHref, anchorText, anchorTitle, anchorClass string
	finding                                                    int // the finding it shows, -1 when none
}

// textSpan maps original bytes to Text, on rune edges.
func textSpan(d *compare.Document, s compare.Span) compare.Span {
	t := d.TextSpan(s)
	t.Start = runeEdge(d.Text, t.Start)
	t.End = max(t.Start, runeEdge(d.Text, t.End))
	return t
}

func runeEdge(s string, i int) int {
	i = max(0, min(i, len(s)))
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

var sevClass = [...]string{compare.Info: "s-info", compare.Warning: "s-warning", compare.Error: "s-error"}

// docs renders every document's text with its findings marked in place:
// each finding's span is highlighted, its related places more lightly,
// and an anchor at each finding's start carries its number and links to
// its row in the findings list. Overlapping spans are cut at every edge,
// so the markup nests properly however the findings overlap.
func (rc *renderCtx) docs() []htmlDoc {
	marks := make([][]mark, len(rc.r.Docs))
	counts := make([][3]int, len(rc.r.Docs))
	for i, f := range rc.r.Findings {
		di, ok := rc.docIndex[f.Doc]
		if !ok {
			continue
		}
		counts[di][f.Severity]++
		title := compare.Shorten(f.Check.ID+": "+f.Message, maxTitleRunes)
		marks[di] = append(marks[di], mark{span: textSpan(f.Doc, f.Span), class: "m " + sevClass[f.Severity], finding: i,
			anchorID: "f" + strconv.Itoa(i), anchorHref: "#row" + strconv.Itoa(i), anchorText: strconv.Itoa(i + 1),
			anchorTitle: title, anchorClass: "fa " + sevClass[f.Severity]})
		for k, rel := range f.Related {
			rd, ok := rc.docIndex[rel.Doc]
			if !ok {
				continue
			}
			marks[rd] = append(marks[rd], mark{span: textSpan(rel.Doc, rel.Span), class: "rel", finding: -1,
				anchorID: "r" + strconv.Itoa(i) + "-" + strconv.Itoa(k), anchorHref: "#f" + strconv.Itoa(i),
				anchorTitle: compare.Shorten(rel.Role+" — of finding "+strconv.Itoa(i+1)+", "+title, maxTitleRunes),
				anchorClass: "ra"})
		}
	}
	out := make([]htmlDoc, len(rc.r.Docs))
	for i, d := range rc.r.Docs {
		var b strings.Builder
		b.Grow(len(d.Text) + len(marks[i])*120)
		writeMarked(&b, d.Text, 0, len(d.Text), marks[i], true)
		c := counts[i]
		out[i] = htmlDoc{Index: i, Num: i + 1, Path: d.Path, Format: d.Format, Lines: d.Lines(), Bytes: d.Size(),
			Encoding: d.Encoding, Findings: c[0] + c[1] + c[2], Error: c[compare.Error], Warning: c[compare.Warning],
			Info: c[compare.Info], Text: template.HTML(b.String())}
	}
	return out
}

// writeMarked writes text[lo:hi] escaped, wrapping each stretch that marks
// cover in <mark> with the class tokens of every mark over it (depth
// beyond one adds "d2"), and writing each mark's anchor where it starts.
// With doc set, a stretch also names its first finding (data-f).
func writeMarked(b *strings.Builder, text string, lo, hi int, marks []mark, doc bool) {
	type edge struct {
		at    int
		start bool
		m     int
	}
	edges := make([]edge, 0, 2*len(marks)+2)
	for k, m := range marks {
		s, e := max(lo, m.span.Start), min(hi, m.span.End)
		if s > e || m.span.Start > hi || m.span.End < lo {
			continue
		}
		edges = append(edges, edge{s, true, k}, edge{e, false, k})
	}
	// at one offset: ends before starts, so that touching spans do not nest;
	// starts in mark order, so anchors come out in finding order
	sort.SliceStable(edges, func(i, j int) bool {
		if edges[i].at != edges[j].at {
			return edges[i].at < edges[j].at
		}
		if edges[i].start != edges[j].start {
			return !edges[i].start
		}
		return edges[i].m < edges[j].m
	})
	active := make([]int, 0, 8)
	pos := lo
	flush := func(to int) {
		if to <= pos {
			return
		}
		seg := text[pos:to]
		pos = to
		if len(active) == 0 {
			b.WriteString(template.HTMLEscapeString(seg))
			return
		}
		classes := make([]string, 0, 4)
		depth, fid := 0, -1
		for _, k := range active {
			m := marks[k]
			for _, c := range strings.Fields(m.class) {
				if !containsStr(classes, c) {
					classes = append(classes, c)
				}
			}
			if m.finding >= 0 {
				depth++
				if fid < 0 || m.finding < fid {
					fid = m.finding
				}
			}
		}
		sort.Strings(classes)
		if depth > 1 {
			classes = append(classes, "d2")
		}
		b.WriteString(`<mark class="`)
		b.WriteString(strings.Join(classes, " "))
		b.WriteString(`"`)
		if doc && fid >= 0 {
			b.WriteString(` data-f="`)
			b.WriteString(strconv.Itoa(fid))
			b.WriteString(`"`)
		}
		b.WriteString(`>`)
		b.WriteString(template.HTMLEscapeString(seg))
		b.WriteString(`</mark>`)
	}
	for _, e := range edges {
		flush(e.at)
		if !e.start {
			for i, k := range active {
				if k == e.m {
					active = append(active[:i], active[i+1:]...)
					break
				}
			}
			continue
		}
		m := marks[e.m]
		if m.anchorID != "" && m.span.Start >= lo {
			b.WriteString(`<a class="`)
			b.WriteString(m.anchorClass)
			b.WriteString(`" id="`)
			b.WriteString(m.anchorID)
			b.WriteString(`" href="`)
			b.WriteString(m.anchorHref)
			b.WriteString(`" title="`)
			b.WriteString(template.HTMLEscapeString(m.anchorTitle))
			b.WriteString(`">`)
			b.WriteString(template.HTMLEscapeString(m.anchorText))
			b.WriteString(`</a>`)
		}
		if m.span.End > m.span.Start {
			active = append(active, e.m)
		}
	}
	flush(hi)
}

func containsStr(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// sideText renders the span s (Text coordinates) of d with marks, cutting
// the middle out of a span longer than maxSideBytes.
func sideText(d *compare.Document, s compare.Span, marks []mark) template.HTML {
	var b strings.Builder
	if s.Len() <= maxSideBytes {
		writeMarked(&b, d.Text, s.Start, s.End, marks, false)
	} else {
		half := maxSideBytes / 2
		mid1 := runeEdge(d.Text, s.Start+half)
		mid2 := runeEdge(d.Text, s.End-half)
		writeMarked(&b, d.Text, s.Start, mid1, marks, false)
		fmt.Fprintf(&b, `<span class="cut"> … %d bytes not shown … </span>`, mid2-mid1)
		writeMarked(&b, d.Text, mid2, s.End, marks, false)
	}
	return template.HTML(b.String())
}

// sideBySide sets two spans side by side with the diff's steps marked:
// words both share (equal) on both sides, words only on the left (delete)
// and only on the right (insert), and extra highlights (a claim's values).
func (rc *renderCtx) sideBySide(left, right compare.Location, diff []DiffOp, leftHref, rightHref string, extra []compare.Location) htmlSideBySide {
	ls, rs := textSpan(left.Doc, left.Span), textSpan(right.Doc, right.Span)
	var lm, rm []mark
	for _, op := range diff {
		switch op.Op {
		case "equal":
			lm = append(lm, mark{span: textSpan(left.Doc, op.Left), class: "eq", finding: -1})
			rm = append(rm, mark{span: textSpan(right.Doc, op.Right), class: "eq", finding: -1})
		case "delete":
			lm = append(lm, mark{span: textSpan(left.Doc, op.Left), class: "del", finding: -1})
		case "insert":
			rm = append(rm, mark{span: textSpan(right.Doc, op.Right), class: "ins", finding: -1})
		}
	}
	for _, x := range extra {
		if x.Doc == left.Doc && left.Span.Contains(x.Span) {
			lm = append(lm, mark{span: textSpan(x.Doc, x.Span), class: "val", finding: -1})
		}
		if x.Doc == right.Doc && right.Span.Contains(x.Span) {
			rm = append(rm, mark{span: textSpan(x.Doc, x.Span), class: "val", finding: -1})
		}
	}
	return htmlSideBySide{
		Left:   htmlSide{Where: rc.where(left), Href: leftHref, Text: sideText(left.Doc, ls, lm)},
		Right:  htmlSide{Where: rc.where(right), Href: rightHref, Text: sideText(right.Doc, rs, rm)},
		NoDiff: diff == nil,
	}
}

// placeHref links to the anchor of a finding's own span or of one of its
// related places, when that place is in a document the report shows.
func (rc *renderCtx) placeHref(fi int, l compare.Location) string {
	if _, ok := rc.docIndex[l.Doc]; !ok {
		return ""
	}
	f := rc.r.Findings[fi]
	if f.Location == l {
		return "#f" + strconv.Itoa(fi)
	}
	for k, rel := range f.Related {
		if rel.Location == l {
			return "#r" + strconv.Itoa(fi) + "-" + strconv.Itoa(k)
		}
	}
	return ""
}

func (rc *renderCtx) comparisonView(c Comparison) htmlSideBySide {
	f := rc.r.Findings[c.Finding]
	var extra []compare.Location
	for _, rel := range f.Related {
		if strings.HasPrefix(rel.Role, "value") {
			extra = append(extra, rel.Location)
		}
	}
	v := rc.sideBySide(c.Left, c.Right, c.Diff, rc.placeHref(c.Finding, c.Left), rc.placeHref(c.Finding, c.Right), extra)
	v.Heading = compare.Shorten(f.Message, maxMessageRunes)
	v.Href = "#row" + strconv.Itoa(c.Finding)
	v.Check = f.Check.ID
	v.Severity = f.Severity.String()
	return v
}

// pairKey orders a pair of document indices.
func pairKey(a, b int) [2]int {
	if a > b {
		a, b = b, a
	}
	return [2]int{a, b}
}

// pairs builds one view per pair of documents that share passages or that
// a compared finding links (a document with itself when a finding links two
// of its own places), ordered by the documents.
func (rc *renderCtx) pairs() []htmlPair {
	views := map[[2]int]*htmlPair{}
	get := func(a, b int) *htmlPair {
		k := pairKey(a, b)
		p := views[k]
		if p == nil {
			p = &htmlPair{ID: "p" + strconv.Itoa(k[0]) + "-" + strconv.Itoa(k[1]), A: rc.docRef(k[0]), B: rc.docRef(k[1]), Self: k[0] == k[1]}
			views[k] = p
		}
		return p
	}
	for _, pr := range rc.r.Pairs {
		if pr.A < 0 || pr.B >= len(rc.r.Docs) || pr.A >= pr.B {
			continue
		}
		p := get(pr.A, pr.B)
		p.Coverage, p.SharedWords = pr.Coverage, pr.SharedWords
		a, b := rc.r.Docs[pr.A], rc.r.Docs[pr.B]
		for n, ps := range pr.Passages {
			v := rc.sideBySide(compare.Location{Doc: a, Span: ps.A}, compare.Location{Doc: b, Span: ps.B}, ps.Diff,
				rc.docRef(pr.A).Href, rc.docRef(pr.B).Href, nil)
			v.Heading = fmt.Sprintf("Passage %d: %d words shared (%d and %d words, %s similar)", n+1, ps.SharedWords,
				ps.WordsA, ps.WordsB, strconv.Itoa(int(math.Round(ps.Similarity*100)))+"%")
			p.Passages = append(p.Passages, v)
		}
	}
	for _, c := range rc.r.Comparisons {
		la, lok := rc.docIndex[c.Left.Doc]
		ra, rok := rc.docIndex[c.Right.Doc]
		if !lok || !rok || c.Finding < 0 || c.Finding >= len(rc.r.Findings) {
			continue
		}
		p := get(la, ra)
		p.Linked = append(p.Linked, rc.comparisonView(c))
	}
	out := make([]htmlPair, 0, len(views))
	for _, p := range views {
		var parts []string
		if !p.Self && len(p.Passages) > 0 {
			parts = append(parts, "coverage "+strconv.Itoa(int(math.Round(p.Coverage*100)))+"%")
		}
		if n := len(p.Passages); n > 0 {
			parts = append(parts, countOf(n, "shared passage")+" ("+countOf(p.SharedWords, "word")+")")
		}
		if n := len(p.Linked); n > 0 {
			parts = append(parts, countOf(n, "linked finding"))
		}
		p.Summary = strings.Join(parts, " · ")
		out = append(out, *p)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].A.Num != out[j].A.Num {
			return out[i].A.Num < out[j].A.Num
		}
		return out[i].B.Num < out[j].B.Num
	})
	return out
}

func countOf(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

// heat draws the document × document matrix: a cell's colour is the
// pair's coverage (square-root scale, so that a few shared sentences
// show); a dot marks pairs that findings link; cells with a pair view link
// to it. Only cells with something to show are drawn, over a grid.
func (rc *renderCtx) heat(pairs []htmlPair) htmlHeat {
	n := len(rc.r.Docs)
	cell := 48
	if n > 0 {
		cell = max(5, min(48, heatMapMaxPixels/n))
	}
	const margin = 40 // room for the labels; 16 more at the far edges for the last one
	h := htmlHeat{Size: margin + n*cell + 16, Cell: cell, Span: n * cell, End: margin + n*cell}
	for i := 0; i <= n; i++ {
		h.Grid = append(h.Grid, margin+i*cell)
	}
	step := 1 // label every document, or every 5th or 10th when cells are small
	switch {
	case cell < 8:
		step = 10
	case cell < 14:
		step = 5
	}
	for i := 0; i < n; i++ {
		if i != 0 && (i+1)%step != 0 {
			continue
		}
		t := strconv.Itoa(i + 1)
		c := margin + i*cell + cell/2
		h.Labels = append(h.Labels, htmlLabel{X: c, Y: margin - 6, Text: t, Title: rc.r.Docs[i].Path, Vertical: true},
			htmlLabel{X: margin - 6, Y: c + 4, Text: t, Title: rc.r.Docs[i].Path})
	}
	for _, p := range pairs {
		a, b := p.A.Num-1, p.B.Num-1
		fill := heatFill(p.Coverage)
		title := p.A.Path + " × " + p.B.Path
		if p.Self {
			title = p.A.Path + " with itself"
		}
		title += ": " + p.Summary
		cells := [][2]int{{b, a}, {a, b}}
		if n > fullMatrixDocs {
			cells = cells[1:] // one triangle: half the elements for the same facts
		}
		for _, xy := range cells {
			c := htmlCell{X: margin + xy[0]*cell, Y: margin + xy[1]*cell, W: cell, Fill: fill, Href: "#" + p.ID,
				Title: title, Dot: len(p.Linked) > 0}
			c.DotX, c.DotY, c.DotR = c.X+cell/2, c.Y+cell/2, max(1, cell/6)
			h.Cells = append(h.Cells, c)
			if p.Self {
				break
			}
		}
		h.Pairs++
	}
	for i, x := range []float64{0, 0.05, 0.25, 0.5, 1} {
		h.LegendStops = append(h.LegendStops, htmlLegendStop{X: i * 56, Fill: heatFill(x), Text: strconv.Itoa(int(x*100)) + "%"})
	}
	return h
}

// heatFill is the colour of a coverage: white to deep blue.
func heatFill(c float64) string {
	c = math.Sqrt(max(0, min(1, c)))
	light := 98 - int(math.Round(c*62))
	return "hsl(214,80%," + strconv.Itoa(light) + "%)"
}

// claims lists the claims findings with their places side by side.
func (rc *renderCtx) claims() []htmlClaim {
	byFinding := map[int][]Comparison{}
	for _, c := range rc.r.Comparisons {
		byFinding[c.Finding] = append(byFinding[c.Finding], c)
	}
	var out []htmlClaim
	for i, f := range rc.r.Findings {
		if !strings.HasPrefix(f.Check.ID, "claims.") {
			continue
		}
		cl := htmlClaim{Index: i, Href: "#f" + strconv.Itoa(i), Check: f.Check.ID, Severity: f.Severity.String(),
			Message: compare.Shorten(f.Message, maxMessageRunes), Where: rc.where(f.Location)}
		for _, c := range byFinding[i] {
			if c.Related < 0 || c.Related >= len(f.Related) {
				continue
			}
			v := rc.comparisonView(c)
			v.Heading, v.Check = f.Related[c.Related].Role, "" // the claim's head says the rest
			cl.Blocks = append(cl.Blocks, v)
		}
		out = append(out, cl)
	}
	return out
}

// quotations sets each quotation a cite.quote-* finding reports beside the
// passage of its source (a source is not among the documents, so these
// have no pair view).
func (rc *renderCtx) quotations() []htmlSideBySide {
	var out []htmlSideBySide
	for _, c := range rc.r.Comparisons {
		if c.Finding < 0 || c.Finding >= len(rc.r.Findings) || !strings.HasPrefix(rc.r.Findings[c.Finding].Check.ID, "cite.quote") {
			continue
		}
		out = append(out, rc.comparisonView(c))
	}
	return out
}

func (rc *renderCtx) citations() []htmlCitation {
	// findings by (doc, check, start), to link a row's checks to findings
	type key struct {
		doc   *compare.Document
		check string
	}
	byKey := map[key][]int{}
	for i, f := range rc.r.Findings {
		if strings.HasPrefix(f.Check.ID, "cite.") {
			k := key{f.Doc, f.Check.ID}
			byKey[k] = append(byKey[k], i)
		}
	}
	out := make([]htmlCitation, 0, len(rc.r.Citations))
	for _, row := range rc.r.Citations {
		if row.Doc < 0 || row.Doc >= len(rc.r.Docs) {
			continue
		}
		d := rc.r.Docs[row.Doc]
		c := htmlCitation{Doc: rc.docRef(row.Doc), Note: row.Note, Where: rc.where(compare.Location{Doc: d, Span: row.At}),
			Kind: row.Kind, Reference: row.Reference, Target: row.Target, Source: row.Source, Href: rc.docRef(row.Doc).Href}
		for _, id := range row.Checks {
			link := htmlCheckLink{ID: id}
			for _, fi := range byKey[key{d, id}] {
				f := rc.r.Findings[fi]
				if f.Span.Overlaps(row.At) || row.At.Contains(f.Span) || strings.HasPrefix(id, "cite.quote") && f.Details["note"] == row.Note {
					link.Href = "#f" + strconv.Itoa(fi)
					if c.Href == rc.docRef(row.Doc).Href {
						c.Href = link.Href
					}
					break
				}
			}
			c.Checks = append(c.Checks, link)
		}
		out = append(out, c)
	}
	return out
}
