import { useState } from 'react'
import type { ReactNode } from 'react'
import { ApiError, localError } from '../../shared/api'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { useI18n } from '../../shared/i18n'
import type { MessageKey } from '../../shared/i18n'
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

/**
 * Asks for PINs one screen at a time (current → new → confirm, like a phone wallet) and submits
 * after the last. A failure sends the user back to the step that caused it: a wrong current PIN
 * to the first, a weak new PIN to the new one. `onFatal` takes any other failure off the flow.
 */
export function PinFlow({
  steps,
  newLabelKey = 'pin.set.enter',
  hintKey,
  submit,
  onSuccess,
  onFatal,
}: {
  steps: readonly PinStep[]
  newLabelKey?: MessageKey
  hintKey?: MessageKey
  submit: (values: PinValues) => Promise<void>
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
      const code = caught instanceof ApiError ? caught.code : ''
      const reason = caught instanceof ApiError ? caught.detailString('reason') : undefined
      const sameAsOld = reason === 'SAME_AS_OLD'
      if (code === 'PAYMENT_PASSWORD_WEAK' || sameAsOld) restartAt('new', caught)
      else if (code === 'PIN_WRONG' || code === 'PIN_LOCKED') restartAt(steps[0] ?? 'new', caught)
      else if (onFatal !== undefined) onFatal(caught)
      else restartAt(steps[0] ?? 'new', caught)
    } finally {
      setBusy(false)
    }
  }

  function complete(pin: string): void {
    if (step === 'confirm') {
      if (pin !== values.new) {
        restartAt('new', localError('PIN_MISMATCH', 'pin.mismatch'))
        return
      }
      void finish(values)
      return
    }
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
        onComplete={complete}
        testId={`pin-${step}`}
        disabled={busy}
      />
      {hintKey !== undefined && step === 'new' && <p className="lq-field__hint">{t(hintKey)}</p>}
      <ErrorAlert error={error} testId="pin-error" />
    </div>
  )
}
