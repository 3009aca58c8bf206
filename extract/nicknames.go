package extract

import (
	"strings"
	"sync"
)

// nicknameList holds the nicknames that no rule derives from the name
// they stand for, written for claimex from general knowledge: English
// pet forms that change letters ("Bill" for William, "Peggy" for
// Margaret) and the Russian short forms news use ("Sasha", "Misha").
// Truncations ("Alex", "Chris", "Tommy") need no entry: isNickname finds
// them. Each line is a full name, then its nicknames.
const nicknameList = `
abraham: abe
albert: al bert
alexander: sasha sandy alec
aleksandr: sasha
alfred: al alf fred freddie
andrew: andy drew
anthony: tony
antony: tony
barbara: barb babs
catherine: kate kathy katie cathy
katherine: kate kathy katie kathie
charles: charlie chuck chas
christopher: kit
deborah: debbie deb
dmitry: dima
dorothy: dot dottie dolly
edward: ed ted teddy ned eddie
elizabeth: liz lizzie beth betty bess bessie eliza libby betsy
eugene: gene
frances: fran fanny
francis: frank
frederick: fred freddie
gerald: jerry
harold: harry hal
henry: harry hank hal
ivan: vanya
james: jim jimmy jamie
jennifer: jen jenny
john: jack johnny jock
jonathan: jon
joseph: joe joey
judith: judy
lawrence: larry
laurence: larry
leonard: len lenny leo
margaret: peggy maggie meg marge madge greta
mary: molly polly mae
michael: mike mikey mick mickey
mikhail: misha
nicholas: nick nicky
nikolai: kolya
pavel: pasha
patricia: pat patty trish tricia
peter: pete
richard: dick rick ricky rich richie
robert: bob bobby rob robbie bert
ronald: ron ronnie
sarah: sally sadie
susan: sue susie suzy
theodore: ted teddy theo
thomas: tom tommy
timothy: tim
vladimir: volodya vova
william: bill billy will willy willie liam
yevgeny: zhenya
zachary: zach zack
`

// nicknames maps the key of a nickname to the keys of the names it
// stands for.
var nicknames = sync.OnceValue(func() map[string][]string {
	m := map[string][]string{}
	for _, line := range strings.Split(nicknameList, "\n") {
		full, nicks, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		for _, n := range strings.Fields(nicks) {
			m[nameKey(n)] = append(m[nameKey(n)], nameKey(full))
		}
	}
	return m
})

// isNickname reports whether the given name with key nick may be a
// nickname for the one with key full: a pet form of the list, or a
// truncation of three letters or more, with or without a pet ending
// ("Chris" for Christopher, "Tommy" for Thomas, "Johnny" for John).
func isNickname(nick, full string) bool {
	if nick == full || len(nick) >= len(full)+2 {
		return false
	}
	for _, f := range nicknames()[nick] {
		if f == full || similarWord(f, full) {
			return true
		}
	}
	stem := nick
	for _, end := range []string{"ie", "i", "e"} {
		if s, ok := strings.CutSuffix(nick, end); ok && len(s) >= 3 {
			stem = s
			break
		}
	}
	if len(stem) < 3 || !strings.HasPrefix(full, stem) {
		return false
	}
	// A truncation is shorter than the name by two letters or more
	// ("Eva" is not short for Evan); a pet form may be longer ("Johnny").
	return len(full) >= len(stem)+2 || stem != nick
}
