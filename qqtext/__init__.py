"""qqtext."""
