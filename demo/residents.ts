/**
 * @module residents
 * The simulated population: the people the wallet's offline identity-verification adapter and
 * the bank simulator both know. Deterministic (fixed list + seeded PRNG), so every machine and
 * every run sees the same 200 residents.
 *
 * Demo residents (memorable phones; ages as of 2026-11-22 — the list is fixed, so ages move on):
 *
 * | phone       | name   | ID number          | born       | what to try                              |
 * |-------------|--------|--------------------|------------|------------------------------------------|
 * | 13800000001 | 张伟   | 110105198803120110 | 1988-03-12 | holds a card in every state (see cards)  |
 * | 13800000002 | 李娜   | 310104199207180227 | 1992-07-18 | ordinary user; transfer counterpart      |
 * | 13800000003 | 王芳   | 440106199501050345 | 1995-01-05 | debit card with only ¥100                |
 * | 13800000004 | 刘洋   | 33010619870923045X | 1987-09-23 | card whose bank-reserved phone differs   |
 * | 13800000005 | 陈静   | 51010719900214056X | 1990-02-14 | credit card almost at its limit          |
 * | 13800000006 | 杨帆   | 420106198311300675 | 1983-11-30 | ¥2,000,000 balance: hits bank limits     |
 * | 13800000007 | 赵磊   | 320102197910080797 | 1979-10-08 | real person with no bank cards           |
 * | 13800000008 | 黄敏   | 350203199606200885 | 1996-06-20 | ordinary user; debit + credit            |
 * | 13800000009 | 周杰   | 610113199304270918 | 1993-04-27 | credit card with ¥3,500 to repay         |
 * | 13800000010 | 吴秀英 | 430104194808151020 | 1948-08-15 | elderly (78)                             |
 * | 13800000011 | 孙小雨 | 500103201409091125 | 2014-09-09 | minor, 12: under-16 rules                |
 * | 13800000012 | 徐子轩 | 440305201006011239 | 2010-06-01 | 16 (turns 18 on 2028-06-01)              |
 *
 * `bank-sim/demo-population.test.ts` checks that this table matches the data below.
 */
import { makeIdNumber } from '../src/shared/id-number.ts'
import { createPrng } from './prng.ts'

export interface Resident {
  name: string
  idNumber: string
  /** Mainland mobile number, 11 digits: 1[3-9]\d{9}. */
  phone: string
  birthDate: string
  sex: 'M' | 'F'
}

export interface DemoResident extends Resident {
  /** What this resident is for, shown in the README. */
  purpose: string
}

export const RESIDENT_COUNT = 200
const POPULATION_SEED = 20_261_122

type DemoRow = [
  name: string,
  phone: string,
  region6: string,
  birth8: string,
  seq3: string,
  purpose: string,
]

const DEMO_ROWS: readonly DemoRow[] = [
  ['张伟', '13800000001', '110105', '19880312', '011', 'holds a card in every state'],
  ['李娜', '13800000002', '310104', '19920718', '022', 'ordinary user; transfer counterpart'],
  ['王芳', '13800000003', '440106', '19950105', '034', 'debit card with only ¥100'],
  ['刘洋', '13800000004', '330106', '19870923', '045', 'card whose bank-reserved phone differs'],
  ['陈静', '13800000005', '510107', '19900214', '056', 'credit card almost at its limit'],
  ['杨帆', '13800000006', '420106', '19831130', '067', '¥2,000,000 balance: hits bank limits'],
  ['赵磊', '13800000007', '320102', '19791008', '079', 'real person with no bank cards'],
  ['黄敏', '13800000008', '350203', '19960620', '088', 'ordinary user; debit + credit'],
  ['周杰', '13800000009', '610113', '19930427', '091', 'credit card with ¥3,500 to repay'],
  ['吴秀英', '13800000010', '430104', '19480815', '102', 'elderly (78)'],
  ['孙小雨', '13800000011', '500103', '20140909', '112', 'minor, 12: under-16 rules'],
  ['徐子轩', '13800000012', '440305', '20100601', '123', '16: 16–18 rules'],
]

