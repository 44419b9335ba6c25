package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/crosscheck/crosscheck/citations"
	"github.com/crosscheck/crosscheck/cmd/crosscheck/report"
	"github.com/crosscheck/crosscheck/compare"
	"github.com/crosscheck/crosscheck/compare/input"
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

	format       string
	failOn       string
	output       string
	quiet        bool
	include      []string
	exclude      []string
	lenient      bool
	maxFileSize  string
	maxFindings  int
	maxTotalSize string
	configPath   string
	checkRules   []string
	baselinePath string

	cfg *config // the crosscheck.toml in effect, if any

	library     *citations.Library // the --sources of check and cite, for the HTML report's citations
	pairOptions reuse.Options      // how the HTML report aligns pairs of documents (align's flags)

	exit int // set by a command that ran checks

	guard outputGuard // the files this run writes, which it must not read

	memoryBudget float64 // when > 0, keep the heap near this multiple of the input (memory.go)

	indexDSN       string        // --index of the index commands (index.go)
	against        string        // --against: the archive to compare with (against.go)
	againstWhere   string        // --against resolved by useArchive
	archiveOptions reuse.Options // the alignment options the archive is looked up for
	archiveAll     bool          // compare every archived candidate, not only those sharing a passage (claims)
	resultsDSN     string        // --index of check: where findings are kept (resultcache.go)
	resultsWhere   string        // --index resolved by useResultCache
	resultsOptions string        // the flags that change the analyses, for the cache's keys
}

// run is the whole program; main only adds the signal context and
// os.Exit. A run cancelled by a signal (see interrupted) exits 128 plus
// the signal's number.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr, width: 100, memoryBudget: defaultMemoryBudget}
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
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return a.exit
	}
	a.printError(err, cmd)
	if code, ok := interruptedExit(ctx); ok {
		return code // 130 or 143: the run stopped because it was told to
	}
	return exitUsage
}

// printError writes err as one line on standard error (made safe by
// errorText); mistakes in the command line get a second line naming the
// help to read.
func (a *app) printError(err error, cmd *cobra.Command) {
	var ue *usageError
	var ie *compare.InputError
	msg := errorText(err)
	path := "crosscheck"
	if cmd != nil {
		path = cmd.CommandPath()
	}
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(a.stderr, "crosscheck: %s\nRun '%s --help' for usage.\n", errorText(ue), path)
	case errors.As(err, &ie):
		fmt.Fprintf(a.stderr, "crosscheck: %s\n", msg)
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(a.stderr, "crosscheck: interrupted")
	case strings.HasPrefix(msg, "unknown command") && path == "crosscheck":
		fmt.Fprintf(a.stderr, "crosscheck: %s\nRun 'crosscheck --help' for the commands.\n", msg)
	case cobraUsageError(msg):
		if sub := strings.TrimPrefix(path, "crosscheck "); sub != path && !strings.Contains(msg, path) {
			msg = sub + ": " + msg
		}
		fmt.Fprintf(a.stderr, "crosscheck: %s\nRun '%s --help' for usage.\n", msg, path)
	default:
		fmt.Fprintf(a.stderr, "crosscheck: %s\n", msg)
	}
}

