package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/crosscheck/crosscheck/compare"
)

// progressDelay is how long a run goes before it shows progress: quick
// runs print nothing.
const progressDelay = time.Second

// progress draws a one-line status on standard error while a long run
// works: files read, then checks finished. It draws only when standard
// error is a terminal and --quiet is off, never on standard output, and
// clears its line before the report is written.
type progress struct {
	w     io.Writer
	delay time.Duration
	start time.Time

	mu         sync.Mutex
	files      int
	bytes      int64
	docs       int
	done       []string // analyzers finished
	total      int      // analyzers started
	inChecks   bool
	drawn      bool
	frame      int
	stop, quit chan struct{}
	closeOnce  sync.Once
}

// newProgress returns a progress display, or an inert one when standard
// error is not a terminal or --quiet is set.
func (a *app) newProgress() *progress {
	f, ok := a.stderr.(*os.File)
	if a.quiet || !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return startProgress(a.stderr, progressDelay)
}

func startProgress(w io.Writer, delay time.Duration) *progress {
	p := &progress{w: w, delay: delay, start: time.Now(), stop: make(chan struct{}), quit: make(chan struct{})}
	go p.loop()
	return p
}

func (p *progress) loop() {
	defer close(p.quit)
	t := time.NewTicker(120 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			if time.Since(p.start) >= p.delay {
				p.draw()
			}
		}
	}
}

var spinner = []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}

func (p *progress) draw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.frame++
	elapsed := time.Since(p.start).Round(100 * time.Millisecond)
	var line string
	if !p.inChecks {
		line = fmt.Sprintf("%s reading · %d files · %.1f MB · %s", spinner[p.frame%len(spinner)], p.files, float64(p.bytes)/1e6, elapsed)
	} else {
		const barWidth = 20
		filled := 0
		if p.total > 0 {
			filled = barWidth * len(p.done) / p.total
		}
		bar := strings.Repeat("█", filled) + strings.Repeat("░", barWidth-filled)
		line = fmt.Sprintf("%s checking %d documents %s %d/%d checks · %s", spinner[p.frame%len(spinner)], p.docs, bar, len(p.done), p.total, elapsed)
	}
	fmt.Fprint(p.w, "\r\033[K"+line)
	p.drawn = true
}

// loaded counts a file read; it is LoadOptions.Loaded.
func (p *progress) loaded(_ string, size int64) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.files++
	p.bytes += size
	p.mu.Unlock()
}

// checking moves the display from reading to checking.
func (p *progress) checking(docs, analyzers int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.inChecks, p.docs, p.total = true, docs, analyzers
	p.mu.Unlock()
}

// finished counts an analyzer done; it is Run's OnFinished callback.
func (p *progress) finished(a *compare.Analyzer) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.done = append(p.done, a.Name)
	p.mu.Unlock()
}

// close stops the display and clears its line; closing again does nothing.
func (p *progress) close() {
	if p == nil {
		return
	}
	p.closeOnce.Do(func() {
		close(p.stop)
		<-p.quit
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.drawn {
			fmt.Fprint(p.w, "\r\033[K")
		}
	})
}
