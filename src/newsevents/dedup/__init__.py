"""Duplicate detection: exact and near-duplicate copies, and story-level grouping."""

from newsevents.dedup.deduplicator import (
    NEAR_DUP_THRESHOLD,
    Deduplicator,
    exact_hash,
    signature,
)
from newsevents.dedup.stories import cluster_stories

__all__ = ["NEAR_DUP_THRESHOLD", "Deduplicator", "cluster_stories", "exact_hash", "signature"]
