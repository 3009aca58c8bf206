package claimex

// Kind says whether a claim is a figure or a named entity.
type Kind string

// Claim kinds.
const (
	KindCount  Kind = "count"
	KindEntity Kind = "entity"
)

// Category is what a count claim counts. The set of categories is data:
// the rules file names them (package rules), with what each rolls up to
// and the names it had before, so that a user can add, rename or remove
// one. A category is a plain string here so that every package can speak
// of one without knowing the rules.
type Category string

// Other is the category of a count of something the rules name no
// category for; every rules file has it.
const Other Category = "other"

// The categories of the default rules, for code and tests that speak of
// them by name. They follow GDELT's count types, with a few more. A rules
// file may drop or rename any of them: whether a name is a category is
// for the rules to say (rules.Rules.HasCategory), not this list.
const (
	Killed     Category = "killed"
	Injured    Category = "injured"
	Arrested   Category = "arrested"
	Kidnapped  Category = "kidnapped"
	Missing    Category = "missing"
	Displaced  Category = "displaced"
	Evacuated  Category = "evacuated"
	Released   Category = "released"
	Protesters Category = "protesters"
	Deployed   Category = "deployed"
	Casualties Category = "casualties"
	Affected   Category = "affected"
)

// Qualifier says how a figure relates to the true count.
type Qualifier string

// Qualifiers.
const (
	Exact         Qualifier = "exact"
	Approximately Qualifier = "approximately"
	AtLeast       Qualifier = "at_least"
	MoreThan      Qualifier = "more_than"
	AtMost        Qualifier = "at_most"
	LessThan      Qualifier = "less_than"
	UpTo          Qualifier = "up_to"
	Range         Qualifier = "range"
)

// Qualifiers lists every qualifier in a stable order.
var Qualifiers = []Qualifier{Exact, Approximately, AtLeast, MoreThan, AtMost, LessThan, UpTo, Range}

// ValidQualifier reports whether q is a known qualifier.
func ValidQualifier(q Qualifier) bool {
	for _, k := range Qualifiers {
		if k == q {
			return true
		}
	}
	return false
}

// Entity types.
const (
	Person = "PERSON"
	Org    = "ORG"
	GPE    = "GPE"
	Loc    = "LOC"
)

// Claim is one checkable statement found in a document: a figure ("more
// than 4,500 injured") or a named entity ("Mr Shalabayev"). Optional text
// fields are empty when unknown.
type Claim struct {
	ID         int64
	Key        string
	DocumentID int64
	RunID      int64
	Kind       Kind

	// Count claims.
	Category  Category
	Value     *float64 // nil for vague amounts
	ValueMax  *float64 // set for ranges
	Qualifier Qualifier
	Vague     string // "dozens", "hundreds", ... or empty
	Subject   string // the counted noun phrase

	// Entity claims.
	EntityType string
	Canonical  string
	// Role is what the text says the person is ("Deputy Defense
	// Minister", "representative of the state prosecutor").
	Role string

	Attribution string // who the figure is attributed to
	Location    string // the place the figure refers to

	// Text is the claim's span; Sentence the sentence holding it.
	Text     string
	Sentence string
	// Start and End are offsets of Text in the document's clean text, in
	// Unicode code points; SentenceStart and SentenceEnd likewise.
	Start, End                 int
	SentenceStart, SentenceEnd int
	// Prefix and Suffix are up to 32 code points either side of Text (a
	// W3C TextQuoteSelector).
	Prefix, Suffix string
	// Rule names the rule or recogniser that produced the claim.
	Rule string
}

// Float returns a pointer to v, for Claim.Value and Claim.ValueMax.
func Float(v float64) *float64 { return &v }

// Rules that find a part of a figure stated nearby rather than a total:
// "of which 19 were officers", "including three children", "103 of the
// deaths", "the majority, 103".
const (
	RulePartitive  = "count/partitive"
	RuleAmong      = "count/among"
	RuleNounOf     = "count/noun-of"
	RuleApposition = "count/apposition"
)

// Partial reports whether a count claim states a part of a figure nearby,
// not a total to compare with other sources' totals.
func (c Claim) Partial() bool {
	switch c.Rule {
	case RulePartitive, RuleAmong, RuleNounOf, RuleApposition:
		return true
	}
	return false
}
