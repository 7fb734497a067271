-- Ranks compare byte by byte (SQLite). Keep in step with ../postgres/0009_rank_collation.sql.
-- SQLite's default collation (BINARY) already compares bytes; nothing changes here, the
-- version exists so both backends have the same migrations.
SELECT 1;
