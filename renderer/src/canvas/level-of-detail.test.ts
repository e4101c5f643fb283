import { describe, expect, it } from 'vitest';
import {
  FIT_MIN_ZOOM,
  OVERVIEW_ZOOM,
  READABLE_PX,
  SIMPLE_ID_PX,
  SIMPLE_ZOOM,
  detailAt,
  screenPx,
} from './level-of-detail.js';

describe('level of detail', () => {
  it('draws a step in full at 100%, as a simple box when its small text gets unreadable, and as the overview further out', () => {
    expect(detailAt(1)).toBe('detailed');
    expect(detailAt(SIMPLE_ZOOM)).toBe('detailed');
    expect(detailAt(SIMPLE_ZOOM - 0.01)).toBe('simple');
    expect(detailAt(FIT_MIN_ZOOM)).toBe('simple');
    expect(detailAt(OVERVIEW_ZOOM - 0.01)).toBe('overview');
  });

  it("switches to the simple box before the detailed node's 11 px command falls under the readable size", () => {
    expect(screenPx(11, SIMPLE_ZOOM)).toBeGreaterThanOrEqual(READABLE_PX);
    expect(screenPx(11, SIMPLE_ZOOM - 0.02)).toBeLessThan(READABLE_PX);
  });

  it("fits no further out than the simple box's id stays readable, and that zoom still draws nodes", () => {
    expect(screenPx(SIMPLE_ID_PX, FIT_MIN_ZOOM)).toBeGreaterThanOrEqual(READABLE_PX);
    expect(FIT_MIN_ZOOM).toBeGreaterThan(OVERVIEW_ZOOM);
    expect(FIT_MIN_ZOOM).toBeLessThan(SIMPLE_ZOOM);
  });
});
