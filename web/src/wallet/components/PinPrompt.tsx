import { useState } from 'react'
import type { ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { useI18n } from '../../shared/i18n'
import { PinInput } from './PinInput'

/**
 * "Enter your payment password to confirm": runs `action` with the PIN as soon as six digits are
 * in. On failure the boxes clear and the error stays, so the user can simply type again.
 */
export function PinPrompt({
  action,
  onCancel,
  testId,
}: {
  action: (pin: string) => Promise<void>
  onCancel: () => void
  testId: string
}): ReactNode {
  const { t } = useI18n()
  const [pin, setPin] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  async function run(value: string): Promise<void> {
    setBusy(true)
    setError(null)
    try {
      await action(value)
    } catch (caught) {
      setError(caught)
      setPin('')
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="lq-pin-prompt" data-testid={testId}>
      <PinInput
        label={t('security.confirmWithPin')}
        value={pin}
        onChange={setPin}
        onComplete={(value) => void run(value)}
        testId={`${testId}-pin`}
        disabled={busy}
      />
      <ErrorAlert error={error} testId={`${testId}-error`} />
      <button
        type="button"
        className="lq-link-button"
        onClick={onCancel}
        data-testid={`${testId}-cancel`}
      >
        {t('common.cancel')}
      </button>
    </div>
  )
}
