"""The regional bureau's own work around the lifecycle (../shared/GLOSSARY.md): its plans, rules and guides
(`PolicyDocument`, versioned; Art. 5(1)–(2)), the good practice it publishes (`Showcase`, Art. 5(5)) and the
questions on the measures it answers (`PolicyQuestion`, Art. 19) and the tasks it hands to prefecture offices
(`AssignedTask`, Art. 6(3))."""

from .documents import PolicyDocument, PolicyDocumentVersion
from .questions import PolicyQuestion
from .showcases import Showcase
from .tasks import AssignedTask, TaskAssignment, TaskProgress

__all__ = [
    "AssignedTask",
    "PolicyDocument",
    "PolicyDocumentVersion",
    "PolicyQuestion",
    "Showcase",
    "TaskAssignment",
    "TaskProgress",
]
