package main

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/index"
	"github.com/crosscheck/crosscheck/compare/index/postgres"
	"github.com/crosscheck/crosscheck/compare/index/sqlite"
	"github.com/crosscheck/crosscheck/compare/input"
	"github.com/crosscheck/crosscheck/compare/reuse"
)

// defaultIndex is where the embedded index lives unless --index says.
const defaultIndex = ".crosscheck/index.db"

// indexBatchBytes and indexBatchDocs bound one write transaction of
// 'index add': each makes a segment of the index.
const (
	indexBatchBytes = 64 << 20
	indexBatchDocs  = 2000
)

func (a *app) indexCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "index",
		Short: "Keep an archive of documents to check new ones against (--against)",
		Long: `Keep a persistent index of documents already published: their fingerprints (the
passages 'align' compares), keyed by content hash, with the path and size of each
file. 'check --against INDEX' and 'align --against INDEX' then compare new documents
with everything indexed, reading again only the archived files that share text with
them. The index is an SQLite file (default ` + defaultIndex + `), or a PostgreSQL
database shared by many runners (--index postgres://user@host/db).`,
		Example: `  crosscheck index add published/
  crosscheck index stats
  crosscheck check --against .crosscheck/index.db draft.md
  crosscheck index remove published/retracted.md
  crosscheck index add --index postgres://ci@db.example/archive published/`,
	}
	cmd.PersistentFlags().StringVar(&a.indexDSN, "index", defaultIndex, "the index: a file path (SQLite) or a postgres:// URL")
	cmd.AddCommand(a.indexAddCommand(), a.indexRemoveCommand(), a.indexStatsCommand())
	return cmd
}

// indexLocation returns the index a flag names: a postgres URL as it is,
// a file path taken relative to the configuration's folder when it came
// from crosscheck.toml. Anything else is refused.
func (a *app) indexLocation(cmd *cobra.Command, flag, value string) (string, error) {
	if isPostgresURL(value) {
		return value, nil
	}
	if value == "" || value == "-" || strings.Contains(value, "://") || strings.HasPrefix(value, "file:") || value == ":memory:" {
		return "", usagef("--%s %q: an index is a file path (SQLite) or a postgres:// URL", flag, report0(value))
	}
	if f := cmd.Flag(flag); f != nil && !f.Changed && a.cfg != nil && !filepath.IsAbs(value) {
		if _, fromConfig := a.cfg.values[flag]; fromConfig {
			value = filepath.Join(filepath.Dir(a.cfg.path), value)
		}
	}
	return value, nil
}

func isPostgresURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// report0 keeps a refused value short in a message.
func report0(s string) string { return compare.Shorten(s, 120) }

// openIndex opens the index at where (see indexLocation); create makes a
// new one.
// existingIndex opens the index --index names (or the default), which
// must exist, and returns it with its location.
func (a *app) existingIndex(cmd *cobra.Command) (*index.Index, string, error) {
	where, err := a.indexLocation(cmd, "index", a.indexDSN)
	if err != nil {
		return nil, "", err
	}
	ix, err := a.openIndex(cmd.Context(), where, false)
	return ix, where, err
}

func (a *app) openIndex(ctx context.Context, where string, create bool) (*index.Index, error) {
	opt := index.Options{Create: create}
	if isPostgresURL(where) {
		return postgres.Open(ctx, where, opt)
	}
	a.guard.add("--index", where) // never read the index as a document
	st, err := os.Stat(where)
	switch {
	case err == nil && !st.Mode().IsRegular():
		return nil, &index.FormatError{Where: where, Msg: "not a regular file (an index is a file that crosscheck writes); name another with --index"}
	case errors.Is(err, fs.ErrNotExist) && create:
		if err := os.MkdirAll(filepath.Dir(where), 0o755); err != nil {
			return nil, fmt.Errorf("%s: cannot make its folder: %w", where, err)
		}
	}
	return sqlite.Open(ctx, where, opt)
}

func (a *app) indexAddCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "add PATHS…",
		Short: "Index documents (files or folders); unchanged files are not read again",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			where, err := a.indexLocation(cmd, "index", a.indexDSN)
			if err != nil {
				return err
			}
			return a.indexAdd(cmd.Context(), where, args)
		},
	}
}

// listed is a file to index, as the input layer listed it.
type listed struct {
	path string
	info fs.FileInfo
}

