package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/sys/unix"
)

// createUnnamed opens an unnamed file in dir (O_TMPFILE): it vanishes
// with the process, however the process ends, unless linkUnnamed gives
// it a name. It fails where the file system does not support O_TMPFILE,
// or where /proc, which linkUnnamed needs, is not mounted.
func createUnnamed(dir string) (*os.File, error) {
	fd, err := unix.Open(dir, unix.O_TMPFILE|unix.O_WRONLY|unix.O_CLOEXEC, 0o600)
	if err != nil {
		return nil, err
	}
	f := os.NewFile(uintptr(fd), filepath.Join(dir, "(unnamed)"))
	if _, err := os.Stat(procPath(fd)); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

func procPath(fd int) string { return "/proc/self/fd/" + strconv.Itoa(fd) }

// linkUnnamed gives the unnamed file f a hidden name beside path (linkat
// through /proc/self/fd, which needs no privilege, unlike AT_EMPTY_PATH)
// and returns it; commit then renames it over path, atomically. linkat
// cannot replace a file, hence the two steps.
func linkUnnamed(f *os.File, path string) (string, error) {
	src := procPath(int(f.Fd()))
	for range 100 {
		name := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp"+strconv.FormatUint(uint64(rand.Uint32()), 10))
		err := unix.Linkat(unix.AT_FDCWD, src, unix.AT_FDCWD, name, unix.AT_SYMLINK_FOLLOW)
		if err == nil {
			return name, nil
		}
		if err != unix.EEXIST {
			return "", &os.LinkError{Op: "link", Old: src, New: name, Err: err}
		}
	}
	return "", fmt.Errorf("no free temporary name beside %s", path)
}
