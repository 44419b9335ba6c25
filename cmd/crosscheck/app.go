package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/crosscheck/crosscheck/citations"
	"github.com/crosscheck/crosscheck/cmd/crosscheck/report"
	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/reuse"
	"github.com/crosscheck/crosscheck/seeds"
)

// version is the tool's version, set at build time with -ldflags "-X main.version=…".
var version = "0.1.0"

// Exit codes.
const (
	exitOK       = 0 // nothing at or above --fail-on
	exitFindings = 1 // findings at or above --fail-on
	exitUsage    = 2 // usage or input error
)

// usageError is a mistake in the command line; inputError a problem with
// the files. Both exit 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// app holds what every command shares: the streams and the global flags.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	stdoutTerminal bool
	width          int

	format      string
	failOn      string
	output      string
	quiet       bool
	include     []string
	exclude     []string
	lenient     bool
	maxFileSize string
	configPath  string
	checkRules  []string

	cfg *config // the crosscheck.toml in effect, if any

	library     *citations.Library // the --sources of check and cite, for the HTML report's citations
	pairOptions reuse.Options      // how the HTML report aligns pairs of documents (align's flags)

	exit int // set by a command that ran checks
}

// run is the whole program; main only adds the signal context and os.Exit.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr, width: 100}
	if f, ok := stdout.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		a.stdoutTerminal = true
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			a.width = w
		}
	} else if c, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && c > 0 {
		a.width = c
	}
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return a.exit
	}
	a.printError(err)
	if errors.Is(err, context.Canceled) {
		return exitUsage
	}
	return exitUsage
}

