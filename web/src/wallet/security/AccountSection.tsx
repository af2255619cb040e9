import type { ReactNode } from 'react'
import { maskName, maskPhone } from '../../shared/format'
import { useI18n } from '../../shared/i18n'
import { Link } from '../../shared/router'
import type { PaymentPasswordStatus, UserView } from '../api'

/** Phone, 实名 and 支付密码 rows, each leading to the page that changes it. */
export function AccountSection({
  user,
  pin,
}: {
  user: UserView
  pin: PaymentPasswordStatus | null
}): ReactNode {
  const { t } = useI18n()
  return (
    <section className="lq-card lq-rows" aria-labelledby="lq-security-account">
      <h2 className="lq-card__title" id="lq-security-account">
        {t('security.account')}
      </h2>
      <Link to="/change-phone" className="lq-row" testId="security-phone">
        <span>{t('security.phone')}</span>
        <span className="lq-row__value">
          {maskPhone(user.phone)} · {t('security.change')}
        </span>
      </Link>
      <Link to="/real-name" className="lq-row" testId="security-real-name">
        <span>{t('security.realName')}</span>
        <span className="lq-row__value" data-testid="security-real-name-value">
          {user.verified ? maskName(user.realName ?? '') : t('security.realName.unverified')}
        </span>
      </Link>
      <Link to="/payment-password" className="lq-row" testId="security-payment-password">
        <span>{t('security.paymentPassword')}</span>
        <span className="lq-row__value">
          {pin === null
            ? ''
            : t(pin.set ? 'security.paymentPassword.set' : 'security.paymentPassword.notSet')}
        </span>
      </Link>
    </section>
  )
}
