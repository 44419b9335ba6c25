package lang

import "strings"

// Reports that deny, and the simplest coreference: words the claims
// analyzer reads around a clause to know what it says and of whom.

// denialVerbs deny the clause their "that" introduces: "the mayor denied
// that the council approved the depot" says the council did not, as the
// mayor tells it. Those marked true deny only a claim named before the
// "that": "rejected claims that", "dismissed reports that".
var denialVerbs = map[string]bool{
	"deny": false, "dispute": false, "refute": false, "rebut": false, "contest": true,
	"reject": true, "dismiss": true,
}

// claimNouns name a claim a denial verb can take before "that".
var claimNouns = set("claim", "claims", "report", "reports", "allegation", "allegations", "suggestion", "suggestions",
	"assertion", "assertions", "accusation", "accusations", "charge", "charges", "rumour", "rumours", "rumor", "rumors",
	"speculation", "notion", "idea", "view", "contention", "argument", "arguments", "story", "stories")

// DenialFrame reports whether the verb at word verb denies the clause
// after the "that" at word that: "denied that", "disputed on Tuesday
// that", "rejected claims that", "dismissed the suggestion that". No other
// verb stands between them.
func DenialFrame(ws []Word, verb, that int) bool {
	if verb < 0 || that <= verb || that >= len(ws) || ws[that].Lower != "that" {
		return false
	}
	needsClaim, ok := denialVerbs[ws[verb].Lemma]
	if !ok {
		return false
	}
	claim := false
	for k := verb + 1; k < that; k++ {
		switch ws[k].Tag {
		case TagVerb, TagAux, TagModal, TagSub, TagCoord:
			return false
		}
		claim = claim || claimNouns[ws[k].Lower]
	}
	return claim || !needsClaim
}

// orgNouns head the names of institutions that a text then calls "the
// ministry", "the bank", "the council".
var orgNouns = set("ministry", "department", "bank", "agency", "council", "commission", "committee", "authority",
	"board", "court", "government", "company", "corporation", "group", "fund", "party", "union",
	"bureau", "institute", "university", "association", "federation", "organisation", "organization",
	"parliament", "assembly", "trust", "foundation", "administration", "tribunal", "directorate", "secretariat",
	"inspectorate", "regulator", "exchange", "society", "senate", "airline")

// OrgHead returns the head noun of the name of an institution written
// in full, in lower case ("Ministry of Finance": "ministry"; "European
// Central Bank": "bank"; "Northern Rail Company": "company"), or "" when
// the name is one word or its head names no institution.
func OrgHead(name string) string {
	fields := strings.Fields(strings.ToLower(name))
	n := len(fields)
	for k, f := range fields {
		if k > 0 && (f == "of" || f == "for") {
			n = k // "Ministry of Finance": the head is before "of"
			break
		}
	}
	if len(fields) < 2 || !orgNouns[fields[n-1]] || closedClass(fields[0]) {
		return "" // "And Senate", "Of The Senate": a title-case heading, not a name
	}
	return fields[n-1]
}

// closedClass reports a word of a closed class: a determiner, preposition,
// conjunction, pronoun or auxiliary.
func closedClass(l string) bool {
	return determiners[l] || prepositions[l] || coordinators[l] || subordinators[l] || pronouns[l] || auxiliaries[l]
}

// DefiniteOrg reports whether word i is "the" and an institution's head
// noun alone ("the ministry", "the bank"), which a text uses for a name it
// wrote in full before: not "the ministry's plan" nor "the bank
// holiday", where more of a phrase follows.
func DefiniteOrg(ws []Word, i int) bool {
	if i <= 0 || i >= len(ws) || ws[i-1].Lower != "the" || ws[i].Cap && i > 1 || !orgNouns[ws[i].Lower] {
		return false
	}
	if i+1 < len(ws) && ws[i+1].Punct == "" {
		switch ws[i+1].Tag {
		case TagNoun, TagProp, TagNum:
			return false
		}
		if ws[i+1].Lower == "of" || ws[i+1].Lower == "for" {
			return false
		}
	}
	return true
}

// IsOrgNoun reports a noun that heads the names of institutions:
// "ministry", "bank", "council".
func IsOrgNoun(l string) bool { return orgNouns[l] }

// statementVerbs state, confirm or deny what their "that" introduces.
var statementVerbs = set("confirm", "announce", "state", "admit", "acknowledge", "stress", "warn", "note", "add",
	"explain", "reiterate", "promise", "pledge", "agree", "declare", "disclose", "reveal", "concede", "maintain")

// IsStatementVerb reports the lemma of a verb whose "that" introduces
// what its subject states, confirms or denies ("said that", "confirmed
// that", "denied that"): a pronoun subject of that clause ("the ministry
// denied that it supports …") is, most often, the speaker.
func IsStatementVerb(lemma string) bool {
	_, deny := denialVerbs[lemma]
	return deny || statementVerbs[lemma] || reportingVerbs[lemma]
}

// clauseVerbs take a clause as their object without "that": "the study
// found prices rose in May", "she knew the depot closed in June".
var clauseVerbs = set("find", "show", "know", "see", "hear", "feel", "hope", "fear", "learn", "notice", "realise",
	"realize", "mean", "assume", "ensure", "understand", "indicate", "doubt", "guess", "recall", "remember",
	"forget", "prove", "demonstrate", "decide", "judge", "discover", "wish", "suspect", "imagine", "suppose")

// ReducedRelative reports whether the verb group g is a past participle
// alone that describes the noun before it, after a verb whose object that
// noun is: "approved the depot held on 4 May", "ranked third in the survey
// published by the regulator". prev is the main verb of the group before,
// which must take an object, not a clause ("said the prices increased in
// May", "found the rates raised by …").
func ReducedRelative(r *Lexicon, ws []Word, g VerbGroup, prev int) bool {
	if g.Main != g.Start || g.Main+1 >= len(ws) || ws[g.Main+1].Tag != TagPrep || ws[g.Main+1].Punct != "" || ws[g.Start].Punct != "" || prev < 0 {
		return false
	}
	l := ws[g.Main].Lower
	if strings.HasSuffix(l, "ing") || !strings.HasSuffix(l, "ed") && !strings.HasSuffix(l, "en") && !r.Entry(l).Irregular(l, ws[g.Main].Lemma) {
		return false
	}
	p := ws[prev].Lemma
	return !IsStatementVerb(p) && !clauseVerbs[p] && !IsBe(ws[prev].Lower) && !IsHave(ws[prev].Lower)
}
