/**
 * Real images a phone camera reads: QR codes (`qrcode`) and Code128 barcodes (`bwip-js`) of a
 * payment code or of an order's / a static code's pay URL, as PNG or SVG.
 */
import bwipjs from 'bwip-js'
import QRCode from 'qrcode'
import { DomainError } from '../../shared/errors.ts'
import type { ImageFormat, ImageKind, RenderedImage } from './payment-types.ts'

const CONTENT_LENGTH_MAX = 512

export async function renderImage(
  content: string,
  kind: ImageKind,
  format: ImageFormat,
): Promise<RenderedImage> {
  if (content.length === 0 || content.length > CONTENT_LENGTH_MAX) {
    throw new DomainError('INVALID_REQUEST', { field: 'content' })
  }
  if (kind === 'qr') {
    if (format === 'svg') {
      const svg = await QRCode.toString(content, {
        type: 'svg',
        errorCorrectionLevel: 'M',
        margin: 2,
      })
      return { contentType: 'image/svg+xml', body: Buffer.from(svg, 'utf8') }
    }
    const png = await QRCode.toBuffer(content, {
      type: 'png',
      errorCorrectionLevel: 'M',
      margin: 2,
      scale: 8,
    })
    return { contentType: 'image/png', body: png }
  }
  const options = {
    bcid: 'code128',
    text: content,
    scale: 3,
    height: 12,
    includetext: true,
    textxalign: 'center' as const,
  }
  if (format === 'svg')
    return { contentType: 'image/svg+xml', body: Buffer.from(bwipjs.toSVG(options), 'utf8') }
  return { contentType: 'image/png', body: await bwipjs.toBuffer(options) }
}
