/** Strings of the merchant console's API keys page (WeChat Pay v3 credentials). */
export const merchantKeysMessages = {
  'merchant.keys.title': { zh: 'API 密钥', en: 'API keys' },
  'merchant.keys.intro': {
    zh: '微信支付 API v3 兼容接口的凭据：与命令 lingqian merchant credentials 相同。商户私钥只在生成时显示并下载一次，之后任何地方都不再提供。',
    en: 'Credentials for the WeChat Pay API v3 compatible interface, the same as `lingqian merchant credentials`. The merchant private key is shown and downloadable once, when generated, and never again.',
  },
  'merchant.keys.none': { zh: '还没有 API 凭据', en: 'No API credentials yet' },
  'merchant.keys.mchid': { zh: '商户号 mchid', en: 'mchid' },
  'merchant.keys.appid': { zh: 'appid', en: 'appid' },
  'merchant.keys.serial': { zh: '商户 API 证书序列号', en: 'Merchant API certificate serial' },
  'merchant.keys.keySource': { zh: '商户密钥来源', en: 'Merchant key' },
  'merchant.keys.source.generated': { zh: '平台生成', en: 'Generated here' },
  'merchant.keys.source.uploaded': { zh: '商户上传的公钥', en: 'Your uploaded public key' },
  'merchant.keys.platformKeyId': { zh: '平台密钥 ID', en: 'Platform key id' },
  'merchant.keys.mode': { zh: '验签模式', en: 'Key mode' },
  'merchant.keys.mode.pubkey': { zh: '微信支付公钥', en: 'WeChat Pay public key' },
  'merchant.keys.mode.cert': { zh: '平台证书', en: 'Platform certificate' },
  'merchant.keys.platformKeys': { zh: '有效的平台密钥', en: 'Valid platform keys' },
  'merchant.keys.validUntil': { zh: '有效期至', en: 'Valid until' },
  'merchant.keys.generate': { zh: '生成凭据', en: 'Generate credentials' },
  'merchant.keys.publicKey': {
    zh: '或上传自己的 RSA-2048 公钥（PEM，可选）',
    en: 'Or upload your own RSA-2048 public key (PEM, optional)',
  },
  'merchant.keys.rotate': { zh: '轮换平台密钥', en: 'Rotate the platform key' },
  'merchant.keys.rotated': {
    zh: '新平台密钥已成为默认，旧密钥仍然有效',
    en: 'The new platform key is the default; the old one stays valid',
  },
  'merchant.keys.once': {
    zh: '请立即下载并妥善保存：离开本页后私钥无法再次获取。',
    en: 'Download and keep it now: the private key cannot be shown again once you leave.',
  },
  'merchant.keys.download': { zh: '下载 credentials.json', en: 'Download credentials.json' },
  'merchant.keys.privateKey': { zh: '商户私钥', en: 'Merchant private key' },
  'merchant.keys.billHost': { zh: '账单下载地址', en: 'Bill download host' },
  'merchant.keys.billHost.server': { zh: '本服务器', en: 'This server' },
  'merchant.keys.billHost.official': {
    zh: 'api.mch.weixin.qq.com（wechatpay-node-v3 需要）',
    en: 'api.mch.weixin.qq.com (wechatpay-node-v3 needs it)',
  },
  'merchant.keys.ownerOnly': {
    zh: '只有店主可以管理 API 密钥',
    en: 'Only the owner manages API keys',
  },
} as const
