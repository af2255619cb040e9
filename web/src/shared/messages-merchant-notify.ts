/** Strings of the merchant console's 回调通知 page (v3 notification deliveries). */
export const merchantNotifyMessages = {
  'notify.title': { zh: '回调通知', en: 'Webhooks' },
  'notify.empty': { zh: '还没有发出的通知', en: 'No notifications sent yet' },
  'notify.col.event': { zh: '事件', en: 'Event' },
  'notify.col.status': { zh: '状态', en: 'Status' },
  'notify.col.attempts': { zh: '投递次数', en: 'Attempts' },
  'notify.col.created': { zh: '创建时间', en: 'Created' },
  'notify.resend': { zh: '重新发送', en: 'Resend' },
  'notify.status.pending': { zh: '投递中', en: 'Pending' },
  'notify.status.delivered': { zh: '已送达', en: 'Delivered' },
  'notify.status.given_up': { zh: '已放弃', en: 'Given up' },
  'notify.attempt': { zh: '第 {n} 次', en: 'Attempt {n}' },
  'notify.latency': { zh: '耗时', en: 'Latency' },
  'notify.response': { zh: '应答', en: 'Response' },
  'notify.noAnswer': { zh: '无应答', en: 'No answer' },
} as const
