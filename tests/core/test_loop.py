"""The pure rules of the loop: merging, escalation levels, the verdict window, local time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.core.followups import (
    adds_detail,
    asks_progress,
    is_bare_me_too,
    is_me_too,
    me_too_verb,
    says_still,
)
from bot.core.loop import (
    LoopPolicy,
    MergeCandidate,
    find_duplicate,
    joins_ticket,
    names_only_place,
    repeats_herself,
    said_late,
    same_place,
    still_due,
    text_similarity,
    too_late,
)
from bot.core.tickets import Status
from bot.core.timeutil import day_bounds, in_range, next_outside, next_within
from tests.factories import SHANGHAI, T0, ticket


class TestSamePlace:
    @pytest.mark.parametrize(
        ("a", "b"),
        [
            ("3栋", "三栋"),
            ("3栋", "3号楼"),
            ("5幢", "五栋"),
            ("7棟", "7栋"),
            ("B区", "b区"),
            ("12栋", "十二栋"),
            ("10栋", "十栋"),
            ("20栋", "二十栋"),
            ("21号楼", "二十一栋"),
            ("101室", "一零一室"),
            ("105", "一百零五"),
            ("110", "一百一十"),
        ],
    )
    def test_spellings_of_one_place(self, a, b):
        assert same_place(a, b)

    @pytest.mark.parametrize(
        ("a", "b"),
        [
            ("3栋", "4栋"),
            ("3栋", None),
            (None, None),
            ("东门", "西门"),
            ("1栋", "十栋"),
            ("12栋", "十栋2"),
            ("2栋", "二十栋"),
        ],
    )
    def test_different_or_unknown_places(self, a, b):
        assert not same_place(a, b)


def test_text_similarity_separates_repeats_from_other_problems():
    assert text_similarity("3栋电梯又坏了 困人了", "3栋电梯又坏了，困人了！！") > 0.8
    assert text_similarity("电梯坏了", "垃圾没人收") < 0.2
    assert text_similarity("😀", "😀") == 1.0


def test_a_reply_that_only_chases_a_ticket_joins_it_another_problem_does_not():
    def joins(category: str | None, *, reply: bool = True, me_too: bool = False) -> bool:
        return joins_ticket(
            "water", me_too=me_too, is_complaint=category is not None, category=category,
            is_reply=reply,
        )  # fmt: skip

    assert joins("water") and joins(None, me_too=True)
    assert joins("property_service")  # "啥时候修得好嘛？" under the complaint
    assert not joins("property_service", reply=False)  # a bare message after it: its own
    assert not joins("parking")  # another problem, even as a reply
    assert not joins(None)  # chatter under a complaint files nothing


def test_words_that_add_to_a_ticket_join_it_in_reply_naming_no_other_problem():
    def joins(*, reply: bool = True, names_problem: bool = False, guess: str | None = None) -> bool:
        return joins_ticket(
            "facilities", me_too=False, is_complaint=guess is not None, category=guess,
            is_reply=reply, names_problem=names_problem, adds=True,
        )  # fmt: skip

    assert joins()  # "补充一下 5楼也漏" under the acknowledgement
    assert joins(guess="lift")  # "还有5楼也在漏": unsure, the model's best guess no matter
    assert not joins(guess="parking", names_problem=True)  # words naming another problem
    assert not joins(reply=False)  # said after it, not under it: its own
    assert not joins(names_problem=True)  # "还有 楼下车乱停": another problem
    assert adds_detail("补充一下 5楼也漏") and adds_detail("对了，我家是502")
    assert not adds_detail("谢谢") and not adds_detail("楼下车乱停 堵死了")


@pytest.mark.parametrize(
    "text",
    ["我前天反映的电梯修好没有", "有人管吗", "啥时候修得好嘛？", "还要等多久", "漏水处理了吗",
     "到底修不修", "进展怎么样了", "什么时候来人", "我的漏水怎么样了", "电梯怎么样了",
     "怎么还没修", "咋还没人来", "怎么没人管", "好几天了还没修", "师傅什么时候到",
     "多久能修好", "要等几天啊", "几天能修好", "处理得怎么样了", "搞定了没有", "有结果了吗",
     "师傅来了没有", "修理工到了吗"],
)  # fmt: skip
def test_questions_how_a_complaint_is_going(text):
    assert asks_progress(text)


@pytest.mark.parametrize(
    "text",
    ["什么时候团购", "多久没见了", "他管不管孩子", "修好了 谢谢", "电梯坏了", "我家也是",
     "你家孩子怎么样了", "孩子还没吃饭", "还没理发", "你怎么没理我", "他还没来", "？？？",
     "过几天去旅游", "多久没来了", "怎么样了", "人呢", "客人到了吗", "你身体好了吗"],
)  # fmt: skip
def test_words_that_ask_nothing_of_a_complaint(text):
    assert not asks_progress(text)


def test_a_resident_repeating_her_own_report():
    at = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    words = "3栋电梯又坏了 老人下不了楼"
    said = [(words, at)]
    assert repeats_herself(words, said, at + timedelta(seconds=5)) == "double"  # a double tap
    assert repeats_herself(words, said, at + timedelta(hours=1)) == "again"  # nobody answered
    assert repeats_herself("电梯还是坏的啊 怎么没人管", said, at + timedelta(minutes=1)) == "again"
    assert repeats_herself("补充：是2单元的", said, at + timedelta(minutes=1)) is None
    assert repeats_herself(words, [], at) is None  # a neighbour's


@pytest.mark.parametrize(
    ("text", "verb"),
    [("我家也漏了", "漏"), ("我们家也在漏", "漏"), ("对 我家也漏水了！", "漏"),
     ("楼下也堵了", "堵"), ("我家也渗水", "渗"), ("我家也漏了 天花板全湿了 快来人", None),
     ("漏了", None), ("我也是", None)],
)  # fmt: skip
def test_a_me_too_told_by_its_verb_alone(text, verb):
    assert me_too_verb(text) == verb


def test_question_marks_ask_only_under_the_bots_answer():
    assert asks_progress("？？？", under_the_bot=True) and asks_progress("?", under_the_bot=True)
    assert not asks_progress("？？？") and not asks_progress("啊？", under_the_bot=True)


@pytest.mark.parametrize(
    "text", ["怎么样了", "现在什么情况", "电梯好了没", "好了吗？", "人呢", "有消息吗", "咋样了呢"]
)
def test_a_bare_question_asks_only_under_the_bots_answer(text):
    assert asks_progress(text, under_the_bot=True) and not asks_progress(text)


@pytest.mark.parametrize("text", ["你家孩子怎么样了", "你好吗", "好了好了", "今天天气怎么样"])
def test_words_under_the_bots_answer_that_ask_nothing(text):
    assert not asks_progress(text, under_the_bot=True)


class TestFindDuplicate:
    def candidate(self, **kw) -> MergeCandidate:
        texts = kw.pop("texts", ("3栋电梯坏了",))
        reporters = kw.pop("reporters", frozenset({1}))
        return MergeCandidate.of(ticket(**kw), texts, reporters)

    def find(self, candidates, **kw):
        values = dict(category="lift", location="三栋", text="电梯停了", user_id=2, now=T0)
        values.update(kw)
        return find_duplicate(candidates, **values)

    def test_same_category_and_place(self):
        assert self.find([self.candidate()]) == 1

    def test_different_place_or_category_is_a_new_problem(self):
        assert self.find([self.candidate()], location="5栋") is None
        assert self.find([self.candidate()], category="water", text="停水了") is None

    def test_clearly_the_same_words_even_without_a_place(self):
        found = self.find([self.candidate(location=None)], location=None, text="3栋电梯坏了！")
        assert found is not None

    def test_the_same_resident_again_about_the_same_category(self):
        cand = self.candidate(location=None, texts=("电梯又坏了",))
        later = T0 + timedelta(hours=4)
        assert self.find([cand], location=None, text="电梯停了", user_id=1, now=later) == 1
        assert self.find([cand], location=None, text="电梯停了", user_id=2, now=later) is None

    def test_a_problem_told_as_still_going_on_is_the_open_one_of_its_kind(self):
        """ "还是没电 到底有没有人管啊" four hours after the outage was reported (a neighbour,
        no place named): the outage still open, not a second ticket beside it."""
        outage = self.candidate(category="power", location=None, texts=("停电了",))
        later = T0 + timedelta(hours=4)
        values = dict(category="power", location=None, user_id=2, now=later)
        assert self.find([outage], text="还是没电 到底有没有人管啊", **values) == 1
        assert self.find([outage], text="电梯还没修好 电也停了", **values) == 1
        assert self.find([outage], text="又停电了", **values) is None  # a new cut, maybe
        assert self.find([outage], text="还是没电", **{**values, "location": "5栋"}) is None
        other = self.candidate(number=2, category="power", location="5栋", texts=("5栋停电",))
        assert self.find([outage, other], text="还是没电", **values) is None  # which one?
        week = T0 + timedelta(days=8)
        assert self.find([outage], text="还是没电", **{**values, "now": week}) is None

    def test_still_words_do_not_join_another_problem_of_a_broad_category(self):
        """ "树枝断了还没人处理" three days after "草坪好久没修剪了": 还没人处理 is how a new
        complaint is told too, and 绿化 (环境卫生, 消防安全, 噪音 …) is many problems at once —
        not the group's one power, water or lift that is still out."""
        lawn = self.candidate(category="greenery", location=None, texts=("草坪好久没修剪了",))
        later = T0 + timedelta(days=3)
        values = dict(location=None, user_id=2, now=later)
        assert self.find([lawn], category="greenery", text="树枝断了还没人处理", **values) is None
        clutter = self.candidate(category="sanitation", location=None, texts=("楼道堆满杂物",))
        rubbish = "垃圾两天了还没人收"
        assert self.find([clutter], category="sanitation", text=rubbish, **values) is None
        leak = self.candidate(category="water", location=None, texts=("水管漏水",))
        assert self.find([leak], category="water", text="水管仍然在漏", **values) == 1

    @pytest.mark.parametrize(
        ("text", "still"),
        [
            ("还是没电", True), ("到现在还没修", True), ("水管仍然在漏", True),
            ("一直没人来修", True), ("停电了", False), ("还好没事", False), ("还有人管吗", False),
            ("又停电了 到现在还没来电", False),  # it came back: a new cut
        ],
    )  # fmt: skip
    def test_what_tells_a_problem_still_going_on(self, text, still):
        assert says_still(text) is still

    def test_a_complaint_naming_no_place_shortly_after_is_the_same_problem(self):
        """One water cut, one ticket: the latest of the category, if raised shortly before."""
        older = self.candidate(number=1, category="water", location="3栋", texts=("3栋停水了",))
        newer = self.candidate(
            number=2,
            category="water",
            location=None,
            texts=("没水了",),
            created_at=T0 + timedelta(hours=1),
        )
        now = T0 + timedelta(hours=2)
        found = self.find([older, newer], category="water", location=None, text="水呢", now=now)
        assert found == 2
        assert self.find([older], category="water", location=None, text="水呢", now=now) == 1
        late = T0 + timedelta(hours=4)
        assert self.find([older], category="water", location=None, text="水呢", now=late) is None
        named = self.find([older], category="water", location="5栋", text="5栋也没水", now=now)
        assert named is None  # a place of its own: its own problem
        lift = self.find([older], category="lift", location=None, text="电梯坏了", now=now)
        assert lift is None

    def test_a_complaint_naming_the_place_soon_after_one_naming_none_is_that_one(self):
        """ "电梯又坏了", then half a minute later a neighbour's "3栋电梯不动了": one lift."""
        placeless = self.candidate(location=None, texts=("电梯又坏了",))
        soon, later = T0 + timedelta(seconds=30), T0 + timedelta(hours=1)
        words = "3栋电梯不动了 等了半天"
        assert self.find([placeless], location="3栋", text=words, now=soon) == 1
        assert self.find([placeless], location="3栋", text=words, now=later) is None
        water = dict(category="water", location="3栋", text="3栋停水了", now=soon)
        assert self.find([placeless], **water) is None
        rail = self.candidate(category="facilities", location=None, texts=("楼道扶手松了",))
        step = dict(category="facilities", location="6栋", text="6栋后门的台阶缺了一块", now=soon)
        assert self.find([rail], **step) is None  # 设施 is many problems, not one

    def test_finished_tickets_are_left_alone(self):
        assert self.find([self.candidate(status=Status.DONE)]) is None

    def test_an_old_open_ticket_is_joined_only_by_the_same_place_or_its_own_reporter(self):
        """Still open after the window: the problem is not fixed, so the same lift named
        again, or the same resident asking again, is no second ticket."""
        late = T0 + timedelta(days=20)
        assert self.find([self.candidate()], now=late) == 1  # 三栋 named again
        bare = self.candidate(location=None, texts=("电梯又坏了",))
        assert self.find([bare], location=None, text="电梯还是坏的", user_id=1, now=late) == 1
        assert self.find([bare], location=None, text="电梯还是坏的", user_id=2, now=late) is None
        same_words = self.candidate(location=None, reporters=frozenset({1}))
        assert self.find([same_words], location=None, text="3栋电梯坏了！", now=late) is None
        other = self.candidate(category="water", location="三栋")
        assert self.find([other], category="water", location=None, text="停水了", now=late) is None

    def test_an_old_open_ticket_of_no_one_category_is_no_one_problem(self):
        """The category "other" is no one problem: a resident's 20-day-old 托管班 fee and
        their word on the school's fees, or two "other" matters of 三栋, are two tickets after
        the window."""
        late = T0 + timedelta(days=20)
        fees = self.candidate(category="other", location=None, texts=("托管班收费太离谱",))
        again = dict(category="other", location=None, text="幼儿园伙食费又涨了", user_id=1)
        assert self.find([fees], **again, now=late) is None
        assert self.find([fees], **again, now=T0 + timedelta(days=2)) == 1  # as before
        placed = self.candidate(category="other", texts=("三栋门口摆摊卖菜",))
        assert self.find([placed], category="other", text="三栋有人发小广告", now=late) is None


