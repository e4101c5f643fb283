// The schemas do not import the contract (that would be a cycle), so their channels are checked
// here: the compiler already demands a schema for every channel (RequestOf indexes by channel);
// this also refuses a schema under a name no channel has, e.g. a typo.
import { describe, expect, it } from 'vitest';
import { CHANNELS } from './contract.js';
import { REQUEST_SCHEMAS } from './request-schemas.js';

describe('request schemas', () => {
  it('has exactly one schema per contract channel', () => {
    expect(Object.keys(REQUEST_SCHEMAS).sort()).toEqual(Object.values(CHANNELS).sort());
  });
});
