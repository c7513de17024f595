"""Line up how different outlets word the same event, sentence by sentence.

Articles from different outlets published within ``max_days`` of each other whose texts are similar
enough (TF-IDF cosine over the article text) are taken to report the same event. Within each such
pair, sentences are matched one to one, most similar first (TF-IDF cosine over sentences), and every
matched pair lists what differs: the voice, the reporting verb, the agency of harm, swapped words
("killed vs died"), the labels used for the same actor ("militants vs fighters") and the cue terms
found on one side only ("evaluative: brutal (a only)"). Harm verbs come from the agency cues, so
"killed vs died" is found even when the sentences are ordered differently.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from framing.reading.tokens import tokenize

ALIGN_COLUMNS = (
    "article_a", "article_b", "outlet_a", "outlet_b", "published_a", "published_b", "article_similarity",
    "sentence_id_a", "sentence_id_b", "position_a", "position_b", "text_a", "text_b", "similarity", "differences",
    "voice_a", "voice_b", "verb_a", "verb_b", "agency_a", "agency_b", "terms_only_a", "terms_only_b",
)
TERM_DIMENSIONS = ("evaluative", "hedge", "booster", "blame")
MAX_SWAP_WORDS = 3  # longest word run reported as a swap ("killed vs died")


def _vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(stop_words="english", token_pattern=r"(?u)\b\w[\w-]*\b")


def _article_texts(analysis, articles: pd.DataFrame) -> pd.Series:
    if "text" in articles.columns and (articles["text"].astype(str) != "").all():
        return articles["text"].astype(str)
    joined = analysis.sentences.groupby("article_id", sort=False)["text"].agg(" ".join)
    return articles["article_id"].map(joined).fillna("").astype(str)


def candidate_pairs(
    analysis, *, article_ids: Sequence[str] | None = None, min_similarity: float = 0.35, max_days: int = 3
) -> pd.DataFrame:
    """Pairs of articles taken to report the same event: article_a, article_b, article_similarity.

    Without ``article_ids``: different outlets (both named), both dated, at most ``max_days`` apart,
    text cosine >= ``min_similarity``. With ``article_ids`` the chosen articles are taken to be about
    the same event and every pair from different outlets is kept.
    """
    articles = analysis.articles.reset_index(drop=True)
    chosen = article_ids is not None
    if chosen:
        articles = articles[articles["article_id"].isin(list(article_ids))].reset_index(drop=True)
    empty = pd.DataFrame({"article_a": pd.Series(dtype=object), "article_b": pd.Series(dtype=object),
                          "article_similarity": pd.Series(dtype=float)})
    if len(articles) < 2:
        return empty
    dates = pd.to_datetime(articles["published"].astype(str).str.slice(0, 10), errors="coerce", format="%Y-%m-%d")
    order = pd.DataFrame({"date": dates, "outlet": articles["outlet"].astype(str), "id": articles["article_id"]})
    order = order.sort_values(["date", "outlet", "id"], na_position="last", kind="stable")
    articles = articles.loc[order.index].reset_index(drop=True)
    dates = dates.loc[order.index].reset_index(drop=True)
    vectors = _vectorizer().fit_transform(_article_texts(analysis, articles))
    outlets = articles["outlet"].astype(str).to_numpy()
    ids = articles["article_id"].to_numpy()
    rows = []
    if chosen:
        similarity = (vectors @ vectors.T).toarray()
        for i in range(len(articles)):
            for j in range(i + 1, len(articles)):
                if outlets[i] != outlets[j]:
                    rows.append((ids[i], ids[j], float(similarity[i, j])))
    else:
        # articles are sorted by date: each is compared only with the later ones inside the window
        usable = np.flatnonzero(dates.notna().to_numpy() & (outlets != ""))
        days = (dates.iloc[usable] - pd.Timestamp("1970-01-01")).dt.days.to_numpy()
        for position, i in enumerate(usable):
            last = np.searchsorted(days, days[position] + max_days, side="right")
            later = usable[position + 1 : last]
            later = later[outlets[later] != outlets[i]]
            if not len(later):
                continue
            similarity = (vectors[i] @ vectors[later].T).toarray().ravel()
            rows += [(ids[i], ids[j], float(sim)) for j, sim in zip(later, similarity, strict=True) if sim >= min_similarity]
    return pd.DataFrame(rows, columns=list(empty.columns)) if rows else empty


def match_sentences(similarity: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """One-to-one matching, most similar first (ties by position), keeping pairs >= ``threshold``."""
    a_idx, b_idx = np.nonzero(similarity >= threshold)
    order = sorted(zip(a_idx, b_idx, strict=True), key=lambda ab: (-similarity[ab], ab[0], ab[1]))
    used_a, used_b, pairs = set(), set(), []
    for i, j in order:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((int(i), int(j)))
    return sorted(pairs)


def _words(text: str) -> list[str]:
    return [t.lower for t in tokenize(text) if t.text[0].isalnum()]


def word_swaps(text_a: str, text_b: str) -> list[str]:
    """Short word runs replaced between two sentences ("killed vs died"), content words only."""
    a, b = _words(text_a), _words(text_b)
    swaps = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag != "replace" or i2 - i1 > MAX_SWAP_WORDS or j2 - j1 > MAX_SWAP_WORDS:
            continue
        left, right = a[i1:i2], b[j1:j2]
        if all(w in ENGLISH_STOP_WORDS for w in left + right):
            continue
        swaps.append(f"{' '.join(left)} vs {' '.join(right)}")
    return swaps


def _sentence_info(analysis, sentence_ids: set[str]) -> dict[str, dict]:
    sentences = analysis.sentences[analysis.sentences["sentence_id"].isin(sentence_ids)]
    info: dict[str, dict] = {}
    for row in sentences.to_dict("records"):
        info[row["sentence_id"]] = {
            "voice": str(row.get("voice", "") or ""),
            "verb": str(row.get("reporting_verb", "") or ""),
            "agency": str(row.get("agency", "") or ""),
            "terms": [],
            "labels": {},
            "harm": [],
        }
    cues = analysis.cues[analysis.cues["sentence_id"].isin(sentence_ids)]
    for cue in cues.itertuples(index=False):
        entry = info.get(cue.sentence_id)
        if entry is None:
            continue
        if cue.dimension == "agency":
            word = str(cue.text).lower()
            if word not in entry["harm"]:
                entry["harm"].append(word)
        elif cue.dimension == "actor" and cue.target_actor:
            entry["labels"].setdefault(cue.target_actor, []).append(str(cue.text).lower())
        elif cue.dimension in TERM_DIMENSIONS:
            term = str(cue.target_actor) if cue.dimension == "blame" else str(cue.term or cue.text).lower()
            if term and (cue.dimension, term) not in entry["terms"]:
                entry["terms"].append((cue.dimension, term))
    return info


def describe_differences(a: dict, b: dict, text_a: str, text_b: str) -> tuple[str, list[str], list[str]]:
    """The readable differences of two matched sentences, and the cue terms found on one side only."""
    parts = []
    if a["voice"] != b["voice"] and a["voice"] and b["voice"]:
        parts.append(f"voice: {a['voice']} vs {b['voice']}")
    if a["verb"].lower() != b["verb"].lower():
        parts.append(f"{a['verb'] or '(no reporting verb)'} vs {b['verb'] or '(no reporting verb)'}")
    if a["agency"] != b["agency"] and a["agency"] and b["agency"]:
        parts.append(f"{a['agency']} vs {b['agency']}")
    if a["harm"] != b["harm"]:
        if a["harm"] and b["harm"]:
            parts.append(f"{', '.join(a['harm'])} vs {', '.join(b['harm'])}")
        else:
            parts.append(f"harm: {', '.join(a['harm'] or b['harm'])} ({'a' if a['harm'] else 'b'} only)")
    parts += word_swaps(text_a, text_b)
    for actor in sorted(set(a["labels"]) & set(b["labels"])):
        left = sorted(set(a["labels"][actor]) - set(b["labels"][actor]))
        right = sorted(set(b["labels"][actor]) - set(a["labels"][actor]))
        if left and right:  # a relabelling, not just one more mention on one side
            parts.append(f"{actor}: {', '.join(left)} vs {', '.join(right)}")
    only_a = [f"{d}: {t}" for d, t in a["terms"] if (d, t) not in b["terms"]]
    only_b = [f"{d}: {t}" for d, t in b["terms"] if (d, t) not in a["terms"]]
    parts += [f"{item} (a only)" for item in only_a] + [f"{item} (b only)" for item in only_b]
    return "; ".join(dict.fromkeys(parts)), only_a, only_b


def align_event(
    analysis,
    *,
    article_ids: Sequence[str] | None = None,
    min_similarity: float = 0.35,
    max_days: int = 3,
    min_sentence_similarity: float = 0.3,
    include_headlines: bool = True,
) -> pd.DataFrame:
    """Matched sentence pairs across outlets reporting the same event, with what differs between them.

    ``article_a`` is the earlier article of each pair (then by outlet and id); rows follow the order
    of article pairs, then of the sentences in article a.
    """
    pairs = candidate_pairs(analysis, article_ids=article_ids, min_similarity=min_similarity, max_days=max_days)
    empty = pd.DataFrame({name: pd.Series(dtype=float if "similarity" in name or "position" in name else object)
                          for name in ALIGN_COLUMNS})
    if not len(pairs):
        return empty
    involved = set(pairs["article_a"]) | set(pairs["article_b"])
    sentences = analysis.sentences[analysis.sentences["article_id"].isin(involved)]
    if not include_headlines and "is_headline" in sentences.columns:
        sentences = sentences[~sentences["is_headline"].astype(bool)]
    sentences = sentences.sort_values(["article_id", "position"], kind="stable").reset_index(drop=True)
    if not len(sentences):
        return empty
    try:
        vectors = _vectorizer().fit_transform(sentences["text"].astype(str))
    except ValueError:  # nothing but stop words
        return empty
    by_article = {aid: idx.to_numpy() for aid, idx in sentences.groupby("article_id", sort=False).groups.items()}
    meta = analysis.articles.set_index("article_id")
    matched = []
    for pair in pairs.itertuples(index=False):
        rows_a, rows_b = by_article.get(pair.article_a), by_article.get(pair.article_b)
        if rows_a is None or rows_b is None:
            continue
        similarity = (vectors[rows_a] @ vectors[rows_b].T).toarray()
        for i, j in match_sentences(similarity, min_sentence_similarity):
            matched.append((pair, rows_a[i], rows_b[j], float(similarity[i, j])))
    if not matched:
        return empty
    info = _sentence_info(
        analysis, {sentences.at[r, "sentence_id"] for _, ra, rb, _ in matched for r in (ra, rb)}
    )
    records = []
    for pair, ra, rb, sim in matched:
        sa, sb = sentences.loc[ra], sentences.loc[rb]
        ia, ib = info[sa["sentence_id"]], info[sb["sentence_id"]]
        differences, only_a, only_b = describe_differences(ia, ib, sa["text"], sb["text"])
        records.append(
            {
                "article_a": pair.article_a,
                "article_b": pair.article_b,
                "outlet_a": str(meta.at[pair.article_a, "outlet"]),
                "outlet_b": str(meta.at[pair.article_b, "outlet"]),
                "published_a": str(meta.at[pair.article_a, "published"]),
                "published_b": str(meta.at[pair.article_b, "published"]),
                "article_similarity": pair.article_similarity,
                "sentence_id_a": sa["sentence_id"],
                "sentence_id_b": sb["sentence_id"],
                "position_a": int(sa["position"]),
                "position_b": int(sb["position"]),
                "text_a": sa["text"],
                "text_b": sb["text"],
                "similarity": sim,
                "differences": differences,
                "voice_a": ia["voice"],
                "voice_b": ib["voice"],
                "verb_a": ia["verb"],
                "verb_b": ib["verb"],
                "agency_a": ia["agency"],
                "agency_b": ib["agency"],
                "terms_only_a": "; ".join(only_a),
                "terms_only_b": "; ".join(only_b),
            }
        )
    return pd.DataFrame.from_records(records, columns=list(ALIGN_COLUMNS))
