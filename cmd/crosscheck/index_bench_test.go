package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
)

// The archive benchmarks write generated text made of the shared corpora
// (PAN's documents, Gibbon) with edits: each document of about 50 KB is a
// stretch of the corpora taken at random with every third word replaced
// by a word drawn from their vocabulary, so that it reads like the
// corpora (their function words, sentences and paragraphs) but shares no
// four-word run with another by chance, as real archives do not (words
// that make several tokens, such as "11:08", are left out, so that no run
// of four tokens escapes the replacements) (an
// index of PAN's 478 source documents proposes one candidate for a
// suspicious document; text from a word-bigram model of the corpora
// shared chance runs with 1,150 of 2,048 documents). The document
// checked against the archive copies a paragraph of each of three
// archived documents, one word in twenty changed. The benchmarks skip
// when ../shared/corpora is not there. CROSSCHECK_INDEX_BENCH_MB
// (default 100) is the largest archive; the archives are kept in a
// temporary folder for the run.

const benchDocBytes = 50 << 10

type corpusWords struct {
	text  []string // the corpora's words, in order
	vocab []string // each distinct word once
}

var (
	modelOnce sync.Once
	model     *corpusWords
)

func corpusModel(b testing.TB) *corpusWords {
	shared := sharedDir()
	if shared == "" {
		b.Skip("../shared/corpora is not there")
	}
	modelOnce.Do(func() {
		m := &corpusWords{}
		seen := map[string]bool{}
		for _, glob := range []string{"pan13-no-obfuscation/src/*.txt", "pan13-no-obfuscation/susp/*.txt", "gibbon-vol1/*.txt"} {
			files, _ := filepath.Glob(filepath.Join(shared, "corpora", glob))
			for _, f := range files {
				raw, err := os.ReadFile(f)
				if err != nil {
					continue
				}
				for _, w := range strings.Fields(string(raw)) {
					if !plainWord(w) {
						continue // "help.rr.com", "11:08": several tokens in one word
					}
					m.text = append(m.text, w)
					if !seen[w] {
						seen[w] = true
						m.vocab = append(m.vocab, w)
					}
				}
			}
		}
		model = m
	})
	if model == nil || len(model.text) < 100000 {
		b.Skip("the corpora hold too little text")
	}
	return model
}

// plainWord reports whether w is letters with at most a closing
// punctuation mark: one token, so that replacing every third word breaks
// every four-token run.
func plainWord(w string) bool {
	w = strings.TrimRight(w, ".,;:!?")
	if w == "" {
		return false
	}
	for _, c := range w {
		if !unicode.IsLetter(c) {
			return false
		}
	}
	return true
}

// doc generates about n bytes of text.
func (m *corpusWords) doc(r *rand.Rand, n int) string {
	var sb strings.Builder
	sb.Grow(n + 200)
	at := r.IntN(len(m.text))
	for i := 0; sb.Len() < n; i++ {
		w := m.text[(at+i)%len(m.text)]
		if i%3 == 0 {
			w = m.vocab[r.IntN(len(m.vocab))]
		}
		sb.WriteString(w)
		if i%120 == 119 {
			sb.WriteString("\n\n")
		} else {
			sb.WriteByte(' ')
		}
	}
	return sb.String()
}

// writeArchive makes the documents numbered [from, to) in dir.
func (m *corpusWords) writeArchive(b testing.TB, dir string, from, to int) {
	for i := from; i < to; i++ {
		p := filepath.Join(dir, fmt.Sprintf("d%06d.txt", i))
		if _, err := os.Stat(p); err == nil {
			continue // written by an earlier run: the same text
		}
		r := rand.New(rand.NewPCG(uint64(i), 1))
		if err := os.WriteFile(p, []byte(m.doc(r, benchDocBytes)), 0o644); err != nil {
			b.Fatal(err)
		}
	}
}

// query makes a 50 KB document that copies a paragraph of each of three
// archived documents (one word in twenty changed) among new text.
func (m *corpusWords) query(b testing.TB, dir string, docs int) string {
	r := rand.New(rand.NewPCG(99, 99))
	var sb strings.Builder
	for k := 0; k < 3; k++ {
		sb.WriteString(m.doc(r, benchDocBytes/4))
		sb.WriteString("\n\n")
		raw, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("d%06d.txt", (k*7919)%docs)))
		if err != nil {
			b.Fatal(err)
		}
		para := strings.Fields(strings.Split(string(raw), "\n\n")[1])
		for i := range para {
			if r.IntN(20) == 0 {
				para[i] = m.vocab[r.IntN(len(m.vocab))]
			}
		}
		sb.WriteString(strings.Join(para, " "))
		sb.WriteString("\n\n")
	}
	sb.WriteString(m.doc(r, benchDocBytes/4))
	p := filepath.Join(b.TempDir(), "query.txt")
	os.WriteFile(p, []byte(sb.String()), 0o644)
	return p
}

func benchRun(b testing.TB, args ...string) string {
	var out, errb bytes.Buffer
	if code := run(context.Background(), args, strings.NewReader(""), &out, &errb); code > 1 {
		b.Fatalf("crosscheck %s: exit %d: %s", strings.Join(args, " "), code, errb.String())
	}
	return out.String()
}

func benchMaxMB() int {
	if n, err := strconv.Atoi(os.Getenv("CROSSCHECK_INDEX_BENCH_MB")); err == nil && n > 0 {
		return n
	}
	return 100
}

func fileSize(p string) int64 {
	var n int64
	for _, s := range []string{"", "-wal"} {
		if st, err := os.Stat(p + s); err == nil {
			n += st.Size()
		}
	}
	return n
}

