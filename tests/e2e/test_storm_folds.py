"""A storm's acknowledgements fold into as few messages as Telegram takes: its 4,096 characters
are counted without the mentions' markup (`<a href="tg://user?id=…">`), which had halved what
one message held — twice the messages in a group already at its flood limit."""

from __future__ import annotations

from dataclasses import replace

from bot.devtools.fakeapi.protocol import check_html, utf16_len
from bot.devtools.runner import settle
from tests.engines import peek
from tests.factories import FAST

GROUP = -7801


async def test_a_storms_acknowledgements_fill_each_message_and_none_is_too_long(
    fake, run_bot, config
):
    group = fake.group(GROUP, "3栋群")
    slow = replace(FAST, post_burst=1, post_gap=3.0, post_calm=0.5, post_patience=5.0)
    async with run_bot(tuning=slow) as app:
        for n in range(150):
            resident = fake.person(1000 + n, f"🌸{n}号楼的张阿姨")
            fake.say(group, resident, f"{n % 30 + 1}栋{n % 3 + 1}单元楼道灯不亮 好几天了")
        await settle(app, fake, timeout=60)
    with peek(config) as conn:
        waiting = conn.execute("SELECT COUNT(*) FROM reports WHERE ack_state <> 'sent'")
        assert waiting.fetchone()[0] == 0
    said = fake.bot_messages(GROUP)
    folded = [m for m in said if "条反映" in m.text]
    assert sum(int(m.text.split("已受理 ")[1].split(" 条")[0]) for m in folded) >= 149
    # the first at once, then two at most — or one or two more where a slow machine lets the
    # 150 messages arrive over more than one gap: a handful for 150 reports, not 150
    assert len(said) <= 5, [len(m.text) for m in said]
    assert all(utf16_len(check_html(m.text)) <= 4096 for m in said)
