-- Yuanzi schema, version 11 (PostgreSQL): a report filed by a worker or admin is no household.
--
-- A grid worker who files a problem in their own words (/new 3栋门口垃圾桶满了, heard on the
-- phone) is recorded as its reporter, but is not a household affected by it: not counted in
-- 反映户数, not asked whether the work is done to their liking, and no verdict of theirs counts
-- towards 满意率 (a worker would be rating their own work).
ALTER TABLE reports ADD COLUMN staff INTEGER NOT NULL DEFAULT 0;
