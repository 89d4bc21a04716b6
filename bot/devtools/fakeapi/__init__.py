"""A fake Telegram Bot API on 127.0.0.1 and the scripted world around it."""
