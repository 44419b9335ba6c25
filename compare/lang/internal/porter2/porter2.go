// Package porter2 is the Porter2 (Snowball English) stemmer, on
// lower-case ASCII words.
package porter2

import "strings"

// Stem returns the Porter2 stem of w, a lower-case ASCII word of three
// letters or more.
func Stem(w string) string {
	if s, ok := stemExceptions[w]; ok {
		return s
	}
	b := []byte(strings.TrimPrefix(w, "'"))
	// y as a consonant is marked Y
	for i := range b {
		if b[i] == 'y' && (i == 0 || isVowel(b[i-1])) {
			b[i] = 'Y'
		}
	}
	r1, r2 := regions(b)
	b = step0(b)
	b = step1a(b)
	if s, ok := postStep1a[string(b)]; ok {
		return s
	}
	b = step1b(b, r1)
	b = step1c(b)
	b = step2(b, r1)
	b = step3(b, r1, r2)
	b = step4(b, r2)
	b = step5(b, r1, r2)
	for i := range b {
		if b[i] == 'Y' {
			b[i] = 'y'
		}
	}
	return string(b)
}

var stemExceptions = map[string]string{
	"skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie",
	"idly": "idl", "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli",
	"singly": "singl", "sky": "sky", "news": "news", "howe": "howe", "atlas": "atlas",
	"cosmos": "cosmos", "bias": "bias", "andes": "andes",
}

