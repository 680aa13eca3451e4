-- The journal's first schema. Times are UTC unix microseconds (INTEGER:
-- compact, and compared as numbers). Every text column is NOT NULL with ''
-- for "none", except questions.user_hash, which is NULL when who asked is
-- not recorded (no CALLBOT_RECORD_KEY). candidates is a JSON array,
-- [{"id":…,"score":…}], '[]' when none.

-- +goose Up
CREATE TABLE questions (
	id          TEXT    NOT NULL PRIMARY KEY,
	time        INTEGER NOT NULL,
	guild_id    TEXT    NOT NULL DEFAULT '',
	channel_id  TEXT    NOT NULL DEFAULT '',
	user_hash   TEXT,
	text        TEXT    NOT NULL DEFAULT '',
	lang        TEXT    NOT NULL DEFAULT '',
	kind        TEXT    NOT NULL DEFAULT '',
	transport   TEXT    NOT NULL DEFAULT '',
	entry_id    TEXT    NOT NULL DEFAULT '',
	refusal     TEXT    NOT NULL DEFAULT '',
	confidence  REAL    NOT NULL DEFAULT 0,
	candidates  TEXT    NOT NULL DEFAULT '[]',
	picked_from TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX questions_time ON questions (time);
CREATE INDEX questions_guild_time ON questions (guild_id, time);

-- One vote per member per answer: the primary key is what the upsert hits.
CREATE TABLE votes (
	question_id TEXT    NOT NULL,
	user_hash   TEXT    NOT NULL,
	entry_id    TEXT    NOT NULL DEFAULT '',
	guild_id    TEXT    NOT NULL DEFAULT '',
	time        INTEGER NOT NULL,
	verdict     TEXT    NOT NULL,
	reason      TEXT    NOT NULL DEFAULT '',
	comment     TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (question_id, user_hash)
);
CREATE INDEX votes_time ON votes (time);
CREATE INDEX votes_guild_time ON votes (guild_id, time);

-- +goose Down
DROP TABLE votes;
DROP TABLE questions;
