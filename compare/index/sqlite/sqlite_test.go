package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare/index"
	"github.com/crosscheck/crosscheck/compare/index/indextest"
)

func TestSQLite(t *testing.T) {
	dir := t.TempDir()
	indextest.Run(t, func(t *testing.T, name string, create bool) (*index.Index, error) {
		return Open(context.Background(), filepath.Join(dir, name+".db"), index.Options{Create: create})
	})
}

func TestMigratesOlderSchema(t *testing.T) {
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "v1.db")
	if err := OpenAtVersion(ctx, p, 1); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(ctx, p, index.Options{})
	if err != nil {
		t.Fatalf("opening a schema 1 index: %v", err)
	}
	defer ix.Close()
	st, err := ix.Stats(ctx) // reads the columns schema 2 added
	if err != nil || st.Schema != index.SchemaVersion || st.SeedWords != 4 {
		t.Fatalf("after migration: %+v, %v", st, err)
	}
}

func TestRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "new.db")
	ix, err := Open(ctx, p, index.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	db, _ := sql.Open("sqlite3", "file:"+p)
	if _, err := db.Exec("UPDATE meta SET value = '99' WHERE key = 'schema'"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = Open(ctx, p, index.Options{Create: true})
	var fe *index.FormatError
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "written by a newer crosscheck (index schema 99") {
		t.Fatalf("a schema 99 index: %v", err)
	}
}

func TestRefusesForeignAndDamaged(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	foreign := filepath.Join(dir, "app.db")
	db, _ := sql.Open("sqlite3", "file:"+foreign)
	if _, err := db.Exec("CREATE TABLE users(name TEXT)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	damaged := filepath.Join(dir, "damaged.db")
	ix, err := Open(ctx, damaged, index.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	raw, _ := os.ReadFile(damaged)
	for i := 100; i < len(raw); i++ { // keep the header, ruin the pages
		raw[i] = 0xA5
	}
	os.WriteFile(damaged, raw, 0o644)
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte(strings.Repeat("not a database\n", 400)), 0o644)
	for path, want := range map[string]string{
		foreign: "not a crosscheck index (it holds other tables: users)",
		damaged: "damaged",
		text:    "not a crosscheck index (not an SQLite database at all)",
	} {
		ix, err := Open(ctx, path, index.Options{Create: true})
		if err == nil {
			_, err = ix.Stats(ctx)
			ix.Close()
		}
		var fe *index.FormatError
		if !errors.As(err, &fe) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want a FormatError saying %q", filepath.Base(path), err, want)
		}
	}
}

// Many openers creating one new index at the same moment all succeed:
// the switch to WAL mode, which SQLite may refuse at once while another
// connection holds a lock, is tried again (it failed one run in a dozen
// between two processes before).
func TestConcurrentCreate(t *testing.T) {
	ctx := context.Background()
	for round := 0; round < 20; round++ {
		p := filepath.Join(t.TempDir(), "index.db")
		const n = 6
		errs := make(chan error, n)
		for i := 0; i < n; i++ {
			go func() {
				ix, err := Open(ctx, p, index.Options{Create: true})
				if err == nil {
					_, err = ix.Stats(ctx)
					ix.Close()
				}
				errs <- err
			}()
		}
		for i := 0; i < n; i++ {
			if err := <-errs; err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
		}
	}
}
