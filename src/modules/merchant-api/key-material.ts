/**
 * Key material for the v3 API: RSA-2048 key pairs (node:crypto) and the X.509 certificates the
 * SDKs expect (node-forge builds them: Node can parse certificates but not issue them). A
 * merchant API certificate is what `wechatpay-node-v3` reads its serial from; a platform
 * certificate is what `/v3/certificates` serves in certificate mode.
 */
import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto'
import forge from 'node-forge'
import { assert } from '../../shared/assert.ts'

export interface KeyPairPem {
  publicKeyPem: string
  privateKeyPem: string
}

export function generateRsaKeyPair(): KeyPairPem {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  })
  return { publicKeyPem: publicKey, privateKeyPem: privateKey }
}

/** 40 upper-case hex digits, first one 1–7: a positive DER integer without a leading zero. */
export function newCertificateSerial(): string {
  const first = randomInt(1, 8).toString(16)
  return (first + randomBytes(20).toString('hex').slice(0, 39)).toUpperCase()
}

/** `PUB_KEY_ID_` + 32 digits, the shape WeChat gives its public keys. */
export function newPublicKeyId(): string {
  let digits = ''
  while (digits.length < 32) digits += randomInt(0, 10).toString()
  return `PUB_KEY_ID_${digits}`
}

export interface CertificateRequest {
  serialHex: string
  subjectCommonName: string
  subjectOrganizationalUnit: string
  publicKeyPem: string
  /** Self-signed: the certificate's own key signs it. */
  signingPrivateKeyPem: string
  notBeforeMs: number
  notAfterMs: number
}

export function issueCertificate(request: CertificateRequest): string {
  assert(/^[1-7][0-9A-F]{39}$/.test(request.serialHex), 'certificate serial')
  assert(request.notAfterMs > request.notBeforeMs, 'certificate validity')
  const certificate = forge.pki.createCertificate()
  certificate.publicKey = forge.pki.publicKeyFromPem(request.publicKeyPem)
  certificate.serialNumber = request.serialHex.toLowerCase()
  certificate.validity.notBefore = new Date(request.notBeforeMs)
  certificate.validity.notAfter = new Date(request.notAfterMs)
  const subject = [
    { name: 'commonName', value: request.subjectCommonName },
    { shortName: 'OU', value: request.subjectOrganizationalUnit },
    { name: 'organizationName', value: 'Lingqian' },
    { name: 'countryName', value: 'CN' },
  ]
  certificate.setSubject(subject)
  certificate.setIssuer(subject)
  certificate.sign(
    forge.pki.privateKeyFromPem(request.signingPrivateKeyPem),
    forge.md.sha256.create(),
  )
  return forge.pki.certificateToPem(certificate)
}
