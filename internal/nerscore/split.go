package nerscore

import "hash/fnv"

// HeldOut reports whether a document is in the held-out part of its
// corpus: the name tagger never trains on it, and TestNER scores it. The
// split is by document and fixed: one document in three, by the FNV-1a
// hash of its name.
func HeldOut(d Doc) bool {
	h := fnv.New32a()
	h.Write([]byte(d.Name))
	return h.Sum32()%3 == 0
}

// Split returns the documents HeldOut keeps out, and the others.
func Split(docs []Doc) (heldOut, train []Doc) {
	for _, d := range docs {
		if HeldOut(d) {
			heldOut = append(heldOut, d)
		} else {
			train = append(train, d)
		}
	}
	return heldOut, train
}
