package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image/png"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The browser test opens the HTML report of the seeds in headless Chromium,
// driven through chromedriver's W3C WebDriver HTTP protocol with net/http
// (no browser-automation module). `make test` installs Debian's chromium
// and chromium-driver when they are absent; where they cannot be installed
// the test skips and says so.
//
// Console errors are read from chromedriver's browser log
// (goog:loggingPrefs {"browser": "ALL"}, fetched with POST /se/log): every
// SEVERE entry fails the test, which covers script errors, failed loads
// and Content-Security-Policy violations. The report has no test mode.

// browserWidth and browserHeight are the window the screenshot is taken in.
const browserWidth, browserHeight = 1280, 1000

func TestHTMLReportInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	driverPath, err := exec.LookPath("chromedriver")
	if err != nil {
		t.Skip("chromedriver not found: install Debian's chromium and chromium-driver (make test does so when it runs as root with apt-get)")
	}
	chromePath := ""
	for _, p := range []string{"chromium", "chromium-browser"} {
		if path, err := exec.LookPath(p); err == nil {
			chromePath = path
			break
		}
	}
	if chromePath == "" {
		t.Skip("chromium not found: install Debian's chromium (make test does so when it runs as root with apt-get)")
	}
	start := time.Now()
	dir := t.TempDir()
	seedsReport := filepath.Join(dir, "seeds.html")
	runCLI(t, "check", "--format", "html", "--fail-on", "none", "--output", seedsReport)
	hostileDir := filepath.Join(dir, "hostile")
	os.MkdirAll(hostileDir, 0o755)
	os.WriteFile(filepath.Join(hostileDir, `" onmouseover="alert(2).txt`), []byte(hostileText), 0o644)
	os.WriteFile(filepath.Join(hostileDir, "copy.md"), []byte(hostileText), 0o644)
	hostileReport := filepath.Join(dir, "hostile.html")
	runCLI(t, "check", "--format", "html", "--fail-on", "none", "--output", hostileReport, hostileDir)

	wd := startDriver(t, driverPath, chromePath, dir)
	t.Logf("chromedriver and chromium ready in %v", time.Since(start).Round(time.Millisecond))

	// The seeds report.
	t0 := time.Now()
	wd.navigate("file://" + seedsReport)
	t.Logf("seeds report loaded in %v", time.Since(t0).Round(time.Millisecond))

	wd.click(wd.find(`header nav a[href="#similarity"]`))
	heat := wd.rect(`#heatmap`)
	t.Logf("heat map #heatmap: %s", heat)
	if heat.W <= 0 || heat.H <= 0 || !heat.InView {
		t.Errorf("heat map not visible after following the Similarity link: %s", heat)
	}
	if n := wd.int(`return document.querySelectorAll('#heatmap a.cell').length`); n == 0 {
		t.Error("the heat map has no cells linking to pair views")
	}

	// A cell of the heat map opens its pair view: seeds 1 and 3 share claims.
	wd.click(wd.find(`#heatmap a.cell[href="#p0-2"]`))
	pair := wd.rect(`#p0-2`)
	t.Logf("pair view #p0-2: %s", pair)
	if !wd.bool(`return document.getElementById('p0-2').open`) || pair.H <= 0 || !pair.InView {
		t.Errorf("pair view #p0-2 not open and in view after clicking its cell: %s", pair)
	}
	sbs := wd.rect(`#p0-2 .sbs .cols`)
	t.Logf("first side-by-side of #p0-2: %s", sbs)
	if sbs.W <= 0 || sbs.H <= 0 {
		t.Errorf("pair view shows no side-by-side text: %s", sbs)
	}
	if n := wd.int(`return document.querySelectorAll('#p0-2 mark.eq').length`); n == 0 {
		t.Error("pair view marks no shared words")
	}
	wd.execute(`document.getElementById('similarity').scrollIntoView({block: 'start'});
document.querySelectorAll('.flash').forEach(function (e) { e.classList.remove('flash') })`)
	checkScreenshot(t, wd.screenshot(), "report-seeds.png")

	// Clicking the stutter in the findings list scrolls to its place.
	row := wd.find(`#flist tr[data-check="repeat.stutter"] a.goto`)
	href := wd.attr(row, "href")
	wd.click(row)
	target := strings.TrimPrefix(href, "#")
	place := wd.rect("#" + target)
	t.Logf("stutter %s after clicking its row: %s", target, place)
	if !place.InView || place.W <= 0 {
		t.Errorf("clicking the stutter's row did not bring %s into view: %s", target, place)
	}
	mark := wd.rect("#" + target + " + mark")
	t.Logf("stutter highlight: %s", mark)
	if !mark.InView || mark.W <= 0 || mark.H <= 0 {
		t.Errorf("the stutter's highlight is not visible: %s", mark)
	}
	if got := wd.string(`return document.querySelector('#` + target + ` + mark').textContent`); !strings.Contains(got, "by developing sophisticated weapons systems") {
		t.Errorf("the stutter's highlight holds %q", got)
	}
	saveArtifact(t, wd.screenshot(), "report-seeds-stutter.png")
	// The bar's next button goes to the following finding.
	wd.click(wd.find(`#nnext`))
	var n int
	fmt.Sscanf(target, "f%d", &n)
	next := wd.rect(fmt.Sprintf("#f%d", n+1))
	if !next.InView {
		t.Errorf("next did not bring finding %d into view: %s", n+2, next)
	}
	wd.checkConsole(t, "seeds report")

	// The hostile report: document text stays text.
	wd.navigate("file://" + hostileReport)
	wd.execute(`document.querySelectorAll('details').forEach(function (d) { d.open = true })`)
	wd.waitFor(`return document.querySelectorAll('details > template').length === 0`, "every section filled")
	if wd.alertOpen() {
		t.Error("the hostile report opened an alert")
	}
	if n := wd.int(`return document.querySelectorAll('[onmouseover], [onerror], [onclick]').length`); n != 0 {
		t.Errorf("%d elements carry an event handler attribute", n)
	}
	if n := wd.int(`return document.scripts.length`); n != 1 {
		t.Errorf("%d scripts in the hostile report, want only the report's own", n)
	}
	text := wd.string(`return document.getElementById('documents').textContent`)
	for _, s := range []string{"<script>alert(1)</script>", `" onmouseover="`} {
		if !strings.Contains(text, s) {
			t.Errorf("the hostile text %q is not shown as text", s)
		}
	}
	wd.checkConsole(t, "hostile report")
	t.Logf("browser test took %v", time.Since(start).Round(time.Millisecond))
}

