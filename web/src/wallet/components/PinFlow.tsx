import { useState } from 'react'
import type { ReactNode } from 'react'
import { ApiError, localError } from '../../shared/api'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { useI18n } from '../../shared/i18n'
import type { MessageKey } from '../../shared/i18n'
import { walletApi } from '../api'
import { PinInput } from './PinInput'

export type PinStep = 'old' | 'new' | 'confirm'

export interface PinValues {
  old: string
  new: string
}

const LABEL_KEY: Record<PinStep, MessageKey> = {
  old: 'pin.change.old',
  new: 'pin.set.enter',
  confirm: 'pin.confirm',
}

type CheckStep = (step: 'old' | 'new', pin: string) => Promise<unknown>

/** Each PIN checked as it is typed: the current one by the server, a new one by its rule. */
const checkPaymentPasswordStep: CheckStep = (step, pin) =>
  step === 'old' ? walletApi.verifyPaymentPassword(pin) : walletApi.checkNewPaymentPassword(pin)

/** Where a failed submit sends the user back to, or null to hand the failure to `onFatal`. */
function stepToRetry(caught: unknown, steps: readonly PinStep[], hasFatal: boolean) {
  const code = caught instanceof ApiError ? caught.code : ''
  const reason = caught instanceof ApiError ? caught.detailString('reason') : undefined
  if (code === 'PAYMENT_PASSWORD_WEAK' || reason === 'SAME_AS_OLD') return 'new'
  if (code === 'PIN_WRONG' || code === 'PIN_LOCKED' || !hasFatal) return steps[0] ?? 'new'
  return null
}

/** Why the PIN just typed at `step` is refused (the server's check, or the same as the old), or null. */
async function stepFailure(
  step: 'old' | 'new',
  pin: string,
  previous: PinValues,
  checkStep: CheckStep | undefined,
): Promise<unknown> {
  if (step === 'new' && previous.old !== '' && pin === previous.old) {
    return localError('PIN_SAME_AS_OLD', 'pin.sameAsOld')
  }
  if (checkStep === undefined) return null
  try {
    await checkStep(step, pin)
    return null
  } catch (caught) {
    return caught ?? new Error('PIN check failed')
  }
}

/**
 * Asks for PINs one screen at a time (current → new → confirm, like a phone wallet) and submits
 * after the last. `checkStep` checks each PIN as soon as it is typed (a wrong current one, a
 * weak new one), so nobody types a new PIN twice to learn the first step was wrong. A failure
 * sends the user back to the step that caused it. `onFatal` takes any other failure off the flow.
 */
export function PinFlow({
  steps,
  newLabelKey = 'pin.set.enter',
  hintKey,
  submit,
  checkStep = checkPaymentPasswordStep,
  onSuccess,
  onFatal,
}: {
  steps: readonly PinStep[]
  newLabelKey?: MessageKey
  hintKey?: MessageKey
  submit: (values: PinValues) => Promise<void>
  checkStep?: CheckStep
  onSuccess: () => void
  onFatal?: (error: unknown) => void
}): ReactNode {
  const { t } = useI18n()
  const [stepIndex, setStepIndex] = useState(0)
  const [values, setValues] = useState<PinValues>({ old: '', new: '' })
  const [current, setCurrent] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const step: PinStep = steps[stepIndex] ?? 'new'

  function restartAt(target: PinStep, reason: unknown): void {
    setError(reason)
    setCurrent('')
    setStepIndex(Math.max(0, steps.indexOf(target)))
  }

  async function finish(pins: PinValues): Promise<void> {
    setBusy(true)
    try {
      await submit(pins)
      onSuccess()
    } catch (caught) {
      const target = stepToRetry(caught, steps, onFatal !== undefined)
      if (target === null) onFatal?.(caught)
      else restartAt(target, caught)
    } finally {
      setBusy(false)
    }
  }

  async function complete(pin: string): Promise<void> {
    if (step === 'confirm') {
      if (pin === values.new) void finish(values)
      else restartAt('new', localError('PIN_MISMATCH', 'pin.mismatch'))
      return
    }
    setBusy(true)
    const failure = await stepFailure(step, pin, values, checkStep)
    setBusy(false)
    if (failure !== null) return restartAt(step, failure)
    const next = { ...values, [step]: pin }
    setValues(next)
    setCurrent('')
    setError(null)
    if (stepIndex + 1 < steps.length) setStepIndex(stepIndex + 1)
    else void finish(next)
  }

  return (
    <div className="lq-pin-flow" data-testid="pin-flow" data-step={step}>
      <PinInput
        key={`${step}-${stepIndex}`}
        label={t(step === 'new' ? newLabelKey : LABEL_KEY[step])}
        value={current}
        onChange={setCurrent}
        onComplete={(pin) => void complete(pin)}
        testId={`pin-${step}`}
        disabled={busy}
      />
      {hintKey !== undefined && step === 'new' && <p className="lq-field__hint">{t(hintKey)}</p>}
      <ErrorAlert error={error} testId="pin-error" />
    </div>
  )
}