// cobraUsageError recognises cobra's own complaints about arguments, which
// come back as plain errors.
func cobraUsageError(msg string) bool {
	for _, p := range []string{"unknown command", "accepts ", "requires ", "invalid argument"} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
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
	pf.StringVar(&a.maxTotalSize, "max-total-size", "", "most bytes to read in all, over every file of a run (empty: no limit beyond --max-file-size)")
	pf.IntVar(&a.maxFindings, "max-findings", compare.DefaultMaxFindings, "most findings to report, the first in file order (0: no limit)")
	pf.StringVar(&a.configPath, "config", "", "settings file (default: "+configName+" in this folder or the nearest parent)")
	pf.StringSliceVar(&a.checkRules, "checks", nil, "checks to report, by ID or prefix, applied in order: all,-claims.overlap")
	pf.StringVar(&a.baselinePath, "baseline", "", "report only findings not in this baseline (written by 'crosscheck baseline write')")
	markPath(pf, "baseline")
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		if err := a.loadSettings(cmd); err != nil {
			return err
		}
		if err := a.checkNumericFlags(cmd); err != nil {
			return err
		}
		a.guard.add("--output", a.output)
		if a.cfg != nil {
			return a.guard.check("the configuration", a.cfg.path)
		}
		return nil
	}
	fixed := func(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return values, cobra.ShellCompDirectiveNoFileComp
		}
	}
	_ = root.RegisterFlagCompletionFunc("format", fixed(report.Formats...))
	_ = root.RegisterFlagCompletionFunc("fail-on", fixed("info", "warning", "error", "none"))
	root.AddCommand(
		a.checkCommand(),
		a.repeatsCommand(),
		a.claimsCommand(),
		a.citeCommand(),
		a.alignCommand(),
		a.explainCommand(),
		a.evalCommand(),
		a.baselineCommand(),
		a.indexCommand(),
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

// maxSize is the largest size a size flag takes: far more than any run
// could read (a document takes about ten times its size in memory), and
// well inside int64.
const maxSize = 1 << 40

// parseSize reads sizes like "256MiB", "1GB", "1048576", from 1 byte to
// 1024GiB.
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
	if err != nil || math.IsNaN(n) || n <= 0 {
		return 0, fmt.Errorf("bad size %q (want a number with an optional unit: 64MiB, 1GB)", s)
	}
	if b := n * float64(mult); b < 1 || b > maxSize {
		return 0, fmt.Errorf("size %q is out of range (want 1 byte to 1024GiB)", s)
	}
	return int64(n * float64(mult)), nil
}

// files is the input layer with the limits the flags set, for code that
// reads files of its own (the sources library, evaluations); what names
// the files in the message that refuses one the run writes to.
func (a *app) files(what string) (input.Loader, error) {
	budget, err := a.budget()
	if err != nil {
		return input.Loader{}, err
	}
	return input.Loader{Options: input.LoadOptions{Lenient: a.lenient, Stdin: a.stdin,
		MaxFileSize: budget.MaxFileBytes, MaxTotalBytes: budget.MaxTotalBytes,
		Avoid: a.guard.avoider(what)}}, nil
}

// loadDocuments reads the paths, or the embedded seeds when there are none.
// Files passed over (binary, hidden, not text) are noted on standard error;
// input errors stop the run, after every one of them has been printed.
func (a *app) loadDocuments(ctx context.Context, paths []string, budget compare.Budget, loaded func(string, int64)) ([]*compare.Document, []compare.Skipped, error) {
	if len(paths) == 0 {
		docs, err := seeds.Documents()
		return docs, nil, err
	}
	if err := a.guard.checkStdin(a.stdin, paths); err != nil {
		return nil, nil, err
	}
	res, err := orCancel(ctx, func() (*compare.LoadResult, error) {
		return input.Load(ctx, paths, input.LoadOptions{
			Include: a.include, Exclude: a.exclude, Lenient: a.lenient, Stdin: a.stdin,
			MaxFileSize: budget.MaxFileBytes, MaxTotalBytes: budget.MaxTotalBytes,
			Loaded: loaded, Avoid: a.guard.avoider("the input document"),
		}), nil
	})
	if err != nil {
		return nil, nil, err // cancelled while reading
	}
	if len(res.Errors) > 0 {
		for _, s := range res.Skipped {
			a.notef("skipped %s: %s", s.Path, s.Reason)
		}
		last := len(res.Errors) - 1 // printed by the caller, so the messages keep the order of the paths
		for _, e := range res.Errors[:last] {
			fmt.Fprintf(a.stderr, "crosscheck: %s\n", errorText(e))
		}
		return nil, nil, res.Errors[last]
	}
	if len(res.Docs) == 0 {
		return nil, nil, a.nothingReadable(res.Skipped)
	}
	for _, s := range res.Skipped {
		a.notef("skipped %s: %s", s.Path, s.Reason)
	}
	for _, d := range res.Docs {
		if d.Size() == 0 {
			a.notef("%s is empty", d.Path)
		}
	}
	return res.Docs, res.Skipped, nil
}