class TestEscalation:
    policy = LoopPolicy()
    day = timedelta(hours=24)  # the lift's time limit, as configured

    def due(self, t, hours: float, limit: timedelta = day, policy: LoopPolicy | None = None):
        return (policy or self.policy).escalation_due(t, T0 + timedelta(hours=hours), limit)

    def test_one_level_at_a_time_each_after_another_time_limit(self):
        t = ticket()
        assert self.due(t, 23) is None
        assert self.due(t, 25) == 1
        level1 = ticket(escalation_level=1)
        assert self.due(level1, 30) is None
        assert self.due(level1, 49) == 2
        level2 = ticket(escalation_level=2)
        assert self.due(level2, 30 * 24) == 3
        assert self.due(ticket(escalation_level=3), 90 * 24) is None

    def test_a_long_absence_still_moves_one_level_per_check(self):
        assert self.due(ticket(), 30 * 24) == 1

    def test_done_tickets_never_escalate(self):
        assert self.due(ticket(status=Status.DONE), 9 * 24) is None

    def test_configured_step(self):
        policy = LoopPolicy(step=timedelta(hours=2))
        assert self.due(ticket(escalation_level=1), 26 + 1 / 60, policy=policy) == 2

    def test_a_reopened_ticket_steps_by_its_limit_not_by_its_age(self):
        """Filed on day 0, reopened on day 10 with a day to go (due on day 11): its levels come
        a day apart, as the first time, not eleven days apart (deadline − filing)."""
        reopened = ticket(due_hours=11 * 24, escalation_level=1, reopened=1)
        assert self.due(reopened, 11 * 24 + 23) is None
        assert self.due(reopened, 12 * 24 + 1) == 2

    def test_a_ticket_made_urgent_later_escalates_on_the_urgent_clock(self):
        """A lift reported at 09:00, someone trapped in it at 15:00: due at 17:00, and its next
        level two hours after that, not eight (deadline − filing)."""
        urgent = ticket(due_hours=8, urgent=True, escalation_level=1)
        assert self.due(urgent, 9, limit=timedelta(hours=2)) is None
        assert self.due(urgent, 10, limit=timedelta(hours=2)) == 2

    def test_an_overdue_ticket_made_urgent_later_steps_from_when_it_became_urgent(self):
        """A lift due a day after 09:00 on day 0, raised to level 1 then; on day 3 at 09:00 a
        danger joins it (merged, or a neighbour's report): its deadline stays the earlier one
        (two days past), but its next level comes on the urgent clock from then (two hours
        to the urgent deadline, two more to the next level) — not at once, two hours after a
        deadline long past, and level 3 the minute after."""
        joined = T0 + timedelta(days=3)
        urgent = ticket(urgent=True, urgent_at=joined, escalation_level=1)
        two_hours = timedelta(hours=2)
        assert self.due(urgent, 3 * 24 + 1 / 60, limit=two_hours) is None
        assert self.due(urgent, 3 * 24 + 3, limit=two_hours) is None
        assert self.due(urgent, 3 * 24 + 4, limit=two_hours) == 2
        level2 = ticket(urgent=True, urgent_at=joined, escalation_level=2)
        assert self.due(level2, 3 * 24 + 5, limit=two_hours) is None
        assert self.due(level2, 3 * 24 + 6, limit=two_hours) == 3


