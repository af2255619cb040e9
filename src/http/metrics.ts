/** Prometheus metrics: one registry per app instance (tests build many apps in one process). */
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client'

export interface Metrics {
  registry: Registry
  httpRequests: Counter<'method' | 'route' | 'status'>
  httpDurationSeconds: Histogram<'method' | 'route'>
  ledgerBatchSize: Histogram
  ledgerBatchSeconds: Histogram
  ledgerBatches: Counter<'path'>
}

export function createMetrics(): Metrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'lingqian_' })
  return {
    registry,
    httpRequests: new Counter({
      name: 'lingqian_http_requests_total',
      help: 'HTTP requests by route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    httpDurationSeconds: new Histogram({
      name: 'lingqian_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    ledgerBatchSize: new Histogram({
      name: 'lingqian_ledger_batch_transfers',
      help: 'Transfers per ledger database call (group commit)',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 1024, 4096],
      registers: [registry],
    }),
    ledgerBatchSeconds: new Histogram({
      name: 'lingqian_ledger_batch_duration_seconds',
      help: 'Duration of one ledger database call',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    ledgerBatches: new Counter({
      name: 'lingqian_ledger_batches_total',
      help: 'Ledger database calls by the path that decided them: set (whole batch at once) or each (one by one)',
      labelNames: ['path'],
      registers: [registry],
    }),
  }
}
