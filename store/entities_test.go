package store

import (
	"context"
	"testing"

	"github.com/claimex/claimex"
)

func mentionClaim(key, typ, text, canonical, role string, start int) claimex.Claim {
	return claimex.Claim{Key: key, Kind: claimex.KindEntity, EntityType: typ, Canonical: canonical, Role: role, Text: text,
		Start: start, End: start + len(text), SentenceStart: 0, SentenceEnd: 40, Rule: "test"}
}

func TestEntityResolutionTables(t *testing.T) {
	ctx := context.Background()
	st := openTemp(t)
	run, err := st.BeginRun(ctx, claimex.RunIngest, RunRules{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = st.WriteEntries(ctx, run, []Entry{
		entry(t, "a.txt", "Serik Shalabayev said so. Mr Shalabayev left.",
			mentionClaim("a1", claimex.Person, "Serik Shalabayev", "Serik Shalabayev", "prosecutor", 0),
			mentionClaim("a2", claimex.Person, "Shalabayev", "Serik Shalabayev", "", 29)),
		entry(t, "b.txt", "Serik Shalabaev agreed.",
			mentionClaim("b1", claimex.Person, "Serik Shalabaev", "Serik Shalabaev", "", 0)),
	})
	if err != nil {
		t.Fatal(err)
	}
	uses, err := st.EntityNameUses(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(uses) != 2 || uses[0].Name != "Serik Shalabaev" || uses[1].Name != "Serik Shalabayev" || uses[1].Mentions != 2 {
		t.Fatalf("uses = %+v", uses)
	}

	// Before resolution, each document's name stands; after, the resolved one.
	canon := func() map[string]string {
		out := map[string]string{}
		st.Claims(ctx, ClaimFilter{Kind: claimex.KindEntity}, func(v ClaimView) error {
			out[v.Key] = v.Canonical
			return nil
		})
		return out
	}
	if c := canon(); c["b1"] != "Serik Shalabaev" || c["a2"] != "Serik Shalabayev" {
		t.Errorf("before resolution: %v", c)
	}
	if err := st.ReplaceEntityNames(ctx, []claimex.EntityName{
		{Name: "Serik Shalabayev", Canonical: "Serik Shalabayev", Type: claimex.Person},
		{Name: "Serik Shalabaev", Canonical: "Serik Shalabayev", Type: claimex.Person},
	}, 1); err != nil {
		t.Fatal(err)
	}
	if c := canon(); c["b1"] != "Serik Shalabayev" || c["a1"] != "Serik Shalabayev" {
		t.Errorf("after resolution: %v", c)
	}

	ents, err := st.Entities(ctx, EntityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 1 || ents[0].Mentions != 3 || ents[0].Documents != 2 || len(ents[0].Variants) != 3 ||
		len(ents[0].Roles) != 1 || ents[0].Roles[0] != "prosecutor" {
		t.Errorf("entities = %+v", ents)
	}
	if ents, _ := st.Entities(ctx, EntityFilter{Type: claimex.Org}); len(ents) != 0 {
		t.Errorf("ORG filter gave %+v", ents)
	}
	if ents, _ := st.Entities(ctx, EntityFilter{Name: "shalabaev"}); len(ents) != 1 {
		t.Errorf("name filter by a variant gave %+v", ents)
	}

	for typed, want := range map[string]string{"Serik Shalabaev": "Serik Shalabaev", "Shalabayev": "Serik Shalabayev"} {
		got, ok, err := st.EntityName(ctx, typed)
		if err != nil || !ok || got != want {
			t.Errorf("EntityName(%q) = %q, %v, %v; want %q", typed, got, ok, err, want)
		}
	}
	if _, ok, _ := st.EntityName(ctx, "Nobody"); ok {
		t.Error("EntityName found Nobody")
	}

	if _, err := st.AddEntityCorrection(ctx, claimex.EntityCorrection{Kind: claimex.Split, A: "Serik Shalabaev", Reviewer: "ana"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddEntityCorrection(ctx, claimex.EntityCorrection{Kind: "rename", A: "x", Reviewer: "ana"}); err == nil {
		t.Error("an unknown correction kind was stored")
	}
	cs, err := st.EntityCorrections(ctx)
	if err != nil || len(cs) != 1 || cs[0].Kind != claimex.Split || cs[0].Reviewer != "ana" || cs[0].CreatedAt.IsZero() {
		t.Errorf("corrections = %+v, %v", cs, err)
	}
}
