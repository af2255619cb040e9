/**
 * @module cards
 * The cards the simulated banks hold for the residents of `residents.ts`: the bank simulator
 * loads them on its first start. Deterministic, like the residents.
 *
 * Demo cards (amounts in yuan; credit cards show expiry/CVN; holder = demo resident's phone):
 *
 * | holder | card number | bank | type | state | money | demonstrates |
 * | --- | --- | --- | --- | --- | --- | --- |
 * | 张伟 13800000001 | 6222020000000000018 | ICBC | debit | ACTIVE | balance ¥50,000 | happy path: bind, top up, withdraw |
 * | 张伟 13800000001 | 6225750000000014 | CMB | credit | ACTIVE | limit ¥30,000, owes ¥0, exp 12/30, CVN 123 | credit card: pay, repay; top-up refused |
 * | 张伟 13800000001 | 6217000000000000012 | CCB | debit | CANCELLED | balance ¥0 | CARD_CANCELLED (已注销): use another card |
 * | 张伟 13800000001 | 6227600000000019 | BOC | credit | EXPIRED | limit ¥20,000, owes ¥0, exp 08/25, CVN 456 | CARD_EXPIRED (已过期): ask the bank for a new card |
 * | 张伟 13800000001 | 6228480000000000018 | ABC | debit | ONLINE_DISABLED | balance ¥10,000 | CARD_ONLINE_DISABLED: enable online payments |
 * | 张伟 13800000001 | 6222620000000000012 | BOCOM | debit | LOCAL_ONLY | balance ¥10,000 | CARD_LOCAL_ONLY (本地卡): not usable online |
 * | 张伟 13800000001 | 6222300000000011 | ICBC | credit | FROZEN | limit ¥50,000, owes ¥1,200, exp 10/29, CVN 789 | CARD_FROZEN: call the bank |
 * | 张伟 13800000001 | 4367420000000000019 | CCB | debit | ACTIVE | balance ¥20,000 | BANK_LIMIT_EXCEEDED: ¥500 per debit, ¥1,000 a day |
 * | 李娜 13800000002 | 6217000000000000020 | CCB | debit | ACTIVE | balance ¥8,000 | ordinary debit card |
 * | 李娜 13800000002 | 6227600000000027 | BOC | credit | ACTIVE | limit ¥50,000, owes ¥0, exp 06/29, CVN 234 | ordinary credit card |
 * | 王芳 13800000003 | 6228480000000000026 | ABC | debit | ACTIVE | balance ¥100 | INSUFFICIENT_FUNDS above ¥100 |
 * | 刘洋 13800000004 | 6222620000000000020 | BOCOM | debit | ACTIVE | balance ¥5,000 | CARD_PHONE_MISMATCH: reserved 13900000004 |
 * | 刘洋 13800000004 | 6212260000000000018 | ICBC | debit | ACTIVE | balance ¥5,000 | same holder, phone matches |
 * | 陈静 13800000005 | 6225880000000019 | CMB | debit | ACTIVE | balance ¥3,000 | ordinary debit card |
 * | 陈静 13800000005 | 4392250000000017 | CMB | credit | ACTIVE | limit ¥10,000, owes ¥9,800, exp 03/28, CVN 345 | INSUFFICIENT_FUNDS: ¥200 of credit left |
 * | 杨帆 13800000006 | 6215580000000000014 | ICBC | debit | ACTIVE | balance ¥2,000,000 | bank quick-pay limits (ICBC ¥50,000/debit and /day) |
 * | 黄敏 13800000008 | 6217850000000000013 | BOC | debit | ACTIVE | balance ¥12,000 | ordinary debit card |
 * | 黄敏 13800000008 | 6226750000000013 | CCB | credit | ACTIVE | limit ¥20,000, owes ¥0, exp 11/29, CVN 567 | ordinary credit card |
 * | 周杰 13800000009 | 6228360000000019 | ABC | credit | ACTIVE | limit ¥15,000, owes ¥3,500, exp 09/28, CVN 678 | repay ¥3,500 |
 * | 周杰 13800000009 | 6222600000000000016 | BOCOM | debit | ACTIVE | balance ¥6,000 | ordinary debit card |
 * | 吴秀英 13800000010 | 4563510000000000014 | BOC | debit | ACTIVE | balance ¥30,000 | elderly holder |
 * | 孙小雨 13800000011 | 6222020000000000026 | ICBC | debit | ACTIVE | balance ¥500 | minor's card, low limits |
 * | 徐子轩 13800000012 | 6217000000000000038 | CCB | debit | ACTIVE | balance ¥2,000 | 16-year-old's card |
 *
 * Card numbers no bank holds, for the failure paths before and at the bank:
 *
 * | card number | what happens |
 * | --- | --- |
 * | 6222020000009999996 | ICBC BIN, Luhn-valid, unknown to the bank: CARD_NOT_FOUND |
 * | 6221880000000000019 | Postal Savings Bank (邮储) debit: bank not supported, CARD_NOT_SUPPORTED |
 * | 6212269900000000010 | ICBC prepaid card (预付卡): card kind not supported, CARD_NOT_SUPPORTED |
 * | 6228200000000017 | ABC semi-credit card (准贷记卡): CARD_NOT_SUPPORTED |
 * | 4111111111111111 | foreign Visa test number: BIN unknown |
 * | 6222020000000000019 | 张伟's ICBC card with the last digit mistyped: fails the Luhn check |
 *
 * Besides the per-card limits above, each bank applies its own quick-pay (快捷支付) limits to
 * debits (see `bank-sim/banks.ts`). All other residents hold one active debit card, and about
 * 40% also an active credit card, with their own phone as the reserved phone.
 *
 * `bank-sim/demo-population.test.ts` checks that these tables match the data below.
 */
