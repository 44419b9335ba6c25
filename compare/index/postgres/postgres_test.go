package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/stdlib"

	"github.com/crosscheck/crosscheck/compare/index"
	"github.com/crosscheck/crosscheck/compare/index/indextest"
)

// envDSN names the server the tests use; `make test-postgres` (run by
// `make test`) starts a throwaway cluster and sets it.
const envDSN = "CROSSCHECK_POSTGRES_DSN"

// server returns the DSN of the test server and a function that makes a
// fresh schema on it, or skips.
func server(t *testing.T) (string, func(name string) string) {
	dsn := os.Getenv(envDSN)
	if dsn == "" {
		t.Skipf("%s is not set: no PostgreSQL server to test against ('make test-postgres' starts one)", envDSN)
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Ping(); err != nil {
		t.Fatalf("%s is set but the server does not answer: %v", envDSN, err)
	}
	run := time.Now().UnixNano()
	return dsn, func(name string) string {
		schema := fmt.Sprintf("t%d_%s", run, name)
		if _, err := db.Exec("CREATE SCHEMA IF NOT EXISTS " + schema); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Exec("DROP SCHEMA " + schema + " CASCADE") })
		sep := "?"
		if strings.Contains(dsn, "?") {
			sep = "&"
		}
		return dsn + sep + "search_path=" + schema
	}
}

var _ = stdlib.GetDefaultDriver // registers "pgx"

func TestPostgres(t *testing.T) {
	_, fresh := server(t)
	dsns := map[string]string{}
	indextest.Run(t, func(t *testing.T, name string, create bool) (*index.Index, error) {
		if dsns[name] == "" {
			dsns[name] = fresh(name)
		}
		return Open(context.Background(), dsns[name], index.Options{Create: create})
	})
}

func TestPostgresMigratesAndRefuses(t *testing.T) {
	ctx := context.Background()
	_, fresh := server(t)
	old := fresh("old")
	if err := OpenAtVersion(ctx, old, 1); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(ctx, old, index.Options{})
	if err != nil {
		t.Fatalf("opening a schema 1 index: %v", err)
	}
	if st, err := ix.Stats(ctx); err != nil || st.Schema != index.SchemaVersion {
		t.Fatalf("after migration: %+v, %v", st, err)
	}
	ix.Close()

	foreign := fresh("foreign")
	db, _ := sql.Open("pgx", foreign)
	defer db.Close()
	if _, err := db.Exec("CREATE TABLE users(name TEXT)"); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, foreign, index.Options{Create: true}); err == nil || !strings.Contains(err.Error(), "not a crosscheck index") {
		t.Fatalf("a foreign database: %v", err)
	}
}

func TestRedact(t *testing.T) {
	got := Redact("postgres://ci:s3cret@db.example/archive")
	if strings.Contains(got, "s3cret") || !strings.Contains(got, "ci:xxxxx@db.example") {
		t.Fatalf("Redact: %s", got)
	}
}
