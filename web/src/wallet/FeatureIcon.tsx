import type { ReactNode } from 'react'

export type FeatureIconName =
  'qr' | 'transfer' | 'redPacket' | 'topUp' | 'withdraw' | 'card' | 'bill' | 'shield'

// Inline SVG rather than emoji or an icon font: renders the same on every system, no extra request.
const PATHS: Record<FeatureIconName, ReactNode> = {
  qr: (
    <>
      <rect x="3" y="3" width="7" height="7" rx="1" />
      <rect x="14" y="3" width="7" height="7" rx="1" />
      <rect x="3" y="14" width="7" height="7" rx="1" />
      <path d="M14 14h3v3h-3zM20 14v1M14 20h1M18 18h3v3h-3" />
    </>
  ),
  transfer: <path d="M4 8h14l-4-4M20 16H6l4 4" />,
  redPacket: (
    <>
      <rect x="5" y="3" width="14" height="18" rx="2" />
      <path d="M5 8c4 3 10 3 14 0" />
      <circle cx="12" cy="10" r="2" />
    </>
  ),
  topUp: <path d="M12 3v11M8 10l4 4 4-4M4 15v4a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-4" />,
  withdraw: <path d="M12 14V3M8 7l4-4 4 4M4 15v4a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-4" />,
  card: (
    <>
      <rect x="2" y="5" width="20" height="14" rx="2" />
      <path d="M2 10h20M6 15h4" />
    </>
  ),
  bill: (
    <>
      <path d="M6 2h9l4 4v16H6z" />
      <path d="M9 10h7M9 14h7M9 18h4" />
    </>
  ),
  shield: (
    <>
      <path d="M12 2l8 3v6c0 5-3.5 9-8 11-4.5-2-8-6-8-11V5z" />
      <path d="M9 12l2 2 4-4" />
    </>
  ),
}

export function FeatureIcon({ name }: { name: FeatureIconName }): ReactNode {
  return (
    <svg
      className="lq-feature-icon"
      viewBox="0 0 24 24"
      width="28"
      height="28"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {PATHS[name]}
    </svg>
  )
}
