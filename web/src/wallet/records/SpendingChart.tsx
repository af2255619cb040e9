import type { ReactNode } from 'react'
import { useI18n } from '../../shared/i18n'
import { formatFen } from '../../shared/money'
import type { StatementView } from './api'

const BAR_HEIGHT = 28
const LABEL_WIDTH = 120
const CHART_WIDTH = 320
const COLORS = ['#07c160', '#10aeff', '#fa9d3b', '#576b95', '#e64340', '#8e8e93']

/**
 * 支出构成 as horizontal bars (SVG, no chart library): one bar per category, its length the
 * category's share of the month's spending, the amount and share written beside it. Shares are
 * integer per-mille from integer fen, so the text never shows a float artefact.
 */
export function SpendingChart({
  categories,
  expenseFen,
}: {
  categories: StatementView['categories']
  expenseFen: number
}): ReactNode {
  const { t, lang } = useI18n()
  if (categories.length === 0 || expenseFen === 0) {
    return (
      <p className="lq-muted" data-testid="statement-no-spending">
        {t('statement.noSpending')}
      </p>
    )
  }
  const height = categories.length * BAR_HEIGHT
  const barSpace = CHART_WIDTH - LABEL_WIDTH
  return (
    <svg
      className="lq-spending-chart"
      viewBox={`0 0 ${CHART_WIDTH} ${height}`}
      role="img"
      aria-label={t('statement.categories')}
      data-testid="statement-chart"
    >
      {categories.map((category, index) => {
        const perMille = Math.round((category.amountFen * 1000) / expenseFen)
        const width = Math.max(2, Math.round((barSpace * category.amountFen) / expenseFen))
        const y = index * BAR_HEIGHT
        return (
          <g key={category.category ?? 'other'} data-testid="statement-bar">
            <text x={0} y={y + 12} className="lq-spending-chart__label">
              {category.label[lang]}
            </text>
            <text x={0} y={y + 24} className="lq-spending-chart__amount">
              {`${formatFen(category.amountFen)} · ${Math.floor(perMille / 10)}.${perMille % 10}%`}
            </text>
            <rect
              x={LABEL_WIDTH}
              y={y + 6}
              width={width}
              height={BAR_HEIGHT - 12}
              rx={4}
              fill={COLORS[index % COLORS.length]}
            />
          </g>
        )
      })}
    </svg>
  )
}