// listFiles lists the regular files that loading paths would read,
// without reading them: the input layer shows its whole list to Avoid
// before it reads anything, and stops at once when its context is
// cancelled.
func (a *app) listFiles(ctx context.Context, paths []string, opt input.LoadOptions) ([]listed, error) {
	loader := input.Loader{Options: opt}
	for _, p := range paths {
		if p == "-" {
			return nil, usagef("index add reads files, not standard input: the index records where each document is")
		}
		if _, err := loader.Stat(p); err != nil {
			return nil, &compare.InputError{Path: p, Offset: -1, Msg: "cannot index it: " + errText(err)}
		}
	}
	lctx, stop := context.WithCancel(ctx)
	defer stop()
	var files []listed
	guard := opt.Avoid
	opt.Avoid = func(p string, info fs.FileInfo) error {
		if guard != nil {
			if err := guard(p, info); err != nil {
				return err
			}
		}
		files = append(files, listed{p, info})
		stop() // only the list is wanted
		return nil
	}
	res := input.Load(lctx, paths, opt)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, e := range res.Errors {
		if !errors.Is(e, context.Canceled) {
			return nil, e
		}
	}
	for _, s := range res.Skipped {
		a.notef("skipped %s: %s", s.Path, s.Reason)
	}
	return files, nil
}

func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// loadOptions are the input layer's options for the documents of this
// run.
func (a *app) loadOptions(budget compare.Budget) input.LoadOptions {
	return input.LoadOptions{Include: a.include, Exclude: a.exclude, Lenient: a.lenient,
		MaxFileSize: budget.MaxFileBytes, Avoid: a.guard.avoider("the input document")}
}

// indexed is the outcome of reading one file for the index.
type indexed struct {
	entry   index.Entry
	skipped string
	err     error
}

func (a *app) indexAdd(ctx context.Context, where string, paths []string) error {
	budget, err := a.budget()
	if err != nil {
		return err
	}
	ix, err := a.openIndex(ctx, where, true)
	if err != nil {
		return err
	}
	defer ix.Close()
	opt := a.loadOptions(budget)
	files, err := a.listFiles(ctx, paths, opt)
	if err != nil {
		return err
	}
	known, err := ix.Paths(ctx)
	if err != nil {
		return err
	}
	var todo []listed
	unchanged := 0
	for _, f := range files {
		abs, err := filepath.Abs(f.path)
		if err != nil {
			return err
		}
		if k, ok := known[abs]; ok && k.Size == f.info.Size() && k.ModTime == f.info.ModTime().UnixNano() {
			unchanged++ // same size and time: never read again
			continue
		}
		todo = append(todo, f)
	}

	results := make(chan indexed)
	jobs := make(chan listed)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range jobs {
				results <- a.readForIndex(ctx, f, opt, ix.SeedWords())
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, f := range todo {
			select {
			case jobs <- f:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	// One goroutine writes while the others read: a batch goes to the
	// index as the next one fills.
	batches := make(chan []index.Entry, 1)
	var total index.AddResult
	writeErr := make(chan error, 1)
	go func() {
		var err error
		for b := range batches {
			if err != nil {
				continue // drain
			}
			var r index.AddResult
			if r, err = ix.Add(ctx, b); err == nil {
				total.Added += r.Added
				total.Linked += r.Linked
			}
		}
		writeErr <- err
	}()
	var batch []index.Entry
	var batchBytes, textBytes int64
	failed := 0
	for r := range results {
		switch {
		case r.err != nil:
			failed++
			fmt.Fprintf(a.stderr, "crosscheck: %s\n", errorText(r.err))
		case r.skipped != "":
			a.notef("skipped %s: %s", r.entry.Path, r.skipped)
		default:
			batch = append(batch, r.entry)
			batchBytes += r.entry.Size
			textBytes += r.entry.Size
			if batchBytes >= indexBatchBytes || len(batch) >= indexBatchDocs {
				batches <- batch
				batch, batchBytes = nil, 0
			}
		}
	}
	if len(batch) > 0 && ctx.Err() == nil {
		batches <- batch
	}
	close(batches)
	if err := <-writeErr; err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "indexed %d new document(s) (%s) into %s", total.Added, input.HumanBytes(textBytes), where)
	if total.Linked > 0 {
		fmt.Fprintf(a.stdout, "; %d already indexed under another path or unchanged in content", total.Linked)
	}
	if unchanged > 0 {
		fmt.Fprintf(a.stdout, "; %d unchanged since indexed (not read)", unchanged)
	}
	fmt.Fprintln(a.stdout)
	if failed > 0 {
		return fmt.Errorf("%d file(s) could not be indexed (see above); the others were", failed)
	}
	return nil
}

// readForIndex reads one file through the input layer and makes its
// index entry.
func (a *app) readForIndex(ctx context.Context, f listed, opt input.LoadOptions, seedWords int) indexed {
	res := input.Load(ctx, []string{f.path}, opt)
	abs, _ := filepath.Abs(f.path)
	switch {
	case len(res.Errors) > 0:
		return indexed{err: res.Errors[0]}
	case len(res.Skipped) > 0:
		return indexed{entry: index.Entry{Path: f.path}, skipped: res.Skipped[0].Reason}
	case len(res.Docs) == 0:
		return indexed{entry: index.Entry{Path: f.path}, skipped: "nothing read"}
	}
	d := res.Docs[0]
	sum := sha256.Sum256(d.Raw)
	fps := reuse.Fingerprints(d, reuse.Options{SeedWords: seedWords})
	keys := make([]uint32, len(fps))
	for i, fp := range fps {
		keys[i] = index.Key(fp.Hash)
	}
	return indexed{entry: index.Entry{
		Path: abs, Size: int64(len(d.Raw)), ModTime: f.info.ModTime().UnixNano(), ContentHash: sum[:],
		Format: d.Format, Hashes: keys,
		Words: len(d.Tokens), Sentences: len(d.Sentences), Notes: len(d.Structure.NoteDefs),
	}}
}

func (a *app) indexRemoveCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "remove PATHS…",
		Short: "Forget indexed files (a folder: every file under it)",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ix, where, err := a.existingIndex(cmd)
			if err != nil {
				return err
			}
			defer ix.Close()
			abs := make([]string, len(args))
			for i, p := range args {
				if abs[i], err = filepath.Abs(p); err != nil {
					return err
				}
			}
			paths, docs, err := ix.Remove(cmd.Context(), abs)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "removed %d path(s) and %d document(s) from %s\n", paths, docs, where)
			if paths == 0 {
				a.notef("no indexed path matched; 'crosscheck index stats' says what is indexed")
			}
			return nil
		},
	}
}