class TestStillDue:
    """A notice held for the morning, judged when its turn comes."""

    def test_an_escalation_stands_while_the_ticket_is_handled_at_its_level(self):
        assert still_due("escalate1", ticket(escalation_level=1))
        assert still_due("escalate1", ticket(escalation_level=2, status=Status.ASSIGNED))
        assert not still_due("escalate2", ticket(escalation_level=2, status=Status.DONE))

    def test_an_escalation_of_a_ticket_reopened_since_is_not_posted(self):
        """Done overnight and reopened before 07:00: level 0 again, a fresh deadline."""
        reopened = ticket(escalation_level=0, status=Status.ASSIGNED, reopened=1)
        assert not still_due("escalate1", reopened)
        assert still_due("reminder", reopened)

    def test_a_request_for_verdicts_only_while_done(self):
        assert still_due("rating", ticket(status=Status.DONE))
        assert not still_due("rating", ticket(status=Status.ASSIGNED))
        assert still_due("digest", ticket(status=Status.CANCELLED))


class TestVerdictWindow:
    policy = LoopPolicy(rating_days=3, reopen_days=7)

    def test_unrated_after_three_days(self):
        # The rule is applied in storage's query (done before now - window); the schedule's
        # end-to-end test (tests/e2e/test_closing.py) checks the three days to the minute.
        assert self.policy.rating_window == timedelta(days=3)

    def test_reopen_within_seven_days_of_done(self):
        closed = ticket(status=Status.CLOSED, done_at=T0)
        assert self.policy.may_reopen(closed, T0 + timedelta(days=7))
        assert not self.policy.may_reopen(closed, T0 + timedelta(days=8))
        assert not self.policy.may_reopen(ticket(), T0)


