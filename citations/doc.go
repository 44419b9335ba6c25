// Package citations checks notes and citations: markers against
// definitions, short forms (ibid., op. cit., loc. cit., id.) against what
// they refer to, cited works against available sources, and quotations
// against the source text.
package citations
