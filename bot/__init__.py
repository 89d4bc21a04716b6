"""Yuanzi (院子): complaints in building group chats become tracked tickets."""

__version__ = "0.1.0"