// BenchmarkIndexAdd indexes 10 MB of generated text into a new SQLite
// index: MB/s, and the index's size over the text's.
func BenchmarkIndexAdd(b *testing.B) {
	m := corpusModel(b)
	dir := b.TempDir()
	const docs = 200 // 10 MB
	m.writeArchive(b, dir, 0, docs)
	b.SetBytes(docs * benchDocBytes)
	b.ResetTimer()
	var ratio float64
	for i := 0; i < b.N; i++ {
		idx := filepath.Join(b.TempDir(), "i.db")
		benchRun(b, "index", "add", "-q", "--index", idx, dir)
		ratio = float64(fileSize(idx)) / float64(docs*benchDocBytes)
	}
	b.ReportMetric(ratio, "index/text")
}

var (
	archiveOnce sync.Once
	archiveDir  string
	archiveIdx  string
	archiveDocs int
	archiveMu   sync.Mutex
)

// BenchmarkCheckAgainst checks one 50 KB document against archives of
// growing size (10 MB, 30 MB, 100 MB, … up to CROSSCHECK_INDEX_BENCH_MB),
// the index warm: the time of a whole 'check --against' run.
func BenchmarkCheckAgainst(b *testing.B) {
	m := corpusModel(b)
	archiveOnce.Do(func() {
		archiveDir, _ = os.MkdirTemp("", "cc-archive-")
		archiveIdx = filepath.Join(archiveDir, "index.db")
		os.Mkdir(filepath.Join(archiveDir, "docs"), 0o755)
	})
	for _, mb := range []int{10, 30, 100, 300, 1000} {
		if mb > benchMaxMB() {
			break
		}
		b.Run(fmt.Sprintf("archive=%dMB", mb), func(b *testing.B) {
			archiveMu.Lock()
			defer archiveMu.Unlock()
			docs := mb << 20 / benchDocBytes
			if docs > archiveDocs {
				m.writeArchive(b, filepath.Join(archiveDir, "docs"), archiveDocs, docs)
				start := time.Now()
				benchRun(b, "index", "add", "-q", "--index", archiveIdx, filepath.Join(archiveDir, "docs"))
				b.Logf("indexed %d MB more in %v; index %d MB", (docs-archiveDocs)*benchDocBytes>>20, time.Since(start).Round(time.Millisecond), fileSize(archiveIdx)>>20)
				archiveDocs = docs
			}
			q := m.query(b, filepath.Join(archiveDir, "docs"), docs)
			out := benchRun(b, "check", "--format", "json", "--against", archiveIdx, q) // warm the cache
			if !strings.Contains(out, "repeat.passage") {
				b.Fatalf("the copied paragraphs were not found:\n%s", out)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				benchRun(b, "check", "--format", "json", "--against", archiveIdx, q)
			}
		})
	}
}

// TestWriteBenchArchive writes CROSSCHECK_GEN_MB (default 100) MB of the
// generated archive to CROSSCHECK_GEN_DIR, and query.txt beside it, for
// timing whole runs by hand; it does nothing when the folder is not set.
func TestWriteBenchArchive(t *testing.T) {
	dir := os.Getenv("CROSSCHECK_GEN_DIR")
	if dir == "" {
		t.Skip("CROSSCHECK_GEN_DIR is not set")
	}
	mb, _ := strconv.Atoi(os.Getenv("CROSSCHECK_GEN_MB"))
	if mb <= 0 {
		mb = 100
	}
	m := corpusModel(t)
	docs := mb << 20 / benchDocBytes
	os.MkdirAll(filepath.Join(dir, "docs"), 0o755)
	m.writeArchive(t, filepath.Join(dir, "docs"), 0, docs)
	q := m.query(t, filepath.Join(dir, "docs"), docs)
	raw, _ := os.ReadFile(q)
	os.WriteFile(filepath.Join(dir, "query.txt"), raw, 0o644)
}

// TestWriteCheckFolder writes CROSSCHECK_GEN_MB (default 50) MB of
// documents to CROSSCHECK_CHECK_DIR, for timing 'check --index' by hand:
// the PAN source and suspicious texts as files, copied round after round,
// each copy with one word in twelve replaced by a word of the corpora
// (so copies are near, not exact, as edited reprints are). It does
// nothing when the folder is not set.
func TestWriteCheckFolder(t *testing.T) {
	dir := os.Getenv("CROSSCHECK_CHECK_DIR")
	if dir == "" {
		t.Skip("CROSSCHECK_CHECK_DIR is not set")
	}
	mb, _ := strconv.Atoi(os.Getenv("CROSSCHECK_GEN_MB"))
	if mb <= 0 {
		mb = 50
	}
	m := corpusModel(t)
	var files []string
	for _, sub := range []string{"src", "susp"} {
		fs, _ := filepath.Glob(filepath.Join(sharedDir(), "corpora", "pan13-no-obfuscation", sub, "*.txt"))
		files = append(files, fs...)
	}
	written := 0
	for round := 0; written < mb<<20; round++ {
		out := filepath.Join(dir, fmt.Sprintf("round%02d", round))
		os.MkdirAll(out, 0o755)
		for i, f := range files {
			if written >= mb<<20 {
				break
			}
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			text := string(raw)
			if round > 0 {
				r := rand.New(rand.NewPCG(uint64(round), uint64(i)))
				words := strings.SplitAfter(text, " ")
				for j := range words {
					if r.IntN(12) == 0 && plainWord(strings.TrimSpace(words[j])) {
						words[j] = m.vocab[r.IntN(len(m.vocab))] + " "
					}
				}
				text = strings.Join(words, "")
			}
			if err := os.WriteFile(filepath.Join(out, filepath.Base(filepath.Dir(f))+"-"+filepath.Base(f)), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			written += len(text)
		}
	}
}
