// Package container extracts the text of the zip-based formats editors
// receive (DOCX, ODT, EPUB) with its paragraphs, headings and notes,
// reading untrusted archives within fixed bounds.
//
// Offsets. The text a reader returns is what crosscheck analyses; every
// span in a Doc is a byte offset into Doc.Text, never into the archive
// (whose members are compressed). Paras tell, for any offset, the
// paragraph in body order, the note, and for EPUB the member it came from.
package container
