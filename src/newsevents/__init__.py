"""newsevents: raw scraped news in, a database of political and conflict events out."""

__version__ = "0.1.0"
