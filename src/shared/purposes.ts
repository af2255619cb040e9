/**
 * The vocabularies the API contract and the identity module share: why an SMS code was sent and
 * what a payment confirmation is for. One list each, so the schema the web reads and the code that
 * acts on it can never disagree.
 */

/** What an SMS code may be used for; a code is valid only for the purpose it was sent for. */
export const SMS_PURPOSES = [
  'sign_in',
  'change_phone_old',
  'change_phone_new',
  'freeze',
  'appeal',
  'reset_password',
  'payment',
  'bind_card',
] as const
export type SmsPurpose = (typeof SMS_PURPOSES)[number]

/** What a payment-password (or passkey) confirmation authorises. */
export const PAYMENT_PURPOSES = [
  'PAYMENT',
  'TRANSFER',
  'REDPACKET',
  'WITHDRAW',
  'TOPUP',
  'BIND_CARD',
] as const
export type PaymentPurpose = (typeof PAYMENT_PURPOSES)[number]
