"""Digest, look back and the three rates as pure functions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from bot.core.rates import Rate, ResponseLimits, ThreeRates, three_rates
from bot.core.tickets import Status
from bot.core.triage import TriageTally
from bot.devtools.fakeapi.protocol import check_html
from bot.runtime.firing import latest_fire
from bot.texts import NOT_RATED_YET, Texts, rate_shown
from bot.texts.digest import (
    DigestData,
    LookBackData,
    compose_digest,
    compose_escalations,
    compose_look_back,
    compose_reminder,
    done_while_waiting,
    hotspots,
    moved_while_waiting,
    slowest_categories,
)
from tests import factories

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)  # 20:00 in Shanghai
TEXTS = Texts(ZoneInfo("Asia/Shanghai"))
LIMITS = ResponseLimits()
EMPTY = ThreeRates(Rate(), Rate(), Rate())
ticket = partial(factories.ticket, created_at=NOW - timedelta(hours=5))


class TestRates:
    def test_response_counts_only_tickets_whose_window_closed_or_that_were_taken(self):
        taken = ticket(1, assigned_at=NOW - timedelta(hours=4))
        late = ticket(2, urgent=True, assigned_at=NOW - timedelta(hours=1))  # 4 h > 2 h
        waiting = ticket(3)  # 5 h of 24 h: not counted yet
        expired = ticket(4, created_at=NOW - timedelta(hours=30))
        rates = three_rates([taken, late, waiting, expired], NOW, LIMITS)
        assert (rates.response.numerator, rates.response.denominator) == (1, 3)

    def test_resolution_over_tickets_done_or_fallen_due(self):
        done = ticket(1, status=Status.DONE)
        closed = ticket(2, status=Status.CLOSED)
        overdue = ticket(3, created_at=NOW - timedelta(days=2))
        not_yet = ticket(4)
        cancelled = ticket(5, status=Status.CANCELLED, created_at=NOW - timedelta(days=9))
        rates = three_rates([done, closed, overdue, not_yet, cancelled], NOW, LIMITS)
        assert rates.resolution == Rate(2, 3)

    def test_satisfaction_and_empty_display(self):
        rated = [
            ticket(n, status=Status.CLOSED, rating=rating)
            for n, rating in enumerate(("satisfied", "basically_satisfied", "dissatisfied"), 1)
        ]
        rates = three_rates(rated, NOW, LIMITS)
        assert rate_shown(rates.satisfaction) == "66.7%（2/3）"
        assert rate_shown(Rate(), NOT_RATED_YET) == "暂无评价" and Rate().value is None


class TestDigest:
    def data(self, **kw) -> DigestData:
        values = dict(
            group_title="3栋<群>",
            day=date(2026, 11, 23),
            since=NOW - timedelta(days=1),
            now=NOW,
            new=[],
            done=[],
            active=[],
            rates_day=EMPTY,
            rates_30=EMPTY,
        )
        values.update(kw)
        return DigestData(**values)

    def test_sections_urgent_first_and_escaped(self):
        new = [ticket(1), ticket(2, urgent=True), ticket(3, households=4)]
        text = compose_digest(self.data(new=new, active=new), TEXTS)
        assert text is not None
        check_html(text)
        assert text.startswith("📋 3栋&lt;群&gt; · 11月23日 诉求日报（昨日20:00以来）")
        section = text.split("未办结")[0]
        assert section.index("#2") < section.index("#3") < section.index("#1")
        assert "#3【电梯】3栋 · 4户 · 5小时" in text
        assert "满意率 暂无评价 ｜ 暂无评价" in text

    def test_long_lists_fold_into_a_count_with_the_oldest(self):
        many = [ticket(n, created_at=NOW - timedelta(hours=n)) for n in range(1, 13)]
        text = compose_digest(self.data(new=many), TEXTS)
        assert text is not None
        # the five oldest are listed; the fold names the oldest of the others, never a listed one
        assert "……另有 7 件，其中最早的 #7 已受理 7小时" in text
        assert text.count("【电梯】") == 5 and "#7【" not in text and "#12【" in text

    def test_overdue_shown_apart_from_in_progress(self):
        overdue = ticket(
            1, created_at=NOW - timedelta(days=2), status=Status.ASSIGNED, assignee_name="小王"
        )
        text = compose_digest(self.data(active=[overdue, ticket(2)]), TEXTS)
        assert text is not None
        # QA round 28: "已超时 1 件见下：" then #2, not overdue, read as the overdue one
        rest = "未办结 2 件（待接单 1 件、办理中 1 件），已超时 1 件见下，其余 1 件：\n  #2【电梯】"
        assert rest in text, text
        assert "已超时 1 件：\n  ⏰#1【电梯】3栋 超时24小时 · 小王" in text

    def test_unfinished_tickets_are_counted_by_the_ledgers_status(self):
        """QA round 17: the digest said 办理中 3 件 of a group where the desk's 办理中 card (the
        ledger's 状态 办理中: taken) said 1 and 待接单 2 — its 办理中 was every ticket still open
        and not overdue, taken or not. It now says 未办结 (the desk's filter of 待接单 and 办理中)
        of every open ticket, overdue ones too, and names each part by the ledger's 状态."""
        waiting = ticket(1)
        taken = ticket(2, status=Status.ASSIGNED, assignee_name="小王")
        late = ticket(3, created_at=NOW - timedelta(days=2))  # 待接单, past its deadline
        fresh = ticket(4, status=Status.ASSIGNED, assignee_name="小王")
        active = [waiting, taken, late, fresh]
        text = compose_digest(self.data(new=[fresh], active=active), TEXTS)
        assert text is not None
        check_html(text)
        head = "未办结 4 件（待接单 2 件、办理中 2 件），本期新增 1 件见上，已超时 1 件见下，"
        head += "其余 2 件："
        assert head in text, text
        listed = text.split(head)[1].split("已超时")[0]
        assert "#1【" in listed and "#2【" in listed and "#3【" not in listed, text
        assert "办理中 3 件" not in text and "办理中 1 件" not in text
        # all of them listed elsewhere: the count still said, by status
        only_new = compose_digest(self.data(new=[fresh], active=[fresh]), TEXTS)
        assert only_new is not None
        assert "未办结 1 件（办理中 1 件），本期新增 1 件见上" in only_new

    def test_a_report_merged_into_another_is_listed_but_counted_once_with_it(self):
        """QA round 17: #2 folded into #1 (both of the period) made 新增 3 件 of two problems,
        #1 already saying 2户; the look back counted 2. It is still listed (the group is told
        where it went), counted once with the ticket holding it; one merged into a ticket
        outside the list (a problem first reported before the period: the list holds those
        first reported in it, as the monthly report counts them) is no new problem."""
        held = ticket(1, households=2)
        merged = ticket(2, status=Status.CANCELLED, merged_into=1, households=0)
        other = ticket(3, category="rubbish")
        away = ticket(4, status=Status.CANCELLED, merged_into=9, households=0)
        text = compose_digest(self.data(new=[held, merged, other, away]), TEXTS)
        assert text is not None
        assert "新增 2 件：" in text, text
        assert "#2【电梯】3栋 · 已合并到 #1" in text and "#4【电梯】3栋 · 已合并到 #9" in text

    def test_quiet_day_is_one_line_or_nothing(self):
        assert compose_digest(self.data(active=[ticket(1)]), TEXTS) == (
            "📋 11月23日：昨日20:00以来没有新的诉求，未办结 1 件（待接单 1 件）。"
        )
        assert compose_digest(self.data(), TEXTS, quiet_day="none") is None

    def test_a_message_waiting_for_a_worker_makes_no_quiet_day(self):
        """A message 研判 has not judged yet is news: it is no ticket, and tomorrow it will be
        an old one, so today's digest is the one that tells of it."""
        waiting = TriageTally(pending=1)
        text = compose_digest(self.data(triage=waiting), TEXTS, quiet_day="none")
        assert text is not None and "没有新的诉求" not in text and "待研判 1" in text


class TestLookBack:
    def test_hotspots_need_three_tickets_at_one_place(self):
        tickets = [
            ticket(1, location="3栋"),
            ticket(2, location="三栋"),
            ticket(3, location="3号楼"),
        ]
        tickets += [ticket(4, location="5栋"), ticket(5, location=None)]
        assert hotspots(tickets) == [(-1, "3栋", "lift", 3)]
        assert hotspots(tickets[:2]) == []

    def test_slowest_categories_by_mean_time_to_done(self):
        slow = ticket(1, category="noise", status=Status.CLOSED, done_at=NOW + timedelta(days=3))
        fast = ticket(2, status=Status.DONE, done_at=NOW)
        assert [c for c, _ in slowest_categories([slow, fast])] == ["noise", "lift"]

    def test_compose(self):
        tickets = [ticket(n, reopened=int(n == 2)) for n in range(1, 4)]
        data = LookBackData("全社区", NOW, tickets, tickets, EMPTY, {-1: "3栋群"})
        text = compose_look_back(data, TEXTS)
        check_html(text)
        assert "近7天 3 件：电梯 3" in text and "3栋群 3栋【电梯】3 件" in text
        assert "重新办理过的 1 件：#2" in text


def test_latest_fire_of_a_cron_trigger():
    tz = ZoneInfo("Asia/Shanghai")
    daily = CronTrigger(hour=20, minute=0, timezone=tz)
    assert latest_fire(daily, NOW - timedelta(days=2), NOW) == NOW
    assert latest_fire(daily, NOW - timedelta(hours=1), NOW - timedelta(minutes=1)) is None
    monthly = CronTrigger.from_crontab("0 9 10,20,30 * *", timezone=tz)
    end_of_month = datetime(2026, 12, 1, tzinfo=UTC)
    assert latest_fire(monthly, end_of_month - timedelta(days=30), end_of_month) == datetime(
        2026, 11, 30, 1, 0, tzinfo=UTC
    )


def test_latest_fire_keeps_one_fire_a_wall_clock_time_across_the_changes_of_the_clock():
    """APScheduler 3 skips the first midnight after the clock goes forward and repeats the hour
    it goes back: every local midnight fires once, and 02:00 on the day the clock goes back
    (which comes twice) fires once."""
    berlin = ZoneInfo("Europe/Berlin")
    midnight = CronTrigger(hour=0, minute=0, timezone=berlin)
    fires, since = [], datetime(2026, 3, 28, 12, tzinfo=UTC)
    for _ in range(3):
        since = latest_fire(midnight, since, since + timedelta(hours=30)) or since
        fires.append(since.astimezone(berlin).strftime("%m-%d %H:%M"))
    assert fires == ["03-29 00:00", "03-30 00:00", "03-31 00:00"]
    two = CronTrigger(hour=2, minute=0, timezone=berlin)
    first = latest_fire(
        two, datetime(2026, 10, 24, 12, tzinfo=UTC), datetime(2026, 10, 25, 3, tzinfo=UTC)
    )
    assert first == datetime(2026, 10, 25, 0, 0, tzinfo=UTC)  # 02:00 summer time
    assert latest_fire(two, first, datetime(2026, 10, 25, 12, tzinfo=UTC)) is None  # not again


def test_a_cron_of_every_half_hour_fires_in_both_of_the_repeated_hours():
    """Only a fixed hour fires once when it comes twice; "*/30" keeps its pace through the
    night the clock goes back (02:00 and 02:30 of both summer and winter time)."""
    berlin = ZoneInfo("Europe/Berlin")
    half_hourly = CronTrigger.from_crontab("*/30 * * * *", timezone=berlin)
    fires, since = [], datetime(2026, 10, 24, 23, 45, tzinfo=UTC)  # 01:45 summer time
    for _ in range(4):
        fire = latest_fire(half_hourly, since, since + timedelta(minutes=30))
        assert fire is not None
        fires.append(f"{fire.astimezone(berlin):%H:%M%z}")
        since = fire
    assert fires == ["02:00+0200", "02:30+0200", "02:00+0100", "02:30+0100"]


def test_escalations_of_one_run_are_one_notice_naming_each_group_only_when_several() -> None:
    now = NOW + timedelta(days=3)
    alone = ticket(1, assignee_id=9, assignee_name="网格员小王")
    assert compose_escalations([alone], 1, {1: "3栋群"}, now, TEXTS) == TEXTS.escalation(
        alone, 1, "3栋群", now
    )
    one_group = [ticket(n, assignee_id=9, assignee_name="网格员小王") for n in (1, 2)]
    said = compose_escalations(one_group, 1, {1: "3栋群", 2: "3栋群"}, now, TEXTS, -1)
    assert said.startswith("⏫ 督办升级 · 1级（现场立办）：以下 2 件已超时")
    assert "#2【电梯】3栋" in said and "承办人：网格员小王" in said and "群：" not in said
    two_groups = [ticket(1), ticket(2, chat_id=-2)]
    said = compose_escalations(two_groups, 2, {1: "3栋群", 2: "5栋群"}, now, TEXTS)
    assert "群：3栋群" in said and "群：5栋群" in said and "未接单" in said


def test_escalations_of_one_group_in_the_offices_chat_name_the_group() -> None:
    # level 2 goes to the office's chat: five overdue tickets of one group must say which
    now = NOW + timedelta(days=3)
    one_group = [ticket(n, chat_id=-100) for n in (1, 2)]
    said = compose_escalations(one_group, 2, {1: "阳光花园3栋", 2: "阳光花园3栋"}, now, TEXTS, -999)
    assert said.count("群：阳光花园3栋") == 2
    in_the_group = compose_escalations(one_group, 1, {1: "3栋群", 2: "3栋群"}, now, TEXTS, -100)
    assert "群：" not in in_the_group


def test_one_tickets_escalation_names_its_group_only_in_another_chat() -> None:
    """Level 1 in the building's own group: "群：阳光花园3栋业主群" there says nothing new; in
    the office's or the street's chat it says where the ticket is."""
    now = NOW + timedelta(days=3)
    alone = ticket(1, chat_id=-100, assignee_id=9, assignee_name="网格员小王")
    titles = {1: "阳光花园3栋业主群"}
    in_the_group = compose_escalations([alone], 1, titles, now, TEXTS, -100)
    assert "群：" not in in_the_group and "阳光花园3栋业主群" not in in_the_group, in_the_group
    assert in_the_group.startswith("⏫ 督办升级 · 1级（现场立办）\n#1【电梯】3栋")
    assert "承办人：" in in_the_group and "网格员小王</a>" in in_the_group
    elsewhere = compose_escalations([alone], 2, titles, now, TEXTS, -999)
    assert "群：阳光花园3栋业主群" in elsewhere
    assert in_the_group.splitlines() == [
        line for line in elsewhere.replace("2级（街道承办）", "1级（现场立办）").splitlines()
        if not line.startswith("群：")
    ]  # fmt: skip


def test_a_reminder_of_one_ticket_gives_its_own_number_to_note() -> None:
    """`/note 编号` left the worker to find the number; a reminder of one ticket gives it. One of
    several tickets keeps the form: which number is the worker's choice."""
    now = NOW + timedelta(days=3)
    late = partial(ticket, assignee_id=9, assignee_name="小王", due_at=NOW)
    one = compose_reminder([late(12)], now, TEXTS)
    assert one.endswith("请尽快办理，或用 /note 12 进展 通报进展。"), one
    assert "编号" not in one
    several = compose_reminder([late(12), late(15)], now, TEXTS)
    assert "以下 2 件已超时，请尽快办理，或用 /note 编号 通报进展。" in several, several


def test_the_tickets_done_while_a_notice_waited_are_named_the_first_ten() -> None:
    assert done_while_waiting([3]) == "（发出前已办结：#3）"
    assert done_while_waiting([3], [5]) == "（发出前已办结：#3；已重新办理、重新计时：#5）"
    assert done_while_waiting([], [5]) == "（已重新办理、重新计时：#5）"
    many = done_while_waiting(list(range(1, 31)))
    assert many.startswith("（发出前已办结：#1、#2") and "#10 等 30 件）" in many
    assert "#11" not in many


def test_a_rate_short_of_everything_never_reads_100_percent():
    """1,999 of 2,000 households pleased is not 100.0%: rounding made it so in the digest, the
    look back, the desk and the monthly report (a 满意率 the office reports upwards)."""
    assert rate_shown(Rate(1999, 2000)) == "99.9%（1999/2000）"
    assert rate_shown(Rate(19999, 20000)) == "99.9%（19999/20000）"
    assert rate_shown(Rate(2000, 2000)) == "100.0%（2000/2000）"
    assert rate_shown(Rate(1998, 2000)) == "99.9%（1998/2000）"
    assert rate_shown(Rate(2, 3)) == "66.7%（2/3）" and rate_shown(Rate(1, 8)) == "12.5%（1/8）"
    assert rate_shown(Rate(0, 5)) == "0.0%（0/5）"


def test_tickets_merged_or_withdrawn_while_a_notice_waited_are_not_called_done():
    merged = ticket(3, status=Status.CANCELLED, merged_into=1)
    withdrawn = ticket(4, status=Status.CANCELLED)
    done = ticket(5, status=Status.DONE)
    reopened = ticket(6, status=Status.ASSIGNED)
    assert moved_while_waiting([merged, withdrawn, done, reopened]) == (
        "（发出前已办结：#5；已重新办理、重新计时：#6；#3 已合并到 #1；发出前已撤销：#4）"
    )
