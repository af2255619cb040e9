/** Staff roles: the owner runs the shop (adds cashiers, later refunds); a cashier takes payments. */
export const STAFF_ROLES = ['owner', 'cashier'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value)
}

export const MERCHANT_STATUSES = ['active', 'suspended'] as const
export type MerchantStatus = (typeof MERCHANT_STATUSES)[number]

export function isMerchantStatus(value: string): value is MerchantStatus {
  return (MERCHANT_STATUSES as readonly string[]).includes(value)
}
