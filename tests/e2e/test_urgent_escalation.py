"""An urgent ticket nobody has taken escalates: the workers, whose first alert may have been
slept through, are told again in private (once per level, across a restart) with the 接单
button, and the group's 现场立办 post calls the workers on duty by name — at night too."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx

from bot import texts
from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from bot.runtime.schedule import supervise
from bot.runtime.services import SERVICES_KEY
from tests.factories import WORKER2_ID, WORKER_ID, make_config

GROUP = -7501


def alerts(fake, worker_id: int) -> list:
    return [m for m in fake.bot_messages(worker_id) if "紧急诉求" in m.text]


def escalations(fake) -> list[str]:
    """The group's escalation posts as the bot wrote them (HTML)."""
    return [
        str(c["text"])
        for c in fake.calls_of("sendMessage")
        if c["chat_id"] == GROUP and str(c["text"]).startswith("⏫")
    ]


async def test_an_untaken_danger_escalates_with_the_workers_reminded_and_called_by_name(
    fake, run_bot, clock, tmp_path, storage
):
    """Monday 09:00, a fire; nobody presses 接单. Two hours on it is 现场立办: both workers
    are reminded in private (the roster puts only 小王 on duty: the group calls him), once —
    not again after a restart; at the street level once more; 小陈 takes it from his reminder
    and every alert, the reminders too, says so."""
    roster = [{"days": "mon-fri", "hours": "08:00-20:00", "workers": [WORKER_ID]}]
    config = make_config(tmp_path, fake.base_url, storage=storage, duty=roster)
    group = fake.group(GROUP, "阳光花园3栋群")
    wang, chen = fake.person(WORKER_ID, "小王<值班>"), fake.person(WORKER2_ID, "网格员小陈")
    async with run_bot(config) as app:
        for worker in (wang, chen):
            fake.say(fake.private(worker), worker, "/start")
        await settle(app, fake)
        fake.say(group, fake.person(7, "张阿姨"), "5栋楼道着火了 好大的烟")
        await settle(app, fake)
        clock.advance(hours=2, minutes=1)
        assert (await supervise(app.bot_data[SERVICES_KEY]))["escalated"] == 1
        await settle(app, fake)
    [level1] = escalations(fake)
    assert "承办人：未接单" in level1
    call = f'<a href="tg://user?id={WORKER_ID}">小王&lt;值班&gt;</a>'  # escaped
    assert f"🚨 紧急诉求仍无人接单，已再次私信提醒 {call}，请马上处理。" in level1, level1
    assert "网格员小陈" not in level1  # off duty: reminded in private all the same
    for worker_id in (WORKER_ID, WORKER2_ID):
        _, again = alerts(fake, worker_id)
        assert again.text.startswith("⏰ 仍无人接单 · 已督办升级 1级（现场立办），再次提醒：")
        assert "5栋楼道着火了" in again.text and "119" in again.text
        assert again.reply_markup["inline_keyboard"][0][0]["text"] == texts.TAKE_BUTTON

    async with run_bot(config) as app:  # a restart, the same minute: nothing said twice
        assert (await supervise(app.bot_data[SERVICES_KEY]))["escalated"] == 0
        await settle(app, fake)
        clock.advance(hours=2)  # 街道承办: no street chat configured, the workers are told
        assert (await supervise(app.bot_data[SERVICES_KEY]))["escalated"] == 1
        await settle(app, fake)
        assert len(alerts(fake, WORKER2_ID)) == 3
        reminder = alerts(fake, WORKER2_ID)[-1]
        assert "2级（街道承办）" in reminder.text
        fake.press(reminder, chen, reminder.reply_markup["inline_keyboard"][0][0]["callback_data"])
        await settle(app, fake)
    assert len(escalations(fake)) == 1
    for worker_id in (WORKER_ID, WORKER2_ID):
        told = alerts(fake, worker_id)
        assert len(told) == 3
        for alert in told:
            assert alert.text.endswith("✅ 已由 网格员小陈 接单，正在办理。"), alert.text
            assert not alert.reply_markup


async def test_at_night_only_the_untaken_danger_calls_the_workers_at_once(
    fake, run_bot, clock, config
):
    """23:00: a fire nobody takes, a lift with someone trapped that 小王 took, and rubbish.
    Three days on, at 23:01, the fire is 现场立办 at once, in quiet hours, with the workers
    reminded and called; the lift, taken, calls nobody; the rubbish waits for the morning and
    reminds nobody (the fire, still nobody's, reminds them again at the street level)."""
    group = fake.group(GROUP, "阳光花园3栋群")
    wang, chen = fake.person(WORKER_ID, "网格员小王"), fake.person(WORKER2_ID, "网格员小陈")
    zhang, li = fake.person(7, "张阿姨"), fake.person(8, "李叔")
    clock.now = clock.now.replace(hour=15)  # 23:00 in Shanghai
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(fake.private(wang), wang, "/start")  # 小陈 never did: nothing in private
        fake.say(group, chen, "大家晚上好")  # the group knows his name
        fake.say(group, zhang, "3栋门口垃圾桶满了好几天没人收")
        await settle(app, fake)
        fake.say(group, zhang, "5栋楼道着火了 好大的烟")
        await settle(app, fake)
        fake.say(group, li, "2栋电梯困人了 里面有老人")
        await settle(app, fake)
        fake.say(group, wang, "/assign 3")
        await settle(app, fake)
        clock.advance(hours=72, minutes=1)  # 23:01, three days on: all three past due
        await supervise(services)
        await settle(app, fake)
        [now] = escalations(fake)
        assert "以下 2 件已超时" in now and "#2" in now and "#3" in now and "环境卫生" not in now
        clock.advance(hours=9)  # 08:01: the rubbish's turn
        await supervise(services)
        await settle(app, fake)
    night, morning = escalations(fake)
    assert "🚨 紧急诉求 #2 仍无人接单，已再次私信提醒" in night, night
    assert "已再次私信提醒 <a href" in night and "网格员小王</a>，" in night  # no roster: all
    assert "网格员小陈</a> 收不到机器人的私信" in night  # on duty; 小陈 never started the bot
    assert "仍无人接单" not in morning and "环境卫生" in morning
    reminders = [m.text for m in alerts(fake, WORKER_ID) if m.text.startswith("⏰")]
    assert "1级（现场立办）" in reminders[0] and "2级（街道承办）" in reminders[1]  # 08:01
    assert all("🚨#2【消防安全】" in text for text in reminders)  # not the lift, nor rubbish
    assert fake.bot_messages(WORKER2_ID) == []


