"""The pure core: ticket moves, deadlines, the texts residents read."""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from zoneinfo import ZoneInfo

import pytest

from bot import texts
from bot.core.categories import CATEGORY_IDS, category_name
from bot.core.tickets import (
    Action,
    DeadlinePolicy,
    Person,
    Status,
    TransitionError,
    next_status,
)
from bot.devtools.fakeapi.protocol import check_html
from bot.texts import Texts, echo, format_age, mask_personal, mention
from handlers.common import parse_ticket_number, split_number, split_numbers
from handlers.mistyped import meant_command
from tests import factories

T0 = factories.T0
ticket = partial(factories.ticket, 12, location="3栋2单元", due_hours=None)


class TestTransitions:
    def test_the_normal_path(self):
        assert next_status(Status.OPEN, Action.ASSIGN) is Status.ASSIGNED
        assert next_status(Status.ASSIGNED, Action.ASSIGN) is Status.ASSIGNED
        assert next_status(Status.ASSIGNED, Action.DONE) is Status.DONE
        assert next_status(Status.OPEN, Action.DONE) is Status.DONE
        assert next_status(Status.DONE, Action.CLOSE) is Status.CLOSED

    def test_reopen_goes_back_to_the_worker_when_there_is_one(self):
        assert next_status(Status.DONE, Action.REOPEN, has_assignee=True) is Status.ASSIGNED
        assert next_status(Status.CLOSED, Action.REOPEN) is Status.OPEN

    @pytest.mark.parametrize(
        ("status", "action"),
        [
            (Status.DONE, Action.ASSIGN),
            (Status.DONE, Action.DONE),
            (Status.CANCELLED, Action.DONE),
            (Status.CLOSED, Action.CANCEL),
            (Status.OPEN, Action.CLOSE),
            (Status.OPEN, Action.REOPEN),
        ],
    )
    def test_moves_that_are_refused(self, status, action):
        with pytest.raises(TransitionError):
            next_status(status, action)


class TestDeadlines:
    def test_shipped_deadlines_follow_category_and_urgency(self):
        policy = DeadlinePolicy.shipped()
        assert policy.due_at(T0, "lift", urgent=False) == T0 + timedelta(hours=24)
        assert policy.due_at(T0, "sanitation", urgent=False) == T0 + timedelta(hours=48)
        assert policy.due_at(T0, "noise", urgent=False) == T0 + timedelta(days=3)
        assert policy.due_at(T0, "noise", urgent=True) == T0 + timedelta(hours=2)
        assert policy.due_at(T0, "brand_new", urgent=False) == T0 + timedelta(days=3)
        assert policy.team("lift") == "电梯维保单位"
        assert policy.team("brand_new") == "社区网格站"

    def test_recategorising_measures_the_new_limit_from_the_current_round(self):
        """A lift filed on day 0, reopened on day 5, found to be the water (24 h) on day 5
        at noon: due a day after the reopen, not a day after the filing (overdue at once)."""
        policy = DeadlinePolicy.shipped()
        reopened_at = T0 + timedelta(days=5)
        back = ticket(status=Status.ASSIGNED, due_at=reopened_at + timedelta(hours=24))
        assert policy.recategorised_due(back, "water", reopened_at) == reopened_at + timedelta(
            hours=24
        )
        assert policy.recategorised_due(back, "noise", reopened_at) == reopened_at + timedelta(
            hours=72
        )

    def test_recategorising_keeps_an_urgent_or_a_solved_tickets_deadline(self):
        policy = DeadlinePolicy.shipped()
        made_urgent = T0 + timedelta(hours=6, minutes=20)  # someone trapped, hours after filing
        urgent = ticket(urgent=True, due_at=made_urgent)
        assert policy.recategorised_due(urgent, "facilities", T0) == made_urgent
        done = ticket(status=Status.DONE, due_at=T0 + timedelta(hours=24))
        assert policy.recategorised_due(done, "noise", T0) == T0 + timedelta(hours=24)

    def test_overdue_only_while_active(self):
        due = ticket(due_at=T0 + timedelta(hours=1))
        assert due.is_overdue(T0 + timedelta(hours=2))
        assert not due.is_overdue(T0)
        done = ticket(due_at=T0, status=Status.DONE)
        assert not done.is_overdue(T0 + timedelta(days=9))


