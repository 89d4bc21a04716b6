"""Every sentence the bot says, escaped and masked in one place: one way in.

`from bot import texts` — `texts.Texts` (sentences that need the deployment's category names
and time zone), fixed sentences such as `texts.NOT_WORKER`, helpers such as `texts.echo`:

- `format`: times, ages, people, statuses and residents' own words (escaped, masked);
- `fit`: a long message kept within Telegram's length (its head and newest lines);
- `replies`: what the bot answers in chats (`details`: how a ticket is named and shown;
  `worklists`: 督办, reminders and the private lists /mine and /todo);
- `refusals`: every refusal of a command or a button, politely;
- `sentences`: the fixed sentences of the chat (usage, refusals, short answers);
- `digest`: the daily digest and the weekly look back;
- `ledger`: the ledger's columns, file names, captions and the monthly summary;
- `charts`: the words on the pictures;
- `menu`: the command menus and the words on buttons;
- `desk`: the office desk's pages (errors, search and sorting among them);
- `urgent`: when someone may get hurt now: the safety line, the alerts;
- `verdicts`: each household's verdict on a done ticket;
- `triage`: 研判, when the classifier is unsure and a worker judges;
- `photos`: residents' photos kept with their tickets.

Each module lists what it offers in its `__all__`; this package offers all of it.
"""

from bot.texts import charts as _charts
from bot.texts import desk as _desk
from bot.texts import details as _details
from bot.texts import digest as _digest
from bot.texts import fit as _fit
from bot.texts import format as _format
from bot.texts import ledger as _ledger
from bot.texts import menu as _menu
from bot.texts import photos as _photos
from bot.texts import refusals as _refusals
from bot.texts import replies as _replies
from bot.texts import sentences as _sentences
from bot.texts import triage as _triage
from bot.texts import urgent as _urgent
from bot.texts import verdicts as _verdicts
from bot.texts import worklists as _worklists
from bot.texts.charts import *  # noqa: F403
from bot.texts.desk import *  # noqa: F403
from bot.texts.details import *  # noqa: F403
from bot.texts.digest import *  # noqa: F403
from bot.texts.fit import *  # noqa: F403
from bot.texts.format import *  # noqa: F403
from bot.texts.ledger import *  # noqa: F403
from bot.texts.menu import *  # noqa: F403
from bot.texts.photos import *  # noqa: F403
from bot.texts.refusals import *  # noqa: F403
from bot.texts.replies import *  # noqa: F403
from bot.texts.sentences import *  # noqa: F403
from bot.texts.triage import *  # noqa: F403
from bot.texts.urgent import *  # noqa: F403
from bot.texts.verdicts import *  # noqa: F403
from bot.texts.worklists import *  # noqa: F403

__all__: list[str] = []
__all__ += _charts.__all__
__all__ += _desk.__all__
__all__ += _details.__all__
__all__ += _digest.__all__
__all__ += _fit.__all__
__all__ += _format.__all__
__all__ += _ledger.__all__
__all__ += _menu.__all__
__all__ += _photos.__all__
__all__ += _refusals.__all__
__all__ += _replies.__all__
__all__ += _sentences.__all__
__all__ += _triage.__all__
__all__ += _urgent.__all__
__all__ += _verdicts.__all__
__all__ += _worklists.__all__
