-- Imports of responses exported by other systems (CSV or XLSX).

-- The source system's id of every imported response (response.external_id holds it too). Unpartitioned,
-- so the id is unique across years and agencies, which a unique key on the partitioned response table
-- could not be without its partition key: importing the same file twice adds nothing, and two imports
-- of one file at once store each response once.
create table imported_response (
    external_id  varchar primary key,
    imported_at  timestamptz not null default now()
);
