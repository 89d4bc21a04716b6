-- Yuanzi schema, version 13: the supergroup a group became.
--
-- A group that became a supergroup is retired and everything of it moves to the new id. A
-- message the old group sent just before the move may still be handled after it (a command,
-- a complaint): it is taken as the supergroup's, with the old group's message numbers retired
-- as the move retired them (below -10^12).
ALTER TABLE chats ADD COLUMN moved_to INTEGER;
