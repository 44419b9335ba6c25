// Package textcheck finds the defects that conversions, page layout and
// pasting leave in text: words glued by a lost space, paragraphs broken
// by a page break, headings doubled, letter-spaced titles, mojibake,
// invisible characters, and a few typos an editor marks on sight.
package textcheck

import "github.com/crosscheck/crosscheck/compare"

// The checks of the text.* family.
var (
	CheckGluedWords = &compare.Check{
		ID:       "text.glued-words",
		Title:    "Words run together",
		Severity: compare.Warning,
		Help: `Two words, or two sentences, are written without the space between them: "theTreaty", ` +
			`"Ministriesand", "dynamic.China", "rights.Since". Conversions from PDF and word processors ` +
			`drop the space where a line, a run of italics or a page ended. Brand names ("iPhone", ` +
			`"PlayStation"), names ("McDonald", "MacArthur"), abbreviations ("e.g.", "J.R.R."), URLs, ` +
			`e-mail addresses, file names, code and chemical formulas are left alone. Insert the space.`,
	}
	CheckNumberSpace = &compare.Check{
		ID:       "text.number-space",
		Title:    "Space missing in a number or date",
		Severity: compare.Warning,
		Help: `A date or number lost the space after its comma or before its word: "December 15,2020", ` +
			`"in2008", "15December". A thousands separator ("1,000") or a decimal ("3.5") is not ` +
			`reported: a group of four digits after a comma is no thousands group. Insert the space.`,
	}
	CheckBrokenParagraph = &compare.Check{
		ID:       "text.broken-paragraph",
		Title:    "Paragraph break in the middle of a sentence",
		Severity: compare.Warning,
		Help: `A paragraph ends without closing its sentence and the next one carries on: it ends with ` +
			`no final punctuation and the next starts in lower case ("Since then, I" / "have proposed"), ` +
			`or it ends on a word no sentence ends on ("safeguarding the" / "UN-centered"). A page or ` +
			`column break of the source became a paragraph break. Headings, list items and short ` +
			`verse-like lines are left alone. Join the two paragraphs.`,
	}
	CheckFragment = &compare.Check{
		ID:       "text.fragment",
		Title:    "Text begins in the middle of a sentence",
		Severity: compare.Info,
		Help: `The document's first paragraph starts in lower case, as the continuation of a sentence ` +
			`that is not there: an excerpt was cut from a longer text, or the first page was lost. ` +
			`Restore the start of the sentence, or mark the excerpt as one ("…").`,
	}
	CheckDuplicateHeading = &compare.Check{
		ID:       "text.duplicate-heading",
		Title:    "Heading repeated",
		Severity: compare.Warning,
		Help: `The same heading appears twice with little or no text between the two: a title page and ` +
			`its repetition, or a running head, came through the conversion. Headings come from the ` +
			`markup where there is any, and from the look of the lines otherwise (Markdown "#", bold ` +
			`lines, short title-case or capitalised lines). Headings repeated in every chapter ("Notes", ` +
			`"Summary") are far apart and not reported. Delete one of the two.`,
	}
	CheckLetterSpaced = &compare.Check{
		ID:       "text.letter-spaced",
		Title:    "Letter-spaced text",
		Severity: compare.Warning,
		Help: `A word is written with a space between its letters ("C H I N A    A E R O S P A C E"), ` +
			`which layout uses for titles and logos. Read as text, it is not a word: searches, spelling ` +
			`and screen readers miss it. Write the letters together (spacing belongs to the style).`,
	}
	CheckLayoutCaps = &compare.Check{
		ID:       "text.layout-caps",
		Title:    "Running head or capitals from the layout inside a sentence",
		Severity: compare.Warning,
		Help: `A run of capitals ("THE DECLINE AND FALL OF THE ROMAN EMPIRE 123") stands in the middle ` +
			`of a sentence that runs on in lower case on both sides: the running head or footer of a ` +
			`page came through the conversion as text. Delete it.`,
	}
	CheckMojibake = &compare.Check{
		ID:       "text.mojibake",
		Title:    "Garbled characters (mojibake)",
		Severity: compare.Warning,
		Help: `Characters such as "â€™", "â€œ" or "Ã©" are UTF-8 bytes read as Windows-1252 or ` +
			`Latin-1 somewhere along the way: "â€™" was "’", "Ã©" was "é". The finding gives the ` +
			`character they stood for; replace them with it, and fix the encoding setting of the tool ` +
			`that made the text.`,
	}
	CheckInvisible = &compare.Check{
		ID:       "text.invisible-char",
		Title:    "Invisible or control character in the text",
		Severity: compare.Warning,
		Help: `The text holds characters a reader cannot see: soft hyphens (U+00AD) left by ` +
			`hyphenation, zero-width spaces and joiners (U+200B–U+200D, U+2060), a byte order mark ` +
			`(U+FEFF) inside the text, direction marks, or control characters. They break searches ` +
			`and comparisons and sometimes show up in print. Delete them. (Plain-text files only: in ` +
			`HTML and word-processor files a soft hyphen is a deliberate hyphenation point.)`,
	}
	CheckReplacementChar = &compare.Check{
		ID:       "text.replacement-char",
		Title:    "Replacement character (U+FFFD) in the text",
		Severity: compare.Warning,
		Help: `The character "�" (U+FFFD) stands where an earlier conversion met a byte it could not ` +
			`decode: the character that was there is lost. Restore it from the source document. ` +
			`(Bytes crosscheck itself replaced under --lenient are input.invalid-utf8.)`,
	}
	CheckFullwidth = &compare.Check{
		ID:       "text.fullwidth",
		Title:    "Full-width punctuation in Latin text",
		Severity: compare.Warning,
		Help: `A full-width form ("：", "，", "（") stands between Latin letters and spaces, usually typed ` +
			`with a Chinese or Japanese input method. Replace it with the ordinary character. ` +
			`Full-width punctuation inside Chinese or Japanese text is correct and not reported.`,
	}
	CheckArticle = &compare.Check{
		ID:       "text.article",
		Title:    `"a" or "an" before the wrong sound`,
		Severity: compare.Warning,
		Help: `"an" stands before a word that begins with a consonant ("an spokesperson", "an much") ` +
			`or "a" before a word that begins with a vowel ("a example"), usually a word edited away. ` +
			`Words whose sound differs from their letter are left alone ("an hour", "an historian", ` +
			`"a university", "a one-off", "a European", abbreviations). Write the other form.`,
	}
	CheckAdverbHyphen = &compare.Check{
		ID:       "text.adverb-hyphen",
		Title:    `Hyphen after an "-ly" adverb`,
		Severity: compare.Info,
		Help: `A compound formed with an adverb ending in -ly takes no hyphen, because the adverb can ` +
			`only modify what follows ("a newly founded office", "jointly run schools"; the Chicago Manual ` +
			`of Style's hyphenation guide, AP). Words ending in -ly that are also adjectives or nouns ("early-warning", ` +
			`"family-owned") are left alone. Replace the hyphen with a space.`,
	}
	CheckCompoundHyphen = &compare.Check{
		ID:       "text.compound-hyphen",
		Title:    "Compound adjective without its hyphen",
		Severity: compare.Info,
		Help: `A noun and a participle such as "based", "oriented" or "driven" form one adjective before ` +
			`a noun and take a hyphen: "treaty-based obligations", "export-oriented industry", ` +
			`"state-owned enterprises". After the noun ("obligations based on the treaty") no hyphen ` +
			`is needed and nothing is reported. Add the hyphen.`,
	}
	CheckTimePossessive = &compare.Check{
		ID:       "text.time-possessive",
		Title:    `Apostrophe missing in "months' time"`,
		Severity: compare.Warning,
		Help: `A length of time before "time" or "notice" is a possessive: "in six months' time", ` +
			`"two weeks' notice", "a day's time". Add the apostrophe.`,
	}
	CheckQuoteStyle = &compare.Check{
		ID:       "text.quote-style",
		Title:    "Straight and curly quotation marks mixed",
		Severity: compare.Info,
		Help: `The document writes most of its quotation marks and apostrophes one way (straight ' " ` +
			`or curly ‘ ’ “ ”) and these the other way, usually text pasted from elsewhere. The ` +
			`finding points at each paragraph that differs from the rest. Use one style throughout.`,
	}
	CheckUnattributedQuote = &compare.Check{
		ID:       "text.unattributed-quote",
		Title:    "Quotation without a speaker or a note",
		Severity: compare.Info,
		Help: `A quoted sentence stands in the text with no one said to have said or written it ` +
			`("said", "wrote", "according to", a colon introducing it) and no note marker or ` +
			`parenthetical reference after it. Readers cannot tell whose words they are. Name the ` +
			`source or add a note; a well-known saying may stay as it is.`,
	}
)

// Checks lists the checks of the family, in the order of their IDs.
var Checks = []*compare.Check{
	CheckAdverbHyphen, CheckArticle, CheckBrokenParagraph, CheckCompoundHyphen, CheckDuplicateHeading,
	CheckFragment, CheckFullwidth, CheckGluedWords, CheckInvisible, CheckLayoutCaps, CheckLetterSpaced,
	CheckMojibake, CheckNumberSpace, CheckQuoteStyle, CheckReplacementChar, CheckTimePossessive,
	CheckUnattributedQuote,
}
