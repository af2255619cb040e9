/**
 * Merchant categories: MCC-like four-digit codes (ISO 18245 numbers) with the names the
 * consoles show and, later, the records' spending categories. A merchant has exactly one.
 */
export interface MerchantCategory {
  code: string
  zh: string
  en: string
}

export const MERCHANT_CATEGORIES = [
  { code: '5812', zh: '餐饮', en: 'Restaurants' },
  { code: '5814', zh: '咖啡与快餐', en: 'Cafés and fast food' },
  { code: '5411', zh: '超市便利店', en: 'Supermarkets and convenience stores' },
  { code: '5311', zh: '百货商店', en: 'Department stores' },
  { code: '5651', zh: '服装', en: 'Clothing' },
  { code: '5732', zh: '数码电器', en: 'Electronics' },
  { code: '5912', zh: '药店', en: 'Pharmacies' },
  { code: '4121', zh: '出行', en: 'Taxis and ride hailing' },
  { code: '7230', zh: '美容美发', en: 'Beauty and hair' },
  { code: '5999', zh: '其他零售', en: 'Other retail' },
] as const satisfies readonly MerchantCategory[]

export type MerchantCategoryCode = (typeof MERCHANT_CATEGORIES)[number]['code']
export const MERCHANT_CATEGORY_CODES: readonly MerchantCategoryCode[] = MERCHANT_CATEGORIES.map(
  (category) => category.code,
)
export const DEFAULT_MERCHANT_CATEGORY: MerchantCategoryCode = '5999'

export function isMerchantCategoryCode(value: string): value is MerchantCategoryCode {
  return (MERCHANT_CATEGORY_CODES as readonly string[]).includes(value)
}
