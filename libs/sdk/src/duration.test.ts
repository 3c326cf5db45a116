import { InvalidArgumentError } from '@pedigree/domain';
import { describe, expect, it } from 'vitest';
import { isIsoDuration, parseIsoDuration } from './duration.ts';

describe('parseIsoDuration', () => {
  it.each([
    ['PT1S', 1000],
    ['PT0.5S', 500],
    ['PT1M', 60_000],
    ['PT12H', 12 * 3_600_000],
    ['P1D', 86_400_000],
    ['P1W', 7 * 86_400_000],
    ['P30D', 30 * 86_400_000],
    ['P1M', 30 * 86_400_000],
    ['P1Y', 365 * 86_400_000],
    ['P1DT1H30M', 86_400_000 + 5_400_000],
    ['PT0S', 0],
  ])('%s is %d ms', (text, ms) => {
    expect(parseIsoDuration(text)).toBe(ms);
  });

  it.each(['', 'P', 'PT', '30 days', 'P1DX', 'xP1D', '1D', 'P1.5D', 'PT1.5H30M', 'p1d'])('rejects %j', (text) => {
    expect(() => parseIsoDuration(text)).toThrow(InvalidArgumentError);
    expect(isIsoDuration(text)).toBe(false);
  });

  it('rejects non-strings without crashing', () => {
    expect(() => parseIsoDuration(5 as unknown as string)).toThrow(InvalidArgumentError);
    expect(isIsoDuration(null)).toBe(false);
  });
});
