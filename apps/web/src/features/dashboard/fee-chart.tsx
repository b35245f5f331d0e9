import { Details, Heading } from '@digdir/designsystemet-react';
import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';
import { RefObject, useEffect, useRef, useState } from 'react';
import type { Schemas } from '../../api/client';
import { AllocationTable } from '../../components/allocation-table';
import { formatNok, localeOf } from '../../i18n/formats';
import { useLanguage, useMessages } from '../../i18n/i18n';
import { dashboardMessages } from './dashboard.messages';

type FeeTable = Schemas['FeeTableResponse'];
type Series = 'current' | 'new';

const SERIES: readonly Series[] = ['current', 'new'];
const ROW_HEIGHT = 40;
const MARGIN = { top: 8, right: 24, bottom: 32 };
// Room for the longest municipality name at the chart's 12 px labels.
const NAME_WIDTH_PER_CHAR = 7;
// Compact labels such as "10 mill." need about this much room each.
const TICK_SPACING = 80;

function useWidth(ref: RefObject<HTMLElement | null>, initial: number): number {
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/**
 * Each member's fee now and after the round, as grouped bars. The bars are drawn from the
 * kroner as numbers (a picture needs no øre); every figure a reader may quote is in the table
 * under "Vis tall", written from the exact strings.
 */
export function FeeChart({ fees, roundTitle, headingLevel }: { fees: FeeTable; roundTitle: string; headingLevel: 3 | 4 }) {
  const t = useMessages(dashboardMessages);
  const { language } = useLanguage();
  const frame = useRef<HTMLDivElement>(null);
  const width = useWidth(frame, 640);
  const items = fees.items;

  const left = Math.min(200, 16 + NAME_WIDTH_PER_CHAR * Math.max(4, ...items.map((item) => item.name.length)));
  const innerWidth = Math.max(120, width - left - MARGIN.right);
  const innerHeight = Math.max(1, items.length) * ROW_HEIGHT;
  const height = innerHeight + MARGIN.top + MARGIN.bottom;
  const max = Math.max(1, ...items.flatMap((item) => [Number(item.currentFee), Number(item.newFee)]));

  const x = scaleLinear<number>({ domain: [0, max], range: [0, innerWidth], nice: true });
  const tickCount = Math.max(2, Math.min(6, Math.floor(innerWidth / TICK_SPACING)));
  const y = scaleBand<string>({ domain: items.map((item) => item.municipalityNumber), range: [0, innerHeight], padding: 0.2 });
  const series = scaleBand<Series>({ domain: [...SERIES], range: [0, y.bandwidth()], padding: 0.08 });
  const names = new Map(items.map((item) => [item.municipalityNumber, item.name]));
  const compact = new Intl.NumberFormat(localeOf(language), { notation: 'compact', maximumFractionDigits: 1 });
  const caption = t('feesCaption', { round: roundTitle });
  const label = t('chartLabel', { current: formatNok(fees.sum.currentFee, language), new: formatNok(fees.sum.newFee, language) });

  return (
    <div className="fee-chart stack">
      <Heading level={headingLevel} data-size="2xs">
        {t('feesTitle')}
      </Heading>
      <ul className="fee-chart__legend" aria-hidden>
        {SERIES.map((key) => (
          <li key={key}>
            <span className={`fee-chart__swatch fee-chart__swatch--${key}`} />
            {key === 'current' ? t('legendCurrent') : t('legendNew')}
          </li>
        ))}
      </ul>
      <div ref={frame} className="fee-chart__frame">
        <svg role="img" aria-label={label} width={width} height={height} className="fee-chart__svg" focusable="false">
          <Group left={left} top={MARGIN.top}>
            {x.ticks(tickCount).map((tick) => (
              <line key={tick} className="fee-chart__grid" x1={x(tick)} x2={x(tick)} y1={0} y2={innerHeight} />
            ))}
            {items.map((item) => (
              <Group key={item.municipalityNumber} top={y(item.municipalityNumber) ?? 0}>
                {SERIES.map((key) => {
                  const amount = Number(key === 'current' ? item.currentFee : item.newFee);
                  return (
                    <Bar
                      key={key}
                      className={`fee-chart__bar fee-chart__bar--${key}`}
                      x={0}
                      y={series(key) ?? 0}
                      width={Math.max(0, x(amount))}
                      height={series.bandwidth()}
                    />
                  );
                })}
              </Group>
            ))}
            <AxisLeft
              scale={y}
              hideTicks
              stroke="currentColor"
              tickFormat={(number) => names.get(number) ?? number}
              tickLabelProps={{ fill: 'currentColor', fontFamily: 'inherit', fontSize: 12 }}
            />
            <AxisBottom
              top={innerHeight}
              scale={x}
              numTicks={tickCount}
              stroke="currentColor"
              tickStroke="currentColor"
              tickFormat={(value) => compact.format(Number(value))}
              tickLabelProps={{ fill: 'currentColor', fontFamily: 'inherit', fontSize: 12 }}
            />
          </Group>
        </svg>
      </div>
      <Details>
        <Details.Summary>{t('showFigures')}</Details.Summary>
        <Details.Content>
          <AllocationTable rows={items} caption={caption} />
        </Details.Content>
      </Details>
    </div>
  );
}
