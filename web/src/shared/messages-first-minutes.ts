/**
 * What a newcomer meets first (issue 10): the demo identity, limits checked before the PIN, the
 * limits page, help and the about/developer page.
 */
export const firstMinutesMessages = {
  'realName.demo.body': {
    zh: '演示模式：本服务未接入公安身份核验，只有模拟居民能通过实名认证（名单见 demo/residents.ts）。你自己的姓名和身份证号在这里查不到。',
    en: 'Demo mode: no population register is connected, so only the simulated residents verify (listed in demo/residents.ts). Your own name and ID number are not on record here.',
  },
  'realName.demo.use': { zh: '使用演示身份', en: 'Use a demo identity' },
  'realName.demo.card': {
    zh: '演示身份在模拟银行有一张储蓄卡 {card}，银行预留手机号 {phone}。绑卡时填写它们，验证码会出现在短信发件箱。',
    en: 'The demo identity holds debit card {card} at the simulated bank, with phone {phone} on record. Use both to bind it; the code appears in the SMS outbox.',
  },
  'realName.demo.bind': { zh: '去绑定这张卡', en: 'Bind this card' },
  'error.detail.minAge': {
    zh: '须年满 {minAge} 周岁（该身份证持有人现年 {age} 岁）',
    en: 'You must be at least {minAge} (the ID holder is {age})',
  },

  'limit.perOperation': {
    zh: '单笔最多 {max}',
    en: 'At most {max} at a time',
  },
  'limit.topUpToday': {
    zh: '今日充值还可 {remaining}（每日限额 {limit}）',
    en: 'You can top up {remaining} more today (daily limit {limit})',
  },
  'limit.withdrawToday': {
    zh: '今日提现还可 {remaining}（每日限额 {limit}）',
    en: 'You can withdraw {remaining} more today (daily limit {limit})',
  },
  'limit.balance': {
    zh: '提现金额超出可用余额 {available}',
    en: 'The amount is more than your available balance of {available}',
  },
  'limit.balanceWithFee': {
    zh: '提现金额加服务费 {fee} 超出可用余额 {available}',
    en: 'The amount plus the {fee} fee is more than your available balance of {available}',
  },
  'limit.loading': { zh: '正在读取限额…', en: 'Loading your limits…' },
  'limit.link': { zh: '查看我的限额', en: 'See my limits' },

  'quote.freeBefore': { zh: '免费额度剩余', en: 'Free allowance left' },
  'quote.freeUses': { zh: '本次使用免费额度', en: 'This withdrawal uses' },
  'result.arrived': { zh: '到账时间', en: 'Arrived' },
  'result.pending.arrival': {
    zh: '处理中 · 预计 {time} 前到账',
    en: 'Processing · expected by {time}',
  },

  'limits.title': { zh: '账户限额', en: 'Limits' },
  'limits.current': { zh: '当前账户等级', en: 'Your account class' },
  'limits.class.1': {
    zh: 'Ⅰ类：完成实名认证。自开户起累计余额支付 {limit}。',
    en: 'Class I: real name verified. {limit} of balance payments since opening, in all.',
  },
  'limits.class.2': {
    zh: 'Ⅱ类：另绑定一张本人同名银行卡。每年余额支付 {limit}。',
    en: 'Class II: also a bank card in your own name. {limit} of balance payments a year.',
  },
  'limits.class.3': {
    zh: 'Ⅲ类：另经更多方式核验身份。每年余额支付 {limit}。',
    en: 'Class III: identity checked in more ways. {limit} of balance payments a year.',
  },
  'limits.class.0': {
    zh: '未实名：不能付款、转账或提现。完成实名认证即为Ⅰ类。',
    en: 'Not verified: no payments, transfers or withdrawals. Verify your real name for class I.',
  },
  'limits.used': {
    zh: '已用 {used}，还可用 {remaining}',
    en: '{used} used, {remaining} left',
  },
  'limits.usage': {
    zh: '余额支付今年已用 {year}，开户以来共 {lifetime}（同一身份证的所有账户合计）。',
    en: 'Balance payments: {year} this year, {lifetime} since opening (all accounts of your ID number together).',
  },
  'limits.raise.0': { zh: '去实名认证', en: 'Verify your real name' },
  'limits.raise.1': {
    zh: '绑定本人同名银行卡，升级为Ⅱ类',
    en: 'Bind a card in your own name to reach class II',
  },
  'limits.minor': {
    zh: '未满 {adultAge} 周岁的用户每年余额支付另限 {limit}。',
    en: 'Under {adultAge}, balance payments are also capped at {limit} a year.',
  },
  'limits.wallet.title': { zh: '充值与提现', en: 'Top-ups and withdrawals' },
  'limits.wallet.note': {
    zh: '充值和提现不占用余额支付限额，但各有单笔与每日限额；提现有终身免费额度，超出部分收取 0.1% 服务费（最低 ¥0.10）。',
    en: 'Top-ups and withdrawals do not count toward the balance-payment limit, but each has a per-operation and a daily limit. Withdrawals have a lifetime free allowance; above it the fee is 0.1% (at least ¥0.10).',
  },
  'limits.freeQuota': {
    zh: '提现免费额度还剩 {remaining}（共 {limit}）',
    en: '{remaining} of the {limit} free withdrawal allowance left',
  },

  'help.title': { zh: '帮助与客服', en: 'Help and support' },
  'help.intro': {
    zh: '常见问题。每个问题下方的链接直接打开能解决它的页面。',
    en: 'Common questions. The link under each opens the page that fixes it.',
  },
  'help.binding.q': { zh: '银行卡绑定失败怎么办？', en: 'Binding a card failed: what now?' },
  'help.binding.a': {
    zh: '持卡人姓名须与实名认证一致，手机号须是该卡在银行预留的号码。收不到验证码时，检查网络和手机号，60 秒后可重新获取；卡被冻结、挂失或已过期时请联系银行。',
    en: 'The card must be in your verified name, and the phone must be the one the bank holds for the card. No SMS code? Check your network and number and ask again after 60 s. A frozen, reported-lost or expired card needs the bank.',
  },
  'help.binding.link': { zh: '重新添加银行卡', en: 'Add a card again' },
  'help.payment.q': { zh: '支付或充值失败怎么办？', en: 'A payment or top-up failed: what now?' },
  'help.payment.a': {
    zh: '先检查网络后重试。余额不足时可先充值；银行卡有单笔和每日限额，超出时换一张卡或减少金额；支付密码输错 5 次会锁定 3 小时。',
    en: 'Check your network and try again. Not enough balance: top up first. Cards have per-payment and daily limits: use another card or a smaller amount. Five wrong payment passwords lock payments for 3 hours.',
  },
  'help.payment.link': { zh: '去充值', en: 'Top up' },
  'help.refund.q': { zh: '如何申请退款？', en: 'How do I get a refund?' },
  'help.refund.a': {
    zh: '先联系商家的客服，商家同意后在交易记录中找到该笔交易申请退款，并在记录中查看进度。退款按原支付方式退回：余额支付退回零钱，银行卡支付退回该卡。',
    en: 'Ask the merchant first; once they agree, find the payment in your records, ask for the refund there and follow it there. Refunds go back the way you paid: to the balance or to the card.',
  },
  'help.refund.link': { zh: '查看交易记录', en: 'See my records' },
  'help.freeze.q': { zh: '账户被冻结了怎么申诉？', en: 'My account is frozen: how do I appeal?' },
  'help.freeze.a': {
    zh: '手机丢失可立即冻结账户，冻结后不能付款和提现。找回后提交申诉：已实名的用户填写姓名和身份证号，未实名的用户用短信验证码证明本人，审核通过后恢复。',
    en: 'A lost phone? Freeze the account at once: no payments or withdrawals until it is restored. Then appeal: verified users give their name and ID number, others an SMS code; it is restored once approved.',
  },
  'help.freeze.link': { zh: '冻结或申诉', en: 'Freeze or appeal' },
  'help.limits.q': {
    zh: '为什么有限额？怎样提高？',
    en: 'Why are there limits, and how do I raise them?',
  },
  'help.limits.a': {
    zh: '按人民银行的支付账户规定：实名认证后为Ⅰ类账户，累计可用余额支付 ¥1,000；绑定本人同名银行卡后升为Ⅱ类，每年 ¥100,000。充值和提现另有单笔与每日限额。',
    en: "By the central bank's payment-account rules, a verified account is class I with ¥1,000 of balance payments in all; a card in your own name makes it class II with ¥100,000 a year. Top-ups and withdrawals have their own per-operation and daily limits.",
  },
  'help.limits.link': { zh: '查看我的限额', en: 'See my limits' },
  'help.pin.q': { zh: '忘记支付密码怎么办？', en: 'Forgot the payment password?' },
  'help.pin.a': {
    zh: '用发送到本人手机的验证码和身份证号（已绑定银行卡时，还需其中一张的卡号）即可重置支付密码，重置后锁定也会解除。',
    en: 'Reset it with an SMS code to your phone and your ID number (with a card bound, also its number); a lock is lifted too.',
  },
  'help.pin.link': { zh: '重置支付密码', en: 'Reset the payment password' },
  'help.contact': {
    zh: '仍未解决？请联系运营方的客服，并说明手机号（可隐去中间四位）和发生的时间。',
    en: 'Still stuck? Contact the operator’s support with your phone number (the middle digits may be hidden) and when it happened.',
  },

  'about.title': { zh: '关于与开发者', en: 'About and developers' },
  'about.intro': {
    zh: '零钱是一个可自托管的数字钱包。以下是服务状态与开发者入口。',
    en: 'Lingqian is a self-hostable wallet. Service status and developer links are below.',
  },
  'wallet.more.help': { zh: '帮助与客服', en: 'Help and support' },
  'wallet.more.limits': { zh: '账户等级与限额', en: 'Class and limits' },
  'wallet.more.about': { zh: '关于与开发者', en: 'About and developers' },
} as const satisfies Record<string, { zh: string; en: string }>
