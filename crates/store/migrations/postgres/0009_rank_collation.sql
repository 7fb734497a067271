-- Ranks compare byte by byte (PostgreSQL). Keep in step with ../sqlite/0009_rank_collation.sql.
-- A card's and a column's place is a rank string ordered as bytes; under the server's locale
-- ('sv_SE', 'en_US'…) PostgreSQL would order some of them differently from SQLite and from the
-- rank arithmetic, so the order of a column would depend on the server.
ALTER TABLE tasks ALTER COLUMN rank TYPE TEXT COLLATE "C";
ALTER TABLE board_columns ALTER COLUMN rank TYPE TEXT COLLATE "C";
