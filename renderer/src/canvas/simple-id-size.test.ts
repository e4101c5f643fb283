import { describe, expect, it } from 'vitest';
import { SIMPLE_ID_PX } from './level-of-detail.js';
import { SIMPLE_ID_MIN_PX, SIMPLE_ID_ROOM_PX, idFontPx, idParts } from './simple-id-size.js';

describe("the simple box's id size", () => {
  it('breaks an id after its separators only', () => {
    expect(idParts('top_customers')).toEqual(['top_', 'customers']);
    expect(idParts('a.b-c_d')).toEqual(['a.', 'b-', 'c_', 'd']);
    expect(idParts('ingest')).toEqual(['ingest']);
  });

  it('keeps the large size while the widest part fits, and shrinks a wider one just enough', () => {
    expect(idFontPx(SIMPLE_ID_ROOM_PX)).toBe(SIMPLE_ID_PX);
    const size = idFontPx(SIMPLE_ID_ROOM_PX * 1.2);
    expect(size).toBeLessThan(SIMPLE_ID_PX);
    expect((SIMPLE_ID_ROOM_PX * 1.2 * size) / SIMPLE_ID_PX).toBeLessThanOrEqual(SIMPLE_ID_ROOM_PX);
  });

  it('never goes under its floor, however long the part', () => {
    expect(idFontPx(SIMPLE_ID_ROOM_PX * 10)).toBe(SIMPLE_ID_MIN_PX);
  });
});
