"""Every refusal of the rules has a polite answer, naming the ticket where there is one."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from datetime import timedelta
from pathlib import Path

import pytest

from bot import texts
from bot.core.permissions import Reason, Refused
from bot.core.tickets import Action, Detail, Event, Status, TicketNotFound, TransitionError
from tests.factories import SHANGHAI, T0, ticket

TEXTS = texts.Texts(SHANGHAI)


def test_not_found_and_wrong_status_name_the_ticket():
    assert TEXTS.refusal(TicketNotFound(7)) == texts.not_found(7)
    done = ticket(3, status=Status.DONE)
    said = TEXTS.refusal(TransitionError(Status.DONE, Action.ASSIGN, done))
    assert said.startswith("#3【电梯】3栋") and "已办结" in said and "不能接单" in said
    assert "不能通报进展" in TEXTS.refusal(TransitionError(Status.CANCELLED, Action.NOTE))


@pytest.mark.parametrize("reason", list(Reason))
def test_every_reason_has_its_own_answer(reason: Reason):
    said = TEXTS.refusal(Refused(reason, ticket(5), detail="7"))
    assert said and said != texts.NOT_ALLOWED
    assert texts.ERROR_SORRY not in said


def test_buttons_answer_briefly():
    assert TEXTS.button_refusal(TicketNotFound(1)) == texts.BUTTON_EXPIRED
    assert TEXTS.button_refusal(Refused(Reason.WORKERS_ONLY)) == texts.TAKE_WORKERS_ONLY
    assert TEXTS.button_refusal(Refused(Reason.NOT_REPORTER)) == texts.ONLY_REPORTER
    # a neighbour who did not report it is told what she can do, not only that she cannot
    assert texts.ONLY_REPORTER.startswith("只有反映这件事的住户可以评价")
    assert "如果问题还在，请在群里直接说一下情况" in texts.ONLY_REPORTER
    assert TEXTS.button_refusal(Refused(Reason.RATING_CLOSED)) == texts.RATING_CLOSED


def test_a_refusal_in_a_group_a_report_was_merged_in_from_names_the_building_only():
    """The chat it is said in (`seen_in`): the ticket's own group and a private chat see the
    flat, another group (its report folded into this ticket) only the building."""
    merged = ticket(4, chat_id=-1, location="3-2-501", status=Status.ASSIGNED)
    refused = TransitionError(Status.ASSIGNED, Action.REOPEN, merged)
    assert "3-2-501" in TEXTS.refusal(refused, seen_in=-1)
    assert "3-2-501" in TEXTS.refusal(refused, seen_in=9001)
    there = TEXTS.refusal(refused, seen_in=-2)
    assert there.startswith("#4【电梯】3-2 ") and "501" not in there
    taken = Refused(Reason.TAKEN_BY_OTHER, merged, detail="小李")
    assert "501" not in TEXTS.button_refusal(taken, seen_in=-2)


def test_history_names_what_the_system_wrote_and_keeps_what_people_wrote():
    def line(action: str, detail: str) -> str | None:
        return TEXTS.event_detail(Event(1, None, None, action, T0 + timedelta(hours=1), detail))

    assert line("close", Detail.UNRATED) == "未评价"
    assert line("close", "未评价") == "未评价"  # as older databases hold it
    assert line("rate", "basically_satisfied") == "基本满意"
    assert line("category", "lift→water") == "电梯→供水排水"
    assert line("escalate", "2") == "2级（街道承办）"
    assert line("cancel", "已经修好了") == "已经修好了"
    assert line("reopen", "unrated") == "unrated"  # a person's words are never translated


def test_the_texts_package_offers_every_public_name_of_its_modules():
    """`from bot import texts` is the one way in: nothing a texts module defines is left out."""
    for module in pkgutil.iter_modules(texts.__path__):
        name = f"bot.texts.{module.name}"
        defined = ast.parse(Path(importlib.import_module(name).__file__ or "").read_text("utf-8"))
        public = {
            target.id
            for node in defined.body
            for target in (
                node.targets
                if isinstance(node, ast.Assign)
                else [node.target]
                if isinstance(node, ast.AnnAssign)
                else [ast.Name(node.name)]
                if isinstance(node, (ast.FunctionDef, ast.ClassDef))
                else []
            )
            if isinstance(target, ast.Name) and not target.id.startswith("_")
        } - {"__all__"}
        assert public <= set(texts.__all__), (name, public - set(texts.__all__))
