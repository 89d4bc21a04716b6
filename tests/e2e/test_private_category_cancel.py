"""A grid worker covering several building groups corrects a category and withdraws what is no
complaint from his private chat, by ticket number, through the real bot: each group is told as
if he had said it there, the bot learns as from the group, he is told back where, and what is
refused is refused in the words the group would hear (a worker's /reopen too). A resident's
/cancel and /reopen stay in her group."""

from __future__ import annotations

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from bot.runtime.services import SERVICES_KEY
from tests.engines import forget_handled, rows
from tests.factories import ADMIN_ID, WORKER_ID

THREE, FIVE, EIGHT = -28101, -28102, -28103
LIFT = "3栋2单元电梯坏了 门关不上"  # #1, 3栋
RUBBISH = "5栋门口垃圾堆了三天了 臭得很"  # #2, 5栋
TRAFFIC = "石桥铺那一段堵车堵得好凶 半个钟头都没动"  # #3, 5栋: filed, but no complaint of ours


def texts_in(fake: FakeTelegram, chat_id: int) -> list[str]:
    return [m.text for m in fake.bot_messages(chat_id)]


async def three_tickets_in_two_groups(fake: FakeTelegram, app) -> None:
    """#1 in 3栋's group, #2 and #3 in 5栋's (one at a time: the groups run side by side)."""
    three, five = fake.group(THREE, "3栋业主群"), fake.group(FIVE, "5栋业主群")
    for group, person, words in (
        (three, fake.person(1, "张阿姨"), LIFT),
        (five, fake.person(2, "李叔"), RUBBISH),
        (five, fake.person(3, "王姐"), TRAFFIC),
    ):
        fake.say(group, person, words)
        await settle(app, fake)


async def test_a_worker_corrects_and_withdraws_tickets_of_two_groups_from_private(
    fake, run_bot, config
):
    """/category and /cancel in private act on any group's ticket: that group is told (not the
    other), the lesson is kept and learned at once, and the worker is told back which group
    heard it; an admin may too."""
    wang, boss = fake.person(WORKER_ID, "网格员小王"), fake.person(ADMIN_ID, "主任")
    private = fake.private(wang)
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        await three_tickets_in_two_groups(fake, app)
        three_before, five_before = len(texts_in(fake, THREE)), len(texts_in(fake, FIVE))
        fake.say(private, wang, "/category 1 供水排水")  # 3栋's ticket
        await settle(app, fake)
        fake.say(private, wang, "/cancel 3 闲聊，不是诉求")  # 5栋's ticket
        await settle(app, fake)
        boss_private = fake.private(boss)
        fake.say(boss_private, boss, "/category ＃２ ｓａｎｉｔａｔｉｏｎ")  # it is that already
        fake.say(boss_private, boss, "/category 2 property_service")
        await settle(app, fake)
        adapted = services.classifier.adapted
        taught = adapted.lessons if adapted is not None else 0
    back = texts_in(fake, WORKER_ID)
    assert back == [
        "好的，#1【供水排水】3栋2单元 类别已更正，已在「3栋业主群」通知。",
        "好的，#3【停车】 已撤销，已在「5栋业主群」通知。",
    ], back
    boss_said = texts_in(fake, ADMIN_ID)
    assert boss_said[0] == "#2【环境卫生】5栋 已经是这个类别了，不用再更正。", boss_said
    assert boss_said[1] == "好的，#2【物业服务】5栋 类别已更正，已在「5栋业主群」通知。", boss_said

    three_said, five_said = texts_in(fake, THREE)[three_before:], texts_in(fake, FIVE)[five_before:]
    assert three_said == ["#1【供水排水】3栋2单元 类别已更正，责任主体：物业工程部。"], three_said
    assert five_said == [
        "#3【停车】 已撤销（闲聊，不是诉求）。",
        "#2【物业服务】5栋 类别已更正，责任主体：物业服务中心。",
    ], five_said
    for message in fake.bot_messages(THREE)[three_before:] + fake.bot_messages(FIVE)[five_before:]:
        assert message.reply_to is None  # nothing of the group's to answer: said plainly

    tickets = rows(config, "SELECT id, category, team, status FROM tickets ORDER BY id")
    assert tickets == [
        (1, "water", "物业工程部", "open"),
        (2, "property_service", "物业服务中心", "open"),
        (3, "parking", "物业秩序部", "cancelled"),
    ], tickets
    lessons = rows(
        config,
        "SELECT ticket_id, source, is_complaint, category, actor_id FROM lessons ORDER BY id",
    )
    assert lessons == [
        (1, "category", 1, "water", WORKER_ID),
        (3, "cancel", 0, None, WORKER_ID),
        (2, "category", 1, "property_service", ADMIN_ID),
    ], lessons
    assert taught == len(lessons)  # the running bot learned what a restart reads back
    events = rows(config, "SELECT ticket_id, action, detail FROM events "
                          "WHERE action IN ('category', 'cancel') ORDER BY id")  # fmt: skip
    assert events == [
        (1, "category", "lift→water"),
        (3, "cancel", "闲聊，不是诉求"),
        (2, "category", "sanitation→property_service"),
    ], events