async def test_a_danger_raised_by_hand_on_the_desk_reminds_the_workers_in_private(
    fake, run_bot, tmp_path, storage
):
    """The office raises an untaken fire on its desk (督办): the workers are told again in
    private with the 接单 button, as the clock's raise tells them; they were not."""
    from tests.e2e.test_desk import _csrf, _nonce, ask_link, desk_config

    config, base = desk_config(tmp_path, fake, storage)
    group = fake.group(GROUP, "阳光花园3栋群")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        fake.say(fake.private(wang), wang, "/start")
        await settle(app, fake)
        fake.say(group, fake.person(7, "张阿姨"), "5栋楼道着火了 好大的烟")
        await settle(app, fake)
        assert len(alerts(fake, WORKER_ID)) == 1
        await web.get(await ask_link(app, fake, wang))
        page = (await web.get("/tickets/1")).text
        form = {"csrf": _csrf(page), "nonce": _nonce(page), "level": "0"}
        assert (await web.post("/tickets/1/escalate", data=form)).status_code == 303
        await settle(app, fake)
        _, again = alerts(fake, WORKER_ID)
        assert again.text.startswith("⏰ 仍无人接单 · 已督办升级 1级（现场立办）"), again.text
        assert again.reply_markup["inline_keyboard"][0][0]["text"] == texts.TAKE_BUTTON


async def back_and_supervised(app: Any, fake: FakeTelegram, group: dict[str, Any]) -> None:
    """The group, which had removed the bot, adds it back; the 督办 clock runs then."""
    fake.blocked.discard(GROUP)
    fake.bot_membership(group, "kicked", "member")
    await settle(app, fake)
    await supervise(app.bot_data[SERVICES_KEY])
    await settle(app, fake)


async def test_an_untaken_danger_escalation_posted_late_still_calls_the_workers(
    fake, run_bot, clock, tmp_path, storage
):
    """The group could not be told for ten minutes (it had removed the bot): the 现场立办
    post says how overdue the fire is when posted, and still calls the worker on duty."""
    roster = [{"days": "mon-fri", "hours": "08:00-20:00", "workers": [WORKER_ID]}]
    config = make_config(tmp_path, fake.base_url, storage=storage, duty=roster)
    group = fake.group(GROUP, "阳光花园3栋群")
    wang = fake.person(WORKER_ID, "小王")
    async with run_bot(config) as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(fake.private(wang), wang, "/start")
        fake.say(group, fake.person(7, "张阿姨"), "5栋楼道着火了 好大的烟")
        await settle(app, fake)
        due = (await services.stores.tickets.get(1)).due_at
        fake.blocked.add(GROUP)
        clock.now = due + timedelta(minutes=1)
        assert (await supervise(services))["escalated"] == 1
        await settle(app, fake)
        clock.now = due + timedelta(minutes=11)
        await back_and_supervised(app, fake, group)
    level1 = escalations(fake)[-1]  # the first met the 403
    assert "超时 11分钟" in level1, level1
    call = f'<a href="tg://user?id={WORKER_ID}">小王</a>'
    assert f"🚨 紧急诉求仍无人接单，已再次私信提醒 {call}，请马上处理。" in level1, level1


async def test_a_late_danger_escalation_keeps_its_call_for_those_not_done_meanwhile(
    fake, run_bot, clock, tmp_path, storage
):
    """Two dangers nobody took are raised together while the group had removed the bot; one
    is done from a worker's private chat meanwhile. Posted on the bot's return, the 现场立办
    post names the one done as done, and still calls the worker on duty for the other."""
    roster = [{"days": "mon-fri", "hours": "08:00-20:00", "workers": [WORKER_ID]}]
    config = make_config(tmp_path, fake.base_url, storage=storage, duty=roster)
    group = fake.group(GROUP, "阳光花园3栋群")
    wang = fake.person(WORKER_ID, "小王")
    async with run_bot(config) as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(fake.private(wang), wang, "/start")
        fake.say(group, fake.person(7, "张阿姨"), "5栋楼道着火了 好大的烟")
        await settle(app, fake)
        fake.say(group, fake.person(8, "李叔"), "2栋电梯困人了 里面有老人")
        await settle(app, fake)
        due = (await services.stores.tickets.get(2)).due_at
        fake.blocked.add(GROUP)
        clock.now = due + timedelta(minutes=1)
        assert (await supervise(services))["escalated"] == 2
        await settle(app, fake)
        fake.say(fake.private(wang), wang, "/done 2 已救出")
        await settle(app, fake)
        clock.now = due + timedelta(minutes=11)
        await back_and_supervised(app, fake, group)
    level1 = escalations(fake)[-1]  # the first met the 403
    assert "#1【" in level1 and "发出前已办结：#2" in level1, level1
    call = f'<a href="tg://user?id={WORKER_ID}">小王</a>'
    assert f"🚨 紧急诉求仍无人接单，已再次私信提醒 {call}，请马上处理。" in level1, level1
