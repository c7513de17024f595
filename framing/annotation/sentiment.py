"""VADER's compound score per sentence (``vaderSentiment`` ships its lexicon), kept beside framing's
own evaluative score: VADER measures general sentiment, not framing, and users want both."""

from __future__ import annotations

from functools import lru_cache

from framing.config import AnalysisConfig
from framing.schema import Column
from framing.types import Doc


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


class VaderAnnotator:
    name = "sentiment"
    columns = (Column("vader_compound", "float", float("nan"), "VADER compound sentiment, -1 to +1 (empty when --no-vader)"),)

    def __init__(self):
        self.analyzer = _analyzer()

    def __call__(self, doc: Doc) -> None:
        for sentence in doc.sentences:
            sentence.values["vader_compound"] = self.analyzer.polarity_scores(sentence.text)["compound"]


class NoVader:
    name = "sentiment"
    columns = VaderAnnotator.columns

    def __call__(self, doc: Doc) -> None:
        return None


def build(config: AnalysisConfig):
    return VaderAnnotator() if config.vader else NoVader()