// hostileText holds markup that must come out as text in every format.
const hostileText = `A title <script>alert(1)</script> in the text.

An attribute breaker " onmouseover="alert(1)" x=" and a closing </pre></details></textarea> tag.

An attribute breaker " onmouseover="alert(1)" x=" and a closing </pre></details></textarea> tag.

The the stutter <img src=x onerror=alert(1)> stays here.
`

func runCLI(t *testing.T, args ...string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("crosscheck %s: exit %d: %s", strings.Join(args, " "), code, stderr.String())
	}
}

// checkScreenshot decodes the PNG, saves it under testdata/artifacts/ and
// checks it loosely: the window's size, and not blank.
func checkScreenshot(t *testing.T, b []byte, name string) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	saveArtifact(t, b, name)
	bounds := img.Bounds()
	nonWhite, colored := 0, 0
	for y := bounds.Min.Y; y < bounds.Max.Y; y += 2 {
		for x := bounds.Min.X; x < bounds.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r < 0xF000 || g < 0xF000 || bl < 0xF000 {
				nonWhite++
			}
			if max(r, g, bl)-min(r, g, bl) > 0x2000 {
				colored++
			}
		}
	}
	total := (bounds.Dx() / 2) * (bounds.Dy() / 2)
	share := float64(nonWhite) / float64(total)
	t.Logf("screenshot %dx%d, %d bytes, %.1f%% non-white, %.1f%% coloured", bounds.Dx(), bounds.Dy(), len(b),
		100*share, 100*float64(colored)/float64(total))
	if bounds.Dx() != browserWidth || bounds.Dy() < browserHeight/2 || bounds.Dy() > browserHeight {
		t.Errorf("screenshot is %dx%d, want %d wide and at most %d high", bounds.Dx(), bounds.Dy(), browserWidth, browserHeight)
	}
	if share < 0.04 {
		t.Errorf("screenshot is nearly blank: %.1f%% non-white pixels", 100*share)
	}
}

// saveArtifact keeps a file for people to look at in testdata/artifacts/
// (git-ignored); failing to write it is not a test failure.
func saveArtifact(t *testing.T, b []byte, name string) {
	dir := filepath.Join("..", "..", "testdata", "artifacts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Logf("cannot keep %s: %v", name, err)
		return
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Logf("cannot keep %s: %v", name, err)
		return
	}
	t.Logf("saved %s", path)
}

// webDriver is a W3C WebDriver session with chromedriver.
type webDriver struct {
	t    *testing.T
	base string // http://127.0.0.1:PORT/session/ID
}

