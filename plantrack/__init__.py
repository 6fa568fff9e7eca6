"""plantrack: council improvement-plan packs -> typed action records, diffs and BI tables."""

__version__ = "0.1.0"
