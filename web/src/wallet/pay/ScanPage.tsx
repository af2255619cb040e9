import { useState } from 'react'
import type { ReactNode } from 'react'
import { useI18n } from '../../shared/i18n'
import { navigate } from '../../shared/router'
import { PageShell } from '../components/PageShell'
import { CameraScan, cameraScanAvailable } from '../../shared/CameraScan'
import { decodeQrImage } from '../../shared/code-scan'
import { scanContent } from './scan-content'
import type { ScanContent } from './scan-content'

/** What a code that is not a pay code is, in words. */
function ScannedOther({ content }: { content: ScanContent }): ReactNode {
  const { t } = useI18n()
  let text: string
  if (content.kind === 'paymentCode') text = t('pay.scan.isPaymentCode')
  else if (content.kind === 'link') text = t('pay.scan.isLink', { host: content.host })
  else if (content.kind === 'text') text = t('pay.scan.isText', { text: content.text })
  else return null
  return (
    <div
      className="lq-alert lq-alert--warning"
      role="status"
      data-testid="scan-result"
      data-kind={content.kind}
    >
      <p>{text}</p>
      {content.kind === 'link' && (
        <p className="lq-scan__url" data-testid="scan-result-url">
          {content.url}
        </p>
      )}
    </div>
  )
}

/** 扫一扫: a shop's 收款码 or an order code opens its pay page here; anything else is named. */
export function ScanPage(): ReactNode {
  const { t } = useI18n()
  const [content, setContent] = useState<ScanContent | null>(null)
  const [busy, setBusy] = useState(false)
  const [notFound, setNotFound] = useState(false)

  function handle(text: string): void {
    const read = scanContent(text, [window.location.origin])
    if (read.kind === 'merchant' || read.kind === 'order') return navigate(read.path)
    setContent(read)
  }

  async function upload(file: File | undefined): Promise<void> {
    if (file === undefined) return
    setBusy(true)
    setNotFound(false)
    setContent(null)
    try {
      const text = await decodeQrImage(file)
      if (text === null) setNotFound(true)
      else handle(text)
    } catch {
      setNotFound(true)
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell titleKey="pay.scan.title" backTo="/pay" testId="scan-page">
      <section className="lq-card lq-scan">
        {cameraScanAvailable() ? (
          <CameraScan onText={handle} />
        ) : (
          <p className="lq-muted" data-testid="scan-no-detector">
            {t('pay.scan.noDetector')}
          </p>
        )}
        <label className="lq-button lq-scan__upload">
          {busy ? t('pay.scan.reading') : t('pay.scan.upload')}
          <input
            type="file"
            accept="image/*"
            className="lq-visually-hidden"
            data-testid="scan-upload"
            onChange={(event) => void upload(event.target.files?.[0])}
          />
        </label>
        <p className="lq-muted">{t('pay.scan.hint')}</p>
        {notFound && (
          <p className="lq-alert lq-alert--error" role="alert" data-testid="scan-not-found">
            {t('pay.scan.notFound')}
          </p>
        )}
        {content !== null && <ScannedOther content={content} />}
      </section>
    </PageShell>
  )
}
