export { assertDataKeyMatches, checkedDataKey, dataKeyFingerprint, loadDataKey } from './secrets.ts'