var postStep1a = map[string]string{
	"inning": "inning", "outing": "outing", "canning": "canning", "herring": "herring",
	"earring": "earring", "proceed": "proceed", "exceed": "exceed", "succeed": "succeed",
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// regions returns the starts of R1 and R2.
func regions(b []byte) (int, int) {
	r1 := len(b)
	s := string(b)
	switch {
	case strings.HasPrefix(s, "gener"), strings.HasPrefix(s, "arsen"):
		r1 = 5
	case strings.HasPrefix(s, "commun"):
		r1 = 6
	default:
		for i := 1; i < len(b); i++ {
			if !isVowel(b[i]) && isVowel(b[i-1]) {
				r1 = i + 1
				break
			}
		}
	}
	r2 := len(b)
	for i := r1 + 1; i < len(b); i++ {
		if !isVowel(b[i]) && isVowel(b[i-1]) {
			r2 = i + 1
			break
		}
	}
	return r1, r2
}

func hasSuffix(b []byte, s string) bool {
	return len(b) >= len(s) && string(b[len(b)-len(s):]) == s // no allocation
}

func containsVowel(b []byte) bool {
	for _, c := range b {
		if isVowel(c) {
			return true
		}
	}
	return false
}

// shortSyllableAt reports a short syllable ending at i (inclusive).
func endsShortSyllable(b []byte) bool {
	n := len(b)
	if n == 2 {
		return isVowel(b[0]) && !isVowel(b[1])
	}
	if n >= 3 {
		c := b[n-1]
		return !isVowel(b[n-3]) && isVowel(b[n-2]) && !isVowel(c) && c != 'w' && c != 'x' && c != 'Y'
	}
	return false
}

func isShort(b []byte, r1 int) bool { return r1 >= len(b) && endsShortSyllable(b) }

func step0(b []byte) []byte {
	for _, s := range []string{"'s'", "'s", "'"} {
		if hasSuffix(b, s) {
			return b[:len(b)-len(s)]
		}
	}
	return b
}

func step1a(b []byte) []byte {
	switch {
	case hasSuffix(b, "sses"):
		return b[:len(b)-2]
	case hasSuffix(b, "ied"), hasSuffix(b, "ies"):
		if len(b) > 4 {
			return b[:len(b)-2]
		}
		return b[:len(b)-1]
	case hasSuffix(b, "us"), hasSuffix(b, "ss"):
		return b
	case hasSuffix(b, "s"):
		if len(b) >= 3 && containsVowel(b[:len(b)-2]) {
			return b[:len(b)-1]
		}
	}
	return b
}

func step1b(b []byte, r1 int) []byte {
	for _, s := range []string{"eedly", "eed"} {
		if hasSuffix(b, s) {
			if len(b)-len(s) >= r1 {
				return append(b[:len(b)-len(s)], 'e', 'e')
			}
			return b
		}
	}
	for _, s := range []string{"ingly", "edly", "ing", "ed"} {
		if !hasSuffix(b, s) {
			continue
		}
		stem := b[:len(b)-len(s)]
		if !containsVowel(stem) {
			return b
		}
		b = stem
		switch {
		case hasSuffix(b, "at"), hasSuffix(b, "bl"), hasSuffix(b, "iz"):
			return append(b, 'e')
		case len(b) >= 2 && b[len(b)-1] == b[len(b)-2] && strings.IndexByte("bdfgmnprt", b[len(b)-1]) >= 0:
			return b[:len(b)-1]
		case isShort(b, r1):
			return append(b, 'e')
		}
		return b
	}
	return b
}

func step1c(b []byte) []byte {
	n := len(b)
	if n > 2 && (b[n-1] == 'y' || b[n-1] == 'Y') && !isVowel(b[n-2]) {
		b[n-1] = 'i'
	}
	return b
}

var step2Rules = []struct{ suf, rep string }{
	{"ization", "ize"}, {"ational", "ate"}, {"fulness", "ful"}, {"ousness", "ous"}, {"iveness", "ive"},
	{"tional", "tion"}, {"biliti", "ble"}, {"lessli", "less"}, {"entli", "ent"}, {"ation", "ate"},
	{"alism", "al"}, {"aliti", "al"}, {"ousli", "ous"}, {"iviti", "ive"}, {"fulli", "ful"},
	{"enci", "ence"}, {"anci", "ance"}, {"abli", "able"}, {"izer", "ize"}, {"ator", "ate"},
	{"alli", "al"}, {"bli", "ble"}, {"ogi", "og"}, {"li", ""},
}

func step2(b []byte, r1 int) []byte {
	for _, r := range step2Rules {
		if !hasSuffix(b, r.suf) {
			continue
		}
		at := len(b) - len(r.suf)
		if at < r1 {
			return b
		}
		switch r.suf {
		case "ogi":
			if at == 0 || b[at-1] != 'l' {
				return b
			}
		case "li":
			if at == 0 || strings.IndexByte("cdeghkmnrt", b[at-1]) < 0 {
				return b
			}
		}
		return append(b[:at], r.rep...)
	}
	return b
}

var step3Rules = []struct{ suf, rep string }{
	{"ational", "ate"}, {"tional", "tion"}, {"alize", "al"}, {"icate", "ic"}, {"iciti", "ic"},
	{"ative", ""}, {"ical", "ic"}, {"ness", ""}, {"ful", ""},
}

func step3(b []byte, r1, r2 int) []byte {
	for _, r := range step3Rules {
		if !hasSuffix(b, r.suf) {
			continue
		}
		at := len(b) - len(r.suf)
		if at < r1 || r.suf == "ative" && at < r2 {
			return b
		}
		return append(b[:at], r.rep...)
	}
	return b
}

var step4Suffixes = []string{
	"ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous",
	"ive", "ize", "ion", "al", "er", "ic",
}

func step4(b []byte, r2 int) []byte {
	for _, s := range step4Suffixes {
		if !hasSuffix(b, s) {
			continue
		}
		at := len(b) - len(s)
		if at < r2 {
			return b
		}
		if s == "ion" && (at == 0 || b[at-1] != 's' && b[at-1] != 't') {
			return b
		}
		return b[:at]
	}
	return b
}

func step5(b []byte, r1, r2 int) []byte {
	n := len(b)
	if n == 0 {
		return b
	}
	switch b[n-1] {
	case 'e':
		if n-1 >= r2 || n-1 >= r1 && !endsShortSyllable(b[:n-1]) {
			return b[:n-1]
		}
	case 'l':
		if n-1 >= r2 && n >= 2 && b[n-2] == 'l' {
			return b[:n-1]
		}
	}
	return b
}
