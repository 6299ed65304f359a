"""The entity model: FollowTheMoney entities plus Vigie's handling (marking, caveats, grading)."""

from vigie.model.grading import Credibility, Grading, Reliability
from vigie.model.handling import Handling, Marking

__all__ = ["Credibility", "Grading", "Handling", "Marking", "Reliability"]
