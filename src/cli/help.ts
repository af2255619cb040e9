/** What `lingqian --help` and `lingqian <command> --help` print. */

export const USAGE = `usage: lingqian <command> [options]   (lingqian <command> --help for its options)
  serve [--port N] [--host H] [--dev]   run the wallet server (PORT, HOST, LQ_DATA_DIR, DATABASE_URL)
  migrate                               apply database migrations
  ledger check [--json]                 verify the ledger's invariants (exit 1 when broken)
  ledger balance <account>              show an account's balance; <account> is an id or
                                        owner_kind:owner_id:purpose (e.g. platform:platform:fees)
  sms tail [--phone P] [--limit N]      show the newest messages in the offline SMS outbox
  reconcile [--date YYYY-MM-DD] [--json]
                                        compare the day's bank movements with the bank statement
                                        (BANK_URL); exit 1 when there are mismatches
  merchant create --name N [--category C] [--json]
                                        onboard a merchant; prints its mchid and owner sign-in
  merchant credentials <mchid> [--platform-key-mode pubkey|cert] [--public-key-file F]
                                        its WeChat Pay v3 API keys as one JSON object
  redpacket verify <id> [--json]        recompute every share of a finished red packet from its
                                        revealed seed (exit 1 when anything does not match)

While \`serve\` runs on the embedded database (LQ_DATA_DIR), the other commands are answered
by the running server; with it stopped they open the data directory themselves.`

const COMMAND_HELP: Record<string, string> = {
  serve: `usage: lingqian serve [--port N] [--host H] [--dev] [--sandbox]
  Runs the wallet server (web apps, API, background jobs).
  --port N   listen on port N (default PORT or 3000)
  --host H   listen on address H (default HOST or 127.0.0.1)
  --dev      demo mode: demo data, developer pages and the bundled bank simulator (as LQ_DEV=1)
  --sandbox  the WeChat Pay v3 sandbox: /sandbox/v1 routes, notify_url on 127.0.0.1, today's
             bills (as LQ_SANDBOX=1; never in production)`,
  migrate: `usage: lingqian migrate
  Applies the database migrations not applied yet (migrations/*.sql, each once, checksummed).`,
  'ledger check': `usage: lingqian ledger check [--json]
  Verifies the ledger's invariants; exit status 1 with the problems when anything is broken.
  --json     print the report as one JSON line`,
  'ledger balance': `usage: lingqian ledger balance <account>
  Shows an account's balance as JSON. <account> is an id or owner_kind:owner_id:purpose,
  e.g. platform:platform:fees or user:<user id>:balance.`,
  'sms tail': `usage: lingqian sms tail [--phone P] [--limit N]
  Shows the newest messages in the offline SMS outbox (demo codes), oldest first.
  --phone P  only messages to phone number P
  --limit N  at most N messages (1–200, default 20)`,
  reconcile: `usage: lingqian reconcile [--date YYYY-MM-DD] [--json]
  Compares the wallet's bank movements of a Shanghai day with the bank's statement; lists every
  mismatch and ends with "N mismatches"; exit status 1 when N > 0. The bank is BANK_URL; unset,
  the bundled simulator: the running server's, or in demo mode one started for this command.
  --date D   the day (default today in Shanghai)
  --json     print the report as one JSON line`,
  'merchant create': `usage: lingqian merchant create --name N [--category C] [--legal-name L] [--card NUMBER]
                                [--fee-bp BP] [--key K] [--json]
  Onboards a merchant: its ledger accounts (pending, settled, fees) and an owner account for the
  merchant console. Prints the mchid and the owner's sign-in; the password is shown only here.
  --name N        the store name (also the legal name unless --legal-name)
  --category C    a category code (default 5999 other retail; see src/shared/merchant-categories.ts)
  --card NUMBER   the settlement debit card; unset, a generated simulator card (demo only)
  --fee-bp BP     the platform fee rate in basis points (default 60 = 0.6 %)
  --key K         a creation key: the same key again returns that merchant, no second one
  --json          print the result as one JSON line`,
  'merchant credentials': `usage: lingqian merchant credentials <mchid> [--platform-key-mode pubkey|cert]
                                     [--public-key-file F] [--rotate-platform-key]
                                     [--bill-download-host server|official] [--json]
  Prints the merchant's WeChat Pay API v3 credentials as one JSON object: mchid, appid,
  apiv3_key, merchant_serial_no, merchant_certificate_pem, platform_key_id, platform_key_pem
  (and every valid platform key). The first call creates them; only that call prints
  merchant_private_key_pem (kept nowhere else: store it safely).
  --platform-key-mode M   pubkey (a PUB_KEY_ID_… public key, the default) or cert (a platform
                          certificate, served by /v3/certificates); switches the default key
  --public-key-file F     the merchant's own RSA-2048 public key (absolute path, first call only):
                          no private key is generated
  --rotate-platform-key   a new platform key becomes the default; older ones stay valid
  --bill-download-host H  server (our public URL, the default) or official: bill download_urls
                          name https://api.mch.weixin.qq.com, which wechatpay-node-v3's
                          downloadBill needs to sign correctly (its transport rewrites the host)
  --json                  (the output is JSON either way)`,
  'redpacket verify': `usage: lingqian redpacket verify <id> [--json]
  Checks a finished or expired red packet: SHA-256(seed ‖ id) against the commitment published
  at send time, every share recomputed from the seed in opening order (algorithm lq-redpacket-v1,
  see the README), each compared with what the ledger credited. Exit status 1 on any mismatch.
  The same check stand-alone: node scripts/verify-redpacket.mjs proof.json
  --json     print the result as one JSON line`,
}

/** The help for a command, or undefined for a name that is no command. */
export function commandHelp(name: string): string | undefined {
  return Object.hasOwn(COMMAND_HELP, name) ? COMMAND_HELP[name] : undefined
}

/** `--help` or `-h` among the arguments (before a `--`). */
export function asksForHelp(args: string[]): boolean {
  const end = args.indexOf('--')
  const options = end < 0 ? args : args.slice(0, end)
  return options.includes('--help') || options.includes('-h')
}