async def test_garbage_in_private_is_answered_as_in_the_group(fake, run_bot, config):
    """A number that is no ticket, words instead of a number, a category missing or unknown,
    a ticket done or withdrawn already: the worker in private reads what he would read in the
    ticket's group, word for word, and nothing changes."""
    wang = fake.person(WORKER_ID, "网格员小王")
    three, five = fake.group(THREE, "3栋业主群"), fake.group(FIVE, "5栋业主群")
    garbage = (  # each as said in private, then in the group of its ticket
        ("/category abc", three),
        ("/category 1", three),
        ("/category 1 灯泡", three),
        ("/category 99999 lift", three),
        ("/category 1 lift", three),  # the category it has
        ("/cancel", three),
        ("/cancel abc", three),
        ("/cancel 99999", three),
        ("/cancel 2 不是诉求", five),  # done
        ("/cancel 3", five),  # withdrawn already, by its reporter
    )
    async with run_bot() as app:
        await three_tickets_in_two_groups(fake, app)
        fake.say(five, wang, "/done 2 已清运")
        fake.say(five, fake.person(3, "王姐"), "/cancel 3 发错了")
        await settle(app, fake)
        events = rows(config, "SELECT count(*) FROM events")
        pairs = []
        for command, group in garbage:
            fake.say(fake.private(wang), wang, command)
            fake.say(group, wang, command)
            await settle(app, fake)
            pairs.append((texts_in(fake, WORKER_ID)[-1], texts_in(fake, group["id"])[-1]))
    assert rows(config, "SELECT count(*) FROM events") == events  # nothing changed
    assert len(texts_in(fake, WORKER_ID)) == len(garbage)
    for (command, _), (in_private, in_group) in zip(garbage, pairs, strict=True):
        assert in_private == in_group, (command, in_private, in_group)
    said = [in_private for in_private, _ in pairs]
    assert said[0].startswith("用法：/category 编号 类别") and said[1] == said[0]
    assert said[2] == "“灯泡”不是类别，是不是要发 /category 1 照明？"  # as the bot reads it
    assert said[3].startswith("没有找到 #99999") and said[7] == said[3]
    assert said[4] == "#1【电梯】3栋2单元 已经是这个类别了，不用再更正。"
    assert said[5].startswith("用法：/cancel 编号") and said[6] == said[5]
    assert said[8].endswith("目前已办结，不能撤销。"), said[8]
    assert said[9].endswith("已撤销，不用再撤销。"), said[9]
    assert rows(config, "SELECT id, status FROM tickets ORDER BY id") == [
        (1, "open"), (2, "done"), (3, "cancelled"),
    ]  # fmt: skip


async def test_a_group_that_removed_the_bot_hears_when_it_is_added_back(fake, run_bot, config):
    """8栋's group removed the bot: the worker's /category and /cancel from private change the
    ticket now and say so, but not that the group was told — it hears when it adds the bot
    back."""
    eight, wang = fake.group(EIGHT, "8栋业主群"), fake.person(WORKER_ID, "网格员小王")
    private = fake.private(wang)
    async with run_bot() as app:
        fake.say(eight, fake.person(4, "赵大爷"), "8栋门口路灯不亮了 晚上黑")  # #1
        fake.say(eight, fake.person(5, "钱阿姨"), TRAFFIC)  # #2
        await settle(app, fake)
        fake.bot_membership(eight, "member", "kicked")
        fake.blocked.add(EIGHT)
        await settle(app, fake)
        fake.say(private, wang, "/category 1 power")
        fake.say(private, wang, "/cancel 2")
        await settle(app, fake)
        back = texts_in(fake, WORKER_ID)
        fake.blocked.discard(EIGHT)
        fake.bot_membership(eight, "left", "member")  # added back: what waited is posted
        await settle(app, fake)
    assert back == [
        "好的，#1【供电】8栋 类别已更正。机器人已不在「8栋业主群」，重新加入后补发通知。",
        "好的，#2【停车】 已撤销。机器人已不在「8栋业主群」，重新加入后补发通知。",
    ], back
    posted = texts_in(fake, EIGHT)
    assert "#1【供电】8栋 类别已更正，责任主体：物业工程部。" in posted, posted
    assert "#2【停车】 已撤销。" in posted, posted
    assert rows(config, "SELECT source FROM lessons ORDER BY id") == [("category",), ("cancel",)]


