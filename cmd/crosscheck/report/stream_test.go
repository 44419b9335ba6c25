package report

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/compare"
)

// recorder is a writer that records each write.
type recorder struct {
	writes []string
}

func (r *recorder) Write(p []byte) (int, error) {
	r.writes = append(r.writes, string(p))
	return len(p), nil
}

func (r *recorder) String() string { return strings.Join(r.writes, "") }

func headOf(r *Result) Head {
	checks, _ := rules(r)
	return Head{Tool: r.Tool, Version: r.Version, Docs: r.Docs, Skipped: r.Skipped, Checks: checks}
}

// TestStreaming: the streaming formats have written the first finding
// before Close, and write the same bytes as Render.
func TestStreaming(t *testing.T) {
	res := fixture(t)
	first := res.Findings[0]
	for _, tc := range []struct{ format, want string }{
		{"json", `"fingerprint": "` + Fingerprint(first) + `"`},
		{"sarif", `"ruleId": "` + first.Check.ID + `"`},
		{"text", first.Check.ID},
		{"csv", first.Check.ID},
		{"github", first.Check.ID},
		{"rdjsonl", first.Check.ID},
		{"markdown", first.Check.ID},
	} {
		t.Run(tc.format, func(t *testing.T) {
			var w recorder
			s, err := New(&w, tc.format, headOf(res), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(w.writes) != 0 {
				t.Fatalf("wrote %q before the first finding", w.String())
			}
			if err := s.Put(first); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(w.String(), tc.want) {
				t.Fatalf("after the first finding, wrote %q; want it to hold %q", w.String(), tc.want)
			}
			for _, f := range res.Findings[1:] {
				if err := s.Put(f); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			var whole bytes.Buffer
			if err := Render(&whole, tc.format, res, Options{}); err != nil {
				t.Fatal(err)
			}
			if w.String() != whole.String() {
				t.Errorf("streamed output differs from Render's:\n%s\n---\n%s", w.String(), whole.String())
			}
		})
	}
}

// TestAbortWritesNoSummary: an aborted renderer writes no end to the
// report, and nothing at all when no finding reached it.
func TestAbortWritesNoSummary(t *testing.T) {
	res := fixture(t)
	for _, format := range Formats {
		var w recorder
		s, err := New(&w, format, headOf(res), Options{})
		if err != nil {
			t.Fatal(err)
		}
		compare.Abort(s, context.Canceled)
		if len(w.writes) != 0 {
			t.Errorf("%s: an aborted report wrote %q", format, w.String())
		}
	}
}

// TestJSONDropped: the JSON summary says how many findings the cap left
// out, and only when it left some out.
func TestJSONDropped(t *testing.T) {
	res := fixture(t)
	for _, n := range []int{0, 7} {
		var buf bytes.Buffer
		if err := Render(&buf, "json", res, Options{Dropped: func() int { return n }}); err != nil {
			t.Fatal(err)
		}
		has := strings.Contains(buf.String(), `"dropped": 7`)
		if has != (n > 0) || n == 0 && strings.Contains(buf.String(), `"dropped"`) {
			t.Errorf("dropped %d: output %s", n, buf.String()[max(0, buf.Len()-200):])
		}
	}
}

// TestSARIFUnknownCheck: a finding of a check the head does not list is
// an error, not a result pointing at the wrong rule.
func TestSARIFUnknownCheck(t *testing.T) {
	res := fixture(t)
	head := headOf(res)
	head.Checks = []*compare.Check{compare.CheckStutter}
	var w recorder
	s, err := New(&w, "sarif", head, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Findings {
		if err = s.Put(f); err != nil {
			break
		}
	}
	if err == nil || !strings.Contains(err.Error(), "not among the report's checks") {
		t.Errorf("err %v", err)
	}
}
