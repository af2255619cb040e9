-- The admin console's audit log filters (action, actor, time) over the whole log, newest first
-- by id: without these each filtered page scans the log. The user filter has audit_log_user.

CREATE INDEX audit_log_action ON audit_log (action, id DESC);
CREATE INDEX audit_log_actor ON audit_log (actor_id, id DESC) WHERE actor_id IS NOT NULL;
CREATE INDEX audit_log_created_at ON audit_log (created_at);
