/**
 * Reading a QR code: the browser's BarcodeDetector on the camera where it exists (Chrome on
 * Android, macOS), else a photo decoded with jsqr. Images are scaled down first so a 12-megapixel
 * photo does not stall the page.
 */
const DECODE_SIDE_MAX_PX = 1024

interface DetectedBarcode {
  rawValue: string
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>
}
type BarcodeDetectorClass = new (options: { formats: string[] }) => BarcodeDetectorLike

/**
 * A detector for the camera (QR codes, and Code128 for a payment code's barcode), or null where
 * the browser has none.
 */
export function codeDetector(formats: readonly string[] = ['qr_code']): BarcodeDetectorLike | null {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector
  if (Detector === undefined) return null
  try {
    return new Detector({ formats: [...formats] })
  } catch {
    return null
  }
}

async function loadImage(file: Blob): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(file)
  try {
    const image = new Image()
    image.src = url
    await image.decode()
    return image
  } finally {
    URL.revokeObjectURL(url)
  }
}

/** The text of the QR code in a photo or screenshot, or null when none is found. */
export async function decodeQrImage(file: Blob): Promise<string | null> {
  const [image, { default: jsQR }] = await Promise.all([loadImage(file), import('jsqr')])
  const scale = Math.min(1, DECODE_SIDE_MAX_PX / Math.max(image.naturalWidth, image.naturalHeight))
  const width = Math.max(1, Math.round(image.naturalWidth * scale))
  const height = Math.max(1, Math.round(image.naturalHeight * scale))
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const context = canvas.getContext('2d', { willReadFrequently: true })
  if (context === null) return null
  context.drawImage(image, 0, 0, width, height)
  const pixels = context.getImageData(0, 0, width, height)
  return jsQR(pixels.data, width, height)?.data ?? null
}