type elemRect struct {
	X, Y, W, H float64
	InView     bool
}

func (r elemRect) String() string {
	return fmt.Sprintf("%.0fx%.0f at (%.0f, %.0f) in viewport %v", r.W, r.H, r.X, r.Y, r.InView)
}

// startDriver starts chromedriver on a free loopback port and opens a
// session; both are closed when the test ends.
func startDriver(t *testing.T, driverPath, chromePath, dir string) *webDriver {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skipf("no loopback port for chromedriver: %v", err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, driverPath, fmt.Sprintf("--port=%d", port), "--allowed-ips=127.0.0.1")
	var logBuf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logBuf, &logBuf
	if err := cmd.Start(); err != nil {
		cancel()
		t.Skipf("cannot start chromedriver: %v", err)
	}
	t.Cleanup(func() { cancel(); cmd.Wait() })
	root := fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(15 * time.Second)
	for {
		resp, err := http.Get(root + "/status")
		if err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("chromedriver did not start: %v\n%s", err, logBuf.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	args := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
		"--user-data-dir=" + filepath.Join(dir, "chromium-profile"),
		fmt.Sprintf("--window-size=%d,%d", browserWidth, browserHeight)}
	caps := map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"browserName":        "chrome",
		"goog:chromeOptions": map[string]any{"binary": chromePath, "args": args},
		"goog:loggingPrefs":  map[string]any{"browser": "ALL"},
	}}}
	var sess struct {
		SessionID string `json:"sessionId"`
	}
	if err := call(http.MethodPost, root+"/session", caps, &sess); err != nil {
		t.Fatalf("chromium did not start: %v\n%s", err, logBuf.String())
	}
	wd := &webDriver{t: t, base: root + "/session/" + sess.SessionID}
	t.Cleanup(func() { call(http.MethodDelete, wd.base, nil, nil) })
	wd.do(http.MethodPost, "/window/rect", map[string]any{"width": browserWidth, "height": browserHeight}, nil)
	return wd
}

// call sends one WebDriver command and decodes its "value" into out.
func call(method, url string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	client := &http.Client{Timeout: 30 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var env struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		return fmt.Errorf("%s %s: %s", method, url, raw)
	}
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Error   string `json:"error"`
			Message string `json:"message"`
		}
		json.Unmarshal(env.Value, &e)
		return fmt.Errorf("%s %s: %s: %s", method, url, e.Error, e.Message)
	}
	if out != nil {
		return json.Unmarshal(env.Value, out)
	}
	return nil
}

func (wd *webDriver) do(method, path string, body, out any) {
	wd.t.Helper()
	if err := call(method, wd.base+path, body, out); err != nil {
		wd.t.Fatal(err)
	}
}

func (wd *webDriver) navigate(url string) {
	wd.t.Helper()
	wd.do(http.MethodPost, "/url", map[string]any{"url": url}, nil)
}

func (wd *webDriver) execute(script string) json.RawMessage {
	wd.t.Helper()
	var v json.RawMessage
	wd.do(http.MethodPost, "/execute/sync", map[string]any{"script": script, "args": []any{}}, &v)
	return v
}

func (wd *webDriver) int(script string) int {
	wd.t.Helper()
	var n int
	if err := json.Unmarshal(wd.execute(script), &n); err != nil {
		wd.t.Fatalf("%s: %v", script, err)
	}
	return n
}

func (wd *webDriver) bool(script string) bool {
	wd.t.Helper()
	var b bool
	json.Unmarshal(wd.execute(script), &b)
	return b
}

func (wd *webDriver) string(script string) string {
	wd.t.Helper()
	var s string
	json.Unmarshal(wd.execute(script), &s)
	return s
}

const elementKey = "element-6066-11e4-a52e-4f735466cecf"

func (wd *webDriver) find(css string) string {
	wd.t.Helper()
	var v map[string]string
	wd.do(http.MethodPost, "/element", map[string]any{"using": "css selector", "value": css}, &v)
	return v[elementKey]
}

func (wd *webDriver) click(id string) {
	wd.t.Helper()
	wd.do(http.MethodPost, "/element/"+id+"/click", map[string]any{}, nil)
	time.Sleep(100 * time.Millisecond) // let the scroll settle
}

func (wd *webDriver) attr(id, name string) string {
	wd.t.Helper()
	var s string
	wd.do(http.MethodGet, "/element/"+id+"/attribute/"+name, nil, &s)
	return s
}

