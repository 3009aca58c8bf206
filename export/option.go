package export

// An Option changes how an export is written. Without options an export
// is safe to open in a spreadsheet.
type Option func(*options)

type options struct {
	keepFormulas bool // CSV: write cells that start like a formula as they are
	bom          bool // CSV: start with a UTF-8 byte-order mark
}

// KeepFormulas writes CSV cells exactly as stored, even those a
// spreadsheet would run as a formula. By default a text cell that starts
// with = + - @ tab or CR, after any "'"s of its own, gets one leading "'"
// (OWASP's advice against CSV injection); numbers claimex wrote itself are
// never changed. A reader undoes it by taking one "'" off a cell that
// starts with one or more "'" and then one of those characters. Other
// formats are always written as stored.
func KeepFormulas() Option { return func(o *options) { o.keepFormulas = true } }

// BOM starts a CSV export with a UTF-8 byte-order mark, without which
// Excel reads UTF-8 text such as "’" as Windows-1252. Other formats never
// have one (JSON must not).
func BOM() Option { return func(o *options) { o.bom = true } }
