import { adminMessages } from './messages-admin'
import { chatMessages } from './messages-chat'
import { adminConsoleMessages } from './messages-admin-console'
import { commonMessages } from './messages-common'
import { firstMinutesMessages } from './messages-first-minutes'
import { confirmMessages } from './messages-confirm'
import { merchantMessages } from './messages-merchants'
import { merchantMoneyMessages } from './messages-merchant-money'
import { moneyMessages } from './messages-money'
import { recordsMessages } from './messages-records'
import { payMessages } from './messages-pay'
import { payMerchantMessages } from './messages-pay-merchant'
import { transferMessages } from './messages-transfers'
import { refundMessages } from './messages-refunds'
import { walletMessages } from './messages-wallet'
import { merchantKeysMessages } from './messages-merchant-keys'
import { redPacketMessages } from './messages-redpackets'
import { transferSendMessages } from './messages-transfer-send'
import { merchantNotifyMessages } from './messages-merchant-notify'

/**
 * Every visible string of the three apps, in Chinese (the default) and English.
 * Keys are grouped by prefix: `common.*` and `status.*` are shared, the rest belong to one app.
 * The pages' strings live in messages-*.ts so no file grows past reading length.
 */
export const messages = {
  ...commonMessages,
  ...walletMessages,
  ...moneyMessages,
  ...confirmMessages,
  ...adminMessages,
  ...merchantMoneyMessages,
  ...adminConsoleMessages,
  ...firstMinutesMessages,
  ...merchantMessages,
  ...recordsMessages,
  ...refundMessages,
  ...chatMessages,
  ...payMessages,
  ...payMerchantMessages,
  ...transferMessages,
  ...merchantKeysMessages,
  ...redPacketMessages,
  ...transferSendMessages,
  ...merchantNotifyMessages,
  'common.brand': { zh: '零钱 Lingqian', en: '零钱 Lingqian' },
  'common.tagline': {
    zh: '可自托管的数字钱包与支付平台',
    en: 'A self-hostable wallet and payment platform',
  },
  'common.comingSoon': { zh: '即将推出', en: 'Coming soon' },
  'common.language': { zh: '语言', en: 'Language' },
  'common.lang.zh': { zh: '中文', en: '中文' },
  'common.lang.en': { zh: 'English', en: 'English' },

  'status.title': { zh: '服务状态', en: 'Service status' },
  'status.loading': { zh: '正在检查…', en: 'Checking…' },
  'status.ready': { zh: '运行正常', en: 'Ready' },
  'status.notReady': { zh: '未就绪', en: 'Not ready' },
  'status.error': { zh: '无法获取服务状态', en: 'Cannot get the service status' },
  'status.field.status': { zh: '状态', en: 'Status' },
  'status.field.database': { zh: '数据库', en: 'Database' },
  'status.field.migrations': { zh: '已执行迁移', en: 'Migrations applied' },
  'status.db.pglite': { zh: 'PGlite（内置）', en: 'PGlite (embedded)' },
  'status.db.postgres': { zh: 'PostgreSQL', en: 'PostgreSQL' },
  'status.rawStatus': { zh: '{status}（HTTP {code}）', en: '{status} (HTTP {code})' },
  'status.unknown': { zh: '未知', en: 'Unknown' },
  'status.checkedAt': { zh: '检查时间 {time}', en: 'Checked at {time}' },
  'status.refresh': { zh: '刷新', en: 'Refresh' },
  'status.reason.network': {
    zh: '网络错误，服务可能未启动：{detail}',
    en: 'Network error, the service may be down: {detail}',
  },
  'status.reason.timeout': { zh: '请求超时（{seconds} 秒）', en: 'Timed out after {seconds} s' },
  'status.reason.badResponse': {
    zh: '响应格式不正确（HTTP {code}）',
    en: 'Unexpected response (HTTP {code})',
  },

  'links.title': { zh: '更多入口', en: 'More' },
  'links.openapi': { zh: 'API 描述（OpenAPI）', en: 'API description (OpenAPI)' },
  'links.wallet': { zh: '个人钱包', en: 'Wallet' },
  'links.merchant': { zh: '商户平台', en: 'Merchant console' },
  'links.admin': { zh: '管理后台', en: 'Admin console' },

  'wallet.documentTitle': { zh: '零钱 · 钱包', en: 'Lingqian · Wallet' },
  'wallet.role': { zh: '个人钱包', en: 'Personal wallet' },
  'wallet.balance.label': { zh: '零钱余额', en: 'Balance' },
  'wallet.balance.placeholder': { zh: '登录后查看', en: 'Sign in to see your balance' },
  'wallet.signIn': { zh: '登录', en: 'Sign in' },
  'wallet.features.title': { zh: '钱包功能', en: 'Wallet features' },
  'wallet.feature.payReceive': { zh: '收付款', en: 'Pay & receive' },
  'wallet.feature.transfer': { zh: '转账', en: 'Transfer' },
  'wallet.feature.redPacket': { zh: '红包', en: 'Red packets' },
  'wallet.feature.topUp': { zh: '充值', en: 'Top up' },
  'wallet.feature.withdraw': { zh: '提现', en: 'Withdraw' },
  'wallet.feature.bankCards': { zh: '银行卡', en: 'Bank cards' },
  'wallet.feature.bills': { zh: '账单', en: 'Bills' },
  'wallet.feature.security': { zh: '安全中心', en: 'Security' },

  'console.navLabel': { zh: '导航', en: 'Navigation' },
  'console.building': {
    zh: '功能正在开发中，左侧菜单列出了即将推出的内容。',
    en: 'These features are being built. The menu on the left lists what is coming.',
  },
  'console.nav.overview': { zh: '概览', en: 'Overview' },

  'merchant.documentTitle': { zh: '零钱 · 商户平台', en: 'Lingqian · Merchant console' },
  'merchant.role': { zh: '商户平台', en: 'Merchant console' },
  'merchant.intro': {
    zh: '管理收款、退款、结算、API 密钥与回调通知。',
    en: 'Manage payments, refunds, settlements, API keys and webhooks.',
  },
  'merchant.nav.payments': { zh: '收款记录', en: 'Payments' },
  'merchant.nav.refunds': { zh: '退款', en: 'Refunds' },
  'merchant.nav.settlements': { zh: '结算', en: 'Settlements' },
  'merchant.nav.apiKeys': { zh: 'API 密钥', en: 'API keys' },
  'merchant.nav.webhooks': { zh: '回调通知', en: 'Webhooks' },

  'admin.documentTitle': { zh: '零钱 · 管理后台', en: 'Lingqian · Admin console' },
  'admin.role': { zh: '管理后台', en: 'Admin console' },
  'admin.intro': {
    zh: '管理用户、商户、账本与风控规则。',
    en: 'Manage users, merchants, the ledger and risk rules.',
  },
  'admin.nav.users': { zh: '用户', en: 'Users' },
  'admin.nav.merchants': { zh: '商户', en: 'Merchants' },
  'admin.nav.ledger': { zh: '账本', en: 'Ledger' },
  'admin.nav.risk': { zh: '风控', en: 'Risk controls' },
  'admin.nav.audit': { zh: '审计日志', en: 'Audit log' },
} as const satisfies Record<string, { zh: string; en: string }>

export type MessageKey = keyof typeof messages
