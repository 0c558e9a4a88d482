-- Entering interviews is a right of its own: the interviewer role (within its unit's subtree when it has a unit)
-- and the API key scope interviews. Analysts and other keys may no longer attribute a rating to an interview.
/* [jooq ignore start] */
alter table app_user drop constraint app_user_role;
alter table app_user add constraint app_user_role
    check (role in ('admin', 'analyst', 'agency_manager', 'interviewer'));

alter table api_key drop constraint api_key_scopes;
alter table api_key add constraint api_key_scopes
    check (scopes <@ array['invitations', 'import', 'read', 'interviews']::varchar[] and cardinality(scopes) > 0);
/* [jooq ignore stop] */
