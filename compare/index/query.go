package index

import (
	"context"
	"database/sql"
	"slices"
	"strings"
)

// PathInfo is what the index recorded of a path.
type PathInfo struct {
	Path    string
	Doc     int64
	Size    int64
	ModTime int64
}

// Paths returns every indexed path, by path: what 'index add' compares
// with the file system to leave unchanged files unread.
func (ix *Index) Paths(ctx context.Context) (map[string]PathInfo, error) {
	rows, err := ix.db.QueryContext(ctx, "SELECT path, doc, size, mtime FROM paths")
	if err != nil {
		return nil, ix.explain(err)
	}
	defer rows.Close()
	out := map[string]PathInfo{}
	for rows.Next() {
		var p PathInfo
		if err := rows.Scan(&p.Path, &p.Doc, &p.Size, &p.ModTime); err != nil {
			return nil, ix.explain(err)
		}
		out[p.Path] = p
	}
	return out, ix.explain(rows.Err())
}

// Doc is an indexed document.
type Doc struct {
	ID          int64
	ContentHash []byte
	Size        int64
	Format      string
	Paths       []string // where it was read, in order
}

// Candidate is an indexed document that shares fingerprints with the
// document looked up.
type Candidate struct {
	Doc
	Shared int   // distinct fingerprints shared
	Keys   []int // indices into the looked-up keys of those shared, ascending
}

// LookupOptions tune Candidates.
type LookupOptions struct {
	// MinShared is the fewest shared fingerprints of a candidate (1 when 0).
	MinShared int
	// MaxDocs drops fingerprints found in more indexed documents than
	// this (boilerplate of the archive); 0 means max(10, documents/20),
	// as the reuse engine does for the documents it compares.
	MaxDocs int
	// Limit keeps the candidates sharing the most (0: all).
	Limit int
}

// Candidates returns the indexed documents that share at least
// MinShared of keys, those sharing most first, and whether Limit cut the
// list. One snapshot of the index is read: writers neither block it nor
// are blocked.
func (ix *Index) Candidates(ctx context.Context, keys []uint32, opt LookupOptions) ([]Candidate, bool, error) {
	cands, cut, err := ix.candidates(ctx, keys, opt)
	return cands, cut, ix.explain(err)
}

