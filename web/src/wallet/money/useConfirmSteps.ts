import { useRef, useState } from 'react'
import { ApiError } from '../../shared/api'
import type { PaymentAuthorization } from '../api'
import { isBlocking } from './ErrorWithAction'
import { passkeyMethod, useUsablePasskey } from './PasskeyConfirm'

export type ConfirmStep = 'passkey' | 'pin' | 'sms'
type Method = PaymentAuthorization['method']

/**
 * The steps of PaymentConfirm: 指纹/面容 first when this device has a passkey that works on this
 * host (the payment password when it fails or the user prefers), else the PIN boxes; then the
 * SMS code when the server asks for it. `step` is null while the passkeys are being looked up.
 */
export function useConfirmSteps<Result>({
  amountFen,
  submit,
  onResult,
}: {
  amountFen: number
  submit: (auth: PaymentAuthorization) => Promise<Result>
  onResult: (result: Result) => void
}) {
  const usablePasskey = useUsablePasskey()
  const [chosen, setChosen] = useState<ConfirmStep | null>(null)
  const [blocked, setBlocked] = useState<unknown>(null)
  const [passkeyError, setPasskeyError] = useState<unknown>(null)
  const pin = useRef('')
  const confirmedBy = useRef<Method['kind']>('password')
  const step = chosen ?? (usablePasskey === 'loading' ? null : usablePasskey ? 'passkey' : 'pin')

  /** Sends one attempt: the result, else the SMS step or a blocking refusal, else it throws. */
  async function attempt(method: Method, smsCode?: string): Promise<void> {
    try {
      onResult(await submit({ method, ...(smsCode === undefined ? {} : { smsCode }) }))
      pin.current = ''
    } catch (error) {
      if (error instanceof ApiError && error.code === 'SECOND_FACTOR_REQUIRED') {
        confirmedBy.current = method.kind
        if (method.kind === 'password') pin.current = method.password
        setChosen('sms')
        return
      }
      if (isBlocking(error)) {
        setBlocked(error)
        return
      }
      throw error
    }
  }

  return {
    step,
    usablePasskey,
    blocked,
    passkeyError,
    choose: (next: ConfirmStep) => {
      setPasskeyError(null)
      setChosen(next)
    },
    forgetPin: () => {
      pin.current = ''
    },
    withPassword: (password: string) => attempt({ kind: 'password', password }),
    /** Never throws: a failure falls back to the payment password, saying why. */
    withPasskey: async () => {
      try {
        await attempt(await passkeyMethod(amountFen))
      } catch (error) {
        setPasskeyError(error)
        setChosen('pin')
      }
    },
    // A passkey challenge is single use: the try with the SMS code signs a new one.
    withSms: async (smsCode: string) =>
      attempt(
        confirmedBy.current === 'passkey'
          ? await passkeyMethod(amountFen)
          : { kind: 'password', password: pin.current },
        smsCode,
      ),
  }
}
