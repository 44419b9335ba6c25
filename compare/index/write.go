package index

import (
	"context"
	"database/sql"
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Entry is one document to index: where it was read, what it holds.
type Entry struct {
	Path        string // absolute, as the file system names it
	Size        int64  // bytes of the file
	ModTime     int64  // modification time, Unix nanoseconds
	ContentHash []byte // SHA-256 of the file's bytes
	Format      string
	// Hashes are the document's fingerprints, as Key makes them; order
	// and repeats do not matter.
	Hashes []uint32
	// Cheap metadata for reports and statistics.
	Words, Sentences, Notes int
}

// Key is the part of a fingerprint the index stores: its top 32 bits
// (fingerprints are uniform hashes). A 1 GB archive holds about 70
// million of them, so a lookup meets a chance equal key about once in
// 60 tries; candidates need several shared keys and are aligned anyway.
func Key(fingerprint uint64) uint32 { return uint32(fingerprint >> 32) }

// AddResult counts what Add did.
type AddResult struct {
	Added  int // documents new to the index
	Linked int // paths to content the index already held
}

// Add records the entries in one transaction: a document whose content
// the index already holds is not stored again (its path is linked to it);
// a path that named other content before names this one now. The new
// documents' fingerprints make a new segment, and segments are merged
// when too many are of a size.
func (ix *Index) Add(ctx context.Context, entries []Entry) (AddResult, error) {
	var res AddResult
	err := ix.write(ctx, func(tx *sql.Tx) error {
		res = AddResult{}
		var ps []posting
		now := time.Now().Unix()
		for _, e := range entries {
			if err := ctx.Err(); err != nil {
				return err
			}
			r, err := tx.ExecContext(ctx, ix.q(`INSERT INTO docs(content_hash, size, format, fingerprints, added, words, sentences, notes)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(content_hash) DO NOTHING`),
				e.ContentHash, e.Size, e.Format, len(e.Hashes), now, e.Words, e.Sentences, e.Notes)
			if err != nil {
				return err
			}
			n, _ := r.RowsAffected()
			var id int64
			if err := tx.QueryRowContext(ctx, ix.q("SELECT id FROM docs WHERE content_hash = ?"), e.ContentHash).Scan(&id); err != nil {
				return err
			}
			if n > 0 {
				if id > maxDoc {
					return fmt.Errorf("the index holds %d documents, more than it can number; index into a new one", id)
				}
				res.Added++
				for _, h := range e.Hashes {
					ps = append(ps, mkPosting(h, id))
				}
			} else {
				res.Linked++
			}
			if err := ix.linkPath(ctx, tx, e, id); err != nil {
				return err
			}
		}
		if len(ps) == 0 {
			return nil
		}
		sortPostings(ps)
		ps = slices.Compact(ps) // a fingerprint a document holds twice
		if err := ix.writeSegment(ctx, tx, func(add func(posting) error) error {
			for _, p := range ps {
				if err := add(p); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			return err
		}
		return ix.compact(ctx, tx)
	})
	return res, ix.explain(err)
}

// linkPath points the entry's path at document id, dropping the document
// the path named before if no other path names it.
func (ix *Index) linkPath(ctx context.Context, tx *sql.Tx, e Entry, id int64) error {
	var old int64
	err := tx.QueryRowContext(ctx, ix.q("SELECT doc FROM paths WHERE path = ?"), e.Path).Scan(&old)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	if _, err := tx.ExecContext(ctx, ix.q(`INSERT INTO paths(path, doc, size, mtime) VALUES (?, ?, ?, ?)
		ON CONFLICT(path) DO UPDATE SET doc = excluded.doc, size = excluded.size, mtime = excluded.mtime`),
		e.Path, id, e.Size, e.ModTime); err != nil {
		return err
	}
	if err == nil && old != id {
		return ix.dropOrphans(ctx, tx, old)
	}
	return nil
}

// dropOrphans deletes the documents no path names (all of them when ids
// is empty). Their postings stay in the segments until a merge leaves
// them out; lookups ignore them.
func (ix *Index) dropOrphans(ctx context.Context, tx *sql.Tx, ids ...int64) error {
	if len(ids) == 0 {
		_, err := tx.ExecContext(ctx, "DELETE FROM docs WHERE id NOT IN (SELECT doc FROM paths)")
		return err
	}
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, ix.q("DELETE FROM docs WHERE id = ? AND NOT EXISTS (SELECT 1 FROM paths WHERE doc = ?)"), id, id); err != nil {
			return err
		}
	}
	return nil
}

// Remove forgets the paths (files, or folders: every path under them)
// and the documents no remaining path names. It returns how many paths
// and documents were removed.
func (ix *Index) Remove(ctx context.Context, paths []string) (removedPaths, removedDocs int, err error) {
	err = ix.write(ctx, func(tx *sql.Tx) error {
		removedPaths, removedDocs = 0, 0
		var before int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM docs").Scan(&before); err != nil {
			return err
		}
		for _, p := range paths {
			// a folder: every path that starts with it and a slash (compared
			// as text, not by a range, whose order the collation decides)
			dir := strings.TrimSuffix(p, "/") + "/"
			r, err := tx.ExecContext(ctx, ix.q("DELETE FROM paths WHERE path = ? OR substr(path, 1, ?) = ?"),
				p, utf8.RuneCountInString(dir), dir)
			if err != nil {
				return err
			}
			n, _ := r.RowsAffected()
			removedPaths += int(n)
		}
		if err := ix.dropOrphans(ctx, tx); err != nil {
			return err
		}
		var after int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM docs").Scan(&after); err != nil {
			return err
		}
		removedDocs = before - after
		return nil
	})
	return removedPaths, removedDocs, ix.explain(err)
}

