"""`python -m bot learned`: what this deployment's workers taught the classifier, and reset."""

from __future__ import annotations

import argparse
import json

from bot.cli.common import database_missing, fail, load_or_exit, no_database, use_stores
from bot.core.privacy import mask_personal
from bot.core.timeutil import utc_now
from storage.stores import Stores

__all__ = ["learned"]


def learned(args: argparse.Namespace) -> int:
    """Show the learned phrases with the examples behind each, the best-backed `--top` of them
    (or forget them all)."""
    config = load_or_exit(args.config, require_token=False)
    if database_missing(config):
        return no_database(config)
    if args.reset:

        async def forget(stores: Stores) -> int:
            return await stores.lessons.forget()

        count = use_stores(config, forget)
        if args.json:
            print(json.dumps({"forgot": count}))
            return 0
        return fail(
            f"forgot {count} lesson(s); a running bot keeps what it learned until it restarts",
            0,
        )

    from bot.classify import Classifier
    from bot.classify.adapt import MIN_LESSONS, describe_feature
    from bot.classify.learning import NOT_A_COMPLAINT
    from bot.runtime.lessons import learn_lessons

    classifier = Classifier.load(config.category_extensions())

    async def learn(stores: Stores) -> int:  # as the bot does at start, keeping nothing
        return await learn_lessons(classifier, stores.lessons, utc_now(), keep=False)

    lessons = use_stores(config, learn)
    items = classifier.learned.shown() if classifier.learned else []
    weights = classifier.adapted.items() if classifier.adapted else []
    active = classifier.adapted is not None and classifier.adapted.active
    names = classifier.category_names()
    if args.json:
        data = {
            "lessons": lessons,
            "learning": config.classify.learn,
            "items": [
                {
                    "phrase": i.phrase,
                    "label": i.label,
                    "support": i.support,
                    "against": i.against,
                    "examples": [mask_personal(e) for e in i.examples],
                }
                for i in items
            ],
            "adjustment_active": active,
            "weights": [
                {
                    "feature": w.feature,
                    "label": w.label,
                    "weight": round(w.weight, 3),
                    "examples": [mask_personal(e) for e in w.examples],
                }
                for w in weights
            ],
        }
        print(json.dumps(data, ensure_ascii=False))
        return 0
    print(f"{lessons} lesson(s) from workers and admins; {len(items)} learned phrase(s)")
    if not config.classify.learn:
        print(
            "learning is off in this config ([classify] learn = false): the bot keeps the "
            "lessons but does not use them; this is what it would learn"
        )
    ranked = sorted(items, key=lambda i: (-i.support, i.phrase))
    shown = ranked[: args.top] if args.top else ranked
    for item in shown:
        label = "not a complaint" if item.label == NOT_A_COMPLAINT else names.get(item.label)
        backing = f"{item.support} for, {item.against} against"
        print(f"\n{item.phrase!r} → {label or item.label}  ({backing})")
        for example in item.examples:
            print(f"    {_one_line(example)}")
    if len(shown) < len(ranked):
        print(
            f"\n… and {len(ranked) - len(shown)} more phrase(s) with less backing "
            "(--top 0 shows every one; --json has them all)"
        )
    if weights:
        state = "in use" if active else f"not in use before {MIN_LESSONS} lessons"
        print(f"\nThe model's adjustment for this community ({state}), strongest weights:")
        for w in weights:
            label = "complaint" if w.label == "complaint" else names.get(w.label, w.label)
            print(f"\n{describe_feature(w.feature, names)} → {label} {w.weight:+.2f}")
            for example in w.examples:
                print(f"    {_one_line(example)}")
    return 0


def _one_line(example: str) -> str:
    """An example as one indented line: a message's own line breaks would break the layout;
    a phone or ID number in it hidden, as everywhere the bot repeats a resident's words."""
    return mask_personal(" ".join(example.split()))[:80]