// rect measures an element and whether it lies (at least partly) inside
// the viewport, below the sticky header.
func (wd *webDriver) rect(css string) elemRect {
	wd.t.Helper()
	var r elemRect
	raw := wd.execute(`var e = document.querySelector(` + jsString(css) + `); if (!e) return null;
var b = e.getBoundingClientRect(); var top = document.querySelector('header.top').getBoundingClientRect().bottom;
return {X: b.left, Y: b.top, W: b.width, H: b.height,
  InView: b.bottom > top && b.top < window.innerHeight && b.right > 0 && b.left < window.innerWidth && b.width > 0};`)
	if string(raw) == "null" {
		wd.t.Fatalf("no element %s", css)
	}
	json.Unmarshal(raw, &r)
	return r
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func (wd *webDriver) screenshot() []byte {
	wd.t.Helper()
	var s string
	wd.do(http.MethodGet, "/screenshot", nil, &s)
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		wd.t.Fatal(err)
	}
	return b
}

// waitFor polls a script until it returns true, for at most 10 seconds.
func (wd *webDriver) waitFor(script, what string) {
	wd.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !wd.bool(script) {
		if time.Now().After(deadline) {
			wd.t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (wd *webDriver) alertOpen() bool {
	var s string
	return call(http.MethodGet, wd.base+"/alert/text", nil, &s) == nil
}

// checkConsole fails the test on every SEVERE entry of the browser log.
func (wd *webDriver) checkConsole(t *testing.T, what string) {
	t.Helper()
	var entries []struct {
		Level   string `json:"level"`
		Message string `json:"message"`
	}
	if err := call(http.MethodPost, wd.base+"/se/log", map[string]any{"type": "browser"}, &entries); err != nil {
		t.Fatalf("cannot read the browser log: %v", err)
	}
	severe := 0
	for _, e := range entries {
		if e.Level == "SEVERE" {
			severe++
			t.Errorf("%s: console error: %s", what, e.Message)
		}
	}
	t.Logf("%s: %d console entries, %d errors", what, len(entries), severe)
}

// TestHTMLScaleInBrowser measures a large report in the browser: set
// CROSSCHECK_SCALE_REPORT to its path (for instance one written from the
// report package's TestWriteScaleReport with CROSSCHECK_SCALE_OUT). It logs the load time and the
// time to jump to the last finding; it is not part of make test.
func TestHTMLScaleInBrowser(t *testing.T) {
	path := os.Getenv("CROSSCHECK_SCALE_REPORT")
	if path == "" {
		t.Skip("set CROSSCHECK_SCALE_REPORT to a report to measure")
	}
	driverPath, err1 := exec.LookPath("chromedriver")
	chromePath, err2 := exec.LookPath("chromium")
	if err1 != nil || err2 != nil {
		t.Skip("no chromium or chromedriver")
	}
	abs, _ := filepath.Abs(path)
	wd := startDriver(t, driverPath, chromePath, t.TempDir())
	t0 := time.Now()
	wd.navigate("file://" + abs)
	t.Logf("loaded %s in %v", path, time.Since(t0).Round(time.Millisecond))
	t.Logf("navigation timing (ms): %s", wd.execute(`var n = performance.getEntriesByType('navigation')[0];
return {responseEnd: Math.round(n.responseEnd), domInteractive: Math.round(n.domInteractive),
  domContentLoaded: Math.round(n.domContentLoadedEventEnd), load: Math.round(n.loadEventEnd),
  elements: document.getElementsByTagName('*').length}`))
	wd.execute(`document.getElementById('similarity').scrollIntoView({block: 'start'})`)
	saveArtifact(t, wd.screenshot(), "report-scale.png")
	last := wd.int(`var more = document.getElementById('frows');
return document.querySelectorAll('#flist tbody tr').length + (more ? +more.getAttribute('data-count') : 0)`) - 1
	t0 = time.Now()
	wd.execute(fmt.Sprintf(`location.hash = '#row%d'`, last))
	wd.waitFor(fmt.Sprintf(`return !!document.getElementById('row%d')`, last), "the last row")
	wd.click(wd.find(fmt.Sprintf(`#row%d a.goto`, last)))
	place := wd.rect(fmt.Sprintf("#f%d", last))
	t.Logf("jumped to finding %d in %v: %s", last+1, time.Since(t0).Round(time.Millisecond), place)
	t0 = time.Now()
	wd.execute(`document.querySelectorAll('details').forEach(function (d) { d.open = true })`)
	wd.waitFor(`return document.querySelectorAll('details > template').length === 0`, "every section filled")
	wd.execute(`return document.body.scrollHeight`)
	t.Logf("opened every section in %v", time.Since(t0).Round(time.Millisecond))
	wd.checkConsole(t, path)
}