// writeSegment makes a segment of the sorted postings that fill hands to
// add, writing its chunks as they fill.
func (ix *Index) writeSegment(ctx context.Context, tx *sql.Tx, fill func(add func(posting) error) error) error {
	var seg int64
	if err := tx.QueryRowContext(ctx, ix.q("INSERT INTO segs(postings, chunks, dir) VALUES (0, 0, ?) RETURNING id"), []byte{}).Scan(&seg); err != nil {
		return err
	}
	// chunks are inserted insertRows at a time: one statement per row
	// costs more in the driver than SQLite spends storing it
	one, err := tx.PrepareContext(ctx, ix.q("INSERT INTO chunks(id, data) VALUES (?, ?)"))
	if err != nil {
		return err
	}
	defer one.Close()
	many, err := tx.PrepareContext(ctx, ix.q("INSERT INTO chunks(id, data) VALUES "+strings.TrimSuffix(strings.Repeat("(?, ?),", insertRows), ",")))
	if err != nil {
		return err
	}
	defer many.Close()
	var pending []any
	flushRows := func() error {
		if len(pending) == 2*insertRows {
			_, err := many.ExecContext(ctx, pending...)
			pending = pending[:0]
			return err
		}
		for i := 0; i < len(pending); i += 2 {
			if _, err := one.ExecContext(ctx, pending[i], pending[i+1]); err != nil {
				return err
			}
		}
		pending = pending[:0]
		return nil
	}
	c := &chunker{write: func(n int, data []byte) error {
		if n >= 1<<chunkBits {
			return fmt.Errorf("a segment of more than %d chunks", 1<<chunkBits)
		}
		pending = append(pending, chunkID(seg, n), slices.Clone(data))
		if len(pending) == 2*insertRows {
			return flushRows()
		}
		return nil
	}}
	if err := fill(c.add); err != nil {
		return err
	}
	if err := c.flush(); err != nil {
		return err
	}
	if err := flushRows(); err != nil {
		return err
	}
	if c.count == 0 {
		_, err := tx.ExecContext(ctx, ix.q("DELETE FROM segs WHERE id = ?"), seg)
		return err
	}
	_, err = tx.ExecContext(ctx, ix.q("UPDATE segs SET postings = ?, chunks = ?, dir = ? WHERE id = ?"),
		c.count, len(c.dir), encodeDirectory(c.dir), seg)
	return err
}

// insertRows is how many chunks one INSERT writes.
const insertRows = 64

// mergeFanIn is how many segments of one size class are merged into one:
// with it, an index of n postings has at most mergeFanIn-1 segments per
// factor of mergeFanIn in size, and each posting is rewritten about
// log(n)/log(mergeFanIn) times in all.
const mergeFanIn = 4

type segInfo struct {
	id       int64
	postings int64
	chunks   int
}

func sizeClass(postings int64) int { return bits.Len64(uint64(postings)) / 2 } // log4

