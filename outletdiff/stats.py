"""Corpus statistics over the tables of a corpus run: which words and sources mark an outlet.

- top framing words per outlet, with counts and rates per 1,000 words in the outlet's own voice;
- the framing words that most distinguish each outlet from all the others, by the weighted
  log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
  "Fightin' Words"), with z-scores, so a word used a lot by everyone does not stand out;
- the mix of source types (person, institution, outlet, anonymous) per outlet;
- how often outlets carry the same quotes.

Everything is a polars expression over whole columns (lazy where the input is a scan), so
the cost grows with the table sizes, not with Python loops.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from .atomic import write_atomic
from .tables import SOURCE_KINDS, read_table


@dataclass(frozen=True)
class CorpusStats:
    """All statistics of one report folder, each a tidy table."""

    framing_rates: pl.DataFrame
    top_words: pl.DataFrame
    distinctive_words: pl.DataFrame
    source_mix: pl.DataFrame
    quote_overlap: pl.DataFrame

    def tables(self) -> dict[str, pl.DataFrame]:
        """The tables by the file name they are exported under."""
        return {
            "framing_rates": self.framing_rates,
            "top_framing_words": self.top_words,
            "distinctive_words": self.distinctive_words,
            "source_mix": self.source_mix,
            "quote_overlap": self.quote_overlap,
        }


def corpus_stats(reports: str | Path, *, top: int = 20, prior_size: float | None = None) -> CorpusStats:
    """Compute every statistic from the tables ``outletdiff corpus`` wrote to ``reports``."""
    framing = read_table(reports, "framing")
    outlets = read_table(reports, "outlets")
    findings = read_table(reports, "findings")
    odds = framing_log_odds(framing, outlets, prior_size=prior_size)
    return CorpusStats(
        framing_rates=framing_rates(framing, outlets),
        top_words=top_framing_words(framing, outlets, top=top),
        distinctive_words=odds.filter(
            (pl.col("z") > 0) & (pl.col("z").rank("ordinal", descending=True).over("outlet") <= top)
        ),
        source_mix=source_mix(outlets),
        quote_overlap=quote_overlap(findings),
    )


def write_stats(stats: CorpusStats, out: str | Path) -> list[Path]:
    """Export every statistic as CSV (readable by any tool) into ``out``."""
    folder = Path(out)
    written = []
    for name, frame in stats.tables().items():
        target = folder / f"{name}.csv"
        write_atomic(target, frame.write_csv())
        written.append(target)
    return written


def outlet_words(outlets: pl.LazyFrame | pl.DataFrame) -> pl.LazyFrame:
    """Events and words in the outlet's own voice (outside quotes), per outlet."""
    return (
        outlets.lazy()
        .group_by("outlet")
        .agg(pl.col("event_id").n_unique().alias("events"), pl.col("outlet_voice_words").sum().alias("words"))
    )


def _own_voice_counts(framing: pl.LazyFrame | pl.DataFrame, *, by: list[str]) -> pl.LazyFrame:
    return framing.lazy().filter(pl.col("voice") == "outlet").group_by(by).agg(pl.len().alias("count"))


def framing_rates(framing: pl.LazyFrame | pl.DataFrame, outlets: pl.LazyFrame | pl.DataFrame) -> pl.DataFrame:
    """Framing words in the outlet's own voice per 1,000 words, by outlet and category (long format).

    Every outlet has a row for every category seen in the corpus, with 0 where it used none.
    """
    counts = _own_voice_counts(framing, by=["outlet", "category"])
    categories = framing.lazy().select(pl.col("category").unique())
    return (
        outlet_words(outlets)
        .join(categories, how="cross")
        .join(counts, on=["outlet", "category"], how="left")
        .with_columns(pl.col("count").fill_null(0).cast(pl.Int64))
        .with_columns(_per_1000(pl.col("count"), pl.col("words")))
        .select("outlet", "category", "count", "words", "per_1000")
        .sort(["outlet", "category"])
        .collect()
    )


def top_framing_words(
    framing: pl.LazyFrame | pl.DataFrame, outlets: pl.LazyFrame | pl.DataFrame, *, top: int = 20
) -> pl.DataFrame:
    """The ``top`` most frequent framing words of each outlet in its own voice.

    Words are counted by lexicon term (lemma), so "slammed" and "slams" count together.
    """
    counts = _own_voice_counts(framing, by=["outlet", "term", "category"])
    return (
        counts.join(outlet_words(outlets), on="outlet", how="inner")
        .with_columns(_per_1000(pl.col("count"), pl.col("words")))
        .sort(["outlet", "count", "term", "category"], descending=[False, True, False, False])
        .with_columns(pl.int_range(1, pl.len() + 1).over("outlet").alias("rank"))
        .filter(pl.col("rank") <= top)
        .select("outlet", "rank", "term", "category", pl.col("count").cast(pl.Int64), "per_1000")
        .collect()
    )


def framing_log_odds(
    framing: pl.LazyFrame | pl.DataFrame,
    outlets: pl.LazyFrame | pl.DataFrame,
    *,
    prior_size: float | None = None,
) -> pl.DataFrame:
    """Weighted log-odds of each framing term, each outlet against all other outlets together.

    Counts are the outlet's own-voice framing words; the denominators are its own-voice word
    counts, so an outlet that simply writes more does not look more loaded.
    """
    counts = _own_voice_counts(framing, by=["outlet", "term"])
    totals = outlet_words(outlets).select(pl.col("outlet"), pl.col("words").alias("total"))
    return log_odds(counts, totals, group="outlet", prior_size=prior_size)


