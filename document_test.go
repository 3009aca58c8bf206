package claimex

import "testing"

func TestDocumentBody(t *testing.T) {
	tests := []struct {
		text  string
		start int
		want  string
	}{
		{"Headline\n\nBody text.", 10, "Body text."},
		{"Алматы: 225\n\nТело.", 13, "Тело."},
		{"Body only.", 0, "Body only."},
		{"short", 99, ""},
	}
	for _, tt := range tests {
		if got := (Document{Text: tt.text, BodyStart: tt.start}).Body(); got != tt.want {
			t.Errorf("Body(%q, %d) = %q, want %q", tt.text, tt.start, got, tt.want)
		}
	}
}
