// Package index is crosscheck's archive: a persistent store of the
// fingerprints (and a little metadata) of documents already published,
// keyed by content hash, so that new documents can be compared with
// everything indexed without reading it all again. The store is SQL
// behind a Dialect: SQLite embedded (index/sqlite), PostgreSQL shared
// (index/postgres). It does no analysis: callers hand it fingerprints and
// ask which documents share them.
package index

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// SchemaVersion is the version of the schema this build writes. An index
// of an older version is migrated when opened; a newer one is refused.
const SchemaVersion = 3

// application marks a database as a crosscheck index.
const application = "crosscheck-index"

// Migration brings a schema from Version-1 to Version.
type Migration struct {
	Version int
	Stmts   []string
}

// Dialect is what differs between the SQL databases an index lives in.
type Dialect struct {
	Name       string
	Migrations []Migration // in order of Version, from 1
	// Rebind rewrites the '?' placeholders of a statement (nil: as is).
	Rebind func(string) string
	// LockWrites serialises the write transactions of every process on
	// the index, inside tx (nil when beginning one already does).
	LockWrites func(ctx context.Context, tx *sql.Tx) error
	// TablesQuery lists the names of the database's tables, one per row
	// (to tell a new database from a foreign one).
	TablesQuery string
	// Size returns the bytes the index takes.
	Size func(ctx context.Context, db *sql.DB) (int64, error)
	// ReadTx begins the transaction of a lookup: one snapshot of the
	// index, never blocking writers or blocked by them.
	ReadTx func(ctx context.Context, db *sql.DB) (*sql.Tx, error)
	// Explain turns a driver error into one a user can act on (a damaged
	// or foreign file, a server that refuses); nil leaves errors as they are.
	Explain func(where string, err error) error
}

// Querier is what a dialect reads the schema through: a database or a transaction.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Index is an open archive.
type Index struct {
	db        *sql.DB
	d         *Dialect
	where     string // how messages name the index
	seedWords int    // the fingerprint length the index was built with
}

// ErrNoIndex is the error of opening an index that does not exist yet
// without the right to create it.
var ErrNoIndex = errors.New("no index")

// Options say how to open an index.
type Options struct {
	// Create makes the schema in an empty database (and migrates an old
	// one); without it an empty database is ErrNoIndex.
	Create bool
	// SeedWords is the fingerprint length a new index records (the
	// reuse engine's default when 0). An existing index keeps its own.
	SeedWords int
}

// New opens the index held by db, checking that it is one, refusing a
// schema newer than this build's and migrating an older one. where names
// the index in messages. The Index owns db.
func New(ctx context.Context, db *sql.DB, d *Dialect, where string, opt Options) (*Index, error) {
	ix := &Index{db: db, d: d, where: where}
	if err := ix.open(ctx, opt); err != nil {
		db.Close()
		return nil, ix.explain(err)
	}
	return ix, nil
}

// Close closes the database.
func (ix *Index) Close() error { return ix.db.Close() }

// Where names the index as messages do.
func (ix *Index) Where() string { return ix.where }

// SeedWords is the number of words of the fingerprints the index holds:
// lookups must be made with fingerprints of this length.
func (ix *Index) SeedWords() int { return ix.seedWords }

func (ix *Index) q(s string) string {
	if ix.d.Rebind != nil {
		return ix.d.Rebind(s)
	}
	return s
}

func (ix *Index) explain(err error) error {
	if err == nil || ix.d.Explain == nil || errors.Is(err, context.Canceled) {
		return err
	}
	if errors.Is(err, ErrNoIndex) {
		return fmt.Errorf("%s: %w: index documents first with 'crosscheck index add PATHS… --index %s'", ix.where, err, ix.where)
	}
	var fe *FormatError
	if errors.As(err, &fe) {
		return err
	}
	return ix.d.Explain(ix.where, err)
}

// FormatError says that a database is not a crosscheck index this build
// can use: foreign, damaged, or written by a newer crosscheck.
type FormatError struct {
	Where string
	Msg   string
}

func (e *FormatError) Error() string { return e.Where + ": " + e.Msg }

// open reads (or creates, or migrates) the schema.
func (ix *Index) open(ctx context.Context, opt Options) error {
	version, seed, err := ix.readMeta(ctx, ix.db)
	if err != nil {
		return err
	}
	if version > SchemaVersion {
		return &FormatError{ix.where, fmt.Sprintf("written by a newer crosscheck (index schema %d; this one reads up to %d): upgrade crosscheck, or index again into a new file", version, SchemaVersion)}
	}
	if version == 0 && !opt.Create {
		return ErrNoIndex
	}
	if version < SchemaVersion {
		if err := ix.migrate(ctx, opt); err != nil {
			return err
		}
		if version, seed, err = ix.readMeta(ctx, ix.db); err != nil {
			return err
		}
	}
	ix.seedWords = seed
	return nil
}

