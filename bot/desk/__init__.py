"""The office desk: a small web application served by the bot's own process (aiohttp, Jinja2
templates, plain forms; no JavaScript build, no CDN). Another door into the same use cases."""