import { assert } from '../src/shared/assert.ts'
import {
  type CardType,
  type SupportedBankCode,
  BIN_TABLE,
  lookupBin,
  makeLuhnCardNumber,
} from '../src/shared/bank-card.ts'
import { createPrng } from './prng.ts'
import { DEMO_RESIDENTS, RESIDENTS, demoResident } from './residents.ts'

export type CardState =
  'ACTIVE' | 'CANCELLED' | 'EXPIRED' | 'ONLINE_DISABLED' | 'LOCAL_ONLY' | 'FROZEN'

export const CARD_STATES: readonly CardState[] = [
  'ACTIVE',
  'CANCELLED',
  'EXPIRED',
  'ONLINE_DISABLED',
  'LOCAL_ONLY',
  'FROZEN',
]

interface CardRecordCommon {
  cardNumber: string
  bankCode: SupportedBankCode
  holderIdNumber: string
  /** The phone the holder registered at the bank (银行预留手机号); SMS codes go there. */
  reservedPhone: string
  state: CardState
  /** The holder's own per-transaction limit for online debits. */
  singleLimitFen: number
  /** The holder's own per-day limit for online debits (Asia/Shanghai days). */
  dailyLimitFen: number
}

export interface DebitCardRecord extends CardRecordCommon {
  cardType: 'DEBIT'
  balanceFen: number
}

export interface CreditCardRecord extends CardRecordCommon {
  cardType: 'CREDIT'
  /** 'MM/YY', printed on the card; the card works through the end of that month. */
  expiry: string
  /** The 3 digits on the back. The bank knows them; nobody else may store them. */
  cvn: string
  creditLimitFen: number
  /** Amount owed. May go negative: an overpayment (溢缴款) is credit the holder can spend. */
  usedFen: number
}

export type BankCardRecord = DebitCardRecord | CreditCardRecord

export interface DemoCard {
  card: BankCardRecord
  demonstrates: string
}

export function yuan(amountYuan: number): number {
  assert(Number.isSafeInteger(amountYuan * 100), 'yuan() takes whole or fen-exact amounts')
  return Math.round(amountYuan * 100)
}

/** Per-card limits for cards the holder never restricted: the bank's limits then apply. */
const DEFAULT_SINGLE_LIMIT_FEN = yuan(100_000)
const DEFAULT_DAILY_LIMIT_FEN = yuan(200_000)

type DemoCardSpec = {
  holderPhone: string
  bin: string
  seq: number
  state?: CardState
  reservedPhone?: string
  singleLimitFen?: number
  dailyLimitFen?: number
  demonstrates: string
} & (
  { balanceFen: number } | { creditLimitFen: number; usedFen: number; expiry: string; cvn: string }
)