// compact merges segments while mergeFanIn or more share the smallest
// crowded size class (with every smaller one), dropping the postings of
// deleted documents.
func (ix *Index) compact(ctx context.Context, tx *sql.Tx) error {
	for {
		segs, err := ix.segments(ctx, tx)
		if err != nil {
			return err
		}
		count := map[int]int{}
		for _, s := range segs {
			count[sizeClass(s.postings)]++
		}
		crowded := -1
		for c, n := range count {
			if n >= mergeFanIn && (crowded < 0 || c < crowded) {
				crowded = c
			}
		}
		if crowded < 0 {
			return nil
		}
		var merge []segInfo
		for _, s := range segs {
			if sizeClass(s.postings) <= crowded {
				merge = append(merge, s)
			}
		}
		if err := ix.merge(ctx, tx, merge); err != nil {
			return err
		}
	}
}

func (ix *Index) segments(ctx context.Context, q Querier) ([]segInfo, error) {
	rows, err := q.QueryContext(ctx, "SELECT id, postings, chunks FROM segs ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []segInfo
	for rows.Next() {
		var s segInfo
		if err := rows.Scan(&s.id, &s.postings, &s.chunks); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// merge rewrites segments as one, streaming their chunks in order.
func (ix *Index) merge(ctx context.Context, tx *sql.Tx, segs []segInfo) error {
	live, err := ix.liveDocs(ctx, tx)
	if err != nil {
		return err
	}
	readers := make([]*segReader, len(segs))
	for i, s := range segs {
		readers[i] = &segReader{ix: ix, tx: tx, seg: s}
	}
	err = ix.writeSegment(ctx, tx, func(add func(posting) error) error {
		heads := make([]posting, len(readers))
		ok := make([]bool, len(readers))
		for i, r := range readers {
			if heads[i], ok[i], err = r.next(ctx); err != nil {
				return err
			}
		}
		for {
			best := -1
			for i := range readers {
				if ok[i] && (best < 0 || heads[i] < heads[best]) {
					best = i
				}
			}
			if best < 0 {
				return nil
			}
			if live.has(heads[best].doc()) {
				if err := add(heads[best]); err != nil {
					return err
				}
			}
			if heads[best], ok[best], err = readers[best].next(ctx); err != nil {
				return err
			}
		}
	})
	if err != nil {
		return err
	}
	for _, s := range segs {
		if _, err := tx.ExecContext(ctx, ix.q("DELETE FROM chunks WHERE id >= ? AND id < ?"), chunkID(s.id, 0), chunkID(s.id+1, 0)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, ix.q("DELETE FROM segs WHERE id = ?"), s.id); err != nil {
			return err
		}
	}
	return nil
}

// docSet is a set of document ids, one bit each: merges ask it once per
// posting.
type docSet []uint64

func (s docSet) has(id int64) bool {
	i := uint64(id) / 64
	return i < uint64(len(s)) && s[i]&(1<<(uint64(id)%64)) != 0
}

func (ix *Index) liveDocs(ctx context.Context, q Querier) (docSet, error) {
	rows, err := q.QueryContext(ctx, "SELECT id FROM docs")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var live docSet
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		if id < 0 || id > maxDoc {
			return nil, &FormatError{ix.where, fmt.Sprintf("damaged: a document numbered %d; remove it and index again", id)}
		}
		for uint64(len(live)) <= uint64(id)/64 {
			live = append(live, 0)
		}
		live[id/64] |= 1 << (uint64(id) % 64)
	}
	return live, rows.Err()
}

// segReader streams a segment's postings, reading its chunks a page of
// them at a time (one query at a time: PostgreSQL's connections cannot
// interleave result sets).
type segReader struct {
	ix    *Index
	tx    *sql.Tx
	seg   segInfo
	next_ int // next chunk to fetch
	buf   []posting
	pos   int
}

const readPage = 512

func (r *segReader) next(ctx context.Context) (posting, bool, error) {
	for r.pos >= len(r.buf) {
		if r.next_ >= r.seg.chunks {
			return 0, false, nil
		}
		r.buf, r.pos = r.buf[:0], 0
		hi := min(r.seg.chunks, r.next_+readPage)
		rows, err := r.tx.QueryContext(ctx, r.ix.q("SELECT data FROM chunks WHERE id >= ? AND id < ? ORDER BY id"),
			chunkID(r.seg.id, r.next_), chunkID(r.seg.id, hi))
		if err != nil {
			return 0, false, err
		}
		for rows.Next() {
			var data []byte
			if err := rows.Scan(&data); err != nil {
				rows.Close()
				return 0, false, err
			}
			if r.buf, err = decodeChunk(data, r.buf); err != nil {
				rows.Close()
				return 0, false, &FormatError{r.ix.where, "damaged: " + err.Error() + "; remove it and index again"}
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return 0, false, err
		}
		r.next_ = hi
	}
	p := r.buf[r.pos]
	r.pos++
	return p, true, nil
}
