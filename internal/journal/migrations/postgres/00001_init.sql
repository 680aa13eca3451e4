-- The journal's first schema. Times are timestamptz (microseconds, read
-- back as UTC). Every text column is NOT NULL with '' for "none", except
-- questions.user_hash, which is NULL when who asked is not recorded (no
-- CALLBOT_RECORD_KEY). candidates is JSON array text,
-- [{"id":…,"score":…}], '[]' when none: text, not jsonb, so both dialects
-- read back the same bytes.

-- +goose Up
CREATE TABLE questions (
	id          text             NOT NULL PRIMARY KEY,
	time        timestamptz      NOT NULL,
	guild_id    text             NOT NULL DEFAULT '',
	channel_id  text             NOT NULL DEFAULT '',
	user_hash   text,
	text        text             NOT NULL DEFAULT '',
	lang        text             NOT NULL DEFAULT '',
	kind        text             NOT NULL DEFAULT '',
	transport   text             NOT NULL DEFAULT '',
	entry_id    text             NOT NULL DEFAULT '',
	refusal     text             NOT NULL DEFAULT '',
	confidence  double precision NOT NULL DEFAULT 0,
	candidates  text             NOT NULL DEFAULT '[]',
	picked_from text             NOT NULL DEFAULT ''
);
CREATE INDEX questions_time ON questions (time);
CREATE INDEX questions_guild_time ON questions (guild_id, time);

-- One vote per member per answer: the primary key is what the upsert hits.
CREATE TABLE votes (
	question_id text        NOT NULL,
	user_hash   text        NOT NULL,
	entry_id    text        NOT NULL DEFAULT '',
	guild_id    text        NOT NULL DEFAULT '',
	time        timestamptz NOT NULL,
	verdict     text        NOT NULL,
	reason      text        NOT NULL DEFAULT '',
	comment     text        NOT NULL DEFAULT '',
	PRIMARY KEY (question_id, user_hash)
);
CREATE INDEX votes_time ON votes (time);
CREATE INDEX votes_guild_time ON votes (guild_id, time);

-- +goose Down
DROP TABLE votes;
DROP TABLE questions;
