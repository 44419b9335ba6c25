package input

import (
	"path"
	"strings"
	"testing"
)

func TestGlobMatch(t *testing.T) {
	for _, c := range []struct {
		g, p string
		want bool
	}{
		{"drafts/**", "drafts/a.txt", true},
		{"drafts/**", "drafts/x/y/a.txt", true},
		{"drafts/**", "drafts", true}, // "**" matches no segment too
		{"drafts/**", "other/a.txt", false},
		{"**/*.md", "a.md", true},
		{"**/*.md", "x/y/a.md", true},
		{"**/*.md", "x/y/a.txt", false},
		{"drafts/**/*.txt", "drafts/a.txt", true},
		{"drafts/**/*.txt", "drafts/x/a.txt", true},
		{"drafts/**/*.txt", "drafts/x/a.md", false},
		{"a/**/b/**/c", "a/b/c", true},
		{"a/**/b/**/c", "a/x/b/y/z/c", true},
		{"a/**/b/**/c", "a/x/c/y/b", false},
		{"a/**/**/b", "a/b", true},
		{"a/**/**/b", "a/x/y/b", true},
		{"**", "", true},
		{"**", "anything/at/all", true},
		{"a/*/c", "a/b/c", true},
		{"a/*/c", "a/b/x/c", false},
		{"a/?/c", "a/b/c", true},
		{"a/[bc]/**", "a/c/d", true},
		{"a/[bc]/**", "a/d/d", false},
		{"*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaa", false},
		{"*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaab", true},
		{"**/*a*a*a*b", "x/aaaaaaaaaaaaab", true},
		{"a**b/c", "axxb/c", true}, // "**" inside a segment is two stars
		{"a/" + strings.Repeat("**/", 12) + "b", "a/" + strings.Repeat("x/", 40) + "c", false},
		{"a/" + strings.Repeat("**/", 12) + "b", "a/" + strings.Repeat("x/", 40) + "b", true},
	} {
		if got := globMatch(c.g, c.p); got != c.want {
			t.Errorf("globMatch(%q, %q) = %v, want %v", c.g, c.p, got, c.want)
		}
	}
}

// globMatchReference is the first globMatch: a plain recursive search,
// exponential in the number of "**" segments, kept as the reference the
// fuzz target compares with on short inputs.
func globMatchReference(g, p string) bool {
	if !strings.Contains(g, "**") {
		ok, _ := path.Match(g, p)
		return ok
	}
	gp := strings.Split(g, "/")
	pp := strings.Split(p, "/")
	var rec func(i, j int) bool
	rec = func(i, j int) bool {
		if i == len(gp) {
			return j == len(pp)
		}
		if gp[i] == "**" {
			for k := j; k <= len(pp); k++ {
				if rec(i+1, k) {
					return true
				}
			}
			return false
		}
		if j == len(pp) {
			return false
		}
		if ok, _ := path.Match(gp[i], pp[j]); !ok {
			return false
		}
		return rec(i+1, j+1)
	}
	return rec(0, 0)
}

func FuzzGlobMatch(f *testing.F) {
	for _, s := range [][2]string{
		{"drafts/**/*.txt", "drafts/x/a.txt"},
		{"a/**/**/b", "a/x/y/b"},
		{"**/*.md", "a.md"},
		{"a/**/b/**/c", "a/x/b/y/z/c"},
		{"*a*a*b", "aaab"},
		{"a/[bc]/**", "a/c/d"},
		{"**", ""},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, g, p string) {
		// the reference is exponential in "**" segments and path depth
		if strings.Count(g, "/") > 8 || strings.Count(p, "/") > 8 || len(g) > 64 || len(p) > 64 {
			return
		}
		if got, want := globMatch(g, p), globMatchReference(g, p); got != want {
			t.Errorf("globMatch(%q, %q) = %v, the reference says %v", g, p, got, want)
		}
	})
}

// BenchmarkGlobMatch matches patterns with many "**" segments against a
// deep path that they do not match: the worst case of a search that tries
// every split of the path.
func BenchmarkGlobMatch(b *testing.B) {
	for _, c := range []struct{ name, g, p string }{
		{"doublestar8", "a/" + strings.Repeat("**/", 8) + "b", "a/" + strings.Repeat("x/", 30) + "c"},
		{"doublestar16", "a/" + strings.Repeat("**/", 16) + "b", "a/" + strings.Repeat("x/", 60) + "c"},
		{"stars", "**/*a*a*a*a*a*a*a*b", strings.Repeat("d/", 20) + strings.Repeat("a", 200)},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.g) + len(c.p)))
			for b.Loop() {
				globMatch(c.g, c.p)
			}
		})
	}
}