async def test_a_residents_cancel_in_private_points_her_to_her_group(fake, run_bot, config):
    """Her /cancel (and /category) in private changes nothing: she withdraws it in the group
    she raised it in, where the neighbours saw it filed; there it works."""
    zhang = fake.person(1, "张阿姨")
    async with run_bot() as app:
        await three_tickets_in_two_groups(fake, app)
        fake.say(fake.private(zhang), zhang, "/cancel 1 已经好了")
        fake.say(fake.private(zhang), zhang, "/category 1 water")
        await settle(app, fake)
        said = texts_in(fake, 1)
        assert rows(config, "SELECT status, category FROM tickets WHERE id = 1") == [
            ("open", "lift")
        ]
        fake.say(fake.group(THREE, "3栋业主群"), zhang, "/cancel 1 已经好了")
        await settle(app, fake)
        fake.say(fake.private(zhang), zhang, "/reopen 1 又坏了")  # hers too: in the group
        await settle(app, fake)
        assert rows(config, "SELECT status FROM tickets WHERE id = 1") == [("cancelled",)]
        assert rows(config, "SELECT count(*) FROM lessons") == [(0,)]  # residents teach nothing
        withdrawn = texts_in(fake, THREE)[-1]
        wang = fake.person(WORKER_ID, "网格员小王")
        fake.say(fake.private(wang), wang, "/reopen 1 电梯还是坏的")  # a worker's, from private
        await settle(app, fake)
    assert said[0] == "请在楼栋群里使用这个命令。", said
    assert said[1].startswith("抱歉，这个操作只有网格员可以做。"), said
    assert withdrawn == "#1【电梯】3栋2单元 已撤销（已经好了）。"
    assert texts_in(fake, 1)[2:] == ["请在楼栋群里使用这个命令。"]
    assert texts_in(fake, WORKER_ID) == [
        "好的，#1【电梯】3栋2单元 已重新办理，已在「3栋业主群」通知。"  # told back where
    ], texts_in(fake, WORKER_ID)
    assert rows(config, "SELECT status FROM tickets WHERE id = 1") == [("open",)]


async def test_a_replayed_private_category_and_cancel_act_and_answer_once(fake, run_bot, config):
    """The process died before it marked the worker's commands handled: at the next start
    they are handled again, and change, teach, tell the group and answer him nothing more."""
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        await three_tickets_in_two_groups(fake, app)
        fake.say(fake.private(wang), wang, "/category 1 water")
        fake.say(fake.private(wang), wang, "/cancel 3")
        await settle(app, fake)
    seen = {chat: texts_in(fake, chat) for chat in (THREE, FIVE, WORKER_ID)}
    kept = {
        table: rows(config, f"SELECT count(*) FROM {table}")
        for table in ("events", "lessons", "outbox")
    }
    assert len(seen[WORKER_ID]) == 2 and kept["lessons"] == [(2,)], (seen, kept)
    forget_handled(config)

    async with run_bot() as app:  # the start replays every update not marked handled
        await settle(app, fake)
        adapted = app.bot_data[SERVICES_KEY].classifier.adapted
        relearned = adapted.lessons if adapted is not None else 0

    assert {chat: texts_in(fake, chat) for chat in seen} == seen
    assert {table: rows(config, f"SELECT count(*) FROM {table}") for table in kept} == kept
    assert relearned == 2  # read back at the start, not learned again from the replay


async def test_a_workers_help_in_private_says_the_ticket_commands_work_there(fake, run_bot):
    """His /help in private names /category and /cancel with the commands that work there by
    number; a resident's does not offer them."""
    wang, zhang = fake.person(WORKER_ID, "网格员小王"), fake.person(1, "张阿姨")
    async with run_bot() as app:
        fake.say(fake.private(wang), wang, "/help")
        fake.say(fake.private(zhang), zhang, "/help")
        await settle(app, fake)
    help_for_him, help_for_her = texts_in(fake, WORKER_ID)[-1], texts_in(fake, 1)[-1]
    assert "/category /cancel" in help_for_him and "按编号办理各群的诉求" in help_for_him
    assert "/category" not in help_for_her and "/cancel" not in help_for_her, help_for_her
