package review

// key is one key of the keyboard the pages answer to.
type key struct {
	Key, What, Where string
}

// keys are every key the pages answer to, as the ? help lists them. A
// page element that a key presses carries data-key; the browser tests
// check that each is listed here.
var keys = []key{
	{"a", "accept the claim or entity", "queue, names"},
	{"r", "reject it", "queue, names"},
	{"e", "edit: value, category, note (Enter saves, Esc closes)", "queue"},
	{"s", "skip: the next one now, this one later", "queue, names"},
	{"f", "flag for discussion (in the flagged queue: take the flag off)", "queue"},
	{"j", "next claim", "queue"},
	{"k", "previous claim", "queue"},
	{"u", "undo your last decision", "every page"},
	{"?", "show or hide these keys", "every page"},
	{"Esc", "close this help or the editor", "every page"},
}
