package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrExists reports a backup file that is already there.
var ErrExists = errors.New("file exists")

// Backup writes a consistent copy of the whole database to path, which
// must not exist, and returns its size. It is safe while other processes
// read and write: the copy is made in one read transaction (SQLite's
// VACUUM INTO), so it holds every transaction committed before it began,
// including those still in the write-ahead log, and none after. The copy
// is written beside path and renamed into place once it is complete and
// checked, so path never holds half a backup.
func (s *Store) Backup(ctx context.Context, path string) (int64, error) {
	if s.d.postgres {
		return 0, ErrBackupPostgres
	}
	if _, err := os.Lstat(path); err == nil {
		return 0, fmt.Errorf("back up to %s: %w; remove it or name another file", path, ErrExists)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return 0, fmt.Errorf("back up to %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return 0, fmt.Errorf("back up to %s: %w", path, err)
	}
	name := tmp.Name()
	tmp.Close()
	// VACUUM INTO wants a file that does not exist or is empty.
	defer os.Remove(name)
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", name); err != nil {
		return 0, fmt.Errorf("back up to %s: %w", path, err)
	}
	if err := checkCopy(ctx, name); err != nil {
		return 0, fmt.Errorf("back up to %s: the copy does not check: %w", path, err)
	}
	if err := syncFile(name); err != nil {
		return 0, fmt.Errorf("back up to %s: %w", path, err)
	}
	// os.Link fails if path appeared meanwhile, where os.Rename would
	// replace it.
	if err := os.Link(name, path); err != nil {
		return 0, fmt.Errorf("back up to %s: %w", path, err)
	}
	info, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	return info.Size(), nil
}

// checkCopy opens a backup read-only and runs quick_check on it.
func checkCopy(ctx context.Context, path string) error {
	b, err := OpenWith(ctx, path, Options{Check: true, ReadOnly: true})
	if err != nil {
		return err
	}
	return b.Close()
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// ErrBackupPostgres says that claimex backup does not copy a PostgreSQL
// database, and what does.
var ErrBackupPostgres = errors.New("claimex backup copies SQLite databases; back up a PostgreSQL database " +
	"with pg_dump, which takes a consistent snapshot while the database is in use: " +
	"pg_dump --format=custom --file=claimex.dump DBNAME (restore with pg_restore --dbname=DBNAME claimex.dump)")
