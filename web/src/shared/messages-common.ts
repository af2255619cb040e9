/** Strings shared by the wallet and the consoles: errors, SMS codes, PINs, statuses. */
export const commonMessages = {
  'common.back': { zh: '返回', en: 'Back' },
  'common.cancel': { zh: '取消', en: 'Cancel' },
  'common.next': { zh: '下一步', en: 'Next' },
  'common.loading': { zh: '加载中…', en: 'Loading…' },
  'common.retry': { zh: '重试', en: 'Try again' },
  'common.working': { zh: '请稍候…', en: 'Please wait…' },
  'common.none': { zh: '暂无', en: 'None' },
  'common.signOut': { zh: '退出登录', en: 'Sign out' },
  'common.notFound': { zh: '页面不存在', en: 'Page not found' },
  'common.home': { zh: '返回首页', en: 'Go to the home page' },
  'common.yes': { zh: '是', en: 'Yes' },
  'common.no': { zh: '否', en: 'No' },

  'error.network': {
    zh: '网络错误，请检查网络后重试',
    en: 'Network error: check your connection and try again',
  },
  'error.timeout': {
    zh: '请求超时（{seconds} 秒），请重试',
    en: 'The request timed out after {seconds} s; please try again',
  },
  'error.badResponse': {
    zh: '服务返回了无法识别的响应（HTTP {status}）',
    en: 'The service sent an unexpected response (HTTP {status})',
  },
  'error.unexpected': {
    zh: '出现意外错误，请刷新页面后重试',
    en: 'Something went wrong; reload the page and try again',
  },
  'error.detail.retryAfter': { zh: '请在 {seconds} 秒后重试', en: 'Try again in {seconds} s' },
  'error.detail.retryAfterMinutes': {
    zh: '请在 {minutes} 分钟后重试',
    en: 'Try again in {minutes} min',
  },
  'error.detail.attemptsLeft': {
    zh: '还可以再试 {attemptsLeft} 次',
    en: '{attemptsLeft} tries left',
  },
  'error.detail.unlockAt': { zh: '将于 {time} 解锁', en: 'Unlocks at {time}' },
  'error.detail.bankLimit.SINGLE': {
    zh: '该卡单笔限额 {limit}',
    en: 'The card allows at most {limit} per payment',
  },
  'error.detail.bankLimit.DAILY': {
    zh: '该卡单日限额 {limit}',
    en: 'The card allows at most {limit} a day',
  },
  'error.detail.bankLimit': { zh: '银行卡限额 {limit}', en: 'The card limit is {limit}' },
  'error.detail.remainingToday': {
    zh: '今日还可用 {remaining}',
    en: '{remaining} left today',
  },
  'error.detail.dayLimit': {
    zh: '每日限额 {limit}，今日还可用 {remaining}',
    en: 'Daily limit {limit}; {remaining} left today',
  },
  'error.detail.limitRemaining': {
    zh: '限额 {limit}，还可用 {remaining}',
    en: 'Limit {limit}; {remaining} left',
  },
  'error.detail.maxAmount': { zh: '单笔最多 {max}', en: 'At most {max} at a time' },
  'error.detail.checkCredit': {
    zh: '信用卡请同时核对有效期和安全码（CVN）',
    en: 'For a credit card, also check the expiry date and the CVN',
  },

  'pin.weak.ALL_SAME': {
    zh: '不能全部是相同的数字（如 111111）',
    en: 'It cannot be one digit repeated (like 111111)',
  },
  'pin.weak.SEQUENCE': {
    zh: '不能是连续的数字（如 123456、654321）',
    en: 'It cannot be a run of consecutive digits (like 123456 or 654321)',
  },
  'pin.weak.BIRTH_DATE': { zh: '不能是你的出生日期', en: 'It cannot be your date of birth' },
  'pin.weak.NOT_SIX_DIGITS': { zh: '必须是 6 位数字', en: 'It must be exactly 6 digits' },
  'pin.sameAsOld': {
    zh: '新密码不能与当前密码相同',
    en: 'The new password must differ from the current one',
  },
  'pin.progress': { zh: '已输入 {count} 位，共 6 位', en: '{count} of 6 digits entered' },

  'idNumber.reason.FORMAT': {
    zh: '身份证号应为 18 位，最后一位可以是数字或 X',
    en: 'An ID number has 18 characters; the last may be a digit or X',
  },
  'idNumber.reason.CHECKSUM': {
    zh: '最后一位校验码不对，请检查是否输错',
    en: 'The check character does not match; look for a typo',
  },
  'idNumber.reason.BIRTH_DATE': {
    zh: '其中的出生日期无效',
    en: 'The date of birth in it is not valid',
  },
  'idNumber.reason.REGION': { zh: '其中的地区代码无效', en: 'The region code in it is not valid' },

  'phone.label': { zh: '手机号', en: 'Phone number' },
  'phone.placeholder': { zh: '请输入手机号', en: 'Mobile number' },
  'phone.invalid': {
    zh: '请输入 11 位中国大陆手机号',
    en: 'Enter an 11-digit mainland China mobile number',
  },

  'sms.code': { zh: '验证码', en: 'SMS code' },
  'sms.codePlaceholder': { zh: '6 位验证码', en: '6-digit code' },
  'sms.send': { zh: '获取验证码', en: 'Get code' },
  'sms.resend': { zh: '重新获取', en: 'Send again' },
  'sms.countdown': { zh: '{seconds} 秒后重发', en: 'Resend in {seconds} s' },
  'sms.countdownMinutes': { zh: '{minutes} 分钟后重发', en: 'Resend in {minutes} min' },
  'sms.countdownHours': { zh: '{hours} 小时后重发', en: 'Resend in {hours} h' },
  'sms.sent': { zh: '验证码已发送至 {phone}', en: 'Code sent to {phone}' },
  'sms.devHint': {
    zh: '开发模式：在 /dev/sms 查看验证码',
    en: 'Dev mode: read the codes at /dev/sms',
  },

  'userStatus.normal': { zh: '正常', en: 'Normal' },
  'userStatus.restricted': { zh: '限制支付', en: 'Payments restricted' },
  'userStatus.frozen': { zh: '已冻结', en: 'Frozen' },
  'statusReason.self_freeze': { zh: '本人申请冻结', en: 'Frozen at your own request' },
  'statusReason.demo_freeze': {
    zh: '演示账户：已被冻结，可试试申诉',
    en: 'Demo account: frozen, so you can try an appeal',
  },

  'accountClass.0': { zh: '未实名', en: 'Unverified' },
  'accountClass.1': { zh: 'Ⅰ类账户', en: 'Class I account' },
  'accountClass.2': { zh: 'Ⅱ类账户', en: 'Class II account' },
  'accountClass.3': { zh: 'Ⅲ类账户', en: 'Class III account' },

  'appealStatus.pending': { zh: '审核中', en: 'Under review' },
  'appealStatus.approved': { zh: '已通过', en: 'Approved' },
  'appealStatus.rejected': { zh: '未通过', en: 'Rejected' },
} as const satisfies Record<string, { zh: string; en: string }>
