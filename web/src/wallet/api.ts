import type {
  PublicKeyCredentialCreationOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser'
import { api, apiRequest, queryString } from '../shared/api'
import type { LocalizedText } from '../shared/api'
import type { AccountClass } from '../shared/account-class'

/** The wallet's view of the API: one typed function per route it calls. */

export type UserStatus = 'normal' | 'restricted' | 'frozen'

export interface UserView {
  id: string
  phone: string
  status: UserStatus
  statusReason: string | null
  realName: string | null
  verified: boolean
  accountClass: AccountClass
  secondFactorEnabled: boolean
  createdAtMs: number
}

export type SmsPurpose =
  | 'sign_in'
  | 'freeze'
  | 'appeal'
  | 'reset_password'
  | 'payment'
  | 'change_phone_old'
  | 'change_phone_new'
  | 'bind_card'

export interface Balance {
  balanceFen: number
  availableFen: number
  pendingInFen: number
  pendingOutFen: number
}

export interface SmsIssued {
  expiresInSeconds: number
  resendAfterSeconds: number
}

export interface SignInResult {
  token: string
  sessionId: string
  user: UserView
  created: boolean
  newDevice: boolean
}

export interface SessionView {
  id: string
  deviceName: string
  ip: string | null
  createdAtMs: number
  lastSeenAtMs: number
  current: boolean
}

export interface Notice {
  id: number
  kind: string
  title: LocalizedText
  detail: Record<string, unknown> | null
  createdAtMs: number
  read: boolean
}

export interface Limits {
  accountClass: AccountClass
  period: 'LIFETIME' | 'YEAR' | null
  limitFen: number | null
  usedFen: number
  remainingFen: number | null
}

export interface PaymentPasswordStatus {
  set: boolean
  lockedUntilMs: number | null
  attemptsLeft: number
}

export interface Passkey {
  credentialId: string
  deviceName: string
  createdAtMs: number | null
}

export type AppealStatus = 'pending' | 'approved' | 'rejected'

export interface Appeal {
  id: string
  status: AppealStatus
  statement: string
  decisionReason: string | null
  createdAtMs: number
  decidedAtMs: number | null
}

export type CardType = 'DEBIT' | 'CREDIT'

export interface BankCard {
  id: string
  bankCode: string
  bankName: LocalizedText
  cardType: CardType
  last4: string
  isDefault: boolean
  createdAtMs: number
}

export interface BindCardRequest {
  cardNumber: string
  phone: string
  expiry?: string
  cvn?: string
}

/** The bank checked the card and texted a code to the reserved phone (`phoneMasked`). */
export interface BindRequest {
  bindRequestId: string
  bankCode: string
  bankName: LocalizedText
  cardType: string
  last4: string
  phoneMasked: string
  expiresInSeconds: number
}

export type OperationKind = 'TOPUP' | 'WITHDRAW'
export type OperationStatus = 'PROCESSING' | 'SUCCEEDED' | 'FAILED'

/** A top-up or withdrawal. A bank refusal is a FAILED operation with the reason in `failure`. */
export interface Operation {
  id: string
  kind: OperationKind
  status: OperationStatus
  amountFen: number
  feeFen: number
  card: { id: string; bankCode: string; last4: string }
  failure: { code: string; message: LocalizedText; details: Record<string, unknown> } | null
  createdAtMs: number
  completedAtMs: number | null
  expectedArrivalAtMs: number | null
}

export interface WithdrawalQuote {
  amountFen: number
  feeFen: number
  freeQuotaUsedFen: number
  freeQuotaRemainingFen: number
  totalDebitFen: number
  arrivalHours: number
}

/** How a money request is confirmed: the payment password, plus an SMS code when asked. */
export interface PaymentAuth {
  paymentPassword: string
  smsCode?: string
}

export interface MoneyRequest extends PaymentAuth {
  idempotencyKey: string
  cardId: string
  amountFen: number
}

const cardPath = (id: string) => `/api/v1/me/cards/${encodeURIComponent(id)}`

export const walletApi = {
  sendSmsCode: (phone: string, purpose: SmsPurpose) =>
    api.post<SmsIssued>('/api/v1/sms-codes', { phone, purpose }),
  signIn: (phone: string, code: string) =>
    api.post<SignInResult>('/api/v1/sessions', { phone, code }),
  signOut: () => api.delete('/api/v1/sessions/current'),
  me: () => api.get<UserView>('/api/v1/me'),
  sessions: () => api.get<{ sessions: SessionView[] }>('/api/v1/me/sessions'),
  signOutSession: (id: string) => api.delete(`/api/v1/me/sessions/${encodeURIComponent(id)}`),
  signOutEverywhere: () => api.delete<{ signedOut: number }>('/api/v1/me/sessions'),
  changePhone: (oldCode: string, newPhone: string, newCode: string) =>
    api.post<UserView>('/api/v1/me/phone', { oldCode, newPhone, newCode }),
  freeze: (phone: string, code: string) =>
    api.post<{ frozen: true }>('/api/v1/freeze', { phone, code }),
  balance: () => api.get<Balance>('/api/v1/me/balance'),
  notices: () => api.get<{ notices: Notice[] }>('/api/v1/me/notices'),

  verifyRealName: (realName: string, idNumber: string) =>
    api.post<UserView>('/api/v1/me/real-name', { realName, idNumber }),
  limits: () => api.get<Limits>('/api/v1/me/limits'),

  paymentPassword: () => api.get<PaymentPasswordStatus>('/api/v1/me/payment-password'),
  setPaymentPassword: (password: string) =>
    api.post<unknown>('/api/v1/me/payment-password', { password }),
  changePaymentPassword: (oldPassword: string, newPassword: string) =>
    api.put<unknown>('/api/v1/me/payment-password', { oldPassword, newPassword }),
  resetPaymentPassword: (smsCode: string, idNumber: string, newPassword: string) =>
    api.post<unknown>('/api/v1/me/payment-password/reset', { smsCode, idNumber, newPassword }),
  setSecondFactor: (enabled: boolean, paymentPassword: string) =>
    api.put<UserView>('/api/v1/me/second-factor', { enabled, paymentPassword }),

  passkeyOptions: async (paymentPassword: string) =>
    unwrapCreationOptions(
      await api.post<unknown>('/api/v1/me/passkeys/registration-options', { paymentPassword }),
    ),
  addPasskey: (response: RegistrationResponseJSON, deviceName: string) =>
    api.post<{ credentialId: string }>('/api/v1/me/passkeys', { response, deviceName }),
  passkeys: async (): Promise<Passkey[]> =>
    parsePasskeys(await api.get<unknown>('/api/v1/me/passkeys')),
  removePasskey: (credentialId: string) =>
    api.delete(`/api/v1/me/passkeys/${encodeURIComponent(credentialId)}`),

  submitAppeal: (request: {
    statement: string
    realName?: string
    idNumber?: string
    smsCode?: string
  }) => api.post<{ appeal: Appeal }>('/api/v1/me/appeals', request),
  appeals: () => api.get<{ appeals: Appeal[] }>('/api/v1/me/appeals'),

  cards: () => api.get<{ cards: BankCard[] }>('/api/v1/me/cards'),
  startCardBinding: (request: BindCardRequest) =>
    api.post<BindRequest>('/api/v1/me/cards/bind-requests', request),
  confirmCardBinding: (bindRequestId: string, smsCode: string) =>
    api.post<BankCard>('/api/v1/me/cards', { bindRequestId, smsCode }),
  setDefaultCard: (id: string) => api.put<BankCard>(`${cardPath(id)}/default`, {}),
  unbindCard: (id: string, paymentPassword: string) =>
    apiRequest<undefined>('DELETE', cardPath(id), { paymentPassword }),

  operations: (beforeMs?: number) =>
    api.get<{ operations: Operation[] }>(
      `/api/v1/me/operations${queryString({ beforeMs: beforeMs?.toString() })}`,
    ),
  operation: (id: string) => api.get<Operation>(`/api/v1/me/operations/${encodeURIComponent(id)}`),
  topUp: (request: MoneyRequest) => api.post<Operation>('/api/v1/me/top-ups', request),
  withdraw: (request: MoneyRequest) => api.post<Operation>('/api/v1/me/withdrawals', request),
  withdrawalQuote: (amountFen: number) =>
    api.get<WithdrawalQuote>(
      `/api/v1/me/withdrawals/quote${queryString({ amountFen: String(amountFen) })}`,
    ),

  /** 200 only in dev mode, where the SMS outbox exists. */
  devSmsAvailable: async (): Promise<boolean> => {
    try {
      await api.get<unknown>(`/api/v1/dev/sms${queryString({ phone: '10000000000' })}`)
      return true
    } catch {
      return false
    }
  },
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

// The contract says the body is the options themselves; tolerate `{ options }` as well, since
// that wrapper is the other common shape.
function unwrapCreationOptions(body: unknown): PublicKeyCredentialCreationOptionsJSON {
  const wrapped = isRecord(body) && !('challenge' in body) && isRecord(body.options)
  return (wrapped ? body.options : body) as PublicKeyCredentialCreationOptionsJSON
}

// The contract names the route but not its body; accept `{ passkeys: [...] }` or a bare array
// and keep only the fields this page shows.
function parsePasskeys(body: unknown): Passkey[] {
  const list = Array.isArray(body) ? body : isRecord(body) ? body.passkeys : undefined
  if (!Array.isArray(list)) return []
  return list.filter(isRecord).flatMap((item) => {
    if (typeof item.credentialId !== 'string') return []
    const createdAtMs = typeof item.createdAtMs === 'number' ? item.createdAtMs : null
    const deviceName = typeof item.deviceName === 'string' ? item.deviceName : ''
    return [{ credentialId: item.credentialId, deviceName, createdAtMs }]
  })
}
