-- Trigram indexes for searching the stock (brand, model, serial). pg_trgm is a trusted extension: the
-- database's owner may create it. The embedded PGlite loads it in src/db/connection.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