func (ix *Index) candidates(ctx context.Context, keys []uint32, opt LookupOptions) ([]Candidate, bool, error) {
	if len(keys) == 0 {
		return nil, false, nil
	}
	slot := make(map[uint32][]int, len(keys)) // key → its indices in keys
	for i, k := range keys {
		slot[k] = append(slot[k], i)
	}
	sorted := make([]uint32, 0, len(slot))
	for k := range slot {
		sorted = append(sorted, k)
	}
	slices.Sort(sorted)

	tx, err := ix.d.ReadTx(ctx, ix.db)
	if err != nil {
		return nil, false, err
	}
	defer tx.Rollback()
	var ndocs int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM docs").Scan(&ndocs); err != nil {
		return nil, false, err
	}
	// which chunks of which segments may hold the keys
	var want []int64
	rows, err := tx.QueryContext(ctx, "SELECT id, dir FROM segs")
	if err != nil {
		return nil, false, err
	}
	for rows.Next() {
		var seg int64
		var raw []byte
		if err := rows.Scan(&seg, &raw); err != nil {
			rows.Close()
			return nil, false, err
		}
		dir, err := decodeDirectory(raw)
		if err != nil {
			rows.Close()
			return nil, false, &FormatError{ix.where, "damaged: a segment directory is not whole; remove it and index again"}
		}
		last := -1
		for _, k := range sorted {
			lo, hi, ok := dir.chunksFor(k)
			if !ok {
				continue
			}
			for c := max(lo, last+1); c <= hi; c++ {
				want = append(want, chunkID(seg, c))
				last = c
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	// the postings of the keys
	var hits []posting
	var ps []posting
	for start := 0; start < len(want); start += 500 {
		batch := want[start:min(len(want), start+500)]
		args := make([]any, len(batch))
		for i, id := range batch {
			args[i] = id
		}
		rows, err := tx.QueryContext(ctx, ix.q("SELECT data FROM chunks WHERE id IN ("+placeholders(len(batch))+")"), args...)
		if err != nil {
			return nil, false, err
		}
		for rows.Next() {
			var data []byte
			if err := rows.Scan(&data); err != nil {
				rows.Close()
				return nil, false, err
			}
			if ps, err = decodeChunk(data, ps[:0]); err != nil {
				rows.Close()
				return nil, false, &FormatError{ix.where, "damaged: " + err.Error() + "; remove it and index again"}
			}
			hits = matchSorted(ps, sorted, hits)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, false, err
		}
	}
	slices.Sort(hits)
	hits = slices.Compact(hits)

	maxDocs := opt.MaxDocs
	if maxDocs <= 0 {
		maxDocs = max(10, ndocs/20)
	}
	shared := map[int64][]int{}
	for i := 0; i < len(hits); {
		j := i
		for j < len(hits) && hits[j].hash() == hits[i].hash() {
			j++
		}
		if j-i <= maxDocs {
			for _, h := range hits[i:j] {
				shared[h.doc()] = append(shared[h.doc()], slot[h.hash()]...)
			}
		}
		i = j
	}
	minShared := max(1, opt.MinShared)
	var cands []Candidate
	for doc, ks := range shared {
		slices.Sort(ks)
		ks = slices.Compact(ks)
		if n := distinctKeys(keys, ks); n >= minShared {
			cands = append(cands, Candidate{Doc: Doc{ID: doc}, Shared: n, Keys: ks})
		}
	}
	slices.SortFunc(cands, func(x, y Candidate) int {
		if x.Shared != y.Shared {
			return y.Shared - x.Shared
		}
		return int(x.ID - y.ID)
	})
	// the documents still indexed (a removed one leaves postings behind
	// until a merge), with their paths
	kept := cands[:0]
	for _, c := range cands {
		if opt.Limit > 0 && len(kept) == opt.Limit {
			return kept, true, nil
		}
		ok, err := ix.fillDoc(ctx, tx, &c.Doc)
		if err != nil {
			return nil, false, err
		}
		if ok {
			kept = append(kept, c)
		}
	}
	return kept, false, nil
}

func distinctKeys(keys []uint32, idx []int) int {
	seen := make(map[uint32]struct{}, len(idx))
	for _, i := range idx {
		seen[keys[i]] = struct{}{}
	}
	return len(seen)
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// fillDoc reads what the index holds of document d.ID; ok is false when
// it holds nothing (the document was removed).
func (ix *Index) fillDoc(ctx context.Context, q Querier, d *Doc) (bool, error) {
	err := q.QueryRowContext(ctx, ix.q("SELECT content_hash, size, format FROM docs WHERE id = ?"), d.ID).Scan(&d.ContentHash, &d.Size, &d.Format)
	if err == sql.ErrNoRows {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	rows, err := q.QueryContext(ctx, ix.q("SELECT path FROM paths WHERE doc = ? ORDER BY path"), d.ID)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	d.Paths = d.Paths[:0]
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return false, err
		}
		d.Paths = append(d.Paths, p)
	}
	return len(d.Paths) > 0, rows.Err()
}

// Stats describe an index.
type Stats struct {
	Schema       int
	SeedWords    int
	Documents    int
	Paths        int
	TextBytes    int64 // bytes of the indexed files (each content once)
	Fingerprints int64 // postings stored, those of removed documents included until merged
	Segments     int
	Chunks       int64
	Words        int64
	Sentences    int64
	Notes        int64
	Results      int   // results of earlier runs kept (see PutResults)
	ResultBytes  int64 // their size
	Bytes        int64 // the size of the index itself
}

// Stats reads the index's statistics.
func (ix *Index) Stats(ctx context.Context) (Stats, error) {
	s := Stats{Schema: SchemaVersion, SeedWords: ix.seedWords}
	err := ix.db.QueryRowContext(ctx, `SELECT count(*), CAST(coalesce(sum(size), 0) AS BIGINT), CAST(coalesce(sum(words), 0) AS BIGINT),
		CAST(coalesce(sum(sentences), 0) AS BIGINT), CAST(coalesce(sum(notes), 0) AS BIGINT) FROM docs`).Scan(&s.Documents, &s.TextBytes, &s.Words, &s.Sentences, &s.Notes)
	if err == nil {
		err = ix.db.QueryRowContext(ctx, "SELECT count(*) FROM paths").Scan(&s.Paths)
	}
	if err == nil {
		err = ix.db.QueryRowContext(ctx, "SELECT count(*), CAST(coalesce(sum(postings), 0) AS BIGINT), CAST(coalesce(sum(chunks), 0) AS BIGINT) FROM segs").Scan(&s.Segments, &s.Fingerprints, &s.Chunks)
	}
	if err == nil {
		err = ix.db.QueryRowContext(ctx, "SELECT count(*), CAST(coalesce(sum(length(data)), 0) AS BIGINT) FROM results").Scan(&s.Results, &s.ResultBytes)
	}
	if err == nil {
		s.Bytes, err = ix.d.Size(ctx, ix.db)
	}
	return s, ix.explain(err)
}

// matchSorted appends to hits the postings (sorted by hash) whose hash is
// one of keys (sorted): a merge, cheaper than a map lookup per posting.
func matchSorted(ps []posting, keys []uint32, hits []posting) []posting {
	if len(ps) == 0 {
		return hits
	}
	j, _ := slices.BinarySearch(keys, ps[0].hash())
	for _, p := range ps {
		for j < len(keys) && keys[j] < p.hash() {
			j++
		}
		if j == len(keys) {
			break
		}
		if keys[j] == p.hash() {
			hits = append(hits, p)
		}
	}
	return hits
}
