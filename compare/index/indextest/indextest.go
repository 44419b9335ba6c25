// Package indextest holds the tests every index dialect must pass, run by
// the dialects' own tests against a fresh database.
package indextest

import (
	"context"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/crosscheck/crosscheck/compare/index"
)

// Opener opens (with create, creating) the index named name.
type Opener func(t *testing.T, name string, create bool) (*index.Index, error)

// entry makes an index entry of n random keys seeded by seed, at path.
func entry(path string, seed uint64, n int) index.Entry {
	r := rand.New(rand.NewPCG(seed, 7))
	keys := make([]uint32, n)
	for i := range keys {
		keys[i] = r.Uint32()
	}
	sum := sha256.Sum256([]byte(fmt.Sprint(path, seed)))
	return index.Entry{Path: path, Size: int64(n * 6), ModTime: 1, ContentHash: sum[:], Format: "text", Hashes: keys, Words: n}
}

// Run runs the shared tests.
func Run(t *testing.T, open Opener) {
	ctx := context.Background()
	t.Run("AddLookupRemove", func(t *testing.T) {
		ix, err := open(t, "basic", true)
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		// many small batches, so that segments merge
		var all []index.Entry
		for i := 0; i < 40; i++ {
			e := entry(fmt.Sprintf("/a/doc%02d.txt", i), uint64(i), 300+i*40)
			all = append(all, e)
			if _, err := ix.Add(ctx, []index.Entry{e}); err != nil {
				t.Fatal(err)
			}
		}
		st, err := ix.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if st.Documents != 40 || st.Segments >= 40 || st.Segments == 0 {
			t.Fatalf("stats %+v: want 40 documents in fewer segments (merged)", st)
		}
		// each document is found first by a sample of its own keys
		for i, e := range all {
			q := e.Hashes[:50]
			cands, _, err := ix.Candidates(ctx, q, index.LookupOptions{MinShared: 2})
			if err != nil {
				t.Fatal(err)
			}
			if len(cands) == 0 || cands[0].Paths[0] != e.Path || cands[0].Shared != 50 {
				t.Fatalf("doc %d: candidates %+v, want %s first sharing 50", i, cands, e.Path)
			}
		}
		// the same content under another path is linked, not stored again
		dup := all[3]
		dup.Path = "/b/copy.txt"
		r, err := ix.Add(ctx, []index.Entry{dup})
		if err != nil || r.Added != 0 || r.Linked != 1 {
			t.Fatalf("Add of a copy: %+v, %v", r, err)
		}
		// a folder removes every path under it; the copy keeps doc 3
		np, nd, err := ix.Remove(ctx, []string{"/a"})
		if err != nil || np != 40 || nd != 39 {
			t.Fatalf("Remove(/a) = %d paths, %d docs, %v; want 40, 39", np, nd, err)
		}
		cands, _, err := ix.Candidates(ctx, all[5].Hashes[:50], index.LookupOptions{MinShared: 2})
		if err != nil || len(cands) != 0 {
			t.Fatalf("a removed document is still a candidate: %+v %v", cands, err)
		}
		cands, _, err = ix.Candidates(ctx, all[3].Hashes[:50], index.LookupOptions{MinShared: 2})
		if err != nil || len(cands) != 1 || !slices.Equal(cands[0].Paths, []string{"/b/copy.txt"}) {
			t.Fatalf("the copy: %+v %v", cands, err)
		}
		// later merges drop the removed documents' postings
		for i := 0; i < 20; i++ {
			if _, err := ix.Add(ctx, []index.Entry{entry(fmt.Sprintf("/c/%d", i), uint64(100+i), 200)}); err != nil {
				t.Fatal(err)
			}
		}
		if st2, _ := ix.Stats(ctx); st2.Documents != 21 {
			t.Fatalf("after more adds: %+v", st2)
		}
	})
	t.Run("Boilerplate", func(t *testing.T) {
		ix, err := open(t, "boiler", true)
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		common := []uint32{1, 2, 3}
		var batch []index.Entry
		for i := 0; i < 30; i++ {
			e := entry(fmt.Sprintf("/d/%d", i), uint64(i), 100)
			e.Hashes = append(e.Hashes, common...)
			batch = append(batch, e)
		}
		if _, err := ix.Add(ctx, batch); err != nil {
			t.Fatal(err)
		}
		cands, _, err := ix.Candidates(ctx, common, index.LookupOptions{MinShared: 1})
		if err != nil || len(cands) != 0 {
			t.Fatalf("keys in every document (boilerplate) proposed %d candidates, %v", len(cands), err)
		}
		cands, cut, err := ix.Candidates(ctx, common, index.LookupOptions{MinShared: 1, MaxDocs: 100, Limit: 5})
		if err != nil || len(cands) != 5 || !cut {
			t.Fatalf("with MaxDocs 100 and Limit 5: %d candidates, cut %v, %v", len(cands), cut, err)
		}
	})
	t.Run("ConcurrentWriters", func(t *testing.T) {
		a, err := open(t, "conc", true)
		if err != nil {
			t.Fatal(err)
		}
		defer a.Close()
		b, err := open(t, "conc", true)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		var wg sync.WaitGroup
		errs := make(chan error, 2)
		for w, ix := range []*index.Index{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 25; i++ {
					if _, err := ix.Add(ctx, []index.Entry{entry(fmt.Sprintf("/w%d/%d", w, i), uint64(w*1000+i), 150)}); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		st, err := a.Stats(ctx)
		if err != nil || st.Documents != 50 || st.Paths != 50 {
			t.Fatalf("two writers of 25 documents each: %+v, %v", st, err)
		}
	})
	t.Run("Results", func(t *testing.T) {
		ix, err := open(t, "results", true)
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		key := func(i int) []byte { return []byte(fmt.Sprintf("key-%03d", i)) }
		// more runs than are kept, each its own write: the oldest go,
		// except one marked used by the last write (runs 0-6 are gone
		// by then; run 7 would go next, run 8 goes instead)
		for i := 0; i < 40; i++ {
			var used [][]byte
			if i == 39 {
				used = [][]byte{key(7)}
			}
			if err := ix.PutResults(ctx, []index.Result{{Key: key(i), Kind: index.ResultRun, Data: []byte(fmt.Sprint("run ", i))}}, used); err != nil {
				t.Fatal(err)
			}
		}
		if err := ix.PutResults(ctx, []index.Result{{Key: []byte("doc-a"), Kind: index.ResultDoc, Data: []byte("a")},
			{Key: []byte("doc-b"), Kind: index.ResultDoc, Data: []byte{}}}, nil); err != nil {
			t.Fatal(err)
		}
		var all [][]byte
		for i := 0; i < 40; i++ {
			all = append(all, key(i))
		}
		got, err := ix.Results(ctx, append(all, []byte("doc-a"), []byte("doc-b"), []byte("absent")))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 32+2 {
			t.Fatalf("%d results kept, want the 32 most recently used runs and 2 documents", len(got))
		}
		if string(got[string(key(7))]) != "run 7" || string(got[string(key(39))]) != "run 39" {
			t.Fatalf("the run used last and the newest run should be kept: %q, %q", got[string(key(7))], got[string(key(39))])
		}
		if _, ok := got[string(key(8))]; ok {
			t.Fatal("the least recently used run was kept")
		}
		if v, ok := got["doc-b"]; !ok || len(v) != 0 || string(got["doc-a"]) != "a" {
			t.Fatalf("document results: %q", got)
		}
		// a result is replaced by one of the same key
		if err := ix.PutResults(ctx, []index.Result{{Key: []byte("doc-a"), Kind: index.ResultDoc, Data: []byte("A")}}, nil); err != nil {
			t.Fatal(err)
		}
		if got, err := ix.Results(ctx, [][]byte{[]byte("doc-a")}); err != nil || string(got["doc-a"]) != "A" {
			t.Fatalf("replaced result: %q, %v", got, err)
		}
		if st, err := ix.Stats(ctx); err != nil || st.Results != 34 || st.ResultBytes == 0 {
			t.Fatalf("stats: %+v, %v", st, err)
		}
	})
	t.Run("NoIndex", func(t *testing.T) {
		if _, err := open(t, "absent", false); err == nil {
			t.Fatal("opening an index that does not exist without Create succeeded")
		}
	})
}