func (a *app) printError(err error) {
	var ue *usageError
	var ie *compare.InputError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(a.stderr, "crosscheck: %s\nRun 'crosscheck --help' for usage.\n", ue.msg)
	case errors.As(err, &ie):
		fmt.Fprintf(a.stderr, "crosscheck: %s\n", err)
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(a.stderr, "crosscheck: interrupted")
	default:
		fmt.Fprintf(a.stderr, "crosscheck: %s\n", err)
	}
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "crosscheck",
		Short: "Editorial QA for documents: shared passages, repeats, claims and citations",
		Long: `crosscheck reviews a set of documents: the passages they share (verbatim or lightly
edited), text repeated inside and across them, claims that overlap or contradict,
and notes and citations that do not hold up. Every finding points at exact byte
offsets, lines and columns of the original files.

With no paths, the commands review the founding corpus embedded in the binary.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version,
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usagef("%s", err) })
	pf := root.PersistentFlags()
	pf.StringVarP(&a.format, "format", "f", "table", "output format: "+strings.Join(report.Formats, ", "))
	pf.StringVar(&a.failOn, "fail-on", "warning", "exit 1 when a finding is at or above this level: info, warning, error, or none")
	pf.StringVarP(&a.output, "output", "o", "", "write the report to this file (atomically) instead of standard output")
	pf.BoolVarP(&a.quiet, "quiet", "q", false, "no notes or progress on standard error")
	pf.StringSliceVar(&a.include, "include", nil, "when walking directories, read only files matching these globs")
	pf.StringSliceVar(&a.exclude, "exclude", nil, "when walking directories, leave out files and folders matching these globs")
	pf.BoolVar(&a.lenient, "lenient", false, "replace invalid UTF-8 with U+FFFD (reported as info) instead of failing")
	pf.StringVar(&a.maxFileSize, "max-file-size", "256MiB", "largest file to read (a document takes about ten times its size in memory)")
	pf.StringVar(&a.configPath, "config", "", "settings file (default: "+configName+" in this folder or the nearest parent)")
	pf.StringSliceVar(&a.checkRules, "checks", nil, "checks to report, by ID or prefix, applied in order: all,-claims.overlap")
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error { return a.loadSettings(cmd) }
	root.AddCommand(
		a.checkCommand(),
		a.repeatsCommand(),
		a.claimsCommand(),
		a.citeCommand(),
		a.alignCommand(),
		a.explainCommand(),
		a.evalCommand(),
		a.versionCommand(),
	)
	return root
}

// loadSettings reads the config file (--config, or the nearest
// crosscheck.toml) and applies it to the flags the command line left alone.
func (a *app) loadSettings(cmd *cobra.Command) error {
	path := a.configPath
	if path == "" {
		path = findConfig(".")
		if path == "" {
			return nil
		}
	} else if _, err := os.Stat(path); err != nil {
		return usagef("--config %s: no such file", path)
	}
	known := map[string]bool{}
	flagNames(cmd.Root(), known)
	for k := range notInConfig {
		delete(known, k)
	}
	cfg, err := loadConfig(path, known)
	if err != nil {
		return err
	}
	a.cfg = cfg
	return cfg.apply(cmd)
}

func (a *app) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print crosscheck's version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintf(a.stdout, "crosscheck %s (JSON schema %d)\n", version, report.SchemaVersion)
			return nil
		},
	}
}

// parseSize reads sizes like "256MiB", "1GB", "1048576".
func parseSize(s string) (int64, error) {
	t := strings.TrimSpace(strings.ToUpper(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GIB", 1 << 30}, {"MIB", 1 << 20}, {"KIB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t = strings.TrimSpace(strings.TrimSuffix(t, u.suffix))
			mult = u.mult
			break
		}
	}
	n, err := strconv.ParseFloat(t, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("bad size %q (want a number with an optional unit: 64MiB, 1GB)", s)
	}
	return int64(n * float64(mult)), nil
}

// loadDocuments reads the paths, or the embedded seeds when there are none.
func (a *app) loadDocuments(ctx context.Context, paths []string) ([]*compare.Document, []compare.Skipped, error) {
	if len(paths) == 0 {
		docs, err := seeds.Documents()
		return docs, nil, err
	}
	max, err := parseSize(a.maxFileSize)
	if err != nil {
		return nil, nil, usagef("--max-file-size: %s", err)
	}
	res := compare.Load(ctx, paths, compare.LoadOptions{
		Include: a.include, Exclude: a.exclude, Lenient: a.lenient, MaxFileSize: max, Stdin: a.stdin,
	})
	for _, s := range res.Skipped {
		a.notef("skipped %s: %s", s.Path, s.Reason)
	}
	if len(res.Errors) > 0 {
		for _, e := range res.Errors[1:] {
			fmt.Fprintf(a.stderr, "crosscheck: %s\n", e)
		}
		return nil, nil, res.Errors[0]
	}
	if len(res.Docs) == 0 {
		return nil, nil, &compare.InputError{Path: strings.Join(paths, " "), Offset: -1,
			Msg: "nothing readable to check", Hint: "name text, Markdown or HTML files, or directories that hold them"}
	}
	return res.Docs, res.Skipped, nil
}

func (a *app) notef(format string, args ...any) {
	if !a.quiet {
		fmt.Fprintf(a.stderr, "crosscheck: note: "+format+"\n", args...)
	}
}

// review runs analyzers over the documents named by paths and writes the
// report; it sets the exit code from the findings and --fail-on.
func (a *app) review(ctx context.Context, paths []string, analyzers []*compare.Analyzer, sources []*compare.Document) error {
	failOn, failNever, err := a.failLevel()
	if err != nil {
		return err
	}
	if !validFormat(a.format) {
		return usagef("unknown format %q (want %s)", a.format, strings.Join(report.Formats, ", "))
	}
	docs, skipped, err := a.loadDocuments(ctx, paths)
	if err != nil {
		return err
	}
	rules := a.checkRules
	if len(rules) == 0 && a.cfg != nil {
		rules = a.cfg.checks
	}
	enabled, err := checkFilter(rules)
	if err != nil {
		return err
	}
	findings, err := compare.Run(ctx, analyzers, docs, sources, enabled)
	if err != nil {
		return err
	}
	if a.cfg != nil && len(a.cfg.severity) > 0 {
		for i := range findings {
			if s, ok := severityFor(a.cfg.severity, findings[i].Check); ok {
				findings[i].Severity = s
			}
		}
	}
	findings = compare.ApplyDirectives(docs, findings, allChecks())
	res := &report.Result{Tool: "crosscheck", Version: version, Docs: docs, Skipped: skipped,
		Findings: findings, Checks: allChecks()}
	if report.NeedsExtras(a.format) {
		if err := a.addReportExtras(ctx, res, sources); err != nil {
			return err
		}
	}
	if err := a.writeReport(res); err != nil {
		return err
	}
	a.exit = exitOK
	if !failNever {
		for _, f := range findings {
			if f.Severity >= failOn {
				a.exit = exitFindings
				break
			}
		}
	}
	return nil
}

func validFormat(f string) bool {
	for _, k := range report.Formats {
		if f == k {
			return true
		}
	}
	return false
}

func (a *app) failLevel() (compare.Severity, bool, error) {
	if strings.EqualFold(a.failOn, "none") || strings.EqualFold(a.failOn, "never") {
		return compare.Error, true, nil
	}
	s, err := compare.ParseSeverity(a.failOn)
	if err != nil {
		return 0, false, usagef("--fail-on: %s", err)
	}
	return s, false, nil
}

// writeReport renders to standard output, or atomically to --output.
func (a *app) writeReport(res *report.Result) error {
	opt := report.Options{Width: a.width}
	if a.output == "" || a.output == "-" {
		return report.Render(a.stdout, a.format, res, opt)
	}
	return writeFileAtomic(a.output, func(w io.Writer) error { return report.Render(w, a.format, res, opt) })
}

// writeFileAtomic writes through a temporary file in the same folder and
// renames it into place, so readers never see half a report.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	name := tmp.Name()
	defer os.Remove(name)
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := os.Chmod(name, 0o644); err != nil {
		return err
	}
	if err := os.Rename(name, path); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}
