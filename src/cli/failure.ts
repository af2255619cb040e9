import { isDomainError } from '../shared/errors.ts'

/** A command that cannot do its work: the message for stderr and the exit status. */
export class CommandFailure extends Error {
  override readonly name = 'CommandFailure'
  readonly exitCode: number

  constructor(message: string, exitCode: number) {
    super(message)
    this.exitCode = exitCode
  }
}

/**
 * How a failed command ends: its message and exit status (1 for a domain error, which names a
 * state of the data; 2 for a command that could not run). One rule here and in the bridge.
 */
export function describeFailure(error: unknown): { message: string; exitCode: number } {
  const message = error instanceof Error ? error.message : String(error)
  if (error instanceof CommandFailure) return { message, exitCode: error.exitCode }
  return { message, exitCode: isDomainError(error) ? 1 : 2 }
}
