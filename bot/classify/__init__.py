"""The classifier, pure: text → Verdict (complaint?, category, urgency, place)."""

from bot.classify.classifier import CategoryExtension, Classifier, Verdict

__all__ = ["CategoryExtension", "Classifier", "Verdict"]
