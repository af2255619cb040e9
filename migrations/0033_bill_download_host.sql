-- Issue 13, bills: where a merchant's download_url points. wechatpay-node-v3 signs
-- downloadBill(url) over the path only when the host is exactly https://api.mch.weixin.qq.com
-- (reference §0 point 4), so a merchant using it asks for the official host and its transport
-- rewrites it to ours; 'server' (the default) is our own public URL. Owned by merchant-api.
ALTER TABLE merchant_api_credentials
  ADD COLUMN bill_download_host text NOT NULL DEFAULT 'server'
    CHECK (bill_download_host IN ('server', 'official'));