class TestLocalTime:
    def test_ranges_across_midnight(self):
        quiet = (time(22), time(7))
        assert in_range(time(23, 30), quiet) and in_range(time(6, 59), quiet)
        assert not in_range(time(7), quiet) and not in_range(time(21, 59), quiet)
        assert in_range(time(9), (time(8, 30), time(18)))

    def test_quiet_hours_push_to_the_morning(self):
        quiet = (time(22), time(7))
        night = datetime(2026, 11, 23, 15, 30, tzinfo=UTC)  # 23:30 in Shanghai
        assert next_outside(night, quiet, SHANGHAI) == datetime(2026, 11, 23, 23, 0, tzinfo=UTC)
        early = datetime(2026, 11, 23, 21, 0, tzinfo=UTC)  # 05:00 next day
        assert next_outside(early, quiet, SHANGHAI) == datetime(2026, 11, 23, 23, 0, tzinfo=UTC)
        noon = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)
        assert next_outside(noon, quiet, SHANGHAI) == noon
        assert next_outside(night, None, SHANGHAI) == night

    def test_working_hours_wait_for_the_next_start(self):
        work = (time(8, 30), time(18))
        evening = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)  # 20:00
        assert next_within(evening, work, SHANGHAI) == datetime(2026, 11, 24, 0, 30, tzinfo=UTC)

    def test_day_bounds_are_exact_at_month_ends_and_dst(self):
        start, end = day_bounds(date(2026, 11, 30), SHANGHAI)
        assert start == datetime(2026, 11, 29, 16, 0, tzinfo=UTC)
        assert end == datetime(2026, 11, 30, 16, 0, tzinfo=UTC)
        start, end = day_bounds(date(2026, 3, 8), ZoneInfo("America/New_York"))
        assert end - start == timedelta(hours=23)


