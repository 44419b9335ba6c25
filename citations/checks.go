package citations

import "github.com/crosscheck/crosscheck/compare"

// The checks of the citation analyzer.
var (
	CheckMarkerUndefined = &compare.Check{
		ID: "cite.marker-undefined", Title: "Note marker without a note", Severity: compare.Error,
		Help: `A note marker in the text ("[12]", "<sup>12</sup>", "[^id]", a noteref link) has no note ` +
			`definition with the same label in its chapter. The note was deleted, renumbered, or never ` +
			`written. Numbered notes are paired within a chapter when numbering restarts per chapter; ` +
			`Pandoc ids and HTML ids across the whole document. Add the note or remove the marker.`,
	}
	CheckNoteUnused = &compare.Check{
		ID: "cite.note-unused", Title: "Note that no marker refers to", Severity: compare.Warning,
		Help: `A note definition ("[Footnote 12: …]", "[^id]: …", a line "[12] …" in a notes section, ` +
			`an element with epub:type footnote) is never referred to by a marker in the text. Its marker ` +
			`was lost in editing, or the note is left over. Restore the marker or delete the note.`,
	}
	CheckNoteDuplicate = &compare.Check{
		ID: "cite.note-duplicate", Title: "Note defined twice", Severity: compare.Error,
		Help: `Two note definitions carry the same label in the same chapter (or the same Pandoc or ` +
			`HTML id anywhere), and there are not as many markers as notes with that label, so a reader ` +
			`cannot tell which note a marker means. Renumber one of them (editors' added notes are often ` +
			`numbered by appending a digit: 41 then 411). The finding points at the second definition.`,
	}
	CheckNumbering = &compare.Check{
		ID: "cite.numbering", Title: "Note numbering gap or disorder", Severity: compare.Warning,
		Help: `Numbered note markers should count 1, 2, 3 … within each chapter (numbering may restart ` +
			`at a chapter heading). Reported: a gap (a note missing), a step backwards, a number repeated, ` +
			`and a number that fits nowhere. Editors' interpolated notes numbered by appending digits to ` +
			`the note they follow (821 after 82) are accepted. A document whose first note is not 1 is ` +
			`taken for an excerpt: one info finding, not an error per missing note.`,
	}
	CheckNoteSyntax = &compare.Check{
		ID: "cite.note-syntax", Title: "Malformed note", Severity: compare.Warning,
		Help: `A note definition is written in a way the note syntax does not allow: a Project ` +
			`Gutenberg "[Footnote …]" block never closed with "]" or with a stray bracket after its label, ` +
			`a LaTeX \footnote whose braces do not balance. The note is read as well as possible, but other ` +
			`tools (and readers) may not; fix the markup.`,
	}
	CheckNoteLimit = &compare.Check{
		ID: "cite.note-limit", Title: "More notes than are checked", Severity: compare.Warning,
		Help: `The document holds more note markers, notes or chapter headings than crosscheck checks in ` +
			`one document (1,000 markers, 500 notes and 1,000 headings, and one more of each per 32, 64 and ` +
			`64 bytes of text, up to 100,000, 50,000 and 100,000), more pieces of note text than it parses ` +
			`(1,000 and one per 64 bytes, up to 100,000), or more problems of one kind than it lists ` +
			`(10,000). Its notes are checked up to the place the finding points at and the rest are not, so ` +
			`that a generated or hostile document cannot exhaust memory or time. Split the document, or look ` +
			`at how it was made.`,
	}
	CheckIbidAmbiguous = &compare.Check{
		ID: "cite.ibid-ambiguous", Title: "Ibid. after a note citing several works", Severity: compare.Warning,
		Help: `"Ibid." (and the Bluebook "Id.") refers to the single work cited in the immediately ` +
			`preceding note. When that note cites several works, the reader cannot tell which one is ` +
			`meant (Chicago Manual of Style 14.34; Bluebook 4.1). Replace it with a short citation of the ` +
			`work meant.`,
	}
	CheckIbidOrphan = &compare.Check{
		ID: "cite.ibid-orphan", Title: "Ibid. with nothing before it", Severity: compare.Warning,
		Help: `"Ibid." or "Id." stands in the first note of the document or of a chapter whose notes ` +
			`restart, after a note that is missing from the numbering (a note was removed), or after a ` +
			`note that cites no work, so it refers to nothing. Give the full or short citation instead.`,
	}
	CheckOpCitUnresolved = &compare.Check{
		ID: "cite.opcit-unresolved", Title: "Op. cit. without an earlier full citation", Severity: compare.Warning,
		Help: `"Op. cit." ("Smith, op. cit., p. 3"), "loc. cit." and "Smith, supra" send the reader to ` +
			`an earlier full citation of the named author, but there is none earlier in the document: ` +
			`the full citation was cut, or the text is an excerpt whose first notes are missing. Give the ` +
			`full citation at the first mention.`,
	}
	CheckOpCitAmbiguous = &compare.Check{
		ID: "cite.opcit-ambiguous", Title: "Op. cit. for an author with several works", Severity: compare.Warning,
		Help: `"Op. cit." names an author of whom several works have been cited, so it is not clear ` +
			`which one is meant. Chicago advises short titles ("Smith, History, 45") instead.`,
	}
	CheckLocCitPage = &compare.Check{
		ID: "cite.loccit-page", Title: "Loc. cit. with a different page", Severity: compare.Warning,
		Help: `"Loc. cit." means "in the place cited": the same work and the same page as the earlier ` +
			`citation. This one gives a page that differs from the earlier citation's; use "op. cit." or a ` +
			`short title with the new page.`,
	}
	CheckSupraTarget = &compare.Check{
		ID: "cite.supra-target", Title: "Supra note N does not cite that work", Severity: compare.Warning,
		Help: `A Bluebook short form "Smith, supra note 12" sends the reader to note 12 for the full ` +
			`citation, but note 12 does not exist or does not cite a work by Smith: notes were renumbered ` +
			`after the cross-reference was written. Internal cross-references ("Part II, supra") are not ` +
			`source citations and are not checked.`,
	}
	CheckSourceUnavailable = &compare.Check{
		ID: "cite.source-unavailable", Title: "Cited work not among the available sources", Severity: compare.Info,
		Help: `A cited work could not be matched to any of the sources given with --sources (by manifest ` +
			`key, title, author, the source's first heading or its file name), so what the text says about ` +
			`it cannot be verified. Without --sources this is reported only for notes that back a ` +
			`quotation. Add the source (and a sources.toml or BibTeX entry naming it) to verify quotations.`,
	}
	CheckQuoteMismatch = &compare.Check{
		ID: "cite.quote-mismatch", Title: "Quotation differs from its source", Severity: compare.Warning,
		Help: `A quotation followed by a note marker was compared with the source the note cites. ` +
			`Words are missing, changed, added or reordered; the word diff shows the source's words as ` +
			`[-…-] and the quotation's own as {+…+}. Ellipses ("…", ". . .", "...") and bracketed ` +
			`insertions ("[the]") mark intended changes and are honoured. Also reported when the passage ` +
			`cannot be found in the source at all.`,
	}
	CheckQuotePage = &compare.Check{
		ID: "cite.quote-page", Title: "Quotation not on the page cited", Severity: compare.Warning,
		Help: `The note pins the quotation to a page ("p. 3") and the source marks its pages (form ` +
			`feeds, "%%page N%%" or "[p. N]"), but the quoted passage is on another page. Correct the ` +
			`page number.`,
	}
)

// AllChecks lists the citation checks.
func AllChecks() []*compare.Check {
	return []*compare.Check{CheckMarkerUndefined, CheckNoteUnused, CheckNoteDuplicate, CheckNumbering,
		CheckNoteSyntax, CheckNoteLimit, CheckIbidAmbiguous, CheckIbidOrphan, CheckOpCitUnresolved, CheckOpCitAmbiguous,
		CheckLocCitPage, CheckSupraTarget, CheckSourceUnavailable, CheckQuoteMismatch, CheckQuotePage}
}
