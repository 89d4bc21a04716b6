"""Everything that needs python-telegram-bot or asyncio plumbing: durable polling, posting,
the schedule, the services and the use cases."""
