-- Contacts and chat (issue 12 "Contacts and chat"), owned by src/modules/social: contact
-- requests and the contact list, one-to-one and group conversations, their members with what
-- each has read, and the messages — text, and the transfer and red-packet cards whose summary
-- the producing module (transfers, redpackets) owns and updates.
CREATE TABLE social_profiles (
  user_id text PRIMARY KEY,
  nickname text CHECK (length(nickname) BETWEEN 1 AND 32),
  -- Off: adding this user by phone answers "not found", exactly as for a number without a wallet.
  findable_by_phone boolean NOT NULL DEFAULT true,
  -- Claimed with each new contact (≤ the configured maximum), so the list stays bounded.
  contact_count integer NOT NULL DEFAULT 0 CHECK (contact_count >= 0),
  updated_at timestamptz NOT NULL
);

CREATE TABLE contact_requests (
  id text PRIMARY KEY,
  from_user_id text NOT NULL,
  to_user_id text NOT NULL,
  greeting text CHECK (length(greeting) <= 100),
  status text NOT NULL CHECK (status IN ('pending', 'accepted', 'declined')),
  created_at timestamptz NOT NULL,
  decided_at timestamptz,
  CHECK (from_user_id <> to_user_id)
);
-- One pending request per direction: asking again returns the same one.
CREATE UNIQUE INDEX contact_requests_pending ON contact_requests (from_user_id, to_user_id)
  WHERE status = 'pending';
CREATE INDEX contact_requests_to ON contact_requests (to_user_id, status, created_at DESC);

-- Two rows per pair (one per side), written and removed together.
CREATE TABLE social_contacts (
  user_id text NOT NULL,
  contact_user_id text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, contact_user_id),
  CHECK (user_id <> contact_user_id)
);

CREATE TABLE chat_conversations (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('direct', 'group')),
  -- 'direct' only: the two user ids sorted and joined, so a pair has one conversation.
  direct_key text UNIQUE,
  title text CHECK (length(title) BETWEEN 1 AND 40),
  created_by text NOT NULL,
  -- Claimed (≤ the configured group size) in the transaction that adds members.
  member_count integer NOT NULL CHECK (member_count >= 0),
  last_message_id bigint,
  -- The list's order: the last message's time, else the creation time.
  activity_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  CHECK ((kind = 'direct') = (direct_key IS NOT NULL))
);

CREATE TABLE chat_members (
  conversation_id text NOT NULL REFERENCES chat_conversations (id),
  user_id text NOT NULL,
  last_read_message_id bigint NOT NULL DEFAULT 0,
  joined_at timestamptz NOT NULL,
  PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX chat_members_user ON chat_members (user_id);

CREATE TABLE chat_messages (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES chat_conversations (id),
  sender_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('text', 'transfer', 'redpacket')),
  body text CHECK (length(body) <= 2000),
  -- Cards: the producer's id (a transfer, a red packet) and its small JSON summary.
  card_ref text CHECK (length(card_ref) BETWEEN 1 AND 100),
  card_summary jsonb,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((kind = 'text') = (body IS NOT NULL)),
  CHECK ((kind = 'text') = (card_ref IS NULL))
);
CREATE INDEX chat_messages_conversation ON chat_messages (conversation_id, id DESC);
-- A transfer or red packet is shown once: posting its card again returns the same message.
CREATE UNIQUE INDEX chat_messages_card ON chat_messages (kind, card_ref) WHERE card_ref IS NOT NULL;
