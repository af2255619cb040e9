/**
 * Merchants: the operators' directory (onboard, search, detail, suspend/activate) and the
 * merchant console's own sign-in, profile and staff.
 */
import { type Static, Type } from 'typebox'
import { MERCHANT_CATEGORY_CODES } from '../../shared/merchant-categories.ts'
import { Id, Localized, Nullable, strict, TimestampMs } from './common.ts'

/** The merchants module's limits and vocabularies (routes pin them equal at compile time). */
export const LEGAL_NAME_LENGTH_MAX = 100
export const STORE_NAME_LENGTH_MAX = 64
export const FEE_RATE_BP_MAX = 10_000
export const STAFF_PASSWORD_LENGTH_MIN = 8
export const STAFF_PASSWORD_LENGTH_MAX = 128
export const MERCHANT_STATUSES = ['active', 'suspended'] as const
export const STAFF_ROLES = ['owner', 'cashier'] as const

export const MerchantStatus = Type.Enum(MERCHANT_STATUSES)
export type MerchantStatus = Static<typeof MerchantStatus>
export const StaffRole = Type.Enum(STAFF_ROLES)
export type StaffRole = Static<typeof StaffRole>
export const MerchantCategory = Type.Enum(MERCHANT_CATEGORY_CODES as readonly string[], {
  description: 'MCC-like code (src/shared/merchant-categories.ts)',
})

export const MerchantId = Type.String({ pattern: '^[1-9][0-9]{9}$', description: 'mchid' })

export const SettlementCardView = Type.Object({
  bankCode: Type.String(),
  bankName: Localized,
  cardType: Type.String(),
  last4: Type.String(),
  masked: Type.String({ description: "'**** 1234': the number is never shown" }),
})

export const MerchantView = Type.Object({
  id: MerchantId,
  legalName: Type.String(),
  storeName: Type.String(),
  category: Type.String(),
  categoryName: Localized,
  settlementCard: SettlementCardView,
  status: MerchantStatus,
  feeRateBp: Type.Integer({ minimum: 0, maximum: FEE_RATE_BP_MAX, description: '60 = 0.6 %' }),
  createdAtMs: TimestampMs(),
  updatedAtMs: TimestampMs(),
})
export type MerchantView = Static<typeof MerchantView>

export const MerchantCreateRequest = Type.Object(
  {
    creationKey: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'The same key creates the same merchant once; a retry returns it',
    }),
    legalName: Type.String({ minLength: 1, maxLength: LEGAL_NAME_LENGTH_MAX }),
    storeName: Type.String({ minLength: 1, maxLength: STORE_NAME_LENGTH_MAX }),
    category: MerchantCategory,
    settlementCardNumber: Type.String({ minLength: 12, maxLength: 30 }),
    feeRateBp: Type.Optional(Type.Integer({ minimum: 0, maximum: FEE_RATE_BP_MAX })),
  },
  strict,
)
export type MerchantCreateRequest = Static<typeof MerchantCreateRequest>

export const MerchantCreated = Type.Object({
  merchant: MerchantView,
  created: Type.Boolean(),
  owner: Type.Object({
    username: Type.String(),
    password: Nullable(
      Type.String({ description: 'Shown once, by the call that created the owner; else null' }),
    ),
  }),
})
export type MerchantCreated = Static<typeof MerchantCreated>

export const MerchantSearchQuery = Type.Object({
  query: Type.Optional(Type.String({ maxLength: 100 })),
})
export const MerchantList = Type.Object({ merchants: Type.Array(MerchantView) })
export type MerchantList = Static<typeof MerchantList>
export const MerchantParams = Type.Object({ merchantId: Id })

export const StaffView = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: StaffRole,
})
export type StaffView = Static<typeof StaffView>

export const AdminMerchantDetail = Type.Object({
  merchant: MerchantView,
  staff: Type.Array(StaffView),
})
export type AdminMerchantDetail = Static<typeof AdminMerchantDetail>

export const MerchantStatusChange = Type.Object(
  { status: MerchantStatus, reason: Type.String({ minLength: 1, maxLength: 500 }) },
  strict,
)
export type MerchantStatusChange = Static<typeof MerchantStatusChange>

export const StaffSignInRequest = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: STAFF_PASSWORD_LENGTH_MAX }),
  },
  strict,
)
export type StaffSignInRequest = Static<typeof StaffSignInRequest>

export const StaffSignedIn = Type.Object({ token: Type.String(), staff: StaffView })
export type StaffSignedIn = Static<typeof StaffSignedIn>

export const MerchantConsoleMe = Type.Object({ staff: StaffView, merchant: MerchantView })
export type MerchantConsoleMe = Static<typeof MerchantConsoleMe>

/** The console's first question, answered 200 either way (a signed-out probe is no error). */
export const MerchantSessionProbe = Type.Union([
  Type.Object({ signedIn: Type.Literal(false) }),
  Type.Object({ signedIn: Type.Literal(true), staff: StaffView, merchant: MerchantView }),
])
export type MerchantSessionProbe = Static<typeof MerchantSessionProbe>

export const CashierCreateRequest = Type.Object(
  {
    username: Type.String({ minLength: 3, maxLength: 40 }),
    displayName: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({
      minLength: STAFF_PASSWORD_LENGTH_MIN,
      maxLength: STAFF_PASSWORD_LENGTH_MAX,
    }),
  },
  strict,
)
export type CashierCreateRequest = Static<typeof CashierCreateRequest>
export const StaffList = Type.Object({ staff: Type.Array(StaffView) })
export type StaffList = Static<typeof StaffList>

export const MerchantCategoryView = Type.Object({ code: Type.String(), name: Localized })
export const MerchantCategoryList = Type.Object({ categories: Type.Array(MerchantCategoryView) })
export type MerchantCategoryList = Static<typeof MerchantCategoryList>