const DEMO_CARD_SPECS: readonly DemoCardSpec[] = [
  // 张伟: one card in every state.
  {
    holderPhone: '13800000001',
    bin: '622202',
    seq: 1,
    balanceFen: yuan(50_000),
    demonstrates: 'happy path: bind, top up, withdraw',
  },
  {
    holderPhone: '13800000001',
    bin: '622575',
    seq: 1,
    creditLimitFen: yuan(30_000),
    usedFen: 0,
    expiry: '12/30',
    cvn: '123',
    demonstrates: 'credit card: pay, repay; top-up refused',
  },
  {
    holderPhone: '13800000001',
    bin: '621700',
    seq: 1,
    state: 'CANCELLED',
    balanceFen: 0,
    demonstrates: 'CARD_CANCELLED (已注销): use another card',
  },
  {
    holderPhone: '13800000001',
    bin: '622760',
    seq: 1,
    state: 'EXPIRED',
    creditLimitFen: yuan(20_000),
    usedFen: 0,
    expiry: '08/25',
    cvn: '456',
    demonstrates: 'CARD_EXPIRED (已过期): ask the bank for a new card',
  },
  {
    holderPhone: '13800000001',
    bin: '622848',
    seq: 1,
    state: 'ONLINE_DISABLED',
    balanceFen: yuan(10_000),
    demonstrates: 'CARD_ONLINE_DISABLED: enable online payments',
  },
  {
    holderPhone: '13800000001',
    bin: '622262',
    seq: 1,
    state: 'LOCAL_ONLY',
    balanceFen: yuan(10_000),
    demonstrates: 'CARD_LOCAL_ONLY (本地卡): not usable online',
  },
  {
    holderPhone: '13800000001',
    bin: '622230',
    seq: 1,
    state: 'FROZEN',
    creditLimitFen: yuan(50_000),
    usedFen: yuan(1_200),
    expiry: '10/29',
    cvn: '789',
    demonstrates: 'CARD_FROZEN: call the bank',
  },
  {
    holderPhone: '13800000001',
    bin: '436742',
    seq: 1,
    balanceFen: yuan(20_000),
    singleLimitFen: yuan(500),
    dailyLimitFen: yuan(1_000),
    demonstrates: 'BANK_LIMIT_EXCEEDED: ¥500 per debit, ¥1,000 a day',
  },
  // Other demo residents.
  {
    holderPhone: '13800000002',
    bin: '621700',
    seq: 2,
    balanceFen: yuan(8_000),
    demonstrates: 'ordinary debit card',
  },
  {
    holderPhone: '13800000002',
    bin: '622760',
    seq: 2,
    creditLimitFen: yuan(50_000),
    usedFen: 0,
    expiry: '06/29',
    cvn: '234',
    demonstrates: 'ordinary credit card',
  },
  {
    holderPhone: '13800000003',
    bin: '622848',
    seq: 2,
    balanceFen: yuan(100),
    demonstrates: 'INSUFFICIENT_FUNDS above ¥100',
  },
  {
    holderPhone: '13800000004',
    bin: '622262',
    seq: 2,
    balanceFen: yuan(5_000),
    reservedPhone: '13900000004',
    demonstrates: 'CARD_PHONE_MISMATCH: reserved 13900000004',
  },
  {
    holderPhone: '13800000004',
    bin: '621226',
    seq: 1,
    balanceFen: yuan(5_000),
    demonstrates: 'same holder, phone matches',
  },
  {
    holderPhone: '13800000005',
    bin: '622588',
    seq: 1,
    balanceFen: yuan(3_000),
    demonstrates: 'ordinary debit card',
  },
  {
    holderPhone: '13800000005',
    bin: '439225',
    seq: 1,
    creditLimitFen: yuan(10_000),
    usedFen: yuan(9_800),
    expiry: '03/28',
    cvn: '345',
    demonstrates: 'INSUFFICIENT_FUNDS: ¥200 of credit left',
  },
  {
    holderPhone: '13800000006',
    bin: '621558',
    seq: 1,
    balanceFen: yuan(2_000_000),
    demonstrates: 'bank quick-pay limits (ICBC ¥50,000/debit and /day)',
  },
  {
    holderPhone: '13800000008',
    bin: '621785',
    seq: 1,
    balanceFen: yuan(12_000),
    demonstrates: 'ordinary debit card',
  },
  {
    holderPhone: '13800000008',
    bin: '622675',
    seq: 1,
    creditLimitFen: yuan(20_000),
    usedFen: 0,
    expiry: '11/29',
    cvn: '567',
    demonstrates: 'ordinary credit card',
  },
  {
    holderPhone: '13800000009',
    bin: '622836',
    seq: 1,
    creditLimitFen: yuan(15_000),
    usedFen: yuan(3_500),
    expiry: '09/28',
    cvn: '678',
    demonstrates: 'repay ¥3,500',
  },
  {
    holderPhone: '13800000009',
    bin: '622260',
    seq: 1,
    balanceFen: yuan(6_000),
    demonstrates: 'ordinary debit card',
  },
  {
    holderPhone: '13800000010',
    bin: '456351',
    seq: 1,
    balanceFen: yuan(30_000),
    demonstrates: 'elderly holder',
  },
  {
    holderPhone: '13800000011',
    bin: '622202',
    seq: 2,
    balanceFen: yuan(500),
    singleLimitFen: yuan(200),
    dailyLimitFen: yuan(500),
    demonstrates: "minor's card, low limits",
  },
  {
    holderPhone: '13800000012',
    bin: '621700',
    seq: 3,
    balanceFen: yuan(2_000),
    demonstrates: "16-year-old's card",
  },
]

