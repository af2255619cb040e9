import type { ReactNode } from 'react'

/** The character banks are known by in China (工行, 建行…), drawn as a round logo stand-in. */
const MARK: Readonly<Record<string, string>> = {
  ICBC: '工',
  CCB: '建',
  ABC: '农',
  BOC: '中',
  CMB: '招',
  BOCOM: '交',
}

export function BankBadge({ bankCode }: { bankCode: string }): ReactNode {
  return (
    <span className={`lq-bank-badge lq-bank--${bankCode}`} aria-hidden="true">
      {MARK[bankCode] ?? bankCode.slice(0, 1)}
    </span>
  )
}
