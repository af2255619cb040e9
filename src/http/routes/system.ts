/** Process and database health, metrics and the API description. */
import { Type } from 'typebox'
import { loadMigrations, migrationsPending } from '../../adapters/db/index.ts'
import type { AppServices, HttpApp } from '../server.ts'

const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
  database: Type.String(),
  migrations: Type.Integer({ description: 'Migrations applied' }),
  pendingMigrations: Type.Array(Type.String()),
  reason: Type.Optional(Type.String()),
})

export async function systemRoutes(app: HttpApp, services: AppServices): Promise<void> {
  const migrationsKnown = loadMigrations().length
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['system'],
        summary: 'The process is up',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
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
      const database = services.database.kind
      try {
        const pending = await migrationsPending(services.database)
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

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    const text = await services.metrics.registry.metrics()
    return reply.type(services.metrics.registry.contentType).send(text)
  })

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}
