/**
 * The sandbox's customers (LQ_SANDBOX only): two residents of the simulated population, verified
 * with a known payment password — one whose balance is topped up from the sandbox's own funding
 * account before it pays (so every SUCCESS goes through the real payment core), one that is never
 * funded (so NOT_ENOUGH is the core's own answer). A merchant may name a demo user instead.
 * Everything through the modules' indexes; the funding is a balanced DEMO_FUNDING transfer.
 */
import { RESIDENT_COUNT, RESIDENTS, type Resident } from '../../../demo/residents.ts'
import type { IdentityService, SecurityService } from '../../modules/identity/index.ts'
import type { Ledger } from '../../modules/ledger/index.ts'
import type { WalletService } from '../../modules/wallet/index.ts'
import { V3Error } from '../../modules/merchant-api/index.ts'

export interface SandboxPayerDeps {
  identity: IdentityService
  security: SecurityService
  wallet: WalletService
  ledger: Ledger
}

/** The payment password of the sandbox payers and of the demo users (src/seed/demo.ts). */
export const SANDBOX_PAYMENT_PASSWORD = '147258'

const FUNDED = RESIDENTS[RESIDENT_COUNT - 1]
const UNFUNDED = RESIDENTS[RESIDENT_COUNT - 2]

async function verifiedUser(deps: SandboxPayerDeps, resident: Resident) {
  const user = await deps.identity.ensureUser(resident.phone)
  if (!(await deps.identity.getUser(user.id)).verified) {
    await deps.security.verifyRealName({
      userId: user.id,
      realName: resident.name,
      idNumber: resident.idNumber,
    })
  }
  if (!(await deps.security.passwordStatus(user.id)).set) {
    await deps.security.setPaymentPassword({ userId: user.id, password: SANDBOX_PAYMENT_PASSWORD })
  }
  return user.id
}

/** Tops the funded payer's balance up to `amountFen` (idempotent per order). */
async function fund(deps: SandboxPayerDeps, userId: string, amountFen: number, key: string) {
  const balance = await deps.wallet.balanceAccount(userId)
  const { availableFen } = await deps.ledger.getBalance(balance.id)
  if (availableFen >= amountFen) return
  const funding = await deps.ledger.openAccount({
    ownerKind: 'platform',
    ownerId: 'platform',
    purpose: 'sandbox_funding',
    currency: 'CNY',
  })
  await deps.ledger.createTransfer({
    kind: 'posted',
    idempotencyKey: `sandbox-fund:${key}`,
    code: 'DEMO_FUNDING',
    legs: [
      {
        debitAccountId: funding.id,
        creditAccountId: balance.id,
        amountFen: amountFen - availableFen,
      },
    ],
    metadata: { sandbox: key },
  })
}

/** Who pays: the unfunded payer for NOT_ENOUGH; else the named demo user or the funded one. */
export async function sandboxPayer(
  deps: SandboxPayerDeps,
  request: { payerPhone?: string | undefined; outcome: string; amountFen: number; orderId: string },
): Promise<string> {
  // NOT_ENOUGH is the core's answer for a payer who has nothing: never a named user's money.
  if (request.outcome === 'NOT_ENOUGH') return verifiedUser(deps, UNFUNDED as Resident)
  if (request.payerPhone !== undefined) {
    const user = await deps.identity.findUserByPhone(request.payerPhone)
    if (user === undefined) {
      throw new V3Error(400, 'PARAM_ERROR', '付款人不存在 / no user has that phone', {
        field: 'payer',
        location: 'body',
      })
    }
    return user.id
  }
  const userId = await verifiedUser(deps, FUNDED as Resident)
  await fund(deps, userId, request.amountFen, request.orderId)
  return userId
}

/** Before a USERPAYING payment is confirmed: the funded payer gets what it needs, others not. */
export async function fundIfSandboxPayer(
  deps: SandboxPayerDeps,
  userId: string,
  amountFen: number,
  key: string,
): Promise<void> {
  const funded = await deps.identity.findUserByPhone((FUNDED as Resident).phone)
  if (funded?.id === userId) await fund(deps, userId, amountFen, key)
}

/** The sandbox payers' phones (README, tests). */
export const SANDBOX_PAYER_PHONES = {
  funded: (FUNDED as Resident).phone,
  unfunded: (UNFUNDED as Resident).phone,
}
