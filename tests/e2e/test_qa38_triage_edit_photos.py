"""Her photo of the problem, sent just before words the bot was unsure of, goes with the ticket
when she edits those words into a plain complaint, or a worker files them with /new as a reply
— as it does when 登记 or the clock files them (QA round 38)."""

from __future__ import annotations

from bot.devtools.runner import settle
from tests.e2e.test_triage import UNSURE_FLOOD, workers_started
from tests.engines import rows
from tests.factories import WORKER_ID

GROUP = -38201


async def test_her_photo_goes_with_her_waiting_words_edited_into_a_complaint(fake, run_bot, config):
    """张阿姨 sends a photo of her flooded garden, then "我家菜地里头全是水" (研判); a minute later
    she edits it to say the pipe burst. Filed at once — but her photo stayed loose, to be
    forgotten after a day, while a worker's 登记 would have given it to the ticket."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    async with run_bot() as app:
        await workers_started(app, fake, fake.person(WORKER_ID, "网格员小王"))
        photo = fake.photo(group, zhang)
        said = fake.say(group, zhang, UNSURE_FLOOD)
        await settle(app, fake)
        assert rows(config, "SELECT state FROM triage") == [("pending",)]
        fake.edit(said, "3栋楼下水管爆了 我家菜地里头全是水")
        await settle(app, fake)
    assert rows(config, "SELECT state, ticket_id FROM triage") == [("filed", 1)]
    photos = dict(rows(config, "SELECT message_id, ticket_id FROM photos"))
    assert photos[photo["message_id"]] == 1, photos


async def test_her_photo_goes_with_her_waiting_words_a_worker_files_with_new(fake, run_bot, config):
    """The same photo and words, filed by 小王's /new as a reply to her words while they wait:
    her photo went with 登记, but not with /new."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        await workers_started(app, fake, wang)
        photo = fake.photo(group, zhang)
        said = fake.say(group, zhang, UNSURE_FLOOD)
        await settle(app, fake)
        fake.say(group, wang, "/new", reply_to=said)
        await settle(app, fake)
    assert rows(config, "SELECT state, ticket_id FROM triage") == [("filed", 1)]
    photos = dict(rows(config, "SELECT message_id, ticket_id FROM photos"))
    assert photos[photo["message_id"]] == 1, photos
