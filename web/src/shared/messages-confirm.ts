/** Strings of the SMS code and passkey (指纹/面容) steps. */
export const confirmMessages = {
  'sms.burned': {
    zh: '错误次数过多，此验证码已作废，请重新获取',
    en: 'Too many wrong tries: this code no longer works; get a new one',
  },
  'addCard.codeStillValid': {
    zh: '验证码刚才已发送至 {phone}，请输入该验证码',
    en: 'A code was sent to {phone} a moment ago; enter that code',
  },
  'confirm.passkey.intro': {
    zh: '请验证指纹或面容以确认',
    en: 'Confirm with your fingerprint or face',
  },
  'confirm.passkey.use': { zh: '使用指纹/面容支付', en: 'Use fingerprint / face' },
  'confirm.passkey.waiting': { zh: '请验证指纹/面容…', en: 'Waiting for fingerprint / face…' },
  'confirm.passkey.usePassword': { zh: '使用支付密码', en: 'Use the payment password' },
  'confirm.passkey.notRecognised': {
    zh: '指纹/面容验证未通过，请输入支付密码',
    en: 'Fingerprint / face not confirmed; enter your payment password',
  },
  'security.passkeys.needHostName': {
    zh: '浏览器不允许在 IP 地址上使用指纹/面容支付，需要通过域名访问零钱。',
    en: 'Browsers do not allow fingerprint / face payment on an IP address: open Lingqian by a host name.',
  },
  'security.passkeys.openLocalhost': {
    zh: '改用 {url} 打开',
    en: 'Open {url} instead',
  },
  'security.passkeys.otherHost': {
    zh: '在 {host} 上开启，此处不可用',
    en: 'Turned on for {host}; not usable here',
  },
} as const
