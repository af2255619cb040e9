/** Process and database health, metrics and the API description. */
import {
  type DatabaseHandle,
  loadMigrations,
  loadRepeatableMigrations,
  migrationsPending,
} from '../../adapters/db/index.ts'
import type { Config } from '../../config.ts'
import type { Metrics } from '../metrics.ts'
import { timingSafeEqual } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { DomainError } from '../../shared/errors.ts'
import { Health, Readiness } from '../contract/system.ts'
import { isLoopback } from '../edge.ts'
import type { HttpApp } from '../server.ts'

/** Metrics name routes and volumes: loopback, or `Authorization: Bearer <LQ_METRICS_TOKEN>`. */
function assertMayReadMetrics(request: FastifyRequest, token: string | undefined): void {
  if (isLoopback(request.socket.remoteAddress)) return
  const given = Buffer.from(request.headers.authorization ?? '')
  const expected = Buffer.from(`Bearer ${token ?? ''}`)
  const matches = given.length === expected.length && timingSafeEqual(given, expected)
  if (token === undefined || !matches) throw new DomainError('FORBIDDEN')
}

export interface SystemRoutesDeps {
  database: DatabaseHandle
  metrics: Metrics
  config: Pick<Config, 'metricsToken'>
}

export async function systemRoutes(app: HttpApp, deps: SystemRoutesDeps): Promise<void> {
  // Numbered migrations and repeatable function files alike (read once: they ship with the code).
  const migrations = loadMigrations()
  const repeatables = loadRepeatableMigrations()
  const migrationsKnown = migrations.length + repeatables.length
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['system'],
        summary: 'The process is up',
        response: { 200: Health },
      },
    },
    async () => ({ status: 'ok' as const }),
  )

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['system'],
        summary: 'The database is reachable and every migration is applied',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (_request, reply) => {
      const database = deps.database.kind
      try {
        const pending = await migrationsPending(deps.database, migrations, repeatables)
        const applied = migrationsKnown - pending.length
        const ready = pending.length === 0
        return reply.status(ready ? 200 : 503).send({
          status: ready ? 'ready' : 'not_ready',
          database,
          migrations: applied,
          pendingMigrations: pending,
        })
      } catch (error) {
        return reply.status(503).send({
          status: 'not_ready',
          database,
          migrations: 0,
          pendingMigrations: [],
          reason: error instanceof Error ? error.message : 'database unreachable',
        })
      }
    },
  )

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    assertMayReadMetrics(request, deps.config.metricsToken)
    const text = await deps.metrics.registry.metrics()
    return reply.type(deps.metrics.registry.contentType).send(text)
  })

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}
