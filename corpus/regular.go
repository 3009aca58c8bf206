package corpus

import (
	"io/fs"
	"os"
	"syscall"
)

// NotRegularError reports a path that names something other than a
// regular file: a named pipe, a socket or a device. Reading one could
// block for ever (a pipe nobody writes to) or never end (/dev/zero).
type NotRegularError struct {
	Mode fs.FileMode
}

func (e *NotRegularError) Error() string {
	return "not a regular file: " + fileKind(e.Mode)
}

// fileKind names the kind of file a mode describes.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeCharDevice != 0:
		return "character device"
	case m&fs.ModeDevice != 0:
		return "block device"
	case m.IsDir():
		return "directory"
	case m&fs.ModeSymlink != 0:
		return "symbolic link"
	}
	return "irregular file"
}

// openRegular opens a regular file for reading and refuses anything else.
// The kind is checked before opening, so no device is opened, and again
// on the open file, which is opened without blocking: a named pipe put in
// the file's place in between is refused rather than waited on.
func openRegular(path string) (*os.File, fs.FileInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, nil, &NotRegularError{Mode: st.Mode()}
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	if st, err = f.Stat(); err != nil {
		f.Close()
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, nil, &NotRegularError{Mode: st.Mode()}
	}
	return f, st, nil
}