func (a *app) indexStatsCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "stats",
		Short: "Say what the index holds and how large it is",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ix, where, err := a.existingIndex(cmd)
			if err != nil {
				return err
			}
			defer ix.Close()
			s, err := ix.Stats(cmd.Context())
			if err != nil {
				return err
			}
			if a.format == "json" {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(map[string]any{"index": where, "schema": s.Schema, "seed_words": s.SeedWords,
					"documents": s.Documents, "paths": s.Paths, "text_bytes": s.TextBytes, "words": s.Words,
					"sentences": s.Sentences, "notes": s.Notes, "fingerprints": s.Fingerprints,
					"segments": s.Segments, "chunks": s.Chunks, "results": s.Results, "result_bytes": s.ResultBytes, "bytes": s.Bytes})
			}
			ratio := 0.0
			if s.TextBytes > 0 {
				ratio = float64(s.Bytes) / float64(s.TextBytes)
			}
			fmt.Fprintf(a.stdout, "index         %s (schema %d)\n", where, s.Schema)
			fmt.Fprintf(a.stdout, "documents     %d (%d paths)\n", s.Documents, s.Paths)
			fmt.Fprintf(a.stdout, "text          %s, %d words, %d sentences, %d notes\n", input.HumanBytes(s.TextBytes), s.Words, s.Sentences, s.Notes)
			fmt.Fprintf(a.stdout, "fingerprints  %d of %d words, in %d segment(s) of %d chunk(s)\n", s.Fingerprints, s.SeedWords, s.Segments, s.Chunks)
			fmt.Fprintf(a.stdout, "results       %d kept of earlier checks (%s)\n", s.Results, input.HumanBytes(s.ResultBytes))
			fmt.Fprintf(a.stdout, "size          %s (%.2f × the text)\n", input.HumanBytes(s.Bytes), ratio)
			return nil
		},
	}
}