@pytest.mark.parametrize(
    ("text", "reply", "complaint", "category", "guess", "joins"),
    [
        ("+1", False, False, None, None, True),
        ("我家也是 没水", False, True, "water", "water", True),
        ("我家也是 水龙头干的", False, False, None, "water", True),  # words about the same
        ("顶 有人卖二手车吗", False, False, None, "other", False),  # chatter after a me-too
        ("我也是 3栋的", False, False, None, None, False),
        ("+1 我家老人也下不了楼", True, False, None, "other", True),  # in reply: agreeing
        ("我家也是，电梯也坏了", True, True, "lift", "lift", False),  # another problem
    ],
)
def test_a_me_too_with_words_joins_only_when_they_are_about_the_same(
    text, reply, complaint, category, guess, joins
):
    assert is_me_too(text)
    decided = joins_ticket(
        "water",
        me_too=True,
        is_complaint=complaint,
        category=category,
        is_reply=reply,
        bare=is_bare_me_too(text),
        guess=guess,
    )
    assert decided is joins


def test_other_is_never_joined_for_naming_no_place():
    cand = MergeCandidate.of(ticket(category="other", location="3栋"), ("快递柜坏了",), frozenset())
    found = find_duplicate(
        [cand], category="other", location=None, text="门口有只死老鼠", user_id=9, now=T0
    )
    assert found is None


