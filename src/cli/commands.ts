/**
 * The commands that read or change the database: each parses its arguments, computes a result
 * object from CliServices and prints it. The computing half runs wherever the database is open —
 * in this process (`./data` opened directly, or PostgreSQL) or in the running server, reached
 * through the CLI bridge — and the printing half always runs here, so both print the same.
 */
import { parseArgs } from 'node:util'
import { type BankConnector, BankUnreachableError } from '../adapters/bank/index.ts'
import type { OutboxMessage } from '../adapters/sms/index.ts'
import type { Ledger, LedgerCheckReport } from '../modules/ledger/index.ts'
import type { MerchantsService, OnboardedMerchant } from '../modules/merchants/index.ts'
import type { RedPacketProof } from '../modules/redpackets/index.ts'
import type { MerchantApi } from '../modules/merchant-api/index.ts'
import { merchantCredentialsCommand } from './command-merchant-api.ts'
import { makeLuhnCardNumber } from '../shared/bank-card.ts'
import { type BusinessAccount, SPARE_BUSINESS_ACCOUNTS } from '../../demo/business-accounts.ts'
import { randomDigits, randomId } from '../shared/crypto.ts'
import { DomainError } from '../shared/errors.ts'
import { DEFAULT_MERCHANT_CATEGORY } from '../shared/merchant-categories.ts'
import { reconcileDay } from '../modules/reconciliation/index.ts'
import { isCalendarDate } from '../shared/calendar-date.ts'
import { formatFen } from '../shared/money.ts'
import { shanghaiDate } from '../shared/shanghai-time.ts'
import { bankUnreachableMessage } from './command-bank.ts'
import { CommandFailure } from './failure.ts'
import { redPacketVerifyCommand } from './redpacket-verify.ts'

/** What a command computes with: the same in this process and in the running server. */
export interface CliServices {
  ledger: Ledger
  outbox: { list(options: { phone?: string; limit: number }): Promise<OutboxMessage[]> }
  /** Applies pending migrations; the names applied. */
  migrate(): Promise<string[]>
  /** The bank reconcile compares with (in demo mode perhaps a simulator started for it). */
  bank(): Promise<BankConnector>
  /** Needs the data key (settlement cards are sealed), so it is opened only when asked for. */
  merchants(): Promise<MerchantsService>
  /** A red packet's fairness proof (`redpacket verify`). */
  redPacketProof(packetId: string): Promise<RedPacketProof>
  /** The v3 API credentials (sealed with the data key, like merchants). */
  merchantApi(): Promise<MerchantApi>
  nowMs(): number
}

type OptionSpec = { type: 'string' | 'boolean' }

export interface CliCommand<Result = unknown> {
  options: Record<string, OptionSpec>
  allowPositionals?: boolean
  run(services: CliServices, args: string[]): Promise<Result>
  /** Writes the result to stdout; the exit status. */
  print(result: Result, args: string[]): number
}

export function parseCommandArgs(
  command: Pick<CliCommand, 'options' | 'allowPositionals'>,
  args: string[],
) {
  return parseArgs({
    args,
    options: command.options,
    allowPositionals: command.allowPositionals === true,
    strict: true,
  })
}

/** A string option's value (the spec says which options are strings). */
function text(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined
}

function write(line: string): void {
  process.stdout.write(`${line}\n`)
}

const migrateCommand: CliCommand<{ applied: string[] }> = {
  options: {},
  run: async (services) => ({ applied: await services.migrate() }),
  print: ({ applied }) => {
    write(applied.length === 0 ? 'up to date' : `applied ${applied.join(', ')}`)
    return 0
  },
}

const ledgerCheckCommand: CliCommand<LedgerCheckReport> = {
  options: { json: { type: 'boolean' } },
  run: (services) => services.ledger.check(),
  print: (report, args) => {
    if (parseCommandArgs(ledgerCheckCommand, args).values.json === true) {
      write(JSON.stringify(report))
    } else {
      const { accounts, transfers, entries, openPending } = report.stats
      write(
        `checked ${accounts} accounts, ${transfers} transfers, ${entries} entries, ${openPending} open holds`,
      )
      for (const problem of report.problems) write(`PROBLEM ${problem}`)
      write(report.ok ? 'ledger ok' : `ledger BROKEN: ${report.problems.length} problems`)
    }
    return report.ok ? 0 : 1
  },
}

type Balance = Awaited<ReturnType<Ledger['getBalance']>>

const ledgerBalanceCommand: CliCommand<Balance> = {
  options: {},
  allowPositionals: true,
  run: async ({ ledger }, args) => {
    const reference = parseCommandArgs(ledgerBalanceCommand, args).positionals[0]
    if (reference === undefined)
      throw new CommandFailure('name an account: an id or owner_kind:owner_id:purpose', 2)
    let accountId = Number(reference)
    if (!Number.isSafeInteger(accountId)) {
      const [ownerKind, ownerId, ...purpose] = reference.split(':')
      const account = await ledger.findAccount({
        ownerKind: ownerKind as 'user' | 'merchant' | 'platform',
        ownerId: ownerId ?? '',
        purpose: purpose.join(':'),
        currency: 'CNY',
      })
      if (account === undefined) throw new CommandFailure(`no account ${reference}`, 2)
      accountId = account.id
    }
    return ledger.getBalance(accountId)
  },
  print: (balance) => {
    const posted = formatFen(balance.postedFen)
    write(JSON.stringify({ ...balance, posted, available: formatFen(balance.availableFen) }))
    return 0
  },
}

