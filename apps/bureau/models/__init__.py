"""The regional bureau's own work around the lifecycle (../shared/GLOSSARY.md): its plans, rules and guides
(`PolicyDocument`, versioned; Art. 5(1)–(2)), the good practice it publishes (`Showcase`, Art. 5(5)) and the
questions on the measures it answers (`PolicyQuestion`, Art. 19)."""

from .documents import PolicyDocument, PolicyDocumentVersion
from .questions import PolicyQuestion
from .showcases import Showcase

__all__ = ["PolicyDocument", "PolicyDocumentVersion", "PolicyQuestion", "Showcase"]
