// A scrolling list of rows of one height where only the rows in view (and a few either side)
// are in the DOM: a history of 100,000 runs scrolls like one of ten. Asks for more rows when
// the view nears the end of those it has.
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';

const OVERSCAN = 8;
/** How close to the end, in screens, the view gets before more rows are asked for. */
const NEAR_END_SCREENS = 2;

export interface WindowedRowsProps {
  count: number;
  rowHeight: number;
  row: (index: number) => ReactNode;
  onNearEnd?: () => void;
  testId: string;
}

export function WindowedRows({ count, rowHeight, row, onNearEnd, testId }: WindowedRowsProps) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useEffect(() => {
    const element = viewport.current;
    if (!element) return undefined;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (onNearEnd && scrollTop + height * (1 + NEAR_END_SCREENS) >= count * rowHeight) onNearEnd();
  }, [onNearEnd, scrollTop, height, count, rowHeight]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  const rows: ReactNode[] = [];
  for (let index = first; index < last; index += 1) {
    rows.push(
      <li key={index} className="windowed-row" style={{ top: index * rowHeight, height: rowHeight }}>
        {row(index)}
      </li>,
    );
  }
  return (
    <div
      className="windowed-rows"
      ref={viewport}
      data-testid={testId}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <ul style={{ height: count * rowHeight }}>{rows}</ul>
    </div>
  );
}