class TestTexts:
    def test_user_text_is_escaped_and_masked(self):
        raw = "<script>alert(1)</script> 打我电话13812345678 身份证110101199003071234"
        shown = echo(raw, limit=200)
        assert "<script>" not in shown and "&lt;script&gt;" in shown
        assert "138****5678" in shown and "13812345678" not in shown
        assert "110***********1234" in shown
        check_html(shown)  # Telegram would accept it

    def test_masking_leaves_ordinary_numbers_alone(self):
        assert mask_personal("3-2-501 停了3天 20元") == "3-2-501 停了3天 20元"
        assert mask_personal("座机 023-68881234") == "座机 023-****1234"

    def test_echo_shortens_to_one_line(self):
        assert echo("第一行\n第二行", 50) == "第一行 第二行"
        assert echo("好" * 100, 10) == "好" * 9 + "…"

    def test_mention_links_the_user_and_escapes_the_name(self):
        assert mention(Person(5, "<张>")) == '<a href="tg://user?id=5">&lt;张&gt;</a>'
        assert mention(Person(None, "匿名")) == "匿名"

    def test_label_and_acknowledgement(self):
        maker = Texts(ZoneInfo("Asia/Shanghai"))
        assert maker.label(ticket()) == "#12【电梯】3栋2单元"
        assert maker.label(ticket(location=None, urgent=True)) == "🚨#12【电梯】"
        ack = maker.ack_created(ticket(team="电梯维保单位"))
        assert ack.startswith("已受理 #12【电梯】3栋2单元") and "电梯维保单位" in ack
        assert "119" in maker.ack_created(ticket(urgent=True))
        assert (
            maker.ack_merged(ticket(households=5))
            == "已合并到 #12【电梯】3栋2单元（已有 5 户反映）"
        )
        taken = ticket(households=5, status=Status.ASSIGNED, assignee_id=7, assignee_name="小王")
        assert (
            maker.ack_merged(taken)
            == "已合并到 #12【电梯】3栋2单元（已有 5 户反映，小王 正在办理）"
        )
        both = maker.ack_batch([(taken, False, Person(1, "张")), (taken, False, Person(2, "李"))])
        assert "（合并，已有 5 户反映，小王 正在办理）" in both
        assert "网格员接单后" not in both  # taken already: nobody waits for a worker to take it

    def test_a_folded_acknowledgement_names_each_ticket_once_and_whose_it_is(self):
        maker = Texts(ZoneInfo("Asia/Shanghai"))
        zhang, li, wang = Person(1, "张阿姨"), Person(2, "李叔"), Person(3, "王姐")
        batch = maker.ack_batch(
            [
                (factories.ticket(12, location="3栋2单元"), True, zhang),
                (factories.ticket(13, location="5栋"), True, li),
                (factories.ticket(12, location="3栋2单元", households=2), False, li),  # joined
                (factories.ticket(12, location="3栋2单元", households=3), False, wang),
            ]
        )
        assert batch.startswith("已受理 4 条反映：")
        assert batch.count("#12【") == 1 and batch.count("#13【") == 1
        assert "• #12【电梯】3栋2单元 — " in batch  # new: no "merged" note on it
        twelve, thirteen = batch.splitlines()[1:3]
        assert [n for n in ("张阿姨", "李叔", "王姐") if n in twelve] == ["张阿姨", "李叔", "王姐"]
        assert 'href="tg://user?id=1"' in twelve and "李叔" in thirteen and "张" not in thirteen

    def test_her_words_added_in_a_busy_minute_are_not_acknowledged_again(self):
        """ "补充一下 卡在5楼了" folded with 李叔's new report: her lift, acknowledged already,
        is 已记入 — not a second "已受理" as if a new ticket."""
        maker = Texts(ZoneInfo("Asia/Shanghai"))
        zhang, li = Person(1, "张阿姨"), Person(2, "李叔")
        lift, rubbish = factories.ticket(12, location="3栋2单元"), factories.ticket(13)
        batch = maker.ack_batch([(lift, True, zhang), (rubbish, True, li)], added={12})
        assert "• #12【电梯】3栋2单元（已记入） — " in batch
        assert "#13【" in batch and "#13" not in batch.split("已记入")[0]

    def test_every_text_is_valid_telegram_html(self):
        maker = Texts(ZoneInfo("Asia/Shanghai"), {"gas": "燃<气>"})
        nasty = ticket(
            location="<b>3栋",
            summary="</i>&amp;",
            assignee_name="<a>",
            done_note="<u>",
            category="gas",
        )
        people = [Person(1, "<i>"), Person(None, "&")]
        for text in (
            maker.ack_created(nasty),
            maker.ack_batch([(nasty, True, people[0]), (nasty, False, people[1])]),
            maker.assigned(nasty, people[0]),
            maker.done(nasty, people),
            maker.active_list([nasty], 3, T0),
            maker.ticket_detail(nasty, [], T0),
            texts.HELP_GROUP,
            texts.HELP_PRIVATE,
            texts.HELP_RESIDENT,
            texts.HELP_SETUP,
        ):
            check_html(text)

    def test_local_times_and_ages(self):
        assert texts.local_time(T0, ZoneInfo("Asia/Shanghai")) == "11-23 09:00"
        assert format_age(timedelta(minutes=5)) == "5分钟"
        assert format_age(timedelta(hours=30)) == "30小时"
        assert format_age(timedelta(days=4)) == "4天"
        assert format_age(timedelta(seconds=20)) == "不到1分钟"  # not "0分钟前"


