/**
 * `/pay/jsbridge.js`: lets a merchant's H5 page keep its WeChat code unchanged. Loaded with
 * `<script src="https://<lingqian>/pay/jsbridge.js"></script>`, it defines (unless WeChat's own
 * is there) `WeixinJSBridge.invoke('getBrandWCPayRequest', params, callback)`: it opens our pay
 * page /pay/jsapi with the signed params in a new window (the same window when pop-ups are
 * blocked, coming back to this page afterwards), and calls back with WeChat's answers —
 * `{err_msg: 'get_brand_wcpay_request:ok' | ':cancel' | ':fail'}` — when the page reports the
 * outcome (postMessage from our origin only). It also fires `WeixinJSBridgeReady`.
 */
export const JSBRIDGE_SCRIPT = `(function () {
  'use strict';
  if (window.WeixinJSBridge && !window.WeixinJSBridge.lingqian) return;
  var script = document.currentScript;
  var origin = new URL(script ? script.src : '/', location.href).origin;
  var FIELDS = ['appId', 'timeStamp', 'nonceStr', 'package', 'signType', 'paySign'];
  function payUrl(params, back) {
    var query = new URLSearchParams();
    FIELDS.forEach(function (name) { query.set(name, String(params[name] == null ? '' : params[name])); });
    if (back) query.set('redirect_url', location.href);
    return origin + '/pay/jsapi?' + query.toString();
  }
  function invoke(name, params, callback) {
    var done = typeof callback === 'function' ? callback : function () {};
    if (name !== 'getBrandWCPayRequest') {
      done({ err_msg: name + ':fail_not_supported' });
      return;
    }
    var opened = window.open(payUrl(params || {}, false), 'lingqian-pay');
    if (!opened) {
      location.assign(payUrl(params || {}, true));
      return;
    }
    function onMessage(event) {
      if (event.origin !== origin || !event.data || event.data.lingqian !== 'getBrandWCPayRequest') return;
      window.removeEventListener('message', onMessage);
      done({ err_msg: 'get_brand_wcpay_request:' + event.data.result });
    }
    window.addEventListener('message', onMessage);
  }
  window.WeixinJSBridge = { lingqian: true, invoke: invoke, on: function () {}, call: function () {} };
  var ready = function () { document.dispatchEvent(new Event('WeixinJSBridgeReady')); };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready);
  else setTimeout(ready, 0);
})();
`
