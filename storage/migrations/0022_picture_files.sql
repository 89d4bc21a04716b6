-- Yuanzi schema, version 22: pictures sent as files.
--
-- A resident may send her picture "as a file" (uncompressed: from a computer, or a phone's file
-- picker). It is kept like a photo, with its type (image/png …): Telegram sends it on as a
-- document, not as a photo, and the desk serves it as what it is. NULL: a photo.
ALTER TABLE photos ADD COLUMN mime TEXT;
