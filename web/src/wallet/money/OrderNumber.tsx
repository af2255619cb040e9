import { useState } from 'react'
import type { ReactNode } from 'react'
import { useI18n } from '../../shared/i18n'

/**
 * 交易单号: the operation's id, to quote to support or the bank, with a copy button (the id is
 * long and not meant to be typed). Without the Clipboard API (plain http, old browsers) the
 * number stays selectable and the button says so.
 */
export function OrderNumber({ operationId }: { operationId: string }): ReactNode {
  const { t } = useI18n()
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no')

  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(operationId)
      setCopied('yes')
    } catch {
      setCopied('failed')
    }
  }

  const label = { no: 'result.copy', yes: 'result.copied', failed: 'result.copyFailed' } as const
  return (
    <div className="lq-result__order">
      <dt>{t('result.orderNumber')}</dt>
      <dd>
        <span className="lq-result__order-id" data-testid="money-result-order-number">
          {operationId}
        </span>
        <button
          type="button"
          className="lq-link-button"
          data-testid="money-result-copy-order"
          onClick={() => void copy()}
        >
          {t(label[copied])}
        </button>
      </dd>
    </div>
  )
}
