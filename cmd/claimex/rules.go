package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/claimex/claimex/rules"
)

func (a *app) rules(ctx context.Context, args []string) error {
	fs := a.flags("rules")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return usagef("say show or check FILE")
	}
	switch rest[0] {
	case "show":
		if len(rest) > 1 {
			return usagef("show takes no arguments")
		}
		_, err := a.stdout.Write(rules.DefaultText())
		return err
	case "check":
		if len(rest) != 2 {
			return usagef("check takes one rules file")
		}
		r, err := rules.Load(rest[1])
		if err != nil {
			var errs rules.Errors
			if errors.As(err, &errs) {
				for _, e := range errs {
					fmt.Fprintln(a.stderr, e)
				}
				return failedInputs{len(errs)}
			}
			return err
		}
		st := r.Stats()
		fmt.Fprintf(a.stdout, "%s: ok (%d categories with %d triggers, %d qualifier phrases, %d other words and phrases, %d boilerplate lines, %d patterns)\n",
			rest[1], st.Categories, st.Triggers, st.Qualifiers, st.Words, st.Lines, st.Patterns)
		return nil
	}
	return usagef("unknown rules command %q: say show or check FILE", rest[0])
}
