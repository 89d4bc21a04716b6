"""The classifier, pure: text → Verdict (complaint?, category, urgency, place)."""

from bot.classify.classifier import DEFAULT_BAND, CategoryExtension, Classifier, Outcome, Verdict

__all__ = ["DEFAULT_BAND", "CategoryExtension", "Classifier", "Outcome", "Verdict"]