def test_a_me_too_that_names_no_problem_of_its_own_joins_whatever_category_is_guessed():
    def joins(names_problem: bool) -> bool:
        return joins_ticket(
            "lift", me_too=True, is_complaint=True, category="water", is_reply=False,
            bare=False, guess="water", names_problem=names_problem,
        )  # fmt: skip

    assert joins(False)  # "+1 我家老人也下不了楼": how the lift hurts them too
    assert not joins(True)  # "+1 我家也没水": the water, another problem


def test_an_escalation_goes_to_its_levels_chat_else_the_group_while_the_bot_is_there():
    from bot.core.loop import escalation_chat

    assert escalation_chat(-3001, -100, 2, bot_in_group=False) == -3001
    assert escalation_chat(None, -100, 1, bot_in_group=True) == -100
    assert escalation_chat(None, -100, 2, bot_in_group=True) is None  # nobody named for it
    assert escalation_chat(None, -100, 2, bot_in_group=True, by_hand=True) == -100  # 督办
    assert escalation_chat(None, -100, 1, bot_in_group=False) is None  # the bot was removed
    assert escalation_chat(None, -100, 3, bot_in_group=False, by_hand=True) is None


def test_a_plus_one_just_after_that_only_says_how_it_hurts_joins_without_a_reply():
    def joins(guess, names_problem):
        return joins_ticket(
            "lift", me_too=True, is_complaint=False, category=None, is_reply=False,
            bare=False, guess=guess, names_problem=names_problem,
        )  # fmt: skip

    assert joins("water", names_problem=False)  # "+1 我家老人也下不了楼": unsure, no problem named
    assert not joins(None, names_problem=False)  # "+1 有人一起拼车吗": chatter, no guess
    assert not joins("water", names_problem=True)  # "+1 我家也停水了" names another problem


