"""Photos past the usual: under a ticket already done or closed (she is told how to reopen it,
while she may), and pictures sent "as a file" (kept, sent on and shown as what they are)."""

from __future__ import annotations

import httpx

from bot import texts
from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from tests.e2e.test_desk import ask_link, desk_config
from tests.e2e.test_photos import GROUP, cast, photos_of, said
from tests.engines import peek


async def lamp_done(app, fake: FakeTelegram, group, resident, worker):
    """#1, 5栋's stairway lamp, reported by `resident`, taken and done by `worker`: the done
    notice (with its rating buttons)."""
    fake.say(group, resident, "5栋楼道的灯又坏了 晚上黑黢黢的")
    await settle(app, fake)
    fake.say(group, worker, "/assign 1")
    fake.say(group, worker, "/done 1 已更换灯泡")
    await settle(app, fake)
    return fake.bot_messages(GROUP)[-1]


async def test_a_photo_under_a_finished_ticket_joins_it_with_how_to_reopen_while_it_may_be(
    fake: FakeTelegram, run_bot, config, clock
):
    group, zhang, wang = cast(fake)
    li = fake.person(2, "李叔")
    async with run_bot(config) as app:
        done = await lamp_done(app, fake, group, zhang, wang)
        assert "已办结" in done.text
        still_dark = fake.photo(group, zhang, reply_to=done.message_id)
        await settle(app, fake)
        told_done = fake.bot_messages(GROUP)[-1]
        fake.press(done, zhang, "rate:1:s")  # one household: her verdict closes it
        await settle(app, fake)
        closed = fake.photo(group, li, reply_to=done.message_id)  # closed, may be reopened
        await settle(app, fake)
        told_closed = fake.bot_messages(GROUP)[-1]
        clock.advance(days=8)  # longer ago than a ticket may be reopened: a new matter
        fake.photo(group, li, reply_to=done.message_id)
        await settle(app, fake)
    assert photos_of(config, 1) == [still_dark["message_id"], closed["message_id"]]
    assert told_done.text == texts.photo_attached("#1【照明】5栋", 1, rating=True)
    assert told_done.reply_to == still_dark["message_id"]
    assert "/reopen 1" in told_done.text and "不满意" in told_done.text
    assert told_closed.text == texts.photo_attached("#1【照明】5栋", 1)
    assert "/reopen 1" in told_closed.text and "不满意" not in told_closed.text
    with peek(config) as conn:
        status = conn.execute("SELECT status FROM tickets WHERE id = 1").fetchone()[0]
        loose = conn.execute("SELECT count(*) FROM photos WHERE ticket_id IS NULL").fetchone()[0]
    assert (status, loose) == ("closed", 1)
    assert sum("照片已附到" in text for text in said(fake)) == 2


async def test_a_picture_sent_as_a_file_is_kept_sent_on_and_shown_as_one(
    fake: FakeTelegram, run_bot, tmp_path, storage
):
    config, base = desk_config(tmp_path, fake, storage)
    group, zhang, wang = cast(fake)
    li = fake.person(2, "李叔")
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        as_file = fake.picture_file(group, zhang, caption="4栋门口的井盖翻了 有人差点踩进去")
        await settle(app, fake)
        fake.picture_file(group, zhang, mime="image/svg+xml")  # a page that runs scripts: no
        fake.picture_file(group, zhang, mime="image/heic")  # no browser shows it as a picture
        await settle(app, fake)
        fake.say(group, li, "7栋楼道的灯坏了三天了")
        await settle(app, fake)
        for _ in range(2):
            fake.picture_file(group, li, album="files")  # an album of files, just after
        await settle(app, fake)
        private = fake.private(wang)
        fake.say(private, wang, "/ticket 1")
        fake.say(private, wang, "/ticket 2")
        await settle(app, fake)
        fake.photo(group, li, reply_to=fake.bot_messages(GROUP)[-1].message_id)  # and a photo
        await settle(app, fake)
        fake.say(private, wang, "/ticket 2")
        await settle(app, fake)
        link = await ask_link(app, fake, wang)
        assert (await web.get(link)).status_code == 303
        shown = await web.get("/photos/1.jpg")
    assert photos_of(config, 1) == [as_file["message_id"]]
    assert len(photos_of(config, 2)) == 3
    with peek(config) as conn:
        kept = conn.execute("SELECT count(*) FROM photos").fetchone()[0]
    assert kept == 4  # the SVG and the HEIC were never kept
    assert shown.status_code == 200 and shown.headers["content-type"] == "image/png"
    # sent on as what Telegram holds them as: documents, in an album of their own kind
    [single] = fake.calls_of("sendDocument")[:1]
    assert single["document"] == "document-1" and single["caption"] == "#1 附图 1/1"
    albums = fake.calls_of("sendMediaGroup")
    assert [item["type"] for item in albums[0]["media"]] == ["document", "document"]
    assert len(albums) == 1  # two files and a photo: one by one, never mixed in one album
    one_by_one = [c["caption"] for c in fake.calls_of("sendDocument")[1:]]
    assert one_by_one == ["#2 附图 1/3", "#2 附图 2/3"]
    assert [c["caption"] for c in fake.calls_of("sendPhoto")] == ["#2 附图 3/3"]
    attached = [text for text in said(fake) if "照片已附到" in text]
    assert attached == [texts.photo_attached("#2【照明】7栋")] * 2  # the album once, the photo


