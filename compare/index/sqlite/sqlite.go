// Package sqlite keeps a crosscheck index in one SQLite file (the
// embedded default, .crosscheck/index.db), through a driver that needs no
// C compiler: SQLite compiled to WebAssembly and translated to Go.
// Concurrent writers take turns (WAL mode, immediate transactions, a busy
// timeout); readers never wait for them.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"time"

	"github.com/ncruces/go-sqlite3"
	_ "github.com/ncruces/go-sqlite3/driver" // registers "sqlite3"

	"github.com/crosscheck/crosscheck/compare/index"
)

// BusyTimeout is how long a writer waits for another to finish.
const BusyTimeout = 5 * time.Minute

// Dialect is SQLite's.
var Dialect = &index.Dialect{
	Name:        "sqlite",
	Migrations:  migrations,
	TablesQuery: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
	Size: func(ctx context.Context, db *sql.DB) (int64, error) {
		var pages, size int64
		if err := db.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
			return 0, err
		}
		if err := db.QueryRowContext(ctx, "PRAGMA page_size").Scan(&size); err != nil {
			return 0, err
		}
		return pages * size, nil
	},
	ReadTx: func(ctx context.Context, db *sql.DB) (*sql.Tx, error) {
		return db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true}) // deferred: a WAL snapshot
	},
	Explain: explain,
}

var migrations = []index.Migration{
	{Version: 1, Stmts: []string{
		`CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
		`CREATE TABLE docs(id INTEGER PRIMARY KEY AUTOINCREMENT, content_hash BLOB NOT NULL UNIQUE,
			size INTEGER NOT NULL, format TEXT NOT NULL, fingerprints INTEGER NOT NULL, added INTEGER NOT NULL)`,
		`CREATE TABLE paths(path TEXT PRIMARY KEY, doc INTEGER NOT NULL, size INTEGER NOT NULL, mtime INTEGER NOT NULL)`,
		`CREATE INDEX paths_doc ON paths(doc)`,
		`CREATE TABLE segs(id INTEGER PRIMARY KEY AUTOINCREMENT, postings INTEGER NOT NULL, chunks INTEGER NOT NULL, dir BLOB NOT NULL)`,
		`CREATE TABLE chunks(id INTEGER PRIMARY KEY, data BLOB NOT NULL)`,
	}},
	{Version: 2, Stmts: []string{ // metadata of claims and notes
		`ALTER TABLE docs ADD COLUMN words INTEGER NOT NULL DEFAULT 0`,
		`ALTER TABLE docs ADD COLUMN sentences INTEGER NOT NULL DEFAULT 0`,
		`ALTER TABLE docs ADD COLUMN notes INTEGER NOT NULL DEFAULT 0`,
	}},
	{Version: 3, Stmts: []string{ // results of earlier runs (the command line's cache)
		`CREATE TABLE results(key BLOB PRIMARY KEY, kind TEXT NOT NULL, used INTEGER NOT NULL, data BLOB NOT NULL)`,
		`CREATE INDEX results_used ON results(kind, used)`,
	}},
}

// Open opens the index in the file at path, creating the file (and its
// folder) when opt.Create is set. The path must name a regular file or
// nothing: a device or a pipe could block or never end.
func Open(ctx context.Context, path string, opt index.Options) (*index.Index, error) {
	db, err := openDB(path, opt.Create)
	if err != nil {
		return nil, err
	}
	if err := enableWAL(ctx, db); err != nil {
		db.Close()
		return nil, explain(path, err)
	}
	return index.New(ctx, db, Dialect, path, opt)
}

// OpenAtVersion makes a new index file at an older schema version (for
// tests of migration).
func OpenAtVersion(ctx context.Context, path string, version int) error {
	db, err := openDB(path, true)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := enableWAL(ctx, db); err != nil {
		return err
	}
	return index.CreateAtVersion(ctx, db, Dialect, version, 4)
}

// openDB opens the file through SQLite alone (this package reads no file
// itself: the command line checks that path is a regular file or nothing,
// and makes its folder). Without create, a missing file is ErrNoIndex.
func openDB(path string, create bool) (*sql.DB, error) {
	if path == "" {
		return nil, errors.New("no index file named")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	mode := "rw"
	if create {
		mode = "rwc"
	}
	// the path goes into a URI: escape it, so that '?', '#' or '%' in a
	// file name cannot add parameters
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	dsn := "file:" + u.EscapedPath() + "?mode=" + mode + "&_txlock=immediate" +
		"&_pragma=busy_timeout(" + fmt.Sprint(BusyTimeout.Milliseconds()) + ")" +
		"&_pragma=synchronous(normal)&_pragma=cache_size(-65536)"
	return sql.Open("sqlite3", dsn)
}

// enableWAL puts the file in WAL mode (a setting the file keeps, so
// that later connections find it). Switching needs the file to itself,
// and SQLite answers BUSY at once, without waiting out the busy
// timeout, when another process holds a lock it must not wait for
// (two 'index add' creating one index at the same moment): so the
// switch is tried again, with growing pauses, for up to BusyTimeout.
// It is not a connection pragma in the DSN for that reason: a pragma
// there that fails makes the connection fail.
func enableWAL(ctx context.Context, db *sql.DB) error {
	deadline := time.Now().Add(BusyTimeout)
	pause := 2 * time.Millisecond
	for {
		var mode string
		err := db.QueryRowContext(ctx, "PRAGMA journal_mode=wal").Scan(&mode)
		if err == nil || !(errors.Is(err, sqlite3.BUSY) || errors.Is(err, sqlite3.LOCKED)) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pause):
		}
		if pause < 200*time.Millisecond {
			pause *= 2
		}
	}
}

// explain names a damaged or foreign file for what it is.
func explain(where string, err error) error {
	switch {
	case errors.Is(err, sqlite3.CANTOPEN):
		return fmt.Errorf("%s: %w: index documents first with 'crosscheck index add PATHS… --index %s'", where, index.ErrNoIndex, where)
	case errors.Is(err, sqlite3.NOTADB):
		return &index.FormatError{Where: where, Msg: "not a crosscheck index (not an SQLite database at all); name another file with --index, or remove it"}
	case errors.Is(err, sqlite3.CORRUPT):
		return &index.FormatError{Where: where, Msg: "damaged (SQLite reports a malformed database); remove it and index again"}
	}
	return fmt.Errorf("%s: %w", where, err)
}
