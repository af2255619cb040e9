/** Strings of the transfer receipt (转账详情): status, the not-real-time notice, the actions. */
export const transferMessages = {
  'transfer.title': { zh: '转账详情', en: 'Transfer' },
  'transfer.to': { zh: '转账给 {name}', en: 'To {name}' },
  'transfer.from': { zh: '来自 {name} 的转账', en: 'From {name}' },
  'transfer.notRealTime': {
    zh: '本笔转账非实时到账：{time} 到账，到账前可撤回。',
    en: 'This transfer is not real time: it arrives at {time}; until then it can be cancelled.',
  },
  'transfer.expiresAt': {
    zh: '{time} 前未收款将退还',
    en: 'Goes back if not accepted by {time}',
  },
  'transfer.accept': { zh: '收款', en: 'Accept' },
  'transfer.return': { zh: '退还', en: 'Return' },
  'transfer.cancel': { zh: '撤回转账', en: 'Cancel transfer' },
  'transfer.status.DELAYED': { zh: '延时到账中', en: 'Delayed arrival' },
  'transfer.status.PENDING': { zh: '待收款', en: 'Waiting to be accepted' },
  'transfer.status.ACCEPTED': { zh: '已收款', en: 'Accepted' },
  'transfer.status.RETURNED': { zh: '已退还', en: 'Returned' },
  'transfer.status.EXPIRED': { zh: '已过期退还', en: 'Expired and returned' },
  'transfer.status.CANCELLED': { zh: '已撤回', en: 'Cancelled' },
  'transfer.status.FAILED': { zh: '转账失败', en: 'Failed' },
  'transfer.status.PROCESSING': { zh: '处理中', en: 'In progress' },
  'transfer.status.SUCCEEDED': { zh: '已到账', en: 'Arrived' },
  'transfer.status.other': { zh: '处理中', en: 'In progress' },
} as const
