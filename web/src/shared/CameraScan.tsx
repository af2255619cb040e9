import { useEffect, useRef, useState } from 'react'
import type { ReactNode } from 'react'
import { codeDetector } from './code-scan'
import { useI18n } from './i18n'

const CAMERA_SCAN_INTERVAL_MS = 300

/** Whether this browser can read codes from the camera (BarcodeDetector). */
export function cameraScanAvailable(): boolean {
  return codeDetector() !== null && navigator.mediaDevices !== undefined
}

/**
 * The camera with a BarcodeDetector, until it reads a code of `formats`; says so when the camera
 * is not allowed. Render it only where `cameraScanAvailable()`.
 */
export function CameraScan({
  onText,
  formats = ['qr_code'],
}: {
  onText: (text: string) => void
  formats?: readonly string[]
}): ReactNode {
  const { t } = useI18n()
  const video = useRef<HTMLVideoElement>(null)
  const [problem, setProblem] = useState(false)
  const textRef = useRef(onText)
  useEffect(() => {
    textRef.current = onText
  })
  const formatKey = formats.join(',')
  useEffect(() => {
    const detector = codeDetector(formatKey.split(','))
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
      .catch(() => live && setProblem(true))
    return () => {
      live = false
      window.clearTimeout(timer)
      stream?.getTracks().forEach((track) => track.stop())
    }
  }, [formatKey])
  if (problem) {
    return (
      <p className="lq-muted" data-testid="scan-camera-problem">
        {t('scan.noCamera')}
      </p>
    )
  }
  return <video ref={video} className="lq-scan__video" muted playsInline data-testid="scan-video" />
}
