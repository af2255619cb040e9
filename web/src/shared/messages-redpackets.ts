/** Strings of the red packet pages: sending (发红包), the bubble and opening (拆), the details. */
export const redPacketMessages = {
  'redpacket.send.title': { zh: '发红包', en: 'Send a red packet' },
  'redpacket.pick.title': { zh: '发红包到…', en: 'Send a red packet to…' },
  'redpacket.pick.intro': {
    zh: '红包发在聊天里：选择一个聊天。',
    en: 'Red packets go into a chat: pick one.',
  },
  'redpacket.pick.empty': {
    zh: '还没有聊天，先添加联系人或发起群聊。',
    en: 'No chats yet: add a contact or start a group first.',
  },
  'redpacket.kind.label': { zh: '红包类型', en: 'Kind' },
  'redpacket.kind.single': { zh: '普通红包', en: 'Red packet' },
  'redpacket.kind.lucky': { zh: '拼手气红包', en: 'Lucky draw' },
  'redpacket.kind.fixed': { zh: '普通红包（均分）', en: 'Equal shares' },
  'redpacket.kind.exclusive': { zh: '专属红包', en: 'Exclusive' },
  'redpacket.kind.single.hint': { zh: '发给对方一人', en: 'For the other person' },
  'redpacket.kind.lucky.hint': {
    zh: '每人抽到的金额随机',
    en: 'Each person draws a random amount',
  },
  'redpacket.kind.fixed.hint': { zh: '每人领取相同金额', en: 'Everyone gets the same amount' },
  'redpacket.kind.exclusive.hint': {
    zh: '只有指定的一位群成员可以领取',
    en: 'Only the one member you choose can open it',
  },
  'redpacket.amount.total': { zh: '总金额', en: 'Total' },
  'redpacket.amount.single': { zh: '单个金额', en: 'Amount per share' },
  'redpacket.amount.one': { zh: '金额', en: 'Amount' },
  'redpacket.shares': { zh: '红包个数', en: 'Number of shares' },
  'redpacket.shares.hint': {
    zh: '本群共 {count} 人，最多 {max} 个',
    en: 'This group has {count} members; at most {max} shares',
  },
  'redpacket.recipient': { zh: '发给谁', en: 'Who may open it' },
  'redpacket.message': { zh: '祝福语', en: 'Message' },
  'redpacket.message.placeholder': { zh: '恭喜发财，大吉大利', en: 'Best wishes' },
  'redpacket.cover': { zh: '红包封面', en: 'Cover' },
  'redpacket.cover.classic': { zh: '经典', en: 'Classic' },
  'redpacket.cover.spring': { zh: '新春', en: 'Spring' },
  'redpacket.cover.lantern': { zh: '灯笼', en: 'Lantern' },
  'redpacket.cover.fortune': { zh: '福气', en: 'Fortune' },
  'redpacket.rules': {
    zh: '单个红包最多 {packetMax}，每人至少 {shareMin}，最多 {sharesMax} 个；24 小时未领取的金额退回零钱。',
    en: 'At most {packetMax} per packet, at least {shareMin} each, up to {sharesMax} shares; what is not opened in 24 hours comes back to your balance.',
  },
  'redpacket.total': { zh: '合计 {amount}', en: 'Total {amount}' },
  'redpacket.submit': { zh: '塞钱进红包', en: 'Put money in' },
  'redpacket.confirm': { zh: '发红包', en: 'Red packet' },
  'redpacket.error.packetMax': {
    zh: '单个红包金额不能超过 {max}',
    en: 'A red packet holds at most {max}',
  },
  'redpacket.error.shareMin': {
    zh: '每人至少 {min}，请增加金额或减少个数',
    en: 'Each share needs at least {min}: raise the amount or lower the shares',
  },
  'redpacket.error.sharesMax': {
    zh: '一次最多发 {max} 个红包',
    en: 'At most {max} shares per packet',
  },
  'redpacket.error.groupSize': {
    zh: '红包个数不能超过群人数（{count} 人）',
    en: 'No more shares than members ({count})',
  },
  'redpacket.error.shares': { zh: '请填写红包个数', en: 'Enter the number of shares' },
  'redpacket.error.recipient': {
    zh: '请选择可以领取的成员',
    en: 'Choose the member who may open it',
  },

  'redpacket.bubble.open': { zh: '领取红包', en: 'Open it' },
  'redpacket.bubble.FINISHED': { zh: '已被领完', en: 'All opened' },
  'redpacket.bubble.EXPIRED': { zh: '已过期', en: 'Expired' },
  'redpacket.bubble.exclusive': { zh: '专属红包', en: 'Exclusive' },
  'redpacket.sheet.from': { zh: '{name}发出的红包', en: 'A red packet from {name}' },
  'redpacket.sheet.open': { zh: '開', en: 'Open' },
  'redpacket.sheet.openLabel': { zh: '拆红包', en: 'Open the red packet' },
  'redpacket.sheet.close': { zh: '关闭', en: 'Close' },
  'redpacket.sheet.received': { zh: '已存入零钱', en: 'Added to your balance' },
  'redpacket.sheet.details': { zh: '查看领取详情', en: 'See who got what' },
  'redpacket.sheet.REDPACKET_EMPTY': {
    zh: '手慢了，红包派完了',
    en: 'Too late: this red packet is all gone',
  },
  'redpacket.sheet.REDPACKET_EXPIRED': {
    zh: '该红包已超过 24 小时，已过期',
    en: 'This red packet is more than 24 hours old and has expired',
  },
  'redpacket.sheet.REDPACKET_NOT_FOR_YOU': {
    zh: '这是专属红包，只有指定的人可以领取',
    en: 'This is an exclusive red packet: only the person it is for can open it',
  },

  'redpacket.page.title': { zh: '红包详情', en: 'Red packet' },
  'redpacket.page.mine': { zh: '我领到了', en: 'You got' },
  'redpacket.page.progress': {
    zh: '已领取 {opened}/{shares} 个，共 {openedAmount}/{total}',
    en: '{opened} of {shares} opened, {openedAmount} of {total}',
  },
  'redpacket.page.waiting': { zh: '等待对方领取', en: 'Waiting to be opened' },
  'redpacket.page.bestLuck': { zh: '手气最佳', en: 'Best luck' },
  'redpacket.page.returned': {
    zh: '红包已过期，未领取的 {amount} 已退回 {name} 的零钱',
    en: 'Expired: the {amount} nobody opened went back to {name}',
  },
  'redpacket.page.expiredNothing': {
    zh: '红包已过期',
    en: 'This red packet has expired',
  },
  'redpacket.page.expiresAt': {
    zh: '{time} 前未领取的金额将退回',
    en: 'What is not opened by {time} goes back',
  },
  'redpacket.page.back': { zh: '回到聊天', en: 'Back to the chat' },

  'redpacket.proof.title': { zh: '公平性证明', en: 'Fairness proof' },
  'redpacket.proof.intro': {
    zh: '发红包时已公布承诺值 SHA-256(种子 ‖ 红包编号)；红包领完或过期后公开种子，每一份金额都能由种子重新算出。',
    en: 'When it was sent the packet published the commitment SHA-256(seed ‖ packet id); once finished or expired the seed is revealed and every share can be recomputed from it.',
  },
  'redpacket.proof.commitment': { zh: '承诺值', en: 'Commitment' },
  'redpacket.proof.seed': { zh: '种子', en: 'Seed' },
  'redpacket.proof.hidden': {
    zh: '红包领完或过期后公开',
    en: 'Revealed once the packet is finished or expired',
  },
  'redpacket.proof.algorithm': { zh: '算法', en: 'Algorithm' },
  'redpacket.proof.checking': { zh: '正在浏览器中验算…', en: 'Checking in your browser…' },
  'redpacket.proof.ok': {
    zh: '验证通过：种子与承诺值一致，每一份金额都已在本浏览器中重新算出',
    en: 'Verified: the seed matches the commitment and every share was recomputed in this browser',
  },
  'redpacket.proof.failed': { zh: '验证未通过', en: 'Not verified' },
  'redpacket.proof.commitmentOk': { zh: '种子与承诺值一致', en: 'The seed matches the commitment' },
  'redpacket.proof.commitmentBad': {
    zh: '种子与承诺值不一致',
    en: 'The seed does not match the commitment',
  },
  'redpacket.proof.slot': { zh: '第 {n} 份', en: 'Share {n}' },
  'redpacket.proof.expected': { zh: '算出 {amount}', en: 'Recomputed {amount}' },
  'redpacket.proof.credited': { zh: '到账 {amount}', en: 'Credited {amount}' },
  'redpacket.proof.notOpened': { zh: '未领取', en: 'Not opened' },
  'redpacket.proof.offline': {
    zh: '也可以离线验证：',
    en: 'Or check it offline:',
  },
  'redpacket.proof.bias': {
    zh: '拼手气采用二倍均值法：各位置期望相同，但越晚领取金额波动越大（详见 README）。',
    en: 'Lucky draws use the double-average method: every position has the same expectation, but later shares vary more (see the README).',
  },
} as const
