// Package storetest holds test helpers that read a store: what it holds,
// by hash and key, to compare two databases that should agree.
package storetest

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/store"
)

// Contents describes what a store holds by hash and key, sorted: each
// document's hash, and each current claim as its document's hash, key,
// kind, category, value and text.
func Contents(tb testing.TB, st *store.Store) (docs, claims []string) {
	tb.Helper()
	ctx := context.Background()
	hashOf := map[int64]string{}
	err := st.Documents(ctx, false, func(d claimex.Document) error {
		hashOf[d.ID] = d.Hash
		docs = append(docs, d.Hash)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	err = st.Claims(ctx, store.ClaimFilter{}, func(v store.ClaimView) error {
		value := "-"
		if v.Value != nil {
			value = fmt.Sprint(*v.Value)
		}
		claims = append(claims, fmt.Sprintf("%s %s %s %s %s %s", hashOf[v.DocumentID], v.Key, v.Kind, v.Category, value, v.Text))
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	slices.Sort(docs)
	slices.Sort(claims)
	return docs, claims
}
