package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input"
	"github.com/crosscheck/crosscheck/compare/tomlguard"
)

// configName is the file crosscheck looks for in the working directory
// and its parents.
const configName = "crosscheck.toml"

// maxConfigSize is the largest configuration file read: the TOML
// pre-check's limit.
const maxConfigSize = tomlguard.MaxBytes

// pathAnnotation marks flags whose values are paths: in a config file they
// are taken relative to the file's folder.
const pathAnnotation = "crosscheck/path"

// config is a crosscheck.toml. Its keys are the long flag names of the
// commands (min-words = 12, fail-on = "error", include = ["**/*.md"], …), so
// every threshold a flag sets can be set here too, plus two of its own:
//
//	checks = ["all", "-claims.overlap"]   # on/off by ID or prefix, in order
//	[severity]
//	"repeat.stutter" = "error"            # by ID or prefix; the longest wins
//
// Flags given on the command line win over the file.
type config struct {
	path     string
	checks   []string
	severity map[string]compare.Severity
	values   map[string]any // flag name → value
}

// configFile returns the path of the config file in effect, or "".
func (a *app) configFile() string {
	if a.cfg == nil {
		return ""
	}
	return a.cfg.path
}

// findConfig returns the nearest crosscheck.toml from dir upwards, or "".
func findConfig(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(dir, configName)
		if _, err := os.Stat(p); err == nil {
			return p // not a regular file (a pipe, a folder): loadConfig says so
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// loadConfig reads a config file; known says which flag names exist.
// Unknown keys are errors that name the key and the file.
func loadConfig(path string, known map[string]bool) (*config, error) {
	// a configuration is small: 1 MiB is far more than any real one, and
	// keeps a huge file named as config from being read (devices and pipes
	// are refused whatever their size)
	text, err := input.ReadFile(path, input.LoadOptions{MaxFileSize: maxConfigSize,
		SizeHint: "a configuration is at most 1 MiB, whatever --max-file-size says"})
	if err != nil {
		return nil, usagef("%s", err)
	}
	// the TOML library's memory grows with the square of the nesting
	// depth: refuse deep or large texts before it sees them
	if err := tomlguard.Check(text); err != nil {
		return nil, usagef("%s: %s", path, err)
	}
	raw := map[string]any{}
	if _, err := toml.Decode(string(text), &raw); err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, usagef("%s:%d: %s", path, perr.Position.Line, perr.Message)
		}
		return nil, usagef("%s: %s", path, err)
	}
	c := &config{path: path, severity: map[string]compare.Severity{}, values: map[string]any{}}
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := raw[k]
		switch {
		case k == "checks":
			list, ok := stringList(v)
			if !ok {
				return nil, usagef("%s: checks must be a list of check IDs or prefixes, like [\"all\", \"-claims.overlap\"]", path)
			}
			c.checks = list
		case k == "severity":
			tbl, ok := v.(map[string]any)
			if !ok {
				return nil, usagef("%s: severity must be a table, like [severity] \"repeat.stutter\" = \"error\"", path)
			}
			for id, sv := range tbl {
				s, ok := sv.(string)
				if !ok {
					return nil, usagef("%s: severity.%s must be \"info\", \"warning\" or \"error\"", path, id)
				}
				sev, err := compare.ParseSeverity(s)
				if err != nil {
					return nil, usagef("%s: severity.%s: %s", path, id, err)
				}
				c.severity[id] = sev
			}
		case known[k]:
			c.values[k] = v
		default:
			return nil, usagef("%s: unknown key %q (keys are long flag names such as min-words or fail-on, plus checks and severity)", path, k)
		}
	}
	return c, nil
}

func stringList(v any) ([]string, bool) {
	arr, ok := v.([]any)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(arr))
	for _, e := range arr {
		s, ok := e.(string)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// flagNames collects every long flag name of cmd and its subcommands.
func flagNames(cmd *cobra.Command, into map[string]bool) {
	for _, fs := range []*pflag.FlagSet{cmd.Flags(), cmd.PersistentFlags()} {
		fs.VisitAll(func(f *pflag.Flag) { into[f.Name] = true })
	}
	for _, sub := range cmd.Commands() {
		flagNames(sub, into)
	}
}

// notInConfig are flags that make no sense in a shared file.
var notInConfig = map[string]bool{"help": true, "version": true, "config": true, "output": true}

// apply sets the flags of cmd that the command line left alone.
func (c *config) apply(cmd *cobra.Command) error {
	names := make([]string, 0, len(c.values))
	for k := range c.values {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		f := cmd.Flag(name)
		if f == nil || f.Changed {
			continue // another command's flag, or given on the command line
		}
		var vals []string
		switch v := c.values[name].(type) {
		case []any:
			for _, e := range v {
				vals = append(vals, fmt.Sprint(e))
			}
		default:
			vals = []string{fmt.Sprint(v)}
		}
		if _, isPath := f.Annotations[pathAnnotation]; isPath {
			for i, p := range vals {
				if !filepath.IsAbs(p) && p != "-" {
					vals[i] = filepath.Join(filepath.Dir(c.path), p)
				}
			}
		}
		var err error
		if sv, ok := f.Value.(pflag.SliceValue); ok {
			err = sv.Replace(vals)
		} else if len(vals) == 1 {
			err = f.Value.Set(vals[0])
		} else {
			err = fmt.Errorf("takes one value, not a list")
		}
		if err != nil {
			return usagef("%s: %s: %s", c.path, name, err)
		}
	}
	return nil
}

// checkFilter turns rules like ["all", "-claims.overlap"] into a predicate.
// Rules apply in order; the last that matches a check decides. A list that
// starts with a removal starts from every check.
func checkFilter(rules []string) (func(*compare.Check) bool, error) {
	if len(rules) == 0 {
		return nil, nil
	}
	for _, r := range rules {
		id := strings.TrimPrefix(strings.TrimPrefix(r, "-"), "+")
		if id != "all" && !knownCheckPrefix(id) {
			return nil, usagef("checks: no check %q ('crosscheck explain' lists them)", id)
		}
	}
	startAll := strings.HasPrefix(rules[0], "-")
	return func(c *compare.Check) bool {
		on := startAll
		for _, r := range rules {
			neg := strings.HasPrefix(r, "-")
			id := strings.TrimPrefix(strings.TrimPrefix(r, "-"), "+")
			if id == "all" || c.ID == id || strings.HasPrefix(c.ID, id+".") {
				on = !neg
			}
		}
		return on
	}, nil
}

func knownCheckPrefix(id string) bool {
	for _, c := range allChecks() {
		if c.ID == id || strings.HasPrefix(c.ID, id+".") {
			return true
		}
	}
	return false
}

// severityFor returns the configured severity of a check: the override with
// the longest matching ID or prefix, if any.
func severityFor(overrides map[string]compare.Severity, c *compare.Check) (compare.Severity, bool) {
	best := -1
	var sev compare.Severity
	for id, s := range overrides {
		if (c.ID == id || strings.HasPrefix(c.ID, id+".")) && len(id) > best {
			best, sev = len(id), s
		}
	}
	return sev, best >= 0
}
