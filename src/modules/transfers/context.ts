/** What every transfers function needs: passed explicitly, never imported globally. */
import type { Kysely } from 'kysely'
import type { BankConnector } from '../../adapters/bank/index.ts'
import type { Clock } from '../../adapters/clock/index.ts'
import type { SmsSender } from '../../adapters/sms/index.ts'
import type { SecretBox } from '../../shared/crypto.ts'
import type { CardsService } from '../cards/index.ts'
import type {
  ConfirmMethod,
  IdentityService,
  NoticeKind,
  SecurityService,
} from '../identity/index.ts'
import type { JobsService } from '../jobs/index.ts'
import type { Account, Ledger } from '../ledger/index.ts'
import type { Quota } from '../quota/index.ts'
import type { RecordsService } from '../records/index.ts'
import type { TransfersTables } from './transfers-tables.ts'

export interface TransferRules {
  /** One transfer moves at most this much (balance and card). */
  amountFenMax: number
  /** Per sender and Shanghai day: the amount and the number of transfers sent. */
  dailyFenMax: number
  dailyCountMax: number
  /** Not accepted (or claimed) within this long after arrival → back to the sender. */
  acceptWindowMs: number
  /** A transfer at or above this to someone never paid before gets a risk hint. */
  largeTransferFen: number
  /** Card transfers: 0.1% (per mille), at least 0.10 yuan, at most 25 yuan; 2 h arrival. */
  cardFeePerMille: number
  cardFeeMinFen: number
  cardFeeMaxFen: number
  cardArrivalHours: number
  /** Unsettled rows (crash, bank timeout) older than this are driven by the resolver. */
  resolveAfterMs: number
  /** The issue: a restricted account cannot receive transfers either. */
  restrictedMayReceive: boolean
}

export const DEFAULT_TRANSFER_RULES: TransferRules = {
  amountFenMax: 5_000_000,
  dailyFenMax: 20_000_000,
  dailyCountMax: 200,
  acceptWindowMs: 24 * 3600_000,
  largeTransferFen: 500_000,
  cardFeePerMille: 1,
  cardFeeMinFen: 10,
  cardFeeMaxFen: 2_500,
  cardArrivalHours: 2,
  resolveAfterMs: 30_000,
  restrictedMayReceive: false,
}

/** The delayed-arrival options (延时到账): real time, 2 hours, 24 hours. */
export const DELAY_HOURS_OPTIONS = [0, 2, 24] as const
export type DelayHours = (typeof DELAY_HOURS_OPTIONS)[number]

/** What the chat shows of a transfer in its bubble. */
export interface TransferCardSummary {
  amountFen: number
  note: string
  status: string
}

/**
 * The chat module's side (contacts and conversation cards), a port so transfers never wait on
 * it: the app plugs the chat service in; without one nobody is a contact and no card is posted.
 */
export interface TransferChat {
  areContacts(a: string, b: string): Promise<boolean>
  postCard(transfer: {
    senderId: string
    recipientId: string
    refId: string
    summary: TransferCardSummary
  }): Promise<void>
  updateCard(refId: string, summary: TransferCardSummary): Promise<void>
}

export const NO_CHAT: TransferChat = {
  areContacts: async () => false,
  postCard: async () => {},
  updateCard: async () => {},
}

export type TransfersDb = Kysely<TransfersTables>

export interface TransfersContext {
  db: TransfersDb
  clock: Clock
  ledger: Ledger
  /** The sender's and recipient's balance accounts. */
  balanceAccount(userId: string): Promise<Account>
  escrow: Account
  fees: Account
  identity: Pick<IdentityService, 'getUser' | 'findUserByPhone' | 'notify'>
  security: Pick<
    SecurityService,
    'confirmPayment' | 'recordBalancePayment' | 'verifyPaymentPassword'
  >
  cards: Pick<CardsService, 'cardForBank'>
  bank: BankConnector
  quota: Quota
  records: Pick<RecordsService, 'upsert'>
  jobs: Pick<JobsService, 'schedule'>
  sms: SmsSender
  secrets: SecretBox
  chat: TransferChat
  rules: TransferRules
  onResolveError?: (transferId: string, error: unknown) => void
}

export type NotifyKind = Extract<NoticeKind, `transfer_${string}`>

export interface PaymentInput {
  method: ConfirmMethod
  smsCode?: string
  ip?: string
}

/** The job kinds this module schedules (listed in src/shared/job-kinds.ts). */
export const TRANSFER_JOB = {
  arrive: 'transfers.arrive',
  expire: 'transfers.expire',
  resolve: 'transfers.resolve',
} as const