def log_odds(
    counts: pl.LazyFrame | pl.DataFrame,
    totals: pl.LazyFrame | pl.DataFrame,
    *,
    group: str = "outlet",
    prior_size: float | None = None,
) -> pl.DataFrame:
    """Monroe, Colaresi & Quinn's (2008) weighted log-odds with an informative Dirichlet prior.

    ``counts`` has columns ``group, term, count``; ``totals`` has ``group, total`` (all words
    of the group, counted or not). For group i against the rest j, with corpus counts y_w
    and N, the prior is alpha_w = a0 * y_w / N (a0 = ``prior_size``, by default N, so the
    corpus itself is the prior) and

        delta_w = log((y_wi + alpha_w) / (n_i + a0 - y_wi - alpha_w))
                - log((y_wj + alpha_w) / (n_j + a0 - y_wj - alpha_w))
        var_w  ~= 1 / (y_wi + alpha_w) + 1 / (y_wj + alpha_w)
        z_w     = delta_w / sqrt(var_w)

    Every group gets a row for every term (count 0 where it never used it).
    """
    counts_lazy = counts.lazy().select(pl.col(group), pl.col("term"), pl.col("count").cast(pl.Float64))
    totals_lazy = totals.lazy().select(pl.col(group), pl.col("total").cast(pl.Float64))
    corpus_total = pl.col("total").sum()
    terms = counts_lazy.group_by("term").agg(pl.col("count").sum().alias("term_total"))
    grid = totals_lazy.with_columns(corpus_total.alias("corpus_total")).join(terms, how="cross")
    a0 = pl.col("corpus_total") if prior_size is None else pl.lit(float(prior_size))
    alpha = (a0 * pl.col("term_total") / pl.col("corpus_total")).alias("alpha")
    rest_count = pl.col("term_total") - pl.col("count")
    rest_total = pl.col("corpus_total") - pl.col("total")
    mine = pl.col("count") + pl.col("alpha")
    theirs = pl.col("count_rest") + pl.col("alpha")
    delta = (mine / (pl.col("total") + pl.col("a0") - mine)).log() - (
        theirs / (rest_total + pl.col("a0") - theirs)
    ).log()
    variance = 1 / mine + 1 / theirs
    return (
        grid.join(counts_lazy, on=[group, "term"], how="left")
        .with_columns(pl.col("count").fill_null(0.0))
        .with_columns(alpha, a0.alias("a0"), rest_count.alias("count_rest"))
        .with_columns(delta.alias("delta"), variance.alias("variance"))
        .with_columns((pl.col("delta") / pl.col("variance").sqrt()).alias("z"))
        .select(
            pl.col(group),
            "term",
            pl.col("count").cast(pl.Int64),
            pl.col("count_rest").cast(pl.Int64),
            "delta",
            "variance",
            "z",
        )
        .sort([group, "z", "term"], descending=[False, True, False])
        .collect()
    )


def source_mix(outlets: pl.LazyFrame | pl.DataFrame) -> pl.DataFrame:
    """How each outlet's sources split into person, institution, outlet and anonymous (long format)."""
    columns = [f"sources_{kind}" for kind in SOURCE_KINDS]
    return (
        outlets.lazy()
        .group_by("outlet")
        .agg(pl.col(columns).sum())
        .unpivot(index="outlet", on=columns, variable_name="source_type", value_name="count")
        .with_columns(
            pl.col("source_type").str.strip_prefix("sources_"),
            pl.col("count").cast(pl.Int64),
        )
        .with_columns(
            (pl.col("count") / pl.col("count").sum().over("outlet")).fill_nan(0.0).round(4).alias("share")
        )
        .sort(["outlet", "source_type"])
        .collect()
    )


def quote_overlap(findings: pl.LazyFrame | pl.DataFrame) -> pl.DataFrame:
    """For each ordered pair of outlets, how many of the first's quotes the second also carries.

    A quote both outlets have verbatim is ``shared``; with different words or speaker it is
    ``altered`` (still carried, by both); an ``only`` quote is carried by none of the outlets
    that lack it.
    """
    quotes = findings.lazy().filter(pl.col("kind") == "quote")
    alone = (
        quotes.filter(pl.col("change") == "only")
        .with_columns(pl.col("lacking").str.split("; ").alias("other_outlet"))
        .explode("other_outlet")
        .select("outlet", "other_outlet", "change")
    )
    both = quotes.filter(pl.col("change").is_in(["shared", "altered"]) & pl.col("other_outlet").is_not_null())
    seen_from_each = pl.concat(
        [
            both.select("outlet", "other_outlet", "change"),
            both.select(
                pl.col("other_outlet").alias("outlet"), pl.col("outlet").alias("other_outlet"), "change"
            ),
        ]
    )
    return (
        pl.concat([alone, seen_from_each])
        .group_by("outlet", "other_outlet")
        .agg(
            pl.len().alias("quotes"),
            (pl.col("change") == "shared").sum().cast(pl.Int64).alias("shared"),
            (pl.col("change") == "altered").sum().cast(pl.Int64).alias("altered"),
        )
        .with_columns(
            pl.col("quotes").cast(pl.Int64),
            ((pl.col("shared") + pl.col("altered")) / pl.col("quotes")).round(4).alias("overlap"),
        )
        .sort(["outlet", "other_outlet"])
        .collect()
    )


def _per_1000(count: pl.Expr, words: pl.Expr) -> pl.Expr:
    return pl.when(words > 0).then((1000 * count / words).round(2)).otherwise(0.0).alias("per_1000")
