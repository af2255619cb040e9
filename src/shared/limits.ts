/**
 * @module limits
 * A limit on everything (TigerStyle). Every bound the system relies on is named here with its
 * unit last, so it can be found, reasoned about and tested.
 */
export const LIMITS = {
  /** One transfer leg may move at most 10^12 fen (10 billion yuan): far above any real payment. */
  transferAmountFenMax: 1_000_000_000_000,
  /** Legs per transfer (a payment with fee and split is 2–4 legs). */
  transferLegsMax: 16,
  /** Transfers per batch call; matches the biggest benchmark batch with room to spare. */
  transferBatchMax: 4096,
  /** Idempotency keys are client-chosen; bounded so the unique index stays small. */
  idempotencyKeyLengthMax: 128,
  /** Metadata is for references (order numbers, card last 4), not documents. */
  transferMetadataBytesMax: 4096,
  /** A pending transfer must resolve within 30 days at most. */
  pendingTimeoutMsMax: 30 * 24 * 3600 * 1000,
  /** Page size for entry and record listings. */
  pageSizeMax: 200,
  /** Retries of a whole batch after a deadlock or serialization failure. */
  databaseRetryMax: 5,
  /** Expired pending transfers voided per sweep call. */
  expirySweepBatchMax: 1000,
  /** Request bodies; wallet requests are small JSON documents. */
  httpBodyBytesMax: 64 * 1024,
} as const
