import { type Lang, translate } from './i18n'

/** Up to this many seconds the countdown ticks in seconds; longer waits read in minutes. */
const SECONDS_SHOWN_MAX = 119
const MINUTES_SHOWN_MAX = 119

/**
 * The label of a resend button that waits: "59 秒后重发", but an hourly limit reads
 * "49 分钟后重发" (not "2911 秒后重发") and a daily one "5 小时后重发" — rounded up, so the
 * button never promises a resend before it is allowed.
 *
 * @example resendCountdownText('zh', 2911) // → '49 分钟后重发'
 */
export function resendCountdownText(lang: Lang, secondsLeft: number): string {
  if (secondsLeft <= SECONDS_SHOWN_MAX) {
    return translate(lang, 'sms.countdown', { seconds: secondsLeft })
  }
  const minutes = Math.ceil(secondsLeft / 60)
  if (minutes <= MINUTES_SHOWN_MAX) return translate(lang, 'sms.countdownMinutes', { minutes })
  return translate(lang, 'sms.countdownHours', { hours: Math.ceil(secondsLeft / 3600) })
}
