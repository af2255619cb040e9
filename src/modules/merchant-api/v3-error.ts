/**
 * Errors in the v3 wire form `{code, message, detail}` (reference §7): their codes are WeChat's
 * (SIGN_ERROR, PARAM_ERROR, ORDER_NOT_EXIST…), not ours, so merchant code written for WeChat
 * Pay reacts to them unchanged. `detail` tells a developer what exactly was wrong.
 */
export class V3Error extends Error {
  override readonly name = 'V3Error'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly detail?: Record<string, unknown>,
  ) {
    super(message)
  }

  toBody(): { code: string; message: string; detail?: Record<string, unknown> } {
    return {
      code: this.code,
      message: this.message,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
    }
  }
}

export function signError(message: string, detail: Record<string, unknown>): V3Error {
  return new V3Error(401, 'SIGN_ERROR', message, detail)
}
