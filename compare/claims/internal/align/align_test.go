package align

import (
	"reflect"
	"strings"
	"testing"
)

func eq(a, b string) bool { return a == b }

func TestInOrder(t *testing.T) {
	a := strings.Fields("five high twelve deep")
	b := strings.Fields("twelve high twelve deep")
	var la, lb []string
	var pairs [][2]string
	InOrder(a, b, eq, func(x string) { la = append(la, x) }, func(x string) { lb = append(lb, x) },
		func(x, y string) { pairs = append(pairs, [2]string{x, y}) })
	if !reflect.DeepEqual(la, []string{"five"}) || !reflect.DeepEqual(lb, []string{"twelve"}) || len(pairs) != 3 {
		t.Errorf("left %v %v, pairs %v", la, lb, pairs)
	}
	// as multisets: each of b's items pairs with one of a's at most
	var left []string
	Unpaired(strings.Fields("a a b"), strings.Fields("a b b"), eq, func(x string) { left = append(left, x) })
	if !reflect.DeepEqual(left, []string{"a"}) {
		t.Errorf("unpaired %v, want [a]", left)
	}
}
