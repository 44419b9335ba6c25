package input

import (
	"path"
	"strings"
)

// matchAny reports whether rel (a slash path) or base matches any glob.
// A glob with a slash matches the path; "**/" matches any number of folders.
func matchAny(globs []string, rel, base string) bool {
	for _, g := range globs {
		if strings.Contains(g, "/") {
			if globMatch(g, rel) {
				return true
			}
			continue
		}
		if ok, _ := path.Match(g, base); ok {
			return true
		}
	}
	return false
}

// globMatch reports whether the slash path p matches the glob g. Without
// "**" it is path.Match. With it, g and p are split at slashes: a "**"
// segment matches any number of path segments (none included) and every
// other segment matches one path segment by path.Match.
//
// The segments are matched by a pass over g that keeps the set of path
// positions reachable so far, so the cost is at most len(g's segments) ×
// len(p's segments) calls of path.Match (itself linear in the pattern
// times the segment: it never backtracks past a star), however many "**"
// g holds. A search that tried every split of p among the "**" segments
// would take time exponential in their number.
func globMatch(g, p string) bool {
	if !strings.Contains(g, "**") {
		ok, _ := path.Match(g, p)
		return ok
	}
	gp := strings.Split(g, "/")
	pp := strings.Split(p, "/")
	// reach[j]: the segments of g seen so far can match pp[:j] exactly
	reach := make([]bool, len(pp)+1)
	next := make([]bool, len(pp)+1)
	reach[0] = true
	for i, seg := range gp {
		if seg == "**" {
			if i > 0 && gp[i-1] == "**" {
				continue // "**/**" is "**"
			}
			// any number of segments: every position from the first reached
			on := false
			for j := range reach {
				on = on || reach[j]
				reach[j] = on
			}
			continue
		}
		alive := false
		next[0] = false
		for j := 0; j < len(pp); j++ {
			ok := false
			if reach[j] {
				ok, _ = path.Match(seg, pp[j])
			}
			next[j+1] = ok
			alive = alive || ok
		}
		if !alive {
			return false
		}
		reach, next = next, reach
	}
	return reach[len(pp)]
}