const smsTailCommand: CliCommand<OutboxMessage[]> = {
  options: { phone: { type: 'string' }, limit: { type: 'string' } },
  run: async ({ outbox }, args) => {
    const { values } = parseCommandArgs(smsTailCommand, args)
    const wanted = Number(text(values.limit) ?? 20)
    const limit = Number.isSafeInteger(wanted) ? Math.min(Math.max(wanted, 1), 200) : 20
    return outbox.list({
      limit,
      ...(text(values.phone) ? { phone: text(values.phone) as string } : {}),
    })
  },
  print: (messages) => {
    for (const message of [...messages].reverse()) {
      write(`${new Date(message.createdAtMs).toISOString()}  ${message.phone}  ${message.body}`)
    }
    if (messages.length === 0) write('(no messages)')
    return 0
  },
}

type ReconciliationReport = Awaited<ReturnType<typeof reconcileDay>>

const reconcileCommand: CliCommand<ReconciliationReport> = {
  options: { date: { type: 'string' }, json: { type: 'boolean' } },
  run: async (services, args) => {
    const given = text(parseCommandArgs(reconcileCommand, args).values.date)
    const date = given ?? shanghaiDate(services.nowMs())
    if (!isCalendarDate(date))
      throw new CommandFailure(`--date must be a calendar date YYYY-MM-DD, got ${date}`, 2)
    try {
      return await reconcileDay({ ledger: services.ledger, bank: await services.bank() }, date)
    } catch (error) {
      if (error instanceof BankUnreachableError)
        throw new CommandFailure(bankUnreachableMessage(error), 2)
      throw error
    }
  },
  print: (report, args) => {
    if (parseCommandArgs(reconcileCommand, args).values.json === true) {
      write(JSON.stringify(report))
    } else {
      write(
        `reconciliation ${report.date}: wallet ${report.walletMovements}, bank ${report.bankMovements}, matched ${report.matched}`,
      )
      for (const mismatch of report.mismatches) {
        write(
          `MISMATCH ${mismatch.problem} ${mismatch.requestId} wallet=${mismatch.walletAmountFen ?? '-'} bank=${mismatch.bankAmountFen ?? '-'}`,
        )
      }
      write(`${report.mismatches.length} mismatches`)
    }
    return report.mismatches.length > 0 ? 1 : 0
  },
}

type MerchantCreated = OnboardedMerchant & { settlementCardGenerated: boolean }

const merchantCreateCommand: CliCommand<MerchantCreated> = {
  options: {
    name: { type: 'string' },
    'legal-name': { type: 'string' },
    category: { type: 'string' },
    card: { type: 'string' },
    key: { type: 'string' },
    'fee-bp': { type: 'string' },
    json: { type: 'boolean' },
  },
  run: async (services, args) => {
    const { values } = parseCommandArgs(merchantCreateCommand, args)
    const storeName = text(values.name)?.trim()
    if (!storeName) throw new CommandFailure('--name is required (the store name)', 2)
    const feeText = text(values['fee-bp'])
    const feeRateBp = feeText === undefined ? undefined : Number(feeText)
    // Without --card: one of the open business accounts the bundled bank simulator holds, so
    // settlement can pay the merchant out (demo/business-accounts.ts).
    const spare = SPARE_BUSINESS_ACCOUNTS[Number(randomDigits(6)) % SPARE_BUSINESS_ACCOUNTS.length]
    const card = text(values.card) ?? (spare as BusinessAccount).card.cardNumber
    try {
      const onboarded = await (
        await services.merchants()
      ).onboard(
        { kind: 'system' },
        {
          creationKey: text(values.key) ?? randomId('cli', 16),
          legalName: text(values['legal-name']) ?? storeName,
          storeName,
          category: text(values.category) ?? DEFAULT_MERCHANT_CATEGORY,
          settlementCardNumber: card,
          feeRateBp,
        },
      )
      return { ...onboarded, settlementCardGenerated: text(values.card) === undefined }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      const field = (error.details as { field?: string } | undefined)?.field
      throw new CommandFailure(
        `${error.code}${field ? ` (${field})` : ''}: ${error.localized.en}`,
        2,
      )
    }
  },
  print: (result, args) => {
    if (parseCommandArgs(merchantCreateCommand, args).values.json === true) {
      write(JSON.stringify(result))
      return 0
    }
    const { merchant, owner } = result
    write(`${result.created ? 'created' : 'exists'} merchant ${merchant.id} ${merchant.storeName}`)
    const card = `${merchant.settlementCard.bankCode} ${merchant.settlementCard.masked}`
    write(`settlement card ${card}${result.settlementCardGenerated ? ' (generated)' : ''}`)
    write(`fee rate ${merchant.feeRateBp} bp, category ${merchant.category}`)
    write(`owner sign-in: ${owner.username} / ${owner.password ?? '(shown when first created)'}`)
    return 0
  },
}

/** Every database command by its name on the command line (`ledger check`). */
export const DATABASE_COMMANDS: Record<string, CliCommand> = {
  migrate: migrateCommand,
  'ledger check': ledgerCheckCommand,
  'ledger balance': ledgerBalanceCommand,
  'sms tail': smsTailCommand,
  reconcile: reconcileCommand,
  'merchant create': merchantCreateCommand,
  'redpacket verify': redPacketVerifyCommand,
  'merchant credentials': merchantCredentialsCommand as CliCommand,
}