interface SupportedBin {
  bankCode: SupportedBankCode
  cardType: CardType
  cardLength: number
}

function binInfo(bin: string): SupportedBin {
  const info = BIN_TABLE.find((row) => row.bin === bin)
  assert(info !== undefined && info.supported, `BIN ${bin} must be a supported BIN`)
  return info
}

function buildDemoCard(spec: DemoCardSpec): DemoCard {
  const holder = demoResident(spec.holderPhone)
  const { bankCode, cardType, cardLength } = binInfo(spec.bin)
  const common = {
    cardNumber: makeLuhnCardNumber(spec.bin, cardLength, spec.seq),
    bankCode,
    holderIdNumber: holder.idNumber,
    reservedPhone: spec.reservedPhone ?? holder.phone,
    state: spec.state ?? 'ACTIVE',
    singleLimitFen: spec.singleLimitFen ?? DEFAULT_SINGLE_LIMIT_FEN,
    dailyLimitFen: spec.dailyLimitFen ?? DEFAULT_DAILY_LIMIT_FEN,
  }
  if ('balanceFen' in spec) {
    assert(cardType === 'DEBIT', `demo card on BIN ${spec.bin} has a balance but is credit`)
    return {
      card: { ...common, cardType, balanceFen: spec.balanceFen },
      demonstrates: spec.demonstrates,
    }
  }
  assert(cardType === 'CREDIT', `demo card on BIN ${spec.bin} has a credit limit but is debit`)
  const { creditLimitFen, usedFen, expiry, cvn } = spec
  return {
    card: { ...common, cardType, creditLimitFen, usedFen, expiry, cvn },
    demonstrates: spec.demonstrates,
  }
}

export const DEMO_CARDS: readonly DemoCard[] = DEMO_CARD_SPECS.map(buildDemoCard)

/** Card numbers no bank holds; each line says what the wallet or the bank should answer. */
export const CARD_NUMBERS_NOT_HELD: readonly { cardNumber: string; outcome: string }[] = [
  {
    cardNumber: makeLuhnCardNumber('622202', 19, 999_999),
    outcome: 'ICBC BIN, Luhn-valid, unknown to the bank: CARD_NOT_FOUND',
  },
  {
    cardNumber: makeLuhnCardNumber('622188', 19, 1),
    outcome: 'Postal Savings Bank (邮储) debit: bank not supported, CARD_NOT_SUPPORTED',
  },
  {
    cardNumber: makeLuhnCardNumber('62122699', 19, 1),
    outcome: 'ICBC prepaid card (预付卡): card kind not supported, CARD_NOT_SUPPORTED',
  },
  {
    cardNumber: makeLuhnCardNumber('622820', 16, 1),
    outcome: 'ABC semi-credit card (准贷记卡): CARD_NOT_SUPPORTED',
  },
  { cardNumber: '4111111111111111', outcome: 'foreign Visa test number: BIN unknown' },
  {
    cardNumber: `${makeLuhnCardNumber('622202', 19, 1).slice(0, 18)}9`,
    outcome: "张伟's ICBC card with the last digit mistyped: fails the Luhn check",
  },
]

const GENERATED_CARD_SEED = 2_600_001
/** Generated cards use sequence numbers from here on, far from the demo cards' 1, 2, 3. */
const GENERATED_SEQ_START = 100_000

