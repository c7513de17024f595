"""What the dashboard needs besides drawing, as functions over the tables of ``framing.schema``: tested
without a browser, so the app (``dashboard.py`` and the pages in ``pages/``) only draws.

- ``vocabulary``: labels and colours of voices, dimensions and outlets;
- ``highlight``: cues as highlighted, escaped HTML (sentences, articles, aligned pairs);
- ``uploads``: uploads checked against the limits and analysed;
- ``filters``: the sidebar filters and the analysis restricted to them;
- ``views``: summaries, sentence search, metric names and periods;
- ``lexicons``: lexicon browsing, editing and the re-analysis diff;
- ``coding``: coding sentences by hand, training from the codes;
- ``exports``: tables and charts as files;
- ``access``: the folders the dashboard may read and write.

Everything is re-exported here (``from framing.interfaces import dashboard as ds``).
"""

from __future__ import annotations

from framing.interfaces.dashboard.access import (  # noqa: F401
    ALLOW_VARIABLE,
    LEXICON_VARIABLE,
    Access,
    allowed_environment,
)
from framing.interfaces.dashboard.coding import (  # noqa: F401
    CODING_DIMENSIONS,
    MIN_CODES_PER_CLASS,
    CodingSheet,
    neighbours,
    next_to_code,
    training_figures,
    training_frame,
)
from framing.interfaces.dashboard.exports import (  # noqa: F401
    chart_export_available,
    chart_image,
    csv_bytes,
    cue_columns,
)
from framing.interfaces.dashboard.filters import (  # noqa: F401
    FilterOptions,
    Filters,
    apply_filters,
    filter_options,
    subset,
    voice_mask,
)
from framing.interfaces.dashboard.highlight import (  # noqa: F401
    PUNCTUATION,
    aligned_pairs_html,
    article_html,
    cue_style,
    cue_tooltip,
    highlight_html,
    legend_html,
    sentence_list_html,
    word_diff_html,
    word_diff_legend_html,
)
from framing.interfaces.dashboard.lexicons import (  # noqa: F401
    CUE_KEY,
    DECISION_COLUMNS,
    LEXICON_ORDER,
    MAX_REANALYSE_ARTICLES,
    add_term,
    articles_containing,
    check_lexicons,
    default_user_lexicon_dir,
    field_kinds,
    lexicon_files,
    lexicon_header,
    read_lexicon_table,
    reanalyse,
    rebuild_articles,
    sentence_changes,
    staged_lexicon_dir,
    tsv_line,
    user_config,
)
from framing.interfaces.dashboard.relations import (  # noqa: F401
    pair_sentence_ids,
    who_blames_whom,
)
from framing.interfaces.dashboard.uploads import (  # noqa: F401
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_FILES,
    UPLOAD_TYPES,
    UploadCheck,
    analyse_uploads,
    check_uploads,
    content_key,
    path_stamp,
    safe_file_name,
    write_uploads,
)
from framing.interfaces.dashboard.views import (  # noqa: F401
    DEFAULT_METRICS,
    EXPECTED_PARTS,
    PERIOD_AXIS_FORMAT,
    SENTENCE_VIEW_COLUMNS,
    article_labels,
    article_sentence_ids,
    as_percentages,
    corpus_summary,
    default_metrics,
    figures_html,
    group_article_ids,
    is_share,
    mark_gaps,
    metric_labels,
    metric_sentence_ids,
    missing_parts,
    order_metrics,
    outlet_summary,
    period_article_ids,
    period_starts,
    plain_metrics,
    search_table,
    sentence_table,
    volume,
)
from framing.interfaces.dashboard.vocabulary import (  # noqa: F401
    DIMENSION_COLOURS,
    DIMENSION_LABELS,
    DIMENSION_PRIORITY,
    OTHER_COLOUR,
    UNDERLINED,
    VOICE_LABELS,
    dimension_label,
    dimension_rank,
    item_colours,
    outlet_colours,
    outlet_label,
    sort_dimensions,
    voice_label,
)
