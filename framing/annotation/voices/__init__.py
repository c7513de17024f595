"""Voices: who is speaking in every sentence (the author, a quoted source, or a reported one).

The annotator works in three passes over an article:

1. **Quotations.** The text is scanned paragraph by paragraph for quotation marks (straight and curly,
   double and single, nested). A paragraph that ends inside a quotation and is followed by a paragraph
   opening with a quotation mark continues the same quotation (the newswire convention), so one
   quotation may cover several sentences and paragraphs.
2. **Frames.** In every sentence the reporting verbs and phrases of ``reporting_verbs.tsv`` are found
   outside quotations and checked against the constructions that make them a report of speech:
   ``"...," he said`` and ``..., the ministry said in a statement`` (frame after the content),
   ``..., said Biden`` (inversion), ``X said (that) ...`` and ``X said: "..."`` (frame first),
   ``"...," he said, "..."`` (frame in the middle), ``according to X`` at either end, ``..., adding ...``
   (participle sharing the sentence's speaker), and the headline forms ``..., says X`` and ``...: X``.
   The speaker is the noun phrase before the verb (or after it in inversion), titles included;
   pronouns and short definite references ("he", "the ministry", "the statement") are resolved to the
   most recent compatible speaker in the article.
3. **Voices.** Every sentence gets ``direct`` when the reported content is a quotation (including each
   sentence inside a quotation whose speaker is named elsewhere), ``mixed`` when a paraphrase carries a
   quoted fragment, ``indirect`` for reported speech without quotation marks, else ``author``. A short
   quoted stretch in a sentence without any reporting frame is a scare quote, not speech.

Each finding is recorded as ``attribution`` cues (``speaker``, ``cue``, ``content``) with offsets, and
each quoted or reported stretch as a :class:`framing.types.SpeechSpan` in ``doc.speech``.
"""

from framing.annotation.voices.annotator import AttributionAnnotator, build
from framing.annotation.voices.common import (
    COMPLEMENTS,
    STANCES,
    UNRESOLVED,
    VERB_KINDS,
    Frame,
    Quote,
    ReportingVerb,
    actor_index,
    reporting_verbs,
)
from framing.annotation.voices.quotations import find_quotes

__all__ = [
    "COMPLEMENTS",
    "STANCES",
    "UNRESOLVED",
    "VERB_KINDS",
    "AttributionAnnotator",
    "Frame",
    "Quote",
    "ReportingVerb",
    "actor_index",
    "build",
    "find_quotes",
    "reporting_verbs",
]
