import type { RegistrationResponseJSON } from '@simplewebauthn/browser'
import { api, apiRequest, queryString } from '../shared/api'

/** The wallet's view of the API: one typed function per route it calls. */

// Every shape is the server's contract (src/http/contract), never restated here.
import type { AppealList, AppealSubmission, AppealSubmitted } from '@contract/appeals'
import type { Balance, MoneyLimits, MoneyRequest, WithdrawalQuote } from '@contract/balance'
import type { BindCardRequest, BindRequest, CardList, CardView } from '@contract/cards'
import type { DemoIdentity } from '@contract/dev'
import type { SessionList, SignedOutEverywhere } from '@contract/devices'
import type { Frozen } from '@contract/freeze'
import type { NoticeList } from '@contract/notices'
import type { OperationList, OperationView } from '@contract/operations'
import type { SessionProbe, UserView } from '@contract/profile'
import type {
  CreationOptions,
  Limits,
  PasskeyAdded,
  PasskeyList,
  PasswordCheck,
  PasswordStatus,
  PaymentChallenge,
} from '@contract/security'
import type { SignInResult, SmsCodeSent, SmsPurpose } from '@contract/sign-in'
import type { ResetPasswordRequest, ResetTicket, ResetVerifyRequest } from '@contract/security'

export type { AppealStatus, AppealView as Appeal } from '@contract/appeals'
export type { Balance, MoneyLimits, MoneyRequest, WithdrawalQuote } from '@contract/balance'
export type { DemoIdentity } from '@contract/dev'
export type { BindCardRequest, BindRequest, CardType, CardView as BankCard } from '@contract/cards'
export type { SessionView } from '@contract/devices'
export type { NoticeView as Notice } from '@contract/notices'
export type {
  OperationKind,
  OperationStatus,
  OperationView as Operation,
} from '@contract/operations'
export type { UserStatus, UserView } from '@contract/profile'
export type { PaymentAuthorization } from '@contract/confirmation'
export type {
  Limits,
  PasskeyView as Passkey,
  PasswordStatus as PaymentPasswordStatus,
} from '@contract/security'
export type { SignInResult, SmsCodeSent as SmsIssued, SmsPurpose } from '@contract/sign-in'

const cardPath = (id: string) => `/api/v1/me/cards/${encodeURIComponent(id)}`