// nothingReadable explains a run in which every path was skipped: the one
// reason, or how many were skipped, each reason in a note.
func (a *app) nothingReadable(skipped []compare.Skipped) error {
	const hint = "name text, Markdown or HTML files, or folders that hold them; --include reads other names"
	if len(skipped) == 1 {
		return &compare.InputError{Path: skipped[0].Path, Offset: -1,
			Msg: "skipped: " + skipped[0].Reason + "; nothing left to check", Hint: hint}
	}
	for _, s := range skipped {
		a.notef("skipped %s: %s", s.Path, s.Reason)
	}
	why := "the notes above say why"
	if a.quiet {
		why = "run without --quiet to see why"
	}
	return fmt.Errorf("nothing readable to check: all %d inputs were skipped (%s; %s)", len(skipped), why, hint)
}

// notef writes a note on standard error, unless --quiet: one line, made
// safe as a whole, since its arguments are file names and what the input
// layer says about them.
func (a *app) notef(format string, args ...any) {
	if !a.quiet {
		fmt.Fprintf(a.stderr, "crosscheck: note: %s\n", report.Safe(report.Terminal, fmt.Sprintf(format, args...)))
	}
}

// review runs analyzers over the documents named by paths and writes the
// report as the findings come through the sink chain; it sets the exit
// code from the findings and --fail-on.
func (a *app) review(ctx context.Context, paths []string, analyzers []*compare.Analyzer, sources []*compare.Document) error {
	failOn, failNever, err := a.failLevel()
	if err != nil {
		return err
	}
	if !validFormat(a.format) {
		return usagef("unknown format %q (want %s)", a.format, strings.Join(report.Formats, ", "))
	}
	if err := checkOutputPath("--output", a.output); err != nil {
		return err // before the checks run, not after
	}
	budget, err := a.budget()
	if err != nil {
		return err
	}
	var base *baseline
	if a.baselinePath != "" {
		if base, err = readBaseline(a.baselinePath, a.baselineOptions(budget)); err != nil {
			return err
		}
	}
	filters, err := a.filters()
	if err != nil {
		return err
	}
	prog := a.newProgress()
	defer prog.close()
	docs, skipped, err := a.loadDocuments(ctx, paths, budget, prog.loaded)
	if err != nil {
		return err
	}
	arch, err := a.openArchive(ctx, docs, budget)
	if err != nil {
		return err
	}
	docs, analyzers = arch.with(docs), arch.analyzers(analyzers)
	softMemoryLimit(docs, a.memoryBudget)

	head := report.Head{Tool: "crosscheck", Version: version, Docs: docs, Skipped: skipped, Checks: allChecks()}
	opt := report.Options{Width: a.width}
	if report.NeedsExtras(a.format) {
		extras := a.extrasAnalyzer(ctx, sources)
		analyzers = append(append([]*compare.Analyzer(nil), analyzers...), extras.analyzer)
		opt.Extras = extras.compute
	}
	out, err := a.openOutput(ctx)
	if err != nil {
		return err
	}
	defer out.discard() // a no-op once committed

	// The sink chain, from the renderer back to what the analyzers report
	// into: enabled checks → severity → ignore directives → baseline →
	// every finding counted (for the exit code) → cap and sort → the
	// findings shown counted → the renderer.
	var limit *compare.SortedSink
	opt.Dropped = func() int { return limit.Dropped() }
	render, err := report.New(out.w, a.format, head, opt)
	if err != nil {
		return err
	}
	shown := &tally{next: render, before: prog.close} // the report starts: clear the progress line
	limit = compare.Cap(budget, shown)
	all := &tally{next: limit}
	var sink compare.Sink = all
	var held *baselineStage
	if base != nil {
		held = base.stage(sink)
		sink = held
	}
	sink = arch.stage(filters(docs, sink))

	cache, err := a.openResultCache(ctx, docs, sources, analyzers, arch)
	if err != nil {
		return err
	}
	defer cache.close()
	analyzers, sink = cache.plan(analyzers, sink)

	prog.checking(len(docs), len(analyzers))
	if err := compare.Run(ctx, analyzers, docs, sources, budget, sink, compare.OnFinished(prog.finished)); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err // cancelled as the report was written: keep no part of it
	}
	cache.store(ctx)
	if held != nil && held.hidden > 0 {
		a.notef("%d finding(s) not shown: already in the baseline %s", held.hidden, a.baselinePath)
	}
	if n := limit.Dropped(); n > 0 {
		a.notef("%d more finding(s) not shown: the report stops at --max-findings %d; raise it, or give 0 for no limit", n, budget.MaxFindings)
	}
	if err := out.commit(); err != nil {
		return err
	}
	if a.output != "" && a.output != "-" {
		a.notef("wrote %s: %s", a.output, report.SummaryLine(len(docs), len(skipped), shown.counts))
	}
	a.exit = exitOK
	if !failNever && all.counts.Findings > 0 && all.worst >= failOn {
		a.exit = exitFindings
	}
	return nil
}

