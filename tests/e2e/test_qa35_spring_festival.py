"""The Spring Festival week of 2027 through the real bot, in a community of three building
groups: [calendar] holidays 5–11 February (除夕 on the 5th in this drill), Saturday 13 February
worked (调休); a weekday day shift and a weekend-and-holiday shift; notices for working days and
for days off; quiet hours; a worker on leave who blocked the bot."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.devtools.runner import settle
from tests.e2e.test_quiet_nights import silent
from tests.e2e.test_schedule import tick
from tests.engines import rows
from tests.factories import ADMIN_ID, WORKER2_ID, WORKER_ID, make_config

ON_LEAVE = 9003
OPEN = "网格站今天8:30开门办事"
CLOSED = "节假日期间急事请打值班电话"
GROUPS = {-5501: "幸福里1栋群", -5502: "幸福里2栋群", -5503: "幸福里3栋群"}


def shanghai(day: int, hour: int, minute: int = 0) -> datetime:
    """A local time in February 2027, as the UTC instant the clock holds."""
    return datetime(2027, 2, day, hour, minute, tzinfo=UTC) - timedelta(hours=8)


def festival_config(tmp_path, fake, storage=None):
    sections = {"storage": storage} if storage else {}
    return make_config(
        tmp_path,
        fake.base_url,
        roles={"workers": [WORKER_ID, WORKER2_ID, ON_LEAVE], "admins": [ADMIN_ID]},
        duty=[
            {"days": "mon-fri", "hours": "08:30-18:00", "workers": [WORKER_ID]},
            {"days": "sat,sun", "workers": [WORKER2_ID, ON_LEAVE]},
        ],
        calendar={"holidays": ["2027-02-05..2027-02-11"], "workdays": ["2027-02-13"]},
        notices=[
            {"cron": "0 8 * * *", "chat": "all", "text": OPEN, "days": "workdays"},
            {"cron": "0 9 * * *", "chat": "all", "text": CLOSED, "days": "restdays"},
        ],
        **sections,
    )


async def community(app, fake):
    """Three groups that know the three workers, who all started the bot; one has blocked it
    since (on leave)."""
    groups = [fake.group(chat_id, title) for chat_id, title in GROUPS.items()]
    workers = [
        fake.person(WORKER_ID, "网格员小王"),
        fake.person(WORKER2_ID, "网格员小陈"),
        fake.person(ON_LEAVE, "网格员小刘"),
    ]
    for worker in workers:
        fake.say(fake.private(worker), worker, "/start")
    for group in groups:
        fake.say(group, fake.person(1, "张阿姨"), "大家早上好")
        for worker in workers:
            fake.say(group, worker, "大家好")
    await settle(app, fake)
    fake.blocked.add(ON_LEAVE)
    return groups


async def test_new_years_eve_chatter_files_nothing_and_the_fire_rings_the_holiday_shift(
    fake, run_bot, clock, tmp_path, storage
):
    """除夕 at 23:50: the 春晚 judged ("春晚这节目太烂了" was filed as a broken 【公共设施】 and
    acknowledged in the group), red envelopes and greetings in dialects are chatter; a bin set
    alight by firecrackers is a danger: it rings at night, and calls the holiday shift — not the
    weekday office, at home on a Friday that is a holiday."""
    config = festival_config(tmp_path, fake, storage)
    clock.now = shanghai(5, 20, 30)
    async with run_bot(config) as app:
        first, second, third = await community(app, fake)
        clock.now = shanghai(5, 23, 50)
        people = [fake.person(n, name) for n, name in ((2, "李叔"), (3, "赵姐"), (4, "老周"))]
        for group, words in (
            (second, "春晚这节目太烂了"),
            (second, "今年春晚一点意思都没有 小品烂透了"),
            (third, "相声说得真烂 还不如去放鞭炮"),
            (second, "群主发红包啦 快抢"),
            (third, "红包手慢了没抢到"),
            (first, "过年好噻 给大家拜年咯"),
            (third, "恭喜发财 利是逗来"),
            (first, "外面烟花好漂亮"),
        ):
            fake.say(group, people[len(words) % 3], words)
        await settle(app, fake)
        assert rows(config, "SELECT COUNT(*) FROM tickets") == [(0,)]
        fire = fake.say(first, people[0], "楼下有人放鞭炮把垃圾桶点着了 火好大")
        await settle(app, fake)
    for chat_id in (second["id"], third["id"]):
        assert fake.bot_messages(chat_id) == [], [m.text for m in fake.bot_messages(chat_id)]
    [ack] = [m for m in fake.bot_messages(first["id"]) if m.reply_to == fire["message_id"]]
    assert "紧急" in ack.text and "119" in ack.text
    assert "网格员小陈" in ack.text and "网格员小王" not in ack.text
    assert not silent(fake, "已受理 🚨#1")
    assert any("紧急诉求" in m.text for m in fake.bot_messages(WORKER2_ID))


async def test_the_week_notices_on_their_days_once_and_the_make_up_saturday_calls_the_office(
    fake, run_bot, clock, tmp_path
):
    """Every day of the week at 08:01 and 09:01: the working-day notice on Thursday 4, Friday
    12, the Saturday worked and Monday 15; the day-off notice on each holiday and Sunday 14;
    once in each group, never both. A lift trapping an elder on the Saturday worked calls the
    weekday office, not the weekend shift."""
    config = festival_config(tmp_path, fake)
    clock.now = shanghai(4, 7, 30)
    told: dict[date, set[str]] = {}
    async with run_bot(config) as app:
        first, *_ = await community(app, fake)
        for n in range(12):
            day = date(2027, 2, 4) + timedelta(days=n)
            before = len(fake.calls_of("sendMessage"))
            for hour in (8, 9):
                clock.now = shanghai(day.day, hour, 1)
                await tick(app, fake)
            said = [str(c["text"]) for c in fake.calls_of("sendMessage")[before:]]
            told[day] = {t for t in said if t.startswith("📢")}
            assert len([t for t in said if t.startswith("📢")]) == 3, (day, said)
        clock.now = shanghai(13, 10, 0)
        trapped = fake.say(first, fake.person(3, "赵姐"), "1栋电梯困人了 里面有老人")
        await settle(app, fake)
    workdays = {date(2027, 2, d) for d in (4, 12, 13, 15)}
    for day, notices in told.items():
        assert notices == {f"📢 {OPEN if day in workdays else CLOSED}"}, day
    [ack] = [m for m in fake.bot_messages(first["id"]) if m.reply_to == trapped["message_id"]]
    assert "网格员小王" in ack.text
    assert "网格员小陈" not in ack.text and "网格员小刘" not in ack.text


async def test_a_father_asleep_on_the_sofa_after_the_reunion_dinner_wakes_no_worker(
    fake, run_bot, clock, tmp_path, storage, classifier
):
    """After 年夜饭: "我爸喝多了 倒在沙发上就睡着了", "老头子喝醉了 倒在床上就睡" were a person
    down — an urgent 🚨 ticket with 120, and every worker's phone ringing at half past midnight.
    Flopping onto a bed or a sofa is no fall; down on the floor and not waking still is (and an
    old woman who cannot get up from her bed, barely answering, still is: a stroke looks so)."""
    config = festival_config(tmp_path, fake, storage)
    clock.now = shanghai(6, 0, 30)
    async with run_bot(config) as app:
        first, second, _ = await community(app, fake)
        fake.say(first, fake.person(2, "李叔"), "我爸喝多了 倒在沙发上就睡着了")
        fake.say(second, fake.person(3, "赵姐"), "老头子喝醉了 倒在床上就睡 鼾声震天")
        await settle(app, fake)
        assert rows(config, "SELECT COUNT(*) FROM tickets") == [(0,)]
        assert not [m for m in fake.bot_messages(WORKER2_ID) if "紧急诉求" in m.text]
        fallen = fake.say(first, fake.person(4, "老周"), "我爸喝多了 倒在地上叫不醒")
        await settle(app, fake)
    [ack] = [m for m in fake.bot_messages(first["id"]) if m.reply_to == fallen["message_id"]]
    assert "紧急" in ack.text and "120" in ack.text
    assert any("紧急诉求" in m.text for m in fake.bot_messages(WORKER2_ID))
    assert classifier.classify("奶奶在床上起不来了 叫她也不太应").urgent