function generateCards(): BankCardRecord[] {
  const prng = createPrng(GENERATED_CARD_SEED)
  const debitBins = BIN_TABLE.filter((row) => row.supported && row.cardType === 'DEBIT')
  const creditBins = BIN_TABLE.filter((row) => row.supported && row.cardType === 'CREDIT')
  const demoIdNumbers = new Set(DEMO_RESIDENTS.map((resident) => resident.idNumber))
  const cards: BankCardRecord[] = []
  let seq = GENERATED_SEQ_START
  for (const resident of RESIDENTS) {
    if (demoIdNumbers.has(resident.idNumber)) continue
    const common = {
      holderIdNumber: resident.idNumber,
      reservedPhone: resident.phone,
      state: 'ACTIVE' as const,
      singleLimitFen: DEFAULT_SINGLE_LIMIT_FEN,
      dailyLimitFen: DEFAULT_DAILY_LIMIT_FEN,
    }
    const debitBin = prng.pick(debitBins)
    cards.push({
      ...common,
      cardNumber: makeLuhnCardNumber(debitBin.bin, debitBin.cardLength, seq++),
      bankCode: binInfo(debitBin.bin).bankCode,
      cardType: 'DEBIT',
      balanceFen: yuan(prng.integer(100, 100_000)),
    })
    if (prng.next() < 0.4) {
      const creditBin = prng.pick(creditBins)
      const creditLimitFen = yuan(prng.integer(5, 100) * 1_000)
      cards.push({
        ...common,
        cardNumber: makeLuhnCardNumber(creditBin.bin, creditBin.cardLength, seq++),
        bankCode: binInfo(creditBin.bin).bankCode,
        cardType: 'CREDIT',
        creditLimitFen,
        usedFen: Math.floor((creditLimitFen * prng.integer(0, 50)) / 100),
        expiry: `${String(prng.integer(1, 12)).padStart(2, '0')}/${prng.integer(28, 31)}`,
        cvn: String(prng.integer(0, 999)).padStart(3, '0'),
      })
    }
  }
  return cards
}

/** Every card the banks hold: demo cards first, then the generated population's cards. */
export const BANK_CARDS: readonly BankCardRecord[] = [
  ...DEMO_CARDS.map((demo) => demo.card),
  ...generateCards(),
]

assertCardsConsistent(BANK_CARDS)

/** The demo-card table of this file's header, as markdown (for the README). */
export function demoCardTableMarkdown(): string {
  const rows = DEMO_CARDS.map(({ card, demonstrates }) => {
    const holder = RESIDENTS.find((resident) => resident.idNumber === card.holderIdNumber)
    assert(holder !== undefined, 'every demo card has a resident holder')
    const money =
      card.cardType === 'DEBIT'
        ? `balance ${formatYuan(card.balanceFen)}`
        : `limit ${formatYuan(card.creditLimitFen)}, owes ${formatYuan(card.usedFen)}, ` +
          `exp ${card.expiry}, CVN ${card.cvn}`
    return [
      `${holder.name} ${holder.phone}`,
      card.cardNumber,
      card.bankCode,
      card.cardType === 'DEBIT' ? 'debit' : 'credit',
      card.state,
      money,
      demonstrates,
    ]
  })
  const header = ['holder', 'card number', 'bank', 'type', 'state', 'money', 'demonstrates']
  return markdownTable(header, rows)
}

/** The not-held table of this file's header, as markdown. */
export function cardsNotHeldTableMarkdown(): string {
  return markdownTable(
    ['card number', 'what happens'],
    CARD_NUMBERS_NOT_HELD.map((row) => [row.cardNumber, row.outcome]),
  )
}

function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}

function formatYuan(amountFen: number): string {
  assert(Number.isSafeInteger(amountFen) && amountFen % 100 === 0, 'demo amounts are whole yuan')
  return `¥${(amountFen / 100).toLocaleString('en-US')}`
}

function assertCardsConsistent(cards: readonly BankCardRecord[]): void {
  const cardNumbers = new Set<string>()
  for (const card of cards) {
    assert(!cardNumbers.has(card.cardNumber), `card ${card.cardNumber} appears twice`)
    cardNumbers.add(card.cardNumber)
    const info = lookupBin(card.cardNumber)
    assert(
      info !== undefined &&
        info.supported &&
        info.bankCode === card.bankCode &&
        info.cardType === card.cardType &&
        info.cardLength === card.cardNumber.length,
      `card ${card.cardNumber} disagrees with the BIN table`,
    )
  }
  for (const notHeld of CARD_NUMBERS_NOT_HELD) {
    assert(!cardNumbers.has(notHeld.cardNumber), `${notHeld.cardNumber} must not be held`)
  }
}
