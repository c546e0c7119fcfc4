"""Kept for migration 0006, which imports these names from here (landed migrations are never
edited): the image checks and renditions live in newsroom/images.py."""

from newsroom.images import RENDITION_WIDTHS, rendition_name

__all__ = ["RENDITION_WIDTHS", "rendition_name"]