export const DEMO_RESIDENTS: readonly DemoResident[] = DEMO_ROWS.map(
  ([name, phone, region6, birth8, seq3, purpose]) => ({
    name,
    idNumber: makeIdNumber(region6, birth8, seq3),
    phone,
    birthDate: `${birth8.slice(0, 4)}-${birth8.slice(4, 6)}-${birth8.slice(6)}`,
    sex: Number(seq3) % 2 === 1 ? 'M' : 'F',
    purpose,
  }),
)

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
  '彭',
  '曾',
  '肖',
  '田',
  '董',
  '袁',
  '潘',
  '于',
  '蒋',
  '蔡',
  '余',
  '杜',
  '叶',
  '程',
  '苏',
  '魏',
  '吕',
  '丁',
  '任',
  '沈',
  '姚',
  '卢',
  '姜',
  '崔',
  '钟',
  '谭',
  '陆',
  '汪',
  '范',
  '金',
  '石',
  '廖',
  '贾',
  '夏',
  '欧阳',
  '司马',
  '诸葛',
] as const
const GIVEN_MALE = [
  '伟',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '杰',
  '涛',
  '明',
  '超',
  '斌',
  '鹏',
  '辉',
  '刚',
  '健',
  '浩',
  '宇',
  '翔',
  '博',
  '文',
  '志',
  '建',
  '国',
  '峰',
  '晨',
  '子',
  '俊',
  '凯',
  '航',
  '然',
  '轩',
  '铭',
] as const
const GIVEN_FEMALE = [
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '艳',
  '娟',
  '霞',
  '婷',
  '雪',
  '慧',
  '琳',
  '玲',
  '颖',
  '萍',
  '倩',
  '欣',
  '怡',
  '悦',
  '晴',
  '佳',
  '梦',
  '雨',
  '诗',
  '嘉',
  '秀',
  '兰',
  '月',
  '思',
  '冰',
  '菲',
  '瑶',
] as const

/** County-level GB/T 2260 codes (one or two per province-level division). */
const REGION_CODES = [
  '110101',
  '110105',
  '110108',
  '120101',
  '130102',
  '140105',
  '150102',
  '210102',
  '220102',
  '230102',
  '310104',
  '310115',
  '320102',
  '320506',
  '330106',
  '330212',
  '340104',
  '350203',
  '360102',
  '370102',
  '370202',
  '410105',
  '420106',
  '430104',
  '440106',
  '440305',
  '450103',
  '460106',
  '500103',
  '510107',
  '520102',
  '530102',
  '540102',
  '610113',
  '620102',
  '630104',
  '640104',
  '650102',
] as const

/** Mainland mobile prefixes in use (China Mobile, Unicom, Telecom). */
const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '173',
  '175',
  '176',
  '177',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '198',
  '199',
] as const

function generateResidents(count: number, taken: Resident[]): Resident[] {
  const prng = createPrng(POPULATION_SEED)
  const idNumbers = new Set(taken.map((resident) => resident.idNumber))
  const phones = new Set(taken.map((resident) => resident.phone))
  const residents: Resident[] = []
  while (residents.length < count) {
    const sex = prng.next() < 0.5 ? 'M' : 'F'
    const givenPool = sex === 'M' ? GIVEN_MALE : GIVEN_FEMALE
    const givenLength = prng.next() < 0.6 ? 2 : 1
    let name = prng.pick(SURNAMES)
    for (let index = 0; index < givenLength; index++) name += prng.pick(givenPool)
    // Adults only (born 1950–2005): the demo residents cover the under-age cases on purpose.
    const year = prng.integer(1950, 2005)
    const month = prng.integer(1, 12)
    const day = prng.integer(1, 28)
    const birthDate = `${year}-${pad2(month)}-${pad2(day)}`
    // Odd sequence = male, even = female (GB 11643).
    const seq = prng.integer(0, 499) * 2 + (sex === 'M' ? 1 : 0)
    const idNumber = makeIdNumber(
      prng.pick(REGION_CODES),
      birthDate.replaceAll('-', ''),
      String(seq).padStart(3, '0'),
    )
    const mobilePrefix = prng.pick(MOBILE_PREFIXES)
    const phone = `${mobilePrefix}${String(prng.integer(0, 99_999_999)).padStart(8, '0')}`
    // 138… is not in the prefix list, so generated phones never collide with the demo ones.
    if (idNumbers.has(idNumber) || phones.has(phone)) continue
    idNumbers.add(idNumber)
    phones.add(phone)
    residents.push({ name, idNumber, phone, birthDate, sex })
  }
  return residents
}

function pad2(value: number): string {
  return String(value).padStart(2, '0')
}

/** Demo residents first, then the generated ones; RESIDENT_COUNT in all. */
export const RESIDENTS: readonly Resident[] = [
  ...DEMO_RESIDENTS.map(({ purpose: _purpose, ...resident }) => resident),
  ...generateResidents(RESIDENT_COUNT - DEMO_RESIDENTS.length, [...DEMO_RESIDENTS]),
]

const RESIDENT_BY_ID_NUMBER: ReadonlyMap<string, Resident> = new Map(
  RESIDENTS.map((resident) => [resident.idNumber, resident]),
)
const RESIDENT_BY_PHONE: ReadonlyMap<string, Resident> = new Map(
  RESIDENTS.map((resident) => [resident.phone, resident]),
)

export function findResidentByIdNumber(idNumber: string): Resident | undefined {
  return RESIDENT_BY_ID_NUMBER.get(idNumber.toUpperCase())
}

export function findResidentByPhone(phone: string): Resident | undefined {
  return RESIDENT_BY_PHONE.get(phone)
}

/** The demo resident with this memorable phone; throws if there is none (a typo in a test). */
export function demoResident(phone: string): DemoResident {
  const resident = DEMO_RESIDENTS.find((candidate) => candidate.phone === phone)
  if (resident === undefined) throw new Error(`no demo resident has phone ${phone}`)
  return resident
}
