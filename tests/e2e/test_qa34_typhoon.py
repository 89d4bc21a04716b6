"""A typhoon night (台风夜) in a community of five building groups, through the real bot:
power cuts, a flooded garage, a lift stopped with people inside, neighbours' "+1"s, a duty
roster with a night shift, quiet hours, the morning digest."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.devtools.runner import settle
from bot.runtime.schedule import supervise
from bot.runtime.services import SERVICES_KEY
from tests.engines import rows
from tests.factories import WORKER2_ID, WORKER_ID, make_config

NIGHT = datetime(2026, 9, 14, 14, 30, tzinfo=UTC)  # Monday 22:30 in Shanghai: quiet hours
ROSTER = [
    {"days": "mon-fri", "hours": "08:00-20:00", "workers": [WORKER_ID]},
    {"days": "daily", "hours": "20:00-08:00", "workers": [WORKER2_ID]},
]


def typhoon_config(tmp_path, fake, storage):
    return make_config(
        tmp_path, fake.base_url, storage=storage, duty=ROSTER, schedule={"digest_time": "07:00"}
    )


async def test_power_gone_with_mother_on_oxygen_asking_what_to_do_is_urgent_at_once(
    fake, run_bot, clock, tmp_path, storage
):
    """22:30, the power goes: "我妈在用制氧机 停电了怎么办". Her 怎么办 is a cry for help, not a
    question about procedure: the night shift is told at once, the group answers her with the
    numbers to call — not an hour of 研判 and then an ordinary 【供电】 ticket."""
    config = typhoon_config(tmp_path, fake, storage)
    clock.now = NIGHT
    group = fake.group(-8803, "海棠湾3栋群")
    chen = fake.person(WORKER2_ID, "网格员小陈")
    async with run_bot(config) as app:
        fake.say(fake.private(chen), chen, "/start")
        await settle(app, fake)
        plea = fake.say(group, fake.person(107, "李阿姨"), "我妈在用制氧机 停电了怎么办")
        await settle(app, fake)
    [ack] = fake.bot_messages(group["id"])
    assert ack.reply_to == plea["message_id"]
    assert "紧急" in ack.text and "120" in ack.text and "网格员小陈" in ack.text, ack.text
    [alert] = [m for m in fake.bot_messages(WORKER2_ID) if "紧急诉求" in m.text]
    assert "制氧机" in alert.text and alert.reply_markup
    assert rows(config, "SELECT category, urgent FROM tickets") == [("power", 1)]
    assert rows(config, "SELECT COUNT(*) FROM triage") == [(0,)]


async def test_neighbours_saying_their_home_lost_it_too_are_counted_in_the_outage(
    fake, run_bot, clock, tmp_path, storage
):
    """ "1栋停电了", then the neighbours: "我家也停了", "俺家也停了", "我屋头也停了" … — each a
    household without power, the power left out as just said. They join the outage's ticket,
    not fall silent as chatter (nor wait for a worker's 研判 at night): the ticket, and the
    morning's digest, count every household."""
    config = typhoon_config(tmp_path, fake, storage)
    clock.now = NIGHT
    group = fake.group(-8801, "海棠湾1栋群")
    said = ["我家也停了", "俺家也停了", "我屋头也停了", "我们这边也停了", "我家也黑了", "也停了"]
    async with run_bot(config) as app:
        fake.say(group, fake.person(101, "张阿姨"), "1栋停电了")
        await settle(app, fake)
        for n, words in enumerate(said):
            fake.say(group, fake.person(110 + n, f"邻居{n}"), words)
            await settle(app, fake)
    joined = rows(config, "SELECT text, ticket_id FROM reports WHERE user_id >= 110")
    assert sorted(joined) == sorted((words, 1) for words in said), joined
    assert rows(config, "SELECT id, households FROM tickets") == [(1, 7)]
    assert rows(config, "SELECT COUNT(*) FROM triage") == [(0,)]
    answers = [m.text for m in fake.bot_messages(group["id"])][1:]
    assert answers[-1] == "已合并到 🚨#1【供电】1栋（已有 7 户反映）", answers


async def test_a_night_worker_who_blocked_the_bot_is_not_said_to_be_told_in_private(
    fake, run_bot, clock, tmp_path, storage
):
    """The night shift is 小陈 and 老刘; 老刘 blocked the bot (his first alert bounced). The
    lift stopping with people inside is answered "已通知 网格员小陈", 老刘 called by name but
    not said to have been told; two hours on, nobody has taken it: the group reads that 小陈
    was reminded in private again, not 老刘, whose phone never got it."""
    liu_id = 9003
    roster = [
        {"days": "mon-fri", "hours": "08:00-20:00", "workers": [WORKER_ID]},
        {"days": "daily", "hours": "20:00-08:00", "workers": [WORKER2_ID, liu_id]},
    ]
    roles = {"workers": [WORKER_ID, WORKER2_ID, liu_id], "admins": []}
    config = make_config(tmp_path, fake.base_url, storage=storage, duty=roster, roles=roles)
    clock.now = NIGHT
    group = fake.group(-8803, "海棠湾3栋群")
    chen, liu = fake.person(WORKER2_ID, "网格员小陈"), fake.person(liu_id, "网格员老刘")
    async with run_bot(config) as app:
        for worker in (chen, liu):
            fake.say(fake.private(worker), worker, "/start")
            fake.say(group, worker, "台风来了 大家注意安全")
        await settle(app, fake)
        fake.blocked.add(liu_id)
        fake.say(group, fake.person(101, "张阿姨"), "5栋楼道的窗户被吹掉了 玻璃一直在往下掉")
        await settle(app, fake)
        clock.advance(minutes=20)
        lift = fake.say(group, fake.person(102, "王大爷"), "电梯停电了 里面关了人 在喊救命")
        await settle(app, fake)
        ack = next(m for m in fake.bot_messages(group["id"]) if m.reply_to == lift["message_id"])
        clock.advance(hours=2, minutes=1)
        await supervise(app.bot_data[SERVICES_KEY])
        await settle(app, fake)
    assert "已通知 网格员小陈，请马上处理。" in ack.text, ack.text
    assert "网格员老刘 收不到机器人的私信，请看到后马上处理。" in ack.text, ack.text
    [raised] = [m.text for m in fake.bot_messages(group["id"]) if m.text.startswith("⏫")]
    assert "已再次私信提醒 网格员小陈，请马上处理。" in raised, raised
    assert "网格员老刘 收不到机器人的私信" in raised, raised
