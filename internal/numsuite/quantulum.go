package numsuite

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// quantulumFiles are quantulum3's English quantity tests.
var quantulumFiles = []string{"quantities.json", "quantities.ambiguity.json"}

// readQuantulum reads quantulum3's English quantity tests: each sentence
// ("req") with the quantities found in it ("res": value, unit, surface).
// A quantity whose unit is "dimensionless" is a bare number.
func readQuantulum(dir string) ([]candidate, error) {
	var out []candidate
	for _, name := range quantulumFiles {
		path := filepath.Join(dir, "quantulum3", "_lang", "en_US", "tests", name)
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		rel, _ := filepath.Rel(filepath.Dir(dir), path)
		var tests []struct {
			Req string `json:"req"`
			Res []struct {
				Value       float64  `json:"value"`
				Unit        string   `json:"unit"`
				Surface     string   `json:"surface"`
				Uncertainty *float64 `json:"uncertainty"`
			} `json:"res"`
		}
		if err := json.Unmarshal(data, &tests); err != nil {
			return nil, fmt.Errorf("%s: %w", rel, err)
		}
		for i, t := range tests {
			for _, q := range t.Res {
				c := candidate{source: fmt.Sprintf("%s#%d", rel, i), text: q.Surface, value: q.Value, hasValue: true}
				switch {
				case q.Unit != "dimensionless":
					c.excluded = reasonUnit
				case q.Uncertainty != nil:
					// "7 to 10" is given as 8.5 ± 1.5: a range's midpoint.
					c.excluded = reasonRange
				}
				out = append(out, c)
			}
		}
	}
	return out, nil
}
