/**
 * Operator roles and what each may do. support: look users up and decide appeals, with phones
 * and names masked; risk: also freeze/restrict/restore and see full phones and names; admin:
 * everything.
 */
import { maskPhone } from '../identity/index.ts'
import { DomainError } from '../../shared/errors.ts'

export const OPERATOR_ROLES = ['support', 'risk', 'admin'] as const
export type OperatorRole = (typeof OPERATOR_ROLES)[number]

export type Permission =
  | 'user.change_status'
  | 'user.see_identity'
  | 'audit.read_all'
  | 'jobs.read'
  | 'merchants.read'
  | 'merchants.manage'
  | 'jobs.retry'

const ROLES_BY_PERMISSION: Record<Permission, readonly OperatorRole[]> = {
  'user.change_status': ['risk', 'admin'],
  'user.see_identity': ['risk', 'admin'],
  'audit.read_all': ['risk', 'admin'],
  // Job payloads and errors name operations and transfers: not for support.
  'jobs.read': ['risk', 'admin'],
  // Support answers shops' calls; only an admin onboards, suspends or reactivates a merchant.
  'merchants.read': ['support', 'risk', 'admin'],
  'merchants.manage': ['admin'],
  // A retry runs a money move again (a return, a bank call): the admin decides that.
  'jobs.retry': ['admin'],
}

export function isOperatorRole(value: string): value is OperatorRole {
  return (OPERATOR_ROLES as readonly string[]).includes(value)
}

export function may(role: OperatorRole, permission: Permission): boolean {
  return ROLES_BY_PERMISSION[permission].includes(role)
}

export function requirePermission(role: OperatorRole, permission: Permission): void {
  if (!may(role, permission)) throw new DomainError('FORBIDDEN', { permission })
}

/** 张三丰 → **丰, 张伟 → *伟: enough for support to match a caller's name, no more. */
export function maskName(name: string): string {
  const characters = Array.from(name)
  if (characters.length <= 1) return '*'
  return '*'.repeat(characters.length - 1) + characters[characters.length - 1]
}

/** Phone and real name as this role may see them. */
export function identityForRole(
  role: OperatorRole,
  identity: { phone: string; realName: string | null },
): { phone: string; realName: string | null } {
  if (may(role, 'user.see_identity')) return identity
  return {
    phone: maskPhone(identity.phone),
    realName: identity.realName === null ? null : maskName(identity.realName),
  }
}