class TestTicketNumbers:
    @pytest.mark.parametrize(
        ("argument", "expected"),
        [("12", 12), ("#12", 12), ("＃１２", 12), (" 7 ", 7), ("12号", 12), ("１２号", 12)],
    )
    def test_accepted(self, argument, expected):
        assert parse_ticket_number(argument) == expected

    @pytest.mark.parametrize(
        "argument",
        ["-3", "0", "abc", "12a", "99999999999999999999", "1.5", "", "'; DROP", "12号楼", "号"],
    )
    def test_refused(self, argument):
        assert parse_ticket_number(argument) is None

    @pytest.mark.parametrize(
        ("args", "expected"),
        [
            (["12，已更换灯泡"], (12, ["已更换灯泡"])),  # a phone's Chinese comma, no space
            (["＃１２：门机板已更换", "下午"], (12, ["门机板已更换", "下午"])),
            (["12,", "15"], (12, ["15"])),
            (["12、15"], (12, ["15"])),
            (["12", "已修好"], (12, ["已修好"])),
            (["3-2-501"], (None, [])),  # a flat, not a ticket
            (["12号楼"], (None, [])),
            (["2号", "修好了"], (2, ["修好了"])),  # "/done 2号 修好了": ticket 2
            (["2号，修好了"], (2, ["修好了"])),
            (["2号楼修好了"], (None, [])),
            (["，12"], (None, [])),
        ],
    )
    def test_a_number_and_what_follows_it(self, args, expected):
        assert split_number(args) == expected


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("dnoe", "done"), ("asign", "assign"), ("assgin", "assign"), ("tood", "todo"),
        ("lsit", "list"), ("categroy", "category"), ("done12", "done 12"), ("DONE1", "done 1"),
        ("done", None), ("start", None), ("weather", None), ("roll", None), ("dn", None),
        ("stats", None), ("menu", None), ("categoryy", "category"), ("categoryyy", "category"),
        ("categoryyyy", None), ("x" * 4000, None), ("done" * 1000, None),
    ],
)  # fmt: skip
def test_a_mistyped_command_and_the_one_meant(typed, meant):
    assert meant_command(typed) == meant


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("tood", None), ("dnoe", None), ("asign", None), ("done12", None), ("exprot", None),
        ("mien", "mine"), ("lsit", "list"), ("reopne", "reopen"), ("ticket12", "ticket 12"),
        ("hlep", "help"),
    ],
)  # fmt: skip
def test_a_residents_mistyped_command_is_taken_only_for_one_of_hers(typed, meant):
    """/todo, /done, /assign, /export are workers' commands: a resident is not pointed there."""
    assert meant_command(typed, worker=False) == meant


def test_taxonomy_ids_are_the_shared_ones():
    assert set(CATEGORY_IDS) == {
        "parking", "lift", "sanitation", "water", "power", "lighting", "noise", "fire_safety",
        "greenery", "security", "facilities", "pets", "property_service", "neighbour_dispute",
        "other",
    }  # fmt: skip
    assert category_name("lift") == "电梯"
    assert category_name("gas", {"gas": "燃气"}) == "燃气"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["1、2", "9", "已恢复供电"], ([1, 2, 9], ["已恢复供电"])),
        (["＃１，＃２", "好了"], ([1, 2], ["好了"])),  # a phone's Chinese keyboard
        (["1、2、已修好"], ([1, 2], ["已修好"])),
        (["1", "13800138000", "有问题打这个电话"], ([1], ["13800138000", "有问题打这个电话"])),
        (["1", "2楼灯已换"], ([1], ["2楼灯已换"])),
        (["12", "3", "号楼电梯已修好"], ([12], ["3", "号楼电梯已修好"])),  # a place, spaced
        (["12", "15", "3", "单元 已恢复"], ([12, 15], ["3", "单元 已恢复"])),
        (["12", "2", "台水泵换了"], ([12], ["2", "台水泵换了"])),
        (["12", "3", "已恢复"], ([12, 3], ["已恢复"])),
        (["12", "6", "月底前换新"], ([12], ["6", "月底前换新"])),
        # a note's first word that only starts like a unit: both tickets are closed
        (["5", "6", "小区大门已修好"], ([5, 6], ["小区大门已修好"])),
        (["5", "6", "门禁已修好"], ([5, 6], ["门禁已修好"])),
        (["5", "6", "楼道灯已换"], ([5, 6], ["楼道灯已换"])),
        (["7", "8", "天然气已恢复"], ([7, 8], ["天然气已恢复"])),
        (["9", "10", "排水管已疏通"], ([9, 10], ["排水管已疏通"])),
        (["5", "6", "台阶已补好"], ([5, 6], ["台阶已补好"])),
        (["5", "6", "室外水管已换"], ([5, 6], ["室外水管已换"])),
        (["5", "6", "个别住户仍无水"], ([5, 6], ["个别住户仍无水"])),
        (["5", "6", "区域停电已恢复"], ([5, 6], ["区域停电已恢复"])),
        (["5", "6", "分户阀已换"], ([5, 6], ["分户阀已换"])),
        (["5", "6", "点位已复查"], ([5, 6], ["点位已复查"])),
        (["1", "1"], ([1], [])),  # named twice: done once
        (["已修好"], ([], [])),  # no number: split_number says so
        ([], ([], [])),
    ],
)
def test_the_ticket_numbers_a_command_names(args, expected):
    assert split_numbers(args) == expected
