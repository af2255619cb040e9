-- The relying party (host name) each passkey was enrolled for: a passkey made on localhost
-- cannot sign for wallet.example.com, so the wallet lists it as not usable there and leaves it
-- out of that host's payment challenges. Passkeys enrolled before this column have no record
-- (NULL) and are offered everywhere, as before.
ALTER TABLE passkeys ADD COLUMN rp_id text CHECK (rp_id IS NULL OR length(rp_id) BETWEEN 1 AND 253);