export const walletApi = {
  sendSmsCode: (phone: string, purpose: SmsPurpose) =>
    api.post<SmsCodeSent>('/api/v1/sms-codes', { phone, purpose }),
  signIn: (phone: string, code: string) =>
    api.post<SignInResult>('/api/v1/sessions', { phone, code }),
  signOut: () => api.delete('/api/v1/sessions/current'),
  me: () => api.get<UserView>('/api/v1/me'),
  /** Who is signed in: 200 either way, so a signed-out page load logs no 401. */
  session: () => api.get<SessionProbe>('/api/v1/session'),
  sessions: () => api.get<SessionList>('/api/v1/me/sessions'),
  signOutSession: (id: string) => api.delete(`/api/v1/me/sessions/${encodeURIComponent(id)}`),
  signOutEverywhere: () => api.delete<SignedOutEverywhere>('/api/v1/me/sessions'),
  changePhone: (oldCode: string, newPhone: string, newCode: string) =>
    api.post<UserView>('/api/v1/me/phone', { oldCode, newPhone, newCode }),
  freeze: (phone: string, code: string) => api.post<Frozen>('/api/v1/freeze', { phone, code }),
  balance: () => api.get<Balance>('/api/v1/me/balance'),
  notices: () => api.get<NoticeList>('/api/v1/me/notices'),

  verifyRealName: (realName: string, idNumber: string) =>
    api.post<UserView>('/api/v1/me/real-name', { realName, idNumber }),
  limits: () => api.get<Limits>('/api/v1/me/limits'),

  paymentPassword: () => api.get<PasswordStatus>('/api/v1/me/payment-password'),
  setPaymentPassword: (password: string) =>
    api.post<PasswordStatus>('/api/v1/me/payment-password', { password }),
  changePaymentPassword: (oldPassword: string, newPassword: string) =>
    api.put<PasswordStatus>('/api/v1/me/payment-password', { oldPassword, newPassword }),
  /** PAYMENT_PASSWORD_WEAK at the first entry, before it is typed twice. */
  checkNewPaymentPassword: (password: string) =>
    api.post<PasswordCheck>('/api/v1/me/payment-password/strength', { password }),
  /** The current password, checked at its own step (PIN_WRONG counts toward the lock). */
  verifyPaymentPassword: (password: string) =>
    api.post<PasswordCheck>('/api/v1/me/payment-password/verify', { password }),
  /** `cardNumber`: a bound card's full number, which the server requires once a card is bound. */
  verifyPasswordReset: (request: ResetVerifyRequest) =>
    api.post<ResetTicket>('/api/v1/me/payment-password/reset/verify', request),
  /** With the `resetTicket` of verifyPasswordReset and the new PIN. */
  resetPaymentPassword: (request: ResetPasswordRequest) =>
    api.post<PasswordStatus>('/api/v1/me/payment-password/reset', request),
  setSecondFactor: (enabled: boolean, paymentPassword: string) =>
    api.put<UserView>('/api/v1/me/second-factor', { enabled, paymentPassword }),

  passkeyOptions: (paymentPassword: string) =>
    api.post<CreationOptions>('/api/v1/me/passkeys/registration-options', { paymentPassword }),
  addPasskey: (response: RegistrationResponseJSON, deviceName: string) =>
    api.post<PasskeyAdded>('/api/v1/me/passkeys', { response, deviceName }),
  passkeys: async () => (await api.get<PasskeyList>('/api/v1/me/passkeys')).passkeys,
  /** WebAuthn request options bound to `amountFen`, for confirming a payment with a passkey. */
  paymentChallenge: (amountFen: number) =>
    api.post<PaymentChallenge>('/api/v1/me/payment-challenges', { amountFen }),
  removePasskey: (credentialId: string) =>
    api.delete(`/api/v1/me/passkeys/${encodeURIComponent(credentialId)}`),

  submitAppeal: (request: AppealSubmission) =>
    api.post<AppealSubmitted>('/api/v1/me/appeals', request),
  appeals: () => api.get<AppealList>('/api/v1/me/appeals'),

  cards: () => api.get<CardList>('/api/v1/me/cards'),
  startCardBinding: (request: BindCardRequest) =>
    api.post<BindRequest>('/api/v1/me/cards/bind-requests', request),
  confirmCardBinding: (bindRequestId: string, smsCode: string) =>
    api.post<CardView>('/api/v1/me/cards', { bindRequestId, smsCode }),
  setDefaultCard: (id: string) => api.put<CardView>(`${cardPath(id)}/default`, {}),
  unbindCard: (id: string, paymentPassword: string) =>
    apiRequest<undefined>('DELETE', cardPath(id), { paymentPassword }),

  operations: (beforeMs?: number) =>
    api.get<OperationList>(
      `/api/v1/me/operations${queryString({ beforeMs: beforeMs?.toString() })}`,
    ),
  operation: (id: string) =>
    api.get<OperationView>(`/api/v1/me/operations/${encodeURIComponent(id)}`),
  topUp: (request: MoneyRequest) => api.post<OperationView>('/api/v1/me/top-ups', request),
  withdraw: (request: MoneyRequest) => api.post<OperationView>('/api/v1/me/withdrawals', request),
  moneyLimits: () => api.get<MoneyLimits>('/api/v1/me/money-limits'),
  withdrawalQuote: (amountFen: number) =>
    api.get<WithdrawalQuote>(
      `/api/v1/me/withdrawals/quote${queryString({ amountFen: String(amountFen) })}`,
    ),

  /** Dev mode only: a simulated resident nobody has verified yet (404 elsewhere). */
  demoIdentity: () => api.get<DemoIdentity>('/api/v1/dev/demo-identity'),

  /** Dev mode with the SMS outbox, as the session probe says (no 404 to log elsewhere). */
  devSmsAvailable: async (): Promise<boolean> => {
    try {
      return (await api.get<SessionProbe>('/api/v1/session')).devSmsOutbox
    } catch {
      return false
    }
  },
}
