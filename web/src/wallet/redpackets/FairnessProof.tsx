import { useEffect, useState } from 'react'
import type { ReactNode } from 'react'
import { ErrorAlert } from '../../shared/ErrorAlert'
import { useI18n } from '../../shared/i18n'
import { formatFen } from '../../shared/money'
import { checkProof } from './fairness'
import type { ProofCheck } from './fairness'
import { redPacketApi } from './redpacket-api'
import type { RedPacketView } from './redpacket-api'

type CheckState =
  { kind: 'checking' } | { kind: 'done'; check: ProofCheck } | { kind: 'error'; error: unknown }

/** The proof fetched and checked in this browser (Web Crypto), once the seed is revealed. */
function useProofCheck(packetId: string, revealed: boolean): CheckState | null {
  const [state, setState] = useState<CheckState>({ kind: 'checking' })
  useEffect(() => {
    if (!revealed) return
    let live = true
    setState({ kind: 'checking' })
    redPacketApi
      .proof(packetId)
      .then(checkProof)
      .then(
        (check) =>
          live && setState(check === null ? { kind: 'checking' } : { kind: 'done', check }),
        (error: unknown) => live && setState({ kind: 'error', error }),
      )
    return () => {
      live = false
    }
  }, [packetId, revealed])
  return revealed ? state : null
}

function ShareRows({ check }: { check: ProofCheck }): ReactNode {
  const { t } = useI18n()
  return (
    <ol className="lq-rp-proof__shares" data-testid="proof-shares">
      {check.shares.map((share) => (
        <li key={share.slot} data-testid="proof-share" data-ok={String(share.ok)}>
          <span>{t('redpacket.proof.slot', { n: share.slot + 1 })}</span>
          <span>{t('redpacket.proof.expected', { amount: formatFen(share.expectedFen) })}</span>
          <span>
            {share.creditedFen === null
              ? t('redpacket.proof.notOpened')
              : t('redpacket.proof.credited', { amount: formatFen(share.creditedFen) })}
          </span>
          <span className="lq-rp-proof__mark" aria-hidden="true">
            {share.ok === null ? '–' : share.ok ? '✓' : '✗'}
          </span>
        </li>
      ))}
    </ol>
  )
}

function CheckResult({ state }: { state: CheckState }): ReactNode {
  const { t } = useI18n()
  if (state.kind === 'checking') return <p className="lq-muted">{t('redpacket.proof.checking')}</p>
  if (state.kind === 'error') return <ErrorAlert error={state.error} testId="proof-error" />
  const { check } = state
  return (
    <>
      <p
        className={`lq-alert ${check.ok ? 'lq-alert--success' : 'lq-alert--error'}`}
        data-testid="proof-result"
        data-ok={String(check.ok)}
      >
        {check.ok ? t('redpacket.proof.ok') : t('redpacket.proof.failed')}
      </p>
      <p data-testid="proof-commitment-check" data-ok={String(check.commitmentMatches)}>
        {check.commitmentMatches ? '✓ ' : '✗ '}
        {t(
          check.commitmentMatches
            ? 'redpacket.proof.commitmentOk'
            : 'redpacket.proof.commitmentBad',
        )}
      </p>
      <ShareRows check={check} />
    </>
  )
}

/** 公平性证明: the commitment from the start; the seed and every share re-drawn once revealed. */
export function FairnessProof({ packet }: { packet: RedPacketView }): ReactNode {
  const { t } = useI18n()
  const revealed = packet.fairness.seed !== null
  const state = useProofCheck(packet.id, revealed)
  return (
    <section className="lq-card lq-rp-proof" data-testid="fairness-proof">
      <h2 className="lq-card__title">{t('redpacket.proof.title')}</h2>
      <p className="lq-muted">{t('redpacket.proof.intro')}</p>
      <dl className="lq-rp-proof__facts">
        <div>
          <dt>{t('redpacket.proof.algorithm')}</dt>
          <dd>{packet.fairness.algorithm}</dd>
        </div>
        <div>
          <dt>{t('redpacket.proof.commitment')}</dt>
          <dd data-testid="proof-commitment">
            <code>{packet.fairness.commitment}</code>
          </dd>
        </div>
        <div>
          <dt>{t('redpacket.proof.seed')}</dt>
          <dd data-testid="proof-seed">
            {packet.fairness.seed === null ? (
              t('redpacket.proof.hidden')
            ) : (
              <code>{packet.fairness.seed}</code>
            )}
          </dd>
        </div>
      </dl>
      {state !== null && <CheckResult state={state} />}
      {packet.split === 'double_average' && <p className="lq-muted">{t('redpacket.proof.bias')}</p>}
      <p className="lq-muted">{t('redpacket.proof.offline')}</p>
      <pre className="lq-rp-proof__command" data-testid="proof-command">
        lingqian redpacket verify {packet.id}
      </pre>
    </section>
  )
}
