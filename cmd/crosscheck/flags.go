package main

import (
	"fmt"
	"math"
	"strconv"

	"github.com/spf13/cobra"
)

// numericRange is the values a numeric flag (or the config key of the
// same name) accepts. The bounds keep a value from meaning something else
// in silence (the analyzers read 0 or less as "the default") and a
// configuration in a pull request from asking for work without end (a
// stutter phrase of a billion words makes that check quadratic).
type numericRange struct {
	name     string
	min, max float64
	openMin  bool   // min itself is refused
	want     string // the range in words, for the message
}

// numericFlags lists every numeric flag of every command.
var numericFlags = []numericRange{
	{name: "max-findings", min: 0, max: math.MaxInt32, want: "0 (no limit) or more"},
	{name: "min-words", min: 1, max: 100_000, want: "between 1 and 100000"},
	{name: "max-gap", min: 1, max: 200, want: "between 1 and 200"},
	{name: "seed-words", min: 2, max: 16, want: "between 2 and 16"},
	{name: "stutter-max-words", min: 1, max: 100, want: "between 1 and 100"},
	{name: "min-similarity", min: 0, max: 1, openMin: true, want: "more than 0 and at most 1"},
	{name: "min-confidence", min: 0, max: 1, want: "between 0 and 1"},
	{name: "workers", min: 1, max: 64, want: "between 1 and 64"},
	{name: "boilerplate-docs", min: 0, max: 1_000_000, want: "0 (at least 4 and half of the documents) or more"},
}

// checkNumericFlags refuses a numeric flag of cmd outside its range,
// whether it was given on the command line or in the config file; and a
// size flag that is not a size.
func (a *app) checkNumericFlags(cmd *cobra.Command) error {
	for _, r := range numericFlags {
		f := cmd.Flags().Lookup(r.name)
		if f == nil {
			continue
		}
		v, err := strconv.ParseFloat(f.Value.String(), 64)
		if err == nil && !math.IsNaN(v) && v >= r.min && v <= r.max && !(r.openMin && v == r.min) {
			continue
		}
		return usagef("%s must be %s, got %s", a.flagSource(f.Name, f.Changed), r.want, f.Value.String())
	}
	_, err := a.budget() // --max-file-size, --max-total-size
	return err
}

// flagSource names a flag in a message: "--name" when it was given on the
// command line, "FILE: name" when it comes from the config file.
func (a *app) flagSource(name string, changed bool) string {
	if !changed && a.cfg != nil {
		if _, ok := a.cfg.values[name]; ok {
			return fmt.Sprintf("%s: %s", a.cfg.path, name)
		}
	}
	return "--" + name
}