@pytest.mark.parametrize(
    ("text", "place", "only"),
    [
        ("3栋", "3栋", True),
        ("5号楼门口的", "5号楼", True),  # an elder's second piece
        ("3栋2单元这边", "3栋2单元", True),
        ("３栋！", "3栋", True),  # full width, as a phone types it
        ("3栋电梯坏了", "3栋", False),  # a complaint with its place
        ("我住3栋", "3栋", False),
        ("3栋", None, False),
        ("你好", None, False),
    ],
)
def test_words_that_are_only_a_place(text: str, place: str | None, only: bool) -> None:
    assert names_only_place(text, place) is only


@pytest.mark.parametrize("text", ["对 我家也是", "是的 我家也停了", "对的，我家也是", "嗯 +1"])
def test_a_me_too_opened_with_a_yes_is_one(text: str) -> None:
    assert is_me_too(text) and is_bare_me_too(text)
    assert not is_me_too("是的") and not is_me_too("对 明天去")


def test_a_bare_me_too_just_after_joins_whatever_place_it_says() -> None:
    # "楼上也停了": 楼上 reads as a neighbours' quarrel to the rules; it names no other problem
    assert joins_ticket(
        "water", me_too=True, is_complaint=True, category="neighbour", is_reply=False,
        bare=is_bare_me_too("楼上也停了"), guess="neighbour", names_problem=True,
    )  # fmt: skip
    assert not joins_ticket(
        "water", me_too=True, is_complaint=True, category="lift", is_reply=False,
        bare=is_bare_me_too("我家也是，电梯也坏了"), guess="lift", names_problem=True,
    )  # fmt: skip


def test_a_scheduled_post_held_up_past_the_grace_period_is_too_late():
    grace, due = timedelta(hours=2), datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    assert not too_late("digest", due, due + timedelta(hours=1), grace)  # muted a moment
    assert too_late("digest", due, due + timedelta(days=4), grace)  # added back days later
    assert too_late("lookback", due, due + timedelta(hours=3), grace)
    assert too_late("notice:0123456789ab", due, due + timedelta(hours=3), grace)
    assert not too_late("escalate1", due, due + timedelta(days=4), grace)  # still_due's
    assert too_late("reminder", due, due + timedelta(days=4), grace)  # a fresh one follows
    assert not too_late("reminder", due, due + timedelta(hours=1), grace)
    assert not too_late("answer", due, due + timedelta(days=4), grace)


def test_with_no_grace_a_post_a_minute_after_its_time_is_on_time():
    due = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    assert not too_late("digest", due, due + timedelta(minutes=1), timedelta(0))
    assert too_late("digest", due, due + timedelta(hours=1), timedelta(0))


def test_an_escalation_posted_long_after_it_was_queued_is_said_anew():
    queued = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)  # 23:00 in Shanghai
    assert said_late("escalate1", queued, queued + timedelta(hours=8))  # held for the morning
    assert said_late("escalate3", queued, queued + timedelta(days=4))  # the group added it back
    assert not said_late("escalate1", queued, queued + timedelta(minutes=1))  # at once
    assert not said_late("digest", queued, queued + timedelta(days=4))  # too_late's
