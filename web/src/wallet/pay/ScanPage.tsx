import { useEffect, useRef, useState } from 'react'
import type { ReactNode } from 'react'
import { useI18n } from '../../shared/i18n'
import { navigate } from '../../shared/router'
import { PageShell } from '../components/PageShell'
import { decodeQrImage, qrDetector } from './qr-decode'
import { scanContent } from './scan-content'
import type { ScanContent } from './scan-content'

const CAMERA_SCAN_INTERVAL_MS = 300

/** The camera with a detector, until it reads a code (or is not allowed). */
function CameraScan({ onText }: { onText: (text: string) => void }): ReactNode {
  const { t } = useI18n()
  const video = useRef<HTMLVideoElement>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const textRef = useRef(onText)
  useEffect(() => {
    textRef.current = onText
  })
  useEffect(() => {
    const detector = qrDetector()
    if (detector === null || navigator.mediaDevices === undefined) return
    let stream: MediaStream | null = null
    let timer = 0
    let live = true
    const scan = async () => {
      const element = video.current
      if (!live || element === null) return
      try {
        const found = element.readyState >= 2 ? await detector.detect(element) : []
        const text = found[0]?.rawValue
        if (text !== undefined && live) return textRef.current(text)
      } catch {
        // A frame the detector could not read: try the next.
      }
      timer = window.setTimeout(() => void scan(), CAMERA_SCAN_INTERVAL_MS)
    }
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (media) => {
        stream = media
        if (!live || video.current === null) return
        video.current.srcObject = media
        await video.current.play()
        void scan()
      })
      .catch(() => live && setProblem(t('pay.scan.noCamera')))
    return () => {
      live = false
      window.clearTimeout(timer)
      stream?.getTracks().forEach((track) => track.stop())
    }
  }, [t])
  if (qrDetector() === null) {
    return (
      <p className="lq-muted" data-testid="scan-no-detector">
        {t('pay.scan.noDetector')}
      </p>
    )
  }
  return (
    <div className="lq-scan__camera">
      {problem === null ? (
        <video ref={video} className="lq-scan__video" muted playsInline data-testid="scan-video" />
      ) : (
        <p className="lq-muted" data-testid="scan-camera-problem">
          {problem}
        </p>
      )}
    </div>
  )
}

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
        <CameraScan onText={handle} />
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
