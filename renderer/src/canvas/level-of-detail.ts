// How much of a step the canvas draws at a zoom. Zoomed in, a step shows everything (command,
// environment, outputs, tests, handles). Below SIMPLE_ZOOM its 11–13 px text would be too small
// to read, so it becomes a plain box with its id in large type on its status colour. Below
// OVERVIEW_ZOOM even that is too small, and the whole pipeline is drawn as one picture
// (CanvasOverview). Fitting the view never zooms out past FIT_MIN_ZOOM, where the simple
// box's id is still READABLE_PX tall on screen.

/** The smallest text, in screen pixels, that the canvas expects people to read. */
export const READABLE_PX = 9;
/** The font size of a step's id in the simple box, in flow pixels (the box is 230 × 68). */
export const SIMPLE_ID_PX = 30;
/** The detailed node's smallest text (its command) in flow pixels. */
const DETAILED_TEXT_PX = 11;

/** Below this zoom a step is drawn as the simple box: the detailed node's command would be under READABLE_PX. */
export const SIMPLE_ZOOM = Math.ceil((READABLE_PX / DETAILED_TEXT_PX) * 100) / 100;
/** Fitting stops zooming out here: the simple box's id is READABLE_PX on screen. */
export const FIT_MIN_ZOOM = Math.ceil((READABLE_PX / SIMPLE_ID_PX) * 100) / 100;
/** Below this zoom the canvas draws the overview picture instead of nodes. */
export const OVERVIEW_ZOOM = 0.25;

export type Detail = 'detailed' | 'simple' | 'overview';

export function detailAt(zoom: number): Detail {
  if (zoom < OVERVIEW_ZOOM) return 'overview';
  return zoom < SIMPLE_ZOOM ? 'simple' : 'detailed';
}

/** The on-screen size, in pixels, of text of this flow size at a zoom. */
export const screenPx = (flowPx: number, zoom: number): number => flowPx * zoom;