async def test_a_workers_photo_under_a_done_ticket_is_not_answered_with_how_to_reopen(
    fake: FakeTelegram, run_bot, config
):
    group, zhang, wang = cast(fake)
    async with run_bot(config) as app:
        done = await lamp_done(app, fake, group, zhang, wang)
        fixed = fake.photo(group, wang, reply_to=done.message_id)  # the new bulb, lit
        await settle(app, fake)
        told = fake.bot_messages(GROUP)[-1]
    assert photos_of(config, 1) == [fixed["message_id"]]
    assert told.text == texts.photo_attached("#1【照明】5栋")  # not "/reopen 1 …"
    with peek(config) as conn:  # the repair's picture (办理照片), not a resident's
        assert conn.execute("SELECT staff FROM photos").fetchall() == [(1,)]


async def test_a_workers_album_in_answer_to_a_ticket_is_all_the_handlings(
    fake: FakeTelegram, run_bot, config
):
    group, zhang, wang = cast(fake)
    async with run_bot(config) as app:
        fake.say(group, zhang, "5栋楼道的灯又坏了 晚上黑黢黢的")
        await settle(app, fake)
        ack = fake.bot_messages(GROUP)[-1]
        fake.say(group, wang, "/assign 1")
        await settle(app, fake)
        fake.photo(group, wang, reply_to=ack.message_id, album="bulbs")  # on the way: 办理中
        fake.photo(group, wang, album="bulbs")
        await settle(app, fake)
        fake.photo(group, zhang, reply_to=ack.message_id)  # hers: still dark at the stairs
        await settle(app, fake)
    with peek(config) as conn:
        rows = conn.execute("SELECT user_id, staff FROM photos ORDER BY message_id").fetchall()
    assert [tuple(r) for r in rows] == [(wang["id"], 1), (wang["id"], 1), (zhang["id"], 0)]
    assert len(photos_of(config, 1)) == 3


async def test_a_picture_file_whose_type_is_in_capitals_is_kept_and_served_as_its_type(
    fake: FakeTelegram, run_bot, tmp_path, storage
):
    config, base = desk_config(tmp_path, fake, storage)
    group, zhang, wang = cast(fake)
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        sent = fake.picture_file(group, zhang, caption="4栋门口的路灯不亮了", mime="IMAGE/PNG")
        await settle(app, fake)
        link = await ask_link(app, fake, wang)
        assert (await web.get(link)).status_code == 303
        shown = await web.get("/photos/1.jpg")
    assert photos_of(config, 1) == [sent["message_id"]]  # a type's case says nothing
    assert shown.status_code == 200 and shown.headers["content-type"] == "image/png"


async def test_a_photo_with_her_verdict_under_the_done_notice_is_not_told_how_to_reopen(
    fake: FakeTelegram, run_bot, config
):
    group, zhang, wang = cast(fake)
    li = fake.person(2, "李叔")
    async with run_bot(config) as app:
        fake.say(group, zhang, "6栋电梯坏了 关不上门")
        fake.say(group, li, "5栋楼道的灯又坏了 晚上黑黢黢的")
        await settle(app, fake)
        fake.say(group, wang, "/done 1 已修好")
        fake.say(group, wang, "/done 2 已更换灯泡")
        await settle(app, fake)
        lift, light = fake.bot_messages(GROUP)[-2:]
        fixed = fake.picture_file(group, zhang, caption="修好了 谢谢", reply_to=lift.message_id)
        await settle(app, fake)
        lit = fake.photo(group, li, caption="大家看看", reply_to=light.message_id)
        await settle(app, fake)
    assert photos_of(config, 1) == [fixed["message_id"]]
    assert photos_of(config, 2) == [lit["message_id"]]
    with peek(config) as conn:
        statuses = [r[0] for r in conn.execute("SELECT status FROM tickets ORDER BY id")]
    assert statuses == ["closed", "done"]  # her 满意 closed it
    thanked, joined, pointer, joined_too = said(fake)[-4:]
    assert "满意" in thanked
    assert joined == texts.photo_attached("#1【电梯】6栋")  # not "/reopen 1" after her 满意
    assert "没修好" in pointer  # how to say it is not fixed: once
    assert joined_too == texts.photo_attached("#2【照明】5栋")


async def test_not_fixed_with_a_photo_under_the_done_notice_is_answered_once(
    fake: FakeTelegram, run_bot, config
):
    """ "没修好" as a photo's caption under the done notice reopens the ticket, photo and all;
    she was answered twice: the reopening, then 照片已附到 the ticket it had just reopened."""
    group, zhang, wang = cast(fake)
    async with run_bot(config) as app:
        fake.say(group, zhang, "6栋电梯坏了 关不上门")
        await settle(app, fake)
        fake.say(group, wang, "/done 1 已修好")
        await settle(app, fake)
        done = fake.bot_messages(GROUP)[-1]
        before = len(said(fake))
        still = fake.photo(group, zhang, caption="没修好", reply_to=done.message_id)
        await settle(app, fake)
        answers = said(fake)[before:]
    assert photos_of(config, 1) == [still["message_id"]]
    assert len(answers) == 1 and "重新交办" in answers[0], answers


async def test_a_picture_file_too_big_for_a_bot_to_fetch_is_not_on_the_desk_but_kept(
    fake: FakeTelegram, run_bot, tmp_path, storage
):
    config, base = desk_config(tmp_path, fake, storage)
    group, zhang, wang = cast(fake)
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        fake.picture_file(group, zhang, caption="6栋外墙的瓷砖掉了一大块", size=60 * 1024 * 1024)
        await settle(app, fake)
        link = await ask_link(app, fake, wang)
        assert (await web.get(link)).status_code == 303
        shown = await web.get("/photos/1.jpg")
    assert len(photos_of(config, 1)) == 1  # kept: a worker is sent it in Telegram
    assert shown.status_code == 404 and texts.DESK_PHOTO_TOO_LARGE in shown.text  # not "稍后重试"
