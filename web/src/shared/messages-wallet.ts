/** Strings of the wallet's pages (the home page's own keys stay in messages.ts). */
export const walletMessages = {
  'wallet.balance.soon': { zh: '暂时无法显示余额', en: 'The balance cannot be shown right now' },
  'wallet.greeting': { zh: '你好，{name}', en: 'Hello, {name}' },
  'wallet.feature.soon': { zh: '即将推出', en: 'Soon' },
  'wallet.banner.frozen.title': { zh: '账户已冻结', en: 'Your account is frozen' },
  'wallet.banner.frozen.body': {
    zh: '资金暂时不能转入或转出。如需解冻，请提交申诉。',
    en: 'No money can move in or out. To unfreeze the account, submit an appeal.',
  },
  'wallet.banner.frozen.action': { zh: '申诉解冻', en: 'Appeal' },
  'wallet.banner.restricted.title': { zh: '账户已被限制支付', en: 'Payments are restricted' },
  'wallet.banner.restricted.body': {
    zh: '你仍可以收款，但暂时不能付款、转账或提现。',
    en: 'You can still receive money, but not pay, transfer or withdraw.',
  },
  'wallet.banner.reason': { zh: '原因：{reason}', en: 'Reason: {reason}' },
  'wallet.kyc.title': { zh: '完成实名认证', en: 'Verify your identity' },
  'wallet.kyc.body': {
    zh: '实名后才能使用零钱付款、转账和提现',
    en: 'Verify your real name to pay, transfer and withdraw',
  },
  'wallet.kyc.action': { zh: '去认证', en: 'Verify' },
  'wallet.limits.title': { zh: '余额支付额度', en: 'Balance payment limit' },
  'wallet.limits.remaining': { zh: '剩余 {amount}', en: '{amount} left' },
  'wallet.limits.used': {
    zh: '已用 {used}，共 {limit}（{period}）',
    en: '{used} of {limit} used ({period})',
  },
  'wallet.limits.period.LIFETIME': { zh: '终身累计', en: 'lifetime' },
  'wallet.limits.period.YEAR': { zh: '本年度', en: 'this year' },
  'wallet.limits.none': { zh: '实名认证后可用', en: 'Available once verified' },

  'signIn.title': { zh: '登录 / 注册', en: 'Sign in or sign up' },
  'signIn.subtitle': {
    zh: '未注册的手机号验证后将自动创建账户',
    en: 'A number without an account gets one once verified',
  },
  'signIn.submit': { zh: '登录', en: 'Sign in' },
  'signIn.lostPhone': { zh: '手机丢失？立即冻结账户', en: 'Lost your phone? Freeze your account' },

  'freeze.title': { zh: '冻结账户', en: 'Freeze account' },
  'freeze.intro': {
    zh: '手机丢失或账户可能被盗时，请立即冻结账户，无需登录。',
    en: 'If your phone is lost or your account may be stolen, freeze it now. No sign-in needed.',
  },
  'freeze.warning.title': { zh: '冻结后', en: 'Once frozen' },
  'freeze.warning.signOut': {
    zh: '所有设备立即退出登录',
    en: 'Every device is signed out at once',
  },
  'freeze.warning.money': {
    zh: '账户资金不能付款、转账、提现，也不能收款',
    en: 'No money can leave or enter: no payments, transfers, withdrawals or incoming money',
  },
  'freeze.warning.unfreeze': {
    zh: '解冻需登录后提交申诉，经人工审核通过',
    en: 'To unfreeze, sign in and submit an appeal for staff to review',
  },
  'freeze.confirm.title': {
    zh: '确认冻结 {phone} 的账户？',
    en: 'Freeze the account of {phone}?',
  },
  'freeze.confirm.body': {
    zh: '冻结立即生效，只能通过申诉解冻。',
    en: 'The freeze takes effect at once and can only be lifted by an appeal.',
  },
  'freeze.confirm.action': { zh: '确认冻结', en: 'Freeze now' },
  'freeze.done.title': { zh: '账户已冻结', en: 'The account is frozen' },
  'freeze.done.body': {
    zh: '所有设备已退出登录，资金已停止流动。确认安全后，请登录并提交申诉解冻。',
    en: 'Every device is signed out and no money can move. Once you are safe, sign in and submit an appeal to unfreeze it.',
  },
  'freeze.done.signIn': { zh: '登录并申诉', en: 'Sign in to appeal' },

  'realName.title': { zh: '实名认证', en: 'Real-name verification' },
  'realName.intro': {
    zh: '根据监管要求，使用零钱付款、转账前需核验你的真实身份。',
    en: 'Regulations require verifying your identity before you pay or transfer.',
  },
  'realName.name': { zh: '真实姓名', en: 'Full name' },
  'realName.namePlaceholder': { zh: '与身份证一致', en: 'As on your ID card' },
  'realName.idNumber': { zh: '身份证号', en: 'ID number' },
  'realName.idNumberPlaceholder': {
    zh: '18 位居民身份证号',
    en: '18-character resident ID number',
  },
  'realName.privacy': {
    zh: '身份证号加密存储，仅用于身份核验。',
    en: 'Your ID number is stored encrypted and used only to verify you.',
  },
  'realName.submit': { zh: '提交认证', en: 'Verify' },
  'realName.done.title': { zh: '实名认证已完成', en: 'You are verified' },
  'realName.done.body': {
    zh: '{name}，你的账户已升级为{accountClass}。',
    en: '{name}, your account is now a {accountClass}.',
  },
  'realName.next': { zh: '设置支付密码', en: 'Set a payment password' },

  'pin.title': { zh: '支付密码', en: 'Payment password' },
  'pin.kycRequired': {
    zh: '设置支付密码前，请先完成实名认证。',
    en: 'Verify your identity before setting a payment password.',
  },
  'pin.set.enter': { zh: '请设置 6 位数字支付密码', en: 'Set a 6-digit payment password' },
  'pin.set.hint': {
    zh: '付款时使用。请勿使用生日、重复或连续的数字。',
    en: 'You will use it to pay. Avoid birthdays and repeated or consecutive digits.',
  },
  'pin.confirm': { zh: '请再次输入，以确认密码', en: 'Enter it again to confirm' },
  'pin.mismatch': {
    zh: '两次输入的密码不一致，请重新设置',
    en: 'The two entries differ; please start again',
  },
  'pin.change.old': { zh: '请输入当前支付密码', en: 'Enter your current payment password' },
  'pin.change.new': { zh: '请设置新的支付密码', en: 'Set a new payment password' },
  'pin.done.set': { zh: '支付密码已设置', en: 'Payment password set' },
  'pin.done.changed': { zh: '支付密码已修改', en: 'Payment password changed' },
  'pin.done.reset': { zh: '支付密码已重置', en: 'Payment password reset' },
  'pin.done.body': {
    zh: '请牢记支付密码，不要告诉任何人，包括自称客服的人。',
    en: 'Remember it and never tell anyone, including people who say they are support staff.',
  },
  'pin.forgot': { zh: '忘记支付密码？', en: 'Forgot your payment password?' },
  'pin.reset.title': { zh: '找回支付密码', en: 'Reset payment password' },
  'pin.reset.intro': {
    zh: '验证手机号和身份证号后，即可设置新的支付密码。',
    en: 'Verify your phone and ID number, then set a new payment password.',
  },
  'pin.reset.codeTo': { zh: '发送到 {phone} 的验证码', en: 'Code sent to {phone}' },
  'pin.reset.cardNumber': { zh: '已绑定银行卡的卡号', en: 'Number of a bound bank card' },
  'pin.reset.cardHint': {
    zh: '为确认是你本人，请输入任一张已绑定银行卡的完整卡号：{cards}',
    en: 'To confirm it is you, enter the full number of one of your bound cards: {cards}',
  },
  'pin.locked': {
    zh: '支付密码输错次数过多，已锁定至 {time}。也可以通过“忘记支付密码”重置。',
    en: 'Too many wrong tries: locked until {time}. You can also reset it with “Forgot your payment password?”.',
  },
  'pin.backToSecurity': { zh: '返回安全中心', en: 'Back to Security' },

  'security.title': { zh: '安全中心', en: 'Security' },
  'security.account': { zh: '账户', en: 'Account' },
  'security.phone': { zh: '手机号', en: 'Phone number' },
  'security.change': { zh: '更换', en: 'Change' },
  'security.realName': { zh: '实名认证', en: 'Real-name verification' },
  'security.realName.unverified': { zh: '未认证', en: 'Not verified' },
  'security.paymentPassword': { zh: '支付密码', en: 'Payment password' },
  'security.paymentPassword.set': { zh: '修改', en: 'Change' },
  'security.paymentPassword.notSet': { zh: '未设置', en: 'Not set' },
  'security.secondFactor.title': { zh: '付款短信验证', en: 'SMS check on payments' },
  'security.secondFactor.body': {
    zh: '开启后，每次付款还需输入短信验证码。',
    en: 'When on, every payment also needs an SMS code.',
  },
  'security.secondFactor.on': { zh: '已开启', en: 'On' },
  'security.secondFactor.off': { zh: '已关闭', en: 'Off' },
  'security.confirmWithPin': {
    zh: '请输入支付密码以确认',
    en: 'Enter your payment password to confirm',
  },
  'security.needPin': {
    zh: '请先设置支付密码',
    en: 'Set a payment password first',
  },
  'security.passkeys.title': { zh: '指纹/面容支付', en: 'Fingerprint / face payment' },
  'security.passkeys.body': {
    zh: '在本设备上用指纹或面容代替支付密码确认付款。',
    en: 'Confirm payments on this device with your fingerprint or face instead of the password.',
  },
  'security.passkeys.add': { zh: '在本设备开启', en: 'Turn on for this device' },
  'security.passkeys.remove': { zh: '移除', en: 'Remove' },
  'security.passkeys.none': { zh: '尚未开启', en: 'Not turned on yet' },
  'security.passkeys.unsupported': {
    zh: '此浏览器不支持指纹/面容支付',
    en: 'This browser does not support fingerprint or face payment',
  },
  'security.passkeys.cancelled': {
    zh: '已取消，或设备未完成验证',
    en: 'Cancelled, or the device did not complete the check',
  },
  'security.passkeys.added': { zh: '已开启指纹/面容支付', en: 'Fingerprint / face payment is on' },
  'security.passkeys.addedAt': { zh: '开启于 {time}', en: 'Turned on {time}' },
  'security.devices.title': { zh: '登录设备', en: 'Signed-in devices' },
  'security.devices.current': { zh: '本机', en: 'This device' },
  'security.devices.lastSeen': { zh: '最近使用 {time}', en: 'Last used {time}' },
  'security.devices.signOut': { zh: '退出', en: 'Sign out' },
  'security.devices.signOutEverywhere': { zh: '退出所有设备', en: 'Sign out everywhere' },
  'security.devices.confirmEverywhere': {
    zh: '确定在所有设备（包括本机）上退出登录？',
    en: 'Sign out on every device, this one included?',
  },
  'security.notices.title': { zh: '安全通知', en: 'Security notices' },
  'security.notices.none': { zh: '暂无通知', en: 'No notices' },
  'security.more': { zh: '更多', en: 'More' },
  'security.freeze': { zh: '冻结账户', en: 'Freeze account' },
  'security.freeze.body': {
    zh: '手机丢失或账户被盗时使用',
    en: 'If your phone is lost or your account stolen',
  },
  'security.appeal': { zh: '账户申诉', en: 'Appeals' },

  'changePhone.title': { zh: '更换手机号', en: 'Change phone number' },
  'changePhone.intro': {
    zh: '需要同时验证当前手机号和新手机号。',
    en: 'Both your current and your new number must be verified.',
  },
  'changePhone.oldCode': {
    zh: '当前手机号 {phone} 的验证码',
    en: 'Code sent to your current number {phone}',
  },
  'changePhone.newPhone': { zh: '新手机号', en: 'New phone number' },
  'changePhone.newCode': { zh: '新手机号的验证码', en: 'Code sent to the new number' },
  'changePhone.submit': { zh: '确认更换', en: 'Change number' },
  'changePhone.done': { zh: '手机号已更换为 {phone}', en: 'Your number is now {phone}' },

  'appeal.title': { zh: '账户申诉', en: 'Appeal' },
  'appeal.intro': {
    zh: '账户被冻结后，可以提交申诉，由工作人员审核后解冻。',
    en: 'If your account is frozen, submit an appeal; staff will review it and unfreeze the account.',
  },
  'appeal.notNeeded': {
    zh: '你的账户没有被冻结，无需申诉。',
    en: 'Your account is not frozen; there is nothing to appeal.',
  },
  'appeal.pending': {
    zh: '你的申诉正在审核中，结果会通过安全通知告诉你。',
    en: 'Your appeal is being reviewed; you will get a security notice with the result.',
  },
  'appeal.statement': { zh: '申诉说明', en: 'What happened' },
  'appeal.statementPlaceholder': {
    zh: '请说明冻结原因和目前的情况，例如“手机已找回”',
    en: 'Say why the account was frozen and how things stand, e.g. “I found my phone”',
  },
  'appeal.verifyId': {
    zh: '为确认是你本人，请填写实名认证时的姓名和身份证号',
    en: 'To confirm it is you, enter the name and ID number you verified with',
  },
  'appeal.verifySms': {
    zh: '为确认是你本人，请输入发送到 {phone} 的验证码',
    en: 'To confirm it is you, enter the code sent to {phone}',
  },
  'appeal.submit': { zh: '提交申诉', en: 'Submit appeal' },
  'appeal.submitted': {
    zh: '申诉已提交，请等待审核',
    en: 'Appeal submitted; please wait for the review',
  },
  'appeal.history': { zh: '申诉记录', en: 'Your appeals' },
  'appeal.submittedAt': { zh: '提交于 {time}', en: 'Submitted {time}' },
  'appeal.decidedAt': { zh: '处理于 {time}', en: 'Decided {time}' },
  'appeal.decisionReason': { zh: '处理意见：{reason}', en: 'Reviewer’s note: {reason}' },
  'appeal.none': { zh: '暂无申诉记录', en: 'No appeals yet' },
} as const satisfies Record<string, { zh: string; en: string }>
