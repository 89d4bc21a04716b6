"""A ticket brought in from the office's ledger keeps its verdicts as the ledger gave them
(QA round 23): the ledger holds their counts (满意度 基本满意, 满意户数 2/2), not who said
what; the desk's page and /ticket showed its one imported report as 未评价, while the ledger
and 满意率 counted two pleased households."""

from __future__ import annotations

import httpx
from openpyxl import Workbook

from bot.devtools.runner import settle
from bot.ledger.rows import HEADERS
from tests.cli.test_ledger_commands import cli
from tests.e2e.test_desk import desk_config
from tests.e2e.test_desk_office import log_in, plain
from tests.engines import storage_toml
from tests.factories import WORKER_ID


def ledger_row(**cells: object) -> list[object]:
    return [cells.get(h) for h in HEADERS]


async def test_an_imported_tickets_verdicts_are_shown_as_the_ledger_gave_them(
    fake, run_bot, tmp_path, storage
):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(HEADERS))
    sheet.append(
        ledger_row(
            编号=1, 群="东苑5栋业主群", 类别="电梯", 反映内容="5栋电梯坏了", 反映户数=2,
            受理时间="2026-11-01 09:00", 办结时间="2026-11-01 15:00", 办理结果="已修复",
            满意度="基本满意", 状态="已关闭", 满意户数="2/2",
        )
    )  # fmt: skip
    sheet.append(
        ledger_row(编号=2, 群="东苑5栋业主群", 类别="照明", 反映内容="灯坏", 受理时间="2026-11-2")
    )
    old = tmp_path / "旧台账.xlsx"
    workbook.save(old)
    toml = tmp_path / "office.toml"
    toml.write_text(storage_toml(storage), encoding="utf-8")
    loaded = await cli("import", "--config", str(toml), str(old))
    assert loaded.returncode == 0, loaded.stderr
    config, base = desk_config(tmp_path, fake, storage)
    worker = fake.person(WORKER_ID, "网格员小王")
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        await log_in(app, fake, web)
        rated = plain((await web.get("/tickets/1")).text)
        open_one = plain((await web.get("/tickets/2")).text)
        fake.say(fake.private(worker), worker, "/ticket 1")
        await settle(app, fake)
        detail = fake.bot_messages(WORKER_ID)[-1].text
    verdicts = rated.split("评价（按户）")[1].split("办理")[0]
    assert "基本满意" in verdicts and "满意户数 2/2" in verdicts, verdicts
    assert "未评价" not in verdicts, verdicts
    line = next(x for x in detail.splitlines() if x.startswith("评价"))
    assert "基本满意" in line and "满意户数 2/2" in line and "未评价" not in line, detail
    assert "未评价" in open_one.split("评价（按户）")[1].split("办理")[0]  # nothing rated yet
