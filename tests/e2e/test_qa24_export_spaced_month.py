"""/export with a month typed with spaces (QA round 24): a phone's Chinese keyboard puts one
between the digits and 月 or 年 (`11 月`, `2026 年 11 月`, `上 个月`). It is the month, not
"不是一个月份"; two numbers without 年 or 月 between them (`2026 11`) are still none."""

from __future__ import annotations

from bot import texts
from bot.devtools.runner import settle
from tests.factories import WORKER_ID


async def test_a_month_typed_with_spaces_is_that_month(fake, run_bot):
    group, zhang = fake.group(-24801, "东苑3栋业主群"), fake.person(501, "张阿姨")
    wang = fake.person(WORKER_ID, "网格员小王")
    private = fake.private(wang)
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了，困了好久")
        await settle(app, fake)
        for typed in ("11 月", "2026 年 11 月", "上 个月", "2026 11"):
            fake.say(private, wang, f"/export {typed}")
            await settle(app, fake)
    said = fake.bot_messages(WORKER_ID)
    files = [m.document[0] for m in said if m.document]
    assert files == ["台账-2026-11.xlsx", "台账-2026-11.xlsx", "台账-2026-10.xlsx"], files
    assert [m.text for m in said if not m.document] == [texts.not_a_month("2026 11")]
