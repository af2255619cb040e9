/** Strings of sending a transfer (转账): the contact picker, the amount, the hints, confirming. */
export const transferSendMessages = {
  'transferSend.title': { zh: '转账', en: 'Transfer' },
  'transferSend.pick.title': { zh: '选择联系人', en: 'Choose a contact' },
  'transferSend.pick.empty': {
    zh: '还没有联系人，先添加联系人再转账。',
    en: 'No contacts yet: add one before sending a transfer.',
  },
  'transferSend.pick.contacts': { zh: '去添加联系人', en: 'Add contacts' },
  'transferSend.to': { zh: '转账给 {name}', en: 'Transfer to {name}' },
  'transferSend.amount': { zh: '转账金额', en: 'Amount' },
  'transferSend.note': { zh: '转账说明（选填）', en: 'Note (optional)' },
  'transferSend.next': { zh: '转账', en: 'Transfer' },
  'transferSend.checking': { zh: '正在确认收款方…', en: 'Checking the recipient…' },
  'transferSend.hintTitle': { zh: '请留意', en: 'Please note' },
  'transferSend.hintBody': {
    zh: '这只是提醒，不会阻止转账。确认对方身份后再继续。',
    en: 'This is only a reminder and does not stop the transfer. Continue once you are sure who they are.',
  },
  'transferSend.delayed': {
    zh: '你开启了延时到账：本笔转账非实时到账，预计 {time} 到账，到账前可以撤回。',
    en: 'Delayed arrival is on: this transfer is not real time, it arrives at {time} and can be cancelled until then.',
  },
  'transferSend.fee': { zh: '手续费 {amount}', en: 'Fee {amount}' },
  'transferSend.continue': { zh: '继续转账', en: 'Continue' },
  'transferSend.edit': { zh: '修改', en: 'Edit' },
  'transferSend.confirm': { zh: '向 {name} 转账', en: 'Transfer to {name}' },
} as const
