"""The complaint loop end to end: the real Application over HTTP against the fake Bot API."""

from __future__ import annotations

from bot.devtools.fakeapi.server import FakeTelegram
from tests.engines import peek
from tests.factories import WORKER2_ID, WORKER_ID


def rows(config, sql, params=()):
    with peek(config) as conn:
        return conn.execute(sql, params).fetchall()


async def test_complaint_becomes_ticket_assigned_done_in_two_isolated_groups(
    fake: FakeTelegram, run_bot, config
):
    """Two groups each file a ticket; workers take and close them; neither sees the other's."""
    east = fake.group(-1001, "东苑3栋业主群")
    west = fake.group(-1002, "西苑5栋业主群")
    zhang = fake.person(501, "张阿姨")
    li = fake.person(502, "李叔")
    worker = fake.person(WORKER_ID, "网格员小王", "xiaowang")
    worker2 = fake.person(WORKER2_ID, "网格员小陈", "xiaochen")

    async with run_bot():
        complaint = fake.say(east, zhang, "3栋2单元电梯又坏了，困了好久")
        fake.say(west, li, "5号楼门口垃圾堆了三天没人收")
        fake.say(east, zhang, "今天天气不错")

        ack = await fake.wait_for(lambda: fake.bot_messages(east["id"]), what="ack in east")
        await fake.wait_for(lambda: fake.bot_messages(west["id"]), what="ack in west")
        assert ack[0].reply_to == complaint["message_id"]
        assert ack[0].text.startswith("已受理 ")
        east_id, west_id = (
            rows(config, "SELECT id FROM tickets WHERE chat_id = ?", (c["id"],))[0][0]
            for c in (east, west)
        )
        assert f"#{east_id}【电梯】" in ack[0].text

        # The other group's number is "not found" here, and nothing of it leaks.
        fake.say(west, worker2, f"/ticket {east_id}")
        fake.say(west, worker2, f"/assign {east_id}")
        await fake.wait_for(lambda: len(fake.bot_messages(west["id"])) >= 2)
        await fake.wait_idle()
        for message in fake.bot_messages(west["id"])[1:]:  # the same answer waiting: given once
            assert f"没有找到 #{east_id}" in message.text
            assert "电梯" not in message.text

        fake.say(east, worker, f"/assign {east_id}")
        await fake.wait_for(lambda: any("接单" in m.text for m in fake.bot_messages(east["id"])))
        fake.say(east, worker, f"/done {east_id} 已更换门机板，恢复运行")
        done = await fake.wait_for(
            lambda: [m for m in fake.bot_messages(east["id"]) if "已办结" in m.text]
        )
        assert "张阿姨" in done[0].text and "已更换门机板" in done[0].text

        fake.say(east, zhang, "/list")
        await fake.wait_for(lambda: "没有待办" in fake.bot_messages(east["id"])[-1].text)
        fake.say(west, li, "/list")
        listing = await fake.wait_for(
            lambda: [m for m in fake.bot_messages(west["id"]) if "待办诉求" in m.text]
        )
        assert f"#{west_id}" in listing[0].text and f"#{east_id}" not in listing[0].text

    status = rows(
        config, "SELECT status, assignee_id, done_note FROM tickets WHERE id = ?", (east_id,)
    )
    assert status == [("done", WORKER_ID, "已更换门机板，恢复运行")]
    actions = [
        a
        for (a,) in rows(
            config, "SELECT action FROM events WHERE ticket_id = ? ORDER BY id", (east_id,)
        )
    ]
    assert actions == ["create", "assign", "done"]
    assert rows(config, "SELECT count(*) FROM tickets")[0][0] == 2
