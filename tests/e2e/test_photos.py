"""Residents' photos through the real bot: kept with the ticket they show — as the complaint's
caption, just before or after it, in an album, in reply to it — shown by /ticket, sent on to a
worker in private, and on the desk; a stranger's photo stays with no ticket."""

from __future__ import annotations

from dataclasses import replace

import httpx

from bot import texts
from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.fakeapi.world import TINY_JPEG
from bot.devtools.runner import settle
from tests.e2e.test_desk import ask_link, desk_config
from tests.e2e.test_triage import UNSURE_FLOOD, notice_of
from tests.engines import peek
from tests.factories import FAST, WORKER_ID

GROUP = -100700


def photos_of(config, ticket_id: int) -> list[int]:
    """The message ids of a ticket's photos, in order."""
    with peek(config) as conn:
        rows = conn.execute(
            "SELECT message_id FROM photos WHERE ticket_id = ? ORDER BY sent_at, id", (ticket_id,)
        ).fetchall()
    return [r[0] for r in rows]


def said(fake: FakeTelegram, chat_id: int = GROUP) -> list[str]:
    return [m.text for m in fake.bot_messages(chat_id)]


def cast(fake: FakeTelegram) -> tuple[dict, dict, dict]:
    """The building's group, 张阿姨 who lives there, and 网格员小王 (a worker)."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    return group, zhang, fake.person(WORKER_ID, "网格员小王")


async def test_a_photo_with_the_complaint_or_just_after_it_goes_with_its_ticket(
    fake: FakeTelegram, run_bot, config
):
    group = fake.group(GROUP, "3栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    wang = fake.person(WORKER_ID, "小王")
    async with run_bot(config) as app:
        captioned = fake.photo(group, zhang, caption="3栋楼道垃圾堆了三天没人收 臭死了")
        await settle(app, fake)
        fake.say(group, li, "5栋电梯又坏了 关不上门")
        await settle(app, fake)
        after = fake.photo(group, li)  # the words, then the picture
        await settle(app, fake)
        stranger = fake.photo(group, fake.person(3, "路人"))  # no complaint of hers: loose
        await settle(app, fake)
        fake.say(fake.private(wang), wang, "/ticket 2")
        await settle(app, fake)
    assert photos_of(config, 1) == [captioned["message_id"]]
    assert photos_of(config, 2) == [after["message_id"]]
    with peek(config) as conn:
        loose = conn.execute(
            "SELECT ticket_id FROM photos WHERE message_id = ?", (stranger["message_id"],)
        ).fetchone()
    assert loose == (None,)
    group_said = said(fake)
    assert group_said[0].startswith("已受理 #1") and group_said[1].startswith("已受理 #2")
    assert group_said[2] == texts.photo_attached("#2【电梯】5栋")
    assert len(group_said) == 3  # the stranger's photo is answered with nothing
    detail, caption = said(fake, WORKER_ID)
    assert detail.startswith("#2【电梯】") and "📷 附图 1 张（随后发给您）" in detail
    assert caption == "#2 附图 1/1"  # the photo itself, after the words
    [sent] = fake.calls_of("sendPhoto")
    assert sent["chat_id"] == WORKER_ID and sent["photo"] == after["photo"][-1]["file_id"]
    assert sent["caption"] == "#2 附图 1/1"


async def test_a_photo_first_then_the_words_and_an_album_after_them(
    fake: FakeTelegram, run_bot, config
):
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    async with run_bot(config) as app:
        before = fake.photo(group, zhang)  # the picture, then the words
        await settle(app, fake)
        assert said(fake) == []
        fake.say(group, zhang, "地下车库的灯全灭了 黑漆漆的 找车都找不到")
        await settle(app, fake)
        album = [fake.photo(group, zhang, album="a-1") for _ in range(3)]
        await settle(app, fake)
        fake.say(group, zhang, "/ticket 1")
        await settle(app, fake)
    assert photos_of(config, 1) == [before["message_id"], *(m["message_id"] for m in album)]
    ack, told, detail = said(fake)
    assert ack.startswith("已受理 #1")
    assert told.startswith("📷 照片已附到 #1")  # once for the album
    assert "📷 附图 4 张（网格员私聊 /ticket 可看）" in detail
    assert fake.calls_of("sendPhoto") == []  # never posted in the group


async def test_a_photo_in_reply_to_the_acknowledgement_later_and_a_merge_keeps_them(
    fake: FakeTelegram, run_bot, config
):
    group = fake.group(GROUP, "3栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    wang = fake.person(WORKER_ID, "小王")
    async with run_bot(config) as app:
        fake.say(group, zhang, "2栋门口的路灯坏了一个礼拜了")
        await settle(app, fake)
        [ack] = fake.bot_messages(GROUP)
        reply = fake.photo(group, fake.person(4, "王奶奶"), reply_to=ack.message_id)
        await settle(app, fake)
        captioned = fake.photo(group, li, caption="7栋楼下的垃圾桶满了 三天没人收")
        await settle(app, fake)
        fake.say(group, wang, "/merge 1 2")
        fake.say(group, wang, "/assign 1")
        await settle(app, fake)
        taken = next(m for m in fake.bot_messages(GROUP) if "接单" in m.text)
        under_post = fake.photo(group, zhang, reply_to=taken.message_id)  # under 已由 小王 接单
        await settle(app, fake)
    assert photos_of(config, 1) == [
        reply["message_id"],
        captioned["message_id"],
        under_post["message_id"],
    ]
    assert photos_of(config, 2) == []
    assert said(fake)[1] == texts.photo_attached("#1【照明】2栋")


async def test_the_desk_shows_a_tickets_photos_to_staff_only(
    fake: FakeTelegram, run_bot, tmp_path, storage
):
    config, base = desk_config(tmp_path, fake, storage)
    group, zhang, wang = cast(fake)
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        fake.photo(group, zhang, caption="3栋楼道垃圾堆了三天没人收 臭死了")
        loose = fake.photo(group, fake.person(3, "路人"))
        await settle(app, fake)
        assert (await web.get("/photos/1.jpg")).status_code == 303  # no session: the how-to
        link = await ask_link(app, fake, wang)
        assert (await web.get(link)).status_code == 303
        page = (await web.get("/tickets/1")).text
        assert "照片（1 张）" in page and 'src="/photos/1.jpg"' in page
        assert 'title="附图">📷1</span>' in (await web.get("/tickets")).text  # the ledger row
        first = await web.get("/photos/1.jpg")
        again = await web.get("/photos/1.jpg")
        assert first.status_code == 200 and first.content == TINY_JPEG
        assert first.headers["content-type"] == "image/jpeg" and again.content == TINY_JPEG
        assert len(fake.calls_of("getFile")) == 1  # the second time from memory
        assert (await web.get("/api/tickets/1")).json()["photos"] == ["/photos/1.jpg"]
        with peek(config) as conn:
            [(loose_id,)] = conn.execute(
                "SELECT id FROM photos WHERE message_id = ?", (loose["message_id"],)
            ).fetchall()
        assert (await web.get(f"/photos/{loose_id}.jpg")).status_code == 404
        assert (await web.get("/photos/999.jpg")).status_code == 404
        assert (await web.get("/photos/abc.jpg")).status_code == 404
        fake.photo(group, wang, caption="/done 1 已清运")  # the worker's picture of the work
        await settle(app, fake)
        page = (await web.get("/tickets/1")).text
    assert "照片（2 张）" in page
    assert page.index("居民拍摄") < page.index("办理照片")  # hers, then the worker's


async def test_a_photo_handled_again_is_kept_and_answered_once(fake: FakeTelegram, run_bot, config):
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    async with run_bot(config) as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 关不上门")
        await settle(app, fake)
        after = fake.photo(group, zhang)
        await settle(app, fake)
    async with run_bot(config) as app:  # Telegram gives it again (its offset was not confirmed)
        fake.push({"message": after})
        await settle(app, fake)
    assert photos_of(config, 1) == [after["message_id"]]
    told = [t for t in said(fake) if t.startswith("📷")]
    assert told == [texts.photo_attached("#1【电梯】3栋2单元")]


async def test_a_workers_picture_of_the_repair_goes_with_the_ticket(
    fake: FakeTelegram, run_bot, config
):
    group, zhang, wang = cast(fake)
    async with run_bot(config) as app:
        fake.say(group, zhang, "3栋门口垃圾堆了三天没人收 臭死了")
        fake.say(group, zhang, "5栋楼道灯坏了 黑乎乎的")
        await settle(app, fake)
        progress = fake.photo(group, wang, caption="/note 2 灯泡已买 下午来换")
        repair = fake.photo(group, wang, caption="/done 1 已清运")
        private = fake.photo(fake.private(wang), wang, caption="/done 2 灯已换好")
        await settle(app, fake)
    assert photos_of(config, 1) == [repair["message_id"]]
    with peek(config) as conn:
        rows = conn.execute(
            "SELECT chat_id, message_id, user_id, staff FROM photos WHERE ticket_id = 2 ORDER BY id"
        ).fetchall()
        statuses = [r[0] for r in conn.execute("SELECT status FROM tickets ORDER BY id")]
    assert [tuple(r) for r in rows] == [  # pictures of the handling (办理照片 on the desk)
        (GROUP, progress["message_id"], WORKER_ID, 1),
        (WORKER_ID, private["message_id"], WORKER_ID, 1),
    ]
    assert statuses == ["done", "done"]
    assert not [t for t in said(fake) if t.startswith("📷")]  # the group saw the picture itself


async def test_a_photo_whose_words_are_unsure_waits_with_them_and_is_filed_with_them(
    fake: FakeTelegram, run_bot, config
):
    group, zhang, wang = cast(fake)
    async with run_bot(config) as app:
        fake.say(fake.private(wang), wang, "/start")
        await settle(app, fake)
        sent = fake.photo(group, zhang, caption=UNSURE_FLOOD)
        await settle(app, fake)
        assert said(fake) == []  # unsure: nothing in public, the photo waits with the words
        notice = notice_of(fake, WORKER_ID)
        assert "📷 附有照片（登记后随诉求保存）" in notice.text
        fake.press(notice, wang, notice.reply_markup["inline_keyboard"][0][0]["callback_data"])
        await settle(app, fake)
    assert said(fake)[0].startswith("已受理 #1")
    assert photos_of(config, 1) == [sent["message_id"]]


async def test_an_album_goes_with_the_ticket_its_caption_filed_answered_once(
    fake: FakeTelegram, run_bot, config
):
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    async with run_bot(config) as app:  # Telegram: one message per photo, the caption on one
        album = [fake.photo(group, zhang, caption="3栋2单元电梯坏了 关不上门", album="a-1")]
        album += [fake.photo(group, zhang, album="a-1") for _ in range(2)]
        await settle(app, fake)
    assert photos_of(config, 1) == [m["message_id"] for m in album]
    [ack] = said(fake)  # the complaint is acknowledged; the album is not answered again
    assert ack.startswith("已受理 #1【电梯】")


async def test_an_unsure_albums_photos_are_all_filed_with_its_words(
    fake: FakeTelegram, run_bot, config
):
    group, zhang, wang = cast(fake)
    async with run_bot(config) as app:
        fake.say(fake.private(wang), wang, "/start")
        await settle(app, fake)
        album = [fake.photo(group, zhang, caption=UNSURE_FLOOD, album="a-2")]
        album += [fake.photo(group, zhang, album="a-2") for _ in range(2)]
        await settle(app, fake)
        assert said(fake) == []
        notice = notice_of(fake, WORKER_ID)
        fake.press(notice, wang, notice.reply_markup["inline_keyboard"][0][0]["callback_data"])
        await settle(app, fake)
    assert said(fake)[0].startswith("已受理 #1")
    assert photos_of(config, 1) == [m["message_id"] for m in album]


async def test_a_workers_album_of_the_repair_goes_with_the_ticket_in_group_or_private(
    fake: FakeTelegram, run_bot, config
):
    group, zhang, wang = cast(fake)
    async with run_bot(config) as app:
        fake.say(group, zhang, "3栋门口垃圾堆了三天没人收 臭死了")
        await settle(app, fake)
        fake.say(group, zhang, "5栋楼道灯坏了 黑乎乎的")
        await settle(app, fake)
        here = [fake.photo(group, wang, caption="/done 1 已清运", album="w-1")]
        here.append(fake.photo(group, wang, album="w-1"))
        chat = fake.private(wang)
        private = [fake.photo(chat, wang, caption="/done 2 灯已换好", album="w-2")]
        private += [fake.photo(chat, wang, album="w-2") for _ in range(2)]
        await settle(app, fake)
    assert photos_of(config, 1) == [m["message_id"] for m in here]
    assert photos_of(config, 2) == [m["message_id"] for m in private]
    with peek(config) as conn:  # every one of them the handling's (办理照片), not a resident's
        assert conn.execute("SELECT count(*) FROM photos WHERE staff = 0").fetchone()[0] == 0
    assert not [t for t in said(fake) if t.startswith("📷")]
    [told] = said(fake, WORKER_ID)  # no "我只看得懂文字" for the rest of the album
    assert told.startswith("好的，#2【照明】5栋 已办结")


async def test_a_worker_asking_for_a_ticket_with_many_photos_is_told_how_many_are_sent(
    fake: FakeTelegram, run_bot, config
):
    group, zhang, wang = cast(fake)
    async with run_bot(config) as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 关不上门")
        await settle(app, fake)
        for album in ("b-1", "b-2"):  # two albums: more than Telegram sends at once
            for _ in range(6 if album == "b-1" else 9):
                fake.photo(group, zhang, album=album)
            await settle(app, fake)
        fake.say(fake.private(wang), wang, "/ticket 1")
        await settle(app, fake)
    assert len(photos_of(config, 1)) == 15
    detail, *captions = said(fake, WORKER_ID)
    assert "📷 附图 15 张（随后发给您前 10 张）" in detail
    assert captions == [f"#1 附图 {n}/15" for n in range(1, 11)]  # not "1/10": five more
    [album] = fake.calls_of("sendMediaGroup")  # one album: a retry never resends half of it
    assert fake.calls_of("sendPhoto") == [] and len(album["media"]) == 10


async def test_a_workers_new_under_a_residents_photo_alone_files_it_as_hers_with_the_photo(
    fake: FakeTelegram, run_bot, config
):
    group, zhang, wang = cast(fake)
    async with run_bot(config) as app:
        picture = fake.photo(group, zhang)  # no words: nothing filed, nothing said
        await settle(app, fake)
        fake.say(group, wang, "/new", reply_to=picture)  # no words of his either: how to
        fake.say(group, wang, "/new 3栋门口井盖松了 有人踩空", reply_to=picture)
        await settle(app, fake)
    [usage] = [t for t in said(fake) if t == texts.NEW_USAGE]
    [ack] = [t for t in said(fake) if t != usage]
    assert ack.startswith("已受理 #1【公共设施】3栋")
    assert photos_of(config, 1) == [picture["message_id"]]
    with peek(config) as conn:
        row = conn.execute("SELECT summary, reporter_id, households FROM tickets").fetchone()
    assert tuple(row) == ("3栋门口井盖松了 有人踩空", 1, 1)  # hers, to rate when it is done


async def test_a_reply_to_a_photo_by_its_number_carries_the_photo_as_telegram_sends_it(
    fake: FakeTelegram, run_bot, config
):
    """The fake sends the message replied to as Telegram does — her photo, no "[图片]" text —
    also when a test names it by its number: the worker's /new under it files it as hers, the
    photo with it, as under the photo itself."""
    group, zhang, wang = cast(fake)
    async with run_bot(config) as app:
        picture = fake.photo(group, zhang)
        captioned = fake.photo(group, zhang, caption="井盖")
        await settle(app, fake)
        number = picture["message_id"]
        under = fake.say(group, wang, "/new 3栋门口井盖松了 有人踩空", reply_to=number)
        await settle(app, fake)
    replied = under["reply_to_message"]
    assert "text" not in replied and replied["photo"] == picture["photo"], replied
    assert replied["from"] == zhang and "caption" not in replied
    again = fake.say(group, wang, "/list", reply_to=captioned["message_id"])["reply_to_message"]
    assert "text" not in again and again["caption"] == "井盖" and "photo" in again
    assert photos_of(config, 1) == [picture["message_id"]]
    with peek(config) as conn:
        row = conn.execute("SELECT summary, reporter_id FROM tickets").fetchone()
    assert tuple(row) == ("3栋门口井盖松了 有人踩空", 1)  # hers, with her photo


async def test_an_urgent_photo_tells_the_workers_in_private_where_to_see_it(
    fake: FakeTelegram, run_bot, config
):
    group, zhang, wang = cast(fake)
    async with run_bot(config) as app:
        fake.say(fake.private(wang), wang, "/start")
        await settle(app, fake)
        fake.photo(group, zhang, caption="3栋楼道里冒烟了 好大的烟 像是电动车着火了")
        await settle(app, fake)
        fake.say(fake.private(wang), wang, "/ticket 1")
        await settle(app, fake)
    alert = next(t for t in said(fake, WORKER_ID) if t.startswith("🚨 紧急诉求"))
    assert "📷 居民附了照片 1 张，发 /ticket 1 查看" in alert
    [sent] = fake.calls_of("sendPhoto")
    assert sent["chat_id"] == WORKER_ID


async def test_another_group_hears_of_its_own_photos_and_the_building_only(
    fake: FakeTelegram, run_bot, config
):
    """3栋群's report was merged into 5栋群's #1: a 3栋 resident's photo under her group's
    acknowledgement is kept with #1, and 3栋群 hears of it by the building, not 5栋群's flat;
    its /ticket counts its own photos only."""
    five, three = fake.group(GROUP, "5栋群"), fake.group(GROUP - 1, "3栋群")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot(config) as app:
        fake.photo(five, fake.person(1, "张阿姨"), caption="5栋2单元501 楼上漏水 天花板在滴水")
        await settle(app, fake)
        fake.say(three, fake.person(2, "李叔"), "3栋门口的下水道堵了 污水漫出来了")
        await settle(app, fake)
        fake.say(fake.private(wang), wang, "/merge 1 2")
        await settle(app, fake)
        ack = next(m for m in fake.bot_messages(GROUP - 1) if m.text.startswith("已受理"))
        fake.photo(three, fake.person(3, "王奶奶"), reply_to=ack.message_id)
        await settle(app, fake)
        fake.say(three, fake.person(2, "李叔"), "/ticket 1")
        await settle(app, fake)
    told = [t for t in said(fake, GROUP - 1) if t.startswith("📷")]
    assert len(told) == 1 and "#1【" in told[0] and "501" not in told[0]
    detail = said(fake, GROUP - 1)[-1]
    assert "📷 附图 1 张" in detail and "501" not in detail
    assert len(photos_of(config, 1)) == 2


async def test_a_photo_with_new_or_just_before_it_and_one_with_reopen_go_with_the_ticket(
    fake: FakeTelegram, run_bot, config
):
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    li, wang = fake.person(2, "李叔"), fake.person(WORKER_ID, "网格员小王")
    async with run_bot(config) as app:
        captioned = fake.photo(group, zhang, caption="/new 楼道扶手松了 一晃一晃的")
        await settle(app, fake)
        before = fake.photo(group, li)  # the picture, then his own /new
        await settle(app, fake)
        fake.say(group, li, "/new 6栋后门的台阶缺了一块")
        await settle(app, fake)
        fake.say(group, wang, "/done 1 已紧固")
        await settle(app, fake)
        broken = fake.photo(group, zhang, caption="/reopen 1 又松了")
        await settle(app, fake)
    assert photos_of(config, 1) == [captioned["message_id"], broken["message_id"]]
    assert photos_of(config, 2) == [before["message_id"]]
    with peek(config) as conn:
        status = conn.execute("SELECT status FROM tickets WHERE id = 1").fetchone()[0]
        staff = conn.execute("SELECT staff FROM photos ORDER BY id").fetchall()
    assert status == "assigned"  # reopened, back to its worker
    assert [s[0] for s in staff] == [0, 0, 0]  # residents' pictures, not the handling's


async def test_a_photo_under_a_folded_acknowledgement_goes_to_its_senders_ticket(
    fake: FakeTelegram, run_bot, config
):
    """A burst's acknowledgement names several tickets: a photo in reply to it goes with its
    sender's own, and one from someone who reported none of them stays with none."""
    group = fake.group(GROUP, "3栋群")
    burst = replace(FAST, post_calm=0.5, post_patience=2.0)
    async with run_bot(config, tuning=burst) as app:
        for n in range(3):
            fake.say(group, fake.person(10 + n, f"邻居{n}"), f"{n + 1}号楼路灯不亮")
        await settle(app, fake)
        [folded] = [m for m in fake.bot_messages(GROUP) if "条反映" in m.text]
        mine = fake.photo(group, fake.person(11, "邻居1"), reply_to=folded.message_id)
        other = fake.photo(group, fake.person(30, "路人"), reply_to=folded.message_id)
        await settle(app, fake)
    with peek(config) as conn:
        rows = dict(conn.execute("SELECT message_id, ticket_id FROM photos").fetchall())
        [ticket] = conn.execute("SELECT ticket_id FROM reports WHERE user_id = 11").fetchone()
    assert rows == {mine["message_id"]: ticket, other["message_id"]: None}


async def test_the_desks_triage_shows_the_photo_an_unsure_message_came_with(
    fake: FakeTelegram, run_bot, tmp_path, storage
):
    config, base = desk_config(tmp_path, fake, storage)
    group, zhang, wang = cast(fake)
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        fake.say(fake.private(wang), wang, "/start")
        fake.photo(group, zhang, caption=UNSURE_FLOOD)
        await settle(app, fake)
        assert (await web.get(await ask_link(app, fake, wang))).status_code == 303
        queue = (await web.get("/triage")).text
        assert UNSURE_FLOOD in queue and 'src="/photos/1.jpg"' in queue
        assert (await web.get("/photos/1.jpg")).content == TINY_JPEG  # seen to decide
        notice = notice_of(fake, WORKER_ID)
        fake.press(notice, wang, notice.reply_markup["inline_keyboard"][0][2]["callback_data"])
        await settle(app, fake)
        assert notice.reply_markup is None  # decided: no buttons left
        assert (await web.get("/photos/1.jpg")).status_code == 404  # dismissed: nobody's
