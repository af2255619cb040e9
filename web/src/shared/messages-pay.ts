/** The wallet's paying pages: 收付款 (payment code, scanner, 免密), pay pages and results. */
export const payMessages = {
  'pay.home.title': { zh: '收付款', en: 'Pay & receive' },
  'pay.code.title': { zh: '向商家付款', en: 'Pay a shop' },
  'pay.code.barcodeAlt': { zh: '付款码条形码', en: 'Payment code barcode' },
  'pay.code.qrAlt': { zh: '付款码二维码', en: 'Payment code QR' },
  'pay.code.reveal': { zh: '查看数字', en: 'Show digits' },
  'pay.code.hide': { zh: '隐藏数字', en: 'Hide digits' },
  'pay.code.refreshIn': { zh: '{seconds} 秒后自动更新', en: 'Refreshes in {seconds} s' },
  'pay.code.refreshNow': { zh: '立即刷新', en: 'Refresh now' },
  'pay.code.warning': {
    zh: '付款码仅用于向商家付款，请勿发送给他人',
    en: 'Only show this code to a cashier; never send it to anyone',
  },

  'pay.scan.title': { zh: '扫一扫', en: 'Scan' },
  'pay.scan.upload': { zh: '从相册选择二维码', en: 'Choose a QR photo' },
  'pay.scan.reading': { zh: '正在识别…', en: 'Reading…' },
  'pay.scan.hint': {
    zh: '扫描商家的收款码或订单二维码付款',
    en: "Scan a shop's payment QR or an order QR to pay",
  },
  'pay.scan.noDetector': {
    zh: '此浏览器不支持摄像头扫码，请拍照后从相册选择',
    en: 'This browser cannot scan with the camera; take a photo and choose it instead',
  },
  'scan.noCamera': {
    zh: '无法打开摄像头（未授权或没有摄像头），请从相册选择',
    en: 'The camera is not available (not allowed or none); choose a photo instead',
  },
  'pay.scan.notFound': {
    zh: '图片中没有识别到二维码，请换一张清晰的图片',
    en: 'No QR code found in this picture; try a clearer one',
  },
  'pay.scan.isPaymentCode': {
    zh: '这是付款码，是给商家扫的，不能用来付款',
    en: 'This is a payment code: a cashier scans it, you cannot pay with it',
  },
  'pay.scan.isLink': {
    zh: '这不是零钱的收款码，而是 {host} 的链接，为了安全未打开',
    en: 'This is not a Lingqian pay code but a link to {host}; not opened, for your safety',
  },
  'pay.scan.isText': { zh: '二维码内容：{text}', en: 'The QR code says: {text}' },

  'pay.settings.title': { zh: '免密支付', en: 'Passwordless payments' },
  'pay.settings.passwordless': { zh: '小额免密支付', en: 'Small payments without PIN' },
  'pay.settings.passwordlessBody': {
    zh: '商家扫付款码时，限额内的付款无需输入支付密码',
    en: 'When a cashier scans your code, payments within the limits need no payment password',
  },
  'pay.settings.on': { zh: '已开启', en: 'On' },
  'pay.settings.off': { zh: '已关闭', en: 'Off' },
  'pay.settings.perPayment': { zh: '单笔限额', en: 'Per payment' },
  'pay.settings.daily': { zh: '每日限额', en: 'Per day' },
  'pay.settings.max': { zh: '最高 {max}', en: 'At most {max}' },
  'pay.settings.overMax': { zh: '超过可设置的最高限额', en: 'Above the highest limit allowed' },
  'pay.settings.usedToday': {
    zh: '今日已免密支付 {used}，{time} 重置',
    en: 'Used today without PIN: {used}; resets {time}',
  },
  'pay.settings.pinToRaise': {
    zh: '开启免密或提高限额，请输入支付密码确认',
    en: 'Enter your payment password to turn this on or raise a limit',
  },
  'pay.settings.save': { zh: '保存', en: 'Save' },
  'pay.settings.saved': { zh: '已保存', en: 'Saved' },

  'pay.page.title': { zh: '付款', en: 'Pay' },
  'pay.merchant.payTo': { zh: '付款给', en: 'Pay to' },
  'pay.amount.label': { zh: '付款金额', en: 'Amount' },
  'pay.amount.limit': {
    zh: '扫收款码每日限额 {limit}，今日还可付 {left}',
    en: 'Static QR limit {limit} per day; {left} left today',
  },
  'pay.note.label': { zh: '添加备注（选填）', en: 'Note (optional)' },
  'pay.note.hint': { zh: '商家可以看到备注', en: 'The shop sees the note' },
  'pay.note.shown': { zh: '备注：{note}', en: 'Note: {note}' },
  'pay.confirm.title': { zh: '付款给 {merchant}', en: 'Pay {merchant}' },
  'pay.method.title': { zh: '付款方式', en: 'Pay with' },
  'pay.method.default': { zh: '默认', en: 'Default' },
  'pay.method.balance': { zh: '零钱', en: 'Balance' },
  'pay.method.balanceWith': { zh: '零钱（可用 {amount}）', en: 'Balance ({amount} available)' },
  'pay.method.notEnough': { zh: '余额不足', en: 'Not enough balance' },
  'pay.method.none': {
    zh: '没有可用的付款方式：请充值或添加银行卡',
    en: 'No way to pay: top up or add a bank card',
  },
  'pay.order.paid': { zh: '该订单已支付', en: 'This order is already paid' },
  'pay.order.closed': { zh: '该订单已关闭', en: 'This order has been closed' },
  'pay.order.expired': { zh: '该订单已过期', en: 'This order has expired' },

  'pay.fail.NOT_ENOUGH': {
    zh: '零钱余额不够这笔付款：先充值，或换一张银行卡付款',
    en: 'Your balance does not cover this payment: top up first, or pay with a bank card',
  },
  'pay.fail.LIMIT_EXCEEDED': {
    zh: '这笔付款超出了下面的限额，可减少金额、改用银行卡，或等额度重置后再付',
    en: 'This payment is over the limit below: pay less, use a bank card, or wait for the reset',
  },
  'pay.fail.ORDER_PAID': {
    zh: '这笔订单已经付过了，不会重复扣款；如有疑问请联系商家',
    en: 'This order is already paid, nothing was charged again; ask the shop if in doubt',
  },
  'pay.fail.ORDER_CLOSED': {
    zh: '商家已关闭这笔订单，请让商家重新下单',
    en: 'The shop closed this order: ask them for a new one',
  },
  'pay.fail.ORDER_EXPIRED': {
    zh: '订单已超过付款时间，请让商家重新下单',
    en: 'The time to pay this order is over: ask the shop for a new one',
  },
  'pay.fail.MERCHANT_SUSPENDED': {
    zh: '该商家暂停收款，这次未扣款，请用其他方式付给商家',
    en: 'This shop cannot take payments now; nothing was charged, pay them another way',
  },
  'pay.fail.MERCHANT_NOT_FOUND': {
    zh: '找不到这个商家，请确认二维码是否正确',
    en: 'There is no such shop: check the QR code',
  },
  'pay.fail.BANK_LIMIT_EXCEEDED': {
    zh: '超出这张卡在银行的限额，请换用零钱或其他银行卡，或减少金额',
    en: "Over this card's bank limit: use the balance or another card, or pay less",
  },
  'pay.fail.BANK_UNAVAILABLE': {
    zh: '银行暂时无法处理，这次未扣款；请稍后再试，或换用零钱或其他银行卡',
    en: 'The bank cannot answer now and nothing was charged; try later or use another method',
  },
  'pay.fail.BANK_DECLINED': {
    zh: '银行拒绝了这笔付款，请换一种付款方式或联系银行',
    en: 'The bank declined: use another method or call your bank',
  },
  'pay.fail.BANK_INSUFFICIENT_FUNDS': {
    zh: '银行卡余额不足，请换用零钱或其他银行卡',
    en: 'Not enough money on the card: use the balance or another card',
  },
  'pay.fail.ACCOUNT_FROZEN': {
    zh: '账户已冻结，暂时不能付款；如不是本人操作可提交申诉',
    en: 'Your account is frozen, so you cannot pay; appeal if you did not do this',
  },
  'pay.fail.PIN_LOCKED': {
    zh: '支付密码已锁定，可找回支付密码解锁，或等锁定时间结束',
    en: 'The payment password is locked: reset it to unlock, or wait until the lock ends',
  },
  'pay.fail.PAYMENT_DISABLED': {
    zh: '付款功能已关闭，可在设置中开启',
    en: 'Paying is turned off; turn it on in the settings',
  },
  'pay.fail.KYC_REQUIRED': {
    zh: '完成实名认证后才能付款',
    en: 'Verify your real name before paying',
  },
  'pay.fail.PAYMENT_PASSWORD_NOT_SET': {
    zh: '设置支付密码后才能付款',
    en: 'Set a payment password before paying',
  },
  'pay.fail.topUp': { zh: '去充值', en: 'Top up' },
  'pay.fail.seeLimits': { zh: '查看限额', en: 'See limits' },
  'pay.fail.otherMethod': { zh: '换个付款方式', en: 'Pay another way' },
  'pay.limit.rule': { zh: '限额规则', en: 'Rule' },
  'pay.limit.limit': { zh: '限额', en: 'Limit' },
  'pay.limit.left': { zh: '剩余额度', en: 'Left' },
  'pay.limit.resets': { zh: '重置时间', en: 'Resets' },
  'pay.rule.STATIC_QR_DAILY': {
    zh: '扫收款码每日累计限额',
    en: 'Daily total for static QR codes',
  },
  'pay.rule.PASSWORDLESS_PER_PAYMENT': { zh: '免密单笔限额', en: 'Passwordless per payment' },
  'pay.rule.PASSWORDLESS_DAILY': { zh: '免密每日限额', en: 'Passwordless per day' },
  'pay.rule.YEAR': {
    zh: '账户等级年度余额支付限额',
    en: 'Yearly balance-payment limit of your account class',
  },
  'pay.rule.LIFETIME': {
    zh: '账户等级累计余额支付限额',
    en: 'Lifetime balance-payment limit of your account class',
  },
  'pay.rule.DAY': { zh: '每日限额', en: 'Daily limit' },

  'pay.pending.label': { zh: '待确认的付款', en: 'Payment to confirm' },
  'pay.pending.heading': { zh: '商家发起了一笔付款，请确认', en: 'A shop is asking for a payment' },
  'pay.pending.title': { zh: '付款给 {merchant}', en: 'Pay {merchant}' },

  'pay.result.pageTitle': { zh: '付款结果', en: 'Payment' },
  'pay.result.SUCCESS': { zh: '支付成功', en: 'Paid' },
  'pay.result.PROCESSING': { zh: '银行处理中', en: 'The bank is processing' },
  'pay.result.USERPAYING': { zh: '等待确认', en: 'Waiting for confirmation' },
  'pay.result.FAILED': { zh: '支付失败', en: 'Payment failed' },
  'pay.result.CLOSED': { zh: '付款已关闭', en: 'Payment closed' },
  'pay.result.merchant': { zh: '商户', en: 'Shop' },
  'pay.result.description': { zh: '商品', en: 'Item' },
  'pay.result.note': { zh: '备注', en: 'Note' },
  'pay.result.method': { zh: '付款方式', en: 'Paid with' },
  'pay.result.time': { zh: '支付时间', en: 'Time' },
  'pay.result.id': { zh: '交易单号', en: 'Transaction no.' },
  'pay.result.record': { zh: '查看账单', en: 'See the record' },
  // Coupons (优惠): "优惠 −¥5.00 (满30减5)" and what is left to pay.
  'pay.coupon.line': { zh: '优惠 −{amount} ({name})', en: 'Discount −{amount} ({name})' },
  'pay.coupon.payable': { zh: '需付 {amount}', en: 'To pay {amount}' },
  'pay.coupon.fullPrice': {
    zh: '原价 {amount}；优惠以付款时为准，用完则按原价付款',
    en: 'Full price {amount}; if the coupon runs out before you pay, the full price applies',
  },
  'pay.result.original': { zh: '订单金额', en: 'Order amount' },
  'pay.result.coupon': { zh: '优惠', en: 'Discount' },
} as const satisfies Record<string, { zh: string; en: string }>
