/**
 * `lingqian merchant credentials <mchid>`: the merchant's WeChat Pay v3 credentials as one JSON
 * object (reference §0; issue 13 "Credentials"). The first call creates them and is the only one
 * that prints a generated merchant private key; later calls print the same public parts, and
 * may switch the default platform key's mode or rotate it.
 */
import { readFileSync } from 'node:fs'
import { isAbsolute } from 'node:path'
import {
  BILL_DOWNLOAD_HOSTS,
  type BillDownloadHost,
  type MerchantCredentials,
  PLATFORM_KEY_MODES,
  type PlatformKeyMode,
} from '../modules/merchant-api/index.ts'
import { DomainError } from '../shared/errors.ts'
import { parseArgs } from 'node:util'
import type { CliCommand } from './commands.ts'
import { CommandFailure } from './failure.ts'

function readPublicKey(path: string): string {
  // The running server may answer this command: it reads the file, from its own directory.
  if (!isAbsolute(path)) throw new CommandFailure('--public-key-file needs an absolute path', 2)
  try {
    return readFileSync(path, 'utf8')
  } catch {
    throw new CommandFailure(`cannot read --public-key-file ${path}`, 2)
  }
}

function platformKeyMode(value: string | boolean | undefined): PlatformKeyMode | undefined {
  if (value === undefined || typeof value !== 'string') return undefined
  if (!(PLATFORM_KEY_MODES as readonly string[]).includes(value)) {
    throw new CommandFailure('--platform-key-mode is pubkey or cert', 2)
  }
  return value as PlatformKeyMode
}

function billDownloadHost(value: string | boolean | undefined): BillDownloadHost | undefined {
  if (value === undefined || typeof value !== 'string') return undefined
  if (!(BILL_DOWNLOAD_HOSTS as readonly string[]).includes(value)) {
    throw new CommandFailure('--bill-download-host is server or official', 2)
  }
  return value as BillDownloadHost
}

export const merchantCredentialsCommand: CliCommand<MerchantCredentials> = {
  options: {
    'public-key-file': { type: 'string' },
    'platform-key-mode': { type: 'string' },
    'rotate-platform-key': { type: 'boolean' },
    'bill-download-host': { type: 'string' },
    json: { type: 'boolean' },
  },
  allowPositionals: true,
  run: async (services, args) => {
    // parseArgs directly: importing commands.ts back would make an import cycle.
    const { values, positionals } = parseArgs({
      args,
      options: merchantCredentialsCommand.options,
      allowPositionals: true,
      strict: true,
    })
    const merchantId = positionals[0]
    if (merchantId === undefined || !/^[1-9][0-9]{9}$/.test(merchantId)) {
      throw new CommandFailure('give the merchant’s 10-digit mchid', 2)
    }
    const keyFile = values['public-key-file']
    const mode = platformKeyMode(values['platform-key-mode'])
    const host = billDownloadHost(values['bill-download-host'])
    try {
      return await (
        await services.merchantApi()
      ).issueCredentials({
        merchantId,
        ...(typeof keyFile === 'string' ? { publicKeyPem: readPublicKey(keyFile) } : {}),
        ...(mode ? { platformKeyMode: mode } : {}),
        ...(values['rotate-platform-key'] === true ? { rotatePlatformKey: true } : {}),
        ...(host ? { billDownloadHost: host } : {}),
      })
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      throw new CommandFailure(`${error.code}: ${error.localized.en}`, 2)
    }
  },
  print: (credentials) => {
    // JSON either way: these are keys for a program, not for reading.
    process.stdout.write(`${JSON.stringify(credentials)}\n`)
    return 0
  },
}
