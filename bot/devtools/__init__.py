"""Tools for developers, shipped so that `demo` and `bench` work from a wheel; the running bot
never imports them."""
