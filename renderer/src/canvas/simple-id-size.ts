// The simple box sets a step's id large (SIMPLE_ID_PX) so that it stays readable zoomed out, and
// breaks it after its separators ("revenue_by_" / "region"). A part too wide for the box at that
// size ("customers" beside the icons) would be clipped by the two-line clamp, so such an id is set
// smaller, as much as its widest part needs, down to SIMPLE_ID_MIN_PX: whole rather than cut off.
// Widths come from the canvas 2D text metrics of the studio's own font, once per id.
import { SIMPLE_ID_PX } from './level-of-detail.js';

/** The id's room in the 230 px box: less its 10 px left border, 2 × 10 px padding and the icons' column. */
export const SIMPLE_ID_ROOM_PX = 150;
/** The smallest the id is set: 6 px on screen even at the fit's furthest zoom, never clipped. */
export const SIMPLE_ID_MIN_PX = 20;

/** The id's parts as the box breaks them: after each `_`, `.` or `-`. */
export const idParts = (id: string): string[] => id.split(/(?<=[_.-])/);

/** The font size for an id whose widest part is `widestPx` wide when set at SIMPLE_ID_PX. */
export function idFontPx(widestPx: number): number {
  if (widestPx <= SIMPLE_ID_ROOM_PX) return SIMPLE_ID_PX;
  return Math.max(SIMPLE_ID_MIN_PX, Math.floor((SIMPLE_ID_PX * SIMPLE_ID_ROOM_PX) / widestPx));
}

let measure: CanvasRenderingContext2D | null | undefined;
const sizes = new Map<string, number>();

/** The simple box's font size for this id, in flow pixels. */
export function simpleIdPx(id: string): number {
  const known = sizes.get(id);
  if (known !== undefined) return known;
  if (measure === undefined) {
    measure = document.createElement('canvas').getContext('2d');
    if (measure) measure.font = `700 ${SIMPLE_ID_PX}px ${getComputedStyle(document.body).fontFamily}`;
  }
  const context = measure;
  const size = context
    ? idFontPx(Math.max(...idParts(id).map((part) => context.measureText(part).width)))
    : SIMPLE_ID_PX;
  sizes.set(id, size);
  return size;
}
