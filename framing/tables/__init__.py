"""Tables: from annotated documents to the rows and frames of ``framing.schema`` (sentences, cues,
articles, actors)."""