// budget builds the run's limits from the flags and the config.
func (a *app) budget() (compare.Budget, error) {
	b := compare.DefaultBudget()
	size, err := parseSize(a.maxFileSize)
	if err != nil {
		return b, usagef("--max-file-size: %s", err)
	}
	b.MaxFileBytes = size
	if a.maxTotalSize != "" {
		total, err := parseSize(a.maxTotalSize)
		if err != nil {
			return b, usagef("--max-total-size: %s", err)
		}
		b.MaxTotalBytes = total
	}
	if a.maxFindings < 0 {
		return b, usagef("--max-findings must be 0 (no limit) or more, got %d", a.maxFindings)
	}
	b.MaxFindings = a.maxFindings
	return b, nil
}

// filters returns the first stages of the sink chain for the documents:
// the checks --checks and the config turn on, at the severities the
// config sets, less what ignore directives in the documents silence.
func (a *app) filters() (func(docs []*compare.Document, next compare.Sink) compare.Sink, error) {
	rules := a.checkRules
	if len(rules) == 0 && a.cfg != nil {
		rules = a.cfg.checks
	}
	enabled, err := checkFilter(rules)
	if err != nil {
		return nil, err
	}
	var severity map[string]compare.Severity
	if a.cfg != nil {
		severity = a.cfg.severity
	}
	return func(docs []*compare.Document, next compare.Sink) compare.Sink {
		sink := compare.Directives(docs, allChecks(), next)
		if len(severity) > 0 {
			sink = compare.Map(func(f *compare.Finding) {
				if s, ok := severityFor(severity, f.Check); ok {
					f.Severity = s
				}
			}, sink)
		}
		if enabled != nil {
			sink = compare.Filter(func(f *compare.Finding) bool { return enabled(f.Check) }, sink)
		}
		return sink
	}, nil
}

// collect loads the documents and runs the analyzers through the same
// filters as review (enabled checks, severities, ignore directives), and
// returns every finding: no baseline, no cap.
func (a *app) collect(ctx context.Context, paths []string, analyzers []*compare.Analyzer, sources []*compare.Document) (*report.Result, error) {
	budget, err := a.budget()
	if err != nil {
		return nil, err
	}
	filters, err := a.filters()
	if err != nil {
		return nil, err
	}
	prog := a.newProgress()
	defer prog.close()
	docs, skipped, err := a.loadDocuments(ctx, paths, budget, prog.loaded)
	if err != nil {
		return nil, err
	}
	softMemoryLimit(docs, a.memoryBudget)
	prog.checking(len(docs), len(analyzers))
	var found compare.Collector
	if err := compare.Run(ctx, analyzers, docs, sources, budget, filters(docs, &found), compare.OnFinished(prog.finished)); err != nil {
		return nil, err
	}
	return &report.Result{Tool: "crosscheck", Version: version, Docs: docs, Skipped: skipped,
		Findings: found.Findings, Checks: allChecks()}, nil
}

// tally is a sink stage that counts the findings passing through it by
// severity and notes the worst, then passes them on. before, when set, is
// called once, before the first finding or the end reaches next.
type tally struct {
	next   compare.Sink
	before func()
	counts report.Summary
	worst  compare.Severity
}

func (t *tally) start() {
	if t.before != nil {
		t.before()
		t.before = nil
	}
}

func (t *tally) Put(f compare.Finding) error {
	t.start()
	t.counts.Add(&f)
	t.worst = max(t.worst, f.Severity)
	return t.next.Put(f)
}

// Admits passes the question on to the cap (see compare.Admitter).
func (t *tally) Admits(f *compare.Finding) bool { return compare.Admits(t.next, f) }

func (t *tally) Close() error {
	t.start()
	return t.next.Close()
}

func (t *tally) Abort(err error) { compare.Abort(t.next, err) }

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