// readMeta returns the schema version and seed words of the index, 0
// for an empty database, or a FormatError for a foreign one.
func (ix *Index) readMeta(ctx context.Context, q Querier) (version, seed int, err error) {
	tables, err := queryStrings(ctx, q, ix.d.TablesQuery)
	if err != nil {
		return 0, 0, err
	}
	if len(tables) == 0 {
		return 0, 0, nil
	}
	hasMeta := false
	for _, t := range tables {
		if t == "meta" {
			hasMeta = true
		}
	}
	if !hasMeta {
		return 0, 0, &FormatError{ix.where, fmt.Sprintf("not a crosscheck index (it holds other tables: %s); name another file with --index", listNames(tables))}
	}
	rows, err := q.QueryContext(ctx, "SELECT key, value FROM meta")
	if err != nil {
		return 0, 0, err
	}
	defer rows.Close()
	meta := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return 0, 0, err
		}
		meta[k] = v
	}
	if err := rows.Err(); err != nil {
		return 0, 0, err
	}
	if meta["application"] != application {
		return 0, 0, &FormatError{ix.where, "not a crosscheck index (its meta table does not say so); name another file with --index"}
	}
	version, err1 := strconv.Atoi(meta["schema"])
	seed, err2 := strconv.Atoi(meta["seed_words"])
	if err1 != nil || err2 != nil || version < 1 || seed < 2 || seed > 16 {
		return 0, 0, &FormatError{ix.where, fmt.Sprintf("damaged: its schema version %q or fingerprint length %q is not a number in range", meta["schema"], meta["seed_words"])}
	}
	return version, seed, nil
}

func listNames(names []string) string {
	if len(names) > 4 {
		return strings.Join(names[:4], ", ") + fmt.Sprintf(", +%d more", len(names)-4)
	}
	return strings.Join(names, ", ")
}

// migrate applies the migrations the index lacks, in one write
// transaction, re-reading the version inside it: another process may
// have migrated it meanwhile.
func (ix *Index) migrate(ctx context.Context, opt Options) error {
	return ix.write(ctx, func(tx *sql.Tx) error {
		version, _, err := ix.readMeta(ctx, tx)
		if err != nil {
			return err
		}
		if version > SchemaVersion {
			return &FormatError{ix.where, fmt.Sprintf("written by a newer crosscheck (index schema %d; this one reads up to %d)", version, SchemaVersion)}
		}
		if version == 0 && !opt.Create {
			return ErrNoIndex
		}
		return ix.applyMigrations(ctx, tx, version, SchemaVersion, opt.SeedWords)
	})
}

// applyMigrations brings the schema in tx from version from to version to.
func (ix *Index) applyMigrations(ctx context.Context, tx *sql.Tx, from, to, seedWords int) error {
	for _, m := range ix.d.Migrations {
		if m.Version <= from || m.Version > to {
			continue
		}
		for _, s := range m.Stmts {
			if _, err := tx.ExecContext(ctx, s); err != nil {
				return fmt.Errorf("migrating the index to schema %d: %w", m.Version, err)
			}
		}
	}
	if from == 0 {
		if seedWords == 0 {
			seedWords = 4
		}
		if _, err := tx.ExecContext(ctx, ix.q("INSERT INTO meta(key, value) VALUES ('application', ?), ('seed_words', ?)"),
			application, strconv.Itoa(seedWords)); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, ix.q("INSERT INTO meta(key, value) VALUES ('schema', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
		strconv.Itoa(to))
	return err
}

// write runs fn in a write transaction, serialised with every other
// writer of the index.
func (ix *Index) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := ix.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if ix.d.LockWrites != nil {
		if err := ix.d.LockWrites(ctx, tx); err != nil {
			return err
		}
	}
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// CreateAtVersion makes a new index at an older schema version, for
// testing migrations.
func CreateAtVersion(ctx context.Context, db *sql.DB, d *Dialect, version, seedWords int) error {
	ix := &Index{db: db, d: d, where: "test"}
	return ix.write(ctx, func(tx *sql.Tx) error {
		return ix.applyMigrations(ctx, tx, 0, version, seedWords)
	})
}

// queryStrings runs a query whose rows are one string each.
func queryStrings(ctx context.Context, q Querier, query string) ([]string, error) {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
