import { useState } from 'react'
import type { ReactNode } from 'react'
import { useI18n } from '../../shared/i18n'
import { Link } from '../../shared/router'
import { walletApi } from '../api'
import type { UserView } from '../api'
import { PinPrompt } from '../components/PinPrompt'
import { useSession } from '../session'

/** 付款短信验证 on/off; changing it takes the payment password. */
export function SecondFactorSection({
  user,
  pinSet,
}: {
  user: UserView
  pinSet: boolean
}): ReactNode {
  const { t } = useI18n()
  const session = useSession()
  const [asking, setAsking] = useState(false)
  const enabled = user.secondFactorEnabled

  return (
    <section className="lq-card" aria-labelledby="lq-second-factor" data-testid="second-factor">
      <div className="lq-switch-row">
        <div>
          <h2 className="lq-card__title" id="lq-second-factor">
            {t('security.secondFactor.title')}
          </h2>
          <p className="lq-muted">{t('security.secondFactor.body')}</p>
        </div>
        <button
          type="button"
          role="switch"
          aria-checked={enabled}
          aria-labelledby="lq-second-factor"
          className="lq-switch"
          disabled={!pinSet || asking}
          data-testid="second-factor-switch"
          onClick={() => setAsking(true)}
        >
          <span className="lq-visually-hidden">
            {t(enabled ? 'security.secondFactor.on' : 'security.secondFactor.off')}
          </span>
        </button>
      </div>
      {!pinSet && (
        <Link to="/payment-password" className="lq-small-link" testId="second-factor-need-pin">
          {t('security.needPin')}
        </Link>
      )}
      {asking && (
        <PinPrompt
          testId="second-factor-prompt"
          onCancel={() => setAsking(false)}
          action={async (pin) => {
            session.setUser(await walletApi.setSecondFactor(!enabled, pin))
            setAsking(false)
          }}
        />
      )}
    </section>
  )
}
