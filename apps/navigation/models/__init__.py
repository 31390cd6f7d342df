"""Patent navigation (专利导航, Art. 13(2)): landscape datasets imported into an embedded columnar store, navigation
reports defined by a saved scope, and prior-art searches for the pre-filing assessment (../shared/GLOSSARY.md:
`LandscapeDataset`, `Navigation`)."""

from .datasets import LandscapeDataset, LandscapeImport
from .reports import Navigation
from .searches import PriorArtSearch

__all__ = ["LandscapeDataset", "LandscapeImport", "Navigation", "PriorArtSearch"]
