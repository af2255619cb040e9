/**
 * The job queue for operators (roles risk and admin): `GET /api/v1/admin/jobs` lists jobs (by
 * default the pending, running and failed ones, newest change first) with counts;
 * `/api/v1/admin/jobs/counts` is the counts alone, for an overview; admins retry a failed job
 * with `POST /api/v1/admin/jobs/:jobId/retry`.
 */
import {
  JOB_LIST_LIMIT_MAX as MODULE_LIST_LIMIT_MAX,
  type JobStatus as ModuleJobStatus,
  type JobsService,
} from '../../modules/jobs/index.ts'
import { may, type OpsService } from '../../modules/ops/index.ts'
import { DomainError } from '../../shared/errors.ts'
import { authenticateOperator } from '../admin-auth.ts'
import { AUTH_ERRORS, type Same } from '../contract/common.ts'
import {
  JOB_LIST_LIMIT_MAX,
  JobCounts,
  JobList,
  JobListQuery,
  JobParams,
  type JobStatus,
  JobView,
} from '../contract/jobs.ts'
import type { FastifyRequest } from 'fastify'
import type { HttpApp } from '../server.ts'

// The contract restates the module's statuses and limit; these fail to compile if they drift.
const contractMatches: [
  Same<JobStatus, ModuleJobStatus>,
  Same<typeof JOB_LIST_LIMIT_MAX, typeof MODULE_LIST_LIMIT_MAX>,
] = [true, true]
void contractMatches

export interface JobRoutesDeps {
  ops: OpsService
  jobs: JobsService
}

async function authorize(request: FastifyRequest, ops: OpsService): Promise<void> {
  const { operator } = await authenticateOperator(request, ops)
  if (!may(operator.role, 'jobs.read')) {
    throw new DomainError('FORBIDDEN', { permission: 'jobs.read' })
  }
}

export async function jobRoutes(app: HttpApp, { ops, jobs }: JobRoutesDeps): Promise<void> {
  app.get(
    '/api/v1/admin/jobs',
    {
      schema: {
        tags: ['admin'],
        summary: 'Scheduled jobs: pending, running and failed by default (roles risk and admin)',
        querystring: JobListQuery,
        response: { 200: JobList, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      await authorize(request, ops)
      const { status, limit } = request.query
      const [list, counts] = await Promise.all([
        jobs.list({ ...(status ? { status } : {}), ...(limit ? { limit } : {}) }),
        jobs.counts(),
      ])
      return { jobs: list, counts }
    },
  )

  app.get(
    '/api/v1/admin/jobs/counts',
    {
      schema: {
        tags: ['admin'],
        summary: 'How many jobs are pending, due, running and failed (roles risk and admin)',
        response: { 200: JobCounts, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      await authorize(request, ops)
      return jobs.counts()
    },
  )

  app.post(
    '/api/v1/admin/jobs/:jobId/retry',
    {
      schema: {
        tags: ['admin'],
        summary: 'Retry a failed job now (role admin)',
        description:
          'Pending and due at once, attempts back to 0 (its full maxAttempts again); the last ' +
          'error stays until a run replaces it. Audited as job.retried. JOB_NOT_FOUND (404); ' +
          'JOB_NOT_FAILED (409) for a job that is not failed, such as one just retried.',
        params: JobParams,
        response: { 200: JobView, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { operator } = await authenticateOperator(request, ops)
      return ops.retryJob(operator, request.params.jobId, { jobs }, request.ip)
    },
  )
}
