/**
 * The CLI bridge: while `serve` runs on the embedded database no other process may open it, so
 * the server answers the CLI's database commands itself. A second listener, on 127.0.0.1 only
 * and a random port, separate from the public server whatever its HOST; every call must come
 * from loopback and carry the token from `LQ_DATA_DIR/cli.json` (mode 0600). It runs the same
 * `run` as the command run directly and returns its result object; the CLI prints it.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import Fastify, { type FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { App } from '../app.ts'
import { migrate } from '../adapters/db/index.ts'
import { createOutboxSms } from '../adapters/sms/index.ts'
import { isLoopback } from '../http/edge.ts'
import { requestValidatorCompiler } from '../http/validation.ts'
import { constantTimeEqual } from '../shared/crypto.ts'
import { defaultBankUrl } from './command-bank.ts'
import { type CliServices, DATABASE_COMMANDS, parseCommandArgs } from './commands.ts'
import { describeFailure } from './failure.ts'
import { removeCliFile, writeCliFile } from './running-server.ts'

const ARGS_MAX = 32
const ARG_LENGTH_MAX = 1_000

const BridgeCall = Type.Object(
  { args: Type.Array(Type.String({ maxLength: ARG_LENGTH_MAX }), { maxItems: ARGS_MAX }) },
  { additionalProperties: false },
)

export function buildCliBridge(services: CliServices, token: string): FastifyInstance {
  const bridge = Fastify({ logger: false, bodyLimit: 64 * 1024 })
  // JSON bodies are never coerced (as on the public server): args are strings or refused.
  bridge.setValidatorCompiler(requestValidatorCompiler)
  bridge.addHook('onRequest', async (request, reply) => {
    if (!isLoopback(request.socket.remoteAddress)) {
      return reply
        .status(403)
        .send({ failure: { message: 'the CLI bridge is loopback only', exitCode: 2 } })
    }
    if (!constantTimeEqual(request.headers.authorization ?? '', `Bearer ${token}`)) {
      return reply.status(401).send({ failure: { message: 'wrong CLI bridge token', exitCode: 2 } })
    }
  })
  bridge.post('/api/v1/cli/:command', { schema: { body: BridgeCall } }, async (request, reply) => {
    const name = (request.params as { command: string }).command.replace('-', ' ')
    const command = Object.hasOwn(DATABASE_COMMANDS, name) ? DATABASE_COMMANDS[name] : undefined
    if (command === undefined)
      return reply.status(404).send({ failure: { message: `no command ${name}`, exitCode: 2 } })
    const { args } = request.body as { args: string[] }
    try {
      parseCommandArgs(command, args)
      return { result: await command.run(services, args) }
    } catch (error) {
      return reply.status(422).send({ failure: describeFailure(error) })
    }
  })
  return bridge
}

export interface CliBridge {
  close(): Promise<void>
}

/** Starts the bridge for a wired app and publishes it in cli.json; close() withdraws both. */
export async function startCliBridge(app: App): Promise<CliBridge> {
  const token = randomBytes(32).toString('base64url')
  const services: CliServices = {
    ledger: app.ledger,
    outbox: app.smsOutbox ?? createOutboxSms(app.database.db, app.clock),
    migrate: () => migrate(app.database),
    bank: async () => app.bank,
    merchants: async () => app.merchants,
    redPacketProof: (packetId) => app.redpackets.proof(packetId),
    merchantApi: async () => app.merchantApi,
    nowMs: () => app.clock.nowMs(),
  }
  const bridge = buildCliBridge(services, token)
  await bridge.listen({ host: '127.0.0.1', port: 0 })
  const { port } = bridge.server.address() as AddressInfo
  const { dataDir } = app.config
  mkdirSync(dataDir, { recursive: true })
  writeCliFile(dataDir, {
    url: `http://127.0.0.1:${port}`,
    token,
    pid: process.pid,
    bankUrl: defaultBankUrl(app.config),
  })
  return {
    async close() {
      removeCliFile(dataDir)
      await bridge.close()
    },
  }
}
