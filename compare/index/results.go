package index

import (
	"context"
	"database/sql"
	"time"
)

// The index also keeps the results of earlier runs: blobs that the
// command line makes of a run's findings, keyed by a hash of everything
// the findings depend on (the documents' contents, the options, the
// build). The index neither reads nor checks them: a key names its value
// exactly, and a value that does not decode is the caller's miss.

// Result kinds: the findings of a whole run, and those of the analyses of
// one document.
const (
	ResultRun = "run"
	ResultDoc = "doc"
)

// Result is one stored result.
type Result struct {
	Key  []byte // a hash of what the value depends on
	Kind string // ResultRun or ResultDoc
	Data []byte
}

// How many results of each kind are kept: the most recently used. A run
// of a folder writes one result of the run and one per document.
const (
	keepRuns = 32
	keepDocs = 200_000
)

// Results returns the stored values of keys (absent keys are left out),
// by key, from one snapshot of the index.
func (ix *Index) Results(ctx context.Context, keys [][]byte) (map[string][]byte, error) {
	out := map[string][]byte{}
	if len(keys) == 0 {
		return out, nil
	}
	tx, err := ix.d.ReadTx(ctx, ix.db)
	if err != nil {
		return nil, ix.explain(err)
	}
	defer tx.Rollback()
	for start := 0; start < len(keys); start += 500 {
		batch := keys[start:min(len(keys), start+500)]
		args := make([]any, len(batch))
		for i, k := range batch {
			args[i] = k
		}
		rows, err := tx.QueryContext(ctx, ix.q("SELECT key, data FROM results WHERE key IN ("+placeholders(len(batch))+")"), args...)
		if err != nil {
			return nil, ix.explain(err)
		}
		for rows.Next() {
			var k, v []byte
			if err := rows.Scan(&k, &v); err != nil {
				rows.Close()
				return nil, ix.explain(err)
			}
			out[string(k)] = v
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, ix.explain(err)
		}
	}
	return out, nil
}

// PutResults stores results (replacing those of the same key), marks
// the keys of used as used now, and forgets the least recently used
// results past the number of each kind kept, all in one write.
func (ix *Index) PutResults(ctx context.Context, put []Result, used [][]byte) error {
	now := time.Now().UnixNano()
	err := ix.write(ctx, func(tx *sql.Tx) error {
		ins, err := tx.PrepareContext(ctx, ix.q(`INSERT INTO results(key, kind, used, data) VALUES (?, ?, ?, ?)
			ON CONFLICT(key) DO UPDATE SET kind = excluded.kind, used = excluded.used, data = excluded.data`))
		if err != nil {
			return err
		}
		defer ins.Close()
		for _, r := range put {
			if _, err := ins.ExecContext(ctx, r.Key, r.Kind, now, r.Data); err != nil {
				return err
			}
		}
		touch, err := tx.PrepareContext(ctx, ix.q("UPDATE results SET used = ? WHERE key = ?"))
		if err != nil {
			return err
		}
		defer touch.Close()
		for _, k := range used {
			if _, err := touch.ExecContext(ctx, now, k); err != nil {
				return err
			}
		}
		for kind, keep := range map[string]int{ResultRun: keepRuns, ResultDoc: keepDocs} {
			var n int
			if err := tx.QueryRowContext(ctx, ix.q("SELECT count(*) FROM results WHERE kind = ?"), kind).Scan(&n); err != nil {
				return err
			}
			if n <= keep {
				continue
			}
			if _, err := tx.ExecContext(ctx, ix.q(`DELETE FROM results WHERE kind = ? AND key IN
				(SELECT key FROM results WHERE kind = ? ORDER BY used, key LIMIT ?)`), kind, kind, n-keep); err != nil {
				return err
			}
		}
		return nil
	})
	return ix.explain(err)
}
