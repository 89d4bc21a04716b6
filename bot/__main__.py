"""`python -m bot <command>` (also installed as `yuanzi`): see `bot.cli.main`."""

import sys

from bot.cli.main import main

sys.exit(main())
