"""Photos sent around a message the bot was unsure of (研判) go with it when it is filed: the
sender's photo just before it and her photos just after, which had no ticket to go to yet
(review, session 27)."""

from __future__ import annotations

from bot.devtools.runner import settle
from tests.e2e.test_triage import UNSURE_FLOOD, workers_started
from tests.engines import rows
from tests.factories import WORKER_ID

GROUP = -8901


async def test_photos_around_an_unsure_message_go_with_it_when_it_is_filed(fake, run_bot, config):
    group, zhang, li = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨"), fake.person(2, "李叔")
    wang = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        await workers_started(app, fake, wang)
        before = fake.photo(group, li)
        fake.say(group, li, "水龙头好像有点问题")
        await settle(app, fake)
        said = fake.say(group, zhang, UNSURE_FLOOD)
        await settle(app, fake)
        after = fake.photo(group, zhang)
        replied = fake.photo(group, zhang, reply_to=said["message_id"])
        await settle(app, fake)
        first, second = [m for m in fake.bot_messages(WORKER_ID) if m.text.startswith("🤔 研判")]
        fake.press(first, wang, "triage:1:f")
        fake.press(second, wang, "triage:2:f")
        await settle(app, fake)
    photos = dict(rows(config, "SELECT message_id, ticket_id FROM photos"))
    assert photos[before["message_id"]] is not None, photos
    assert photos[after["message_id"]] is not None, photos
    assert photos[replied["message_id"]] is not None, photos
