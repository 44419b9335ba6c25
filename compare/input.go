package compare

import "context"

// CheckReplacedBytes reports bytes that --lenient replaced.
var CheckReplacedBytes = &Check{
	ID:       "input.invalid-utf8",
	Title:    "Invalid UTF-8 replaced",
	Severity: Info,
	Help: `The file holds bytes that are not valid UTF-8 (or UTF-16 with a BOM). Because --lenient ` +
		`was given, each bad byte was read as U+FFFD and the checks went on; offsets still point at the ` +
		`original bytes. Convert the file to UTF-8 to make the finding go away.`,
}

// InputAnalyzer reports what happened to the input while it was read.
func InputAnalyzer() *Analyzer {
	return &Analyzer{
		Name:   "input",
		Doc:    "Problems met while reading the files.",
		Checks: []*Check{CheckReplacedBytes},
		Run: func(ctx context.Context, p *Pass) (any, error) {
			for _, d := range p.Docs {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
				// one finding per run of adjacent bad bytes
				for i := 0; i < len(d.Replaced); {
					j := i + 1
					for j < len(d.Replaced) && d.Replaced[j] <= d.Replaced[j-1]+1 {
						j++
					}
					n := j - i
					f := Finding{Check: CheckReplacedBytes, Severity: CheckReplacedBytes.Severity,
						Message:  "invalid UTF-8: " + itoa(n) + " byte(s) replaced with U+FFFD",
						Location: Location{Doc: d, Span: Span{d.Replaced[i], d.Replaced[j-1] + 1}}}
					p.Report(f)
					i = j
				}
			}
			return nil, nil
		},
	}
}
